/**
 * Literal values of the language (LANGUAGE.md §1 "Literals"): sizes, offsets/DPAs, durations.
 * Pure functions over token text; the grammar's terminals (`NUMBER`, `DURATION`, `UUID`) make
 * sure the text has the right shape.
 */

/** Binary units of sizes, in bytes. */
const BINARY_UNITS: Record<string, number> = { B: 1, KiB: 2 ** 10, MiB: 2 ** 20, GiB: 2 ** 30, TiB: 2 ** 40, PiB: 2 ** 50 };
/** Decimal units, written by mistake for binary ones: the binary unit the quick fix offers. */
export const DECIMAL_TO_BINARY_UNIT: Record<string, string> = { kB: 'KiB', KB: 'KiB', MB: 'MiB', GB: 'GiB', TB: 'TiB', PB: 'PiB' };

/** A parsed `NUMBER` token. */
export interface NumberLiteral {
    /** The value in bytes (decimal units are read as their binary unit, so later checks still work). */
    value: number;
    /** The unit as written (`MiB`, `MB`), or undefined for a bare integer. */
    unit?: string;
    /** True when the unit is a decimal one (`MB`, `GB`): an error with a quick fix (LANGUAGE.md §1). */
    decimalUnit: boolean;
    /** True when the value is beyond 2^53 and cannot be represented exactly. */
    unsafe: boolean;
}

const NUMBER_RE = /^(0[xX][0-9a-fA-F]+|[0-9]+)([A-Za-z]+)?$/;

/**
 * Parses a `NUMBER` token: a hex or decimal integer with an optional size unit.
 * @param text token text, e.g. `64MiB`, `0x80000000`, `512`, `2GB`
 * @returns the value in bytes, or undefined when the text is not a number
 */
export function parseNumber(text: string | undefined): NumberLiteral | undefined {
    if (text === undefined) return undefined;
    const m = NUMBER_RE.exec(text);
    if (!m) return undefined;
    const digits = m[1];
    const unit = m[2];
    const base = digits.startsWith('0x') || digits.startsWith('0X') ? Number.parseInt(digits.slice(2), 16) : Number.parseInt(digits, 10);
    let factor = 1;
    let decimalUnit = false;
    if (unit !== undefined) {
        if (unit in BINARY_UNITS) {
            factor = BINARY_UNITS[unit];
        } else if (unit in DECIMAL_TO_BINARY_UNIT) {
            factor = BINARY_UNITS[DECIMAL_TO_BINARY_UNIT[unit]];
            decimalUnit = true;
        } else {
            return undefined;
        }
    }
    const value = base * factor;
    return { value, unit, decimalUnit, unsafe: !Number.isSafeInteger(value) };
}

/** The value of a `NUMBER` token in bytes; 0 when absent or malformed (validation reports it). */
export function numberValue(text: string | undefined): number {
    return parseNumber(text)?.value ?? 0;
}

const DURATION_UNITS: Record<string, number> = { ns: 1, us: 1e3, ms: 1e6, s: 1e9, min: 60e9 };
const DURATION_RE = /^([0-9]+(?:\.[0-9]+)?)(ns|us|ms|min|s)$/;

/**
 * Parses a `DURATION` token into nanoseconds, rounded to the nearest ns.
 * @param text e.g. `0s`, `1.5s`, `20ms`, `2min`
 * @returns nanoseconds, or undefined when malformed
 */
export function parseDuration(text: string | undefined): number | undefined {
    if (text === undefined) return undefined;
    const m = DURATION_RE.exec(text);
    if (!m) return undefined;
    return Math.round(Number.parseFloat(m[1]) * DURATION_UNITS[m[2]]);
}

/** The canonical (lower-case) form of a uuid token. */
export function canonicalUuid(text: string): string {
    return text.toLowerCase();
}
