#!/usr/bin/env node
/**
 * Bundles the browser playground (`npm run build:playground`) into a static folder any web
 * server can host — no CDN, nothing fetched from elsewhere at run time:
 *   dist/playground/index.html         — the page (playground/index.html, with cache-busting hashes)
 *   dist/playground/boot.js            — starts the language server's worker before main.js is evaluated
 *   dist/playground/main.js, main.css  — monaco-editor (the editor API + the LSP client, no other
 *                                        languages) and the page; the codicon font under assets/
 *   dist/playground/editor.worker.js   — monaco's own editor worker (a separate bundle, as monaco needs)
 *   dist/playground/server.worker.js   — the dcdpolicy language server (server/main-browser.ts) in a worker
 * Every sample in samples/ is bundled into main.js (the virtual module `virtual:samples`).
 *
 *   node scripts/build-playground.mjs          minified
 *   node scripts/build-playground.mjs --dev    readable, with source maps
 */
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const target = join(root, 'dist', 'playground');
// Built next to the target and swapped in at the end, so a server (a test, `npm start`) never
// serves a half-written folder and two builds at once cannot mix their files.
const outdir = join(root, 'dist', `.playground-${process.pid}-${Date.now()}`);
const dev = process.argv.includes('--dev');
const require = createRequire(import.meta.url);
// Langium 4.4's chevrotain calls Object.groupBy, which older browsers lack (TOOLING.md).
const groupBy = require.resolve('core-js/actual/object/group-by');
// monaco-editor's `exports` hide its package.json: walk up from its main module.
let monacoRoot = dirname(require.resolve('monaco-editor'));
while (!existsSync(join(monacoRoot, 'package.json'))) monacoRoot = dirname(monacoRoot);

const lspClient = join(monacoRoot, 'esm/external/monaco-lsp-client/out/index.js');
const UNUSED_CONTRIBUTIONS = new RegExp('/(' + [
    'diffEditor/diffEditor\\.contribution', 'diffEditorBreadcrumbs/browser/contribution', 'inlineCompletions\\.contribution',
    'suggestInlineCompletions', 'gpuActions', 'colorPickerContribution', 'copyPasteContribution', 'dropIntoEditorContribution',
    'iPadShowKeyboard', 'inspectTokens', 'toggleHighContrast', 'linkedEditing', 'sectionHeaders', 'floatingMenu\\.contribution',
    'stickyScrollContribution', 'inPlaceReplace'
].join('|') + ')\\.js$');

/**
 * `virtual:samples`: every samples/*.dcdpolicy file as `{ name, text }`, sorted by name;
 * `monaco-lsp-client`: monaco's LSP client, which its package `exports` do not expose by path.
 */
const playgroundModules = {
    name: 'dcdpolicy-playground-modules',
    setup(b) {
        b.onResolve({ filter: /^virtual:samples$/ }, () => ({ path: 'samples', namespace: 'dcdpolicy-samples' }));
        b.onLoad({ filter: /.*/, namespace: 'dcdpolicy-samples' }, () => {
            const dir = join(root, 'samples');
            const files = readdirSync(dir).filter(f => f.endsWith('.dcdpolicy')).sort();
            const samples = files.map(f => ({ name: f, text: readFileSync(join(dir, f), 'utf8') }));
            return { contents: `export default ${JSON.stringify(samples)};`, loader: 'js', watchFiles: files.map(f => join(dir, f)) };
        });
        b.onResolve({ filter: /^monaco-lsp-client$/ }, () => ({ path: lspClient }));
        // The LSP client imports every editor contribution of monaco's full build; these few have
        // nothing to do in a dcdpolicy editor (diff editor, inline completions, colour picker,
        // GPU rendering, paste/drop providers, …) and only cost start-up time. Only the client's
        // own side-effect imports are dropped: a module something else needs is still bundled.
        b.onResolve({ filter: UNUSED_CONTRIBUTIONS }, args => (args.importer === lspClient ? { path: args.path, namespace: 'dcdpolicy-unused' } : undefined));
        b.onLoad({ filter: /.*/, namespace: 'dcdpolicy-unused' }, () => ({ contents: '', loader: 'js' }));
    }
};

const common = {
    absWorkingDir: root,
    bundle: true,
    platform: 'browser',
    target: 'es2022',
    minify: !dev,
    sourcemap: dev ? 'linked' : false,
    logLevel: 'warning',
    legalComments: 'none',
    define: { 'process.env.NODE_ENV': dev ? '"development"' : '"production"' }
};

const targets = [
    {
        entryPoints: { main: 'playground/main.ts' }, outdir, format: 'esm',
        loader: { '.ttf': 'file' }, assetNames: 'assets/[name]-[hash]', plugins: [playgroundModules]
    },
    { entryPoints: { boot: 'playground/boot.ts' }, outdir, format: 'iife' },
    { entryPoints: { 'editor.worker': 'monaco-editor/editor/editor.worker.js' }, outdir, format: 'iife' },
    {
        entryPoints: { 'server.worker': 'server/main-browser.ts' }, outdir, format: 'iife', inject: [groupBy],
        mainFields: ['browser', 'module', 'main'], conditions: ['browser']
    }
];

const started = Date.now();
mkdirSync(outdir, { recursive: true });
try {
    await Promise.all(targets.map(t => build({ ...common, ...t })));
} catch (err) {
    rmSync(outdir, { recursive: true, force: true });
    throw err;
}

// index.html: each bundle referenced with a hash of its content, so a redeploy is never half-cached.
const hash = file => createHash('sha256').update(readFileSync(join(outdir, file))).digest('hex').slice(0, 10);
let html = readFileSync(join(root, 'playground', 'index.html'), 'utf8');
for (const file of ['boot.js', 'main.js', 'main.css']) {
    if (!html.includes(`"${file}"`)) throw new Error(`playground/index.html does not reference ${file}`);
    html = html.replace(`"${file}"`, `"${file}?v=${hash(file)}"`);
}
writeFileSync(join(outdir, 'index.html'), html);

if (!existsSync(join(outdir, 'main.js')) || statSync(join(outdir, 'main.js')).size === 0) {
    rmSync(outdir, { recursive: true, force: true });
    throw new Error('the playground bundle is empty');
}

let gzTotal = 0;
const rows = [];
for (const entry of readdirSync(outdir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || entry.name.endsWith('.map')) continue;
    const path = join(entry.parentPath, entry.name);
    const bytes = readFileSync(path);
    const gz = gzipSync(bytes).length;
    if (entry.name.endsWith('.js')) gzTotal += gz;
    rows.push(`${relative(root, join(target, relative(outdir, path))).padEnd(48)} ${(bytes.length / 1024).toFixed(0).padStart(6)} KiB  ${(gz / 1024).toFixed(0).padStart(5)} KiB gzipped`);
}

const old = `${outdir}-old`;
if (existsSync(target)) renameSync(target, old);
renameSync(outdir, target);
rmSync(old, { recursive: true, force: true });

for (const row of rows.sort()) console.log(row);
console.log(`playground built in ${Date.now() - started} ms: JS ${(gzTotal / 1024 / 1024).toFixed(2)} MiB gzipped → ${relative(process.cwd(), target) || '.'}/`);
