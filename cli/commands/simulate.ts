import { renderSvgTimeline, renderTextTimeline } from '../../language/render/index.js';
import { simulateWorkspace, simulationDocument } from '../../language/simulation.js';
import type { KernelProfile } from '../../language/model/types.js';
import { InputError } from '../files.js';
import type { CliOutput } from '../output.js';
import { formatDiagnostic, loadCliWorkspace, type CliWorkspace } from '../workspace.js';

/** Options of `dcdpolicy simulate`. */
export interface SimulateOptions {
    scenario?: string;
    kernel?: KernelProfile;
    format: 'text' | 'json' | 'svg';
}

/**
 * Prints the workspace's errors on stderr.
 * @returns false when a file is broken (lexer or parser errors): there is nothing sound to simulate
 */
export function reportProblems(workspace: CliWorkspace, io: CliOutput): boolean {
    for (const d of workspace.diagnostics.filter(x => (x.diagnostic.severity ?? 1) === 1)) io.err(formatDiagnostic(d));
    return !workspace.hasSyntaxErrors;
}

/** Stacks several scenario SVGs into one document (each keeps its own coordinate system). */
function stackSvgs(svgs: string[]): string {
    if (svgs.length === 1) return svgs[0];
    let y = 0;
    let width = 0;
    const parts: string[] = [];
    for (const svg of svgs) {
        const w = Number(/\bwidth="(\d+(?:\.\d+)?)"/.exec(svg)?.[1] ?? 800);
        const h = Number(/\bheight="(\d+(?:\.\d+)?)"/.exec(svg)?.[1] ?? 200);
        parts.push(svg.replace(/^<\?xml[^>]*>\s*/, '').replace(/^<svg\b/, `<svg y="${y}"`));
        y += h + 16;
        width = Math.max(width, w);
    }
    return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${y}" viewBox="0 0 ${width} ${y}">\n${parts.join('\n')}\n</svg>\n`;
}

/**
 * `dcdpolicy simulate FILE… [--scenario S] [--kernel K] [--format text|json|svg]` (LANGUAGE.md §7, §8).
 * @returns 1 when a file cannot be read or parsed, else 0 (refusals and failed expectations are results, not errors)
 */
export async function simulateCommand(paths: string[], options: SimulateOptions, io: CliOutput): Promise<number> {
    const workspace = await loadCliWorkspace(paths);
    if (!reportProblems(workspace, io)) return 1;
    const scenarios = simulateWorkspace(workspace, { scenario: options.scenario, kernel: options.kernel });
    if (scenarios.length === 0) {
        throw new InputError(options.scenario !== undefined ? `no scenario named '${options.scenario}' in ${paths.join(', ')}` : `no scenario in ${paths.join(', ')}`);
    }
    switch (options.format) {
        case 'json':
            io.out(JSON.stringify(simulationDocument(paths[0], scenarios), null, 2));
            break;
        case 'svg':
            io.out(stackSvgs(scenarios.map(s => renderSvgTimeline(s.result, { tags: workspace.world.tags }))));
            break;
        default:
            io.out(scenarios.map(s => renderTextTimeline(s.result, { color: io.color, tags: workspace.world.tags })).join('\n'));
    }
    return 0;
}
