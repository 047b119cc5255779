/**
 * The bad-input corpus through the BUNDLED language server over stdio (issue 5: "the language
 * server stays up"): each input is opened as an editor would send it (invalid UTF-8 decoded
 * with U+FFFD, NUL bytes kept), gets its diagnostics in bounded time, answers hover, outline,
 * folding and formatting, and afterwards the same server process still serves a good file.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
    DocumentFormattingRequest, DocumentSymbolRequest, FoldingRangeRequest, HoverRequest, type PublishDiagnosticsParams
} from 'vscode-languageserver-protocol/node';
import { MAX_POLICY_SIZE, MAX_SYNTAX_ERRORS } from '../../language/limits.js';
import { tooManyErrorsMessage } from '../../language/parser/dcdpolicy-parser.js';
import { ensureBundles, NODE_BUNDLE as bundle, root } from './bundle.js';
import { startServer, type LspClient } from './lsp-client.js';

const corpus = join(root, 'test', 'resources', 'bad-input');
const read = (file: string) => new TextDecoder('utf-8').decode(readFileSync(join(corpus, file)));
const uriOf = (name: string) => pathToFileURL(join(root, 'test-results', 'bad-input', name)).toString();
/** Generous: the slowest CI machine must make it; a hang or a crash must not. */
const TIMEOUT_MS = 60_000;

let client: LspClient;
beforeAll(async () => {
    ensureBundles();
    client = await startServer(bundle, {});
}, 120_000);
afterAll(async () => {
    await client?.stop();
});

/** Opens a document and resolves to its first published diagnostics. */
async function open(name: string, text: string): Promise<PublishDiagnosticsParams> {
    const uri = uriOf(name);
    const mark = client.count(uri);
    client.open(uri, text);
    return client.nextDiagnostics(uri, mark, TIMEOUT_MS);
}

/** Hover, outline, folding and formatting on a document all answer (whatever they answer); then it is closed. */
async function stillAnswers(name: string): Promise<void> {
    const textDocument = { uri: uriOf(name) };
    const position = { line: 0, character: 1 };
    await client.connection.sendRequest(HoverRequest.type, { textDocument, position });
    await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument });
    await client.connection.sendRequest(FoldingRangeRequest.type, { textDocument });
    await client.connection.sendRequest(DocumentFormattingRequest.type, { textDocument, options: { tabSize: 4, insertSpaces: true } });
    client.close(textDocument.uri);
}

const errorsOf = (published: PublishDiagnosticsParams) => published.diagnostics.filter(d => d.severity === 1);

describe('bad input through the language server', () => {
    test('an empty file: no diagnostics', async () => {
        expect((await open('empty.dcdpolicy', read('empty.dcdpolicy'))).diagnostics).toEqual([]);
        await stillAnswers('empty.dcdpolicy');
    });

    test('NUL bytes: a lexing error naming the character; invalid UTF-8 (in a comment) decodes as U+FFFD and is no error', async () => {
        const nul = errorsOf(await open('nul-bytes.dcdpolicy', read('nul-bytes.dcdpolicy')));
        expect(nul.map(d => [d.code, d.message])).toEqual([
            ['syntax/lexing-error', "unexpected character U+0000: no token of the language starts with it; remove it (names are ASCII letters, digits, '_' and '-')"],
        ]);
        await stillAnswers('nul-bytes.dcdpolicy');
        expect((await open('invalid-utf8.dcdpolicy', read('invalid-utf8.dcdpolicy'))).diagnostics).toEqual([]);
        await stillAnswers('invalid-utf8.dcdpolicy');
    });

    test('CRLF, mixed line ends and a byte-order mark: no syntax errors', async () => {
        for (const file of ['crlf.dcdpolicy', 'mixed-line-ends.dcdpolicy', 'bom.dcdpolicy']) {
            const syntax = (await open(file, read(file))).diagnostics.filter(d => /^syntax\//.test(String(d.code)));
            expect(syntax).toEqual([]);
            await stillAnswers(file);
        }
    });

    test('10,000-deep nested braces, and 3,000 nested device openings (reading stops after 100 syntax errors)', async () => {
        const braces = errorsOf(await open('deep.dcdpolicy', 'host h { kernel dcd-v11 }\nscenario s ' + '{'.repeat(10_000) + '}'.repeat(10_000) + '\n'));
        expect(braces.map(d => d.code)).toEqual(['syntax/parsing-error', 'syntax/parsing-error']);
        expect(braces.map(d => d.message)).toEqual(["Expecting token of type '}' but found `{`.", "Expecting token of type 'EOF' but found `}`."]);
        const devices = (await open('devices.dcdpolicy', 'device d {'.repeat(3000) + '}'.repeat(3000))).diagnostics.filter(d => d.code === 'syntax/parsing-error');
        expect(devices).toHaveLength(MAX_SYNTAX_ERRORS + 1);
        expect(devices.at(-1)!.message).toBe(tooManyErrorsMessage(MAX_SYNTAX_ERRORS));
        await stillAnswers('deep.dcdpolicy');
        await stillAnswers('devices.dcdpolicy');
    }, 2 * TIMEOUT_MS);

    test('a 10,000-character identifier is a name like any other', async () => {
        const id = 'd'.repeat(10_000);
        const published = await open('long-id.dcdpolicy', `host h { kernel dcd-v11 }\ndevice ${id} { static_capacity 0 model qemu partition dc0 { base 0 length 256MiB block_size 2MiB } }\n`
            + `region r { partition ${id}.dc0 driver dax accept any }\nscenario s { at 0s add ${id}.dc0 untagged extent 0x0 size 2MiB as a expect a accepted }\n`);
        expect(errorsOf(published)).toEqual([]);
        await stillAnswers('long-id.dcdpolicy');
    });

    test('a document over 16 MiB: one error saying so, nothing parsed, the server stays small', async () => {
        const line = 'scenario s { at 0s add mem0.dc0 untagged extent 0x0 size 2MiB as a }\n';
        const text = line.repeat(Math.ceil((MAX_POLICY_SIZE + 1) / line.length));
        const published = await open('huge.dcdpolicy', text);
        expect(published.diagnostics).toHaveLength(1);
        expect(published.diagnostics[0]).toMatchObject({ severity: 1, code: 'syntax/lexing-error', range: { start: { line: 0, character: 0 } } });
        expect(published.diagnostics[0].message).toMatch(/^this document is 16\.0 MiB; dcdpolicy reads policy files up to 16 MiB, so none of it was read: split it into several files/);
        await stillAnswers('huge.dcdpolicy');
        expect(client.rssKiB()).toBeLessThan(1024 * 1024);
    }, 2 * TIMEOUT_MS);

    test('a closed document stops counting: without a file it leaves the workspace, with one it is read from disk again', async () => {
        const duplicates = (uri: string) => client.diagnostics.get(uri)!.at(-1)!.diagnostics.filter(d => d.code === 'name/duplicate');
        // No file behind it (untitled): its names stop clashing once it is closed.
        expect(errorsOf(await open('twin-a.dcdpolicy', 'host twin { kernel dcd-v11 }\n'))).toEqual([]);
        const untitled = 'untitled:Untitled-1';
        let mark = client.count(untitled);
        client.open(untitled, 'host twin { kernel dcd-v11 }\n');
        await client.nextDiagnostics(untitled, mark, TIMEOUT_MS);
        await client.until(() => duplicates(uriOf('twin-a.dcdpolicy')).length === 1, TIMEOUT_MS, 'the duplicate in twin-a');
        client.close(untitled);
        await client.until(() => duplicates(uriOf('twin-a.dcdpolicy')).length === 0, TIMEOUT_MS, 'the duplicate gone from twin-a');
        // A file on disk: the unsaved edit is dropped on close, and the disk text counts again.
        mkdirSync(join(root, 'test-results', 'bad-input'), { recursive: true });
        writeFileSync(join(root, 'test-results', 'bad-input', 'on-disk.dcdpolicy'), 'host twin { kernel dcd-v11 }\n');
        mark = client.count(uriOf('twin-a.dcdpolicy'));
        expect(errorsOf(await open('on-disk.dcdpolicy', 'host edited { kernel dcd-v11 }\n'))).toEqual([]);
        client.close(uriOf('on-disk.dcdpolicy'));
        await client.until(() => duplicates(uriOf('twin-a.dcdpolicy')).length === 1, TIMEOUT_MS, 'the disk text clashing with twin-a');
        expect(duplicates(uriOf('twin-a.dcdpolicy'))[0].message).toMatch(/on-disk\.dcdpolicy/);
        client.close(uriOf('twin-a.dcdpolicy'));
    });

    test('afterwards the same server process serves a good file, and never logged a stack trace', async () => {
        const good = readFileSync(join(root, 'samples', 'flagship-sysram-private-pool.dcdpolicy'), 'utf8');
        expect(errorsOf(await open('good.dcdpolicy', good))).toEqual([]);
        const line = good.split('\n').findIndex(l => l.includes('node 2 N_MEMORY_PRIVATE'));
        const hover = await client.connection.sendRequest(HoverRequest.type, {
            textDocument: { uri: uriOf('good.dcdpolicy') }, position: { line, character: good.split('\n')[line].indexOf('N_MEMORY_PRIVATE') + 2 }
        });
        expect(JSON.stringify(hover?.contents)).toMatch(/N_MEMORY_PRIVATE/);
        expect(client.child.exitCode).toBeNull();
        expect(client.stderr()).not.toMatch(/\n\s+at /);
    });
});
