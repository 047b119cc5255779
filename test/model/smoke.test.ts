import { describe, expect, it } from 'vitest';
import { Scenario, act, device, host, region, world, POOL, MiB, GiB, s, id } from './builder.js';

describe('smoke', () => {
    it('runs the LANGUAGE.md sample', () => {
        const w = world({
            hosts: [host('sysram-rfc', { autoOnline: 'online_movable', nodes: [{ id: 0, dramBytes: 64 * GiB }, { id: 2, dramBytes: 0 }] })],
            devices: [device('mem0', { partitions: [{ base: 0x80000000, length: 1 * GiB }] })],
            regions: [region('pool0', { size: 512 * MiB, driver: 'sysram', accept: { kind: 'tags', tags: [POOL] }, zone: 'movable', node: { id: 2, state: 'N_MEMORY_PRIVATE' } })],
        });
        const r = new Scenario(w)
            .at(0, act.add('mem0.dc0', [[0, 128 * MiB], [0x8000000, 128 * MiB]], POOL), 'grow')
            .at(s(1), act.add1('mem0.dc0', 0x10000000, 128 * MiB), 'stray')
            .at(s(2), act.alloc('pool0', 2 * MiB), 'kalloc')
            .at(s(10), act.release('mem0.dc0', [[0, 128 * MiB]], { tag: POOL }), 'shrink')
            .expect({ kind: 'region', region: 'pool0', property: 'online', value: 256 * MiB }, s(2))
            .expect({ kind: 'region', region: 'pool0', property: 'online', value: 0 })
            .run();
        console.log(JSON.stringify(r.result, null, 1).slice(0, 6000));
        expect(r.outcome('grow')).toBe('accepted');
        expect(r.outcome('stray')).toBe('rejected untagged-not-accepted');
        expect(r.outcome('kalloc')).toBe('failed ENOMEM');
        expect(r.outcome('shrink')).toBe('released');
        expect(r.expectations.every(x => x.passed)).toBe(true);
        expect(r.state(id(0))).toBe('released');
    });
});
