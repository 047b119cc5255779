/**
 * The bad-input corpus (test/resources/bad-input/, plus huge inputs generated here at test time):
 * every input gets clear diagnostics or one clear line on stderr, in bounded time and memory,
 * never a stack trace. Small cases run the CLI in-process; huge ones run the built CLI
 * (`node bin/dcdpolicy.js`, built by `npx tsc -p .` into out/) as a child process with a time
 * limit and a 512 MiB heap, so a hang or a blow-up fails the test instead of the runner.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync, createWriteStream, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { beforeAll, describe, expect, test } from 'vitest';
import { cli } from '../cli/run-cli.js';

const root = join(import.meta.dirname, '..', '..');
const corpus = join(root, 'test', 'resources', 'bad-input');
const bin = join(root, 'bin', 'dcdpolicy.js');
/** Generous limits: the slowest CI machine must pass them; a hang or a quadratic blow-up must not. */
const CHILD_TIMEOUT_MS = 20_000;

let dir: string;
beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'dcdpolicy-bad-input-'));
    if (!existsSync(join(root, 'out', 'cli', 'main.js')) || !existsSync(join(root, 'out', 'cli', 'interop', 'qmp-import.js'))) {
        throw new Error('out/ is missing or older than the QMP import: run `npx tsc -p .` (npm ci does it) before the bad-input tests');
    }
});

/** Runs the built CLI in a child process with a time limit and a 512 MiB heap. */
function runBuilt(...args: string[]): { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string; ms: number } {
    const start = performance.now();
    const run = spawnSync(process.execPath, ['--max-old-space-size=512', bin, ...args], {
        cwd: root, encoding: 'utf8', timeout: CHILD_TIMEOUT_MS, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1' },
    });
    return { code: run.status, signal: run.signal, stdout: run.stdout, stderr: run.stderr, ms: performance.now() - start };
}

/** One line on stderr, no stack trace, a non-zero exit. */
function expectOneLineError(run: { code: number | null; stderr: string }, pattern: RegExp): void {
    expect(run.code).not.toBe(0);
    expect(run.code).not.toBeNull();
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(pattern);
    expect(run.stderr).not.toMatch(/\n\s+at /);
}

/** Diagnostics without the file name: `line:col: severity code: message`. */
function withoutFile(stdout: string): string[] {
    return stdout.trimEnd().split('\n').map(l => l.replace(/^.*?\.dcdpolicy:/, ''));
}

/** Writes a scenario of `n` add events (about 80 bytes each) without holding it in memory. */
async function writeEvents(path: string, n: number): Promise<void> {
    const out = createWriteStream(path);
    out.write('host h { kernel dcd-v11 }\ndevice mem0 { static_capacity 0 model qemu partition dc0 { base 0x0 length 4TiB block_size 2MiB } }\n'
        + 'region r { partition mem0.dc0 driver dax accept any }\nscenario many {\n');
    let chunk = '';
    for (let i = 0; i < n; i++) {
        chunk += `    at ${i}ms add mem0.dc0 untagged extent 0x${(i * 0x200000).toString(16)} size 2MiB as e${i}\n`;
        if (chunk.length > 1 << 20) {
            if (!out.write(chunk)) await once(out, 'drain');
            chunk = '';
        }
    }
    out.end(chunk + '}\n');
    await once(out, 'finish');
}

describe('committed bad inputs (test/resources/bad-input)', () => {
    test('an empty file: no diagnostics, no scenario', async () => {
        const path = join(corpus, 'empty.dcdpolicy');
        const checked = await cli('check', path);
        expect([checked.code, checked.stdout, checked.stderr]).toEqual([0, '', '1 file checked: 0 errors, 0 other diagnostics\n']);
        const tested = await cli('test', path);
        expect([tested.code, tested.stdout]).toEqual([0, '0 passed, 0 failed\n']);
        expectOneLineError(await cli('simulate', path), /^dcdpolicy: no scenario in .*empty\.dcdpolicy$/);
    });

    test('NUL bytes: one line naming the offset', async () => {
        for (const command of ['check', 'simulate', 'test', 'compare']) {
            expectOneLineError(await cli(command, join(corpus, 'nul-bytes.dcdpolicy')), /^dcdpolicy: '.*nul-bytes\.dcdpolicy' is a binary file \(NUL byte at offset 27\), not a \.dcdpolicy policy$/);
        }
        expectOneLineError(await cli('import', 'qmp', join(corpus, 'nul-bytes.dcdpolicy')), /^dcdpolicy: '.*nul-bytes\.dcdpolicy' is a binary file \(NUL byte at offset 27\), not a QMP log$/);
    });

    test('invalid UTF-8: one line naming the offset', async () => {
        expectOneLineError(await cli('check', join(corpus, 'invalid-utf8.dcdpolicy')), /^dcdpolicy: '.*invalid-utf8\.dcdpolicy' is not valid UTF-8 text \(byte offset 32\)$/);
        expectOneLineError(await cli('import', 'qmp', join(corpus, 'invalid-utf8.dcdpolicy')), /is not valid UTF-8 text$/);
    });

    test('CRLF, mixed CR/LF/CRLF line ends and a byte-order mark parse normally, with the line numbers of the LF text', async () => {
        const lf = readFileSync(join(corpus, 'crlf.dcdpolicy'), 'utf8').replace(/\r\n/g, '\n');
        const lfPath = join(dir, 'lf.dcdpolicy');
        writeFileSync(lfPath, lf);
        const expected = withoutFile((await cli('check', lfPath)).stdout);
        expect(expected).toEqual([
            expect.stringMatching(/^3:23: error host\/memory-block-size-not-power-of-two: /),
            expect.stringMatching(/^3:23: error size\/decimal-unit: /),
            expect.stringMatching(/^9:55: error partition\/block-size-not-power-of-two: /),
        ]);
        for (const name of ['crlf', 'mixed-line-ends', 'bom']) {
            const run = await cli('check', join(corpus, `${name}.dcdpolicy`));
            expect(run.code, name).toBe(1);
            expect(withoutFile(run.stdout), name).toEqual(expected);
            const json = JSON.parse((await cli('check', join(corpus, `${name}.dcdpolicy`), '--format', 'json')).stdout);
            expect(json.map((d: { line: number }) => d.line), name).toEqual([3, 3, 9]);
        }
        expect(readFileSync(join(corpus, 'mixed-line-ends.dcdpolicy'), 'latin1')).toMatch(/\r[^\n][\s\S]*\r\n[\s\S]*[^\r]\n/);
    });

    test('a QMP log with garbage lines: each reported as FILE:LINE, the rest imported', async () => {
        const path = join(corpus, 'garbage.qmp');
        const run = await cli('import', 'qmp', path);
        expect(run.code).toBe(0);
        expect(run.stderr.trimEnd().split('\n')).toEqual([
            `${path}:4: cannot read: not a QMP object or qmp-shell command: 'this line is not QMP'`,
            `${path}:7: cannot read: unterminated JSON object (no closing '}')`,
            `${path}:8: cannot read: unterminated JSON object (no closing '}')`,
            `${path}:9: cannot read: not a QMP object or qmp-shell command: '%%%% binary-ish junk ÿþ %%%%'`,
            `${path}:10: cannot read: 'len' must be a non-negative integer (uint64), not "lots"`,
        ]);
        expect(run.stdout).toMatch(/at 0s add cxl-dcd0\.dc0 untagged extent 0x0 size 256MiB as add_1/);
        expect(run.stdout).toMatch(/at 1s release cxl-dcd0\.dc0 untagged extent 0x0 size 256MiB as release_2/);
    });

    test('import qmp: a missing file, a directory, an empty log', async () => {
        expectOneLineError(await cli('import', 'qmp', join(dir, 'nope.qmp')), /^dcdpolicy: cannot read '.*nope\.qmp': no such file or directory$/);
        expectOneLineError(await cli('import', 'qmp', dir), /is a directory; name a QMP log file$/);
        expectOneLineError(await cli('import', 'qmp', join(corpus, 'empty.dcdpolicy')), /^dcdpolicy: nothing to import from '.*empty\.dcdpolicy'/);
        expectOneLineError(await cli('import', 'qmp', join(corpus, 'garbage.qmp'), '--static-capacity', '100MB'), /'100MB' is not a size/);
        expectOneLineError(await cli('import', 'qmp', join(corpus, 'garbage.qmp'), '--static-capacity', '100MiB'), /^dcdpolicy: the static capacity must be a multiple of 256MiB/);
    });
});

describe('huge inputs, generated at test time, through the built CLI', () => {
    test('a 100 MB file is refused before it is read (check and import qmp)', () => {
        const path = join(dir, 'huge.dcdpolicy');
        writeFileSync(path, '');
        truncateSync(path, 100 * 1024 * 1024);
        const run = runBuilt('check', path);
        expectOneLineError(run, /^dcdpolicy: '.*huge\.dcdpolicy' is 100\.0 MiB; dcdpolicy reads policy files up to 16 MiB$/);
        expect(run.ms).toBeLessThan(10_000);
        expectOneLineError(runBuilt('import', 'qmp', path), /is 100\.0 MiB; dcdpolicy reads QMP logs up to 16 MiB$/);
    });

    test('10,000-deep nested braces: two syntax errors, in bounded time and memory', () => {
        const path = join(dir, 'deep.dcdpolicy');
        writeFileSync(path, 'host h { kernel dcd-v11 }\nscenario s ' + '{'.repeat(10_000) + '}'.repeat(10_000) + '\n');
        const run = runBuilt('check', path);
        expect(run.signal).toBeNull();
        expect(run.code).toBe(1);
        expect(withoutFile(run.stdout)).toEqual([
            "2:13: error syntax/parsing-error: Expecting token of type '}' but found `{`.",
            "2:10013: error syntax/parsing-error: Expecting token of type 'EOF' but found `}`.",
        ]);
        expect(run.stderr).toBe('1 file checked: 2 errors, 0 other diagnostics\n');
        expect(run.ms).toBeLessThan(10_000);
    });

    test('10,000 nested QMP objects: one line, the log read on', () => {
        const path = join(dir, 'deep.qmp');
        writeFileSync(path, '{'.repeat(10_000) + '}'.repeat(10_000) + '\n' + readFileSync(join(root, 'test', 'resources', 'qmp', 'tagged-8g-add-release.qmp'), 'utf8'));
        const run = runBuilt('import', 'qmp', path);
        expect(run.code).toBe(0);
        expect(run.stderr).toBe(`${path}:1: cannot read: the object nests deeper than 64 levels\n`);
        expect(run.ms).toBeLessThan(10_000);
    });

    test('a 10,000-character identifier is a name like any other', () => {
        const path = join(dir, 'long-id.dcdpolicy');
        const id = 'd'.repeat(10_000);
        writeFileSync(path, `host h { kernel dcd-v11 }\ndevice ${id} { static_capacity 0 model qemu partition dc0 { base 0 length 256MiB block_size 2MiB } }\n`
            + `region r { partition ${id}.dc0 driver dax accept any }\nscenario s { at 0s add ${id}.dc0 untagged extent 0x0 size 2MiB as a expect a accepted }\n`);
        const checked = runBuilt('check', path);
        expect([checked.code, checked.stdout, checked.stderr]).toEqual([0, '', '1 file checked: 0 errors, 0 other diagnostics\n']);
        const tested = runBuilt('test', path);
        expect(tested.code).toBe(0);
        expect(tested.stdout.trimEnd().split('\n').at(-1)).toBe('1 passed, 0 failed');
        expect(checked.ms + tested.ms).toBeLessThan(20_000);
    });

    test('a 1M-event scenario (about 80 MB of text) is refused as too large, in one line', async () => {
        const path = join(dir, 'million.dcdpolicy');
        await writeEvents(path, 1_000_000);
        for (const command of ['check', 'test', 'simulate']) {
            const run = runBuilt(command, path);
            expectOneLineError(run, /^dcdpolicy: '.*million\.dcdpolicy' is \d+\.\d MiB; dcdpolicy reads policy files up to 16 MiB$/);
            expect(run.ms).toBeLessThan(10_000);
        }
    });

    test('a 15 MB QMP log of garbage and commands: bounded time, no crash', () => {
        const path = join(dir, 'big-garbage.qmp');
        const add = (i: number) => `{"execute": "cxl-add-dynamic-capacity", "arguments": {"path": "/machine/peripheral/d", "host-id": 0, "selection-policy": "prescriptive", "region": 0, "extents": [{"offset": ${i * 2097152}, "len": 2097152}]}}`;
        const lines: string[] = [];
        let size = 0;
        for (let i = 0; size < 15 * 1024 * 1024; i++) {
            const line = i % 7 === 0 ? add(i) : i % 7 === 1 ? '{"return": {}}' : i % 7 === 2 ? '{ "unterminated": [1, 2' : i % 7 === 3 ? '}}}] garbage {{{' : i % 7 === 4 ? `junk ${i}` : i % 7 === 5 ? '{"a": "' + 'x'.repeat(100) : '"dangling string';
            lines.push(line);
            size += line.length + 1;
        }
        writeFileSync(path, lines.join('\n') + '\n');
        const run = runBuilt('import', 'qmp', path, '--max-extents', '100000', '-o', join(dir, 'big-garbage.dcdpolicy'));
        expect(run.signal).toBeNull();
        expect(run.code).toBe(0);
        expect(run.stderr).not.toMatch(/\n\s+at /);
        expect(run.stderr.split('\n').filter(l => /: cannot read: /.test(l)).length).toBeGreaterThan(1000);
        expect(run.ms).toBeLessThan(CHILD_TIMEOUT_MS);
    });

    // Langium keeps the AST and CST of every line (~5 KB a line), so this stays at 20,000 events
    // within the 512 MiB heap of runBuilt; linking is indexed (DcdPolicyScopeProvider), so time grows linearly.
    test('a 20,000-event scenario checks in bounded time and memory', async () => {
        const path = join(dir, 'twenty-thousand.dcdpolicy');
        await writeEvents(path, 20_000);
        const run = runBuilt('check', path);
        expect(run.signal).toBeNull();
        expect(run.code).toBe(0);
        expect(run.ms).toBeLessThan(CHILD_TIMEOUT_MS);
    });
});
