import { describe, expect, it } from 'vitest';
import { SimulationBudgetError, simulateScenario, type EventSpec } from '../../language/model/index.js';
import { Scenario, act, device, ev, host, region, s, world, GiB, MiB, POOL, OTHER } from './builder.js';

/** The model of LANGUAGE.md §2. */
const sampleWorld = () => world({
        hosts: [host('sysram-rfc', { memoryBlockSize: 128 * MiB, autoOnline: 'online_movable', nodes: [{ id: 0, dramBytes: 64 * GiB }, { id: 2, dramBytes: 0 }] })],
        devices: [device('mem0', { staticCapacity: 2 * GiB, partitions: [{ base: 0x80000000, length: 1 * GiB, sanitizeOnRelease: true }] })],
        regions: [region('pool0', { size: 512 * MiB, driver: 'sysram', accept: { kind: 'tags', tags: [POOL] }, zone: 'movable', node: { id: 2, state: 'N_MEMORY_PRIVATE' } })],
});

/** The scenario of LANGUAGE.md §3. */
function sample() {
    return new Scenario(sampleWorld(), undefined, 'tagged_pool_grows')
        .at(0, act.add('mem0.dc0', [[0, 128 * MiB], [0x8000000, 128 * MiB]], POOL), 'grow')
        .at(s(1), act.add1('mem0.dc0', 0x10000000, 128 * MiB), 'stray')
        .at(s(2), act.alloc('pool0', 2 * MiB), 'kalloc')
        .at(s(10), act.release('mem0.dc0', [[0, 128 * MiB]], { tag: POOL }), 'shrink')
        .expect(ev('grow', 'accepted'))
        .expect(ev('stray', 'rejected', 'untagged-not-accepted'))
        .expect(ev('kalloc', 'failed', 'ENOMEM'))
        .expect({ kind: 'region', region: 'pool0', property: 'online', value: 256 * MiB }, s(2))
        .expect(ev('shrink', 'released'))
        .expect({ kind: 'region', region: 'pool0', property: 'online', value: 0 });
}

describe('the LANGUAGE.md §3 sample', () => {
    it('passes every expectation the spec writes', () => {
        const r = sample().run();
        expect(r.expectations.map(x => x.passed)).toEqual([true, true, true, true, true, true]);
        expect(r.extent('mem0.dc0@0x0').timeline).toEqual([
            { t_ns: 0, state: 'staged' },
            { t_ns: 0, state: 'accepted' },
            { t_ns: 0, state: 'online', zone: 'movable', node_state: 'N_MEMORY_PRIVATE' },
            { t_ns: s(10), state: 'released' },
        ]);
        expect(r.extent('mem0.dc0@0x0').dpa).toBe(0x80000000);
        expect(r.result.regions).toEqual([{ name: 'pool0', extents: 0, accepted_bytes: 0, online_bytes: 0, zone: null, node_state: null, memmap_bytes: 0 }]);
    });

    it('the same scenario under each profile differs as §4 says', () => {
        const v11 = sample().run({}).result;
        expect(v11.kernel).toBe('sysram-rfc');
        const spec = sample().spec();
        const asV11 = simulateScenario(sampleWorld(), { ...spec, kernel: 'dcd-v11' });
        expect(asV11.kernel).toBe('dcd-v11');
        // no sysram driver on dcd-v11: pool0 is never created
        expect(asV11.events[0].outcome).toBe('rejected');
        expect(asV11.events[0].reason).toBe('no-region');
    });
});

describe('determinism', () => {
    it('the same input gives deep-equal, byte-identical results', () => {
        const build = () => new Scenario(world({
            hosts: [host('sysram-rfc', { autoOnline: 'online_movable' })],
            devices: [device('mem0', { model: 'cxl_test' }), device('mem1')],
            regions: [region('d', { size: 512 * MiB }), region('m', { offset: 512 * MiB, size: 512 * MiB, driver: 'sysram' }), region('x', { partition: 'mem1.dc0' })],
        }))
            .at(s(3), act.add('mem0.dc0', [[0, 2 * MiB], [4 * MiB, 2 * MiB]], POOL), 'a')
            .at(s(1), act.add('mem0.dc0', [[512 * MiB, 128 * MiB]]), 'b')
            .at(s(1), act.add1('mem1.dc0', 0, 2 * MiB, { tag: OTHER, more: true }), 'c')
            .at(s(4), act.daxUuid('d0', 'd', POOL))
            .at(s(5), act.mount('fs', 'd0'))
            .at(s(6), act.pin('m', 2 * MiB))
            .at(s(7), act.release('mem0.dc0', [[0, 2 * MiB]], { tag: POOL, forced: true }))
            .at(s(8), act.surprise('mem0'))
            .expect(ev('c', 'rejected', 'chain-timeout'))
            .expect({ kind: 'fs', fs: 'fs', notified: true });
        const a = build().run().result;
        const b = build().run().result;
        expect(a).toEqual(b);
        expect(JSON.stringify(a)).toBe(JSON.stringify(b));
        expect(a.expectations.every(x => x.passed)).toBe(true);
        // the result is plain JSON: it survives a round trip unchanged
        expect(JSON.parse(JSON.stringify(a))).toEqual(a);
    });

    it('events at the same time run in source order', () => {
        const r = new Scenario(world())
            .at(s(1), act.add('mem0.dc0', [[0, 2 * MiB]]), 'first')
            .at(s(1), act.add('mem0.dc0', [[0, 2 * MiB]]), 'second')
            .run();
        expect(r.outcome('first')).toBe('accepted');
        expect(r.outcome('second')).toBe('refused overlap-accepted');
    });
});

describe('the event budget', () => {
    it('throws SimulationBudgetError naming the scenario and the budget', () => {
        const sc = new Scenario(world(), undefined, 'too_long');
        for (let i = 0; i < 20; i++) sc.at(s(i), act.add('mem0.dc0', [[i * 2 * MiB, 2 * MiB]]));
        expect(() => sc.run({ maxEvents: 10 })).toThrow(SimulationBudgetError);
        expect(() => sc.run({ maxEvents: 10 })).toThrow(/"too_long".*budget of 10 events/);
        expect(sc.run({ maxEvents: 40 }).result.events).toHaveLength(20);
    });

    it('counts records and timers, not only actions', () => {
        const sc = new Scenario(world()).at(0, act.add('mem0.dc0', [[0, 2 * MiB], [2 * MiB, 2 * MiB], [4 * MiB, 2 * MiB]]));
        expect(() => sc.run({ maxEvents: 3 })).toThrow(SimulationBudgetError);
        expect(() => sc.run({ maxEvents: 4 })).not.toThrow();
        // one action + one record + the watchdog that fires
        const timer = new Scenario(world()).at(0, act.add1('mem0.dc0', 0, 2 * MiB, { more: true }));
        expect(() => timer.run({ maxEvents: 2 })).toThrow(SimulationBudgetError);
        expect(() => timer.run({ maxEvents: 3 })).not.toThrow();
    });
});

describe('scale', () => {
    it('plays 100k add/release events quickly and in order', () => {
        const h = host('dcd-v11');
        const w = world({ hosts: [h], devices: [device('mem0', { partitions: [{ length: 64 * GiB }] })], regions: [region('r0', { size: 64 * GiB })] });
        const events: EventSpec[] = [];
        for (let i = 0; i < 100_000; i++) {
            const off = (Math.floor(i / 2) % 256) * 128 * MiB;
            events.push({
                index: i, tNs: i * 1000, line: i + 1,
                action: i % 2 === 0 ? act.add('mem0.dc0', [[off, 128 * MiB]]) : act.release('mem0.dc0', [[off, 128 * MiB]]),
            });
        }
        const t0 = performance.now();
        const r = simulateScenario(w, { name: 'scale', line: 1, host: h, kernel: 'dcd-v11', events, expectations: [] });
        const ms = performance.now() - t0;
        expect(r.events.filter(e => e.outcome === 'accepted')).toHaveLength(50_000);
        expect(r.events.filter(e => e.outcome === 'released')).toHaveLength(50_000);
        expect(r.extents[r.extents.length - 1].id).toBe(`mem0.dc0@0x${(49_999 % 256 * 128 * MiB).toString(16)}#196`);
        expect(ms).toBeLessThan(10_000);
    });
});
