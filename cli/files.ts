import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { MAX_POLICY_SIZE, mebibytes } from '../language/limits.js';
import type { SourceFile } from '../language/workspace.js';

/** The largest policy file (and QMP log) the CLI reads, in bytes: 16 MiB (language/limits.ts). */
export const MAX_FILE_BYTES = MAX_POLICY_SIZE;

/** An input problem the CLI reports as one line on stderr, with a non-zero exit (LANGUAGE.md §7). */
export class InputError extends Error {
    override readonly name = 'InputError';
}

function describeErrno(error: unknown, path: string): string {
    const code = (error as NodeJS.ErrnoException).code;
    switch (code) {
        case 'ENOENT': return `cannot read '${path}': no such file or directory`;
        case 'EACCES': return `cannot read '${path}': permission denied`;
        case 'EISDIR': return `cannot read '${path}': it is a directory`;
        default: return `cannot read '${path}': ${(error as Error).message}`;
    }
}

/**
 * Reads one policy file as text, refusing what is not a policy: too large, binary (NUL bytes),
 * or not UTF-8. A leading byte-order mark is dropped.
 * @throws InputError with a one-line message naming the file
 */
export function readPolicyFile(path: string): SourceFile {
    let size: number;
    try {
        size = statSync(path).size;
    } catch (error) {
        throw new InputError(describeErrno(error, path));
    }
    if (size > MAX_FILE_BYTES) {
        throw new InputError(`'${path}' is ${mebibytes(size)} MiB; dcdpolicy reads policy files up to ${MAX_FILE_BYTES / 1048576} MiB`);
    }
    let bytes: Buffer;
    try {
        bytes = readFileSync(path);
    } catch (error) {
        throw new InputError(describeErrno(error, path));
    }
    const nul = bytes.indexOf(0);
    if (nul >= 0) throw new InputError(`'${path}' is a binary file (NUL byte at offset ${nul}), not a .dcdpolicy policy`);
    let text: string;
    try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
        throw new InputError(`'${path}' is not valid UTF-8 text (byte offset ${firstInvalidUtf8(bytes)})`);
    }
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    return { path, text };
}

/** The offset of the first byte that does not start a well-formed UTF-8 sequence. */
function firstInvalidUtf8(bytes: Buffer): number {
    let i = 0;
    while (i < bytes.length) {
        const c = bytes[i];
        const trailing = c < 0x80 ? 0 : (c >> 5) === 6 ? 1 : (c >> 4) === 14 ? 2 : (c >> 3) === 30 ? 3 : -1;
        if (trailing < 0) return i;
        for (let k = 1; k <= trailing; k++) {
            if (i + k >= bytes.length || (bytes[i + k] >> 6) !== 2) return i;
        }
        i += trailing + 1;
    }
    return i;
}

function collectPolicyFiles(dir: string, out: string[]): void {
    const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) {
            if (entry.name !== 'node_modules' && !entry.name.startsWith('.')) collectPolicyFiles(path, out);
        } else if (entry.isFile() && entry.name.endsWith('.dcdpolicy')) {
            out.push(path);
        }
    }
}

/**
 * Expands the paths of a command line into policy files: a file is taken as it is; a directory
 * contributes every `.dcdpolicy` file below it, sorted by path (LANGUAGE.md §7).
 * @param allowDirectories false for commands that take one file (a directory is then an error)
 * @throws InputError for a missing path, a directory that holds no policy, or an unreadable file
 */
export function readWorkspaceFiles(paths: readonly string[], allowDirectories = true): SourceFile[] {
    const files: string[] = [];
    for (const path of paths) {
        let isDirectory: boolean;
        try {
            isDirectory = statSync(path).isDirectory();
        } catch (error) {
            throw new InputError(describeErrno(error, path));
        }
        if (isDirectory) {
            if (!allowDirectories) throw new InputError(`'${path}' is a directory; name a .dcdpolicy file`);
            const before = files.length;
            collectPolicyFiles(path, files);
            if (files.length === before) throw new InputError(`'${path}' holds no .dcdpolicy files`);
        } else {
            files.push(path);
        }
    }
    const unique = [...new Set(files)];
    return unique.map(readPolicyFile);
}

/** A path for messages: relative to the working directory when below it. */
export function displayPath(path: string): string {
    const rel = relative(process.cwd(), path);
    return rel && !rel.startsWith('..') ? rel : path;
}
