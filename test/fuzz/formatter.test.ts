/**
 * Fuzzing the formatter (server/formatter.ts, through the language server's services
 * `createDcdPolicyLspServices` of server/dcdpolicy-lsp-module.ts): on the samples, on samples
 * with their whitespace scrambled, and on mutated samples and random text (test/fuzz/harness.ts).
 * Properties: no exception escapes; formatting (twice, with two builds) takes under 2 s of CPU; it is idempotent (formatting the
 * result changes nothing); it preserves meaning (the same tokens and comments, in the same order,
 * the same diagnostics, and the same `simulate --format json`, line numbers aside).
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, test } from 'vitest';
import { FormatterPipeline, policyInputArb, SAMPLE_TEXTS, scrambledSampleArb, TIME_LIMIT_MS } from './harness.js';

/** Fixed so CI is deterministic; FUZZ_SEED explores others. */
const seed = process.env.FUZZ_SEED !== undefined ? Number(process.env.FUZZ_SEED) : 20261122;
let pipeline: FormatterPipeline;

/** The properties of one input, with the time limit. */
async function check(text: string): Promise<void> {
    const report = await pipeline.run(text);
    expect(report.ms).toBeLessThan(2 * TIME_LIMIT_MS); // two formats and two builds
}

describe('formatter fuzz (server/formatter.ts)', () => {
    beforeAll(async () => {
        pipeline = await FormatterPipeline.create();
        for (const text of SAMPLE_TEXTS) await pipeline.format(text);
    });

    test('every sample: idempotent and meaning-preserving', async () => {
        for (const text of SAMPLE_TEXTS) await check(text);
    });

    test('the meaning check tells a changed simulation from moved lines', async () => {
        const sample = SAMPLE_TEXTS.find(t => /\bat 0s +add\b/.test(t))!;
        const json = await pipeline.simulationJson(sample);
        expect(json).toContain('"events"');
        expect(await pipeline.simulationJson('\n\n' + sample.replace(/\n/g, '\n\n'))).toBe(json);
        expect(await pipeline.simulationJson(sample.replace(/\bat 0s +add\b/, 'at 3s add'))).not.toBe(json);
    });

    test('scrambled whitespace', async () => {
        await fc.assert(fc.asyncProperty(scrambledSampleArb, check), { numRuns: 40, seed, endOnFailure: true });
    });

    test('mutated samples and random text', async () => {
        await fc.assert(fc.asyncProperty(policyInputArb(500), check), { numRuns: 80, seed, endOnFailure: true });
    });
});
