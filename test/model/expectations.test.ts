import { describe, expect, it } from 'vitest';
import { Scenario, act, ev, id, region, s, world, MiB, POOL } from './builder.js';

describe('expectation timing (LANGUAGE.md §3.3)', () => {
    it('`at T` sees every event at or before T; without `at`, the end after every timer', () => {
        const r = new Scenario(world())
            .expect({ kind: 'region', region: 'r0', property: 'extents', value: 0 }, s(0.5))
            .at(s(1), act.add('mem0.dc0', [[0, 2 * MiB]]), 'a')
            .expect({ kind: 'region', region: 'r0', property: 'extents', value: 1 }, s(1))
            .at(s(2), act.add1('mem0.dc0', 8 * MiB, 2 * MiB, { more: true }), 'open')
            .expect(ev('open', 'rejected', 'chain-timeout'))
            .expect(ev('open', 'rejected', 'chain-timeout'), s(21))
            .expect(ev('open', 'rejected'), s(22))
            .expect(ev('a', 'accepted'), s(0.5))
            .run();
        expect(r.expectations.map(x => x.passed)).toEqual([true, true, true, false, true, false]);
        expect(r.expectations[3].actual).toBe('pending (staged in an open More chain)');
        expect(r.expectations[5].actual).toBe('not run yet');
    });

    it('results come back in source order with line and text', () => {
        const r = new Scenario(world())
            .at(0, act.add('mem0.dc0', [[0, 2 * MiB]]), 'a')
            .expect(ev('a', 'accepted'), undefined, 'expect a accepted')
            .expect(ev('a', 'rejected'), s(0), 'expect at 0s a rejected')
            .run();
        expect(r.expectations).toEqual([
            { line: 2, text: 'expect a accepted', passed: true, actual: 'accepted' },
            { line: 3, text: 'expect at 0s a rejected', passed: false, actual: 'accepted' },
        ]);
    });
});

describe('actual values, in the expectation\'s own words', () => {
    it('events: outcome and reason; `failed X` holds for the reason or its errno', () => {
        const r = new Scenario(world())
            .at(0, act.daxUuid('d0', 'r0', POOL), 'mk')
            .at(s(1), act.add('mem0.dc0', [[0, 2 * MiB]], POOL), 'a')
            .at(s(2), act.add('mem0.dc0', [[2 * MiB, 2 * MiB]], POOL), 'b')
            .expect(ev('mk', 'failed', 'no-match'))
            .expect(ev('mk', 'failed', 'ENOENT'))
            .expect(ev('mk', 'failed'))
            .expect(ev('mk', 'failed', 'EBUSY'))
            .expect(ev('b', 'rejected', 'tag-in-use'))
            .expect(ev('b', 'rejected', 'overlap'))
            .expect(ev('nope', 'ok'))
            .run();
        expect(r.expectations.map(x => x.passed)).toEqual([true, true, true, false, true, false, false]);
        expect(r.expectations[3].actual).toBe('failed no-match');
        expect(r.expectations[5].actual).toBe('rejected tag-in-use');
        expect(r.expectations[6].actual).toBe('no event labelled nope');
    });

    it('deferred shows its errno', () => {
        const r = new Scenario(world())
            .at(0, act.add('mem0.dc0', [[0, 2 * MiB]], POOL))
            .at(s(1), act.daxUuid('d0', 'r0', POOL))
            .at(s(2), act.release('mem0.dc0', [[0, 2 * MiB]], { tag: POOL }), 'rel')
            .expect(ev('rel', 'deferred'))
            .expect(ev('rel', 'deferred', 'EBUSY'))
            .run();
        expect(r.expectations.map(x => [x.passed, x.actual])).toEqual([[true, 'deferred EBUSY'], [true, 'deferred EBUSY']]);
    });

    it('extents: the newest in the claimed state at an offset, else the newest live one, else the newest that reached the host', () => {
        const r = new Scenario(world())
            .at(0, act.add('mem0.dc0', [[0, 2 * MiB]]), 'a')
            .at(s(1), act.add('mem0.dc0', [[0, 2 * MiB]]), 'again')
            .expect({ kind: 'extent', partition: 'mem0.dc0', offset: 0, state: 'accepted' })
            .at(s(2), act.release('mem0.dc0', [[0, 2 * MiB]]))
            .expect({ kind: 'extent', partition: 'mem0.dc0', offset: 0, state: 'refused', reason: 'overlap-accepted' }, s(1))
            .expect({ kind: 'extent', partition: 'mem0.dc0', offset: 0, state: 'released' })
            .expect({ kind: 'extent', partition: 'mem0.dc0', offset: 64 * MiB, state: 'accepted' })
            .run();
        expect(r.outcome('again')).toBe('refused overlap-accepted');
        expect(r.extent(id(0) + '#2').state).toBe('refused');
        expect(r.expectations.map(x => [x.passed, x.actual])).toEqual([
            [false, 'released'],
            [true, 'refused overlap-accepted'],
            [true, 'released'],
            [false, 'no such extent'],
        ]);
    });

    it('regions print sizes and counts; dax and fs print their state', () => {
        const r = new Scenario(world())
            .at(0, act.add('mem0.dc0', [[0, 128 * MiB], [256 * MiB, 64 * MiB]], POOL))
            .at(s(1), act.daxUuid('d0', 'r0', POOL))
            .expect({ kind: 'region', region: 'r0', property: 'accepted', value: 1 })
            .expect({ kind: 'region', region: 'r0', property: 'extents', value: 1 })
            .expect({ kind: 'region', region: 'r0', property: 'online', value: 1 })
            .expect({ kind: 'region', region: 'r0', property: 'node', nodeState: 'N_MEMORY' })
            .expect({ kind: 'dax', name: 'd0', property: 'size', value: 1 })
            .expect({ kind: 'dax', name: 'd0', property: 'absent' })
            .expect({ kind: 'dax', name: 'd0', property: 'holder', holder: 'fs0' })
            .expect({ kind: 'dax', name: 'zz', property: 'holder', holder: null })
            .expect({ kind: 'fs', fs: 'fs0', notified: true })
            .expect({ kind: 'region', region: 'nope', property: 'extents', value: 0 })
            .run();
        expect(r.expectations.map(x => x.actual)).toEqual([
            '192MiB', '2', '0B', 'none', '192MiB', 'present (192MiB)', 'none', 'absent', 'not notified', 'no region nope',
        ]);
        expect(r.expectations.every(x => !x.passed)).toBe(true);
    });
});

describe('events, extents and regions in the result (LANGUAGE.md §8)', () => {
    it('events keep source order even when times are out of order; extents in creation order; every region listed', () => {
        const w = world({ regions: [region('r0', { size: 512 * MiB }), region('r1', { offset: 512 * MiB, size: 512 * MiB })] });
        const r = new Scenario(w)
            .at(s(5), act.add('mem0.dc0', [[2 * MiB, 2 * MiB]]), 'late')
            .at(s(1), act.add('mem0.dc0', [[0, 2 * MiB]]), 'early')
            .run();
        expect(r.result.events.map(e => [e.index, e.label, e.t_ns, e.action])).toEqual([[0, 'late', s(5), 'add'], [1, 'early', s(1), 'add']]);
        expect(r.result.extents.map(e => e.id)).toEqual([id(0), id(2 * MiB)]);
        expect(r.result.regions.map(x => x.name)).toEqual(['r0', 'r1']);
        expect(r.result.regions[1]).toEqual({ name: 'r1', extents: 0, accepted_bytes: 0, online_bytes: 0, zone: null, node_state: null, memmap_bytes: 0 });
        expect(r.result.extents[0]).toMatchObject({ partition: 'mem0.dc0', offset: 0, dpa: 2 * 1024 * MiB, length: 2 * MiB, tag: null, region: 'r0', state: 'accepted', reason: null });
        expect(r.result).toMatchObject({ name: 'test', kernel: 'dcd-v11', host: 'h0' });
    });
});
