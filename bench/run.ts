/**
 * `npm run bench`: prints the figures of the core issue's targets (not a test; nothing here
 * fails a build). Each simulator size runs in its own child process so its peak memory is its own.
 *
 *   parse+link vs full validation on 1k / 10k / 100k-line workspaces, and their ratio
 *   (target: validation ≤ 1.3× Langium's bare parse+link of the same text);
 *   simulator events per second on 10k / 100k / 1M-event scenarios of two workloads (churn: DAX
 *   claim and release; sysram: onlining, pins, allocations, offlining), their growth against
 *   n log n, and peak memory (targets: ≥ 1M events/s; a 1M-event scenario under 1 GiB).
 *
 * `node out/bench/run.js [parse-only | sim-only [churn|sysram] | lsp-only | playground-only]`; BENCH_REPS=n runs each
 * simulator size n times (default 3) and reports medians, since other load skews single runs.
 */
import 'core-js/actual/object/group-by.js';
import { fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { EmptyFileSystem } from 'langium';
import { createDcdPolicyServices } from '../language/dcdpolicy-module.js';
import { simulateScenario } from '../language/model/index.js';
import { loadWorkspace } from '../language/workspace.js';
import { lspBench } from './lsp.js';
import { playgroundBench } from './playground.js';
import type { ScenarioSpec, World } from '../language/model/types.js';
import { churnScenario, churnWorld, generateWorkspace, sysramScenario, sysramWorld } from './generate.js';
import { churnResultFloor } from './floor.js';

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

/** The simulator workloads: a world and a scenario of n events. */
const WORKLOADS: Record<string, { title: string; world: () => World; scenario: (events: number) => ScenarioSpec }> = {
    churn: {
        title: 'churn: add a tagged 2-extent group, claim it as a DAX device, destroy it, release it',
        world: churnWorld, scenario: churnScenario,
    },
    sysram: {
        title: 'sysram: add a tagged 2-block group (onlined movable, N_MEMORY_PRIVATE), pin, alloc (ENOMEM), release an older group (offline)',
        world: sysramWorld, scenario: sysramScenario,
    },
};

interface SimFigures { events: number; ms: number; cpuMs: number | null; maxRssMiB: number; heapMiB: number }

/** CPU time of this process's main thread in ms (Linux; null elsewhere): GC helper threads and other load excluded. */
function mainThreadCpuMs(): number | null {
    try {
        const fields = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1].split(' ');
        return (Number(fields[11]) + Number(fields[12])) * 10; // utime + stime, in 10 ms ticks
    } catch {
        return null;
    }
}

function simChild(workload: string, events: number): void {
    const w = WORKLOADS[workload];
    const world = w.world();
    const scenario = w.scenario(events);
    simulateScenario(world, w.scenario(Math.min(events, 10_000))); // warm-up
    const cpu0 = mainThreadCpuMs();
    const start = process.hrtime.bigint();
    const result = simulateScenario(world, scenario);
    const elapsed = ms(process.hrtime.bigint() - start);
    const cpu1 = mainThreadCpuMs();
    const figures: SimFigures = {
        events: result.events.length, ms: elapsed, cpuMs: cpu0 === null || cpu1 === null ? null : cpu1 - cpu0,
        maxRssMiB: process.resourceUsage().maxRSS / 1024, heapMiB: process.memoryUsage().heapUsed / 1048576
    };
    process.send?.(figures);
}

/** The scenario a floor child keeps in memory while it measures (as `simChild` keeps its own). */
let held: ScenarioSpec | undefined;

/**
 * The allocation floor (see floor.ts): only the churn run's result objects are built, with
 * the churn scenario of the same size held in memory (as `simChild` holds it) or not.
 */
function floorChild(events: number, holdInput: boolean): void {
    held = holdInput ? churnScenario(events) : undefined;
    churnResultFloor(10_000); // warm-up
    const cpu0 = mainThreadCpuMs();
    const start = process.hrtime.bigint();
    const result = churnResultFloor(events);
    const elapsed = ms(process.hrtime.bigint() - start);
    const cpu1 = mainThreadCpuMs();
    if (holdInput && held?.events.length !== events) throw new Error('the input was not held');
    process.send?.({
        events: result.events.length, ms: elapsed, cpuMs: cpu0 === null || cpu1 === null ? null : cpu1 - cpu0,
        maxRssMiB: process.resourceUsage().maxRSS / 1024, heapMiB: process.memoryUsage().heapUsed / 1048576
    } satisfies SimFigures);
}

function runChild(workload: string, events: number): Promise<SimFigures> {
    return new Promise((resolve, reject) => {
        const child = fork(fileURLToPath(import.meta.url), ['sim', workload, String(events)], { execArgv: ['--max-old-space-size=4096'] });
        child.on('message', m => resolve(m as SimFigures));
        child.on('error', reject);
        child.on('exit', code => { if (code !== 0) reject(new Error(`simulator child for ${workload} ${events} events exited ${code}`)); });
    });
}

function median(values: number[]): number {
    const sorted = [...values].sort((a, b) => a - b);
    const mid = sorted.length >> 1;
    return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Prints one row of medians (time, events/s, CPU, memory); returns the median time. */
function printRow(label: string, runs: SimFigures[]): number {
    const t = median(runs.map(r => r.ms));
    const cpu = runs.every(r => r.cpuMs !== null) ? `${median(runs.map(r => r.cpuMs!)).toFixed(0).padStart(6)} ms` : '     n/a';
    const n = runs[0].events;
    console.log(`${label.padEnd(12)} ${t.toFixed(0).padStart(6)} ms ${Math.min(...runs.map(r => r.ms)).toFixed(0).padStart(6)} ms ${Math.round(n / (t / 1000)).toLocaleString('en-US').padStart(14)}   ${cpu}        ${median(runs.map(r => r.maxRssMiB)).toFixed(0).padStart(6)} MiB   ${median(runs.map(r => r.heapMiB)).toFixed(0).padStart(6)} MiB   ${(t * 1000 / n).toFixed(3)}`);
    return t;
}

async function simBench(only?: string): Promise<void> {
    const reps = Math.max(1, Number(process.env.BENCH_REPS ?? 3));
    const load = () => loadavg().map(l => l.toFixed(1)).join(' ');
    console.log(`\nSimulator: median of ${reps} run(s) per size, each in its own process; ${cpus().length} CPUs, load average ${load()} at start`);
    for (const [name, w] of Object.entries(WORKLOADS)) {
        if (only && only !== name) continue;
        console.log(`\n${w.title}`);
        console.log('  events     time (median, min)      events/s    main-thread CPU   peak RSS   heap after   µs/event');
        const rows: Array<{ events: number; ms: number }> = [];
        for (const events of [10_000, 100_000, 1_000_000]) {
            const runs: SimFigures[] = [];
            for (let i = 0; i < reps; i++) runs.push(await runChild(name, events));
            rows.push({ events: runs[0].events, ms: printRow(`  ${String(runs[0].events).padEnd(10)}`, runs) });
        }
        const [, b, c] = rows;
        const nlogn = (n: number) => n * Math.log2(n);
        console.log(`  growth 100k→1M: time ×${(c.ms / b.ms).toFixed(1)}; n log n would be ×${(nlogn(c.events) / nlogn(b.events)).toFixed(1)}, linear ×${(c.events / b.events).toFixed(1)}`);
        if (name === 'churn') {
            console.log('  allocation floor: only the result objects of the 1M-event churn run are built (bench/floor.ts)');
            for (const hold of ['floor', 'floor-input']) {
                const runs: SimFigures[] = [];
                for (let i = 0; i < reps; i++) runs.push(await runChild(hold, 1_000_000));
                printRow(hold === 'floor' ? '  results only' : '  + input held', runs);
            }
        }
    }
    console.log(`\nload average ${load()} at the end`);
}

if (process.argv[2] === 'sim') {
    const [workload, events] = [process.argv[3], Number(process.argv[4])];
    if (workload === 'floor' || workload === 'floor-input') floorChild(events, workload === 'floor-input');
    else simChild(workload, events);
} else {
    // No argument: every section. `parse-only`, `sim-only [churn|sysram]`, `lsp-only`,
    // `playground-only`: one section.
    const only = process.argv[2];
    if (!only || only === 'parse-only') await parseBench();
    if (!only || only === 'sim-only') await simBench(only === 'sim-only' ? process.argv[3] : undefined);
    if (!only || only === 'lsp-only') {
        console.log('');
        await lspBench();
    }
    if (!only || only === 'playground-only') {
        console.log('');
        await playgroundBench();
    }
}
