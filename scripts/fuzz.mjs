#!/usr/bin/env node
/**
 * `npm run fuzz`: the large fuzzing run (the test suite runs a small one, test/fuzz/).
 * Generates FUZZ_RUNS policy inputs (random text and grammar-aware mutations of the samples) and
 * FUZZ_RUNS QMP inputs (mutated QMP logs, random text) with fast-check, runs each through the
 * pipelines of test/fuzz/harness.ts (and FUZZ_RUNS formatter
 * inputs: idempotent, meaning-preserving), and prints, per pipeline: inputs, failures (an exception or
 * more than 1 s of CPU time; 2 s for the formatter, which formats twice), the slowest input, inputs/s.
 *
 * Environment: FUZZ_RUNS (default 100000), FUZZ_SEED (default: the clock; printed), FUZZ_SECONDS
 * (optional wall-clock limit per pipeline). Failing inputs are written to test-results/fuzz/.
 * A validation check that throws is a failure, except the known, reported ones
 * (KNOWN_VALIDATOR_CRASHES in test/fuzz/harness.ts), which are counted apart.
 * Exit 1 if any input failed. Runs under tsx (the harness is TypeScript).
 */
import 'core-js/actual/object/group-by.js';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import {
    FormatterPipeline, PolicyPipeline, TIME_LIMIT_MS, cpuMs, policyInputArb, qmpInputArb, runQmp, scrambledSampleArb, SAMPLE_TEXTS,
} from '../test/fuzz/harness.ts';

const runs = Number(process.env.FUZZ_RUNS ?? 100_000);
const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
const seconds = process.env.FUZZ_SECONDS !== undefined ? Number(process.env.FUZZ_SECONDS) : Infinity;
const failuresDir = join(import.meta.dirname, '..', 'test-results', 'fuzz');
const BATCH = 500;
/** Progress on stderr. Langium logs every validation check that throws with console.error; the
 * harness counts those (known ones apart), so the log is silenced to keep the output readable. */
const say = line => process.stderr.write(line + '\n');
console.error = () => {};

/**
 * Runs one pipeline over `runs` generated inputs.
 * @param name printed name; `ext` the extension of saved failing inputs
 * @param arb the input generator; `run` returns the input's time in ms or throws
 */
async function campaign(name, ext, arb, run, limit = TIME_LIMIT_MS) {
    let inputs = 0;
    let failures = 0;
    let known = 0;
    let slowest = { ms: 0, length: 0 };
    const start = performance.now();
    let lastReport = start;
    for (let batch = 0; inputs < runs && (performance.now() - start) / 1000 < seconds; batch++) {
        const texts = fc.sample(arb, { numRuns: Math.min(BATCH, runs - inputs), seed: seed + batch });
        for (const text of texts) {
            if ((performance.now() - start) / 1000 >= seconds) break;
            inputs++;
            let ms;
            let problem;
            const t0 = cpuMs();
            try {
                const report = await run(text);
                known += report?.knownCrashes ? 1 : 0;
                ms = cpuMs() - t0;
                if (ms > limit) problem = `took ${ms.toFixed(0)} ms of CPU`;
            } catch (error) {
                ms = cpuMs() - t0;
                problem = error instanceof Error ? `${error.name}: ${error.message}\n${error.stack}` : String(error);
            }
            if (ms > slowest.ms) slowest = { ms, length: text.length };
            if (problem) {
                failures++;
                mkdirSync(failuresDir, { recursive: true });
                const file = join(failuresDir, `${name}-${seed}-${inputs}${ext}`);
                writeFileSync(file, text);
                writeFileSync(file + '.txt', problem + '\n');
                say(`${name}: input ${inputs} failed (${problem.split('\n')[0]}); saved to ${file}`);
            }
            if (performance.now() - lastReport > 10_000) {
                lastReport = performance.now();
                say(`${name}: ${inputs}/${runs} inputs, ${failures} failures, ${(inputs / ((lastReport - start) / 1000)).toFixed(1)} inputs/s`);
            }
        }
    }
    const elapsed = (performance.now() - start) / 1000;
    console.log(`${name}: ${inputs} inputs, ${failures} failures${known ? ` (+${known} hitting a known validation crash)` : ''}, slowest ${slowest.ms.toFixed(1)} ms of CPU (${slowest.length} chars), ${(inputs / elapsed).toFixed(1)} inputs/s, ${elapsed.toFixed(1)} s`);
    return failures;
}

console.log(`fuzz: seed ${seed}, ${runs} inputs per pipeline${Number.isFinite(seconds) ? `, at most ${seconds} s each` : ''}, limit ${TIME_LIMIT_MS} ms of CPU per input`);
const pipeline = new PolicyPipeline();
// Warm up (JIT, Langium's lookahead caches) so the first inputs are not charged for it.
for (const text of SAMPLE_TEXTS) await pipeline.run(text);
const policyFailures = await campaign('policy', '.dcdpolicy', policyInputArb(3000), text => pipeline.run(text));
const qmpFailures = await campaign('qmp', '.qmp', qmpInputArb, text => runQmp(text));
const formatter = await FormatterPipeline.create();
for (const text of SAMPLE_TEXTS) await formatter.run(text);
// Two formats and two builds per input: twice the time limit.
const formatFailures = await campaign('format', '.dcdpolicy', fc.oneof(scrambledSampleArb, policyInputArb(1000)), text => formatter.run(text), 2 * TIME_LIMIT_MS);
process.exitCode = policyFailures + qmpFailures + formatFailures > 0 ? 1 : 0;
