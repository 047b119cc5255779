import { existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CliOutput } from '../output.js';
import { simulateCommand } from './simulate.js';
import { testCommand } from './test.js';

/** The bundled flagship sample: the Feb 2026 sysram proposal end to end. */
export const FLAGSHIP_SAMPLE = 'samples/flagship-sysram-private-pool.dcdpolicy';

/** The checkout's root: the nearest folder above this module that has a package.json. */
export function packageRoot(): string {
    let dir = dirname(fileURLToPath(import.meta.url));
    while (!existsSync(join(dir, 'package.json'))) {
        const up = dirname(dir);
        if (up === dir) throw new Error('cannot find the dcdpolicy package root');
        dir = up;
    }
    return dir;
}

/**
 * `dcdpolicy demo` (what `npm start` runs): prints the flagship sample's timeline, then runs
 * every bundled sample's expectations.
 * @returns the exit code of the sample tests
 */
export async function demoCommand(io: CliOutput): Promise<number> {
    const root = packageRoot();
    const rel = (p: string) => relative(process.cwd(), join(root, p)) || '.';
    io.out(`── ${FLAGSHIP_SAMPLE}: the timeline ──`);
    const simulated = await simulateCommand([rel(FLAGSHIP_SAMPLE)], { format: 'text' }, io);
    io.out('');
    io.out('── every sample\'s expectations (dcdpolicy test samples) ──');
    const tested = await testCommand([rel('samples')], io);
    return simulated || tested;
}
