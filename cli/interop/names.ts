/**
 * Names and literals as the .dcdpolicy language writes them (LANGUAGE.md §1), for the QMP
 * import: identifiers made from foreign text, sizes, offsets and times. No Node APIs.
 */
import { formatDuration, formatHex, formatSize } from '../../language/model/format.js';

/**
 * Every keyword of the grammar (language/dcdpolicy.langium): a name equal to one would lex as
 * the keyword. test/interop/names.test.ts checks this list against the grammar.
 */
export const KEYWORDS: ReadonlySet<string> = new Set(('N_MEMORY N_MEMORY_PRIVATE absent accept accepted acknowledged add alloc any as at auto '
    + 'auto_online base block_size claimed create_dax cxl_test dax dax_cxl dcd-v11 dcd-v9 decode_length deferred destroy_dax '
    + 'destroy_region device dram driver exclusive expect extent extents failed false forced free fs holder host ignored kernel '
    + 'leaked length load max_extents memmap memmap_on_memory memory_block_size model more mount movable node none normal not '
    + 'notified off offline ok on online online_kernel online_movable partial partition pin qemu range refused region rejected '
    + 'release released sanitize_on_release scenario seq sharable shared size staged static_capacity surprise_remove sysram '
    + 'sysram-rfc tag true umount unload unmovable unpin untagged uuid virtio zone').split(' '));

/** The language's identifier: `[A-Za-z_][A-Za-z0-9_-]*` (LANGUAGE.md §1). */
const ID_RE = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** True when `name` can be written as an identifier (and is not a keyword). */
export function isIdentifier(name: string): boolean {
    return ID_RE.test(name) && !KEYWORDS.has(name);
}

/**
 * An identifier made from arbitrary text: characters outside `[A-Za-z0-9_-]` become `_`, a
 * leading digit or hyphen gets a `_` before it, a keyword gets `_` after it, empty text becomes
 * `fallback`; at most 64 characters.
 */
export function sanitizeIdentifier(text: string, fallback: string): string {
    let name = text.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 64);
    if (name.length === 0 || /^_*$/.test(name)) return fallback;
    if (!/^[A-Za-z_]/.test(name)) name = `_${name}`;
    if (KEYWORDS.has(name)) name = `${name}_`;
    return name;
}

/** Gives out unique names: a taken name gets `_2`, `_3`, … */
export class NameAllocator {
    private readonly taken = new Set<string>();

    /** @param reserved names already in use (they are never handed out) */
    constructor(reserved: Iterable<string> = []) {
        for (const name of reserved) this.taken.add(name);
    }

    /** `base`, or `base_2`, `base_3`, … whichever is free first; the result is taken from then on. */
    claim(base: string): string {
        let name = base;
        for (let n = 2; this.taken.has(name); n++) name = `${base}_${n}`;
        this.taken.add(name);
        return name;
    }
}

/** A size as the language writes it: the largest exact binary unit (`8GiB`, `2MiB`), else bytes (`4095B`, `0`). */
export function sizeLiteral(bytes: number): string {
    return bytes === 0 ? '0' : formatSize(bytes);
}

/** An offset or DPA as the language writes it: lower-case hex (`0x0`, `0x8000000`). */
export function offsetLiteral(bytes: number): string {
    return formatHex(bytes);
}

/** A time in ns as the language writes it (`0s`, `1.5s`, `250us`). */
export function durationLiteral(ns: number): string {
    return formatDuration(ns);
}

/** The canonical 8-4-4-4-12 uuid shape. */
export const UUID_RE = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
