import { mkdirSync, mkdtempSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { cli } from './run-cli.js';

let dir: string;
beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'dcdpolicy-bad-'));
});

/** One line on stderr, no stack trace, a non-zero exit. */
function expectOneLineError(run: { code: number; stderr: string }, pattern: RegExp): void {
    expect(run.code).not.toBe(0);
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(pattern);
    expect(run.stderr).not.toMatch(/\n\s+at /);
}

describe('bad input gets one clear line on stderr and a non-zero exit (LANGUAGE.md §7)', () => {
    for (const command of ['check', 'simulate', 'test']) {
        test(`${command}: a missing path`, async () => {
            expectOneLineError(await cli(command, join(dir, 'nope.dcdpolicy')), /^dcdpolicy: cannot read '.*nope\.dcdpolicy': no such file or directory$/);
        });
    }

    test('a directory without policies', async () => {
        const empty = join(dir, 'empty');
        mkdirSync(empty);
        expectOneLineError(await cli('check', empty), /holds no \.dcdpolicy files/);
    });

    test('a binary file', async () => {
        const path = join(dir, 'binary.dcdpolicy');
        writeFileSync(path, Buffer.from([0x68, 0x6f, 0x73, 0x74, 0x00, 0x01, 0x02]));
        expectOneLineError(await cli('simulate', path), /binary file \(NUL byte at offset 4\)/);
    });

    test('invalid UTF-8', async () => {
        const path = join(dir, 'latin1.dcdpolicy');
        writeFileSync(path, Buffer.concat([Buffer.from('host h { kernel dcd-v11 } // caf'), Buffer.from([0xe9, 0x0a])]));
        expectOneLineError(await cli('check', path), /not valid UTF-8 text \(byte offset 32\)/);
    });

    test('a 100 MB file is refused before it is read', async () => {
        const path = join(dir, 'huge.dcdpolicy');
        writeFileSync(path, '');
        truncateSync(path, 100 * 1024 * 1024);
        expectOneLineError(await cli('test', path), /is 100\.0 MiB; dcdpolicy reads policy files up to 16 MiB/);
    });

    test('an unterminated comment is one lexing error at the /*', async () => {
        const path = join(dir, 'unterminated.dcdpolicy');
        writeFileSync(path, 'host h { kernel dcd-v11 }\n/* a comment\nthat never ends\nregion r { }\n');
        const run = await cli('check', path);
        expect(run.code).toBe(1);
        expect(run.stdout.trimEnd().split('\n')).toEqual([
            `${path}:2:1: error syntax/lexing-error: unterminated comment: this '/*' is never closed; add '*/' where the comment ends`
        ]);
    });

    test('an unknown kernel profile on the command line', async () => {
        const path = join(dir, 'ok.dcdpolicy');
        writeFileSync(path, 'host h { kernel dcd-v11 }\n');
        const run = await cli('simulate', path, '--kernel', 'dcd-v12');
        expect(run.code).toBe(2);
        expect(run.stderr).toMatch(/unknown kernel profile 'dcd-v12'; use one of dcd-v9, dcd-v11, sysram-rfc/);
    });
});
