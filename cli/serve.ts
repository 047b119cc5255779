/**
 * A small static file server (node:http) for the built playground: `npm start` serves
 * dist/playground on 127.0.0.1. GET and HEAD only, no directory listings, nothing outside the
 * folder; every response says `no-store` for HTML so a rebuilt page is always picked up.
 */
import { createReadStream, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';

const TYPES: Readonly<Record<string, string>> = {
    '.html': 'text/html; charset=utf-8',
    '.js': 'text/javascript; charset=utf-8',
    '.mjs': 'text/javascript; charset=utf-8',
    '.css': 'text/css; charset=utf-8',
    '.json': 'application/json; charset=utf-8',
    '.map': 'application/json; charset=utf-8',
    '.svg': 'image/svg+xml',
    '.png': 'image/png',
    '.ico': 'image/x-icon',
    '.ttf': 'font/ttf',
    '.woff': 'font/woff',
    '.woff2': 'font/woff2',
    '.txt': 'text/plain; charset=utf-8',
    '.dcdpolicy': 'text/plain; charset=utf-8'
};

export interface StaticServer {
    server: Server;
    /** `http://127.0.0.1:PORT/` */
    url: string;
    port: number;
    close(): Promise<void>;
}

export interface ServeOptions {
    /** The port to listen on; 0 asks the system for any free one. */
    port: number;
    host?: string;
    /** When the port is taken, try the next ones, up to this many (default 0: fail). */
    tries?: number;
}

/** The file a request path names inside `root`, or undefined when it escapes or does not exist. */
export function resolveRequest(root: string, urlPath: string): string | undefined {
    let path: string;
    try {
        path = decodeURIComponent(urlPath.split(/[?#]/)[0] ?? '/');
    } catch {
        return undefined;
    }
    if (path.includes('\0')) return undefined;
    const base = resolve(root);
    let file = normalize(join(base, path));
    if (file !== base && !file.startsWith(base + sep)) return undefined;
    try {
        if (statSync(file).isDirectory()) file = join(file, 'index.html');
        return statSync(file).isFile() ? file : undefined;
    } catch {
        return undefined;
    }
}

function handler(root: string) {
    return (req: IncomingMessage, res: ServerResponse): void => {
        const headers: Record<string, string> = { 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer' };
        if (req.method !== 'GET' && req.method !== 'HEAD') {
            res.writeHead(405, { ...headers, Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' }).end('method not allowed\n');
            return;
        }
        const file = resolveRequest(root, req.url ?? '/');
        if (!file) {
            res.writeHead(404, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' }).end('not found\n');
            return;
        }
        const type = TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
        const size = statSync(file).size;
        res.writeHead(200, {
            ...headers,
            'Content-Type': type,
            'Content-Length': String(size),
            'Cache-Control': type.startsWith('text/html') ? 'no-store' : 'no-cache'
        });
        if (req.method === 'HEAD') {
            res.end();
            return;
        }
        createReadStream(file).on('error', () => res.destroy()).pipe(res);
    };
}

function listen(server: Server, port: number, host: string): Promise<number> {
    return new Promise((resolvePort, reject) => {
        const onError = (err: Error) => { server.off('listening', onListening); reject(err); };
        const onListening = () => { server.off('error', onError); resolvePort((server.address() as AddressInfo).port); };
        server.once('error', onError);
        server.once('listening', onListening);
        server.listen(port, host);
    });
}

/**
 * Serves `root` on `host` (default 127.0.0.1). With `tries`, a taken port moves on to the next
 * one (8080, 8081, …).
 */
export async function serveStatic(root: string, options: ServeOptions): Promise<StaticServer> {
    const host = options.host ?? '127.0.0.1';
    const server = createServer(handler(root));
    const tries = Math.max(0, options.tries ?? 0);
    for (let attempt = 0; ; attempt++) {
        const wanted = options.port === 0 ? 0 : options.port + attempt;
        try {
            const port = await listen(server, wanted, host);
            return {
                server, port, url: `http://${host}:${port}/`,
                close: () => new Promise(done => {
                    server.close(() => done());
                    server.closeAllConnections();
                })
            };
        } catch (err) {
            const code = (err as NodeJS.ErrnoException).code;
            if (code !== 'EADDRINUSE' || attempt >= tries || options.port === 0 || wanted >= 65535) throw err;
        }
    }
}
