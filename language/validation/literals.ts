/**
 * Literal checks (LANGUAGE.md §1 "Literals"): sizes use binary units, counts and ids carry no
 * unit, every number is exactly representable, durations fit in whole nanoseconds.
 */
import type { AstNode, ValidationAcceptor } from 'langium';
import { DECIMAL_TO_BINARY_UNIT, parseDuration } from '../literals.js';
import {
    DURATION_SUB_NANOSECOND, DURATION_TOO_LARGE, SIZE_DECIMAL_UNIT, SIZE_TOO_LARGE, SIZE_UNIT_NOT_ALLOWED
} from './codes.js';
import { parsedNumber as parseNumber } from './util.js';

/** What a `NUMBER` property holds: bytes (a size or an offset) or a plain count/id. */
type NumberKind = 'size' | 'offset' | 'count';

/** What each count property is, for messages. */
type CountWhat = string;

/**
 * Every `NUMBER` property of the grammar by AST type: its kind, and for counts what it counts.
 * A property missing here is not checked: keep this table in step with the grammar (a test
 * walks the grammar and fails when a `NUMBER` property is not listed).
 */
export const NUMBER_PROPERTIES: Readonly<Record<string, Readonly<Record<string, NumberKind | ((node: AstNode) => NumberKind)>>>> = {
    MemoryBlockSizeSetting: { size: 'size' },
    HostNode: { id: 'count', dram: 'size' },
    StaticCapacitySetting: { size: 'size' },
    MaxExtentsSetting: { count: 'count' },
    BaseSetting: { value: 'offset' },
    LengthSetting: { value: 'size' },
    BlockSizeSetting: { value: 'size' },
    DecodeLengthSetting: { value: 'size' },
    RegionRange: { offset: 'offset', size: 'size' },
    RegionNode: { id: 'count' },
    ExtentSpec: { offset: 'offset', size: 'size', seq: 'count' },
    AddAction: { seq: 'count' },
    CreateDaxAction: { zero: 'count', size: 'size' },
    AllocAction: { size: 'size' },
    PinAction: { size: 'size' },
    ExtentExpectation: { offset: 'offset' },
    RegionExpectation: { value: (node) => ((node as AstNode & { property?: string }).property === 'extents' ? 'count' : 'size') },
    DaxExpectation: { value: 'size' }
};

/** Words for the counts in messages. */
const COUNT_WORDS: Readonly<Record<string, CountWhat>> = {
    'HostNode.id': 'a NUMA node id', 'RegionNode.id': 'a NUMA node id', 'MaxExtentsSetting.count': 'max_extents (a number of extents)',
    'ExtentSpec.seq': 'seq (shared_extn_seq)', 'AddAction.seq': 'seq (shared_extn_seq)', 'CreateDaxAction.zero': 'the null uuid `0`',
    'RegionExpectation.value': 'an extent count'
};

/** The `NUMBER` properties of a node that are set, with their kind. */
function numberProperties(node: AstNode): Array<{ property: string; text: string; kind: NumberKind }> {
    const table = NUMBER_PROPERTIES[node.$type];
    if (!table) return [];
    const out: Array<{ property: string; text: string; kind: NumberKind }> = [];
    for (const [property, kind] of Object.entries(table)) {
        const text = (node as unknown as Record<string, unknown>)[property];
        if (typeof text === 'string') out.push({ property, text, kind: typeof kind === 'function' ? kind(node) : kind });
    }
    return out;
}

/**
 * Sizes are binary: `512MB` is an error whose quick fix writes `512MiB` (LANGUAGE.md §1).
 * The diagnostic's `data` carries `{ code, replacement, unit, binaryUnit }` for the quick fix.
 */
export function sizesMustUseBinaryUnits(node: AstNode, accept: ValidationAcceptor): void {
    for (const { property, text, kind } of numberProperties(node)) {
        if (kind === 'count') continue;
        const literal = parseNumber(text);
        if (!literal?.decimalUnit || literal.unit === undefined) continue;
        const binaryUnit = DECIMAL_TO_BINARY_UNIT[literal.unit];
        const replacement = text.slice(0, text.length - literal.unit.length) + binaryUnit;
        accept('error', `${text} uses the decimal unit ${literal.unit}; sizes are binary: write ${replacement}`, {
            node, property: property as never, code: SIZE_DECIMAL_UNIT,
            data: { code: SIZE_DECIMAL_UNIT, replacement, unit: literal.unit, binaryUnit }
        });
    }
}

/** Counts and ids (node ids, max_extents, seq, `extents N`, `uuid 0`) are plain numbers without a unit. */
export function countsMustHaveNoUnit(node: AstNode, accept: ValidationAcceptor): void {
    for (const { property, text, kind } of numberProperties(node)) {
        if (kind !== 'count') continue;
        const literal = parseNumber(text);
        if (literal?.unit === undefined) continue;
        const replacement = text.slice(0, text.length - literal.unit.length);
        const what = COUNT_WORDS[`${node.$type}.${property}`] ?? 'this number';
        accept('error', `${what} is a plain number, not a size: write ${replacement} without the unit ${literal.unit}`, {
            node, property: property as never, code: SIZE_UNIT_NOT_ALLOWED, data: { code: SIZE_UNIT_NOT_ALLOWED, replacement }
        });
    }
}

/** Every number must be exact: values beyond 2^53 lose bytes in the simulator (and no CXL field needs them). */
export function numbersMustBeExact(node: AstNode, accept: ValidationAcceptor): void {
    for (const { property, text } of numberProperties(node)) {
        if (!parseNumber(text)?.unsafe) continue;
        accept('error', `${text} is beyond 2^53 (8PiB) and cannot be represented exactly; use a smaller value`, {
            node, property: property as never, code: SIZE_TOO_LARGE
        });
    }
}

const NS_PER_UNIT: Readonly<Record<string, bigint>> = { ns: 1n, us: 1000n, ms: 1000000n, s: 1000000000n, min: 60000000000n };
const DURATION_RE = /^([0-9]+)(?:\.([0-9]+))?(ns|us|ms|min|s)$/;

/** The AST types with a `DURATION` property (`time`): `at T` and `expect at T`. */
export const DURATION_TYPES: readonly string[] = ['Event', 'Expectation'];

/** The `DURATION` properties of a node (`at T`, `expect at T`). */
function durationProperty(node: AstNode): { property: string; text: string } | undefined {
    if (DURATION_TYPES.includes(node.$type)) {
        const text = (node as unknown as { time?: string }).time;
        if (typeof text === 'string') return { property: 'time', text };
    }
    return undefined;
}

/** Times are kept in nanoseconds as exact integers: at most 2^53 ns (about 104 days). */
export function durationsMustFitInNanoseconds(node: AstNode, accept: ValidationAcceptor): void {
    const d = durationProperty(node);
    if (!d) return;
    const ns = parseDuration(d.text);
    if (ns === undefined || Number.isSafeInteger(ns)) return;
    accept('error', `${d.text} is beyond 2^53 ns (about 104 days); scenarios run on a nanosecond clock: use a shorter time`, {
        node, property: d.property as never, code: DURATION_TOO_LARGE
    });
}

/** Times are whole nanoseconds: `1.0000000001s` is rounded (warning). */
export function durationsMustBeWholeNanoseconds(node: AstNode, accept: ValidationAcceptor): void {
    const d = durationProperty(node);
    if (!d) return;
    const m = DURATION_RE.exec(d.text);
    if (!m || m[2] === undefined) return;
    const fraction = BigInt(m[2]);
    const scale = 10n ** BigInt(m[2].length);
    if ((fraction * NS_PER_UNIT[m[3]]) % scale === 0n) return;
    const ns = parseDuration(d.text) ?? 0;
    accept('warning', `${d.text} is not a whole number of nanoseconds; it is rounded to ${ns}ns: write ${ns}ns or fewer decimals`, {
        node, property: d.property as never, code: DURATION_SUB_NANOSECOND
    });
}
