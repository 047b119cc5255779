import { describe, expect, it } from 'vitest';
import { Scenario, act, device, ev, id, s, world, MiB } from './builder.js';

const cxlTest = world({ devices: [device('mem0', { model: 'cxl_test' })] });
const staged = (offset: number) => ({ kind: 'extent' as const, partition: 'mem0.dc0', offset, state: 'staged' as const });
const rejected = (offset: number, reason: string) => ({ kind: 'extent' as const, partition: 'mem0.dc0', offset, state: 'rejected' as const, reason });

describe('the 20 s More-chain watchdog (dcd-v11, sysram-rfc; [V11-13])', () => {
    for (const kernel of ['dcd-v11', 'sysram-rfc'] as const) {
        it(`refuses every staged extent 20 s after the last More record (${kernel})`, () => {
            const r = new Scenario(world(), kernel)
                .at(0, act.add1('mem0.dc0', 0, 2 * MiB, { more: true }), 'open')
                .expect(staged(0), s(19))
                .expect(rejected(0, 'chain-timeout'), s(21))
                .expect(ev('open', 'rejected', 'chain-timeout'), s(21))
                .expect(ev('open', 'rejected', 'chain-timeout'))
                .run();
            expect(r.expectations.map(x => x.passed)).toEqual([true, true, true, true]);
            expect(r.extent(id(0)).timeline).toEqual([
                { t_ns: 0, state: 'staged' },
                { t_ns: s(20), state: 'rejected', reason: 'chain-timeout' },
            ]);
            expect(r.event('open').errno).toBeNull();
        });

        it(`is re-armed by every More record (${kernel})`, () => {
            const r = new Scenario(world({ devices: [device('mem0', { model: 'cxl_test' })] }), kernel)
                .at(0, act.add1('mem0.dc0', 0, 2 * MiB, { more: true }), 'a')
                .at(s(15), act.add1('mem0.dc0', 2 * MiB, 2 * MiB, { more: true }), 'b')
                .expect(staged(0), s(21))
                .expect(staged(2 * MiB), s(34))
                .expect(rejected(0, 'chain-timeout'), s(35))
                .expect(rejected(2 * MiB, 'chain-timeout'), s(35))
                .run();
            expect(r.expectations.map(x => x.passed)).toEqual([true, true, true, true]);
        });
    }

    it('the empty Add response drops QEMU\'s pending group: the range can be offered again', () => {
        const r = new Scenario(world())
            .at(0, act.add1('mem0.dc0', 0, 2 * MiB, { more: true }), 'open')
            .at(s(10), act.add('mem0.dc0', [[0, 2 * MiB]]), 'early')
            .at(s(30), act.add('mem0.dc0', [[0, 2 * MiB]]), 'late')
            .run();
        expect(r.outcome('early')).toBe('refused overlap-pending');
        expect(r.outcome('late')).toBe('accepted');
        expect(r.state(id(0) + '#3')).toBe('accepted');
    });

    it('a timer due at an event\'s time fires first: the chain has expired when the record arrives', () => {
        const r = new Scenario(cxlTest)
            .at(0, act.add1('mem0.dc0', 0, 2 * MiB, { more: true }), 'a')
            .at(s(20), act.add1('mem0.dc0', 2 * MiB, 2 * MiB), 'b')
            .run();
        expect(r.outcome('a')).toBe('rejected chain-timeout');
        expect(r.outcome('b')).toBe('accepted');
    });

    it('a closed chain disarms the watchdog', () => {
        const r = new Scenario(cxlTest)
            .at(0, act.add1('mem0.dc0', 0, 2 * MiB, { more: true }), 'a')
            .at(s(5), act.add1('mem0.dc0', 2 * MiB, 2 * MiB), 'b')
            .expect(ev('a', 'accepted'), s(60))
            .run();
        expect(r.expectations[0].passed).toBe(true);
        expect(r.path(id(0))).toEqual(['staged', 'accepted']);
    });
});

describe('dcd-v9 stages More chains with neither watchdog nor cap', () => {
    it('a stalled chain stays staged for good; its event is never answered', () => {
        const r = new Scenario(world(), 'dcd-v9')
            .at(0, act.add1('mem0.dc0', 0, 2 * MiB, { more: true }), 'open')
            .expect(staged(0), s(3600))
            .expect(staged(0))
            .run();
        expect(r.expectations.map(x => x.passed)).toEqual([true, true]);
        expect(r.event('open').outcome).toBe('ignored');
        expect(r.event('open').detail).toContain('never closed');
    });

    it('accepts a chain of 150 extents', () => {
        const many: Array<[number, number]> = Array.from({ length: 150 }, (_, i) => [i * 2 * MiB, 2 * MiB]);
        const r = new Scenario(world(), 'dcd-v9').at(0, act.add('mem0.dc0', many), 'many').run();
        expect(r.outcome('many')).toBe('accepted');
        expect(r.region('r0').extents).toBe(150);
    });
});

describe('≥ 100 staged extents drop the chain (CXL_DC_MAX_PENDING_EXTENTS, -ENOSPC)', () => {
    const list = (n: number): Array<[number, number]> => Array.from({ length: n }, (_, i) => [i * 2 * MiB, 2 * MiB]);
    for (const kernel of ['dcd-v11', 'sysram-rfc'] as const) {
        it(`a chain of 100 is answered; the 101st record drops the 100 staged and itself (${kernel})`, () => {
            const r = new Scenario(cxlTest, kernel)
                .at(0, act.add('mem0.dc0', list(100)), 'hundred')
                .run();
            expect(r.outcome('hundred')).toBe('accepted');
            const r2 = new Scenario(cxlTest, kernel).at(0, act.add('mem0.dc0', list(101)), 'over').run();
            expect(r2.outcome('over')).toBe('rejected chain-too-long');
            expect(r2.event('over').errno).toBe('ENOSPC');
            expect(r2.state(id(200 * MiB))).toBe('rejected chain-too-long');
            expect(r2.region('r0').extents).toBe(0);
        });

        it(`records after the drop start a new chain, which is answered (${kernel})`, () => {
            const r = new Scenario(world(), kernel).at(0, act.add('mem0.dc0', list(150)), 'many').run();
            expect(r.outcome('many')).toBe('partial chain-too-long');
            expect(r.state(id(0))).toBe('rejected chain-too-long');
            expect(r.state(id(100 * 2 * MiB))).toBe('rejected chain-too-long');
            expect(r.state(id(101 * 2 * MiB))).toBe('accepted');
            expect(r.region('r0').extents).toBe(49);
        });
    }
});
