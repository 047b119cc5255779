/** Identifiers the QMP import makes (cli/interop/names.ts) stay valid as the grammar grows. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { KEYWORDS, NameAllocator, isIdentifier, sanitizeIdentifier } from '../../cli/interop/names.js';

describe('names', () => {
    test('KEYWORDS is exactly the set of word keywords of the grammar', () => {
        const grammar = readFileSync(join(import.meta.dirname, '..', '..', 'language', 'dcdpolicy.langium'), 'utf8')
            .replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
        const words = new Set([...grammar.matchAll(/'([A-Za-z_][A-Za-z0-9_-]*)'/g)].map(m => m[1]));
        expect([...KEYWORDS].sort()).toEqual([...words].sort());
    });

    test('sanitizeIdentifier', () => {
        expect(sanitizeIdentifier('cxl-dcd0', 'x')).toBe('cxl-dcd0');
        expect(sanitizeIdentifier('9lives', 'x')).toBe('_9lives');
        expect(sanitizeIdentifier('-dash', 'x')).toBe('_-dash');
        expect(sanitizeIdentifier('device', 'x')).toBe('device_');
        expect(sanitizeIdentifier('a b/c[0]', 'x')).toBe('a_b_c_0_');
        expect(sanitizeIdentifier('', 'x')).toBe('x');
        expect(sanitizeIdentifier('///', 'x')).toBe('x');
        expect(sanitizeIdentifier('é'.repeat(100), 'x')).toBe('x');
        expect(sanitizeIdentifier('a'.repeat(100), 'x')).toHaveLength(64);
        for (const s of ['cxl-dcd0', '9lives', 'device', 'a b', '', 'qemu', 'dcd-v11']) expect(isIdentifier(sanitizeIdentifier(s, 'fallback'))).toBe(true);
    });

    test('NameAllocator', () => {
        const names = new NameAllocator(['a']);
        expect([names.claim('a'), names.claim('a'), names.claim('b'), names.claim('a')]).toEqual(['a_2', 'a_3', 'b', 'a_4']);
    });
});
