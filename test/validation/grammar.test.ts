/**
 * Grammar fixtures: `good-*.dcdpolicy` parse without lexer or parser errors; `bad-*.dcdpolicy`
 * have one on every line marked `// $TEST$ syntax-error` (and at least one such line).
 * Also: validation never throws on broken input (every fixture, cut short at every line).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EmptyFileSystem } from 'langium';
import { clearDocuments } from 'langium/test';
import { describe, expect, it } from 'vitest';
import { createDcdPolicyServices } from '../../language/dcdpolicy-module.js';
import { loadWorkspace } from '../../language/workspace.js';
import { codeOf, dcdpolicyFiles, messageOf, parseExpectations } from './fixture-runner.js';

const GRAMMAR = fileURLToPath(new URL('../resources/grammar', import.meta.url));
const RESOURCES = fileURLToPath(new URL('../resources', import.meta.url));
const SAMPLES = fileURLToPath(new URL('../../samples', import.meta.url));
const services = createDcdPolicyServices(EmptyFileSystem);

async function syntaxErrors(path: string, text: string) {
    await clearDocuments(services.shared);
    const ws = await loadWorkspace(services.shared, [{ path, text }]);
    return (ws.documents[0].diagnostics ?? []).filter(d => ['syntax/lexing-error', 'syntax/parsing-error'].includes(codeOf(d) ?? ''));
}

const files = readdirSync(GRAMMAR).filter(f => f.endsWith('.dcdpolicy')).sort();

describe('grammar fixtures', () => {
    it('exist, good and bad', () => {
        expect(files.some(f => f.startsWith('good-'))).toBe(true);
        expect(files.some(f => f.startsWith('bad-'))).toBe(true);
        expect(files.filter(f => !f.startsWith('good-') && !f.startsWith('bad-'))).toEqual([]);
    });
    for (const file of files) {
        it(file, async () => {
            const path = join(GRAMMAR, file);
            const text = readFileSync(path, 'utf8');
            const marked = parseExpectations(path, text);
            const errors = await syntaxErrors(path, text);
            const show = errors.map(d => `${d.range.start.line + 1}: ${messageOf(d)}`);
            if (file.startsWith('good-')) {
                expect(marked).toEqual([]);
                expect(show).toEqual([]);
            } else {
                expect(marked.length, 'a bad fixture marks its error line with `// $TEST$ syntax-error`').toBeGreaterThan(0);
                expect(marked.every(m => m.kind === 'syntax-error')).toBe(true);
                for (const m of marked) expect(errors.some(d => d.range.start.line === m.line), `syntax error on line ${m.line + 1}; found ${show.join('; ') || 'none'}`).toBe(true);
            }
        });
    }
});

describe('validation of broken input', () => {
    const inputs = [...dcdpolicyFiles(RESOURCES), ...dcdpolicyFiles(SAMPLES)];
    it('never throws: every fixture and sample, cut short after every line', async () => {
        const crashes: string[] = [];
        for (const path of inputs) {
            const lines = readFileSync(path, 'utf8').split('\n');
            for (let n = 1; n <= lines.length; n++) {
                await clearDocuments(services.shared);
                const ws = await loadWorkspace(services.shared, [{ path: `/cut/${basename(path)}`, text: lines.slice(0, n).join('\n') }]);
                for (const d of ws.documents[0].diagnostics ?? []) {
                    if (/error occurred/i.test(messageOf(d))) crashes.push(`${basename(path)} cut at line ${n}: ${messageOf(d).split('\n')[0]}`);
                }
            }
        }
        expect(crashes.slice(0, 10)).toEqual([]);
    }, 120_000);
});
