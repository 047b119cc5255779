/**
 * Reading a QMP log: the JSON objects a QMP client sends and QEMU prints, as a QMP shell or a
 * transcript shows them (DOMAIN.md §2.2). Text in, records out: no Node APIs, so the
 * playground can reuse it.
 *
 * What a log may hold, line by line:
 * - JSON objects, each on one line or spread over several (`{"execute": …}`, `{"return": {}}`,
 *   `{"error": {"class": "GenericError", "desc": "…"}}`, `{"timestamp": {…}, "event": …}`,
 *   the greeting `{"QMP": …}`), optionally after the `-> ` / `<- ` arrows of QEMU's docs or the
 *   `(QEMU) ` prompt of qmp-shell;
 * - qmp-shell commands: `(QEMU) cxl-add-dynamic-capacity path=… host-id=0 region=0
 *   extents=[{"offset":0,"len":134217728}]` (values parsed as qmp-shell does: integers,
 *   true/false, JSON lists and objects, else strings);
 * - blank lines and `#` or `//` comments.
 * Anything else is reported as an issue with its 1-based line; reading goes on.
 */

/** The two QMP commands of QEMU's DCD emulation (DOMAIN.md §2.2). */
export type DcCommandName = 'cxl-add-dynamic-capacity' | 'cxl-release-dynamic-capacity';

/** One extent of a QMP request: `offset` from the region base and `len`, in bytes. */
export interface QmpExtent {
    offset: number;
    len: number;
}

/** QEMU's answer to a command. */
export type QmpReply =
    | { kind: 'return'; line: number }
    | { kind: 'error'; line: number; errorClass: string; desc: string };

/** A QMP timestamp: seconds and microseconds since the epoch, as QEMU prints them on events. */
export interface QmpTimestamp {
    seconds: number;
    microseconds: number;
}

/**
 * A `cxl-add-dynamic-capacity` or `cxl-release-dynamic-capacity` command with its arguments
 * checked against the QAPI schema (DOMAIN.md §2.2). Sizes in bytes; lines 1-based.
 */
export interface DcCommand {
    /** The line the command starts on. */
    line: number;
    execute: DcCommandName;
    /** The QOM path of the device, e.g. `/machine/peripheral/cxl-dcd0`. */
    path: string;
    hostId: number;
    /** The DC region number, 0–255 as QAPI's uint8 reads it (QEMU accepts 0–7). */
    region: number;
    /** The `tag` argument as written (QEMU with tag support reads it as a UUID). */
    tag?: string;
    extents: QmpExtent[];
    /** Add only: `free`, `contiguous`, `prescriptive` or `enable-shared-access`. */
    selectionPolicy?: string;
    /** Release only: `tag-based` or `prescriptive`. */
    removalPolicy?: string;
    /** Release only. */
    forcedRemoval?: boolean;
    /** Release only. */
    sanitizeOnRelease?: boolean;
    /** The command's time in ns relative to the log's first timestamp; undefined when the log has none. */
    timeNs?: number;
    /** QEMU's answer, when the log shows it. */
    reply?: QmpReply;
}

/** A line the reader could not use. */
export interface QmpLogIssue {
    line: number;
    message: string;
}

/** What a QMP log holds. */
export interface QmpLog {
    /** The DC commands whose arguments are well formed, in log order. */
    commands: DcCommand[];
    /** Lines that could not be read, in log order. */
    issues: QmpLogIssue[];
    /** Other commands (`qmp_capabilities`, `query-*`, …): read, answered, otherwise ignored. */
    otherCommands: number;
    /** True when some object carried a timestamp. */
    hasTimestamps: boolean;
}

/** The largest JSON object the reader scans for (bytes); beyond it the object counts as unterminated. */
export const MAX_OBJECT_CHARS = 1024 * 1024;
/** The deepest nesting of a JSON object the reader accepts; QMP replies nest a few levels. */
export const MAX_OBJECT_DEPTH = 64;

const DC_COMMANDS: ReadonlySet<string> = new Set(['cxl-add-dynamic-capacity', 'cxl-release-dynamic-capacity']);
const SELECTION_POLICIES = ['free', 'contiguous', 'prescriptive', 'enable-shared-access'];
const REMOVAL_POLICIES = ['tag-based', 'prescriptive'];
const ADD_MEMBERS = new Set(['path', 'host-id', 'selection-policy', 'region', 'tag', 'extents']);
const RELEASE_MEMBERS = new Set(['path', 'host-id', 'removal-policy', 'forced-removal', 'sanitize-on-release', 'region', 'tag', 'extents']);

/** qmp-shell's greeting lines (`Welcome to the QMP low-level shell!`, `Connected to QEMU 10.2.0`). */
const SHELL_BANNER = /^(Welcome to the QMP low-level shell!|Connected to QEMU \d+\.\d+\.\d+)\s*$/;

/** A problem with one object; becomes a `QmpLogIssue` at the object's line. */
class Unreadable extends Error {}

/** Shortens a piece of log text for a message. */
function excerpt(text: string, max = 60): string {
    const oneLine = text.replace(/\s+/g, ' ').trim();
    return oneLine.length > max ? `${oneLine.slice(0, max)}…` : oneLine;
}

/** Where each line starts: offsets of the first character of lines 1, 2, … (CR, LF and CRLF end lines). */
function lineStarts(text: string): number[] {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 10) starts.push(i + 1);
        else if (c === 13) {
            if (text.charCodeAt(i + 1) === 10) i++;
            starts.push(i + 1);
        }
    }
    return starts;
}

/** The end of the line that starts at `start` (before its CR/LF). */
function lineEnd(text: string, start: number): number {
    let i = start;
    while (i < text.length) {
        const c = text.charCodeAt(i);
        if (c === 10 || c === 13) break;
        i++;
    }
    return i;
}

/**
 * Finds the end of the JSON object that starts at `start` (a `{`): braces and brackets
 * balanced outside strings.
 * @returns the offset just past the closing brace, or a problem (unterminated, too long, too deep)
 */
function scanObject(text: string, start: number): { end: number } | { problem: string } {
    let depth = 0;
    let inString = false;
    const limit = Math.min(text.length, start + MAX_OBJECT_CHARS);
    for (let i = start; i < limit; i++) {
        const c = text.charCodeAt(i);
        if (inString) {
            if (c === 92) i++; // backslash: skip the escaped character
            else if (c === 34) inString = false;
            continue;
        }
        if (c === 34) inString = true;
        else if (c === 123 || c === 91) {
            depth++;
            if (depth > MAX_OBJECT_DEPTH) return { problem: `the object nests deeper than ${MAX_OBJECT_DEPTH} levels` };
        } else if (c === 125 || c === 93) {
            depth--;
            if (depth === 0) return { end: i + 1 };
            if (depth < 0) return { problem: 'unbalanced brackets' };
        }
    }
    return { problem: limit < text.length ? `no closing '}' within ${MAX_OBJECT_CHARS / 1024 / 1024} MiB` : "unterminated JSON object (no closing '}')" };
}

function isObject(value: unknown): value is Record<string, unknown> {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A non-negative integer argument no larger than `max` (QAPI uint8/uint16/uint64 read exactly). */
function unsignedArg(args: Record<string, unknown>, name: string, max: number, what: string): number {
    const value = args[name];
    if (value === undefined) throw new Unreadable(`missing argument '${name}'`);
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) throw new Unreadable(`'${name}' must be a non-negative integer (${what}), not ${excerpt(JSON.stringify(value) ?? String(value), 30)}`);
    if (!Number.isSafeInteger(value)) throw new Unreadable(`'${name}' ${value} is beyond 2^53 and cannot be read exactly`);
    if (value > max) throw new Unreadable(`'${name}' ${value} is out of range for ${what}`);
    return value;
}

function stringArg(args: Record<string, unknown>, name: string, required: boolean): string | undefined {
    const value = args[name];
    if (value === undefined) {
        if (required) throw new Unreadable(`missing argument '${name}'`);
        return undefined;
    }
    if (typeof value !== 'string') throw new Unreadable(`'${name}' must be a string`);
    return value;
}

function boolArg(args: Record<string, unknown>, name: string): boolean | undefined {
    const value = args[name];
    if (value === undefined) return undefined;
    if (typeof value !== 'boolean') throw new Unreadable(`'${name}' must be true or false`);
    return value;
}

function enumArg(args: Record<string, unknown>, name: string, values: readonly string[]): string {
    const value = stringArg(args, name, true)!;
    if (!values.includes(value)) throw new Unreadable(`'${name}' must be one of ${values.join(', ')}, not '${excerpt(value, 30)}'`);
    return value;
}

/**
 * Checks the arguments of a DC command against the QAPI schema (DOMAIN.md §2.2).
 * @throws Unreadable naming the first problem
 */
function dcCommand(execute: DcCommandName, args: unknown, line: number): DcCommand {
    if (!isObject(args)) throw new Unreadable(`${execute} needs an 'arguments' object`);
    const add = execute === 'cxl-add-dynamic-capacity';
    const known = add ? ADD_MEMBERS : RELEASE_MEMBERS;
    for (const key of Object.keys(args)) {
        if (!known.has(key)) throw new Unreadable(`${execute} has no argument '${excerpt(key, 30)}'`);
    }
    const rawExtents = args.extents;
    if (rawExtents === undefined) throw new Unreadable("missing argument 'extents'");
    if (!Array.isArray(rawExtents)) throw new Unreadable("'extents' must be a list of {\"offset\": …, \"len\": …}");
    const extents = rawExtents.map((e, i): QmpExtent => {
        if (!isObject(e)) throw new Unreadable(`extent ${i + 1} must be an object {"offset": …, "len": …}`);
        for (const key of Object.keys(e)) {
            if (key !== 'offset' && key !== 'len') throw new Unreadable(`extent ${i + 1} has no member '${excerpt(key, 30)}'`);
        }
        return { offset: unsignedArg(e, 'offset', Number.MAX_SAFE_INTEGER, 'uint64'), len: unsignedArg(e, 'len', Number.MAX_SAFE_INTEGER, 'uint64') };
    });
    const command: DcCommand = {
        line, execute,
        path: stringArg(args, 'path', true)!,
        hostId: unsignedArg(args, 'host-id', 0xffff, 'uint16'),
        region: unsignedArg(args, 'region', 0xff, 'uint8'),
        extents,
    };
    const tag = stringArg(args, 'tag', false);
    if (tag !== undefined) command.tag = tag;
    if (add) {
        command.selectionPolicy = enumArg(args, 'selection-policy', SELECTION_POLICIES);
    } else {
        command.removalPolicy = enumArg(args, 'removal-policy', REMOVAL_POLICIES);
        const forced = boolArg(args, 'forced-removal');
        if (forced !== undefined) command.forcedRemoval = forced;
        const sanitize = boolArg(args, 'sanitize-on-release');
        if (sanitize !== undefined) command.sanitizeOnRelease = sanitize;
    }
    return command;
}

/** A QMP timestamp member, or undefined when absent or malformed. */
function timestampOf(value: unknown): QmpTimestamp | undefined {
    if (!isObject(value)) return undefined;
    const { seconds, microseconds } = value;
    if (typeof seconds !== 'number' || !Number.isSafeInteger(seconds)) return undefined;
    if (typeof microseconds !== 'number' || !Number.isSafeInteger(microseconds)) return undefined;
    return { seconds, microseconds };
}

/** Splits a qmp-shell command line into words, keeping quoted parts and brackets together. */
function shellWords(line: string): string[] {
    const words: string[] = [];
    let i = 0;
    while (i < line.length) {
        while (i < line.length && /\s/.test(line[i])) i++;
        if (i >= line.length) break;
        let word = '';
        let depth = 0;
        while (i < line.length && (depth > 0 || !/\s/.test(line[i]))) {
            const c = line[i];
            if (c === '"' || c === "'") {
                const close = line.indexOf(c, i + 1);
                const end = close < 0 ? line.length : close + 1;
                word += line.slice(i, end);
                i = end;
                continue;
            }
            if (c === '[' || c === '{') depth++;
            else if ((c === ']' || c === '}') && depth > 0) depth--;
            word += c;
            i++;
        }
        words.push(word);
    }
    return words;
}

/**
 * A qmp-shell value as qmp-shell reads it: an integer, `true`/`false`, a JSON list or object
 * (also in Python's looser spelling: single quotes, bare keys), else a string (quotes dropped).
 */
function shellValue(text: string): unknown {
    if (/^-?(0|[1-9][0-9]*)$/.test(text) || /^0[xX][0-9a-fA-F]+$/.test(text)) return Number(text);
    if (/^true$/i.test(text)) return true;
    if (/^false$/i.test(text)) return false;
    if (text.startsWith('{') || text.startsWith('[')) {
        try {
            return JSON.parse(text);
        } catch {
            const fuzzy = text.replace(/'/g, '"').replace(/([{,]\s*)([A-Za-z_][A-Za-z0-9_-]*)\s*:/g, '$1"$2":')
                .replace(/\bTrue\b/g, 'true').replace(/\bFalse\b/g, 'false').replace(/\bNone\b/g, 'null');
            try {
                return JSON.parse(fuzzy);
            } catch {
                throw new Unreadable(`cannot read the value ${excerpt(text, 40)} as a JSON list or object`);
            }
        }
    }
    if (text.length >= 2 && (text[0] === '"' || text[0] === "'") && text.at(-1) === text[0]) return text.slice(1, -1);
    return text;
}

/**
 * A qmp-shell command line (`cxl-add-dynamic-capacity path=… region=0 extents=[…]`) as the
 * object qmp-shell would send: dotted keys build nested objects.
 * @throws Unreadable for a word that is not `key=value`
 */
function shellCommand(line: string): { execute: string; arguments: Record<string, unknown> } {
    const [execute, ...pairs] = shellWords(line);
    const args: Record<string, unknown> = {};
    for (const pair of pairs) {
        const eq = pair.indexOf('=');
        if (eq <= 0) throw new Unreadable(`expected key=value, got '${excerpt(pair, 40)}'`);
        const path = pair.slice(0, eq).split('.');
        let target = args;
        for (const key of path.slice(0, -1)) {
            const next = target[key];
            if (!isObject(next)) target[key] = {};
            target = target[key] as Record<string, unknown>;
        }
        target[path[path.length - 1]] = shellValue(pair.slice(eq + 1));
    }
    return { execute, arguments: args };
}

/** A command waiting for its reply. */
interface Pending {
    id: unknown;
    command?: DcCommand;
}

/**
 * Reads a QMP log.
 * @param text the whole log; CR, LF and CRLF line ends are all accepted
 * @returns the well-formed DC commands with their replies and times, and the lines that could not be read
 * @throws nothing: every problem becomes an issue
 */
export function parseQmpLog(text: string): QmpLog {
    const starts = lineStarts(text);
    const lineAt = (offset: number): number => {
        let lo = 0;
        let hi = starts.length - 1;
        while (lo < hi) {
            const mid = (lo + hi + 1) >> 1;
            if (starts[mid] <= offset) lo = mid;
            else hi = mid - 1;
        }
        return lo + 1;
    };
    const log: QmpLog = { commands: [], issues: [], otherCommands: 0, hasTimestamps: false };
    const pending: Pending[] = [];
    const stamps: Array<{ command: DcCommand; own?: QmpTimestamp; last?: QmpTimestamp }> = [];
    let first: QmpTimestamp | undefined;
    let last: QmpTimestamp | undefined;

    const seeTimestamp = (value: unknown): QmpTimestamp | undefined => {
        const stamp = timestampOf(value);
        if (stamp) {
            log.hasTimestamps = true;
            first ??= stamp;
            last = stamp;
        }
        return stamp;
    };

    const takeReply = (id: unknown): Pending | undefined => {
        if (id !== undefined) {
            const key = JSON.stringify(id);
            const i = pending.findIndex(p => JSON.stringify(p.id) === key);
            if (i >= 0) return pending.splice(i, 1)[0];
        }
        return pending.shift();
    };

    const handle = (value: unknown, line: number): void => {
        if (!isObject(value)) throw new Unreadable('not a QMP object');
        if ('QMP' in value) return; // the greeting
        if (typeof value.execute === 'string' || typeof value['exec-oob'] === 'string') {
            const execute = (value.execute ?? value['exec-oob']) as string;
            const own = seeTimestamp(value.timestamp);
            const entry: Pending = { id: value.id };
            pending.push(entry);
            if (!DC_COMMANDS.has(execute)) {
                log.otherCommands++;
                return;
            }
            const command = dcCommand(execute as DcCommandName, value.arguments, line);
            entry.command = command;
            log.commands.push(command);
            stamps.push({ command, own, last });
            return;
        }
        if ('return' in value) {
            seeTimestamp(value.timestamp);
            const p = takeReply(value.id);
            if (p?.command) p.command.reply = { kind: 'return', line };
            return;
        }
        if ('error' in value) {
            seeTimestamp(value.timestamp);
            const error = value.error;
            if (!isObject(error) || typeof error.desc !== 'string') throw new Unreadable('an error reply needs {"class": …, "desc": "…"}');
            const p = takeReply(value.id);
            if (p?.command) p.command.reply = { kind: 'error', line, errorClass: typeof error.class === 'string' ? error.class : 'GenericError', desc: error.desc };
            return;
        }
        if (typeof value.event === 'string' || 'timestamp' in value) {
            if (!seeTimestamp(value.timestamp) && 'timestamp' in value) throw new Unreadable('a timestamp needs integer "seconds" and "microseconds"');
            return;
        }
        throw new Unreadable(`not a QMP command, reply or event: ${excerpt(JSON.stringify(value), 50)}`);
    };

    let pos = 0;
    while (pos < text.length) {
        const c = text.charCodeAt(pos);
        if (c === 32 || c === 9 || c === 10 || c === 13 || c === 0xfeff) {
            pos++;
            continue;
        }
        const line = lineAt(pos);
        const end = lineEnd(text, pos);
        const whole = text.slice(pos, end);
        let rest = whole;
        let offset = pos;
        // Drop the arrows of QEMU's docs (`-> `, `<- `) and qmp-shell's prompt.
        const prefix = /^(?:->|<-|>|<)?\s*(?:\(QEMU\)|\(QEMU-\d+\))?\s*/.exec(rest)![0];
        rest = rest.slice(prefix.length);
        offset += prefix.length;
        if (rest.length === 0 || rest.startsWith('#') || rest.startsWith('//') || SHELL_BANNER.test(rest)) {
            pos = end;
            continue;
        }
        try {
            if (rest.startsWith('{')) {
                const scanned = scanObject(text, offset);
                if ('problem' in scanned) {
                    log.issues.push({ line, message: scanned.problem });
                    pos = end;
                    continue;
                }
                pos = scanned.end;
                let value: unknown;
                try {
                    value = JSON.parse(text.slice(offset, scanned.end));
                } catch (error) {
                    throw new Unreadable(`invalid JSON: ${(error as Error).message}`);
                }
                handle(value, line);
                continue;
            }
            pos = end;
            if (/^[a-z][a-z0-9_-]*(\s|$)/.test(rest) && prefix.includes('(QEMU') || /^cxl-(add|release)-dynamic-capacity(\s|$)/.test(rest)) {
                handle(shellCommand(rest), line);
                continue;
            }
            throw new Unreadable(`not a QMP object or qmp-shell command: '${excerpt(whole, 50)}'`);
        } catch (error) {
            if (!(error instanceof Unreadable)) throw error;
            log.issues.push({ line, message: error.message });
        }
    }

    if (first) {
        const base = first;
        for (const { command, own, last: before } of stamps) {
            const stamp = own ?? before ?? base;
            command.timeNs = Math.max(0, (stamp.seconds - base.seconds) * 1e9 + (stamp.microseconds - base.microseconds) * 1e3);
        }
    }
    return log;
}
