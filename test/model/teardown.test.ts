import { describe, expect, it } from 'vitest';
import { Scenario, act, device, ev, host, id, region, s, world, MiB, POOL } from './builder.js';

const fs = (name: string, notified = true) => ({ kind: 'fs' as const, fs: name, notified });

describe('surprise removal (DOMAIN.md §10, §12.3)', () => {
    it('a DAX holder is notified over the whole range; a holder-less shared mount is not', () => {
        const r = new Scenario(world({ regions: [region('r0', { holder: 'shared' })] }))
            .at(0, act.add('mem0.dc0', [[0, 4 * MiB]], POOL))
            .at(s(1), act.daxUuid('d0', 'r0', POOL))
            .at(s(2), act.mount('fs0', 'd0'))
            .at(s(3), act.mount('fs1', 'd0'))
            .expect(fs('fs0', false), s(3))
            .at(s(4), act.surprise('mem0'), 'yank')
            .expect(fs('fs0'))
            .expect(fs('fs1', false))
            .expect({ kind: 'dax', name: 'd0', property: 'absent' })
            .run();
        expect(r.outcome('yank')).toBe('ok');
        expect(r.event('yank').detail).toContain('Notified: fs0');
        expect(r.expectations.map(x => x.passed)).toEqual([true, true, true, true]);
        expect(r.expectations[0].actual).toBe('not notified');
        expect(r.state(id(0))).toBe('released');
        expect(r.dax('d0')).toMatchObject({ state: 'removed', size: 0, holder: null });
    });

    it('online sysram in ZONE_NORMAL is a crash risk', () => {
        const w = world({ hosts: [host('sysram-rfc')], regions: [region('r0', { driver: 'sysram', zone: 'normal' })] });
        const r = new Scenario(w)
            .at(0, act.add('mem0.dc0', [[0, 128 * MiB]]))
            .at(s(1), act.surprise('mem0'), 'yank')
            .expect(ev('yank', 'failed', 'crash-risk'))
            .expect({ kind: 'extent', partition: 'mem0.dc0', offset: 0, state: 'failed', reason: 'crash-risk' })
            .expect({ kind: 'extent', partition: 'mem0.dc0', offset: 0, state: 'failed' })
            .run();
        expect(r.expectations.map(x => x.passed)).toEqual([true, true, true]);
        expect(r.region('r0').extents).toBe(0);
    });

    it('ZONE_MOVABLE memory goes offline and is released, even with pins (they migrated out at pin time)', () => {
        const w = world({
            hosts: [host('sysram-rfc')],
            regions: [region('p', { driver: 'sysram', zone: 'movable', node: { id: 2, state: 'N_MEMORY_PRIVATE' } })],
        });
        const r = new Scenario(w)
            .at(0, act.add('mem0.dc0', [[0, 128 * MiB]]))
            .at(s(1), act.pin('p', 2 * MiB))
            .at(s(2), act.surprise('mem0'), 'yank')
            .expect({ kind: 'extent', partition: 'mem0.dc0', offset: 0, state: 'released' })
            .run();
        expect(r.outcome('yank')).toBe('ok');
        expect(r.expectations[0].passed).toBe(true);
        expect(r.region('p').online_bytes).toBe(0);
    });

    it('a removed device cannot be removed again', () => {
        const r = new Scenario(world()).at(0, act.surprise('mem0')).at(s(1), act.surprise('mem0'), 'again').run();
        expect(r.outcome('again')).toBe('failed ENOENT');
    });
});

describe('destroy_region (DOMAIN.md §3.5)', () => {
    it('releases every extent even with live DAX devices; later offers find no region', () => {
        const r = new Scenario(world())
            .at(0, act.add('mem0.dc0', [[0, 4 * MiB], [8 * MiB, 4 * MiB]], POOL))
            .at(s(1), act.daxUuid('d0', 'r0', POOL))
            .at(s(2), act.mount('fs0', 'd0'))
            .at(s(3), act.destroyRegion('r0'), 'rm')
            .at(s(4), act.add('mem0.dc0', [[0, 4 * MiB]]), 'later')
            .at(s(5), act.destroyRegion('r0'), 'again')
            .expect(fs('fs0'))
            .run();
        expect(r.outcome('rm')).toBe('ok');
        expect(r.state(id(0))).toBe('released');
        expect(r.dax('d0')?.state).toBe('removed');
        // the device got its capacity back, so QEMU lets the FM offer it again
        expect(r.outcome('later')).toBe('rejected no-region');
        expect(r.outcome('again')).toBe('failed ENXIO');
        expect(r.expectations[0].passed).toBe(true);
        expect(r.region('r0').extents).toBe(0);
    });

    it('sysram that cannot go offline is leaked (one shot): failed offline-busy', () => {
        const w = world({ hosts: [host('sysram-rfc')], regions: [region('r0', { driver: 'sysram', zone: 'normal' })] });
        const r = new Scenario(w)
            .at(0, act.add('mem0.dc0', [[0, 128 * MiB], [128 * MiB, 128 * MiB]]))
            .at(s(1), act.alloc('r0', 2 * MiB))
            .at(s(2), act.destroyRegion('r0'), 'rm')
            .run();
        expect(r.outcome('rm')).toBe('failed offline-busy');
        expect(r.state(id(0))).toBe('leaked');
        expect(r.state(id(128 * MiB))).toBe('released');
    });
});

describe('dax_cxl unload and load', () => {
    it('unload is a host-initiated release of every DAX-region extent; offers wait for load', () => {
        const r = new Scenario(world())
            .at(0, act.add('mem0.dc0', [[0, 4 * MiB]], POOL))
            .at(s(1), act.daxUuid('d0', 'r0', POOL))
            .at(s(2), act.mount('fs0', 'd0'))
            .at(s(3), act.unload(), 'out')
            .expect({ kind: 'region', region: 'r0', property: 'extents', value: 0 }, s(3))
            .expect({ kind: 'dax', name: 'd0', property: 'absent' }, s(3))
            .expect(fs('fs0'))
            .at(s(4), act.add('mem0.dc0', [[64 * MiB, 2 * MiB]]), 'while')
            .at(s(5), act.load(), 'in')
            .at(s(6), act.add('mem0.dc0', [[64 * MiB, 2 * MiB]]), 'after')
            // the device got the capacity back (Release DC), so it may offer it again
            .at(s(7), act.add('mem0.dc0', [[0, 4 * MiB]], POOL), 'again')
            .expect({ kind: 'region', region: 'r0', property: 'extents', value: 2 })
            .run();
        expect(r.outcome('out')).toBe('ok');
        expect(r.event('out').detail).toContain('1 extent released');
        expect(r.outcome('while')).toBe('rejected driver-unloaded');
        expect(r.event('in').detail).toContain('0 extents replayed');
        expect(r.path(id(0))).toEqual(['staged', 'accepted', 'claimed', 'released']);
        expect(r.outcome('after')).toBe('accepted');
        expect(r.outcome('again')).toBe('accepted');
        expect(r.expectations.every(x => x.passed)).toBe(true);
    });

    it('a release while unloaded is acknowledged at once; loading twice or unloading twice is harmless', () => {
        const w = world({ devices: [device('mem0', { model: 'cxl_test' })] });
        const r = new Scenario(w)
            .at(0, act.unload())
            .at(s(1), act.release('mem0.dc0', [[0, 4 * MiB]]), 'rel')
            .at(s(2), act.unload(), 'twice')
            .at(s(3), act.load())
            .at(s(4), act.load(), 'again')
            .run();
        expect(r.outcome('rel')).toBe('acknowledged');
        expect(r.event('rel').errno).toBe('ENXIO');
        expect(r.outcome('twice')).toBe('ok');
        expect(r.outcome('again')).toBe('ok');
    });

    it('sysram regions do not depend on dax_cxl', () => {
        const w = world({ hosts: [host('sysram-rfc')], regions: [region('r0', { driver: 'sysram', zone: 'movable' })] });
        const r = new Scenario(w).at(0, act.unload()).at(s(1), act.add('mem0.dc0', [[0, 128 * MiB]]), 'a').run();
        expect(r.outcome('a')).toBe('accepted');
    });
});
