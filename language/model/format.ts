/**
 * How sizes, durations, DPAs and extent ids are printed (LANGUAGE.md §1 literals, §8 ids).
 * The same words appear in expectations' `actual`, in details and in the editor.
 */

const SIZE_UNITS: ReadonlyArray<readonly [string, number]> = [
    ['TiB', 2 ** 40], ['GiB', 2 ** 30], ['MiB', 2 ** 20], ['KiB', 2 ** 10],
];

/**
 * A byte count in the largest binary unit that divides it exactly (`128MiB`, `1GiB`, `4KiB`),
 * else in bytes (`100B`, `0B`).
 */
export function formatSize(bytes: number): string {
    let s = sizeMemo.get(bytes);
    if (s === undefined) {
        s = sizeText(bytes);
        if (sizeMemo.size < 4096) sizeMemo.set(bytes, s);
    }
    return s;
}

/** Recently printed sizes: scenarios repeat a handful of sizes many times. */
const sizeMemo = new Map<number, string>();

function sizeText(bytes: number): string {
    if (bytes !== 0 && Number.isFinite(bytes)) {
        for (const [unit, scale] of SIZE_UNITS) {
            if (bytes % scale === 0) return `${bytes / scale}${unit}`;
        }
    }
    return `${bytes}B`;
}

const DURATION_UNITS: ReadonlyArray<readonly [string, number]> = [
    ['s', 1e9], ['ms', 1e6], ['us', 1e3],
];

/**
 * A time in ns as written in the language: the largest of `s ms us` in which the value is at
 * least 1 with at most three decimals (`0s`, `1.5s`, `20ms`, `250us`), else `ns`.
 */
export function formatDuration(ns: number): string {
    if (ns === 0) return '0s';
    const abs = Math.abs(ns);
    for (const [unit, scale] of DURATION_UNITS) {
        if (abs >= scale && (ns * 1000) % scale === 0) return `${ns / scale}${unit}`;
    }
    return `${ns}ns`;
}

const HEX_SPLIT = 0x10000000;

/** Lower-case hex of a non-negative integer; fast for values past 2^31 (no double-to-radix path). */
function hex(n: number): string {
    if (n < HEX_SPLIT || !Number.isSafeInteger(n)) return n.toString(16);
    return Math.floor(n / HEX_SPLIT).toString(16) + (n % HEX_SPLIT).toString(16).padStart(7, '0');
}

/** `0x`-prefixed lower-case hex (`0x8000000`). */
export function formatHex(n: number): string {
    return '0x' + hex(n);
}

/** An extent's id: `partition@0xOFFSET` (`mem0.dc0@0x8000000`); LANGUAGE.md §8. */
export function extentId(partitionId: string, offset: number): string {
    return partitionId + '@0x' + hex(offset);
}

/** A uuid for a human: `untagged` for null. */
export function formatTag(tag: string | null): string {
    return tag ?? 'untagged';
}
