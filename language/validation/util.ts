/**
 * Small helpers shared by the checks: exact integer arithmetic on byte values, property
 * lookup in declaration blocks, and the size words of messages.
 */
import { AstUtils, type AstNode } from 'langium';
import { lineOf } from '../translate/lines.js';
import { parseNumber, type NumberLiteral } from '../literals.js';
import { formatSize } from '../model/index.js';

/** 256 MiB: HDM decoder and `decode_len` granularity (DOMAIN.md §1.6). */
export const SZ_256M = 256 * 1024 * 1024;

const parsed = new Map<string, NumberLiteral | undefined>();

/** `parseNumber`, remembered per token text (the same few literals recur thousands of times). */
export function parsedNumber(text: string | undefined): NumberLiteral | undefined {
    if (text === undefined) return undefined;
    if (parsed.has(text)) return parsed.get(text);
    const literal = parseNumber(text);
    if (parsed.size > 100_000) parsed.clear();
    parsed.set(text, literal);
    return literal;
}

/**
 * The value of a `NUMBER` token in bytes, or undefined when it is absent, malformed or not
 * exactly representable (the literal checks report those, so no other check piles on).
 */
export function exactValue(text: string | undefined): number | undefined {
    const literal = parsedNumber(text);
    if (!literal || literal.unsafe) return undefined;
    return literal.value;
}

/**
 * The value of a count or id (`NUMBER` without a unit), or undefined when it has a unit or is
 * not exact (the literal checks report those).
 */
export function countValue(text: string | undefined): number | undefined {
    const literal = parsedNumber(text);
    if (!literal || literal.unsafe || literal.unit !== undefined) return undefined;
    return literal.value;
}

/** True for 1, 2, 4, 8, …; exact for every safe integer (no floating-point log). */
export function isPowerOfTwo(n: number): boolean {
    if (!Number.isSafeInteger(n) || n <= 0) return false;
    let v = n;
    while (v % 2 === 0) v /= 2;
    return v === 1;
}

/** `n` is a multiple of `m` (false when `m` is 0). */
export function isMultiple(n: number, m: number): boolean {
    return m > 0 && n % m === 0;
}

/** The largest power of two ≤ n (n ≥ 1). */
export function powerOfTwoBelow(n: number): number {
    let p = 1;
    while (p * 2 <= n) p *= 2;
    return p;
}

/** The smallest power of two ≥ n (n ≥ 1). */
export function powerOfTwoAbove(n: number): number {
    let p = 1;
    while (p < n) p *= 2;
    return p;
}

/** `n` rounded up to a multiple of `m`. */
export function roundUp(n: number, m: number): number {
    return m > 0 ? Math.ceil(n / m) * m : n;
}

/** `n` rounded down to a multiple of `m`. */
export function roundDown(n: number, m: number): number {
    return m > 0 ? Math.floor(n / m) * m : n;
}

/** A byte count as the language writes it (`2MiB`, `0x1000` when it has no binary unit). */
export function size(n: number): string {
    return formatSize(n);
}

/** A DPA or offset: hex. */
export function hex(n: number): string {
    return `0x${n.toString(16)}`;
}

/** The first item of a block's property list that passes the guard. */
export function first<T>(items: readonly unknown[], guard: (x: unknown) => x is T): T | undefined {
    for (const item of items) if (guard(item)) return item;
    return undefined;
}

/** Every item of a property list that passes the guard. */
export function all<T>(items: readonly unknown[], guard: (x: unknown) => x is T): T[] {
    return items.filter(guard);
}

/** Do [a, a+la) and [b, b+lb) overlap? Empty ranges overlap nothing. */
export function rangesOverlap(a: number, la: number, b: number, lb: number): boolean {
    return la > 0 && lb > 0 && a < b + lb && b < a + la;
}

/** The edit distance of two strings (for "did you mean"). */
export function editDistance(a: string, b: string): number {
    const row = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        let prev = row[0];
        row[0] = i;
        for (let j = 1; j <= b.length; j++) {
            const tmp = row[j];
            row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
            prev = tmp;
        }
    }
    return row[b.length];
}

/** The candidates closest to `word` (smallest edit distance, ties kept, at most `max`). */
export function closest(word: string, candidates: readonly string[], max = 3): string[] {
    const scored = candidates.map(c => ({ c, d: editDistance(word.toLowerCase(), c.toLowerCase()) }));
    scored.sort((x, y) => x.d - y.d);
    const best = scored[0]?.d;
    return scored.filter(s => s.d === best).slice(0, max).map(s => s.c);
}

/** Names a node for messages: `region pool0`, `host lab01`. */
export function describe(node: AstNode & { name?: string }): string {
    const kind = node.$type === 'TagDecl' ? 'tag' : node.$type.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
    return node.name ? `${kind} ${node.name}` : kind;
}

/** Joins words as `a, b and c` (or `a, b or c`). */
export function listWords(words: readonly string[], conjunction: 'and' | 'or' = 'and'): string {
    if (words.length <= 1) return words.join('');
    return `${words.slice(0, -1).join(', ')} ${conjunction} ${words[words.length - 1]}`;
}

/** Where a node is, for messages: `line 12` in the same document as `here`, else `file.dcdpolicy:12`. */
export function where(node: AstNode, here: AstNode): string {
    const doc = AstUtils.getDocument(node);
    const line = lineOf(node);
    if (doc === AstUtils.getDocument(here)) return `line ${line}`;
    const path = doc.uri.path;
    return `${path.slice(path.lastIndexOf('/') + 1)}:${line}`;
}
