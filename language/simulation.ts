import type { KernelProfile, ScenarioResult, SimulationOptions, SimulationResult } from './model/types.js';
import { simulateScenario } from './model/index.js';
import { workspaceScenarios, type LoadedWorkspace, type WorkspaceScenario } from './workspace.js';

/** A scenario of a workspace with its simulation result. */
export interface SimulatedScenario extends WorkspaceScenario {
    result: ScenarioResult;
}

/**
 * Simulates every scenario of a workspace (or the ones the filter keeps).
 * @param filter `scenario` name to run; `kernel` profile that overrides every scenario's
 * @throws SimulationBudgetError from the simulator when a scenario exceeds `options.maxEvents`
 */
export function simulateWorkspace(workspace: LoadedWorkspace, filter: { scenario?: string; kernel?: KernelProfile } = {}, options?: SimulationOptions): SimulatedScenario[] {
    return workspaceScenarios(workspace, filter).map(s => ({ ...s, result: simulateScenario(workspace.world, s.spec, options) }));
}

/** The JSON document of `simulate --format json` (LANGUAGE.md §8). */
export function simulationDocument(file: string, scenarios: readonly SimulatedScenario[]): SimulationResult {
    return { file, scenarios: scenarios.map(s => s.result) };
}
