/**
 * The playground suite's machinery: builds dist/playground when it is missing or older than
 * its sources, serves it on a free loopback port (cli/serve.ts, what `npm start` uses), and
 * opens it in Debian's Chromium with playwright-core (TOOLING.md: never `playwright install`).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { serveStatic, type StaticServer } from '../../cli/serve.js';
import { launchChromium } from '../chromium.js';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const PLAYGROUND = join(ROOT, 'dist', 'playground');
export const SCREENSHOTS = join(ROOT, 'test-results', 'playground');
export const CHROMIUM = process.env.DCDPOLICY_CHROMIUM ?? '/usr/bin/chromium';
export const SETUP_HINT = 'bash scripts/setup-e2e.sh (or: apt-get update && apt-get install -y chromium)';

/** Why the suite cannot run here, or undefined. */
export function missingChromium(): string | undefined {
    return existsSync(CHROMIUM) ? undefined : `Chromium is not installed at ${CHROMIUM}; run ${SETUP_HINT}`;
}

const SOURCES = ['playground', 'server', 'language', 'samples', 'syntaxes', 'scripts/build-playground.mjs', 'language-configuration.json'];

function newestSource(): number {
    let newest = 0;
    for (const entry of SOURCES) {
        const path = join(ROOT, entry);
        if (!existsSync(path)) continue;
        const stat = statSync(path);
        if (stat.isFile()) {
            newest = Math.max(newest, stat.mtimeMs);
            continue;
        }
        for (const file of readdirSync(path, { withFileTypes: true, recursive: true })) {
            if (file.isFile()) newest = Math.max(newest, statSync(join(file.parentPath, file.name)).mtimeMs);
        }
    }
    return newest;
}

function sleep(ms: number): void {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Builds the playground unless dist/playground is newer than every source it is built from.
 * Test files run in parallel: a lock folder makes the second one wait for the first one's build.
 */
export function ensurePlaygroundBuilt(): void {
    const index = join(PLAYGROUND, 'index.html');
    const fresh = () => existsSync(index) && statSync(index).mtimeMs >= newestSource();
    const lock = join(ROOT, 'dist', '.playground-build.lock');
    mkdirSync(dirname(lock), { recursive: true });
    const deadline = Date.now() + 180_000;
    while (!fresh()) {
        try {
            mkdirSync(lock);
        } catch {
            // Another test file is building; a lock older than 3 minutes is left over from a crash.
            if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > 180_000) rmSync(lock, { recursive: true, force: true });
            if (Date.now() > deadline) throw new Error(`waited 3 minutes for ${lock} to go away`);
            sleep(250);
            continue;
        }
        try {
            if (!fresh()) execFileSync(process.execPath, [join(ROOT, 'scripts', 'build-playground.mjs')], { cwd: ROOT, stdio: 'pipe' });
        } finally {
            rmSync(lock, { recursive: true, force: true });
        }
        return;
    }
}

export interface Session {
    server: StaticServer;
    browser: BrowserContext;
    page: Page;
    /** Page errors and console errors seen so far. */
    errors: string[];
    close(): Promise<void>;
}

/** Serves dist/playground on a free loopback port and opens a fresh Chromium profile. */
export async function openSession(): Promise<Session> {
    const server = await serveStatic(PLAYGROUND, { port: 0 });
    const profile = mkdtempSync(join(tmpdir(), 'dcdpolicy-playground-'));
    // launchPersistentContext is playwright's way to pass --user-data-dir (a fresh temp folder).
    const browser = await launchChromium(profile, CHROMIUM);
    const page = browser.pages()[0] ?? await browser.newPage();
    const errors: string[] = [];
    const watch = (p: Page) => {
        p.on('pageerror', e => errors.push(`pageerror: ${e.message}`));
        p.on('console', m => { if (m.type() === 'error') errors.push(`console: ${m.text()}`); });
        // Everything the page loads must come from the page's own server.
        p.on('request', r => { if (!r.url().startsWith(server.url) && !r.url().startsWith('data:')) errors.push(`off-origin request: ${r.url()}`); });
    };
    watch(page);
    browser.on('page', watch);
    return {
        server, browser, page, errors,
        close: async () => {
            await browser.close().catch(() => undefined);
            await server.close();
            rmSync(profile, { recursive: true, force: true });
        }
    };
}

export async function screenshot(page: Page, name: string): Promise<void> {
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
}
