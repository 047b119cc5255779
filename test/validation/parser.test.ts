/**
 * The tuned parser (language/parser/dcdpolicy-parser.ts) memoizes Chevrotain's recovery walk,
 * parses without stack traces and stops after MAX_SYNTAX_ERRORS. What a user sees must not
 * change otherwise: on broken input it reports the same syntax errors, at the same places, and
 * builds the same tree as Langium's stock parser (over the limit: the same first errors, then
 * one saying that reading stopped); an error that escapes parsing still carries its stack; a
 * document over MAX_POLICY_SIZE is read as empty with one lexing error.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EmptyFileSystem, createCompletionParser, createLangiumParser, type LangiumParser, type ParseResult } from 'langium';
import { describe, expect, it } from 'vitest';
import { createDcdPolicyServices } from '../../language/dcdpolicy-module.js';
import { MAX_POLICY_SIZE, MAX_SYNTAX_ERRORS } from '../../language/limits.js';
import { DcdPolicyCompletionParser, DcdPolicyParser, tooLargeMessage, tooManyErrorsMessage } from '../../language/parser/dcdpolicy-parser.js';

const GRAMMAR = fileURLToPath(new URL('../resources/grammar', import.meta.url));
const SAMPLES = fileURLToPath(new URL('../../samples', import.meta.url));
const { DcdPolicy } = createDcdPolicyServices(EmptyFileSystem);
const tuned = DcdPolicy.parser.LangiumParser;
const stock: LangiumParser = createLangiumParser(DcdPolicy);
const tunedCompletion = DcdPolicy.parser.CompletionParser;
const stockCompletion = createCompletionParser(DcdPolicy);

/** What a parse shows a user: the lexing and syntax errors (message, place) and the tree's node types in order. */
function seen(result: ParseResult) {
    const types: string[] = [];
    const visit = (node: object): void => {
        const type = (node as { $type?: string }).$type;
        if (type) types.push(type);
        for (const [key, value] of Object.entries(node)) {
            if (key.startsWith('$')) continue;
            for (const child of Array.isArray(value) ? value : [value]) {
                if (child && typeof child === 'object' && '$type' in child) visit(child);
            }
        }
    };
    visit(result.value);
    return {
        lexerErrors: result.lexerErrors.map(e => `${e.line}:${e.column} ${e.message}`),
        errors: result.parserErrors.map(e => `${e.token.startLine}:${e.token.startColumn} ${e.name}: ${e.message}`),
        types,
    };
}

const broken: Record<string, string> = {
    'nested device openings': 'device d {'.repeat(60) + '}'.repeat(60),
    'nested braces': '{'.repeat(500) + '}'.repeat(500),
    'extent lists cut short': 'scenario s { at 0s add mem0.dc0 extents { 0x0 size 2MiB, 0x2 size , } }\n'.repeat(40),
    'keywords out of place': 'host h { kernel dcd-v11 kernel device region { scenario } at at 1s }\n'.repeat(8),
};
for (const file of readdirSync(GRAMMAR).filter(f => f.startsWith('bad-'))) broken[file] = readFileSync(join(GRAMMAR, file), 'utf8');
for (const file of readdirSync(SAMPLES).filter(f => f.endsWith('.dcdpolicy')).slice(0, 4)) {
    const text = readFileSync(join(SAMPLES, file), 'utf8');
    broken[`${file} with every 7th token dropped`] = text.split(/(\s+)/).filter((_, i) => i % 14 !== 6).join('');
}

describe('the tuned parser', () => {
    it('is the one the language services use', () => {
        expect(tuned).toBeInstanceOf(DcdPolicyParser);
    });

    for (const [name, text] of Object.entries(broken)) {
        it(`reports what Langium's parser reports: ${name}`, () => {
            const expected = seen(stock.parse(text));
            expect(expected.errors.length + expected.lexerErrors.length).toBeGreaterThan(0);
            expect(expected.errors.length).toBeLessThan(MAX_SYNTAX_ERRORS);
            // Twice: the second parse answers recovery from the memo.
            expect(seen(tuned.parse(text))).toEqual(expected);
            expect(seen(tuned.parse(text))).toEqual(expected);
        });
    }

    it(`stops reading after ${MAX_SYNTAX_ERRORS} syntax errors, with the same errors before that and one saying so`, () => {
        const text = 'host h { kernel dcd-v11 }\n' + 'device d {\n'.repeat(3000) + '}\n'.repeat(3000);
        const expected = seen(stock.parse(text));
        expect(expected.errors.length).toBeGreaterThan(MAX_SYNTAX_ERRORS);
        const result = tuned.parse(text);
        const actual = seen(result);
        expect(actual.errors).toHaveLength(MAX_SYNTAX_ERRORS + 1);
        expect(actual.errors.slice(0, MAX_SYNTAX_ERRORS)).toEqual(expected.errors.slice(0, MAX_SYNTAX_ERRORS));
        const last = result.parserErrors[MAX_SYNTAX_ERRORS];
        expect(last.message).toBe(tooManyErrorsMessage(MAX_SYNTAX_ERRORS));
        expect(last.token).toBe(result.parserErrors[MAX_SYNTAX_ERRORS - 1].token);
        // What follows the stop is not read: far fewer devices than the 3,000 of the stock tree.
        expect(actual.types.filter(t => t === 'Device').length).toBeLessThan(MAX_SYNTAX_ERRORS + 2);
        // The next parse starts afresh.
        expect(seen(tuned.parse('host h { kernel dcd-v11 }')).errors).toEqual([]);
    });

    it('reads a document over the size limit as empty, with one lexing error at its start', () => {
        const result = tuned.parse(' '.repeat(MAX_POLICY_SIZE + 1));
        expect(result.parserErrors).toEqual([]);
        expect(result.lexerErrors).toEqual([{ offset: 0, length: 1, line: 1, column: 1, message: tooLargeMessage(MAX_POLICY_SIZE + 1) }]);
        expect(result.lexerErrors[0].message).toMatch(/^this document is 16\.0 MiB; dcdpolicy reads policy files up to 16 MiB/);
        expect((result.value as unknown as { elements: unknown[] }).elements).toEqual([]);
    });

    it('the completion parser finds what Langium\'s finds at every cut of broken input', () => {
        expect(tunedCompletion).toBeInstanceOf(DcdPolicyCompletionParser);
        const what = (r: ReturnType<typeof stockCompletion.parse>) => ({ tokenIndex: r.tokenIndex, features: r.elementStack.map(e => e.$type + ':' + ((e as { feature?: string }).feature ?? '')) });
        for (const text of [broken['keywords out of place'], broken['extent lists cut short'], broken['nested device openings']]) {
            for (let cut = 0; cut <= text.length; cut += Math.max(1, Math.floor(text.length / 40))) {
                expect(what(tunedCompletion.parse(text.slice(0, cut)))).toEqual(what(stockCompletion.parse(text.slice(0, cut))));
            }
        }
    });

    it('leaves stack traces on outside parsing, and an error escaping a parse keeps its stack', () => {
        const limit = Error.stackTraceLimit;
        const converter = DcdPolicy.parser.ValueConverter;
        const convert = converter.convert;
        converter.convert = () => { throw new Error('converter broke'); };
        try {
            let escaped: unknown;
            try { tuned.parse('host h { kernel dcd-v11 }'); } catch (error) { escaped = error; }
            expect(escaped).toBeInstanceOf(Error);
            expect((escaped as Error).message).toBe('converter broke');
            expect((escaped as Error).stack).toMatch(/\n\s+at /);
        } finally {
            converter.convert = convert;
        }
        expect(Error.stackTraceLimit).toBe(limit);
    });
});
