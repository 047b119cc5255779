/**
 * `workspace/executeCommand` handlers (LANGUAGE.md §9 "Run simulation"): the code lens's
 * `dcdpolicy.runSimulation`, `dcdpolicy.runAllTests`, `dcdpolicy.compareKernels` and the summary
 * lens's `dcdpolicy.showTimeline`. The model decides every outcome; these only run it through
 * the simulation service and report its counts.
 */
import { URI, type Cancellation } from 'langium';
import { AbstractExecuteCommandHandler, type ExecuteCommandAcceptor, type LangiumSharedServices } from 'langium/lsp';
import { ErrorCodes, ResponseError } from 'vscode-languageserver-protocol';
import { KERNEL_PROFILES, type KernelProfile, type ScenarioResult } from '../language/model/types.js';
import { renderCompareText, summaryLine } from '../language/render/index.js';
import type { DcdPolicyLspServices } from './dcdpolicy-lsp-module.js';
import {
    Commands, type CompareKernelsResult, type RunAllTestsResult, type RunSimulationResult
} from './protocol.js';
import { runSummary } from './simulation/service.js';

function stringArg(args: unknown[], index: number, what: string): string {
    const value = args[index];
    if (typeof value !== 'string' || value.length === 0) throw new ResponseError(ErrorCodes.InvalidParams, `argument ${index + 1} must be ${what}`);
    return value;
}

export class DcdPolicyExecuteCommandHandler extends AbstractExecuteCommandHandler {
    constructor(private readonly shared: LangiumSharedServices) {
        super();
    }

    private services(uri: string): DcdPolicyLspServices {
        const parsed = URI.parse(uri);
        if (!this.shared.ServiceRegistry.hasServices(parsed)) throw new ResponseError(ErrorCodes.InvalidParams, `${uri} is not a .dcdpolicy document`);
        return this.shared.ServiceRegistry.getServices(parsed) as DcdPolicyLspServices;
    }

    override registerCommands(accept: ExecuteCommandAcceptor): void {
        accept(Commands.runSimulation, (args, token) => this.runSimulation(args, token));
        accept(Commands.runAllTests, (args, token) => this.runAllTests(args, token));
        accept(Commands.compareKernels, (args, token) => this.compareKernels(args, token));
        accept(Commands.showTimeline, (args) => {
            const uri = stringArg(args, 0, 'a document uri');
            return this.services(uri).dcdpolicy.Simulations.show(uri, stringArg(args, 1, 'a scenario name'));
        });
    }

    /** `[uri, scenario, path?]` → the scenario's counts; the result goes out as a notification. */
    async runSimulation(args: unknown[], token?: Cancellation.CancellationToken): Promise<RunSimulationResult> {
        const uri = stringArg(args, 0, 'a document uri');
        const scenario = stringArg(args, 1, 'a scenario name');
        const path = typeof args[2] === 'string' ? args[2] : undefined;
        const runs = await this.services(uri).dcdpolicy.Simulations.run(URI.parse(uri), { scenario, path, cancelToken: token });
        return runSummary(runs[0]);
    }

    /** `[uri]` → every scenario of the file: one count per expectation, as `dcdpolicy test`. */
    async runAllTests(args: unknown[], token?: Cancellation.CancellationToken): Promise<RunAllTestsResult> {
        const uri = stringArg(args, 0, 'a document uri');
        const runs = await this.services(uri).dcdpolicy.Simulations.run(URI.parse(uri), { cancelToken: token });
        const scenarios = runs.map(runSummary);
        return {
            passed: scenarios.reduce((n, s) => n + s.passed, 0),
            failed: scenarios.reduce((n, s) => n + s.failed, 0),
            scenarios
        };
    }

    /** `[uri, scenario, kernels?]` → the scenario under each profile, and the `dcdpolicy compare` table. */
    async compareKernels(args: unknown[], token?: Cancellation.CancellationToken): Promise<CompareKernelsResult> {
        const uri = stringArg(args, 0, 'a document uri');
        const scenario = stringArg(args, 1, 'a scenario name');
        const asked = Array.isArray(args[2]) ? args[2] : [...KERNEL_PROFILES];
        const unknown = asked.filter(k => !(KERNEL_PROFILES as readonly unknown[]).includes(k));
        if (unknown.length > 0) throw new ResponseError(ErrorCodes.InvalidParams, `unknown kernel profile ${unknown.join(', ')}; use ${KERNEL_PROFILES.join(', ')}`);
        const kernels = asked as KernelProfile[];
        const runs = await this.services(uri).dcdpolicy.Simulations.compare(URI.parse(uri), scenario, kernels, token);
        const results = runs.map(r => ({
            kernel: r.kernel,
            summary: r.result ? summaryLine(r.result) : r.failure?.message ?? '',
            ...(r.result ? { result: r.result } : {}),
            ...(r.failure ? { failure: r.failure } : {})
        }));
        const complete = runs.map(r => r.result).filter((r): r is ScenarioResult => r !== undefined);
        return { scenario, results, text: renderCompareText(complete) };
    }
}
