import { describe, expect, it } from 'vitest';
import { Scenario, act, host, region, s, world, MiB, OTHER, POOL } from './builder.js';

describe('region accept clause and profile defaults', () => {
    it('dcd-v9 defaults to accept untagged: untagged in, tagged tagged-unsupported', () => {
        const r = new Scenario(world({ hosts: [host('dcd-v9')] }))
            .at(0, act.add('mem0.dc0', [[0, 2 * MiB]]), 'plain')
            .at(s(1), act.add('mem0.dc0', [[2 * MiB, 2 * MiB]], POOL), 'tagged')
            .run();
        expect(r.outcome('plain')).toBe('accepted');
        expect(r.outcome('tagged')).toBe('rejected tagged-unsupported');
    });

    it('dcd-v11 defaults to accept any and mixes tagged and untagged on one region', () => {
        const r = new Scenario(world({ hosts: [host('dcd-v11')] }))
            .at(0, act.add('mem0.dc0', [[0, 2 * MiB]]), 'plain')
            .at(s(1), act.add('mem0.dc0', [[2 * MiB, 2 * MiB]], POOL), 'tagged')
            .run();
        expect(r.outcome('plain')).toBe('accepted');
        expect(r.outcome('tagged')).toBe('accepted');
        expect(r.region('r0').extents).toBe(2);
    });

    describe('sysram-rfc: any, but tagged and untagged never mixed on one region (exclusive-or)', () => {
        const w = world({ hosts: [host('sysram-rfc')] });
        it('untagged first, then tagged: mixed-tagging', () => {
            const r = new Scenario(w)
                .at(0, act.add('mem0.dc0', [[0, 2 * MiB]]), 'plain')
                .at(s(1), act.add('mem0.dc0', [[2 * MiB, 2 * MiB]], POOL), 'tagged')
                .run();
            expect(r.outcome('tagged')).toBe('rejected mixed-tagging');
        });
        it('tagged first, then untagged: mixed-tagging; after the tagged group leaves, untagged is fine', () => {
            const r = new Scenario(w)
                .at(0, act.add('mem0.dc0', [[0, 2 * MiB]], POOL), 'tagged')
                .at(s(1), act.add('mem0.dc0', [[2 * MiB, 2 * MiB]]), 'plain')
                .at(s(2), act.release('mem0.dc0', [[0, 2 * MiB]], { tag: POOL }), 'rel')
                .at(s(3), act.add('mem0.dc0', [[2 * MiB, 2 * MiB]]), 'later')
                .run();
            expect(r.outcome('plain')).toBe('rejected mixed-tagging');
            expect(r.outcome('later')).toBe('accepted');
        });
        it('within one chain, the first extent decides the region\'s kind', () => {
            const r = new Scenario(w)
                .at(0, act.add1('mem0.dc0', 0, 2 * MiB, { tag: POOL, more: true }), 'tagged')
                .at(0, act.add1('mem0.dc0', 2 * MiB, 2 * MiB), 'plain')
                .run();
            expect(r.outcome('tagged')).toBe('accepted');
            expect(r.outcome('plain')).toBe('rejected mixed-tagging');
        });
        it('different regions may differ', () => {
            const w2 = world({ hosts: [host('sysram-rfc')], regions: [region('r0', { size: 512 * MiB }), region('r1', { offset: 512 * MiB, size: 512 * MiB })] });
            const r = new Scenario(w2)
                .at(0, act.add('mem0.dc0', [[0, 2 * MiB]]), 'plain')
                .at(s(1), act.add('mem0.dc0', [[512 * MiB, 2 * MiB]], POOL), 'tagged')
                .run();
            expect(r.outcome('tagged')).toBe('accepted');
        });
    });

    it('accept tag T: untagged-not-accepted, other tags tag-mismatch', () => {
        const w = world({ hosts: [host('sysram-rfc')], regions: [region('r0', { accept: { kind: 'tags', tags: [POOL] } })] });
        const r = new Scenario(w)
            .at(0, act.add('mem0.dc0', [[0, 2 * MiB]]), 'plain')
            .at(s(1), act.add('mem0.dc0', [[2 * MiB, 2 * MiB]], OTHER), 'other')
            .at(s(2), act.add('mem0.dc0', [[4 * MiB, 2 * MiB]], POOL), 'pool')
            .run();
        expect(r.outcome('plain')).toBe('rejected untagged-not-accepted');
        expect(r.outcome('other')).toBe('rejected tag-mismatch');
        expect(r.event('other').errno).toBe('EINVAL');
        expect(r.outcome('pool')).toBe('accepted');
    });

    it('accept tag T, U: either tag', () => {
        const w = world({ hosts: [host('sysram-rfc')], regions: [region('r0', { accept: { kind: 'tags', tags: [POOL, OTHER] } })] });
        const r = new Scenario(w)
            .at(0, act.add('mem0.dc0', [[0, 2 * MiB]], OTHER), 'other')
            .at(s(1), act.add('mem0.dc0', [[4 * MiB, 2 * MiB]], POOL), 'pool')
            .run();
        expect(r.outcome('other')).toBe('accepted');
        expect(r.outcome('pool')).toBe('accepted');
    });

    it('accept untagged: tagged-not-accepted', () => {
        const w = world({ hosts: [host('sysram-rfc')], regions: [region('r0', { accept: { kind: 'untagged' } })] });
        const r = new Scenario(w)
            .at(0, act.add('mem0.dc0', [[0, 2 * MiB]], POOL), 'tagged')
            .at(s(1), act.add('mem0.dc0', [[2 * MiB, 2 * MiB]]), 'plain')
            .run();
        expect(r.outcome('tagged')).toBe('rejected tagged-not-accepted');
        expect(r.outcome('plain')).toBe('accepted');
    });

    it('an accept clause is applied as written even where the profile cannot express it (the validator flags it)', () => {
        const w = world({ hosts: [host('dcd-v11')], regions: [region('r0', { accept: { kind: 'untagged' } })] });
        const r = new Scenario(w).at(0, act.add('mem0.dc0', [[0, 2 * MiB]], POOL), 'tagged').run();
        expect(r.outcome('tagged')).toBe('rejected tagged-not-accepted');
    });
});
