/**
 * The packaged extension (`npm run package` → dcdpolicy-<version>.vsix): at most 2 MiB, and it
 * holds exactly the bundles and static contributions — no sources, source maps or node_modules —
 * with every file the manifest names. The listing is read from the zip's central directory.
 *
 * Skipped (with a message) when the .vsix was not built; under CI (`CI` set) that fails instead.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ROOT } from './harness.js';

const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
const VSIX = join(ROOT, `dcdpolicy-${version}.vsix`);
const built = existsSync(VSIX);
if (!built && !process.env.CI) console.warn(`test/vscode/package.test.ts skipped: no ${VSIX}; run \`npm run package\``);

describe.runIf(!built && process.env.CI)('the .vsix (CI)', () => {
    it('was built', () => {
        throw new Error(`${VSIX} is missing: run \`npm run package\` before the tests`);
    });
});

interface ZipEntry { name: string; method: number; compressedSize: number; size: number; offset: number }

/** The entries of a zip file, from its central directory (no zip64: a .vsix is small). */
function zipEntries(zip: Buffer): ZipEntry[] {
    const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    if (eocd < 0) throw new Error('not a zip file: no end of central directory');
    const count = zip.readUInt16LE(eocd + 10);
    let at = zip.readUInt32LE(eocd + 16);
    const entries: ZipEntry[] = [];
    for (let i = 0; i < count; i++) {
        if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error(`bad central directory entry ${i}`);
        const nameLength = zip.readUInt16LE(at + 28);
        const extraLength = zip.readUInt16LE(at + 30);
        const commentLength = zip.readUInt16LE(at + 32);
        entries.push({
            method: zip.readUInt16LE(at + 10),
            compressedSize: zip.readUInt32LE(at + 20),
            size: zip.readUInt32LE(at + 24),
            offset: zip.readUInt32LE(at + 42),
            name: zip.toString('utf8', at + 46, at + 46 + nameLength)
        });
        at += 46 + nameLength + extraLength + commentLength;
    }
    return entries;
}

/** One entry's bytes (stored or deflated). */
function readEntry(zip: Buffer, entry: ZipEntry): Buffer {
    const local = entry.offset;
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(start, start + entry.compressedSize);
    return entry.method === 0 ? Buffer.from(data) : inflateRawSync(data);
}

describe.skipIf(!built)('the packaged extension', () => {
    const zip = built ? readFileSync(VSIX) : Buffer.alloc(0);
    const entries = built ? zipEntries(zip) : [];
    const names = entries.map(e => e.name).sort();
    const file = (name: string) => readEntry(zip, entries.find(e => e.name === name)!);

    it('is at most 2 MiB', () => {
        const bytes = statSync(VSIX).size;
        console.log(`${VSIX}: ${(bytes / 1024).toFixed(0)} KiB, ${entries.length} files, ${(entries.reduce((n, e) => n + e.size, 0) / 1024).toFixed(0)} KiB unpacked`);
        expect(bytes).toBeLessThanOrEqual(2 * 1024 * 1024);
    });

    it('holds exactly the bundles and the static contributions', () => {
        expect(names).toEqual([
            '[Content_Types].xml',
            'extension.vsixmanifest',
            'extension/LICENSE.txt',
            'extension/changelog.md',
            'extension/dist/extension/main-browser.js',
            'extension/dist/extension/main-node.cjs',
            'extension/dist/extension/timeline.css',
            'extension/dist/server/main-browser.js',
            'extension/dist/server/main-node.cjs',
            'extension/images/icon.png',
            'extension/language-configuration.json',
            'extension/package.json',
            'extension/readme.md',
            'extension/snippets/dcdpolicy.json',
            'extension/syntaxes/dcdpolicy.tmLanguage.json'
        ]);
        expect(names.filter(n => /\.(map|ts)$|node_modules\//.test(n))).toEqual([]);
    });

    it('holds every file its manifest names', () => {
        const manifest = JSON.parse(file('extension/package.json').toString('utf8')) as {
            main: string; browser: string; icon: string;
            contributes: { languages: Array<{ configuration: string }>; grammars: Array<{ path: string }>; snippets: Array<{ path: string }> };
        };
        const named = [
            manifest.main, manifest.browser, manifest.icon,
            ...manifest.contributes.languages.map(l => l.configuration),
            ...manifest.contributes.grammars.map(g => g.path),
            ...manifest.contributes.snippets.map(s => s.path)
        ];
        for (const path of named) expect(names, path).toContain(`extension/${path.replace(/^\.\//, '')}`);
    });

    it('ships bundles that need nothing outside themselves but `vscode`', () => {
        for (const bundle of ['extension/dist/extension/main-node.cjs', 'extension/dist/server/main-node.cjs']) {
            const code = file(bundle).toString('utf8');
            const required = [...code.matchAll(/require\("([^"]+)"\)/g)].map(m => m[1]!)
                .filter(m => m !== 'vscode' && !m.startsWith('node:') && !builtinModules.includes(m));
            expect(required, bundle).toEqual([]);
        }
        // The server bundles carry the Object.groupBy polyfill (Langium 4.4 on Node 20 / VS Code 1.95).
        expect(file('extension/dist/server/main-node.cjs').toString('utf8')).toMatch(/groupBy/);
    });

    it('ships a web entry that loads as VS Code\'s web extension host loads it: CommonJS, needing only `vscode`', () => {
        // The web host fetches the `browser` file and runs it as `new Function('module', 'exports', 'require', code)`.
        const manifest = JSON.parse(file('extension/package.json').toString('utf8')) as { browser: string; type?: string };
        expect(manifest.type).toBeUndefined(); // type "module" would make the host treat the entry as ESM and refuse it
        const code = file(`extension/${manifest.browser.replace(/^\.\//, '')}`).toString('utf8');
        const required: string[] = [];
        const module = { exports: {} as Record<string, unknown> };
        // Anything the bundle reads from `vscode` at load time, constructible (it extends a few classes).
        const stub: object = new Proxy(function vscode() { /* stub */ }, {
            get: (target, key) => (key === 'prototype' ? {} : typeof key === 'symbol' ? Reflect.get(target, key) : stub)
        });
        new Function('module', 'exports', 'require', code)(module, module.exports, (id: string) => { required.push(id); return stub; });
        expect([...new Set(required)]).toEqual(['vscode']);
        expect(typeof module.exports.activate).toBe('function');
        expect(typeof module.exports.deactivate).toBe('function');
    });

    it('has a 128×128 PNG icon', () => {
        const png = file('extension/images/icon.png');
        expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
        expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([128, 128]);
    });
});
