#!/usr/bin/env node
/**
 * `npm run fuzz`: the large fuzzing run (the test suite runs a small one, test/fuzz/).
 * Generates FUZZ_RUNS policy inputs (random text and grammar-aware mutations of the samples),
 * FUZZ_RUNS QMP inputs (mutated QMP logs, random text), FUZZ_RUNS formatter inputs and FUZZ_RUNS
 * editor inputs with fast-check, runs each through its pipeline of test/fuzz/harness.ts, and
 * prints, per pipeline: inputs, failures (an exception, a broken formatter property, or more than
 * 1 s of CPU time; 2 s for the formatter, which formats and builds twice, and for the editor
 * features, which answer some forty requests), the slowest input, inputs/s.
 *
 * Inputs come in batches of 500, batch b drawn with seed FUZZ_SEED + b, and the batches are dealt
 * round-robin to FUZZ_JOBS child processes (CPU time is per process, so a busy sibling does not
 * count against an input). The inputs are the same whatever the number of jobs.
 *
 * Environment: FUZZ_RUNS (default 100000), FUZZ_SEED (default: the clock; printed), FUZZ_JOBS
 * (default: the machine's parallelism), FUZZ_PIPELINES (default `policy,qmp,format,editor`),
 * FUZZ_SECONDS (optional wall-clock limit per pipeline). Failing inputs are written to
 * test-results/fuzz/ with the reason beside them.
 * A validation check that throws is a failure, except the known, reported ones
 * (KNOWN_VALIDATOR_CRASHES in test/fuzz/harness.ts), which are counted apart.
 * Exit 1 if any input failed. Runs under tsx (the harness is TypeScript).
 */
import 'core-js/actual/object/group-by.js';
import { fork } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import {
    EditorPipeline, FormatterPipeline, PolicyPipeline, TIME_LIMIT_MS, cpuMs, policyInputArb, qmpInputArb, runQmp, scrambledSampleArb, SAMPLE_TEXTS,
} from '../test/fuzz/harness.ts';

const runs = Number(process.env.FUZZ_RUNS ?? 100_000);
const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
const jobs = Math.max(1, Number(process.env.FUZZ_JOBS ?? availableParallelism()));
const seconds = process.env.FUZZ_SECONDS !== undefined ? Number(process.env.FUZZ_SECONDS) : Infinity;
const PIPELINES = ['policy', 'qmp', 'format', 'editor'];
const pipelines = (process.env.FUZZ_PIPELINES ?? PIPELINES.join(',')).split(',').map(s => s.trim()).filter(Boolean);
const failuresDir = join(import.meta.dirname, '..', 'test-results', 'fuzz');
const BATCH = 500;
const say = line => process.stderr.write(line + '\n');

/**
 * One job's share of one pipeline: the batches b with b % jobs === job.
 * @param name the pipeline's name; `ext` the extension of saved failing inputs
 * @param arb the input generator; `run` resolves to the input's report or throws
 * @param limit CPU ms an input may take
 * @returns inputs, failures, known crashes, the slowest input (ms of CPU, chars), wall seconds
 */
async function campaign(job, name, ext, arb, run, limit) {
    const tally = { name, inputs: 0, failures: 0, known: 0, slowestMs: 0, slowestLength: 0, seconds: 0 };
    const start = performance.now();
    let lastReport = start;
    const outOfTime = () => (performance.now() - start) / 1000 >= seconds;
    for (let batch = job; batch * BATCH < runs && !outOfTime(); batch += jobs) {
        const texts = fc.sample(arb, { numRuns: Math.min(BATCH, runs - batch * BATCH), seed: seed + batch });
        for (const [k, text] of texts.entries()) {
            if (outOfTime()) break;
            tally.inputs++;
            let ms;
            let problem;
            const t0 = cpuMs();
            try {
                const report = await run(text);
                tally.known += report?.knownCrashes ? 1 : 0;
                ms = cpuMs() - t0;
                if (ms > limit) problem = `took ${ms.toFixed(0)} ms of CPU`;
            } catch (error) {
                ms = cpuMs() - t0;
                problem = error instanceof Error ? `${error.name}: ${error.message}\n${error.stack}` : String(error);
            }
            if (ms > tally.slowestMs) Object.assign(tally, { slowestMs: ms, slowestLength: text.length });
            if (problem) {
                tally.failures++;
                mkdirSync(failuresDir, { recursive: true });
                const file = join(failuresDir, `${name}-${seed}-${batch * BATCH + k}${ext}`);
                writeFileSync(file, text);
                writeFileSync(file + '.txt', problem + '\n');
                say(`${name}: an input failed (${problem.split('\n')[0]}); saved to ${file}`);
            }
            if (performance.now() - lastReport > 30_000) {
                lastReport = performance.now();
                say(`${name} [job ${job + 1}/${jobs}]: ${tally.inputs} inputs, ${tally.failures} failures, ${(tally.inputs / ((lastReport - start) / 1000)).toFixed(1)} inputs/s`);
            }
        }
    }
    tally.seconds = (performance.now() - start) / 1000;
    return tally;
}

/** A child process: runs its share of every chosen pipeline and sends each tally to the parent. */
async function child(job) {
    // Langium logs every validation check that throws with console.error; the harness counts
    // those (known ones apart), so the log is silenced to keep the output readable.
    console.error = () => {};
    if (pipelines.includes('policy')) {
        const pipeline = new PolicyPipeline();
        // Warm up (JIT, Langium's lookahead caches) so the first inputs are not charged for it.
        for (const text of SAMPLE_TEXTS) await pipeline.run(text);
        process.send(await campaign(job, 'policy', '.dcdpolicy', policyInputArb(3000), text => pipeline.run(text), TIME_LIMIT_MS));
    }
    if (pipelines.includes('qmp')) {
        process.send(await campaign(job, 'qmp', '.qmp', qmpInputArb, text => runQmp(text), TIME_LIMIT_MS));
    }
    if (pipelines.includes('format')) {
        const formatter = await FormatterPipeline.create();
        for (const text of SAMPLE_TEXTS) await formatter.run(text);
        process.send(await campaign(job, 'format', '.dcdpolicy', fc.oneof(scrambledSampleArb, policyInputArb(1000)), text => formatter.run(text), 2 * TIME_LIMIT_MS));
    }
    if (pipelines.includes('editor')) {
        const editor = await EditorPipeline.create();
        for (const text of SAMPLE_TEXTS) await editor.run(text);
        process.send(await campaign(job, 'editor', '.dcdpolicy', fc.oneof(policyInputArb(3000), scrambledSampleArb), text => editor.run(text), 2 * TIME_LIMIT_MS));
    }
}

/**
 * Prints one pipeline's figures, added up over its jobs' tallies.
 * @returns true when an input failed
 */
function report(name, tallies) {
    const sum = key => tallies.reduce((n, t) => n + t[key], 0);
    const slowest = tallies.reduce((a, b) => (b.slowestMs > a.slowestMs ? b : a));
    const wall = Math.max(...tallies.map(t => t.seconds));
    const known = sum('known');
    console.log(`${name}: ${sum('inputs')} inputs, ${sum('failures')} failures${known ? ` (+${known} hitting a known validation crash)` : ''}, slowest ${slowest.slowestMs.toFixed(1)} ms of CPU (${slowest.slowestLength} chars), ${(sum('inputs') / wall).toFixed(1)} inputs/s, ${wall.toFixed(1)} s`);
    return sum('failures') > 0;
}

/** The parent: forks the jobs and prints each pipeline's figures once every job has sent its tally. */
async function parent() {
    const unknown = pipelines.filter(p => !PIPELINES.includes(p));
    if (unknown.length > 0 || pipelines.length === 0) {
        console.error(`fuzz: FUZZ_PIPELINES must name some of ${PIPELINES.join(', ')}; got '${process.env.FUZZ_PIPELINES}'`);
        process.exitCode = 2;
        return;
    }
    console.log(`fuzz: seed ${seed}, ${runs} inputs per pipeline (${pipelines.join(', ')}), ${jobs} job${jobs > 1 ? 's' : ''}${Number.isFinite(seconds) ? `, at most ${seconds} s each` : ''}, limit ${TIME_LIMIT_MS} ms of CPU per input`);
    const tallies = new Map(pipelines.map(name => [name, []]));
    let failed = false;
    const exits = [];
    for (let job = 0; job < jobs; job++) {
        const worker = fork(fileURLToPath(import.meta.url), [], { env: { ...process.env, FUZZ_JOB: String(job), FUZZ_SEED: String(seed) } });
        worker.on('message', tally => {
            const mine = tallies.get(tally.name);
            mine.push(tally);
            if (mine.length === jobs) failed = report(tally.name, mine) || failed;
        });
        exits.push(new Promise(resolve => worker.on('exit', code => resolve(code))));
    }
    const codes = await Promise.all(exits);
    if (codes.some(code => code !== 0)) {
        console.log(`fuzz: a job ended abnormally (exit codes ${codes.join(', ')})`);
        failed = true;
    }
    process.exitCode = failed ? 1 : 0;
}

if (process.env.FUZZ_JOB !== undefined) await child(Number(process.env.FUZZ_JOB));
else await parent();
