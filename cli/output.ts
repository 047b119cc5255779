/** Where the CLI writes: stdout for results, stderr for problems. Tests replace these. */
export interface CliOutput {
    out(text: string): void;
    err(text: string): void;
    /** Colour output (stdout is a terminal and NO_COLOR is unset). */
    color: boolean;
}

/** The process's own stdout/stderr. */
export function processOutput(): CliOutput {
    return {
        out: text => { process.stdout.write(text.endsWith('\n') ? text : text + '\n'); },
        err: text => { process.stderr.write(text.endsWith('\n') ? text : text + '\n'); },
        color: process.stdout.isTTY === true && !process.env.NO_COLOR
    };
}
