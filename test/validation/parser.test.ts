/**
 * The tuned parser (language/parser/dcdpolicy-parser.ts) memoizes Chevrotain's recovery walk and
 * parses without stack traces. What a user sees must not change: on broken input it reports the
 * same syntax errors, at the same places, and builds the same tree as Langium's stock parser;
 * and an error that escapes parsing still carries its stack.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EmptyFileSystem, createLangiumParser, type LangiumParser, type ParseResult } from 'langium';
import { describe, expect, it } from 'vitest';
import { createDcdPolicyServices } from '../../language/dcdpolicy-module.js';
import { DcdPolicyParser } from '../../language/parser/dcdpolicy-parser.js';

const GRAMMAR = fileURLToPath(new URL('../resources/grammar', import.meta.url));
const SAMPLES = fileURLToPath(new URL('../../samples', import.meta.url));
const { DcdPolicy } = createDcdPolicyServices(EmptyFileSystem);
const tuned = DcdPolicy.parser.LangiumParser;
const stock: LangiumParser = createLangiumParser(DcdPolicy);

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
    'nested device openings': 'device d {'.repeat(300) + '}'.repeat(300),
    'nested braces': '{'.repeat(500) + '}'.repeat(500),
    'extent lists cut short': 'scenario s { at 0s add mem0.dc0 extents { 0x0 size 2MiB, 0x2 size , } }\n'.repeat(40),
    'keywords out of place': 'host h { kernel dcd-v11 kernel device region { scenario } at at 1s }\n'.repeat(30),
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
            // Twice: the second parse answers recovery from the memo.
            expect(seen(tuned.parse(text))).toEqual(expected);
            expect(seen(tuned.parse(text))).toEqual(expected);
        });
    }

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
