/**
 * Every reason code of LANGUAGE.md §5 is produced by at least one rule: a table of scenarios,
 * one per code, each checked to really produce it.
 */
import { describe, expect, it } from 'vitest';
import { REASON_CODES, type ScenarioResult } from '../../language/model/index.js';
import { Scenario, act, device, host, region, s, world, GiB, MiB, OTHER, POOL } from './builder.js';

const cxlTest = (kernel: 'dcd-v9' | 'dcd-v11' | 'sysram-rfc' = 'dcd-v11', o: Parameters<typeof world>[0] = {}) =>
    world({ hosts: [host(kernel)], devices: [device('mem0', { model: 'cxl_test', partitions: [{ blockSize: 64 * 1024 }] })], ...o });
const sys = (zone: 'normal' | 'movable') => world({ hosts: [host('sysram-rfc')], regions: [region('r0', { driver: 'sysram', zone })] });
const list = (n: number): Array<[number, number]> => Array.from({ length: n }, (_, i) => [i * 2 * MiB, 2 * MiB]);
const x2 = 2 * MiB;

const TABLE: Record<string, () => ScenarioResult> = {
    'zero-length': () => new Scenario(world()).at(0, act.add('mem0.dc0', [[0, 0]])).run().result,
    'misaligned': () => new Scenario(world()).at(0, act.add('mem0.dc0', [[1 * MiB, x2]])).run().result,
    'beyond-partition': () => new Scenario(world()).at(0, act.add('mem0.dc0', [[1 * GiB, x2]])).run().result,
    'overlap-in-request': () => new Scenario(world()).at(0, act.add('mem0.dc0', [[0, x2], [0, x2]])).run().result,
    'overlap-accepted': () => new Scenario(world()).at(0, act.add('mem0.dc0', [[0, x2]])).at(1, act.add('mem0.dc0', [[0, x2]])).run().result,
    'overlap-pending': () => new Scenario(world()).at(0, act.add1('mem0.dc0', 0, x2, { more: true })).at(1, act.add('mem0.dc0', [[0, x2]])).run().result,
    'release-pending': () => new Scenario(world()).at(0, act.add1('mem0.dc0', 0, x2, { more: true })).at(1, act.release('mem0.dc0', [[0, x2]])).run().result,
    'release-unbacked': () => new Scenario(world()).at(0, act.release('mem0.dc0', [[0, x2]])).run().result,
    'extent-limit': () => new Scenario(world({ devices: [device('mem0', { maxExtents: 1 })] })).at(0, act.add('mem0.dc0', [[0, x2], [x2, x2]])).run().result,
    'unsupported-policy': () => new Scenario(world()).at(0, act.releaseTag('mem0.dc0', POOL)).run().result,
    'no-such-partition': () => new Scenario(world({ devices: [device('mem0', { partitions: [{ index: 9 }] })] })).at(0, act.add('mem0.dc0', [[0, x2]])).run().result,

    'not-in-partition': () => new Scenario(cxlTest()).at(0, act.add('mem0.dc0', [[0, 0]])).run().result,
    'untagged-on-sharable': () => new Scenario(world({ devices: [device('mem0', { partitions: [{ sharable: true }] })] })).at(0, act.add('mem0.dc0', [[0, x2]])).run().result,
    'seq-on-nonsharable': () => new Scenario(world()).at(0, act.add('mem0.dc0', [[0, x2, 3]])).run().result,
    'no-region': () => new Scenario(world({ regions: [region('r0', { size: 256 * MiB })] })).at(0, act.add('mem0.dc0', [[512 * MiB, x2]])).run().result,
    'outside-decoder': () => new Scenario(world({ regions: [region('r0', { size: 256 * MiB })] })).at(0, act.add('mem0.dc0', [[254 * MiB, 4 * MiB]])).run().result,
    'overlap': () => new Scenario(cxlTest()).at(0, act.add('mem0.dc0', [[0, 4 * MiB]])).at(1, act.add('mem0.dc0', [[x2, 4 * MiB]])).run().result,
    'seq-gap': () => new Scenario(world({ devices: [device('mem0', { partitions: [{ sharable: true }] })] })).at(0, act.add('mem0.dc0', [[0, x2, 1]], POOL)).run().result,
    'group-spans-partitions': () => new Scenario(world({
        devices: [device('mem0', { model: 'cxl_test', partitions: [{}, { name: 'dc1' }] })],
        regions: [region('r0'), region('r1', { partition: 'mem0.dc1' })],
    })).at(0, act.add1('mem0.dc0', 0, x2, { tag: POOL, more: true })).at(0, act.add1('mem0.dc1', 0, x2, { tag: POOL })).run().result,
    'group-misaligned': () => new Scenario(cxlTest()).at(0, act.add('mem0.dc0', [[1 * MiB, x2]])).run().result,
    'tag-in-use': () => new Scenario(world()).at(0, act.add('mem0.dc0', [[0, x2]], POOL)).at(1, act.add('mem0.dc0', [[x2, x2]], POOL)).run().result,
    'tag-mismatch': () => new Scenario(world()).at(0, act.add('mem0.dc0', [[0, x2]], POOL)).at(1, act.release('mem0.dc0', [[0, x2]], { tag: OTHER })).run().result,
    'untagged-not-accepted': () => new Scenario(world({ hosts: [host('sysram-rfc')], regions: [region('r0', { accept: { kind: 'tags', tags: [POOL] } })] })).at(0, act.add('mem0.dc0', [[0, x2]])).run().result,
    'tagged-not-accepted': () => new Scenario(world({ hosts: [host('sysram-rfc')], regions: [region('r0', { accept: { kind: 'untagged' } })] })).at(0, act.add('mem0.dc0', [[0, x2]], POOL)).run().result,
    'tagged-unsupported': () => new Scenario(world({ hosts: [host('dcd-v9')] })).at(0, act.add('mem0.dc0', [[0, x2]], POOL)).run().result,
    'mixed-tagging': () => new Scenario(world({ hosts: [host('sysram-rfc')] })).at(0, act.add('mem0.dc0', [[0, x2]])).at(1, act.add('mem0.dc0', [[x2, x2]], POOL)).run().result,
    'chain-timeout': () => new Scenario(world()).at(0, act.add1('mem0.dc0', 0, x2, { more: true })).run().result,
    'chain-too-long': () => new Scenario(world()).at(0, act.add('mem0.dc0', list(101))).run().result,
    'group-member-rejected': () => new Scenario(world({ regions: [region('r0', { size: 256 * MiB })] })).at(0, act.add('mem0.dc0', [[0, x2], [512 * MiB, x2]], POOL)).run().result,
    'driver-unloaded': () => new Scenario(world()).at(0, act.unload()).at(1, act.add('mem0.dc0', [[0, x2]])).run().result,

    'offline-busy': () => new Scenario(sys('normal')).at(0, act.add('mem0.dc0', [[0, 128 * MiB]])).at(1, act.alloc('r0', x2)).at(2, act.offline('r0')).run().result,
    'crash-risk': () => new Scenario(sys('normal')).at(0, act.add('mem0.dc0', [[0, 128 * MiB]])).at(1, act.surprise('mem0')).run().result,
    'no-match': () => new Scenario(world()).at(0, act.daxUuid('d0', 'r0', POOL)).run().result,
    'EBUSY': () => new Scenario(world()).at(0, act.add('mem0.dc0', [[0, x2]], POOL)).at(1, act.daxUuid('d0', 'r0', POOL))
        .at(2, act.mount('a', 'd0')).at(3, act.mount('b', 'd0')).run().result,
    'ENOENT': () => new Scenario(world()).at(0, act.destroyDax('nothing')).run().result,
    'EOPNOTSUPP': () => new Scenario(world()).at(0, act.daxSize('d0', 'r0', x2)).run().result,
    'ENXIO': () => new Scenario(world()).at(0, act.unload()).at(1, act.daxUuid('d0', 'r0', null)).run().result,
    'EINVAL': () => new Scenario(world()).at(0, act.umount('nothing')).run().result,
    'ENOSPC': () => new Scenario(world({ hosts: [host('dcd-v9')] })).at(0, act.daxSize('d0', 'r0', x2)).run().result,
    'ENOMEM': () => new Scenario(sys('movable')).at(0, act.add('mem0.dc0', [[0, 128 * MiB]])).at(1, act.alloc('r0', x2)).run().result,
};

/** Every reason code and errno the result mentions, anywhere. */
function produced(r: ScenarioResult): Set<string> {
    const out = new Set<string>();
    for (const e of r.events) {
        if (e.reason) out.add(e.reason);
        if (e.errno) out.add(e.errno);
    }
    for (const x of r.extents) {
        if (x.reason) out.add(x.reason);
        for (const p of x.timeline) if (p.reason) out.add(p.reason);
    }
    return out;
}

describe('every reason code of LANGUAGE.md §5 is produced by a rule', () => {
    it('the table covers every code', () => {
        expect(Object.keys(TABLE).sort()).toEqual([...REASON_CODES].sort());
    });

    for (const code of REASON_CODES) {
        it(code, () => {
            const run = TABLE[code];
            expect(run, `no scenario for ${code}`).toBeDefined();
            expect([...produced(run())]).toContain(code);
        });
    }

    it('the simulator never reports a reason outside §5', () => {
        for (const run of Object.values(TABLE)) {
            for (const r of produced(run())) expect(REASON_CODES as readonly string[]).toContain(r);
        }
    });
});

describe('chain-too-long and friends under each profile that has them', () => {
    it('dcd-v9 never drops a chain or times one out', () => {
        const r = new Scenario(cxlTest('dcd-v9')).at(0, act.add('mem0.dc0', list(101))).at(s(1), act.add1('mem0.dc0', 512 * MiB, x2, { more: true })).run().result;
        expect(produced(r).has('chain-too-long')).toBe(false);
        expect(produced(r).has('chain-timeout')).toBe(false);
    });
});
