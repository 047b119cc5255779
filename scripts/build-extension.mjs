#!/usr/bin/env node
/**
 * Bundles the VS Code extension (`npm run build:extension`):
 *   dist/extension/main-node.cjs    — desktop (package.json `main`): CommonJS, Node, `vscode` external
 *   dist/extension/main-browser.js  — web (package.json `browser`): CommonJS for VS Code's web
 *                                     extension host, no Node built-ins, `vscode` external
 *   dist/extension/timeline.css     — the timeline and compare views' stylesheet
 * The client runs no Langium code, so unlike the server bundles it needs no `Object.groupBy`
 * polyfill. The server bundles come from scripts/build-server.mjs.
 */
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const production = !process.argv.includes('--dev');

const common = {
    absWorkingDir: root,
    bundle: true,
    external: ['vscode'],
    format: 'cjs',
    sourcemap: true,
    minify: production,
    target: 'es2022',
    logLevel: 'warning',
    legalComments: 'none'
};

const targets = [
    { entryPoints: ['extension/main-node.ts'], outfile: 'dist/extension/main-node.cjs', platform: 'node', target: 'node20' },
    {
        entryPoints: ['extension/main-browser.ts'], outfile: 'dist/extension/main-browser.js', platform: 'browser',
        mainFields: ['browser', 'module', 'main'], conditions: ['browser'],
        define: { 'process.env.NODE_ENV': '"production"' }
    }
];

const started = Date.now();
await Promise.all(targets.map(t => build({ ...common, ...t })));
mkdirSync(join(root, 'dist/extension'), { recursive: true });
copyFileSync(join(root, 'extension/timeline.css'), join(root, 'dist/extension/timeline.css'));
for (const file of [...targets.map(t => t.outfile), 'dist/extension/timeline.css']) {
    console.log(`${file}  ${(statSync(join(root, file)).size / 1024).toFixed(0)} KiB`);
}
console.log(`extension bundles built in ${Date.now() - started} ms`);
