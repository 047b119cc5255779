#!/usr/bin/env node
/**
 * `npm run package`: builds everything the extension ships and packs it into
 * `dcdpolicy-<version>.vsix` at the repository root.
 *   1. `npm run build` — `langium generate` (AST, TextMate grammar), `tsc` (the CLI in out/), and
 *      whatever else it builds;
 *   2. scripts/build-server.mjs — dist/server/main-node.cjs, dist/server/main-browser.js — and
 *   3. scripts/build-extension.mjs — dist/extension/main-node.cjs, main-browser.js, timeline.css —
 *      unless `npm run build` already ran them;
 *   4. stages the files `.vscodeignore` lets through (its `!` lines) in dist/vsix/ with the
 *      extension's manifest — the root package.json without the npm-only fields — and runs
 *      `vsce package --no-dependencies` there (everything is bundled).
 *
 * Why a staged manifest: the root package.json is `"type": "module"` (the CLI and tools are
 * ESM), and VS Code's web extension host refuses an extension of type module unless its
 * `browser` entry ends in `.cjs` — while it also appends `.js` to whatever entry it loads. The
 * shipped manifest drops `type` (every shipped script is CommonJS), `scripts`, `bin` and the
 * dependency lists; everything else is the root manifest as written.
 *
 * Prints the .vsix size and fails above 2 MiB. `--skip-build` packs what dist/ holds;
 * `--after-build` (CI, right after `npm ci` ran `prepare` = `npm run build`) skips step 1.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const stage = join(root, 'dist', 'vsix');
const MAX_VSIX_BYTES = 2 * 1024 * 1024;
/** package.json fields that are about the npm package (the CLI, the build), not the extension. */
const NPM_ONLY = ['type', 'private', 'scripts', 'bin', 'dependencies', 'devDependencies', 'allowScripts'];

function run(command, args, cwd = root) {
    const started = Date.now();
    console.log(`> ${[command, ...args].join(' ')}`);
    execFileSync(command, args, { cwd, stdio: 'inherit' });
    console.log(`  (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

/** The files a `!pattern` line of .vscodeignore names (`file`, or `dir/*.ext` with one `*`). */
function filesOf(pattern) {
    const dir = dirname(pattern);
    const name = pattern.slice(dir === '.' ? 0 : dir.length + 1);
    if (!name.includes('*')) return existsSync(join(root, pattern)) ? [pattern] : [];
    if (/[*?[{]/.test(dir) || name.indexOf('*') !== name.lastIndexOf('*')) throw new Error(`.vscodeignore: unsupported pattern !${pattern}`);
    const [before, after] = name.split('*');
    if (!existsSync(join(root, dir))) return [];
    return readdirSync(join(root, dir), { withFileTypes: true })
        .filter(e => e.isFile() && e.name.startsWith(before) && e.name.endsWith(after))
        .map(e => `${dir}/${e.name}`);
}

const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const vsix = `dcdpolicy-${manifest.version}.vsix`;
if (!process.argv.includes('--skip-build')) {
    if (!process.argv.includes('--after-build')) run('npm', ['run', 'build']);
    // Bundles `npm run build` does not already make.
    const build = manifest.scripts?.build ?? '';
    if (!/build:server|build-server/.test(build)) run(process.execPath, ['scripts/build-server.mjs']);
    if (!/build:extension|build-extension/.test(build)) run(process.execPath, ['scripts/build-extension.mjs']);
}

// Stage.
rmSync(stage, { recursive: true, force: true });
mkdirSync(stage, { recursive: true });
const patterns = readFileSync(join(root, '.vscodeignore'), 'utf8').split('\n')
    .map(l => l.trim()).filter(l => l.startsWith('!')).map(l => l.slice(1));
const files = [...new Set(patterns.flatMap(filesOf))].sort();
for (const entry of [manifest.main, manifest.browser, manifest.icon].map(p => p.replace(/^\.\//, ''))) {
    if (!files.includes(entry)) throw new Error(`${entry} (named in package.json) is not built or not let through by .vscodeignore`);
}
for (const file of files) {
    mkdirSync(dirname(join(stage, file)), { recursive: true });
    copyFileSync(join(root, file), join(stage, file));
}
copyFileSync(join(root, '.vscodeignore'), join(stage, '.vscodeignore'));
const shipped = Object.fromEntries(Object.entries(manifest).filter(([key]) => !NPM_ONLY.includes(key)));
writeFileSync(join(stage, 'package.json'), `${JSON.stringify(shipped, null, 2)}\n`);

// Pack.
run(process.execPath, [
    join(root, 'node_modules/@vscode/vsce/vsce'), 'package', '--no-dependencies',
    '--allow-missing-repository', '--no-rewrite-relative-links', '-o', join(root, vsix)
], stage);
const bytes = statSync(join(root, vsix)).size;
console.log(`${vsix}: ${(bytes / 1024).toFixed(0)} KiB (${bytes} bytes; limit ${MAX_VSIX_BYTES / 1024} KiB)`);
if (bytes > MAX_VSIX_BYTES) {
    console.error(`${vsix} is larger than 2 MiB`);
    process.exit(1);
}
