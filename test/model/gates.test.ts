import { describe, expect, it } from 'vitest';
import { KERNEL_PROFILES } from '../../language/model/index.js';
import { Scenario, act, device, host, id, region, s, world, GiB, MiB, OTHER, POOL, THIRD } from './builder.js';

const tagFor = (kernel: string) => (kernel === 'dcd-v9' ? null : POOL);

describe('per-extent gates (DOMAIN.md §3.2)', () => {
    for (const kernel of KERNEL_PROFILES) {
        it(`untagged-on-sharable and seq-on-nonsharable are firmware bugs (${kernel})`, () => {
            const w = world({
                devices: [device('mem0', { model: 'cxl_test', partitions: [{}, { name: 'dc1', sharable: true }] })],
                regions: [region('r0'), region('r1', { partition: 'mem0.dc1' })],
            });
            const r = new Scenario(w, kernel)
                .at(0, act.add('mem0.dc1', [[0, 2 * MiB]]), 'untagged')
                .at(s(1), act.add('mem0.dc0', [[0, 2 * MiB, 1]]), 'seq')
                .run();
            expect(r.outcome('untagged')).toBe('rejected untagged-on-sharable');
            expect(r.event('untagged').errno).toBe('EINVAL');
            expect(r.outcome('seq')).toBe('rejected seq-on-nonsharable');
        });

        it(`no-region and outside-decoder (${kernel})`, () => {
            const w = world({ devices: [device('mem0', { model: 'cxl_test' })], regions: [region('r0', { offset: 0, size: 256 * MiB })] });
            const tag = tagFor(kernel);
            const r = new Scenario(w, kernel)
                .at(0, act.add('mem0.dc0', [[512 * MiB, 2 * MiB]], tag), 'nowhere')
                .at(s(1), act.add('mem0.dc0', [[254 * MiB, 4 * MiB]], tag), 'straddle')
                .run();
            expect(r.outcome('nowhere')).toBe('rejected no-region');
            expect(r.extent(id(512 * MiB)).region).toBeNull();
            expect(r.outcome('straddle')).toBe('rejected outside-decoder');
            expect(r.event('straddle').errno).toBe('ENXIO');
            expect(r.extent(id(254 * MiB)).region).toBe('r0');
        });

        it(`overlap rejects, a contained duplicate is accepted again with no new extent (${kernel})`, () => {
            const w = world({ devices: [device('mem0', { model: 'cxl_test' })] });
            const tag = tagFor(kernel);
            const r = new Scenario(w, kernel)
                .at(0, act.add('mem0.dc0', [[0, 4 * MiB]], tag), 'a')
                .at(s(1), act.add('mem0.dc0', [[2 * MiB, 4 * MiB]], tag), 'over')
                .at(s(2), act.add('mem0.dc0', [[0, 2 * MiB]], tag), 'dup')
                .expect({ kind: 'region', region: 'r0', property: 'extents', value: 1 }, s(2))
                .at(s(3), act.release('mem0.dc0', [[0, 4 * MiB]], { tag }), 'rel')
                .run();
            expect(r.outcome('over')).toBe('rejected overlap');
            expect(r.outcome('dup')).toBe('accepted');
            expect(r.expectations[0].passed).toBe(true);
            expect(r.outcome('rel')).toBe('released');
            // the duplicate follows the extent it duplicates
            expect(r.path(id(0) + '#2')).toEqual(['staged', 'accepted', 'released']);
        });

        it(`extents of one chain may not overlap each other (${kernel})`, () => {
            const w = world({ devices: [device('mem0', { model: 'cxl_test' })] });
            const r = new Scenario(w, kernel).at(0, act.add('mem0.dc0', [[0, 4 * MiB], [2 * MiB, 4 * MiB]]), 'a').run();
            expect(r.outcome('a')).toBe('partial overlap');
        });
    }

    it('a duplicate of an extent with another tag is a tag-mismatch', () => {
        const w = world({ devices: [device('mem0', { model: 'cxl_test' })] });
        const r = new Scenario(w)
            .at(0, act.add('mem0.dc0', [[0, 4 * MiB]], POOL), 'a')
            .at(s(1), act.add('mem0.dc0', [[0, 2 * MiB]], OTHER), 'b')
            .run();
        expect(r.outcome('b')).toBe('rejected tag-mismatch');
    });

    it('dcd-v9 rejects every tagged extent (tagged-unsupported)', () => {
        const r = new Scenario(world(), 'dcd-v9')
            .at(0, act.add('mem0.dc0', [[0, 2 * MiB]], POOL), 'tagged')
            .at(s(1), act.add('mem0.dc0', [[2 * MiB, 2 * MiB]]), 'plain')
            .run();
        expect(r.outcome('tagged')).toBe('rejected tagged-unsupported');
        expect(r.outcome('plain')).toBe('accepted');
    });

    it('a region whose driver the kernel lacks is never created: no-region', () => {
        const w = world({ regions: [region('r0', { driver: 'sysram' })] });
        for (const kernel of ['dcd-v9', 'dcd-v11'] as const) {
            const r = new Scenario(w, kernel).at(0, act.add('mem0.dc0', [[0, 128 * MiB]]), 'a').run();
            expect(r.outcome('a')).toBe('rejected no-region');
            expect(r.region('r0').extents).toBe(0);
        }
    });

    it('driver-unloaded while dax_cxl is out; accepted again after load', () => {
        const r = new Scenario(world())
            .at(0, act.unload())
            .at(s(1), act.add('mem0.dc0', [[0, 2 * MiB]]), 'while')
            .at(s(2), act.load())
            .at(s(3), act.add('mem0.dc0', [[0, 2 * MiB]]), 'after')
            .run();
        expect(r.outcome('while')).toBe('rejected driver-unloaded');
        expect(r.event('while').errno).toBe('ENXIO');
        expect(r.outcome('after')).toBe('accepted');
    });
});

describe('per-group gates (DOMAIN.md §3.3)', () => {
    for (const kernel of ['dcd-v11', 'sysram-rfc'] as const) {
        it(`seq-gap: a sharable group's sorted seq must be exactly 0..n-1 (${kernel})`, () => {
            const w = world({ devices: [device('mem0', { partitions: [{ sharable: true }] })] });
            const r = new Scenario(w, kernel)
                .at(0, act.add('mem0.dc0', [[0, 2 * MiB, 1], [2 * MiB, 2 * MiB, 0]], POOL), 'ok')
                .at(s(1), act.add('mem0.dc0', [[8 * MiB, 2 * MiB, 0], [10 * MiB, 2 * MiB, 2]], OTHER), 'gap')
                .at(s(2), act.add('mem0.dc0', [[16 * MiB, 2 * MiB, 1], [18 * MiB, 2 * MiB, 2]], THIRD), 'from1')
                .run();
            expect(r.outcome('ok')).toBe('accepted');
            expect(r.outcome('gap')).toBe('rejected seq-gap');
            expect(r.state(id(8 * MiB))).toBe('rejected seq-gap');
            expect(r.outcome('from1')).toBe('rejected seq-gap');
        });

        it(`group-spans-partitions: one tag across two partitions (${kernel})`, () => {
            const w = world({
                devices: [device('mem0', { model: 'cxl_test', partitions: [{}, { name: 'dc1' }] })],
                regions: [region('r0'), region('r1', { partition: 'mem0.dc1' })],
            });
            const r = new Scenario(w, kernel)
                .at(0, act.add1('mem0.dc0', 0, 2 * MiB, { tag: POOL, more: true }), 'a')
                .at(0, act.add1('mem0.dc1', 0, 2 * MiB, { tag: POOL }), 'b')
                .run();
            expect(r.outcome('a')).toBe('rejected group-spans-partitions');
            expect(r.outcome('b')).toBe('rejected group-spans-partitions');
        });

        it(`tag-in-use: a later Set(A)′ with a live tag is rejected host-wide, free again after release (${kernel})`, () => {
            const w = world({
                devices: [device('mem0'), device('mem1')],
                regions: [region('r0'), region('r1', { partition: 'mem1.dc0' })],
            });
            const r = new Scenario(w, kernel)
                .at(0, act.add('mem0.dc0', [[0, 2 * MiB]], POOL), 'a')
                .at(s(1), act.add('mem0.dc0', [[2 * MiB, 2 * MiB]], POOL), 'again')
                .at(s(2), act.add('mem1.dc0', [[0, 2 * MiB]], POOL), 'elsewhere')
                .at(s(3), act.release('mem0.dc0', [[0, 2 * MiB]], { tag: POOL }), 'rel')
                .at(s(4), act.add('mem1.dc0', [[4 * MiB, 2 * MiB]], POOL), 'reuse')
                .run();
            expect(r.outcome('again')).toBe('rejected tag-in-use');
            expect(r.outcome('elsewhere')).toBe('rejected tag-in-use');
            expect(r.outcome('rel')).toBe('released');
            expect(r.outcome('reuse')).toBe('accepted');
        });

        it(`group-member-rejected: one bad member takes its group with it (${kernel})`, () => {
            const w = world({ regions: [region('r0', { size: 256 * MiB })] });
            const r = new Scenario(w, kernel)
                .at(0, act.add('mem0.dc0', [[0, 2 * MiB], [512 * MiB, 2 * MiB]], POOL), 'g')
                .at(s(1), act.add('mem0.dc0', [[8 * MiB, 2 * MiB], [512 * MiB, 2 * MiB]]), 'untagged')
                .run();
            expect(r.outcome('g')).toBe('rejected group-member-rejected');
            expect(r.state(id(0))).toBe('rejected group-member-rejected');
            expect(r.state(id(512 * MiB))).toBe('rejected no-region');
            // untagged extents are each their own group: no all-or-nothing
            expect(r.outcome('untagged')).toBe('partial no-region');
        });
    }

    for (const kernel of KERNEL_PROFILES) {
        it(`group-misaligned: DAX groups need 2 MiB (PMD) starts and lengths (${kernel})`, () => {
            const w = world({ devices: [device('mem0', { model: 'cxl_test', partitions: [{ blockSize: 64 * 1024 }] })] });
            const r = new Scenario(w, kernel)
                .at(0, act.add('mem0.dc0', [[1 * MiB, 2 * MiB]]), 'start')
                .at(s(1), act.add('mem0.dc0', [[8 * MiB, 3 * MiB]]), 'length')
                .run();
            expect(r.outcome('start')).toBe('rejected group-misaligned');
            expect(r.outcome('length')).toBe('rejected group-misaligned');
        });
    }

    it('group-misaligned: sysram groups need the memory block size on sysram-rfc', () => {
        const w = world({
            hosts: [host('sysram-rfc', { memoryBlockSize: 256 * MiB })],
            regions: [region('r0', { driver: 'sysram' })],
        });
        const r = new Scenario(w)
            .at(0, act.add('mem0.dc0', [[0, 128 * MiB]]), 'small')
            .at(s(1), act.add('mem0.dc0', [[256 * MiB, 256 * MiB]]), 'block')
            .run();
        expect(r.outcome('small')).toBe('rejected group-misaligned');
        expect(r.outcome('block')).toBe('accepted');
    });

    it('dcd-v9 has no tag groups and no tag-in-use', () => {
        const r = new Scenario(world({ hosts: [host('dcd-v9')] }))
            .at(0, act.add('mem0.dc0', [[0, 2 * MiB], [1 * GiB - 2 * MiB, 2 * MiB]]), 'two')
            .run();
        expect(r.outcome('two')).toBe('accepted');
        expect(r.region('r0').extents).toBe(2);
    });
});
