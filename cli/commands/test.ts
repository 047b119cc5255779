import { SimulationBudgetError, simulateScenario } from '../../language/model/index.js';
import { workspaceScenarios } from '../../language/workspace.js';
import { displayPath } from '../files.js';
import type { CliOutput } from '../output.js';
import { formatDiagnostic, loadCliWorkspace } from '../workspace.js';

const paint = (on: boolean, code: string, text: string) => on ? `\u001b[${code}m${text}\u001b[0m` : text;

/**
 * `dcdpolicy test FILE…|DIR` (LANGUAGE.md §7): runs every scenario's expectations. Prints each
 * expectation's verdict; the last line is `N passed, N failed` (one per expectation).
 * @returns 1 if any expectation fails, a scenario cannot run, or the workspace has errors; else 0
 */
export async function testCommand(paths: string[], io: CliOutput): Promise<number> {
    const workspace = await loadCliWorkspace(paths);
    for (const d of workspace.diagnostics.filter(x => (x.diagnostic.severity ?? 1) === 1)) io.err(formatDiagnostic(d));
    let passed = 0;
    let failed = 0;
    let broken = workspace.hasErrors;
    let currentFile = '';
    for (const scenario of workspaceScenarios(workspace)) {
        if (scenario.spec.expectations.length === 0) continue;
        const file = displayPath(scenario.document.uri.fsPath);
        if (file !== currentFile) {
            io.out(file);
            currentFile = file;
        }
        io.out(`  scenario ${scenario.spec.name} (${scenario.spec.kernel})`);
        let result;
        try {
            result = simulateScenario(workspace.world, scenario.spec);
        } catch (error) {
            if (!(error instanceof SimulationBudgetError)) throw error;
            io.out(`    ${paint(io.color, '31', '✗')} ${(error as Error).message}`);
            failed += scenario.spec.expectations.length;
            broken = true;
            continue;
        }
        for (const e of result.expectations) {
            if (e.passed) {
                passed++;
                io.out(`    ${paint(io.color, '32', '✓')} ${e.line}: ${e.text}`);
            } else {
                failed++;
                io.out(`    ${paint(io.color, '31', '✗')} ${e.line}: ${e.text} — actual: ${e.actual}`);
            }
        }
    }
    io.out(`${passed} passed, ${failed} failed`);
    return failed > 0 || broken ? 1 : 0;
}
