/**
 * `npm start`'s serving half: the static file server (cli/serve.ts) and `dcdpolicy demo`
 * serving the built playground after the demo (no browser needed).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCommand, noServeFromEnv } from '../../cli/commands/demo.js';
import type { CliOutput } from '../../cli/output.js';
import { resolveRequest, serveStatic, type StaticServer } from '../../cli/serve.js';
import { ensurePlaygroundBuilt } from './harness.js';

/** A raw GET/HEAD/POST (fetch would normalize `..` away). */
function get(server: StaticServer, path: string, method = 'GET'): Promise<{ status: number; type: string; body: string }> {
    return new Promise((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port: server.port, path, method }, res => {
            let body = '';
            res.setEncoding('utf8');
            res.on('data', chunk => { body += chunk; });
            res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type'] ?? ''), body }));
        });
        req.on('error', reject);
        req.end();
    });
}

describe('the static file server', () => {
    let dir: string;
    let server: StaticServer;

    beforeAll(async () => {
        dir = mkdtempSync(join(tmpdir(), 'dcdpolicy-serve-'));
        mkdirSync(join(dir, 'site', 'assets'), { recursive: true });
        writeFileSync(join(dir, 'site', 'index.html'), '<!doctype html><title>x</title>');
        writeFileSync(join(dir, 'site', 'main.js'), 'console.log(1)');
        writeFileSync(join(dir, 'site', 'assets', 'font.ttf'), 'ttf');
        writeFileSync(join(dir, 'secret.txt'), 'outside the served folder');
        server = await serveStatic(join(dir, 'site'), { port: 0 });
    });

    afterAll(async () => {
        await server?.close();
        rmSync(dir, { recursive: true, force: true });
    });

    it('serves index.html for / on 127.0.0.1, with content types', async () => {
        expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
        const index = await get(server, '/');
        expect(index).toMatchObject({ status: 200, type: 'text/html; charset=utf-8' });
        expect(index.body).toContain('<title>x</title>');
        expect((await get(server, '/main.js?v=123')).type).toBe('text/javascript; charset=utf-8');
        expect((await get(server, '/assets/font.ttf')).type).toBe('font/ttf');
    });

    it('never leaves the folder and answers only GET and HEAD', async () => {
        expect((await get(server, '/../secret.txt')).status).toBe(404);
        expect((await get(server, '/%2e%2e/secret.txt')).status).toBe(404);
        expect((await get(server, '/nothing-here.js')).status).toBe(404);
        expect((await get(server, '/', 'POST')).status).toBe(405);
        expect((await get(server, '/', 'HEAD')).status).toBe(200);
        expect(resolveRequest(join(dir, 'site'), '/%00')).toBeUndefined();
        expect(resolveRequest(join(dir, 'site'), '/%E0%A4%A')).toBeUndefined();
    });

    it('moves past a taken port when asked to', async () => {
        const next = await serveStatic(join(dir, 'site'), { port: server.port, tries: 20 });
        try {
            expect(next.port).not.toBe(server.port);
            expect((await get(next, '/')).status).toBe(200);
        } finally {
            await next.close();
        }
        await expect(serveStatic(join(dir, 'site'), { port: server.port })).rejects.toThrow(/EADDRINUSE/);
    });
});

describe('dcdpolicy demo (npm start)', () => {
    const capture = () => {
        const lines: string[] = [];
        const io: CliOutput = { out: t => lines.push(t), err: t => lines.push(`ERR ${t}`), color: false };
        return { io, lines };
    };

    it('reads DCDPOLICY_NO_SERVE', () => {
        expect(noServeFromEnv({ DCDPOLICY_NO_SERVE: '1' })).toBe(true);
        expect(noServeFromEnv({ DCDPOLICY_NO_SERVE: 'true' })).toBe(true);
        expect(noServeFromEnv({ DCDPOLICY_NO_SERVE: '0' })).toBe(false);
        expect(noServeFromEnv({})).toBe(false);
    });

    it('prints the flagship timeline and every sample\'s expectations, then stops without --serve', async () => {
        const { io, lines } = capture();
        expect(await demoCommand(io, { serve: false })).toBe(0);
        const text = lines.join('\n');
        expect(text).toContain('scenario feb2026_sysram_story');
        expect(text).toMatch(/\d+ passed, 0 failed/);
        expect(text).not.toContain('serving');
    }, 60_000);

    it('then serves the built playground on 127.0.0.1 and prints its URL', async () => {
        ensurePlaygroundBuilt();
        const { io, lines } = capture();
        const saved = { port: process.env.PORT, noServe: process.env.DCDPOLICY_NO_SERVE };
        process.env.PORT = '0';
        delete process.env.DCDPOLICY_NO_SERVE;
        let page: { status: number; body: string } | undefined;
        try {
            const code = await demoCommand(io, {
                until: async server => { page = await get(server, '/'); }
            });
            expect(code).toBe(0);
        } finally {
            if (saved.port === undefined) delete process.env.PORT; else process.env.PORT = saved.port;
            if (saved.noServe !== undefined) process.env.DCDPOLICY_NO_SERVE = saved.noServe;
        }
        const text = lines.join('\n');
        expect(text.indexOf('passed, 0 failed')).toBeLessThan(text.indexOf('serving dist/playground at http://127.0.0.1:'));
        expect(text).toContain('playground server stopped');
        expect(page?.status).toBe(200);
        expect(page?.body).toContain('dcdpolicy playground');
    }, 180_000);
});
