/**
 * Fuzzing the language server's editor features (test/fuzz/harness.ts EditorPipeline): outline,
 * folding, code lenses, inlay hints, quick fixes for every diagnostic, and hover, completion,
 * go to definition, references and rename at positions spread over the text, on the samples,
 * mutated samples, random text and whitespace-scrambled samples. No exception may escape, and
 * each input is answered within 2 s of CPU. A small fixed-seed budget; `npm run fuzz` runs a
 * large one.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, test } from 'vitest';
import { EditorPipeline, policyInputArb, probeOffsets, SAMPLE_TEXTS, scrambledSampleArb, TIME_LIMIT_MS } from './harness.js';

const seed = process.env.FUZZ_SEED !== undefined ? Number(process.env.FUZZ_SEED) : 20261122;
let pipeline: EditorPipeline;

beforeAll(async () => {
    pipeline = await EditorPipeline.create();
    for (const text of SAMPLE_TEXTS) await pipeline.run(text);
});

describe('editor features fuzz (server/)', () => {
    test('the probes cover the text from its first to its last character', () => {
        expect(probeOffsets('')).toEqual([0]);
        expect(probeOffsets('0123456789abcd')).toEqual([0, 2, 4, 6, 8, 10, 12, 14]);
    });

    test('mutated samples, random text and scrambled whitespace: no exception, each within 2 s of CPU', async () => {
        await fc.assert(fc.asyncProperty(fc.oneof(policyInputArb(3000), scrambledSampleArb), async text => {
            expect((await pipeline.run(text)).ms).toBeLessThan(2 * TIME_LIMIT_MS);
        }), { numRuns: 60, seed, endOnFailure: true });
    });
});
