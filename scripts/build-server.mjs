#!/usr/bin/env node
/**
 * Bundles the language server (`npm run build:server`):
 *   dist/server/main-node.cjs    — Node (stdio / IPC), CommonJS, what the VS Code extension starts
 *   dist/server/main-browser.js  — a web worker (IIFE), no Node built-ins, for the playground
 * Both get the `Object.groupBy` polyfill injected first (Langium 4.4's chevrotain needs it; Node 20
 * and VS Code 1.95's extension host lack it — TOOLING.md).
 */
import { build } from 'esbuild';
import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const groupBy = require.resolve('core-js/actual/object/group-by');

const common = {
    absWorkingDir: root,
    bundle: true,
    sourcemap: true,
    target: 'es2022',
    inject: [groupBy],
    logLevel: 'warning',
    legalComments: 'none'
};

const targets = [
    { entryPoints: ['server/main-node.ts'], outfile: 'dist/server/main-node.cjs', platform: 'node', format: 'cjs', target: 'node20' },
    { entryPoints: ['server/main-browser.ts'], outfile: 'dist/server/main-browser.js', platform: 'browser', format: 'iife' }
];

const started = Date.now();
await Promise.all(targets.map(t => build({ ...common, ...t })));
for (const t of targets) {
    const kib = statSync(join(root, t.outfile)).size / 1024;
    console.log(`${t.outfile}  ${kib.toFixed(0)} KiB`);
}
console.log(`server bundles built in ${Date.now() - started} ms`);
