/**
 * Run simulation from the editor: the code lenses before and after a run, the inline timeline
 * (inlay hints), the typed result notification, the 'simulation' validation category, the
 * commands' results, the settings, and cancellation.
 */
import { describe, expect, test } from 'vitest';
import { CancellationTokenSource, LSPErrorCodes, ResponseError } from 'vscode-languageserver-protocol';
import { isOperationCancelled } from 'langium';
import { Commands, SimulationResultNotification, type SimulationResultParams } from '../../server/protocol.js';
import { EXPECT_FAILED, SIMULATION_REFUSED } from '../../server/simulation/validation.js';
import { RUN_SIMULATION_TITLE } from '../../server/code-lens.js';
import { POOL, testServer, uriOf } from './helpers.js';

const range = { start: { line: 0, character: 0 }, end: { line: 1000, character: 0 } };

describe('code lens and Run simulation', () => {
    test('a Run simulation lens above every scenario, with a stable id', async () => {
        const { services, open } = await testServer();
        const document = await open('pool.dcdpolicy', POOL);
        const lenses = await services.lsp.CodeLensProvider!.provideCodeLens(document, { textDocument: { uri: document.uri.toString() } });
        expect(lenses!.map(l => l.command!.title)).toEqual([RUN_SIMULATION_TITLE, RUN_SIMULATION_TITLE]);
        expect(lenses![0].command!.command).toBe(Commands.runSimulation);
        expect(lenses![0].command!.arguments!.slice(0, 2)).toEqual([document.uri.toString(), 'grow']);
        expect(lenses![0].range.start.line).toBe(POOL.split('\n').findIndex(l => l.startsWith('scenario grow')));
    });

    test('after a run: a summary lens, inline timeline hints and the typed notification', async () => {
        const { services, shared, open, recorded } = await testServer({ refresh: true });
        const document = await open('pool.dcdpolicy', POOL);
        expect(await services.lsp.InlayHintProvider!.getInlayHints(document, { textDocument: { uri: document.uri.toString() }, range })).toEqual([]);

        const summary = await shared.lsp.ExecuteCommandHandler!.executeCommand(Commands.runSimulation, [document.uri.toString(), 'grow']);
        expect(summary).toMatchObject({ scenario: 'grow', passed: 4, failed: 0, summary: '✓ 3 events · 1 accepted · 1 rejected · 1 failed · 4/4 expectations' });

        const lenses = await services.lsp.CodeLensProvider!.provideCodeLens(document, { textDocument: { uri: document.uri.toString() } });
        expect(lenses!.map(l => l.command!.title)).toEqual([
            RUN_SIMULATION_TITLE, '✓ 3 events · 1 accepted · 1 rejected · 1 failed · 4/4 expectations', RUN_SIMULATION_TITLE
        ]);

        const hints = await services.lsp.InlayHintProvider!.getInlayHints(document, { textDocument: { uri: document.uri.toString() }, range });
        const labels = hints!.map(h => `${h.position.line}: ${String(h.label)}`);
        const lineOf = (text: string) => POOL.split('\n').findIndex(l => l.includes(text));
        expect(labels).toContain(`${lineOf('as set_a')}: accepted → online movable N_MEMORY_PRIVATE`);
        expect(labels).toContain(`${lineOf('as stray')}: rejected: untagged-not-accepted`);
        expect(labels).toContain(`${lineOf('as slab')}: failed: ENOMEM`);
        expect(labels).toContain(`${lineOf('expect set_a accepted')}: ✓`);
        expect(hints!.every(h => h.paddingLeft)).toBe(true);

        const sent = recorded.notifications.filter(n => n.method === SimulationResultNotification.method);
        expect(sent).toHaveLength(1);
        const params = sent[0].params as SimulationResultParams;
        expect(params).toMatchObject({ uri: document.uri.toString(), scenario: 'grow', summary: '✓ 3 events · 1 accepted · 1 rejected · 1 failed · 4/4 expectations' });
        expect(params.result.events.map(e => e.outcome)).toEqual(['accepted', 'rejected', 'failed']);
        expect(params.svg.startsWith('<svg')).toBe(true);
        expect(params.events).toContainEqual({ line: lineOf('as set_a') + 1, text: 'accepted → online movable N_MEMORY_PRIVATE' });
        // The client announced refresh support: lenses and hints are pulled again.
        expect(recorded.requests).toEqual(['workspace/codeLens/refresh', 'workspace/inlayHint/refresh']);
    });

    test('no refresh requests to a client that does not support them', async () => {
        const { shared, open, recorded } = await testServer({ refresh: false });
        const document = await open('pool.dcdpolicy', POOL);
        await shared.lsp.ExecuteCommandHandler!.executeCommand(Commands.runSimulation, [document.uri.toString(), 'grow']);
        expect(recorded.notifications.map(n => n.method)).toEqual([SimulationResultNotification.method]);
        expect(recorded.requests).toEqual([]);
    });

    test('the summary lens and hints go away when the scenario text changes, and stay for the others', async () => {
        const { services, shared, open } = await testServer();
        let document = await open('pool.dcdpolicy', POOL);
        await shared.lsp.ExecuteCommandHandler!.executeCommand(Commands.runAllTests, [document.uri.toString()]);
        document = await open('pool.dcdpolicy', POOL.replace('as stray', 'as stray2').replace('expect stray rejected', 'expect stray2 rejected'));
        const lenses = await services.lsp.CodeLensProvider!.provideCodeLens(document, { textDocument: { uri: document.uri.toString() } });
        expect(lenses!.map(l => l.command!.title)).toEqual([RUN_SIMULATION_TITLE, RUN_SIMULATION_TITLE, '✗ 1 event · 1 accepted · 0/2 expectations']);
        const hints = await services.lsp.InlayHintProvider!.getInlayHints(document, { textDocument: { uri: document.uri.toString() }, range });
        expect(hints!.map(h => String(h.label))).toEqual(['accepted → online movable N_MEMORY_PRIVATE', '✗ actual accepted', '✗ actual 128MiB']);
    });

    test('dcdpolicy.inlayHints.timeline = false turns the hints off', async () => {
        const { services, shared, open } = await testServer();
        const document = await open('pool.dcdpolicy', POOL);
        await shared.lsp.ExecuteCommandHandler!.executeCommand(Commands.runSimulation, [document.uri.toString(), 'grow']);
        services.dcdpolicy.Settings.apply({ inlayHints: { timeline: false } });
        expect(await services.lsp.InlayHintProvider!.getInlayHints(document, { textDocument: { uri: document.uri.toString() }, range })).toEqual([]);
        services.dcdpolicy.Settings.apply({ 'inlayHints.timeline': true });
        expect((await services.lsp.InlayHintProvider!.getInlayHints(document, { textDocument: { uri: document.uri.toString() }, range }))!.length).toBeGreaterThan(0);
    });
});

describe('simulation diagnostics (the "simulation" validation category)', () => {
    test('not part of the per-edit build; a run adds failed expectations with the actual value', async () => {
        const { shared, open } = await testServer();
        const document = await open('pool.dcdpolicy', POOL);
        const codes = () => (document.diagnostics ?? []).map(d => d.code);
        expect(codes()).not.toContain(EXPECT_FAILED);
        const before = (document.diagnostics ?? []).length;

        const result = await shared.lsp.ExecuteCommandHandler!.executeCommand(Commands.runSimulation, [document.uri.toString(), 'wrong']);
        expect(result).toMatchObject({ passed: 0, failed: 2 });
        const failed = (document.diagnostics ?? []).filter(d => d.code === EXPECT_FAILED);
        expect(failed.map(d => d.message)).toEqual([
            '`expect one rejected` does not hold: the simulation has accepted',
            '`expect region pool0 online 1GiB` does not hold: the simulation has 128MiB'
        ]);
        expect(failed[0].range.start.line).toBe(POOL.split('\n').findIndex(l => l.includes('expect one rejected')));
        expect((document.diagnostics ?? []).length).toBe(before + 2); // the static diagnostics stay

        // A second run of another scenario on the same version re-validates: nothing doubles.
        await shared.lsp.ExecuteCommandHandler!.executeCommand(Commands.runSimulation, [document.uri.toString(), 'grow']);
        expect((document.diagnostics ?? []).filter(d => d.code === EXPECT_FAILED)).toHaveLength(2);
        expect((document.diagnostics ?? []).length).toBe(before + 2);
    });

    test('a refusal only the simulation finds (the device state) is a warning unless expected', async () => {
        const { shared, open } = await testServer();
        const text = POOL.replace(/scenario wrong[\s\S]*$/, `scenario twice {
    host lab01
    at 0s add mem0.dc0 tag pool extent 0x0 size 128MiB as first
    at 1s add mem0.dc0 tag pool extent 0x0 size 128MiB as again
}
`);
        const document = await open('pool.dcdpolicy', text);
        await shared.lsp.ExecuteCommandHandler!.executeCommand(Commands.runAllTests, [document.uri.toString()]);
        const refused = (document.diagnostics ?? []).filter(d => d.code === SIMULATION_REFUSED);
        expect(refused).toHaveLength(1);
        expect(refused[0].message).toContain('overlap-accepted');
        expect(refused[0].range.start.line).toBe(text.split('\n').findIndex(l => l.includes('as again')));
    });
});

describe('commands', () => {
    test('runAllTests counts every expectation of the file', async () => {
        const { shared, open, recorded } = await testServer();
        const document = await open('pool.dcdpolicy', POOL);
        const result = await shared.lsp.ExecuteCommandHandler!.executeCommand(Commands.runAllTests, [document.uri.toString()]);
        expect(result).toMatchObject({ passed: 4, failed: 2 });
        expect((result as { scenarios: unknown[] }).scenarios).toHaveLength(2);
        expect(recorded.notifications.map(n => (n.params as SimulationResultParams).scenario)).toEqual(['grow', 'wrong']);
    });

    test('compareKernels runs the scenario under every profile', async () => {
        const { shared, open } = await testServer();
        const document = await open('pool.dcdpolicy', POOL);
        const result = await shared.lsp.ExecuteCommandHandler!.executeCommand(Commands.compareKernels, [document.uri.toString(), 'grow']) as {
            results: Array<{ kernel: string; summary: string }>; text: string;
        };
        expect(result.results.map(r => r.kernel)).toEqual(['dcd-v9', 'dcd-v11', 'sysram-rfc']);
        expect(result.results[2].summary).toBe('✓ 3 events · 1 accepted · 1 rejected · 1 failed · 4/4 expectations');
        expect(result.results[0].summary.startsWith('✗')).toBe(true);
        expect(result.text).toContain('scenario grow');
    });

    test('an unknown scenario is an InvalidParams error', async () => {
        const { shared, open } = await testServer();
        const document = await open('pool.dcdpolicy', POOL);
        await expect(shared.lsp.ExecuteCommandHandler!.executeCommand(Commands.runSimulation, [document.uri.toString(), 'nope']))
            .rejects.toThrow(/no scenario named 'nope'/);
    });

    test('a cancelled request stops before simulating and stores nothing', async () => {
        const { services, shared, open } = await testServer();
        const document = await open('pool.dcdpolicy', POOL);
        const source = new CancellationTokenSource();
        const running = shared.lsp.ExecuteCommandHandler!.executeCommand(Commands.runAllTests, [document.uri.toString()], source.token);
        source.cancel();
        const error = await running.then(() => undefined, (e: unknown) => e);
        expect(isOperationCancelled(error)).toBe(true);
        expect(services.dcdpolicy.SimulationResults.forDocument(document.uri.toString())).toEqual([]);
    });

    test('an edit of the document supersedes a running simulation (ContentModified)', async () => {
        const { services, open } = await testServer();
        const document = await open('pool.dcdpolicy', POOL);
        const running = services.dcdpolicy.Simulations.run(uriOf('pool.dcdpolicy'), {});
        services.dcdpolicy.Simulations.documentChanged(document.uri.toString());
        const error = await running.then(() => undefined, (e: unknown) => e);
        expect(error).toBeInstanceOf(ResponseError);
        expect((error as ResponseError<unknown>).code).toBe(LSPErrorCodes.ContentModified);
        expect(services.dcdpolicy.SimulationResults.forDocument(document.uri.toString())).toEqual([]);
    });

    test('a budget-exceeding scenario reports it on the lens and as a warning', async () => {
        const { services, shared, open } = await testServer();
        services.dcdpolicy.Settings.apply({ simulation: { maxEvents: 2 } });
        const document = await open('pool.dcdpolicy', POOL);
        const result = await shared.lsp.ExecuteCommandHandler!.executeCommand(Commands.runSimulation, [document.uri.toString(), 'grow']);
        expect(result).toMatchObject({ failure: { kind: 'budget-exceeded', maxEvents: 2 } });
        const lenses = await services.lsp.CodeLensProvider!.provideCodeLens(document, { textDocument: { uri: document.uri.toString() } });
        expect(lenses![1].command!.title).toMatch(/^⚠ stopped after 2 simulation events/);
        expect((document.diagnostics ?? []).some(d => d.code === 'simulation/budget-exceeded')).toBe(true);
    });
});

describe('dcdpolicy.simulation.auto', () => {
    test('onSave (the default) runs the scenarios on save, off does not', async () => {
        const { services, open, recorded } = await testServer();
        const document = await open('pool.dcdpolicy', POOL);
        expect(services.dcdpolicy.Settings.settings.simulation.auto).toBe('onSave');
        services.dcdpolicy.Simulations.documentSaved(document.uri.toString());
        // The diagnostics come last (after the notifications): wait for them.
        await expect.poll(() => (document.diagnostics ?? []).filter(d => d.code === EXPECT_FAILED).length, { timeout: 10_000 }).toBe(2);
        expect(recorded.notifications).toHaveLength(2);

        services.dcdpolicy.Settings.apply({ simulation: { auto: 'off' } });
        recorded.notifications.length = 0;
        services.dcdpolicy.Simulations.documentSaved(document.uri.toString());
        await new Promise(resolve => setTimeout(resolve, 50));
        expect(recorded.notifications).toEqual([]);
    });

    test('onType runs after edits pause; onSave does not run on edits', async () => {
        const { services, open, recorded } = await testServer();
        const document = await open('pool.dcdpolicy', POOL);
        services.dcdpolicy.Simulations.documentChanged(document.uri.toString());
        await new Promise(resolve => setTimeout(resolve, 600));
        expect(recorded.notifications).toEqual([]);
        services.dcdpolicy.Settings.apply({ simulation: { auto: 'onType' } });
        services.dcdpolicy.Simulations.documentChanged(document.uri.toString());
        await expect.poll(() => recorded.notifications.length, { timeout: 10_000 }).toBe(2);
    });
});
