/**
 * Fuzzing in the test suite (a small budget; `npm run fuzz` runs a large one): random text and
 * grammar-aware mutations of the samples through parser → validation → simulator → QMP export,
 * and mutated QMP logs through the QMP import. No exception may escape; every input finishes
 * within 1 s of CPU time; a validation check that throws (Langium turns it into a diagnostic) is a failure
 * too, unless it is a known, reported one (harness.ts KNOWN_VALIDATOR_CRASHES). The seed is fixed
 * so CI is deterministic; set FUZZ_SEED to explore others or to replay a reported failure.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, test } from 'vitest';
import { PolicyPipeline, TIME_LIMIT_MS, policyInputArb, qmpInputArb, runQmp, roughTokens, SAMPLE_TEXTS } from './harness.js';

const seed = process.env.FUZZ_SEED !== undefined ? Number(process.env.FUZZ_SEED) : 20261122;
const pipeline = new PolicyPipeline();

beforeAll(async () => {
    // Warm up Langium's parser and the simulator, so the time limit measures steady state.
    for (const text of SAMPLE_TEXTS) await pipeline.run(text);
});

describe('fuzz (small budget)', () => {
    test('the rough tokenizer loses nothing: tokens join back to the text', () => {
        for (const text of SAMPLE_TEXTS) expect(roughTokens(text).join('')).toBe(text);
    });

    test('policy inputs: no exception escapes, each within 1 s of CPU', async () => {
        let slowest = 0;
        await fc.assert(fc.asyncProperty(policyInputArb(3000), async text => {
            const report = await pipeline.run(text);
            slowest = Math.max(slowest, report.ms);
            expect(report.ms).toBeLessThan(TIME_LIMIT_MS);
        }), { numRuns: 250, seed, endOnFailure: true });
        expect(slowest).toBeLessThan(TIME_LIMIT_MS);
    });

    test('QMP inputs: no exception escapes, each within 1 s of CPU', () => {
        fc.assert(fc.property(qmpInputArb, text => {
            expect(runQmp(text).ms).toBeLessThan(TIME_LIMIT_MS);
        }), { numRuns: 300, seed, endOnFailure: true });
    });
});
