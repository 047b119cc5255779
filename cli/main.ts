import 'core-js/actual/object/group-by.js';
import { Command, InvalidArgumentError, Option } from 'commander';
import { KERNEL_PROFILES, type KernelProfile } from '../language/model/types.js';
import { checkCommand } from './commands/check.js';
import { compareCommand } from './commands/compare.js';
import { demoCommand } from './commands/demo.js';
import { exportQmpCommand } from './commands/export.js';
import { countOption, importQmpCommand, sizeOption, type ImportQmpOptions } from './commands/import.js';
import { simulateCommand } from './commands/simulate.js';
import { testCommand } from './commands/test.js';
import { InputError } from './files.js';
import { processOutput, type CliOutput } from './output.js';

function kernelProfile(value: string): KernelProfile {
    if (!(KERNEL_PROFILES as readonly string[]).includes(value)) {
        throw new InvalidArgumentError(`unknown kernel profile '${value}'; use one of ${KERNEL_PROFILES.join(', ')}`);
    }
    return value as KernelProfile;
}

function kernelList(value: string): KernelProfile[] {
    return value.split(',').map(v => v.trim()).filter(v => v.length > 0).map(kernelProfile);
}

/**
 * Builds the `dcdpolicy` command line (LANGUAGE.md §7). Each action stores its exit code in
 * `exit.code`; nothing here calls `process.exit`, so tests can run the CLI in-process.
 */
export function buildProgram(io: CliOutput, exit: { code: number }): Command {
    const program = new Command('dcdpolicy')
        .description('Validate and simulate CXL Dynamic Capacity (DCD) region policies')
        .version('0.1.0')
        .configureOutput({ writeOut: s => io.out(s.trimEnd()), writeErr: s => io.err(s.trimEnd()) })
        // Throw instead of process.exit, in every subcommand (commander copies this setting to
        // commands created after it): runCli turns the error into an exit code.
        .exitOverride();

    program.command('check')
        .description('report every diagnostic as file:line:col: severity code: message')
        .argument('<paths...>', '.dcdpolicy files or directories, read as one workspace')
        .addOption(new Option('-f, --format <format>', 'output format: text lines, a JSON array, or SARIF 2.1.0').choices(['text', 'json', 'sarif']).default('text'))
        .action(async (paths: string[], opts: { format: 'text' | 'json' | 'sarif' }) => { exit.code = await checkCommand(paths, io, opts.format); });

    program.command('simulate')
        .description('run scenarios and print their timelines')
        .argument('<paths...>', '.dcdpolicy files or directories, read as one workspace')
        .option('-s, --scenario <name>', 'run only this scenario')
        .option('-k, --kernel <profile>', `override the kernel profile (${KERNEL_PROFILES.join(', ')})`, kernelProfile)
        .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json', 'svg']).default('text'))
        .action(async (paths: string[], opts: { scenario?: string; kernel?: KernelProfile; format: 'text' | 'json' | 'svg' }) => {
            exit.code = await simulateCommand(paths, opts, io);
        });

    program.command('test')
        .description("run every scenario's expectations; the last line is 'N passed, N failed'")
        .argument('<paths...>', '.dcdpolicy files or directories, read as one workspace')
        .action(async (paths: string[]) => { exit.code = await testCommand(paths, io); });

    program.command('compare')
        .description('run one scenario under several kernel profiles, side by side')
        .argument('<paths...>', '.dcdpolicy files or directories, read as one workspace')
        .option('-s, --scenario <name>', 'the scenario (optional when there is only one)')
        .option('-k, --kernel <profiles>', `comma-separated profiles (default: ${KERNEL_PROFILES.join(',')})`, kernelList, [])
        .action(async (paths: string[], opts: { scenario?: string; kernel: KernelProfile[] }) => {
            exit.code = await compareCommand(paths, opts, io);
        });

    program.command('import')
        .description('turn a foreign log into a .dcdpolicy scenario')
        .command('qmp')
        .description('a QMP log of cxl-add-dynamic-capacity / cxl-release-dynamic-capacity commands → a complete .dcdpolicy file')
        .argument('<file>', 'the QMP log (JSON objects, one or several lines each; qmp-shell lines)')
        .option('-o, --output <file>', 'write the .dcdpolicy file here instead of stdout')
        .option('-n, --name <scenario>', 'the scenario name (default qmp_log)')
        .option('-k, --kernel <profile>', `the host's kernel profile (${KERNEL_PROFILES.join(', ')}; default dcd-v11)`, kernelProfile)
        .option('--static-capacity <size>', "RAM+PMEM capacity before the first DC region (default 0)", sizeOption)
        .option('--region-length <size>', 'every DC region\'s length (default: inferred from the extents, rounded up to 256MiB)', sizeOption)
        .option('--max-extents <n>', 'extents the device tracks (default 512, as QEMU)', countOption)
        .option('--model <path>', 'use the devices, regions and tags of this workspace (file or folder); write only the scenario and new tags')
        .option('--host <name>', 'with --model: the host the scenario runs on')
        .action(async (file: string, opts: ImportQmpOptions) => { exit.code = await importQmpCommand(file, opts, io); });

    program.command('export')
        .description('write the FM side of a scenario in a foreign format')
        .command('qmp')
        .description('the add/release events of a scenario as QMP commands to replay on QEMU, one JSON object per line')
        .argument('<paths...>', '.dcdpolicy files or directories, read as one workspace')
        .option('-s, --scenario <name>', 'the scenario (optional when there is only one)')
        .option('-o, --output <file>', 'write the commands here instead of stdout')
        .option('--replies', 'follow each command with the reply the model predicts QEMU gives (a transcript, not for replay)')
        .action(async (paths: string[], opts: { scenario?: string; output?: string; replies?: boolean }) => {
            exit.code = await exportQmpCommand(paths, opts, io);
        });

    program.command('demo')
        .description("print the flagship sample's timeline, run every bundled sample, then serve the browser playground (npm start)")
        .option('--no-serve', 'do not serve the browser playground afterwards (also DCDPOLICY_NO_SERVE=1)')
        .action(async (opts: { serve: boolean }) => { exit.code = await demoCommand(io, { serve: opts.serve }); });

    return program;
}

/**
 * Runs the CLI on an argument vector (without `node` and the script) and returns the exit code.
 * Input problems become one line on stderr; nothing escapes as a stack trace unless
 * DCDPOLICY_DEBUG is set.
 */
export async function runCli(argv: string[], io: CliOutput = processOutput()): Promise<number> {
    const exit = { code: 0 };
    const program = buildProgram(io, exit);
    try {
        await program.parseAsync(argv, { from: 'user' });
        return exit.code;
    } catch (error) {
        const commanderCode = (error as { code?: string }).code;
        if (commanderCode === 'commander.helpDisplayed' || commanderCode === 'commander.version') return 0;
        // Help shown because something was missing (`dcdpolicy import` without `qmp`) exits 1.
        if (commanderCode === 'commander.help') return (error as { exitCode?: number }).exitCode ?? 0;
        if (commanderCode?.startsWith('commander.')) return 2;
        if (error instanceof InputError) {
            io.err(`dcdpolicy: ${error.message}`);
            return 2;
        }
        if (error instanceof Error && error.name === 'SimulationBudgetError') {
            io.err(`dcdpolicy: ${error.message}`);
            return 1;
        }
        if (error instanceof RangeError && /call stack/i.test(error.message)) {
            io.err('dcdpolicy: the input nests too deeply to process');
            return 2;
        }
        io.err(`dcdpolicy: internal error: ${error instanceof Error ? error.message : String(error)}${process.env.DCDPOLICY_DEBUG ? '\n' + (error as Error).stack : ' (set DCDPOLICY_DEBUG=1 for the stack)'}`);
        return 70;
    }
}
