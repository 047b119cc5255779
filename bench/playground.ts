/**
 * Browser-playground figures, in Debian's Chromium (playwright-core) against the built
 * dist/playground served on a loopback port (cli/serve.ts, as `npm start` serves it):
 *
 *   page load → first diagnostics: navigation start until a marker is on the editor's model,
 *   for a shared link (`#code=…`) holding the flagship sample plus one broken line; cold (a fresh
 *   browser profile each run) and warm (a reload in the same profile), with the page's own
 *   marks (language server initialize sent / answered, first publishDiagnostics);
 *   the JavaScript shipped: every dist/playground/*.js, raw and gzipped (node:zlib).
 *
 * Targets: first diagnostics within 1.5 s; JS ≤ 3 MB gzipped. Not a test: it prints figures.
 * `npx tsx bench/playground.ts` (or `node out/bench/playground.js` after tsc); BENCH_REPS=n runs
 * n cold loads (default 5). Builds the playground first when dist/playground is missing.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateRawSync, gzipSync } from 'node:zlib';
import type { BrowserContext, Page } from 'playwright-core';
import { serveStatic } from '../cli/serve.js';
import { launchChromium } from '../test/chromium.js';

const here = dirname(fileURLToPath(import.meta.url));
/** The repository root: `bench/` from source, `out/bench/` once compiled. */
const root = existsSync(join(here, '..', 'package.json')) ? join(here, '..') : join(here, '..', '..');
const playground = join(root, 'dist', 'playground');
const CHROMIUM = process.env.DCDPOLICY_CHROMIUM ?? '/usr/bin/chromium';

export const FIRST_DIAGNOSTICS_TARGET_MS = 1500;
export const JS_GZIP_TARGET_BYTES = 3_000_000;

export interface PlaygroundFigures {
    /** Navigation start → a marker on the model, per cold run (ms). */
    coldMs: number[];
    /** The same after a reload in the same profile (ms). */
    warmMs: number[];
    /** The page's marks of the median cold run (ms since navigation start). */
    marks: Record<string, number>;
    js: Array<{ file: string; bytes: number; gzip: number }>;
    jsGzipTotal: number;
}

/** The size of every dist/playground/*.js, raw and gzipped. */
export function shippedJs(dir = playground): Array<{ file: string; bytes: number; gzip: number }> {
    return readdirSync(dir).filter(f => f.endsWith('.js')).sort().map(file => {
        const bytes = readFileSync(join(dir, file));
        return { file, bytes: bytes.length, gzip: gzipSync(bytes).length };
    });
}

/** The `#code=` fragment of a text, as the page writes it (deflate-raw, base64url). */
export function codeFragment(text: string): string {
    return `code=${deflateRawSync(Buffer.from(text, 'utf8')).toString('base64url')}`;
}

/** The flagship sample with one broken line (a decimal unit) after its first event. */
function brokenFlagship(): string {
    const lines = readFileSync(join(root, 'samples', 'flagship-sysram-private-pool.dcdpolicy'), 'utf8').split('\n');
    const at = lines.findIndex(l => /^\s*at 0s\s+add /.test(l));
    lines.splice(at + 1, 0, '    at 0s   add mem0.dc0 untagged extent 0x50000000 size 64MB as broken');
    return lines.join('\n');
}

async function launch(profile: string): Promise<BrowserContext> {
    return launchChromium(profile, CHROMIUM);
}

/* The functions below run in the page (playwright serializes them; the page's CSP forbids evaluating strings). */

/** In the page: ms since navigation start once the editor's model has a marker (checked every frame). */
function markerPresent(): number | false {
    const p = (globalThis as any).dcdpolicyPlayground;
    const model = p?.editor.getModel();
    return model && p.monaco.editor.getModelMarkers({ resource: model.uri }).length > 0 ? performance.now() : false;
}

/** In the page: the playground's performance marks and DOMContentLoaded, in ms since navigation start. */
function pageMarks(): Record<string, number> {
    const perf = (globalThis as any).performance;
    const marks: Record<string, number> = {};
    for (const m of perf.getEntriesByType('mark')) if (m.name.startsWith('dcdpolicy:')) marks[m.name.slice('dcdpolicy:'.length)] = Math.round(m.startTime);
    for (const n of perf.getEntriesByType('navigation')) marks.DOMContentLoaded = Math.round(n.domContentLoadedEventEnd);
    return marks;
}

async function untilFirstMarker(page: Page): Promise<{ ms: number; marks: Record<string, number> }> {
    const handle = await page.waitForFunction(markerPresent, undefined, { polling: 'raf', timeout: 30_000 });
    const ms = Number(await handle.jsonValue());
    const marks = await page.evaluate(pageMarks);
    return { ms, marks };
}

export async function benchPlayground(reps = Number(process.env.BENCH_REPS) || 5): Promise<PlaygroundFigures> {
    const server = await serveStatic(playground, { port: 0 });
    const url = `${server.url}#${codeFragment(brokenFlagship())}`;
    const cold: Array<{ ms: number; marks: Record<string, number> }> = [];
    const warmMs: number[] = [];
    try {
        for (let i = 0; i < reps; i++) {
            const profile = mkdtempSync(join(tmpdir(), 'dcdpolicy-bench-'));
            const browser = await launch(profile);
            try {
                const page = browser.pages()[0] ?? await browser.newPage();
                const errors: string[] = [];
                page.on('pageerror', e => errors.push(e.message));
                page.on('requestfailed', r => errors.push(`${r.url()}: ${r.failure()?.errorText ?? 'failed'}`));
                try {
                    await page.goto(url);
                    cold.push(await untilFirstMarker(page));
                    await page.reload();
                    warmMs.push((await untilFirstMarker(page)).ms);
                } catch (err) {
                    // One bad run (a rebuild swapping dist/playground under it, a stalled browser) is reported, not fatal.
                    console.error(`  run ${i + 1} failed: ${(err as Error).message.split('\n')[0]}${errors.length ? ` (${errors.join('; ')})` : ''}`);
                }
            } finally {
                await browser.close();
                rmSync(profile, { recursive: true, force: true });
            }
        }
    } finally {
        await server.close();
    }
    if (cold.length === 0) throw new Error('no run of the playground reached its first diagnostics');
    const sorted = [...cold].sort((a, b) => a.ms - b.ms);
    const median = sorted[Math.floor(sorted.length / 2)]!;
    const js = shippedJs();
    return { coldMs: cold.map(c => c.ms), warmMs, marks: median.marks, js, jsGzipTotal: js.reduce((n, f) => n + f.gzip, 0) };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const kib = (n: number) => `${(n / 1024).toFixed(0).padStart(5)} KiB`;

async function main(): Promise<void> {
    if (!existsSync(CHROMIUM)) {
        console.error(`no Chromium at ${CHROMIUM}: run \`bash scripts/setup-e2e.sh\` (or apt-get install -y chromium)`);
        process.exitCode = 1;
        return;
    }
    if (!existsSync(join(playground, 'index.html'))) {
        console.log('dist/playground is missing: building it (npm run build:playground)…');
        execFileSync(process.execPath, [join(root, 'scripts', 'build-playground.mjs')], { cwd: root, stdio: 'inherit' });
    }
    const figures = await benchPlayground();
    console.log(`Browser playground (dist/playground in Chromium ${CHROMIUM}; ${cpus().length} cores, load ${loadavg()[0]!.toFixed(1)})`);
    const ok = (good: boolean) => (good ? 'within target' : 'OVER TARGET');
    const cold = median(figures.coldMs);
    console.log(`  page load → first diagnostics (a marker on the model), ${figures.coldMs.length} runs:`);
    console.log(`    cold (fresh profile): median ${cold.toFixed(0)} ms  [${figures.coldMs.map(n => n.toFixed(0)).join(', ')}]  target ≤ ${FIRST_DIAGNOSTICS_TARGET_MS} ms: ${ok(cold <= FIRST_DIAGNOSTICS_TARGET_MS)}`);
    console.log(`    warm (reload):        median ${median(figures.warmMs).toFixed(0)} ms  [${figures.warmMs.map(n => n.toFixed(0)).join(', ')}]`);
    const marks = Object.entries(figures.marks).sort((a, b) => a[1] - b[1]).map(([k, v]) => `${k} ${v}`).join(' · ');
    console.log(`    median cold run, ms since navigation: ${marks}`);
    console.log('  JavaScript shipped (dist/playground/*.js):');
    for (const f of figures.js) console.log(`    ${f.file.padEnd(20)} ${kib(f.bytes)}  ${kib(f.gzip)} gzipped`);
    const total = figures.js.reduce((n, f) => n + f.bytes, 0);
    console.log(`    ${'total'.padEnd(20)} ${kib(total)}  ${kib(figures.jsGzipTotal)} gzipped (${(figures.jsGzipTotal / 1e6).toFixed(2)} MB); target ≤ ${(JS_GZIP_TARGET_BYTES / 1e6).toFixed(0)} MB: ${ok(figures.jsGzipTotal <= JS_GZIP_TARGET_BYTES)}`);
}

/** Prints the playground figures (`npm run bench` runs it last). */
export const playgroundBench = main;

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
