import { describe, expect, it } from 'vitest';
import { KERNEL_PROFILES } from '../../language/model/index.js';
import { Scenario, act, device, host, id, region, s, world, MiB, OTHER, POOL } from './builder.js';

const tagged = (k: string) => (k === 'dcd-v9' ? null : POOL);

describe('release granularity (LANGUAGE.md §4; DOMAIN.md §3.5)', () => {
    it('dcd-v11 releases the whole tag group when one member is named', () => {
        const r = new Scenario(world())
            .at(0, act.add('mem0.dc0', [[0, 2 * MiB], [8 * MiB, 2 * MiB]], POOL), 'grow')
            .at(s(1), act.release('mem0.dc0', [[8 * MiB, 2 * MiB]], { tag: POOL }), 'shrink')
            .run();
        expect(r.outcome('shrink')).toBe('released');
        expect(r.state(id(0))).toBe('released');
        expect(r.state(id(8 * MiB))).toBe('released');
        expect(r.region('r0').extents).toBe(0);
    });

    it('sysram-rfc releases a tagged group whole and an untagged extent alone', () => {
        const w = world({ hosts: [host('sysram-rfc')], regions: [region('r0', { size: 512 * MiB }), region('r1', { offset: 512 * MiB, size: 512 * MiB })] });
        const r = new Scenario(w)
            .at(0, act.add('mem0.dc0', [[0, 2 * MiB], [8 * MiB, 2 * MiB]], POOL))
            .at(0, act.add('mem0.dc0', [[512 * MiB, 2 * MiB], [520 * MiB, 2 * MiB]]))
            .at(s(1), act.release('mem0.dc0', [[0, 2 * MiB]], { tag: POOL }), 'group')
            .at(s(2), act.release('mem0.dc0', [[512 * MiB, 2 * MiB]]), 'one')
            .run();
        expect(r.state(id(8 * MiB))).toBe('released');
        expect(r.state(id(512 * MiB))).toBe('released');
        expect(r.state(id(520 * MiB))).toBe('accepted');
    });

    for (const kernel of KERNEL_PROFILES) {
        it(`a sub-range of an extent releases the whole extent, never a split (${kernel})`, () => {
            const w = world({ hosts: [host(kernel)], devices: [device('mem0', { model: 'cxl_test' })] });
            const tag = tagged(kernel);
            const r = new Scenario(w)
                .at(0, act.add('mem0.dc0', [[0, 8 * MiB]], tag))
                .at(0, act.add('mem0.dc0', [[16 * MiB, 2 * MiB]], tag && OTHER))
                .at(s(1), act.release('mem0.dc0', [[2 * MiB, 2 * MiB]], { tag }), 'part')
                .run();
            expect(r.outcome('part')).toBe('released');
            expect(r.state(id(0))).toBe('released');
            expect(r.state(id(16 * MiB))).toBe('accepted');
        });

        it(`a claimed extent defers the release (-EBUSY) until the DAX device is gone and the device re-issues (${kernel})`, () => {
            const tag = tagged(kernel);
            const claim = kernel === 'dcd-v9' ? act.daxSize('d0', 'r0', 4 * MiB) : act.daxUuid('d0', 'r0', tag);
            const r = new Scenario(world({ hosts: [host(kernel)] }))
                .at(0, act.add('mem0.dc0', [[0, 4 * MiB]], tag))
                .at(s(1), claim)
                .at(s(2), act.release('mem0.dc0', [[0, 4 * MiB]], { tag }), 'busy')
                .at(s(3), act.destroyDax('d0'))
                .at(s(4), act.release('mem0.dc0', [[0, 4 * MiB]], { tag }), 'retry')
                .run();
            expect(r.outcome('busy')).toBe('deferred');
            expect(r.event('busy').errno).toBe('EBUSY');
            expect(r.outcome('retry')).toBe('released');
            expect(r.path(id(0))).toEqual(['staged', 'accepted', 'claimed', 'accepted', 'released']);
        });

        it(`untracked DPA is acknowledged at once (-ENXIO logged) (${kernel})`, () => {
            const w = world({ hosts: [host(kernel)], devices: [device('mem0', { model: 'cxl_test' })], regions: [region('r0', { size: 256 * MiB })] });
            const r = new Scenario(w).at(0, act.release('mem0.dc0', [[512 * MiB, 2 * MiB]]), 'stray').run();
            expect(r.outcome('stray')).toBe('acknowledged');
            expect(r.event('stray').errno).toBe('ENXIO');
        });

        it(`a range no accepted extent contains is ignored (-EINVAL; nothing sent) (${kernel})`, () => {
            const w = world({ hosts: [host(kernel)], devices: [device('mem0', { model: 'cxl_test' })] });
            const r = new Scenario(w)
                .at(0, act.add('mem0.dc0', [[0, 2 * MiB], [2 * MiB, 2 * MiB]]))
                .at(s(1), act.release('mem0.dc0', [[64 * MiB, 2 * MiB]]), 'nothing')
                .at(s(2), act.release('mem0.dc0', [[0, 4 * MiB]]), 'spans')
                .run();
            expect(r.outcome('nothing')).toBe('ignored');
            expect(r.event('nothing').errno).toBe('EINVAL');
            expect(r.outcome('spans')).toBe('ignored');
            expect(r.state(id(0))).toBe('accepted');
        });
    }

    for (const kernel of ['dcd-v11', 'sysram-rfc'] as const) {
        it(`a record whose tag differs from the extent's is ignored: tag-mismatch (${kernel})`, () => {
            const r = new Scenario(world({ hosts: [host(kernel)] }))
                .at(0, act.add('mem0.dc0', [[0, 2 * MiB]], POOL))
                .at(s(1), act.release('mem0.dc0', [[0, 2 * MiB]], { tag: OTHER }), 'wrong')
                .run();
            expect(r.outcome('wrong')).toBe('ignored tag-mismatch');
            expect(r.event('wrong').errno).toBe('EINVAL');
            expect(r.state(id(0))).toBe('accepted');
        });

        it(`a release naming every member releases the group once; later records are part of it (${kernel})`, () => {
            const r = new Scenario(world({ hosts: [host(kernel)] }))
                .at(0, act.add('mem0.dc0', [[0, 2 * MiB], [8 * MiB, 2 * MiB]], POOL))
                .at(s(1), act.release('mem0.dc0', [[0, 2 * MiB], [8 * MiB, 2 * MiB]], { tag: POOL }), 'all')
                .run();
            expect(r.outcome('all')).toBe('released');
        });
    }

    it('a tag-based release on a cxl_test device releases every accepted extent with the tag', () => {
        const w = world({ devices: [device('mem0', { model: 'cxl_test' })] });
        const r = new Scenario(w)
            .at(0, act.add('mem0.dc0', [[0, 2 * MiB], [8 * MiB, 2 * MiB]], POOL))
            .at(0, act.add('mem0.dc0', [[16 * MiB, 2 * MiB]], OTHER))
            .at(s(1), act.releaseTag('mem0.dc0', POOL), 'bytag')
            .at(s(2), act.releaseTag('mem0.dc0', POOL), 'none')
            .run();
        expect(r.outcome('bytag')).toBe('released');
        expect(r.state(id(8 * MiB))).toBe('released');
        expect(r.state(id(16 * MiB))).toBe('accepted');
        expect(r.outcome('none')).toBe('ignored');
    });
});

describe('sysram release while online (sysram-rfc)', () => {
    const w = (zone: 'movable' | 'normal') => world({
        hosts: [host('sysram-rfc')],
        regions: [region('r0', { driver: 'sysram', zone })],
    });
    it('movable memory goes offline and is released', () => {
        const r = new Scenario(w('movable'))
            .at(0, act.add('mem0.dc0', [[0, 128 * MiB]]))
            .at(s(1), act.release('mem0.dc0', [[0, 128 * MiB]]), 'rel')
            .run();
        expect(r.outcome('rel')).toBe('released');
        expect(r.path(id(0))).toEqual(['staged', 'accepted', 'online', 'released']);
        expect(r.region('r0').online_bytes).toBe(0);
    });

    it('ZONE_NORMAL memory holding unmovable allocations cannot go offline: failed offline-busy; after free it can', () => {
        const r = new Scenario(w('normal'))
            .at(0, act.add('mem0.dc0', [[0, 128 * MiB]]))
            .at(s(1), act.alloc('r0', 2 * MiB))
            .at(s(2), act.release('mem0.dc0', [[0, 128 * MiB]]), 'busy')
            .at(s(3), act.free('r0'))
            .at(s(4), act.release('mem0.dc0', [[0, 128 * MiB]]), 'retry')
            .run();
        expect(r.outcome('busy')).toBe('failed offline-busy');
        expect(r.event('busy').errno).toBe('EBUSY');
        expect(r.outcome('retry')).toBe('released');
    });
});

describe('forced release (LANGUAGE.md §4)', () => {
    const cxl = (kernel: 'dcd-v9' | 'dcd-v11' | 'sysram-rfc', regions = [region('r0')]) =>
        world({ hosts: [host(kernel)], devices: [device('mem0', { model: 'cxl_test' })], regions });

    for (const kernel of ['dcd-v9', 'dcd-v11'] as const) {
        it(`is ignored by ${kernel} ("Forced release event ignored.")`, () => {
            const r = new Scenario(cxl(kernel))
                .at(0, act.add('mem0.dc0', [[0, 2 * MiB]]))
                .at(s(1), act.release('mem0.dc0', [[0, 2 * MiB]], { forced: true }), 'f')
                .run();
            expect(r.outcome('f')).toBe('ignored');
            expect(r.event('f').detail).toBe('Forced release event ignored.');
            expect(r.state(id(0))).toBe('accepted');
        });
    }

    it('sysram-rfc honours it: a DAX holder is notified and the extent released at once, even claimed', () => {
        const r = new Scenario(cxl('sysram-rfc'))
            .at(0, act.add('mem0.dc0', [[0, 2 * MiB]], POOL))
            .at(s(1), act.daxUuid('d0', 'r0', POOL))
            .at(s(2), act.mount('fs0', 'd0'))
            .at(s(3), act.release('mem0.dc0', [[0, 2 * MiB]], { tag: POOL, forced: true }), 'f')
            .expect({ kind: 'fs', fs: 'fs0', notified: true })
            .expect({ kind: 'dax', name: 'd0', property: 'absent' })
            .run();
        expect(r.outcome('f')).toBe('released');
        expect(r.expectations.map(x => x.passed)).toEqual([true, true]);
        expect(r.state(id(0))).toBe('released');
        expect(r.dax('d0')?.state).toBe('removed');
    });

    it('sysram-rfc: online ZONE_NORMAL memory is a crash risk; pinned ZONE_MOVABLE memory is released (pins migrated out)', () => {
        const regions = [
            region('n', { size: 512 * MiB, driver: 'sysram', zone: 'normal' }),
            region('p', { offset: 512 * MiB, size: 512 * MiB, driver: 'sysram', zone: 'movable', node: { id: 2, state: 'N_MEMORY_PRIVATE' } }),
        ];
        const r = new Scenario(cxl('sysram-rfc', regions))
            .at(0, act.add('mem0.dc0', [[0, 128 * MiB]]))
            .at(0, act.add('mem0.dc0', [[512 * MiB, 128 * MiB]]))
            .at(s(1), act.pin('p', 2 * MiB))
            .at(s(2), act.release('mem0.dc0', [[0, 128 * MiB]], { forced: true }), 'normal')
            .at(s(3), act.release('mem0.dc0', [[512 * MiB, 128 * MiB]], { forced: true }), 'pinned')
            .at(s(4), act.release('mem0.dc0', [[900 * MiB, 2 * MiB]], { forced: true }), 'nothing')
            .run();
        expect(r.outcome('normal')).toBe('failed crash-risk');
        expect(r.state(id(0))).toBe('failed crash-risk');
        expect(r.outcome('pinned')).toBe('released');
        expect(r.state(id(512 * MiB))).toBe('released');
        expect(r.outcome('nothing')).toBe('acknowledged');
        expect(r.region('n').extents).toBe(0);
    });
});
