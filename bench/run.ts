/**
 * `npm run bench`: prints the figures of the core issue's targets (not a test; nothing here
 * fails a build). Each simulator size runs in its own child process so its peak memory is its own.
 *
 *   parse+link vs full validation on 1k / 10k / 100k-line workspaces, and their ratio
 *   (target: validation ≤ 1.3× Langium's bare parse+link of the same text);
 *   simulator events per second on 10k / 100k / 1M-event scenarios, its growth against n log n,
 *   and peak memory (targets: ≥ 1M events/s; a 1M-event scenario under 1 GiB).
 */
import 'core-js/actual/object/group-by.js';
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { EmptyFileSystem } from 'langium';
import { createDcdPolicyServices } from '../language/dcdpolicy-module.js';
import { simulateScenario } from '../language/model/index.js';
import { loadWorkspace } from '../language/workspace.js';
import { churnScenario, churnWorld, generateWorkspace } from './generate.js';

const ms = (ns: bigint) => Number(ns) / 1e6;

async function timeBuild(files: Array<{ path: string; text: string }>, validate: boolean): Promise<number> {
    const { shared } = createDcdPolicyServices(EmptyFileSystem);
    const start = process.hrtime.bigint();
    await loadWorkspace(shared, files, validate);
    return ms(process.hrtime.bigint() - start);
}

async function parseBench(): Promise<void> {
    console.log('Workspace build (parse + link, then + every static check of LANGUAGE.md §6)');
    console.log('  lines     files   parse+link (floor)   with validation   ratio   validation alone');
    for (const lines of [1_000, 10_000, 100_000]) {
        const files = generateWorkspace(lines);
        const reps = lines >= 100_000 ? 2 : 4;
        // Warm up the parser and the JIT once per size, then keep the best of `reps` runs.
        await timeBuild(files, true);
        let floor = Infinity;
        let full = Infinity;
        for (let i = 0; i < reps; i++) {
            floor = Math.min(floor, await timeBuild(files, false));
            full = Math.min(full, await timeBuild(files, true));
        }
        console.log(`  ${String(lines).padEnd(9)} ${String(files.length).padEnd(7)} ${floor.toFixed(0).padStart(10)} ms        ${full.toFixed(0).padStart(8)} ms    ${(full / floor).toFixed(2)}×   ${(full - floor).toFixed(0).padStart(6)} ms`);
    }
}

interface SimFigures { events: number; ms: number; maxRssMiB: number; heapMiB: number }

function simChild(events: number): void {
    const world = churnWorld();
    const scenario = churnScenario(events);
    if (events >= 1_000_000) simulateScenario(world, churnScenario(10_000)); // warm-up
    else simulateScenario(world, churnScenario(Math.min(events, 10_000)));
    const start = process.hrtime.bigint();
    const result = simulateScenario(world, scenario);
    const elapsed = ms(process.hrtime.bigint() - start);
    const figures: SimFigures = {
        events: result.events.length, ms: elapsed,
        maxRssMiB: process.resourceUsage().maxRSS / 1024, heapMiB: process.memoryUsage().heapUsed / 1048576
    };
    process.send?.(figures);
}

function runChild(events: number): Promise<SimFigures> {
    return new Promise((resolve, reject) => {
        const child = fork(fileURLToPath(import.meta.url), ['sim', String(events)], { execArgv: ['--max-old-space-size=4096'] });
        child.on('message', m => resolve(m as SimFigures));
        child.on('error', reject);
        child.on('exit', code => { if (code !== 0) reject(new Error(`simulator child for ${events} events exited ${code}`)); });
    });
}

async function simBench(): Promise<void> {
    console.log('\nSimulator (churn: add a tagged 2-extent group, claim it as a DAX device, destroy it, release it)');
    console.log('  events     time        events/s      peak RSS   heap after   µs/event');
    const rows: SimFigures[] = [];
    for (const events of [10_000, 100_000, 1_000_000]) {
        const f = await runChild(events);
        rows.push(f);
        console.log(`  ${String(f.events).padEnd(10)} ${f.ms.toFixed(0).padStart(6)} ms ${Math.round(f.events / (f.ms / 1000)).toLocaleString('en-US').padStart(14)}   ${f.maxRssMiB.toFixed(0).padStart(6)} MiB   ${f.heapMiB.toFixed(0).padStart(6)} MiB   ${(f.ms * 1000 / f.events).toFixed(3)}`);
    }
    const [, b, c] = rows;
    const nlogn = (n: number) => n * Math.log2(n);
    console.log(`  growth 100k→1M: time ×${(c.ms / b.ms).toFixed(1)}; n log n would be ×${(nlogn(c.events) / nlogn(b.events)).toFixed(1)}, linear ×${(c.events / b.events).toFixed(1)}`);
}

if (process.argv[2] === 'sim') {
    simChild(Number(process.argv[3]));
} else {
    const only = process.argv[2];
    if (only !== 'sim-only') await parseBench();
    if (only !== 'parse-only') await simBench();
}
