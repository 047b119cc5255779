/**
 * Completion: block and event snippets, Langium's keyword and reference completion, reason
 * codes after `rejected` / `refused` / `failed`.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { clearDocuments, expectCompletion } from 'langium/test';
import { CompletionItemKind, InsertTextFormat, type CompletionItem, type CompletionList } from 'vscode-languageserver';
import { DEVICE_REFUSALS, HOST_REJECTIONS } from '../../language/model/index.js';
import { wordBefore } from '../../server/completion.js';
import { POOL, testServer } from './helpers.js';

const server = await testServer();
afterEach(() => clearDocuments(server.shared));

async function complete(text: string): Promise<CompletionItem[]> {
    let items: CompletionItem[] = [];
    await expectCompletion(server.services)({ text, index: 0, assert: (list: CompletionList) => { items = list.items; } });
    return items;
}

const snippet = (items: CompletionItem[], label: string) =>
    items.find(i => i.label === label && i.kind === CompletionItemKind.Snippet && i.insertTextFormat === InsertTextFormat.Snippet);

describe('snippets', () => {
    test('block snippets at the top level, next to the keywords', async () => {
        const items = await complete('<|>');
        for (const label of ['host', 'device', 'region', 'tag', 'scenario']) expect(snippet(items, label), label).toBeDefined();
        expect(snippet(items, 'host')!.insertText).toContain('kernel ${2|dcd-v11,dcd-v9,sysram-rfc|}');
        expect(items.some(i => i.label === 'host' && i.kind === CompletionItemKind.Keyword)).toBe(true);
        // a fresh uuid in the tag snippet
        expect(snippet(items, 'tag')!.insertText).toMatch(/^tag \$\{1:name\} = \$\{2:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}\}$/);
    });

    test('a partition snippet inside a device', async () => {
        const items = await complete('device d {\n    <|>\n}');
        expect(snippet(items, 'partition')!.insertText).toContain('block_size ${4:2MiB}');
    });

    test('event snippets inside a scenario, with the workspace\'s names as placeholders', async () => {
        const text = POOL.replace('    expect set_a accepted', '    <|>\n    expect set_a accepted');
        const items = await complete(text);
        expect(snippet(items, 'at add')!.insertText).toBe('at ${1:0s} add ${2:mem0.dc0} tag ${3:pool} extent ${4:0x0} size ${5:128MiB} as ${6:label}');
        expect(snippet(items, 'at release')).toBeDefined();
        expect(snippet(items, 'expect region')!.insertText).toContain('region ${1:pool0}');
    });

    test('without declarations the event snippet has generic placeholders', async () => {
        const items = await complete('scenario s {\n    <|>\n}');
        expect(snippet(items, 'at add')!.insertText).toBe('at ${1:0s} add ${2:P} tag ${3:T} extent ${4:0x0} size ${5:128MiB} as ${6:label}');
    });
});

describe('reason codes', () => {
    test('after `rejected`: host rejections and errno names', async () => {
        const items = await complete(POOL.replace('expect stray rejected untagged-not-accepted', 'expect stray rejected <|>'));
        const labels = items.map(i => i.label);
        for (const r of HOST_REJECTIONS) expect(labels).toContain(r);
        expect(labels).toContain('EINVAL');
        expect(labels).not.toContain('overlap-accepted');
        expect(items.find(i => i.label === 'tag-mismatch')!.documentation).toBe('the tag is not one the region accepts, or differs from the extent it names');
    });

    test('after `refused`: device refusals', async () => {
        const items = await complete(POOL.replace('expect stray rejected untagged-not-accepted', 'expect stray refused <|>'));
        expect(items.map(i => i.label).filter(l => (DEVICE_REFUSALS as readonly string[]).includes(String(l)))).toHaveLength(DEVICE_REFUSALS.length);
    });

    test('after `failed` on a partly typed code', async () => {
        const items = await complete(POOL.replace('expect slab failed ENOMEM', 'expect slab failed EN<|>'));
        expect(items.map(i => i.label)).toEqual(expect.arrayContaining(['ENOMEM', 'ENOENT']));
    });
});

describe('Langium defaults', () => {
    test('references: regions after `alloc unmovable`, partitions after `add`', async () => {
        const items = await complete(POOL.replace('alloc unmovable pool0', 'alloc unmovable <|>'));
        expect(items.map(i => i.label)).toContain('pool0');
        const add = await complete(POOL.replace('at 1s add mem0.dc0', 'at 1s add <|>'));
        expect(add.map(i => i.label)).toContain('mem0.dc0');
    });
});

describe('the word before the cursor', () => {
    test('skips whitespace back to the word, and only the word', () => {
        expect(wordBefore('expect a refused  \n  ', 21)).toBe('refused');
        expect(wordBefore('expect a failed', 15)).toBe('failed');
        expect(wordBefore('{ }', 3)).toBe('');
        expect(wordBefore('', 0)).toBe('');
        expect(wordBefore('x'.repeat(50_000) + ' ', 50_001)).toHaveLength(50_000);
    });
});
