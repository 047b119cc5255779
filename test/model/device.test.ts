import { describe, expect, it } from 'vitest';
import { checkAddRequest, checkReleaseRequest, KERNEL_PROFILES } from '../../language/model/index.js';
import { Scenario, act, device, ev, id, partition, region, s, world, MiB, GiB, POOL } from './builder.js';

const P = partition('mem0', 'dc0', 0);
const qemu = { model: 'qemu' as const };
const cxlTest = { model: 'cxl_test' as const };
const x = (offset: number, length: number) => ({ offset, length, seq: 0 });

describe('checkAddRequest: QEMU static refusals (DOMAIN.md §2.2)', () => {
    it('refuses zero-length, misaligned, beyond-partition and overlap-in-request, naming the extent', () => {
        expect(checkAddRequest(P, qemu, [x(0, 2 * MiB), x(4 * MiB, 0)])).toEqual({
            reason: 'zero-length', extentIndex: 1, message: 'extent with 0 length is not allowed',
        });
        expect(checkAddRequest(P, qemu, [x(1 * MiB, 2 * MiB)])?.reason).toBe('misaligned');
        expect(checkAddRequest(P, qemu, [x(0, 3 * MiB)])?.reason).toBe('misaligned');
        expect(checkAddRequest(P, qemu, [x(1 * GiB - 2 * MiB, 4 * MiB)])).toMatchObject({ reason: 'beyond-partition', extentIndex: 0 });
        expect(checkAddRequest(P, qemu, [x(0, 4 * MiB), x(8 * MiB, 2 * MiB), x(2 * MiB, 2 * MiB)])).toMatchObject({ reason: 'overlap-in-request', extentIndex: 2 });
        expect(checkAddRequest(P, qemu, [x(0, 4 * MiB), x(0, 4 * MiB)])?.reason).toBe('overlap-in-request');
        expect(checkAddRequest(P, qemu, [x(0, 4 * MiB), x(4 * MiB, 4 * MiB)])).toBeUndefined();
    });

    it('refuses a partition beyond index 7 or a missing one (no-such-partition)', () => {
        expect(checkAddRequest({ ...P, index: 8 }, qemu, [x(0, 2 * MiB)])?.reason).toBe('no-such-partition');
        expect(checkAddRequest(undefined, qemu, [x(0, 2 * MiB)])?.reason).toBe('no-such-partition');
        expect(checkAddRequest({ ...P, index: 7 }, qemu, [x(0, 2 * MiB)])).toBeUndefined();
    });

    it('a cxl_test device forwards everything', () => {
        expect(checkAddRequest(P, cxlTest, [x(1, 0)])).toBeUndefined();
        expect(checkReleaseRequest(P, cxlTest, [], { forced: true, tagBased: true })).toBeUndefined();
    });
});

describe('checkReleaseRequest', () => {
    it('refuses forced and tag-based removal (unsupported-policy) before anything else', () => {
        expect(checkReleaseRequest(P, qemu, [x(0, 0)], { forced: true, tagBased: false })).toEqual({
            reason: 'unsupported-policy', message: 'Forced removal not supported yet',
        });
        expect(checkReleaseRequest(P, qemu, [], { forced: false, tagBased: true })).toEqual({
            reason: 'unsupported-policy', message: 'Removal policy not supported',
        });
        expect(checkReleaseRequest(P, qemu, [x(0, 0)], { forced: false, tagBased: false })?.reason).toBe('zero-length');
        expect(checkReleaseRequest(P, qemu, [x(0, 2 * MiB)], { forced: false, tagBased: false })).toBeUndefined();
    });
});

describe('a qemu device refuses requests whole, before the host sees them', () => {
    for (const kernel of KERNEL_PROFILES) {
        it(`static refusals show on the event and on every extent (${kernel})`, () => {
            const r = new Scenario(world({ hosts: [{ ...world().hosts[0], kernel }] }))
                .at(0, act.add('mem0.dc0', [[0, 2 * MiB], [4 * MiB, 0]]), 'zero')
                .at(s(1), act.add('mem0.dc0', [[1 * MiB, 2 * MiB]]), 'mis')
                .at(s(2), act.add('mem0.dc0', [[1 * GiB, 2 * MiB]]), 'beyond')
                .at(s(3), act.add('mem0.dc0', [[8 * MiB, 4 * MiB], [10 * MiB, 2 * MiB]]), 'dup')
                .run();
            expect(r.outcome('zero')).toBe('refused zero-length');
            expect(r.event('zero').errno).toBeNull();
            expect(r.event('zero').detail).toContain('extent with 0 length is not allowed');
            expect(r.state(id(0))).toBe('refused zero-length');
            expect(r.path(id(0))).toEqual(['refused zero-length']);
            expect(r.outcome('mis')).toBe('refused misaligned');
            expect(r.outcome('beyond')).toBe('refused beyond-partition');
            expect(r.outcome('dup')).toBe('refused overlap-in-request');
            expect(r.region('r0').extents).toBe(0);
        });
    }

    it('refuses adding accepted capacity (overlap-accepted) and capacity still pending (overlap-pending)', () => {
        const r = new Scenario(world())
            .at(0, act.add('mem0.dc0', [[0, 4 * MiB]]), 'a')
            .at(s(1), act.add('mem0.dc0', [[2 * MiB, 4 * MiB]]), 'again')
            .at(s(2), act.add1('mem0.dc0', 64 * MiB, 2 * MiB, { more: true }), 'open')
            .at(s(3), act.add('mem0.dc0', [[64 * MiB, 2 * MiB]]), 'twice')
            .run();
        expect(r.outcome('a')).toBe('accepted');
        expect(r.outcome('again')).toBe('refused overlap-accepted');
        expect(r.outcome('twice')).toBe('refused overlap-pending');
        expect(r.outcome('open')).toBe('rejected chain-timeout');
    });

    it('refuses a request that would track more than max_extents (accepted + pending + new)', () => {
        const w = world({ devices: [device('mem0', { maxExtents: 3 })] });
        const r = new Scenario(w)
            .at(0, act.add('mem0.dc0', [[0, 2 * MiB], [2 * MiB, 2 * MiB]]), 'two')
            .at(s(1), act.add('mem0.dc0', [[8 * MiB, 2 * MiB], [10 * MiB, 2 * MiB]]), 'more')
            .at(s(2), act.add('mem0.dc0', [[8 * MiB, 2 * MiB]]), 'one')
            .run();
        expect(r.outcome('two')).toBe('accepted');
        expect(r.outcome('more')).toBe('refused extent-limit');
        expect(r.event('more').detail).toContain('2 accepted + 0 pending + 2 new > 3');
        expect(r.outcome('one')).toBe('accepted');
    });

    it('refuses releases of pending or unbacked capacity, forced and tag-based releases', () => {
        const r = new Scenario(world())
            .at(0, act.add('mem0.dc0', [[0, 4 * MiB]], POOL), 'a')
            .at(s(1), act.add1('mem0.dc0', 64 * MiB, 2 * MiB, { more: true }), 'open')
            .at(s(2), act.release('mem0.dc0', [[64 * MiB, 2 * MiB]]), 'pending')
            .at(s(3), act.release('mem0.dc0', [[0, 8 * MiB]], { tag: POOL }), 'unbacked')
            .at(s(4), act.release('mem0.dc0', [[0, 4 * MiB]], { tag: POOL, forced: true }), 'forced')
            .at(s(5), act.releaseTag('mem0.dc0', POOL), 'bytag')
            .run();
        expect(r.outcome('pending')).toBe('refused release-pending');
        expect(r.outcome('unbacked')).toBe('refused release-unbacked');
        expect(r.outcome('forced')).toBe('refused unsupported-policy');
        expect(r.event('forced').detail).toContain('Forced removal not supported yet');
        expect(r.outcome('bytag')).toBe('refused unsupported-policy');
        expect(r.event('bytag').detail).toContain('Removal policy not supported');
        expect(r.state(id(0))).toBe('accepted');
    });

    it('refuses requests to a partition past index 7 and to a removed device (no-such-partition)', () => {
        const w = world({ devices: [device('mem0', { partitions: [{ index: 8 }] })] });
        const r = new Scenario(w).at(0, act.add('mem0.dc0', [[0, 2 * MiB]]), 'a').run();
        expect(r.outcome('a')).toBe('refused no-such-partition');
        const r2 = new Scenario(world())
            .at(0, act.surprise('mem0'))
            .at(s(1), act.add('mem0.dc0', [[0, 2 * MiB]]), 'a')
            .at(s(2), act.release('mem0.dc0', [[0, 2 * MiB]]), 'r')
            .run();
        expect(r2.outcome('a')).toBe('refused no-such-partition');
        expect(r2.outcome('r')).toBe('refused no-such-partition');
    });
});

describe('a cxl_test device forwards every record; only host rules decide', () => {
    const w = world({ devices: [device('mem0', { model: 'cxl_test', partitions: [{ blockSize: 64 * 1024 }] })] });
    for (const kernel of KERNEL_PROFILES) {
        it(`zero-length and beyond-partition reach the host: not-in-partition (${kernel})`, () => {
            const r = new Scenario(w, kernel)
                .at(0, act.add('mem0.dc0', [[0, 0]]), 'zero')
                .at(s(1), act.add('mem0.dc0', [[1 * GiB - 2 * MiB, 4 * MiB]]), 'beyond')
                .at(s(2), act.add('mem0.dc0', [[0, 2 * MiB], [0, 2 * MiB]]), 'dup')
                .run();
            expect(r.outcome('zero')).toBe('rejected not-in-partition');
            expect(r.event('zero').errno).toBe('ENXIO');
            expect(r.outcome('beyond')).toBe('rejected not-in-partition');
            // partial carries the first rejected extent's reason
            expect(r.outcome('dup')).toBe('partial overlap');
            expect(r.state(id(0) + '#2')).toBe('accepted');
            expect(r.state(id(0) + '#3')).toBe('rejected overlap');
        });
    }
});

describe('fan-out into records and the More flag (DOMAIN.md §1.4)', () => {
    it('a list request is one chain: staged records surface together when the last arrives', () => {
        const r = new Scenario(world())
            .at(0, act.add('mem0.dc0', [[0, 2 * MiB], [2 * MiB, 2 * MiB], [4 * MiB, 2 * MiB]]), 'three')
            .run();
        expect(r.outcome('three')).toBe('accepted');
        for (const o of [0, 2 * MiB, 4 * MiB]) expect(r.path(id(o))).toEqual(['staged', 'accepted']);
        expect(r.region('r0').extents).toBe(3);
    });

    it('the single form uses the written more flag: the chain stays open until a record without it', () => {
        const r = new Scenario(world({ devices: [device('mem0', { model: 'cxl_test' })] }))
            .at(0, act.add1('mem0.dc0', 0, 2 * MiB, { more: true }), 'first')
            .at(s(1), act.add1('mem0.dc0', 2 * MiB, 2 * MiB), 'last')
            .expect({ kind: 'extent', partition: 'mem0.dc0', offset: 0, state: 'staged' }, s(0.5))
            .expect({ kind: 'region', region: 'r0', property: 'extents', value: 0 }, s(0.5))
            .expect(ev('first', 'accepted'), s(0.5))
            .expect({ kind: 'region', region: 'r0', property: 'extents', value: 2 }, s(1))
            .run();
        expect(r.expectations.map(x => x.passed)).toEqual([true, true, false, true]);
        expect(r.expectations[2].actual).toBe('pending (staged in an open More chain)');
        expect(r.extent(id(0)).timeline).toEqual([{ t_ns: 0, state: 'staged' }, { t_ns: s(1), state: 'accepted' }]);
        expect(r.outcome('first')).toBe('accepted');
    });

    it('QEMU answers only its first pending group: a chain across two requests makes the response fail', () => {
        const r = new Scenario(world())
            .at(0, act.add1('mem0.dc0', 0, 2 * MiB, { more: true }), 'first')
            .at(s(1), act.add1('mem0.dc0', 2 * MiB, 2 * MiB), 'second')
            .at(s(2), act.release('mem0.dc0', [[0, 2 * MiB]]), 'rel')
            .run();
        expect(r.outcome('second')).toBe('accepted');
        expect(r.event('second').detail).toContain('INVALID_PA');
        // the device never took the ranges, so it refuses to release them
        expect(r.outcome('rel')).toBe('refused release-pending');
    });
});

describe('regions on other partitions', () => {
    it('extents land in the region decoding their partition', () => {
        const w = world({
            devices: [device('mem0', { partitions: [{}, { name: 'dc1' }] })],
            regions: [region('r0'), region('r1', { partition: 'mem0.dc1' })],
        });
        const r = new Scenario(w).at(0, act.add('mem0.dc1', [[0, 2 * MiB]]), 'a').run();
        expect(r.extent(id(0, 'mem0.dc1')).region).toBe('r1');
        expect(r.extent(id(0, 'mem0.dc1')).dpa).toBe(2 * GiB + 4 * GiB);
        expect(r.region('r1').extents).toBe(1);
        expect(r.region('r0').extents).toBe(0);
    });
});
