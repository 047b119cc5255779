/**
 * Machine-readable diagnostics for `dcdpolicy check --format json|sarif` (LANGUAGE.md §6, §7).
 * - json: an array of `{file, line, column, severity, code, message}` (1-based line and column);
 * - sarif: a SARIF 2.1.0 log (OASIS SARIF v2.1.0; schema https://json.schemastore.org/sarif-2.1.0.json)
 *   with one run whose tool's `rules` are the codes used, for code-scanning services.
 */
import { CODE_DOCS } from '../language/validation/codes.js';
import { diagnosticCode, type FileDiagnostic } from './workspace.js';

/** Diagnostic severities by LSP severity number (1 error … 4 hint). */
const SEVERITY = ['error', 'error', 'warning', 'info', 'hint'] as const;
/** SARIF `level` by LSP severity number. */
const SARIF_LEVEL = ['error', 'error', 'warning', 'note', 'note'] as const;

/** The code of a diagnostic that has none (none of ours; a guard). */
const NO_CODE_DOC = 'a diagnostic without a code';

/** One diagnostic of `check --format json`. */
export interface JsonDiagnostic {
    file: string;
    /** 1-based. */
    line: number;
    /** 1-based, in UTF-16 code units (as LSP). */
    column: number;
    severity: 'error' | 'warning' | 'info' | 'hint';
    code: string;
    message: string;
}

function messageText(d: FileDiagnostic): string {
    const m = d.diagnostic.message;
    return (typeof m === 'string' ? m : m.value).replace(/\s*\n\s*/g, ' ');
}

/** The one-line meaning of a diagnostic code (the SARIF rule's short description). */
export function codeDescription(code: string): string {
    return CODE_DOCS[code] ?? (code === 'general/unknown' ? NO_CODE_DOC : code);
}

/** The diagnostics as `check --format json` prints them, in the order given. */
export function jsonDiagnostics(diagnostics: readonly FileDiagnostic[]): JsonDiagnostic[] {
    return diagnostics.map(d => ({
        file: d.file,
        line: d.diagnostic.range.start.line + 1,
        column: d.diagnostic.range.start.character + 1,
        severity: SEVERITY[d.diagnostic.severity ?? 1],
        code: diagnosticCode(d.diagnostic),
        message: messageText(d),
    }));
}

/** A file path as a relative URI reference: `/` separators, each segment percent-encoded. */
export function relativeUri(file: string): string {
    return file.split(/[\\/]/).map(s => encodeURIComponent(s)).join('/');
}

/** True for `/…` and `C:\…` paths (those outside the working directory stay absolute). */
function isAbsolute(file: string): boolean {
    return file.startsWith('/') || /^[A-Za-z]:[\\/]/.test(file);
}

/** Options of `sarifLog`. */
export interface SarifOptions {
    /** The tool's version (package.json). */
    version: string;
    /** The folder file paths are relative to, as a `file://` URI ending in `/` (SARIF `originalUriBaseIds`). */
    baseUri?: string;
}

/**
 * The diagnostics as a SARIF 2.1.0 log: one run; `tool.driver.rules` holds every code used
 * (id = code, `shortDescription` its meaning), each result its `ruleId`, `ruleIndex`, `level`
 * (error, warning, note), message and a physical location with a 1-based region (SARIF's
 * `endColumn` is the column after the last character, as LSP's exclusive end).
 * @param diagnostics with file paths relative to `options.baseUri` (the CLI's are relative to the working directory)
 */
export function sarifLog(diagnostics: readonly FileDiagnostic[], options: SarifOptions): Record<string, unknown> {
    const codes = [...new Set(diagnostics.map(d => diagnosticCode(d.diagnostic)))].sort();
    const ruleIndex = new Map(codes.map((c, i) => [c, i]));
    const base = options.baseUri ? { uriBaseId: 'SRCROOT' } : {};
    const results = diagnostics.map(d => {
        const { start, end } = d.diagnostic.range;
        const code = diagnosticCode(d.diagnostic);
        return {
            ruleId: code,
            ruleIndex: ruleIndex.get(code)!,
            level: SARIF_LEVEL[d.diagnostic.severity ?? 1],
            message: { text: messageText(d) },
            locations: [{
                physicalLocation: {
                    artifactLocation: isAbsolute(d.file) ? { uri: `file://${d.file.startsWith('/') ? '' : '/'}${relativeUri(d.file)}` } : { uri: relativeUri(d.file), ...base },
                    region: {
                        startLine: start.line + 1,
                        startColumn: start.character + 1,
                        endLine: end.line + 1,
                        endColumn: end.character + 1,
                    },
                },
            }],
        };
    });
    return {
        $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
        version: '2.1.0',
        runs: [{
            tool: {
                driver: {
                    name: 'dcdpolicy',
                    version: options.version,
                    rules: codes.map(code => ({ id: code, shortDescription: { text: codeDescription(code) } })),
                },
            },
            ...(options.baseUri ? { originalUriBaseIds: { SRCROOT: { uri: options.baseUri } } } : {}),
            results,
        }],
    };
}
