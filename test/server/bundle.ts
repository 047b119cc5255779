/**
 * The bundles the end-to-end tests run: built by `scripts/build-server.mjs` when missing or
 * older than their sources (so `npx vitest run test/server` works on a fresh checkout), with
 * a clear error when the build fails.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const root = join(import.meta.dirname, '..', '..');
export const NODE_BUNDLE = join(root, 'dist', 'server', 'main-node.cjs');
export const BROWSER_BUNDLE = join(root, 'dist', 'server', 'main-browser.js');

function newestSource(dir: string): number {
    let newest = 0;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
        else if (/\.(ts|langium|json)$/.test(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs);
    }
    return newest;
}

function isFresh(): boolean {
    const sources = Math.max(newestSource(join(root, 'server')), newestSource(join(root, 'language')), statSync(join(root, 'scripts', 'build-server.mjs')).mtimeMs);
    return [NODE_BUNDLE, BROWSER_BUNDLE].every(b => existsSync(b) && statSync(b).mtimeMs >= sources);
}

const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/**
 * Builds both server bundles when either is missing or stale. Test files run in parallel
 * workers: a lock directory makes one of them build while the others wait for it.
 */
export function ensureBundles(): void {
    if (isFresh()) return;
    const lock = join(root, 'dist', '.server-build.lock');
    mkdirSync(join(root, 'dist'), { recursive: true });
    for (;;) {
        try {
            mkdirSync(lock);
            break;
        } catch {
            const held = statSync(lock, { throwIfNoEntry: false });
            if (held && Date.now() - held.mtimeMs > 120_000) rmSync(lock, { recursive: true, force: true }); // left by a crashed run
            sleep(100);
            if (isFresh()) return;
        }
    }
    try {
        if (isFresh()) return;
        execFileSync(process.execPath, [join(root, 'scripts', 'build-server.mjs')], { cwd: root, stdio: 'pipe' });
    } catch (err) {
        const output = err && typeof err === 'object' && 'stderr' in err ? String((err as { stderr: unknown }).stderr) : String(err);
        throw new Error(`building the server bundles failed (run \`npm run build:server\` to see why):\n${output}`);
    } finally {
        rmSync(lock, { recursive: true, force: true });
    }
}
