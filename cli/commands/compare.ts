import { renderCompareText } from '../../language/render/index.js';
import { simulateWorkspace } from '../../language/simulation.js';
import { KERNEL_PROFILES, type KernelProfile } from '../../language/model/types.js';
import { workspaceScenarios } from '../../language/workspace.js';
import { InputError } from '../files.js';
import type { CliOutput } from '../output.js';
import { loadCliWorkspace } from '../workspace.js';
import { reportProblems } from './simulate.js';

/**
 * `dcdpolicy compare FILE --scenario S --kernel K1,K2,…` (LANGUAGE.md §7): the same scenario
 * under several kernel profiles, side by side. `--scenario` may be left out when the file has
 * one scenario; `--kernel` defaults to every profile.
 * @returns 1 when the file cannot be read or parsed, else 0
 */
export async function compareCommand(paths: string[], options: { scenario?: string; kernel: KernelProfile[] }, io: CliOutput): Promise<number> {
    const workspace = await loadCliWorkspace(paths);
    if (!reportProblems(workspace, io)) return 1;
    let scenario = options.scenario;
    if (scenario === undefined) {
        const names = workspaceScenarios(workspace).map(s => s.spec.name);
        if (names.length !== 1) {
            throw new InputError(names.length === 0 ? `no scenario in ${paths.join(', ')}` : `${names.length} scenarios in ${paths.join(', ')}; choose one with --scenario (${names.join(', ')})`);
        }
        scenario = names[0];
    }
    const kernels = options.kernel.length > 0 ? options.kernel : [...KERNEL_PROFILES];
    const results = kernels.map(kernel => simulateWorkspace(workspace, { scenario, kernel })[0]);
    if (results.some(r => r === undefined)) throw new InputError(`no scenario named '${scenario}' in ${paths.join(', ')}`);
    io.out(renderCompareText(results.map(r => r.result), { color: io.color }));
    return 0;
}
