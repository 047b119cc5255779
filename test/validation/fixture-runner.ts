/**
 * Fixture tests written in the language itself (CONVENTIONS.md, Safe-DS style).
 *
 * A fixture is a `.dcdpolicy` file whose `$TEST$` comments say which diagnostics the lines
 * below them get:
 *
 *     // $TEST$ error "partition/block-size-not-power-of-two"
 *         block_size 3MiB
 *     // $TEST$ warning "partition/qemu-block-size" "use block_size 2MiB"
 *     // $TEST$ no_issue "region/overlap"
 *     // $TEST$ syntax-error
 *
 * - A `$TEST$` comment applies to the next line with content (blank lines and `//` comment
 *   lines are skipped; several `$TEST$` comments may stack above one line).
 * - `error`/`warning`/`info`/`hint "CODE" ["TEXT"]`: a diagnostic with that code and severity
 *   starts on that line (and its message contains TEXT, when given).
 * - `no_issue "CODE"`: no diagnostic with that code starts on that line.
 * - `syntax-error`: a lexer or parser error starts on that line.
 * - Every error in the file must be announced by an `error` (or `syntax-error`) comment on its
 *   line; warnings need not be.
 *
 * A malformed `$TEST$` comment (unknown kind, unknown code, nothing below it) fails the test
 * of its file with the reason.
 *
 * Files directly under a concern folder are one workspace each; every sub-folder of a concern
 * folder is one multi-file workspace (its files see each other's names, LANGUAGE.md §1).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { EmptyFileSystem, type LangiumDocument } from 'langium';
import { clearDocuments } from 'langium/test';
import { createDcdPolicyServices } from '../../language/dcdpolicy-module.js';
import { ALL_CODES, LANGIUM_DIAGNOSTIC_CODES, SYNTAX_LEXING_ERROR, SYNTAX_PARSING_ERROR } from '../../language/validation/codes.js';
import { loadWorkspace, type Diagnostic } from '../../language/workspace.js';

/** Severity words of `$TEST$` comments, as LSP severities. */
const SEVERITIES: Readonly<Record<string, number>> = { error: 1, warning: 2, info: 3, hint: 4 };
/** Codes Langium itself emits. */
const LANGIUM_CODES = Object.values(LANGIUM_DIAGNOSTIC_CODES);
/** Codes a fixture may name. */
export const KNOWN_CODES: ReadonlySet<string> = new Set([...ALL_CODES, ...LANGIUM_CODES]);

const TEST_RE = /^\s*\/\/\s*\$TEST\$\s+(error|warning|info|hint|no_issue)\s+"([^"]+)"(?:\s+"([^"]*)")?\s*$/;
const SYNTAX_RE = /^\s*\/\/\s*\$TEST\$\s+syntax-error\s*$/;

/** One `$TEST$` comment, resolved to the line it is about (0-based). */
export interface Expectation {
    kind: 'error' | 'warning' | 'info' | 'hint' | 'no_issue' | 'syntax-error';
    code?: string;
    text?: string;
    /** The 0-based line the expectation is about. */
    line: number;
    /** The 1-based line of the comment, for messages. */
    commentLine: number;
}

/** A malformed fixture: the runner reports it as the failure of that fixture's test. */
export class FixtureError extends Error {}

/**
 * Reads the `$TEST$` comments of a fixture.
 * @throws FixtureError on a malformed comment, an unknown code, or a comment with no line below it
 */
export function parseExpectations(path: string, text: string): Expectation[] {
    const lines = text.split(/\r?\n/);
    const out: Expectation[] = [];
    let pending: Array<Omit<Expectation, 'line'>> = [];
    lines.forEach((line, i) => {
        if (line.includes('$TEST$')) {
            const m = TEST_RE.exec(line);
            if (m) {
                if (!KNOWN_CODES.has(m[2])) throw new FixtureError(`${path}:${i + 1}: unknown diagnostic code "${m[2]}" in: ${line.trim()}`);
                pending.push({ kind: m[1] as Expectation['kind'], code: m[2], text: m[3], commentLine: i + 1 });
            } else if (SYNTAX_RE.test(line)) {
                pending.push({ kind: 'syntax-error', commentLine: i + 1 });
            } else {
                throw new FixtureError(`${path}:${i + 1}: malformed $TEST$ comment (expected \`// $TEST$ error|warning|info|hint|no_issue "code" ["text"]\` or \`// $TEST$ syntax-error\`): ${line.trim()}`);
            }
            return;
        }
        const trimmed = line.trim();
        if (trimmed === '' || trimmed.startsWith('//')) return;
        for (const p of pending) out.push({ ...p, line: i });
        pending = [];
    });
    if (pending.length > 0) throw new FixtureError(`${path}:${pending[0].commentLine}: $TEST$ comment with no line below it`);
    return out;
}

/** A fixture test case: one workspace of one or more files. */
export interface Fixture {
    /** Name of the test case (path relative to the resources folder). */
    name: string;
    files: string[];
}

/** Every `.dcdpolicy` file under a folder (recursively), sorted. */
export function dcdpolicyFiles(dir: string): string[] {
    if (!existsSync(dir)) return [];
    const out: string[] = [];
    for (const entry of readdirSync(dir).sort()) {
        const path = join(dir, entry);
        if (statSync(path).isDirectory()) out.push(...dcdpolicyFiles(path));
        else if (entry.endsWith('.dcdpolicy')) out.push(path);
    }
    return out;
}

/**
 * The fixtures under `root`: each file directly in a concern folder is one; each sub-folder of a
 * concern folder is one (all its files together).
 */
export function collectFixtures(root: string): Fixture[] {
    const fixtures: Fixture[] = [];
    for (const concern of readdirSync(root).sort()) {
        const concernDir = join(root, concern);
        if (!statSync(concernDir).isDirectory()) continue;
        for (const entry of readdirSync(concernDir).sort()) {
            const path = join(concernDir, entry);
            if (statSync(path).isDirectory()) {
                const files = dcdpolicyFiles(path);
                if (files.length > 0) fixtures.push({ name: relative(root, path), files });
            } else if (entry.endsWith('.dcdpolicy')) {
                fixtures.push({ name: relative(root, path), files: [path] });
            }
        }
    }
    return fixtures;
}

/** The code of a diagnostic (every diagnostic of the language has one, Langium's own included). */
export function codeOf(d: Diagnostic): string | undefined {
    return typeof d.code === 'string' ? d.code : undefined;
}

/** The text of a diagnostic's message (LSP 3.18 also allows markup). */
export function messageOf(d: Diagnostic): string {
    return typeof d.message === 'string' ? d.message : d.message.value;
}

function isSyntaxError(d: Diagnostic): boolean {
    const code = codeOf(d);
    return code === SYNTAX_LEXING_ERROR || code === SYNTAX_PARSING_ERROR;
}

function show(d: Diagnostic): string {
    const sev = Object.keys(SEVERITIES).find(k => SEVERITIES[k] === d.severity) ?? String(d.severity);
    return `${d.range.start.line + 1}:${d.range.start.character + 1} ${sev} ${codeOf(d) ?? '(no code)'}: ${messageOf(d)}`;
}

const services = createDcdPolicyServices(EmptyFileSystem);

/** Parses, links and validates the files as one workspace; returns each document with its text. */
export async function validateFiles(files: readonly string[]): Promise<Array<{ path: string; text: string; document: LangiumDocument }>> {
    await clearDocuments(services.shared);
    const sources = files.map(path => ({ path, text: readFileSync(path, 'utf8') }));
    const workspace = await loadWorkspace(services.shared, sources);
    return sources.map((s, i) => ({ ...s, document: workspace.documents[i] }));
}

/**
 * Runs a fixture: validates its workspace and checks every `$TEST$` expectation of every file,
 * and that every error is announced.
 * @returns the problems found (empty: the fixture passes)
 */
export async function runFixture(fixture: Fixture): Promise<string[]> {
    const expectations = new Map(fixture.files.map(f => [f, parseExpectations(f, readFileSync(f, 'utf8'))]));
    const problems: string[] = [];
    for (const { path, document } of await validateFiles(fixture.files)) {
        const diagnostics = document.diagnostics ?? [];
        const expected = expectations.get(path) ?? [];
        const file = relative(process.cwd(), path);
        for (const e of expected) {
            const on = diagnostics.filter(d => d.range.start.line === e.line);
            const where = `${file}:${e.line + 1} (comment on line ${e.commentLine})`;
            if (e.kind === 'syntax-error') {
                if (!on.some(isSyntaxError)) problems.push(`${where}: expected a syntax error, found ${on.map(show).join('; ') || 'none'}`);
            } else if (e.kind === 'no_issue') {
                const hit = on.filter(d => codeOf(d) === e.code);
                if (hit.length > 0) problems.push(`${where}: expected no "${e.code}", found ${hit.map(show).join('; ')}`);
            } else {
                const hit = on.filter(d => codeOf(d) === e.code && d.severity === SEVERITIES[e.kind]);
                if (hit.length === 0) {
                    problems.push(`${where}: expected ${e.kind} "${e.code}", found ${on.map(show).join('; ') || 'nothing on that line'}`);
                } else if (e.text !== undefined && !hit.some(d => messageOf(d).includes(e.text ?? ''))) {
                    problems.push(`${where}: ${e.kind} "${e.code}" does not say "${e.text}": ${hit.map(show).join('; ')}`);
                }
            }
        }
        for (const d of diagnostics) {
            if (d.severity !== SEVERITIES.error) continue;
            const line = d.range.start.line;
            const announced = expected.some(e => e.line === line && (isSyntaxError(d) ? e.kind === 'syntax-error' : e.kind === 'error' && e.code === codeOf(d)));
            if (!announced) problems.push(`${file}:${line + 1}: unannounced error ${show(d)}`);
        }
    }
    return problems;
}
