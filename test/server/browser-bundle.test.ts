/**
 * The web-worker bundle (`dist/server/main-browser.js`, what the playground loads) starts and
 * speaks LSP over `postMessage`: loaded in a Node worker thread with a two-line shim for the
 * worker globals it uses (`onmessage`, `postMessage`, `addEventListener`), it answers
 * initialize and publishes diagnostics for an opened document. It must not need Node built-ins.
 */
import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { BROWSER_BUNDLE as bundle, ensureBundles } from './bundle.js';

/** Runs the bundle as a classic worker script; messages cross as structured clones, as in a browser. */
const SHIM = `
const { parentPort, workerData } = require('node:worker_threads');
globalThis.self = globalThis;
globalThis.postMessage = (message) => parentPort.postMessage(message);
globalThis.addEventListener = () => {};
parentPort.on('message', (data) => globalThis.onmessage && globalThis.onmessage({ data }));
(0, eval)(workerData.code);
`;

let worker: Worker;
const received: Array<{ id?: number; method?: string; result?: unknown; params?: unknown }> = [];

function next(predicate: (m: typeof received[number]) => boolean, timeoutMs = 30_000): Promise<typeof received[number]> {
    return new Promise((resolve, reject) => {
        const started = Date.now();
        const poll = () => {
            const found = received.find(predicate);
            if (found) return resolve(found);
            if (Date.now() - started > timeoutMs) return reject(new Error('no such message from the browser bundle'));
            setTimeout(poll, 10);
        };
        poll();
    });
}

beforeAll(() => {
    ensureBundles();
    worker = new Worker(SHIM, { eval: true, workerData: { code: readFileSync(bundle, 'utf8') } });
    worker.on('message', message => {
        received.push(message);
        if (message?.method === 'workspace/configuration') worker.postMessage({ jsonrpc: '2.0', id: message.id, result: [{}] });
        else if (message?.method === 'client/registerCapability') worker.postMessage({ jsonrpc: '2.0', id: message.id, result: null });
    });
});

afterAll(async () => {
    await worker?.terminate();
});

describe('the browser bundle in a worker', () => {
    test('has no require() of Node built-ins outside guarded fallbacks', () => {
        const code = readFileSync(bundle, 'utf8');
        const requires = [...code.matchAll(/\brequire\("([^"]+)"\)/g)].map(m => m[1]);
        expect(requires.filter(r => !['util'].includes(r))).toEqual([]);
    });

    test('answers initialize and publishes diagnostics for an opened document', async () => {
        worker.postMessage({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: { workspace: { configuration: true } } } });
        const init = await next(m => m.id === 1);
        expect((init.result as { capabilities: { executeCommandProvider: { commands: string[] } } }).capabilities.executeCommandProvider.commands).toContain('dcdpolicy.runSimulation');
        worker.postMessage({ jsonrpc: '2.0', method: 'initialized', params: {} });
        worker.postMessage({
            jsonrpc: '2.0', method: 'textDocument/didOpen',
            params: { textDocument: { uri: 'file:///w/a.dcdpolicy', languageId: 'dcdpolicy', version: 1, text: 'host h {\n    memory_block_size 512MB\n}\n' } }
        });
        const published = await next(m => m.method === 'textDocument/publishDiagnostics');
        const codes = (published.params as { diagnostics: Array<{ code: string }> }).diagnostics.map(d => d.code);
        expect(codes).toEqual(expect.arrayContaining(['host/kernel-missing', 'size/decimal-unit']));
    });
});
