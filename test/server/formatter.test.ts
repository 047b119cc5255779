/**
 * The formatter: the house layout on a messy file, and on every sample and fixture: a second
 * pass changes nothing, and the formatted text simulates exactly as the original.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { EmptyFileSystem } from 'langium';
import { afterEach, describe, expect, test } from 'vitest';
import { clearDocuments, expectFormatting, parseDocument } from 'langium/test';
import { createDcdPolicyServices } from '../../language/dcdpolicy-module.js';
import { simulateWorkspace, simulationDocument } from '../../language/simulation.js';
import { loadWorkspace } from '../../language/workspace.js';
import { formattedText } from '../../server/formatter.js';
import { testServer } from './helpers.js';

const server = await testServer({ connection: false });
afterEach(() => clearDocuments(server.shared));

const root = join(import.meta.dirname, '..', '..');

function policyFiles(dir: string): string[] {
    return readdirSync(dir).flatMap(name => {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) return policyFiles(path);
        return name.endsWith('.dcdpolicy') ? [path] : [];
    }).sort();
}

/** Formats a text once with the language server's formatter; undefined when it has syntax errors. */
async function format(text: string, options = { tabSize: 4, insertSpaces: true }): Promise<string | undefined> {
    const document = await parseDocument(server.services, text);
    const errors = document.parseResult.lexerErrors.length + document.parseResult.parserErrors.length;
    const edits = await server.services.lsp.Formatter!.formatDocument(document, { textDocument: { uri: document.uri.toString() }, options });
    await clearDocuments(server.shared, [document]);
    if (errors > 0) {
        expect(edits).toEqual([]); // a broken file is never formatted
        return undefined;
    }
    return formattedText(document, edits);
}

/** The simulation JSON (LANGUAGE.md §8) of one file on its own, or the error it stops with. */
async function simulationJson(text: string): Promise<string> {
    const { shared } = createDcdPolicyServices(EmptyFileSystem);
    const workspace = await loadWorkspace(shared, [{ path: '/virtual/file.dcdpolicy', text }], false);
    try {
        return JSON.stringify(simulationDocument('file', simulateWorkspace(workspace)));
    } catch (err) {
        return `error: ${err instanceof Error ? err.message : String(err)}`;
    }
}

/** The JSON without source line numbers (joining a multi-line `extents { … }` moves later lines). */
const withoutLines = (json: string) => json.replace(/"line":\d+,?/g, '');

describe('layout', () => {
    test('blocks indented 4 spaces, one member per line, extent lists on one line, comments kept', async () => {
        await expectFormatting(server.services)({
            before: [
                '// header',
                '/** doc */',
                'host   h{kernel dcd-v11',
                '  memory_block_size    128MiB    // trailing',
                '      node 0 dram 64GiB }',
                '',
                '',
                '',
                'device mem0 { static_capacity 0',
                '  model cxl_test',
                '  partition dc0 {',
                'base 0x0 length 1GiB',
                '  /* comment',
                '     on two lines */',
                '  block_size 2MiB }',
                '}',
                'tag t=5be13bce-ae34-4a77-b6c3-16df975fcf1a',
                'region r0 {',
                '    partition mem0 . dc0',
                '    driver dax accept tag t , 5be13bce-ae34-4a77-b6c3-16df975fcf1b',
                '}',
                'scenario "quoted name" { host h',
                '  at 0s add mem0.dc0 tag t extents {',
                '     0x0 size 64MiB,',
                '     0x4000000 size 64MiB } as one',
                '  at 1s add mem0.dc0 tag t extents { 0x8000000 size 64MiB, // first',
                '     0xc000000 size 64MiB } as two',
                '  expect extent mem0.dc0 @ 0x0 accepted',
                '    expect at 1s one accepted',
                '}'
            ].join('\n'),
            after: [
                '// header',
                '/** doc */',
                'host h {',
                '    kernel dcd-v11',
                '    memory_block_size 128MiB    // trailing',
                '    node 0 dram 64GiB',
                '}',
                '',
                'device mem0 {',
                '    static_capacity 0',
                '    model cxl_test',
                '    partition dc0 {',
                '        base 0x0',
                '        length 1GiB',
                '        /* comment',
                '           on two lines */',
                '        block_size 2MiB',
                '    }',
                '}',
                'tag t = 5be13bce-ae34-4a77-b6c3-16df975fcf1a',
                'region r0 {',
                '    partition mem0.dc0',
                '    driver dax',
                '    accept tag t, 5be13bce-ae34-4a77-b6c3-16df975fcf1b',
                '}',
                'scenario "quoted name" {',
                '    host h',
                '    at 0s add mem0.dc0 tag t extents { 0x0 size 64MiB, 0x4000000 size 64MiB } as one',
                '    at 1s add mem0.dc0 tag t extents { 0x8000000 size 64MiB, // first',
                '        0xc000000 size 64MiB } as two',
                '    expect extent mem0.dc0@0x0 accepted',
                '    expect at 1s one accepted',
                '}'
            ].join('\n')
        });
    });

    test('4 spaces whatever the editor\'s tab settings', async () => {
        expect(await format('host h {\nkernel dcd-v11\n}\n', { tabSize: 2, insertSpaces: false })).toBe('host h {\n    kernel dcd-v11\n}\n');
    });

    test('a file with a syntax error is left alone', async () => {
        expect(await format('host h {\n  kernel\n')).toBeUndefined();
    });
});

const files = [...policyFiles(join(root, 'samples')), ...policyFiles(join(root, 'test', 'resources'))];

describe('every sample and fixture: idempotent, same simulation', () => {
    test('there are files to format', () => {
        expect(files.length).toBeGreaterThan(50);
    });

    for (const path of files) {
        test(relative(root, path), async () => {
            const original = readFileSync(path, 'utf8');
            const once = await format(original);
            if (once === undefined) return; // bad-*.dcdpolicy: syntax errors, not formatted
            const twice = await format(once);
            expect(twice).toBe(once);
            const [before, after] = [await simulationJson(original), await simulationJson(once)];
            if (once.split('\n').length === original.split('\n').length) expect(after).toBe(before);
            else expect(withoutLines(after)).toBe(withoutLines(before));
        });
    }
});
