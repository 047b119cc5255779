import { writeFileSync } from 'node:fs';
import { simulateScenario } from '../../language/model/index.js';
import { workspaceScenarios } from '../../language/workspace.js';
import { displayPath, InputError } from '../files.js';
import { exportQmp } from '../interop/qmp-export.js';
import type { CliOutput } from '../output.js';
import { loadCliWorkspace } from '../workspace.js';
import { reportProblems } from './simulate.js';

/** Options of `dcdpolicy export qmp`. */
export interface ExportQmpOptions {
    /** The scenario (optional when the workspace has one). */
    scenario?: string;
    /** Write the commands here instead of stdout. */
    output?: string;
    /** Follow each command with the reply the model predicts QEMU gives (a transcript). */
    replies?: boolean;
}

/**
 * `dcdpolicy export qmp FILE… --scenario S [-o OUT] [--replies]`: the FM side of a scenario as
 * QMP commands to replay on QEMU, one JSON object per line (cli/interop/qmp-export.ts). Events
 * that are not FM requests are left out with a `FILE:LINE: left out: …` line on stderr.
 * @returns 1 when the workspace is broken or an FM event cannot be expressed in QMP, else 0
 * @throws InputError for unreadable files, an unknown or ambiguous scenario, or a scenario without FM events
 */
export async function exportQmpCommand(paths: string[], options: ExportQmpOptions, io: CliOutput): Promise<number> {
    const workspace = await loadCliWorkspace(paths);
    if (!reportProblems(workspace, io)) return 1;
    const all = workspaceScenarios(workspace);
    let chosen = all;
    if (options.scenario !== undefined) {
        chosen = all.filter(s => s.spec.name === options.scenario);
        if (chosen.length === 0) throw new InputError(`no scenario named '${options.scenario}' in ${paths.join(', ')}`);
    } else if (all.length !== 1) {
        throw new InputError(all.length === 0 ? `no scenario in ${paths.join(', ')}` : `${all.length} scenarios in ${paths.join(', ')}; choose one with --scenario (${all.map(s => s.spec.name).join(', ')})`);
    }
    const { spec, document } = chosen[0];
    const file = displayPath(document.uri.fsPath);
    const result = options.replies ? simulateScenario(workspace.world, spec) : undefined;
    const exported = exportQmp(workspace.world, spec, { result });
    for (const p of exported.problems) io.err(`${file}:${p.line}: ${p.message}`);
    if (exported.commands === 0) throw new InputError(`scenario '${spec.name}' has no add or release event to export`);
    const text = exported.lines.join('\n') + '\n';
    if (options.output !== undefined) {
        try {
            writeFileSync(options.output, text);
        } catch (error) {
            throw new InputError(`cannot write '${options.output}': ${(error as Error).message}`);
        }
        io.err(`wrote ${options.output}: ${exported.commands} QMP command${exported.commands === 1 ? '' : 's'}`);
    } else {
        io.out(text.trimEnd());
    }
    return exported.problems.some(p => p.fatal) ? 1 : 0;
}
