import { pathToFileURL } from 'node:url';
import type { CliOutput } from '../output.js';
import { jsonDiagnostics, sarifLog } from '../sarif.js';
import { formatDiagnostic, loadCliWorkspace } from '../workspace.js';

/** Output formats of `dcdpolicy check`. */
export type CheckFormat = 'text' | 'json' | 'sarif';

/** The version `check --format sarif` reports for the tool (package.json). */
export const TOOL_VERSION = '0.1.0';

/**
 * `dcdpolicy check FILE… [--format text|json|sarif]` (LANGUAGE.md §7): every diagnostic of the
 * workspace, a count on stderr.
 * - text: `file:line:col: severity code: message`, one per line;
 * - json: an array of `{file, line, column, severity, code, message}` (cli/sarif.ts);
 * - sarif: a SARIF 2.1.0 log with file URIs relative to the working directory.
 * @returns the exit code: 1 if any error, else 0
 * @throws InputError (files.ts) for paths that cannot be read as policies
 */
export async function checkCommand(paths: string[], io: CliOutput, format: CheckFormat = 'text'): Promise<number> {
    const workspace = await loadCliWorkspace(paths);
    switch (format) {
        case 'json':
            io.out(JSON.stringify(jsonDiagnostics(workspace.diagnostics), null, 2));
            break;
        case 'sarif': {
            const cwd = pathToFileURL(process.cwd()).href;
            io.out(JSON.stringify(sarifLog(workspace.diagnostics, { version: TOOL_VERSION, baseUri: cwd.endsWith('/') ? cwd : cwd + '/' }), null, 2));
            break;
        }
        default:
            for (const d of workspace.diagnostics) io.out(formatDiagnostic(d));
    }
    const errors = workspace.diagnostics.filter(d => (d.diagnostic.severity ?? 1) === 1).length;
    const warnings = workspace.diagnostics.length - errors;
    io.err(`${workspace.documents.length} file${workspace.documents.length === 1 ? '' : 's'} checked: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} other diagnostic${warnings === 1 ? '' : 's'}`);
    return errors > 0 ? 1 : 0;
}
