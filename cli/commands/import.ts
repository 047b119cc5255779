import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { InvalidArgumentError } from 'commander';
import { parseNumber } from '../../language/literals.js';
import type { KernelProfile } from '../../language/model/types.js';
import { mebibytes } from '../../language/limits.js';
import { InputError, MAX_FILE_BYTES } from '../files.js';
import { importQmpLog } from '../interop/qmp-import.js';
import type { CliOutput } from '../output.js';
import { loadCliWorkspace } from '../workspace.js';
import { reportProblems } from './simulate.js';

/** Options of `dcdpolicy import qmp`; sizes in bytes. */
export interface ImportQmpOptions {
    /** Write the scenario here instead of stdout. */
    output?: string;
    /** The scenario's name. */
    name?: string;
    kernel?: KernelProfile;
    staticCapacity?: number;
    regionLength?: number;
    maxExtents?: number;
    /** A workspace (file or folder) whose devices, regions and tags the scenario uses. */
    model?: string;
    /** With `model`: the host the scenario runs on. */
    host?: string;
}

/**
 * Parses a size option as the language writes sizes (`1GiB`, `0x40000000`, `512MiB`).
 * @throws InvalidArgumentError (commander prints it as one line)
 */
export function sizeOption(value: string): number {
    const parsed = parseNumber(value.trim());
    if (!parsed || parsed.decimalUnit || parsed.unsafe) throw new InvalidArgumentError(`'${value}' is not a size; write it as 256MiB, 1GiB or 0x10000000`);
    return parsed.value;
}

/**
 * Parses a positive integer option.
 * @throws InvalidArgumentError (commander prints it as one line)
 */
export function countOption(value: string): number {
    if (!/^[0-9]+$/.test(value.trim()) || Number(value) < 1 || !Number.isSafeInteger(Number(value))) throw new InvalidArgumentError(`'${value}' is not a positive integer`);
    return Number(value);
}

/**
 * Reads a QMP log as text: at most 16 MiB, no NUL bytes, UTF-8.
 * @throws InputError with one line naming the file
 */
export function readQmpLogFile(path: string): string {
    let size: number;
    try {
        const stat = statSync(path);
        if (stat.isDirectory()) throw new InputError(`'${path}' is a directory; name a QMP log file`);
        size = stat.size;
    } catch (error) {
        if (error instanceof InputError) throw error;
        const code = (error as NodeJS.ErrnoException).code;
        throw new InputError(code === 'ENOENT' ? `cannot read '${path}': no such file or directory` : `cannot read '${path}': ${(error as Error).message}`);
    }
    if (size > MAX_FILE_BYTES) throw new InputError(`'${path}' is ${mebibytes(size)} MiB; dcdpolicy reads QMP logs up to ${MAX_FILE_BYTES / 1048576} MiB`);
    let bytes: Buffer;
    try {
        bytes = readFileSync(path);
    } catch (error) {
        throw new InputError(`cannot read '${path}': ${(error as Error).message}`);
    }
    const nul = bytes.indexOf(0);
    if (nul >= 0) throw new InputError(`'${path}' is a binary file (NUL byte at offset ${nul}), not a QMP log`);
    try {
        return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
        throw new InputError(`'${path}' is not valid UTF-8 text`);
    }
}

/**
 * `dcdpolicy import qmp FILE [-o OUT] …` (LANGUAGE.md §7): turns a QMP log of
 * `cxl-add-dynamic-capacity` / `cxl-release-dynamic-capacity` commands into a complete
 * .dcdpolicy file (cli/interop/qmp-import.ts), on stdout or in OUT. Lines of the log it cannot
 * read are reported as `FILE:LINE: cannot read: …` on stderr; disagreements between QEMU's
 * answers and the model as `FILE:LINE: note: …`.
 * @returns 1 when nothing in the log was usable (or the model has errors), else 0
 * @throws InputError for an unreadable log or model, or impossible geometry options
 */
export async function importQmpCommand(file: string, options: ImportQmpOptions, io: CliOutput): Promise<number> {
    const text = readQmpLogFile(file);
    let model;
    if (options.model !== undefined) {
        const workspace = await loadCliWorkspace([options.model]);
        if (!reportProblems(workspace, io)) return 1;
        model = workspace.world;
    }
    let imported;
    try {
        imported = importQmpLog(text, {
            source: file, scenarioName: options.name, kernel: options.kernel, staticCapacity: options.staticCapacity,
            regionLength: options.regionLength, maxExtents: options.maxExtents, model, host: options.host,
        });
    } catch (error) {
        if (error instanceof RangeError) throw new InputError(error.message);
        throw error;
    }
    for (const issue of imported.issues) io.err(`${file}:${issue.line}: cannot read: ${issue.message}`);
    for (const note of imported.notes) io.err(`${file}:${note.line}: note: ${note.message}`);
    if (imported.events === 0) {
        io.err(`dcdpolicy: nothing to import from '${file}': no usable cxl-add-dynamic-capacity or cxl-release-dynamic-capacity command`);
        return 1;
    }
    if (options.output !== undefined) {
        try {
            writeFileSync(options.output, imported.text);
        } catch (error) {
            throw new InputError(`cannot write '${options.output}': ${(error as Error).message}`);
        }
        io.err(`wrote ${options.output}: ${imported.events} event${imported.events === 1 ? '' : 's'}, ${imported.expectations} expectation${imported.expectations === 1 ? '' : 's'}`);
    } else {
        io.out(imported.text.trimEnd());
    }
    return 0;
}
