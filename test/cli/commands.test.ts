import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { cli } from './run-cli.js';

const samples = join(import.meta.dirname, '..', '..', 'samples');
const sample = (name: string) => join(samples, name);

function tempPolicy(name: string, text: string): string {
    const path = join(mkdtempSync(join(tmpdir(), 'dcdpolicy-cli-')), name);
    writeFileSync(path, text);
    return path;
}

const BROKEN_HOST = `host lab {
    kernel dcd-v11
    memory_block_size 512MB
}
`;

describe('dcdpolicy check (LANGUAGE.md §7)', () => {
    test('prints file:line:col: severity code: message and exits 1 on an error', async () => {
        const path = tempPolicy('broken.dcdpolicy', BROKEN_HOST);
        const run = await cli('check', path);
        expect(run.code).toBe(1);
        expect(run.stdout).toMatch(new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3:23: error size/decimal-unit: .*512MiB`, 'm'));
    });

    test('a clean sample exits 0 with no error lines', async () => {
        const run = await cli('check', sample('set-a-prime.dcdpolicy'));
        expect(run.stdout).not.toMatch(/: error /);
        expect(run.code).toBe(0);
    });
});

describe('dcdpolicy simulate', () => {
    test('--format json is the LANGUAGE.md §8 document', async () => {
        const run = await cli('simulate', sample('flagship-sysram-private-pool.dcdpolicy'), '--format', 'json');
        expect(run.code).toBe(0);
        const doc = JSON.parse(run.stdout);
        expect(Object.keys(doc)).toEqual(['file', 'scenarios']);
        const [scenario] = doc.scenarios;
        expect(Object.keys(scenario)).toEqual(['name', 'kernel', 'host', 'events', 'extents', 'regions', 'dax', 'expectations']);
        expect(scenario).toMatchObject({ name: 'feb2026_sysram_story', kernel: 'sysram-rfc', host: 'lab01' });
        expect(Object.keys(scenario.events[0])).toEqual(['index', 'label', 't_ns', 'line', 'action', 'outcome', 'reason', 'errno', 'detail']);
        expect(scenario.events[0]).toMatchObject({ index: 0, label: 'set_a', t_ns: 0, action: 'add', outcome: 'accepted', reason: null });
        const extent = scenario.extents.find((e: { id: string }) => e.id === 'mem0.dc0@0x0');
        expect(extent).toMatchObject({ partition: 'mem0.dc0', offset: 0, dpa: 0x80000000, length: 256 * 2 ** 20, region: 'pool0', state: 'released' });
        expect(extent.timeline.map((p: { state: string }) => p.state)).toEqual(['staged', 'accepted', 'online', 'released']);
        expect(extent.timeline[2]).toMatchObject({ zone: 'movable', node_state: 'N_MEMORY_PRIVATE' });
        expect(Object.keys(scenario.regions[0])).toEqual(['name', 'extents', 'accepted_bytes', 'online_bytes', 'zone', 'node_state', 'memmap_bytes']);
        expect(scenario.expectations.every((e: { passed: boolean }) => e.passed)).toBe(true);
    });

    test('--scenario picks one scenario; an unknown one is a one-line error', async () => {
        const one = await cli('simulate', sample('compare-kernels.dcdpolicy'), '--scenario', 'one_offer_v9', '--format', 'json');
        expect(JSON.parse(one.stdout).scenarios.map((s: { name: string }) => s.name)).toEqual(['one_offer_v9']);
        const none = await cli('simulate', sample('compare-kernels.dcdpolicy'), '--scenario', 'nope');
        expect(none.code).toBe(2);
        expect(none.stderr.trim()).toMatch(/^dcdpolicy: no scenario named 'nope' in /);
    });

    test('--kernel overrides the profile', async () => {
        const run = await cli('simulate', sample('compare-kernels.dcdpolicy'), '--scenario', 'one_offer', '--kernel', 'dcd-v9', '--format', 'json');
        const [scenario] = JSON.parse(run.stdout).scenarios;
        expect(scenario.kernel).toBe('dcd-v9');
        expect(scenario.events[0]).toMatchObject({ label: 'tagged', outcome: 'rejected', reason: 'tagged-unsupported' });
    });

    test('text draws one lane per extent with its states and reasons', async () => {
        const run = await cli('simulate', sample('set-a-prime.dcdpolicy'));
        expect(run.stdout).toMatch(/famdev\.dc0@0x10000000 .*\n\s+1s staged ▸ rejected tag-in-use/);
        expect(run.stdout).toMatch(/✓ \d+ events · .* expectations/);
    });

    test('svg is one well-formed drawing with a lane per extent', async () => {
        const run = await cli('simulate', sample('qemu-refusals.dcdpolicy'), '--format', 'svg');
        expect(run.stdout.trimStart().startsWith('<svg')).toBe(true);
        expect(run.stdout.match(/data-extent="/g)?.length).toBeGreaterThan(3);
    });

    test('a file with a syntax error is a file error (exit 1)', async () => {
        const path = tempPolicy('syntax.dcdpolicy', 'host h { kernel dcd-v11 }\nscenario s { at 0s add }\n');
        const run = await cli('simulate', path);
        expect(run.code).toBe(1);
        expect(run.stderr).toMatch(/:2:\d+: error syntax\/parsing-error: /);
    });
});

describe('dcdpolicy test', () => {
    test('a failing expectation: ✗ with the actual value, last line N passed, N failed, exit 1', async () => {
        const path = tempPolicy('fails.dcdpolicy', `host h { kernel dcd-v11 node 0 dram 8GiB }
device d { static_capacity 0 model qemu partition dc0 { base 0x0 length 1GiB block_size 2MiB } }
region r { partition d.dc0 driver dax accept any }
scenario s {
    at 0s add d.dc0 untagged extent 0x0 size 64MiB as a
    expect a accepted
    expect region r accepted 128MiB
}
`);
        const run = await cli('test', path);
        const lines = run.stdout.trimEnd().split('\n');
        expect(lines).toContain('    ✗ 7: expect region r accepted 128MiB — actual: 64MiB');
        expect(lines.at(-1)).toBe('1 passed, 1 failed');
        expect(run.code).toBe(1);
    });
});

describe('dcdpolicy compare', () => {
    test('one column per kernel; rows that differ are marked', async () => {
        const run = await cli('compare', sample('compare-kernels.dcdpolicy'), '--scenario', 'one_offer', '--kernel', 'dcd-v9,dcd-v11');
        expect(run.code).toBe(0);
        expect(run.stdout).toMatch(/dcd-v9\s+dcd-v11/);
        expect(run.stdout).toMatch(/≠.*tagged\s+rejected tagged-unsupported.*accepted/);
        expect(run.stdout).not.toMatch(/sysram-rfc\s*$/m);
    });
});
