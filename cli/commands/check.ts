import type { CliOutput } from '../output.js';
import { formatDiagnostic, loadCliWorkspace } from '../workspace.js';

/**
 * `dcdpolicy check FILE…` (LANGUAGE.md §7): every diagnostic of the workspace as
 * `file:line:col: severity code: message`, a count on stderr.
 * @returns the exit code: 1 if any error, else 0
 */
export async function checkCommand(paths: string[], io: CliOutput): Promise<number> {
    const workspace = await loadCliWorkspace(paths);
    for (const d of workspace.diagnostics) io.out(formatDiagnostic(d));
    const errors = workspace.diagnostics.filter(d => (d.diagnostic.severity ?? 1) === 1).length;
    const warnings = workspace.diagnostics.length - errors;
    io.err(`${workspace.documents.length} file${workspace.documents.length === 1 ? '' : 's'} checked: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} other diagnostic${warnings === 1 ? '' : 's'}`);
    return errors > 0 ? 1 : 0;
}
