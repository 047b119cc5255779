/**
 * Go to definition, find references, rename across files (with `device.partition` names),
 * the outline and folding.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { clearDocuments, expectFindReferences, expectFoldings, expectGoToDefinition, expectSymbols } from 'langium/test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { SymbolKind, type DocumentSymbol, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver';
import type { LangiumDocument } from 'langium';
import { POOL, testServer } from './helpers.js';

const server = await testServer();
afterEach(() => clearDocuments(server.shared));

const MODEL = `host h {
    kernel dcd-v11
}

device mem0 {
    static_capacity 0
    model cxl_test
    partition dc0 {
        base 0x0
        length 1GiB
        block_size 2MiB
    }
}

region r0 {
    partition mem0.dc0
    driver dax
}
`;

const TESTS = `scenario grows {
    at 0s add mem0.dc0 untagged extent 0x0 size 64MiB as one
    at 1s surprise_remove mem0
    expect extent mem0.dc0@0x0 accepted
}
`;

/** Applies a workspace edit's changes for one document. */
function apply(document: LangiumDocument, edit: WorkspaceEdit | undefined): string {
    const edits: TextEdit[] = edit?.changes?.[document.uri.toString()] ?? [];
    return TextDocument.applyEdits(document.textDocument as TextDocument, edits);
}

async function rename(name: string, needle: string, delta: number, newName: string): Promise<{ model: string; tests: string }> {
    const model = await server.open('model.dcdpolicy', MODEL);
    const tests = await server.open('tests.dcdpolicy', TESTS);
    const source = name === 'model' ? model : tests;
    const offset = source.textDocument.getText().indexOf(needle) + delta;
    const edit = await server.services.lsp.RenameProvider!.rename(source, {
        textDocument: { uri: source.uri.toString() }, position: source.textDocument.positionAt(offset), newName
    });
    return { model: apply(model, edit), tests: apply(tests, edit) };
}

describe('go to definition and references', () => {
    test('a region reference goes to the region', async () => {
        await expectGoToDefinition(server.services)({
            text: POOL.replace('region pool0 {', 'region <|pool0|> {').replace('alloc unmovable pool0', 'alloc unmovable p<|>ool0'),
            index: 0, rangeIndex: 0
        });
    });

    test('a qualified partition reference goes to the partition', async () => {
        await expectGoToDefinition(server.services)({
            text: POOL.replace('partition dc0 {', 'partition <|dc0|> {').replace('at 1s add mem0.dc0', 'at 1s add mem0.d<|>c0'),
            index: 0, rangeIndex: 0
        });
    });

    test('find references of a tag', async () => {
        await expectFindReferences(server.services)({
            text: POOL.replace('tag pool =', 'tag <|pool|> =').replace('accept tag pool', 'accept tag <|pool|>')
                .replace('tag pool extents', 'tag <|pool|> extents').replace('tag pool extent 0x0', 'tag <|pool|> extent 0x0'),
            includeDeclaration: true
        });
    });
});

describe('rename across files', () => {
    test('renaming a partition at its declaration rewrites every device.partition', async () => {
        const { model, tests } = await rename('model', 'partition dc0', 11, 'dc1');
        expect(model).toContain('partition dc1 {');
        expect(model).toContain('partition mem0.dc1\n');
        expect(tests).toContain('add mem0.dc1 untagged');
        expect(tests).toContain('expect extent mem0.dc1@0x0 accepted');
    });

    test('renaming on the partition part of a reference renames the partition; `mem0.dc1` is accepted too', async () => {
        const viaRef = await rename('tests', 'add mem0.dc0', 10, 'dc2');
        expect(viaRef.model).toContain('partition dc2 {');
        expect(viaRef.tests).toContain('expect extent mem0.dc2@0x0');
        const qualified = await rename('tests', 'add mem0.dc0', 10, 'mem0.dc3');
        expect(qualified.model).toContain('partition mem0.dc3\n');
    });

    test('renaming a device rewrites its references and the device part of every partition reference', async () => {
        const { model, tests } = await rename('model', 'device mem0', 8, 'pool_dev');
        expect(model).toContain('device pool_dev {');
        expect(model).toContain('partition pool_dev.dc0\n');
        expect(tests).toContain('add pool_dev.dc0 untagged');
        expect(tests).toContain('surprise_remove pool_dev\n');
        expect(tests).toContain('expect extent pool_dev.dc0@0x0');
        expect(model).toContain('partition dc0 {');
    });

    test('the device part of a qualified reference renames the device', async () => {
        const model = await server.open('model.dcdpolicy', MODEL);
        const tests = await server.open('tests.dcdpolicy', TESTS);
        const offset = TESTS.indexOf('add mem0.dc0') + 5;
        const range = await server.services.lsp.RenameProvider!.prepareRename(tests, { textDocument: { uri: tests.uri.toString() }, position: tests.textDocument.positionAt(offset) });
        expect(tests.textDocument.getText(range as never)).toBe('mem0');
        const edit = await server.services.lsp.RenameProvider!.rename(tests, { textDocument: { uri: tests.uri.toString() }, position: tests.textDocument.positionAt(offset), newName: 'm1' });
        expect(apply(model, edit)).toContain('device m1 {');
        expect(apply(tests, edit)).toContain('surprise_remove m1\n');
    });

    test('a region rename reaches the other file; a keyword or a malformed name is refused', async () => {
        const { tests } = await rename('model', 'region r0', 8, 'r1');
        expect(tests).toBe(TESTS);
        await expect(rename('model', 'region r0', 8, 'zone')).rejects.toThrow(/keyword/);
        await expect(rename('model', 'region r0', 8, '9lives')).rejects.toThrow(/not a name/);
        await expect(rename('model', 'partition dc0', 11, 'other.dc1')).rejects.toThrow(/stays in its device/);
    });
});

describe('rename a scenario', () => {
    test('a name with spaces is quoted', async () => {
        const tests = await server.open('tests.dcdpolicy', TESTS);
        const offset = TESTS.indexOf('grows');
        const edit = await server.services.lsp.RenameProvider!.rename(tests, { textDocument: { uri: tests.uri.toString() }, position: tests.textDocument.positionAt(offset), newName: 'grows twice' });
        expect(apply(tests, edit).split('\n')[0]).toBe('scenario "grows twice" {');
    });
});

describe('outline and folding', () => {
    test('hosts, devices with partitions, tags, regions, scenarios with events by label', async () => {
        let symbols: DocumentSymbol[] = [];
        await expectSymbols(server.services)({ text: POOL, assert: (s: DocumentSymbol[]) => { symbols = s; } });
        const kind = (k: SymbolKind) => Object.entries(SymbolKind).find(([, v]) => v === k)?.[0];
        expect(symbols.map(s => `${kind(s.kind)} ${s.name}`)).toEqual([
            'Class lab01', 'Module mem0', 'Constant pool', 'Namespace pool0', 'Function grow', 'Function wrong'
        ]);
        expect(symbols[1].children!.map(c => `${c.name} (${c.detail})`)).toEqual(['dc0 (mem0.dc0)']);
        expect(symbols[4].children!.map(c => `${c.name}: ${c.detail}`)).toEqual(['set_a: at 0s add', 'stray: at 1s add', 'slab: at 4s alloc']);
        expect(symbols[3].detail).toBe('region sysram on mem0.dc0');
        expect(symbols[0].detail).toBe('kernel sysram-rfc');
    });

    test('blocks fold (Langium default)', async () => {
        await expectFoldings(server.services)({
            text: 'host h {\n    kernel dcd-v11\n}\nscenario s {\n    at 0s unload dax_cxl\n}\n',
            assert: foldings => expect(foldings.map(f => [f.startLine, f.endLine])).toEqual([[0, 1], [3, 4]])
        });
    });
});
