/**
 * The real-VS-Code suite's machinery: finds the tools `scripts/setup-e2e.sh` installed (Node 24,
 * code-server, Debian Chromium) and the packaged .vsix, installs the .vsix into a fresh
 * extensions folder, starts code-server on a free port with every state folder in a temp dir,
 * and opens it in headless Chromium with playwright-core. TOOLING.md says why it is code-server:
 * `@vscode/test-electron` and `@vscode/test-web` download VS Code, which cannot work here.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../chromium.js';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SCREENSHOTS = join(ROOT, 'test-results', 'vscode');
export const SETUP_HINT = 'bash scripts/setup-e2e.sh && npm run package';

export interface Tools {
    node: string;
    codeServer: string;
    chromium: string;
    vsix: string;
}

/** The tools and the .vsix, or what is missing. */
export function findTools(): { tools?: Tools; missing: string[]; warnings: string[] } {
    const dir = process.env.DCDPOLICY_TOOLS ?? join(homedir(), '.cache', 'dcdpolicy-tools');
    const missing: string[] = [];
    const warnings: string[] = [];
    let recorded: Partial<Tools> = {};
    const manifest = join(dir, 'e2e-tools.json');
    if (existsSync(manifest)) recorded = JSON.parse(readFileSync(manifest, 'utf8')) as Partial<Tools>;
    else missing.push(`${manifest} (written by scripts/setup-e2e.sh)`);
    const node = recorded.node ?? '';
    const codeServer = recorded.codeServer ?? '';
    const browser = recorded.chromium || '/usr/bin/chromium';
    if (recorded.node !== undefined && !existsSync(node)) missing.push(`Node 24 (${node})`);
    if (recorded.codeServer !== undefined && !existsSync(codeServer)) missing.push(`code-server (${codeServer})`);
    if (!existsSync(browser)) missing.push(`Chromium (${browser})`);
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const vsix = join(ROOT, `dcdpolicy-${version}.vsix`);
    if (!existsSync(vsix)) {
        missing.push(`the packaged extension ${vsix}`);
    } else {
        const built = statSync(vsix).mtimeMs;
        const newer = ['extension', 'server', 'language'].flatMap(d => newerFiles(join(ROOT, d), built)).slice(0, 3);
        if (newer.length > 0) warnings.push(`${vsix} is older than ${newer.join(', ')}…; run \`npm run package\` to test the current code`);
    }
    if (missing.length > 0) return { missing, warnings };
    return { tools: { node, codeServer, chromium: browser, vsix }, missing, warnings };
}

function newerFiles(dir: string, than: number): string[] {
    if (!existsSync(dir)) return [];
    const out: string[] = [];
    for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
        if (!entry.isFile() || !entry.name.endsWith('.ts')) continue;
        const path = join(entry.parentPath, entry.name);
        if (statSync(path).mtimeMs > than) out.push(path.slice(ROOT.length + 1));
    }
    return out;
}

async function freePort(): Promise<number> {
    return new Promise((resolve, reject) => {
        const server = createServer();
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => {
            const address = server.address();
            server.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port'))));
        });
    });
}

export interface Session {
    url: string;
    workspace: string;
    browser: BrowserContext;
    page: Page;
    /** Everything code-server printed (for failure messages). */
    log: () => string;
    close: () => Promise<void>;
    timings: Record<string, number>;
}

/** User settings that keep the window quiet and the screenshots about the extension. */
const USER_SETTINGS = {
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'workbench.welcomePage.walkthroughs.openOnInstall': false,
    'chat.disableAIFeatures': true,
    'chat.commandCenter.enabled': false,
    'extensions.ignoreRecommendations': true,
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'security.workspace.trust.enabled': false,
    'editor.minimap.enabled': false,
    'editor.fontSize': 13,
    'window.zoomLevel': 0,
    'files.autoSave': 'off',
    'git.enabled': false
};

/**
 * Installs the .vsix into a fresh extensions folder, starts code-server on `files` (name →
 * text) with the user `settings` on top of {@link USER_SETTINGS}, and opens it in Chromium. `close` stops the browser and kills code-server by its PID.
 */
export async function startSession(tools: Tools, files: Record<string, string>, settings: Record<string, unknown> = {}): Promise<Session> {
    const timings: Record<string, number> = {};
    let t = performance.now();
    const mark = (name: string) => { const now = performance.now(); timings[name] = Math.round(now - t); t = now; };

    const temp = mkdtempSync(join(tmpdir(), 'dcdpolicy-vscode-'));
    const workspace = join(temp, 'workspace');
    const extensions = join(temp, 'extensions');
    const xdgConfig = join(temp, 'config');
    const xdgData = join(temp, 'data');
    const userData = join(temp, 'user-data');
    for (const d of [workspace, extensions, xdgConfig, xdgData, userData]) mkdirSync(d, { recursive: true });
    for (const [name, text] of Object.entries(files)) writeFileSync(join(workspace, name), text);
    mkdirSync(join(userData, 'User'), { recursive: true });
    writeFileSync(join(userData, 'User', 'settings.json'), JSON.stringify({ ...USER_SETTINGS, ...settings }, null, 2));

    const env: NodeJS.ProcessEnv = {
        ...process.env,
        PATH: `${dirname(tools.node)}:${process.env.PATH ?? ''}`,
        XDG_CONFIG_HOME: xdgConfig,
        XDG_DATA_HOME: xdgData,
        XDG_CACHE_HOME: join(temp, 'cache'),
        HOME: temp
    };
    delete env.NODE_OPTIONS;
    delete env.VITEST;
    const common = ['--extensions-dir', extensions, '--user-data-dir', userData];
    execFileSync(tools.node, [tools.codeServer, ...common, '--install-extension', tools.vsix], { env, stdio: 'pipe', timeout: 60_000 });
    mark('install extension');

    const port = await freePort();
    let output = '';
    const server: ChildProcess = spawn(tools.node, [
        tools.codeServer, ...common,
        '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`,
        '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override',
        '--ignore-last-opened'
    ], { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    server.stdout?.on('data', (d: Buffer) => { output += d.toString(); });
    server.stderr?.on('data', (d: Buffer) => { output += d.toString(); });
    const url = `http://127.0.0.1:${port}`;
    await waitFor(async () => {
        if (server.exitCode !== null) throw new Error(`code-server exited (${server.exitCode}):\n${output}`);
        try { return (await fetch(`${url}/healthz`)).ok; } catch { return false; }
    }, 30_000, 'code-server to listen');
    mark('start code-server');

    // A fresh profile (playwright passes it as --user-data-dir).
    const browser = await launchChromium(join(temp, 'chromium'), tools.chromium);
    const page = browser.pages()[0] ?? await browser.newPage();
    await page.goto(`${url}/?folder=${encodeURIComponent(workspace)}`);
    mark('open browser');

    let closed = false;
    return {
        url, workspace, browser, page, timings,
        log: () => output,
        close: async () => {
            if (closed) return;
            closed = true;
            await browser.close().catch(() => undefined);
            await killTree(server);
            rmSync(temp, { recursive: true, force: true, maxRetries: 3 });
        }
    };
}

/** Kills code-server (started detached: its own process group, whose id is its PID). */
async function killTree(server: ChildProcess): Promise<void> {
    const pid = server.pid;
    if (pid === undefined || server.exitCode !== null) return;
    const exited = new Promise<void>(resolve => server.once('exit', () => resolve()));
    try { process.kill(-pid, 'SIGTERM'); } catch { /* already gone */ }
    const timeout = new Promise<'timeout'>(resolve => setTimeout(() => resolve('timeout'), 5000));
    if (await Promise.race([exited, timeout]) === 'timeout') {
        try { process.kill(-pid, 'SIGKILL'); } catch { /* already gone */ }
    }
}

/** Polls `check` until it answers true, or fails after `ms` saying what it waited for. */
export async function waitFor(check: () => Promise<boolean> | boolean, ms: number, what: string): Promise<void> {
    const until = Date.now() + ms;
    let lastError: unknown;
    while (Date.now() < until) {
        try {
            if (await check()) return;
        } catch (err) {
            lastError = err;
            if (err instanceof Error && err.message.startsWith('code-server exited')) throw err;
        }
        await new Promise(r => setTimeout(r, 200));
    }
    throw new Error(`timed out after ${ms} ms waiting for ${what}${lastError ? ` (last error: ${String(lastError)})` : ''}`);
}

/** Saves a screenshot to test-results/vscode/NAME.png. */
export async function screenshot(page: Page, name: string): Promise<string> {
    mkdirSync(SCREENSHOTS, { recursive: true });
    const path = join(SCREENSHOTS, `${name}.png`);
    await page.screenshot({ path });
    return path;
}

/** A copy of a file from the repository (samples/…). */
export function repoFile(path: string): string {
    return readFileSync(join(ROOT, path), 'utf8');
}

