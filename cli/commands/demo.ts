import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CliOutput } from '../output.js';
import { serveStatic, type StaticServer } from '../serve.js';
import { simulateCommand } from './simulate.js';
import { testCommand } from './test.js';

/** The bundled flagship sample: the Feb 2026 sysram proposal end to end. */
export const FLAGSHIP_SAMPLE = 'samples/flagship-sysram-private-pool.dcdpolicy';

/** Where `npm run build:playground` writes the static playground. */
export const PLAYGROUND_DIR = 'dist/playground';

/** The first port `npm start` tries when `PORT` is not set; taken ports move on to the next. */
export const DEFAULT_PORT = 8080;
const PORT_TRIES = 100;

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

export interface DemoOptions {
    /** Serve the playground after the demo (default true; `--no-serve` or `DCDPOLICY_NO_SERVE=1` turn it off). */
    serve?: boolean;
    /** Resolves when serving should stop (default: Ctrl-C or SIGTERM). Tests pass their own. */
    until?: (server: StaticServer) => Promise<unknown>;
}

/** `DCDPOLICY_NO_SERVE` set to anything but `0`, `false` or empty. */
export function noServeFromEnv(env: NodeJS.ProcessEnv = process.env): boolean {
    const value = env.DCDPOLICY_NO_SERVE?.trim().toLowerCase();
    return value !== undefined && value !== '' && value !== '0' && value !== 'false';
}

/**
 * `dcdpolicy demo` (what `npm start` runs): prints the flagship sample's timeline, runs every
 * bundled sample's expectations, then serves the browser playground on 127.0.0.1 until Ctrl-C
 * (building it first when dist/playground is missing).
 * @returns the exit code of the sample tests (or 2 when the playground cannot be served)
 */
export async function demoCommand(io: CliOutput, options: DemoOptions = {}): Promise<number> {
    const root = packageRoot();
    const rel = (p: string) => relative(process.cwd(), join(root, p)) || '.';
    io.out(`── ${FLAGSHIP_SAMPLE}: the timeline ──`);
    const simulated = await simulateCommand([rel(FLAGSHIP_SAMPLE)], { format: 'text' }, io);
    io.out('');
    io.out('── every sample\'s expectations (dcdpolicy test samples) ──');
    const tested = await testCommand([rel('samples')], io);
    const code = simulated || tested;
    if (options.serve === false || noServeFromEnv()) return code;

    io.out('');
    io.out('── the playground: the editor, the language server and the simulator in your browser ──');
    const dir = join(root, PLAYGROUND_DIR);
    if (!existsSync(join(dir, 'index.html'))) {
        io.out(`${rel(PLAYGROUND_DIR)} is missing: building it (npm run build:playground)…`);
        const build = spawnSync(process.execPath, [join(root, 'scripts', 'build-playground.mjs')], { cwd: root, encoding: 'utf8' });
        if (build.status !== 0 || !existsSync(join(dir, 'index.html'))) {
            io.err(`dcdpolicy: building the playground failed${build.error ? `: ${build.error.message}` : ''}`);
            const output = `${build.stdout ?? ''}${build.stderr ?? ''}`.trim();
            if (output) io.err(output);
            io.err('dcdpolicy: the playground needs the dev dependencies (npm ci); run `npm run build:playground` to see why');
            return code || 2;
        }
    }

    const fromEnv = process.env.PORT?.trim();
    const port = fromEnv ? Number(fromEnv) : DEFAULT_PORT;
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
        io.err(`dcdpolicy: PORT must be a port number (0–65535), not '${fromEnv}'`);
        return code || 2;
    }
    let server: StaticServer;
    try {
        // An explicit PORT is that port or an error; the default moves past taken ports.
        server = await serveStatic(dir, { port, tries: fromEnv ? 0 : PORT_TRIES });
    } catch (err) {
        io.err(`dcdpolicy: cannot serve the playground on 127.0.0.1:${port}: ${(err as Error).message}`);
        return code || 2;
    }
    io.out(`serving ${rel(PLAYGROUND_DIR)} at ${server.url}`);
    io.out('open it in a browser (nothing leaves this machine); Ctrl-C stops the server');
    await (options.until ?? untilInterrupted)(server);
    await server.close();
    io.out('playground server stopped');
    return code;
}

/** Resolves on the first Ctrl-C (SIGINT) or SIGTERM; a second one falls back to Node's default. */
function untilInterrupted(): Promise<NodeJS.Signals> {
    return new Promise(resolve => {
        const stop = (signal: NodeJS.Signals) => {
            process.off('SIGINT', stop);
            process.off('SIGTERM', stop);
            resolve(signal);
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
    });
}
