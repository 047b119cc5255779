import { describe, expect, it } from 'vitest';
import type { HostConfig, OnlineType, RegionConfig } from '../../language/model/index.js';
import { Scenario, act, ev, host, id, region, s, world, GiB, MiB } from './builder.js';

const sysram = (o: Partial<HostConfig> = {}, r: Partial<RegionConfig> = {}) => world({
    hosts: [host('sysram-rfc', o)],
    regions: [region('r0', { driver: 'sysram', ...r })],
});
const add128 = act.add('mem0.dc0', [[0, 128 * MiB]]);

describe('onlining: zone and node state (LANGUAGE.md §4; DOMAIN.md §5–§7)', () => {
    it('zone movable onlines into ZONE_MOVABLE whatever auto_online says, with the node state on the timeline', () => {
        const r = new Scenario(sysram({ autoOnline: 'offline' }, { zone: 'movable', node: { id: 2, state: 'N_MEMORY_PRIVATE' } }))
            .at(0, add128, 'a')
            .expect({ kind: 'region', region: 'r0', property: 'online', value: 128 * MiB })
            .expect({ kind: 'region', region: 'r0', property: 'zone', zone: 'movable' })
            .expect({ kind: 'region', region: 'r0', property: 'node', nodeState: 'N_MEMORY_PRIVATE' })
            .run();
        expect(r.expectations.every(x => x.passed)).toBe(true);
        expect(r.extent(id(0)).timeline[2]).toEqual({ t_ns: 0, state: 'online', zone: 'movable', node_state: 'N_MEMORY_PRIVATE' });
        expect(r.event('a').detail).toContain('128MiB online in ZONE_MOVABLE as N_MEMORY_PRIVATE');
    });

    const cases: Array<[OnlineType, 'movable' | 'normal' | null]> = [
        ['online_movable', 'movable'], ['online_kernel', 'normal'], ['online', 'normal'], ['offline', null],
    ];
    for (const [auto, zone] of cases) {
        it(`zone auto follows auto_online ${auto} → ${zone ?? 'stays offline'}`, () => {
            for (const z of ['auto', undefined] as const) {
                const r = new Scenario(sysram({ autoOnline: auto }, z ? { zone: z } : {})).at(0, add128).run();
                expect(r.region('r0').zone).toBe(zone);
                expect(r.region('r0').online_bytes).toBe(zone ? 128 * MiB : 0);
                expect(r.state(id(0))).toBe(zone ? 'online' : 'accepted');
                expect(r.region('r0').node_state).toBe(zone ? 'N_MEMORY' : null);
            }
        });
    }

    it('a private node that has boot DRAM cannot become N_MEMORY_PRIVATE: accepted, onlining refused EBUSY', () => {
        const r = new Scenario(sysram({}, { zone: 'movable', node: { id: 0, state: 'N_MEMORY_PRIVATE' } }))
            .at(0, add128, 'a')
            .at(s(1), act.online('r0', 'movable'), 'retry')
            .run();
        expect(r.outcome('a')).toBe('accepted');
        expect(r.event('a').errno).toBe('EBUSY');
        expect(r.event('a').detail).toContain('already has N_MEMORY');
        expect(r.state(id(0))).toBe('accepted');
        expect(r.region('r0').online_bytes).toBe(0);
        expect(r.outcome('retry')).toBe('failed EBUSY');
    });

    it('a node made N_MEMORY by an earlier region cannot become private, and a private node cannot take N_MEMORY', () => {
        const w = world({
            hosts: [host('sysram-rfc')],
            regions: [
                region('plain', { size: 256 * MiB, driver: 'sysram', zone: 'movable', node: { id: 2, state: 'N_MEMORY' } }),
                region('priv', { offset: 256 * MiB, size: 256 * MiB, driver: 'sysram', zone: 'movable', node: { id: 2, state: 'N_MEMORY_PRIVATE' } }),
                region('priv3', { offset: 512 * MiB, size: 256 * MiB, driver: 'sysram', zone: 'movable', node: { id: 3, state: 'N_MEMORY_PRIVATE' } }),
                region('plain3', { offset: 768 * MiB, size: 256 * MiB, driver: 'sysram', zone: 'movable', node: { id: 3, state: 'N_MEMORY' } }),
            ],
        });
        const r = new Scenario(w)
            .at(0, act.add('mem0.dc0', [[0, 128 * MiB]]), 'plain')
            .at(s(1), act.add('mem0.dc0', [[256 * MiB, 128 * MiB]]), 'priv')
            .at(s(2), act.add('mem0.dc0', [[512 * MiB, 128 * MiB]]), 'priv3')
            .at(s(3), act.add('mem0.dc0', [[768 * MiB, 128 * MiB]]), 'plain3')
            .run();
        expect(r.event('plain').errno).toBeNull();
        expect(r.event('priv').errno).toBe('EBUSY');
        expect(r.event('priv3').errno).toBeNull();
        expect(r.event('plain3').errno).toBe('EBUSY');
    });

    it('memmap: 1/64 of online memory, reported the same with memmap_on_memory', () => {
        for (const memmapOnMemory of [false, true]) {
            const r = new Scenario(sysram({ memmapOnMemory }, { zone: 'movable' }))
                .at(0, act.add('mem0.dc0', [[0, 256 * MiB]]))
                .expect({ kind: 'region', region: 'r0', property: 'memmap', value: 4 * MiB })
                .run();
            expect(r.region('r0').memmap_bytes).toBe(4 * MiB);
            expect(r.expectations[0].passed).toBe(true);
        }
    });

    it('extents are onlined in whole memory blocks', () => {
        const r = new Scenario(sysram({ memoryBlockSize: 128 * MiB }, { zone: 'movable' }))
            .at(0, act.add('mem0.dc0', [[0, 384 * MiB]]))
            .run();
        expect(r.region('r0').online_bytes).toBe(384 * MiB);
        expect(r.region('r0').accepted_bytes).toBe(384 * MiB);
    });
});

describe('unmovable allocations, pins, offline and online', () => {
    it('unmovable allocations never land in ZONE_MOVABLE or on a private node: ENOMEM', () => {
        const movable = new Scenario(sysram({}, { zone: 'movable' })).at(0, add128).at(s(1), act.alloc('r0', 2 * MiB), 'k').run();
        expect(movable.outcome('k')).toBe('failed ENOMEM');
        const priv = new Scenario(sysram({}, { zone: 'normal', node: { id: 2, state: 'N_MEMORY_PRIVATE' } })).at(0, add128).at(s(1), act.alloc('r0', 2 * MiB), 'k').run();
        expect(priv.outcome('k')).toBe('failed ENOMEM');
        const none = new Scenario(sysram({}, { zone: 'normal' })).at(s(1), act.alloc('r0', 2 * MiB), 'k').run();
        expect(none.outcome('k')).toBe('failed ENOMEM');
        const big = new Scenario(sysram({}, { zone: 'normal' })).at(0, add128).at(s(1), act.alloc('r0', 1 * GiB), 'k').run();
        expect(big.outcome('k')).toBe('failed ENOMEM');
    });

    it('offline fails offline-busy while ZONE_NORMAL blocks hold unmovable pages; after free it succeeds', () => {
        const r = new Scenario(sysram({}, { zone: 'normal' }))
            .at(0, add128)
            .at(s(1), act.alloc('r0', 2 * MiB), 'k')
            .at(s(2), act.offline('r0'), 'busy')
            .at(s(3), act.free('r0'), 'f')
            .at(s(4), act.offline('r0'), 'off')
            .expect({ kind: 'region', region: 'r0', property: 'online', value: 128 * MiB }, s(3))
            .expect({ kind: 'region', region: 'r0', property: 'online', value: 0 })
            .expect({ kind: 'region', region: 'r0', property: 'zone', zone: 'normal' })
            .run();
        expect(r.outcome('k')).toBe('ok');
        expect(r.outcome('busy')).toBe('failed offline-busy');
        expect(r.event('busy').errno).toBe('EBUSY');
        expect(r.outcome('f')).toBe('ok');
        expect(r.outcome('off')).toBe('ok');
        expect(r.expectations.map(x => x.passed)).toEqual([true, true, false]);
        expect(r.expectations[2].actual).toBe('none');
        expect(r.state(id(0))).toBe('accepted');
        expect(r.region('r0').node_state).toBeNull();
    });

    it('long-term pins migrate out of ZONE_MOVABLE (offline still works) but stay in ZONE_NORMAL (offline fails)', () => {
        const movable = new Scenario(sysram({}, { zone: 'movable' }))
            .at(0, add128).at(s(1), act.pin('r0', 2 * MiB), 'p').at(s(2), act.offline('r0'), 'off').run();
        expect(movable.outcome('p')).toBe('ok');
        expect(movable.event('p').detail).toContain('migrated out of ZONE_MOVABLE');
        expect(movable.outcome('off')).toBe('ok');
        const normal = new Scenario(sysram({}, { zone: 'normal' }))
            .at(0, add128).at(s(1), act.pin('r0', 2 * MiB)).at(s(2), act.offline('r0'), 'off')
            .at(s(3), act.unpin('r0'), 'u').at(s(4), act.offline('r0'), 'off2').run();
        expect(normal.outcome('off')).toBe('failed offline-busy');
        expect(normal.outcome('u')).toBe('ok');
        expect(normal.outcome('off2')).toBe('ok');
    });

    it('pins migrate out of ZONE_MOVABLE on a private node too; pinning more than is online fails ENOMEM', () => {
        const r = new Scenario(sysram({}, { zone: 'movable', node: { id: 2, state: 'N_MEMORY_PRIVATE' } }))
            .at(0, add128).at(s(1), act.pin('r0', 2 * MiB), 'p').at(s(2), act.pin('r0', 1 * GiB), 'big')
            .at(s(3), act.offline('r0'), 'off')
            .run();
        expect(r.event('p').detail).toContain('migrated out of ZONE_MOVABLE');
        expect(r.outcome('big')).toBe('failed ENOMEM');
        expect(r.outcome('off')).toBe('ok');
    });

    it('online R zone Z onlines offline memory; mixing zones is refused EINVAL; nothing to do is ok', () => {
        const r = new Scenario(sysram({ autoOnline: 'offline' }))
            .at(0, act.add('mem0.dc0', [[0, 128 * MiB]]))
            .at(s(1), act.online('r0', 'normal'), 'on')
            .at(s(2), act.add('mem0.dc0', [[128 * MiB, 128 * MiB]]))
            .at(s(3), act.online('r0', 'movable'), 'mix')
            .at(s(4), act.online('r0', 'normal'), 'rest')
            .at(s(5), act.online('r0', 'normal'), 'again')
            .run();
        expect(r.outcome('on')).toBe('ok');
        expect(r.outcome('mix')).toBe('failed EINVAL');
        expect(r.outcome('rest')).toBe('ok');
        expect(r.outcome('again')).toBe('ok');
        expect(r.region('r0').online_bytes).toBe(256 * MiB);
        expect(r.region('r0').zone).toBe('normal');
    });

    it('memory actions on a DAX region are EINVAL; on an unknown region ENOENT', () => {
        const r = new Scenario(world({ hosts: [host('sysram-rfc')] }))
            .at(0, act.offline('r0'), 'off')
            .at(s(1), act.alloc('zz', 2 * MiB), 'none')
            .at(s(2), act.pin('r0', 2 * MiB), 'pin')
            .run();
        expect(r.outcome('off')).toBe('failed EINVAL');
        expect(r.outcome('none')).toBe('failed ENOENT');
        expect(r.outcome('pin')).toBe('failed EINVAL');
    });

    it('a virtio region accepts extents and onlines nothing', () => {
        const w = world({ hosts: [host('sysram-rfc', { autoOnline: 'online_movable' })], regions: [region('vm', { driver: 'virtio' })] });
        const r = new Scenario(w).at(0, act.add('mem0.dc0', [[0, 2 * MiB]], null), 'a').expect(ev('a', 'accepted')).run();
        expect(r.expectations[0].passed).toBe(true);
        expect(r.region('vm').online_bytes).toBe(0);
        expect(r.region('vm').extents).toBe(1);
    });
});
