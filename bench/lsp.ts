/**
 * Language-server figures, measured over stdio against the bundled server
 * (`dist/server/main-node.cjs`, built by `npm run build:server`), as an editor sees them:
 *
 *   didChange → publishDiagnostics on 1k- and 10k-line files (`generatePolicyText`);
 *   hover and code-lens latency on the 10k-line file;
 *   Run simulation on a 10k-event scenario (request → response, and → notification);
 *   resident memory (VmRSS of /proc/<pid>/status) before and after 10,000 rapid edits.
 *
 * Not a test: it prints figures. `npx tsx bench/lsp.ts` (or `node out/bench/lsp.js` after tsc).
 */
import 'core-js/actual/object/group-by.js';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CodeLensRequest, ExecuteCommandRequest, HoverRequest } from 'vscode-languageserver-protocol/node';
import { Commands } from '../server/protocol.js';
import { startServer, type LspClient } from '../test/server/lsp-client.js';
import { generatePolicyText } from './generate.js';

const here = dirname(fileURLToPath(import.meta.url));
/** The repository root: `bench/` from source, `out/bench/` once compiled. */
const root = existsSync(join(here, '..', 'package.json')) ? join(here, '..') : join(here, '..', '..');
const bundle = join(root, 'dist', 'server', 'main-node.cjs');

const ms = (start: number) => performance.now() - start;
const fmt = (n: number) => n.toFixed(n < 10 ? 1 : 0).padStart(7);

function stats(samples: number[]): { median: number; p95: number; max: number } {
    const sorted = [...samples].sort((a, b) => a - b);
    const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
    return { median: at(0.5), p95: at(0.95), max: sorted[sorted.length - 1] };
}

/**
 * A scenario of `events` events (the churn of `bench/generate.ts`, as text): add a tagged
 * 2-extent group, claim it as a DAX device, destroy the device, release the capacity, round
 * after round over 128 slots of a 64 GiB partition.
 */
export function churnScenarioText(events: number): string {
    const out = [
        'host h {', '    kernel dcd-v11', '    node 0 dram 64GiB', '}',
        'device mem0 {', '    static_capacity 0', '    model cxl_test', '    partition dc0 {', '        base 0x0', '        length 64GiB', '        block_size 2MiB', '    }', '}',
        'region r0 {', '    partition mem0.dc0', '    driver dax', '    accept any', '}',
        `scenario churn_${events} {`, '    host h'
    ];
    const MiB = 1024 * 1024;
    let n = 0;
    for (let round = 0; n < events; round++) {
        for (let slot = 0; slot < 128 && n < events; slot++) {
            const id = round * 128 + slot;
            const tag = `${id.toString(16).padStart(8, '0')}-0000-4000-8000-000000000001`;
            const offset = slot * 512 * MiB;
            const t = id; // ms
            const lines = [
                `    at ${t}ms add mem0.dc0 tag ${tag} extents { 0x${offset.toString(16)} size 128MiB, 0x${(offset + 256 * MiB).toString(16)} size 128MiB }`,
                `    at ${t}ms create_dax d${id} on r0 uuid ${tag}`,
                `    at ${t}ms destroy_dax d${id}`,
                `    at ${t}ms release mem0.dc0 tag ${tag} extent 0x${offset.toString(16)} size 128MiB`
            ];
            for (const line of lines) if (n++ < events) out.push(line);
        }
    }
    out.push('    expect region r0 extents 0', '}');
    return out.join('\n') + '\n';
}

async function openAndWait(client: LspClient, uri: string, text: string): Promise<number> {
    const mark = client.count(uri);
    const start = performance.now();
    client.open(uri, text);
    await client.nextDiagnostics(uri, mark, 300_000);
    return ms(start);
}

async function editLatency(client: LspClient, lines: number): Promise<void> {
    const uri = `file:///bench/edit-${lines}.dcdpolicy`;
    const text = generatePolicyText(lines);
    const open = await openAndWait(client, uri, text);
    const samples: number[] = [];
    const reps = lines >= 10_000 ? 8 : 20;
    for (let i = 0; i < reps; i++) {
        const mark = client.count(uri);
        const start = performance.now();
        client.change(uri, `${text}// edit ${i}\n`, i + 2);
        await client.nextDiagnostics(uri, mark, 300_000);
        samples.push(ms(start));
    }
    const s = stats(samples);
    console.log(`  ${String(lines).padEnd(6)} lines  open ${fmt(open)} ms   edit → diagnostics: median ${fmt(s.median)} ms  p95 ${fmt(s.p95)} ms  (${reps} edits)`);
}

async function requestLatency(client: LspClient): Promise<void> {
    const uri = 'file:///bench/edit-10000.dcdpolicy';
    const text = generatePolicyText(10_000);
    const lines = text.split('\n');
    const line = lines.findIndex(l => l.includes('size 128MiB,'));
    const character = lines[line].indexOf('128MiB') + 1;
    const hover: number[] = [];
    const lens: number[] = [];
    for (let i = 0; i < 50; i++) {
        let start = performance.now();
        await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line, character } });
        hover.push(ms(start));
        start = performance.now();
        await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } });
        lens.push(ms(start));
    }
    const h = stats(hover), l = stats(lens);
    console.log(`  hover (a size, 10k-line file):      median ${fmt(h.median)} ms  p95 ${fmt(h.p95)} ms`);
    console.log(`  code lens (10k-line file, ${String(lines.filter(x => x.startsWith('scenario')).length).padStart(3)} lenses): median ${fmt(l.median)} ms  p95 ${fmt(l.p95)} ms`);
}

async function runSimulation(client: LspClient, events: number): Promise<void> {
    const uri = `file:///bench/churn-${events}.dcdpolicy`;
    const open = await openAndWait(client, uri, churnScenarioText(events));
    const samples: Array<{ response: number; notification: number }> = [];
    for (let i = 0; i < 3; i++) {
        const notified = client.simulationResults.length;
        const start = performance.now();
        await client.connection.sendRequest(ExecuteCommandRequest.type, { command: Commands.runSimulation, arguments: [uri, `churn_${events}`] });
        const response = ms(start);
        await client.until(() => client.simulationResults.length > notified || undefined, 60_000, 'the notification');
        samples.push({ response, notification: ms(start) });
    }
    const best = samples.reduce((a, b) => (a.response <= b.response ? a : b));
    // Hover while the next run is simulating: the run yields before simulating, so it answers between.
    const running = client.connection.sendRequest(ExecuteCommandRequest.type, { command: Commands.runSimulation, arguments: [uri, `churn_${events}`] });
    const start = performance.now();
    await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 22, character: 60 } });
    const hoverDuring = ms(start);
    await running;
    console.log(`  ${events}-event scenario: open ${fmt(open)} ms   Run simulation → response ${fmt(best.response)} ms, → notification ${fmt(best.notification)} ms (best of 3)   hover during a run ${fmt(hoverDuring)} ms`);
}

/**
 * Types `edits` characters, one didChange each (incremental, as an editor sends keystrokes),
 * into a comment at the end of a 1k-line file, as fast as the pipe takes them; then waits for
 * the diagnostics of the last version. Done twice: a leak shows as growth from batch to batch.
 */
export async function memoryAfterEdits(client: LspClient, edits: number): Promise<void> {
    const uri = 'file:///bench/memory.dcdpolicy';
    const text = generatePolicyText(1_000) + '// ';
    const line = text.split('\n').length - 1;
    await openAndWait(client, uri, text);
    await new Promise(resolve => setTimeout(resolve, 1000));
    const initial = client.rssKiB();
    let version = 1;
    let column = 3;
    const rows: string[] = [];
    for (let batch = 1; batch <= 2; batch++) {
        const start = performance.now();
        let peak = 0;
        for (let i = 0; i < edits; i++) {
            client.type(uri, { line, character: column++ }, 'x', ++version);
            if (i % 1000 === 0) {
                peak = Math.max(peak, client.rssKiB());
                await new Promise(resolve => setImmediate(resolve));
            }
        }
        const mark = client.count(uri);
        client.type(uri, { line, character: column++ }, '.', ++version);
        await client.nextDiagnostics(uri, mark, 300_000);
        const elapsed = ms(start);
        await new Promise(resolve => setTimeout(resolve, 3000));
        peak = Math.max(peak, client.rssKiB());
        rows.push(`batch ${batch}: ${fmt(elapsed)} ms until the last version's diagnostics, RSS ${(client.rssKiB() / 1024).toFixed(0)} MiB after 3 s idle (peak ${(peak / 1024).toFixed(0)} MiB)`);
    }
    console.log(`  ${edits} keystrokes (incremental didChange) into a 1k-line file, twice; RSS before: ${(initial / 1024).toFixed(0)} MiB`);
    for (const row of rows) console.log(`    ${row}`);
}

/** Prints every figure (the lead wires this into `bench/run.ts`). */
export async function lspBench(): Promise<void> {
    if (!existsSync(bundle)) {
        console.error(`no ${bundle}: run \`npm run build:server\` first`);
        process.exitCode = 1;
        return;
    }
    console.log(`Language server over stdio (${bundle.slice(root.length + 1)}), Node ${process.version}`);
    const client = await startServer(bundle, { simulation: { auto: 'off' } });
    try {
        console.log(`  resident memory after initialize: ${(client.rssKiB() / 1024).toFixed(0)} MiB`);
        await editLatency(client, 1_000);
        await editLatency(client, 10_000);
        await requestLatency(client);
        await runSimulation(client, 10_000);
    } finally {
        await client.stop();
    }
    // A fresh server for the memory figure, so the big documents above do not count.
    const fresh = await startServer(bundle, { simulation: { auto: 'off' } });
    try {
        await memoryAfterEdits(fresh, 10_000);
    } finally {
        await fresh.stop();
    }
}

// Run directly (`npx tsx bench/lsp.ts`, `node out/bench/lsp.js`), not when imported.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await lspBench();
