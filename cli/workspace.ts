import { EmptyFileSystem } from 'langium';
import { createDcdPolicyServices } from '../language/dcdpolicy-module.js';
import { loadWorkspace, documentDiagnostics, type Diagnostic, type LoadedWorkspace } from '../language/workspace.js';
import { resolve } from 'node:path';
import { displayPath, readWorkspaceFiles } from './files.js';

/** A diagnostic with the file it belongs to. */
export interface FileDiagnostic {
    file: string;
    diagnostic: Diagnostic;
}

/** The workspace the command line names, with every diagnostic of its files. */
export interface CliWorkspace extends LoadedWorkspace {
    diagnostics: FileDiagnostic[];
    /** True when some diagnostic is an error. */
    hasErrors: boolean;
    /** True when some file has a lexer or parser error (the file itself is broken). */
    hasSyntaxErrors: boolean;
}

const SEVERITY = ['error', 'error', 'warning', 'info', 'hint'] as const;

/**
 * The stable `area/what` code of a diagnostic (Langium's own lexer, parser and linker ones are
 * coded by DcdPolicyDocumentValidator); `general/unknown` for one without a code.
 */
export function diagnosticCode(diagnostic: Diagnostic): string {
    return typeof diagnostic.code === 'string' && diagnostic.code ? diagnostic.code : 'general/unknown';
}

/** True for lexer and parser errors. */
export function isSyntaxDiagnostic(diagnostic: Diagnostic): boolean {
    return diagnosticCode(diagnostic).startsWith('syntax/');
}

/** A diagnostic's message as plain text. */
function messageText(diagnostic: Diagnostic): string {
    return typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
}

/** `file:line:col: severity code: message` (LANGUAGE.md §7), 1-based line and column. */
export function formatDiagnostic({ file, diagnostic }: FileDiagnostic): string {
    const { line, character } = diagnostic.range.start;
    const severity = SEVERITY[diagnostic.severity ?? 1];
    return `${file}:${line + 1}:${character + 1}: ${severity} ${diagnosticCode(diagnostic)}: ${messageText(diagnostic).replace(/\s*\n\s*/g, ' ')}`;
}

/**
 * Reads, parses, links and validates the paths of a command line as one workspace.
 * @throws InputError (files.ts) for paths that cannot be read as policies
 */
export async function loadCliWorkspace(paths: readonly string[], allowDirectories = true): Promise<CliWorkspace> {
    const files = readWorkspaceFiles(paths, allowDirectories);
    const { shared } = createDcdPolicyServices(EmptyFileSystem);
    const workspace = await loadWorkspace(shared, files.map(f => ({ path: resolve(f.path), text: f.text })));
    const diagnostics: FileDiagnostic[] = [];
    workspace.documents.forEach((document, i) => {
        const sorted = [...documentDiagnostics(document)].sort((a, b) =>
            a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
        for (const diagnostic of sorted) diagnostics.push({ file: displayPath(files[i].path), diagnostic });
    });
    return {
        ...workspace,
        diagnostics,
        hasErrors: diagnostics.some(d => (d.diagnostic.severity ?? 1) === 1),
        hasSyntaxErrors: diagnostics.some(d => isSyntaxDiagnostic(d.diagnostic))
    };
}
