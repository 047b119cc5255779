import { describe, expect, it } from 'vitest';
import { Scenario, act, ev, host, id, region, s, world, MiB, POOL, OTHER } from './builder.js';

const daxSize = (name: string, value: number) => ({ kind: 'dax' as const, name, property: 'size' as const, value });
const absent = (name: string) => ({ kind: 'dax' as const, name, property: 'absent' as const });
const holder = (name: string, h: string | null) => ({ kind: 'dax' as const, name, property: 'holder' as const, holder: h });

describe('DAX claims by uuid (dcd-v11, sysram-rfc; DOMAIN.md §3.4)', () => {
    for (const kernel of ['dcd-v11', 'sysram-rfc'] as const) {
        it(`uuid T claims every accepted extent with T: size = Σ lengths (${kernel})`, () => {
            const r = new Scenario(world({ hosts: [host(kernel)] }))
                .at(0, act.add('mem0.dc0', [[0, 64 * MiB], [128 * MiB, 64 * MiB]], POOL), 'grow')
                .at(s(1), act.daxUuid('d0', 'r0', POOL), 'mk')
                .expect(daxSize('d0', 128 * MiB))
                .run();
            expect(r.outcome('mk')).toBe('ok');
            expect(r.expectations[0].passed).toBe(true);
            expect(r.dax('d0')).toEqual({ name: 'd0', region: 'r0', size: 128 * MiB, holder: null, state: 'active' });
            expect(r.path(id(0))).toEqual(['staged', 'accepted', 'claimed']);
        });

        it(`uuid 0 claims exactly one untagged extent, lowest DPA first; none left: no-match ENOENT, no device (${kernel})`, () => {
            const w = world({ hosts: [host(kernel)] });
            const r = new Scenario(w)
                .at(0, act.add('mem0.dc0', [[64 * MiB, 2 * MiB], [0, 4 * MiB]]), 'two')
                .at(s(1), act.daxUuid('d0', 'r0', null), 'a')
                .at(s(2), act.daxUuid('d1', 'r0', null), 'b')
                .at(s(3), act.daxUuid('d2', 'r0', null), 'c')
                .at(s(4), act.daxUuid('d3', 'r0', OTHER), 'd')
                .expect(daxSize('d0', 4 * MiB))
                .expect(daxSize('d1', 2 * MiB))
                .expect(absent('d2'))
                .expect(ev('c', 'failed', 'ENOENT'))
                .expect(ev('c', 'failed', 'no-match'))
                .expect(daxSize('d2', 0))
                .run();
            expect(r.expectations.map(x => x.passed)).toEqual([true, true, true, true, true, true]);
            expect(r.outcome('c')).toBe('failed no-match');
            expect(r.event('c').errno).toBe('ENOENT');
            expect(r.outcome('d')).toBe('failed no-match');
            expect(r.dax('d2')?.state).toBe('failed');
        });

        it(`a size claim is not supported: EOPNOTSUPP (${kernel})`, () => {
            const r = new Scenario(world({ hosts: [host(kernel)] }))
                .at(0, act.add('mem0.dc0', [[0, 4 * MiB]]))
                .at(s(1), act.daxSize('d0', 'r0', 2 * MiB), 'mk')
                .expect(absent('d0'))
                .run();
            expect(r.outcome('mk')).toBe('failed EOPNOTSUPP');
            expect(r.expectations[0].passed).toBe(true);
        });
    }

    it('destroy_dax returns the extents to accepted; they can be claimed again', () => {
        const r = new Scenario(world())
            .at(0, act.add('mem0.dc0', [[0, 4 * MiB]], POOL))
            .at(s(1), act.daxUuid('d0', 'r0', POOL))
            .at(s(2), act.destroyDax('d0'), 'rm')
            .expect(absent('d0'), s(2))
            .expect(daxSize('d0', 0), s(2))
            .at(s(3), act.daxUuid('d1', 'r0', POOL), 'again')
            .at(s(4), act.destroyDax('nope'), 'unknown')
            .run();
        expect(r.outcome('rm')).toBe('ok');
        expect(r.expectations.map(x => x.passed)).toEqual([true, true]);
        expect(r.dax('d0')?.state).toBe('destroyed');
        expect(r.path(id(0))).toEqual(['staged', 'accepted', 'claimed', 'accepted', 'claimed']);
        expect(r.outcome('again')).toBe('ok');
        expect(r.outcome('unknown')).toBe('failed ENOENT');
    });

    it('create_dax on a sysram region is EINVAL; with dax_cxl unloaded ENXIO; on an unknown region ENOENT', () => {
        const w = world({ hosts: [host('sysram-rfc')], regions: [region('r0', { size: 512 * MiB }), region('sys', { offset: 512 * MiB, size: 512 * MiB, driver: 'sysram' })] });
        const r = new Scenario(w)
            .at(0, act.daxUuid('d0', 'sys', null), 'sys')
            .at(s(1), act.unload())
            .at(s(2), act.daxUuid('d1', 'r0', null), 'unloaded')
            .at(s(3), act.daxUuid('d2', 'zz', null), 'unknown')
            .run();
        expect(r.outcome('sys')).toBe('failed EINVAL');
        expect(r.outcome('unloaded')).toBe('failed ENXIO');
        expect(r.outcome('unknown')).toBe('failed ENOENT');
    });
});

describe('dcd-v9 sparse DAX: claims by size (DOMAIN.md §3.7)', () => {
    const w = world({ hosts: [host('dcd-v9')] });
    it('a size claim spans extents and parts of extents', () => {
        const r = new Scenario(w)
            .at(0, act.add('mem0.dc0', [[0, 4 * MiB], [64 * MiB, 4 * MiB]]))
            .at(s(1), act.daxSize('d0', 'r0', 6 * MiB), 'a')
            .at(s(2), act.daxSize('d1', 'r0', 2 * MiB), 'b')
            .at(s(3), act.daxSize('d2', 'r0', 2 * MiB), 'c')
            .expect(daxSize('d0', 6 * MiB))
            .expect(daxSize('d1', 2 * MiB))
            .run();
        expect(r.outcome('a')).toBe('ok');
        expect(r.outcome('b')).toBe('ok');
        expect(r.outcome('c')).toBe('failed ENOSPC');
        expect(r.expectations.every(x => x.passed)).toBe(true);
        expect(r.state(id(64 * MiB))).toBe('claimed');
    });

    it('uuid claims are not available: EOPNOTSUPP; a size that is not 2 MiB-aligned: EINVAL', () => {
        const r = new Scenario(w)
            .at(0, act.add('mem0.dc0', [[0, 4 * MiB]]))
            .at(s(1), act.daxUuid('d0', 'r0', null), 'uuid')
            .at(s(2), act.daxSize('d1', 'r0', 1 * MiB), 'odd')
            .run();
        expect(r.outcome('uuid')).toBe('failed EOPNOTSUPP');
        expect(r.outcome('odd')).toBe('failed EINVAL');
    });

    it('destroying one sparse device frees only its part', () => {
        const r = new Scenario(w)
            .at(0, act.add('mem0.dc0', [[0, 4 * MiB]]))
            .at(s(1), act.daxSize('d0', 'r0', 2 * MiB))
            .at(s(2), act.daxSize('d1', 'r0', 2 * MiB))
            .at(s(3), act.destroyDax('d0'))
            .run();
        expect(r.state(id(0))).toBe('claimed');
        expect(r.dax('d1')?.size).toBe(2 * MiB);
    });
});

describe('filesystem holders (DOMAIN.md §9)', () => {
    const setup = (holderMode: 'exclusive' | 'shared') => new Scenario(world({ regions: [region('r0', { holder: holderMode })] }))
        .at(0, act.add('mem0.dc0', [[0, 4 * MiB]], POOL))
        .at(s(1), act.daxUuid('d0', 'r0', POOL))
        .at(s(2), act.mount('fs0', 'd0'), 'm0');

    it('holder exclusive: a second mount fails EBUSY', () => {
        const r = setup('exclusive')
            .at(s(3), act.mount('fs1', 'd0'), 'm1')
            .expect(holder('d0', 'fs0'))
            .run();
        expect(r.outcome('m0')).toBe('ok');
        expect(r.outcome('m1')).toBe('failed EBUSY');
        expect(r.dax('d0')?.holder).toBe('fs0');
        expect(r.expectations[0].passed).toBe(true);
    });

    it('holder shared: the second mount succeeds without a holder', () => {
        const r = setup('shared').at(s(3), act.mount('fs1', 'd0'), 'm1').run();
        expect(r.outcome('m1')).toBe('ok');
        expect(r.event('m1').detail).toContain('will not be notified');
        expect(r.dax('d0')?.holder).toBe('fs0');
    });

    it('umount drops the holder; a held device cannot be destroyed; mounting twice or a dead device fails', () => {
        const r = setup('exclusive')
            .at(s(3), act.destroyDax('d0'), 'busy')
            .at(s(4), act.mount('fs0', 'd0'), 'twice')
            .at(s(5), act.umount('fs0'), 'u')
            .expect(holder('d0', null), s(5))
            .at(s(6), act.umount('fs0'), 'u2')
            .at(s(7), act.destroyDax('d0'), 'rm')
            .at(s(8), act.mount('fs0', 'd0'), 'dead')
            .run();
        expect(r.outcome('busy')).toBe('failed EBUSY');
        expect(r.outcome('twice')).toBe('failed EBUSY');
        expect(r.outcome('u')).toBe('ok');
        expect(r.expectations[0].passed).toBe(true);
        expect(r.expectations[0].actual).toBe('none');
        expect(r.outcome('u2')).toBe('failed EINVAL');
        expect(r.outcome('rm')).toBe('ok');
        expect(r.outcome('dead')).toBe('failed ENXIO');
    });
});
