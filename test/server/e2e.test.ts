/**
 * End to end over stdio against the BUNDLED server that ships (`dist/server/main-node.cjs`):
 * initialize (answering workspace/configuration), open a sample → diagnostics, hover, code
 * lens, Run simulation → the typed notification and refreshed lenses, inlay hints, an edit →
 * new diagnostics, save → simulation diagnostics, and cancellation (`$/cancelRequest` and a
 * superseding edit). The bundle is (re)built first when it is missing or older than its sources.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
    CancellationTokenSource, CodeLensRequest, ExecuteCommandRequest, HoverRequest, InlayHintRequest, LSPErrorCodes, ResponseError
} from 'vscode-languageserver-protocol/node';
import { generatePolicyText } from '../../bench/generate.js';
import { Commands } from '../../server/protocol.js';
import { ensureBundles, NODE_BUNDLE as bundle, root } from './bundle.js';
import { startServer, type LspClient } from './lsp-client.js';

const flagship = readFileSync(join(root, 'samples', 'flagship-sysram-private-pool.dcdpolicy'), 'utf8');
const uri = pathToFileURL(join(root, 'samples', 'flagship-sysram-private-pool.dcdpolicy')).toString();
const lineOf = (text: string, needle: string) => text.split('\n').findIndex(l => l.includes(needle));

let client: LspClient;

beforeAll(async () => {
    ensureBundles();
    client = await startServer(bundle, { simulation: { auto: 'onSave' }, inlayHints: { timeline: true } });
}, 120_000);

afterAll(async () => {
    await client?.stop();
});

describe('the bundled server over stdio', () => {
    test('initialize: the capabilities and commands', () => {
        const caps = client.initializeResult.capabilities;
        expect(caps.executeCommandProvider?.commands).toEqual([Commands.runSimulation, Commands.runAllTests, Commands.compareKernels, Commands.showTimeline]);
        expect(caps.hoverProvider).toBe(true);
        expect(caps.codeLensProvider).toBeDefined();
        expect(caps.inlayHintProvider).toBeDefined();
        expect(caps.documentFormattingProvider).toBe(true);
        expect(caps.textDocumentSync).toMatchObject({ save: true });
    });

    test('the server asked for the dcdpolicy configuration', async () => {
        await client.until(() => client.serverRequests.includes('workspace/configuration'), 10_000, 'workspace/configuration');
    });

    test('didOpen a sample → publishDiagnostics without errors', async () => {
        const mark = client.count(uri);
        client.open(uri, flagship);
        const published = await client.nextDiagnostics(uri, mark);
        expect(published.diagnostics.filter(d => d.severity === 1)).toEqual([]);
    });

    test('hover on a keyword and on a size', async () => {
        const line = lineOf(flagship, 'node 2 N_MEMORY_PRIVATE');
        const keyword = await client.connection.sendRequest(HoverRequest.type, {
            textDocument: { uri }, position: { line, character: flagship.split('\n')[line].indexOf('N_MEMORY_PRIVATE') + 2 }
        });
        expect(JSON.stringify(keyword?.contents)).toContain('Private Memory Nodes RFC');
        const sizeLine = lineOf(flagship, 'range 0x0 size 2GiB');
        const size = await client.connection.sendRequest(HoverRequest.type, {
            textDocument: { uri }, position: { line: sizeLine, character: flagship.split('\n')[sizeLine].indexOf('2GiB') + 1 }
        });
        expect(JSON.stringify(size?.contents)).toContain('2,147,483,648 bytes');
    });

    test('code lens → Run simulation → the typed notification, refreshed lenses and inlay hints', async () => {
        const before = await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } });
        expect(before!.map(l => l.command?.title)).toEqual(['▶ Run simulation']);
        const lens = before![0].command!;
        const notified = client.simulationResults.length;
        const result = await client.connection.sendRequest(ExecuteCommandRequest.type, { command: lens.command, arguments: lens.arguments });
        expect(result).toMatchObject({ scenario: 'feb2026_sysram_story', failed: 0 });
        const params = await client.until(() => client.simulationResults[notified], 10_000, 'the simulationResult notification');
        expect(params.uri).toBe(uri);
        expect(params.version).toBe(1);
        const { passed } = result as { passed: number };
        expect(params.summary).toMatch(new RegExp(`^✓ 7 events · .* · ${passed}/${passed} expectations$`));
        expect(params.svg).toContain('<svg');
        await client.until(() => client.serverRequests.includes('workspace/codeLens/refresh') && client.serverRequests.includes('workspace/inlayHint/refresh'), 5000, 'refresh requests');

        const after = await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } });
        expect(after!.map(l => l.command?.title)).toEqual(['▶ Run simulation', params.summary]);

        const hints = await client.connection.sendRequest(InlayHintRequest.type, {
            textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 200, character: 0 } }
        });
        const labels = hints!.map(h => `${h.position.line}: ${String(h.label)}`);
        expect(labels).toContain(`${lineOf(flagship, '} as set_a')}: accepted → online movable N_MEMORY_PRIVATE`);
        expect(labels).toContain(`${lineOf(flagship, 'as wrong_tag')}: rejected: tag-mismatch`);
        expect(labels).toContain(`${lineOf(flagship, 'expect wrong_tag rejected tag-mismatch')}: ✓`);
    });

    test('didChange → new diagnostics (a decimal unit)', async () => {
        const mark = client.count(uri);
        client.change(uri, flagship.replace('range 0x0 size 2GiB', 'range 0x0 size 2GB'), 2);
        const published = await client.until(() => client.diagnostics.get(uri)?.slice(mark).find(p => p.diagnostics.some(d => d.code === 'size/decimal-unit')), 10_000, 'size/decimal-unit');
        expect(published.diagnostics.find(d => d.code === 'size/decimal-unit')!.message).toContain('write 2GiB');
    });

    test('didSave → the scenarios run and failed expectations become diagnostics', async () => {
        const failing = flagship.replace('expect region pool0 extents 0', 'expect region pool0 extents 3');
        const mark = client.count(uri);
        const notified = client.simulationResults.length;
        client.change(uri, failing, 3);
        client.save(uri);
        const published = await client.until(() => client.diagnostics.get(uri)?.slice(mark).find(p => p.diagnostics.some(d => d.code === 'expect/failed')), 20_000, 'expect/failed');
        expect(published.diagnostics.filter(d => d.code === 'expect/failed').map(d => d.message)).toEqual(['`expect region pool0 extents 3` does not hold: the simulation has 0']);
        await client.until(() => client.simulationResults.slice(notified).find(p => p.version === 3), 10_000, 'a notification for version 3');
    });
});

describe('cancellation', () => {
    const big = generatePolicyText(6000);
    const bigUri = 'file:///e2e/big.dcdpolicy';

    beforeAll(async () => {
        const mark = client.count(bigUri);
        client.open(bigUri, big);
        await client.nextDiagnostics(bigUri, mark, 60_000);
    }, 90_000);

    test('$/cancelRequest stops Run all tests (RequestCancelled)', async () => {
        const source = new CancellationTokenSource();
        const running = client.connection.sendRequest(ExecuteCommandRequest.type, { command: Commands.runAllTests, arguments: [bigUri] }, source.token);
        setTimeout(() => source.cancel(), 5);
        const error = await running.then(() => undefined, (e: unknown) => e);
        expect(error).toBeInstanceOf(ResponseError);
        expect((error as ResponseError<unknown>).code).toBe(LSPErrorCodes.RequestCancelled);
    });

    test('an edit supersedes a running simulation (ContentModified), and the server keeps answering', async () => {
        const running = client.connection.sendRequest(ExecuteCommandRequest.type, { command: Commands.runAllTests, arguments: [bigUri] });
        setTimeout(() => client.change(bigUri, big + '\n// edited\n', 2), 5);
        const error = await running.then(() => undefined, (e: unknown) => e);
        expect(error).toBeInstanceOf(ResponseError);
        expect((error as ResponseError<unknown>).code).toBe(LSPErrorCodes.ContentModified);
        const lenses = await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri: bigUri } });
        expect(lenses!.every(l => l.command?.title === '▶ Run simulation')).toBe(true);
        // Afterwards a run completes normally.
        const result = await client.connection.sendRequest(ExecuteCommandRequest.type, { command: Commands.runAllTests, arguments: [bigUri] }) as { passed: number; failed: number };
        expect(result.failed).toBe(0);
        expect(result.passed).toBeGreaterThan(100);
    }, 60_000);
});
