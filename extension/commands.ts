/**
 * The commands (category "DCD Policy"): Run simulation, Run all tests in file, Compare kernels,
 * Show timeline. They are the server's commands (`Commands` in server/protocol.ts), which the
 * language client registers in VS Code; this middleware fills in what a palette or editor-title
 * invocation leaves out (the document, the scenario under the cursor), sends the request with a
 * cancellation token under a progress notification, and shows what came back. The server runs
 * every simulation; nothing here decides an outcome.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { ExecuteCommandRequest, LSPErrorCodes, ResponseError } from 'vscode-languageclient';
import { KERNEL_PROFILES, type KernelProfile } from '../language/model/types.js';
import {
    Commands, type CompareKernelsResult, type RunAllTestsResult, type RunSimulationResult
} from '../server/protocol.js';
import type { CompareView } from './compare-view.js';
import { withSlowProgress } from './progress.js';
import type { ResultStore } from './results.js';
import { pickScenario, targetUri } from './scenarios.js';
import type { TimelineView } from './timeline-view.js';

type Next = (command: string, args: unknown[]) => Thenable<unknown> | unknown;

/** How long to wait for a run's notification after its command answered. */
const NOTIFICATION_WAIT_MS = 5000;

export class CommandRunner {
    constructor(
        private readonly client: BaseLanguageClient,
        private readonly results: ResultStore,
        private readonly timeline: TimelineView,
        private readonly compare: CompareView,
        private readonly output: vscode.OutputChannel
    ) { }

    /** The language client's `executeCommand` middleware. */
    execute(command: string, args: unknown[], next: Next): Promise<unknown> {
        switch (command) {
            case Commands.runSimulation: return this.runSimulation(args);
            case Commands.runAllTests: return this.runAllTests(args);
            case Commands.compareKernels: return this.compareKernels(args);
            case Commands.showTimeline: return this.showTimeline(args);
            default: return Promise.resolve(next(command, args));
        }
    }

    /** `[uri?, scenario?, astNodePath?]`: runs one scenario and shows its timeline. */
    async runSimulation(args: unknown[]): Promise<RunSimulationResult | undefined> {
        const uri = this.document(args[0]);
        if (!uri) return undefined;
        const scenario = typeof args[1] === 'string' ? args[1] : await pickScenario(uri, 'Scenario to simulate');
        if (!scenario) return undefined;
        const path = typeof args[2] === 'string' ? [args[2]] : [];
        const before = this.results.get(uri.toString(), scenario);
        const run = await withSlowProgress(`DCD Policy: simulating ${scenario}…`,
            token => this.send<RunSimulationResult>(Commands.runSimulation, [uri.toString(), scenario, ...path], token));
        if (!run) return undefined;
        if (run.failure) {
            void vscode.window.showWarningMessage(`DCD Policy: ${run.failure.message}`);
            return run;
        }
        const stored = await this.results.waitFor(uri.toString(), scenario, NOTIFICATION_WAIT_MS, before);
        if (stored) this.timeline.show(stored);
        return run;
    }

    /** `[uri?]`: every scenario's expectations, counted as `dcdpolicy test` counts them. */
    async runAllTests(args: unknown[]): Promise<RunAllTestsResult | undefined> {
        const uri = this.document(args[0]);
        if (!uri) return undefined;
        const file = vscode.workspace.asRelativePath(uri);
        const run = await withSlowProgress(`DCD Policy: running the tests of ${file}…`,
            token => this.send<RunAllTestsResult>(Commands.runAllTests, [uri.toString()], token));
        if (!run) return undefined;
        this.output.appendLine(`${new Date().toLocaleTimeString()} ${file}: ${run.passed} passed, ${run.failed} failed`);
        for (const s of run.scenarios) {
            const mark = s.failure ? '⚠' : s.failed > 0 ? '✗' : '✓';
            this.output.appendLine(`  ${mark} ${s.scenario}: ${s.summary}`);
        }
        const message = `DCD Policy: ${run.passed} passed, ${run.failed} failed in ${file}`;
        const show = 'Show results';
        const answer = run.failed > 0 || run.scenarios.some(s => s.failure)
            ? await vscode.window.showErrorMessage(message, show)
            : await vscode.window.showInformationMessage(message, show);
        if (answer === show) this.output.show(true);
        return run;
    }

    /** `[uri?, scenario?, kernels?]`: the scenario under several profiles, in the compare view. */
    async compareKernels(args: unknown[]): Promise<CompareKernelsResult | undefined> {
        const uri = this.document(args[0]);
        if (!uri) return undefined;
        const scenario = typeof args[1] === 'string' ? args[1] : await pickScenario(uri, 'Scenario to compare');
        if (!scenario) return undefined;
        let kernels: KernelProfile[] | undefined;
        if (Array.isArray(args[2])) {
            kernels = args[2].filter((k): k is KernelProfile => (KERNEL_PROFILES as readonly unknown[]).includes(k));
        } else {
            const picked = await vscode.window.showQuickPick(
                KERNEL_PROFILES.map(k => ({ label: k, picked: true })),
                { canPickMany: true, placeHolder: `Kernel profiles to run ${scenario} under` });
            if (!picked || picked.length === 0) return undefined;
            kernels = picked.map(p => p.label);
        }
        const compared = await withSlowProgress(`DCD Policy: comparing ${scenario} under ${kernels.join(', ')}…`,
            token => this.send<CompareKernelsResult>(Commands.compareKernels, [uri.toString(), scenario, kernels], token));
        if (compared) this.compare.show(uri.toString(), compared);
        return compared;
    }

    /** `[uri?, scenario?]`: the timeline view of the scenario's last run (runs it when it never ran). */
    async showTimeline(args: unknown[]): Promise<boolean> {
        const uri = this.document(args[0]);
        if (!uri) return false;
        const scenario = typeof args[1] === 'string' ? args[1] : await pickScenario(uri, 'Scenario to show');
        if (!scenario) return false;
        let stored = this.results.get(uri.toString(), scenario);
        if (!stored) {
            // The server may hold a run this window never saw (a reload): ask it to send it again.
            const sent = await this.send<boolean>(Commands.showTimeline, [uri.toString(), scenario]);
            stored = sent ? await this.results.waitFor(uri.toString(), scenario, NOTIFICATION_WAIT_MS) : undefined;
        }
        if (stored) {
            this.timeline.show(stored, false);
            return true;
        }
        return (await this.runSimulation([uri, scenario])) !== undefined;
    }

    private document(arg: unknown): vscode.Uri | undefined {
        const uri = targetUri(arg);
        if (!uri) void vscode.window.showWarningMessage('DCD Policy: open a .dcdpolicy file first.');
        return uri;
    }

    /** Sends `workspace/executeCommand`; shows an error (not a cancellation) and answers undefined. */
    private async send<T>(command: string, args: unknown[], token?: vscode.CancellationToken): Promise<T | undefined> {
        try {
            return await this.client.sendRequest(ExecuteCommandRequest.type, { command, arguments: args }, token) as T;
        } catch (err) {
            if (err instanceof ResponseError && err.code === LSPErrorCodes.RequestCancelled) return undefined;
            if (token?.isCancellationRequested) return undefined;
            const message = err instanceof Error ? err.message : String(err);
            void vscode.window.showErrorMessage(`DCD Policy: ${message}`);
            return undefined;
        }
    }
}
