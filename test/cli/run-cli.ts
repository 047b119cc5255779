import { runCli } from '../../cli/main.js';

/** What one in-process CLI run printed and returned. */
export interface CliRun {
    code: number;
    stdout: string;
    stderr: string;
}

/** Runs `dcdpolicy ARGS…` in-process, capturing stdout and stderr (no colour). */
export async function cli(...args: string[]): Promise<CliRun> {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(args, {
        out: t => { out.push(t.endsWith('\n') ? t : t + '\n'); },
        err: t => { err.push(t.endsWith('\n') ? t : t + '\n'); },
        color: false
    });
    return { code, stdout: out.join(''), stderr: err.join('') };
}
