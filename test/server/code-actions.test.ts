/**
 * Quick fixes: decimal unit → binary, align an extent, generate a tag uuid, add a missing host,
 * add a missing kernel. Each fix is applied and the diagnostic it fixes is gone.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { clearDocuments, testCodeAction } from 'langium/test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CodeActionKind, type CodeAction, type Diagnostic } from 'vscode-languageserver';
import type { LangiumDocument } from 'langium';
import {
    HOST_KERNEL_MISSING, SCENARIO_HOST_MISSING, SCENARIO_MISALIGNED, SCENARIO_NO_HOST, SIZE_DECIMAL_UNIT, TAG_NULL_UUID
} from '../../language/validation/codes.js';
import { POOL, testServer } from './helpers.js';

const server = await testServer({ connection: false });
afterEach(() => clearDocuments(server.shared));

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}/;

/** The code actions for the diagnostics with a code (or for a range without diagnostics). */
async function actions(document: LangiumDocument, code?: string, range?: Diagnostic['range']): Promise<{ actions: CodeAction[]; diagnostics: Diagnostic[] }> {
    const diagnostics = (document.diagnostics ?? []).filter(d => code !== undefined && d.code === code);
    const result = await server.services.lsp.CodeActionProvider!.getCodeActions(document, {
        textDocument: { uri: document.uri.toString() },
        range: range ?? diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        context: { diagnostics }
    });
    return { actions: (result ?? []) as CodeAction[], diagnostics };
}

/** The text after applying an action's edit. */
function applied(document: LangiumDocument, action: CodeAction): string {
    return TextDocument.applyEdits(document.textDocument as TextDocument, action.edit!.changes![document.uri.toString()]);
}

/** Applies an action and returns the codes the new text still has. */
async function codesAfter(text: string): Promise<Array<string | number | undefined>> {
    const document = await server.open('after.dcdpolicy', text);
    return (document.diagnostics ?? []).map(d => d.code);
}

describe('quick fixes', () => {
    test('decimal unit → binary (from the diagnostic data)', async () => {
        await testCodeAction(server.services)(
            POOL.replace('size 2MiB as slab', 'size 2MB as slab'), SIZE_DECIMAL_UNIT, POOL, { validation: true }
        );
    });

    test('align an extent: offset rounded down, size rounded up to cover it', async () => {
        const text = POOL.replace('untagged extent 0x20000000 size 128MiB', 'untagged extent 0x20100000 size 3MiB');
        const document = await server.open('pool.dcdpolicy', text);
        const { actions: found, diagnostics } = await actions(document, SCENARIO_MISALIGNED);
        expect(diagnostics).toHaveLength(1);
        expect(found.map(a => a.title)).toEqual(['Align to the 2MiB block size: 0x20000000 size 4MiB']);
        expect(found[0].kind).toBe(CodeActionKind.QuickFix);
        const fixed = applied(document, found[0]);
        expect(fixed).toContain('untagged extent 0x20000000 size 4MiB as stray');
        expect(await codesAfter(fixed)).not.toContain(SCENARIO_MISALIGNED);
    });

    test('generate a tag uuid for the null uuid', async () => {
        const text = POOL.replace('tag pool = 5be13bce-ae34-4a77-b6c3-16df975fcf1a', 'tag pool = 00000000-0000-0000-0000-000000000000');
        const document = await server.open('pool.dcdpolicy', text);
        const { actions: found } = await actions(document, TAG_NULL_UUID);
        expect(found.map(a => a.title)).toEqual(['Generate tag UUID']);
        const fixed = applied(document, found[0]);
        expect(fixed).toMatch(new RegExp(`tag pool = ${UUID.source}\\n`));
        expect(await codesAfter(fixed)).not.toContain(TAG_NULL_UUID);
    });

    test('generate a tag uuid for a malformed or missing one (a syntax error)', async () => {
        for (const bad of ['5be13bce-ae34-4a77-b6c3-16df975fcf1', '']) {
            const text = POOL.replace('tag pool = 5be13bce-ae34-4a77-b6c3-16df975fcf1a', `tag pool = ${bad}`);
            const document = await server.open('pool.dcdpolicy', text);
            const line = text.split('\n').findIndex(l => l.startsWith('tag pool ='));
            const syntax = (document.diagnostics ?? []).filter(d => d.range.start.line === line || d.range.start.line === line + 1);
            expect(syntax.length, bad).toBeGreaterThan(0);
            const result = await server.services.lsp.CodeActionProvider!.getCodeActions(document, {
                textDocument: { uri: document.uri.toString() }, range: syntax[0].range, context: { diagnostics: syntax }
            }) as CodeAction[];
            const generate = result.find(a => a.title === 'Generate tag UUID');
            expect(generate, bad).toBeDefined();
            const fixed = applied(document, generate!);
            expect(fixed).toMatch(new RegExp(`tag pool = ${UUID.source}\\n`));
            expect((await codesAfter(fixed)).filter(c => c === undefined || String(c).startsWith('parsing'))).toEqual([]);
        }
    });

    test('"Generate tag UUID" is a refactoring on any tag line', async () => {
        const document = await server.open('pool.dcdpolicy', POOL);
        const line = POOL.split('\n').findIndex(l => l.startsWith('tag pool ='));
        const { actions: found } = await actions(document, undefined, { start: { line, character: 5 }, end: { line, character: 5 } });
        expect(found.map(a => `${a.title} (${a.kind})`)).toEqual([`Generate tag UUID (${CodeActionKind.RefactorRewrite})`]);
        expect(applied(document, found[0])).not.toContain('5be13bce-ae34-4a77-b6c3-16df975fcf1a');
    });

    test('add a missing host clause (several hosts)', async () => {
        const text = POOL.replace('scenario wrong {\n    host lab01\n', 'scenario wrong {\n') + 'host lab02 {\n    kernel sysram-rfc\n}\n';
        const document = await server.open('pool.dcdpolicy', text);
        const { actions: found, diagnostics } = await actions(document, SCENARIO_HOST_MISSING);
        expect(diagnostics).toHaveLength(1);
        expect(found.map(a => a.title)).toEqual(['Add `host lab01`', 'Add `host lab02`']);
        expect(found[0].isPreferred).toBe(true);
        const fixed = applied(document, found[0]);
        expect(fixed).toContain('scenario wrong {\n    host lab01\n    at 0s add');
        expect(await codesAfter(fixed)).not.toContain(SCENARIO_HOST_MISSING);
    });

    test('add a host block when the workspace has none, with a kernel that fits its regions', async () => {
        const text = POOL.replace(/\/\*\* Lab host[\s\S]*?\n}\n\n/, '').replace(/    host lab01\n/g, '');
        const document = await server.open('pool.dcdpolicy', text);
        const { actions: found } = await actions(document, SCENARIO_NO_HOST);
        expect(found.length).toBeGreaterThan(0);
        const fixed = applied(document, found[0]);
        expect(fixed.startsWith("host host0 {\n    kernel sysram-rfc\n}\n\n/** QEMU's cxl-type3 with one DC region. */\ndevice mem0")).toBe(true);
        const codes = await codesAfter(fixed);
        expect(codes).not.toContain(SCENARIO_NO_HOST);
        expect(codes).not.toContain('policy/unsupported-by-kernel');
    });

    test('add a missing kernel, the fitting one preferred', async () => {
        const text = POOL.replace('host lab01 {\n    kernel sysram-rfc\n', 'host lab01 {\n');
        const document = await server.open('pool.dcdpolicy', text);
        const { actions: found } = await actions(document, HOST_KERNEL_MISSING);
        expect(found.map(a => a.title)).toEqual(['Add `kernel sysram-rfc`', 'Add `kernel dcd-v11`', 'Add `kernel dcd-v9`']);
        expect(applied(document, found[0])).toContain('host lab01 {\n    kernel sysram-rfc\n    memory_block_size 128MiB');
        expect(await codesAfter(applied(document, found[0]))).not.toContain(HOST_KERNEL_MISSING);
    });

    test('add kernel dcd-v11 to an empty dax host block', async () => {
        const document = await server.open('h.dcdpolicy', 'host h {}\n');
        const { actions: found } = await actions(document, HOST_KERNEL_MISSING);
        expect(found[0].title).toBe('Add `kernel dcd-v11`');
        expect(applied(document, found[0])).toBe('host h {\n    kernel dcd-v11\n}\n');
    });
});
