/**
 * Hover (LANGUAGE.md §9): keywords, sizes, offsets/DPAs, references with their doc comments,
 * reason codes. What a user reads, asserted as text.
 */
import { AstUtils, GrammarAST } from 'langium';
import { afterEach, describe, expect, test } from 'vitest';
import { clearDocuments, expectHover, parseDocument, textDocumentPositionParams } from 'langium/test';
import { MarkupContent } from 'vscode-languageserver';
import { REASON_DESCRIPTIONS } from '../../language/model/index.js';
import { KEYWORD_FALLBACK_DOCS } from '../../server/hover/keywords.js';
import { POOL, testServer } from './helpers.js';

const server = await testServer();
const hover = expectHover(server.services);
afterEach(() => clearDocuments(server.shared));

/** POOL with the cursor marker `<|>` put before the n-th occurrence of `needle` (+ delta characters). */
function at(needle: string, delta = 0, source = POOL): string {
    const index = source.indexOf(needle);
    if (index < 0) throw new Error(`no ${needle} in the text`);
    return source.slice(0, index + delta) + '<|>' + source.slice(index + delta);
}

/** The markdown a hover at `<|>` shows. */
async function hoverText(text: string): Promise<string> {
    const offset = text.indexOf('<|>');
    const document = await parseDocument(server.services, text.replace('<|>', ''));
    const result = await server.services.lsp.HoverProvider!.getHoverContent(document, textDocumentPositionParams(document, offset));
    return result && MarkupContent.is(result.contents) ? result.contents.value : '';
}

describe('keywords', () => {
    test('N_MEMORY_PRIVATE: the Private Memory Nodes RFC, set while onlining, never before, exclusive with N_MEMORY', async () => {
        const text = await hoverText(at('N_MEMORY_PRIVATE', 3));
        expect(text).toContain('Private Memory Nodes RFC');
        expect(text).toContain('never before');
        expect(text).toContain('exclusive with N_MEMORY');
    });

    test('a block keyword and a value keyword', async () => {
        await hover({ text: at('kernel sysram-rfc', 2), index: 0, hover: /kernel profile the host runs/ });
        await hover({ text: at('sysram-rfc\n', 3), index: 0, hover: /Kernel profile `sysram-rfc`: the Feb 2026 per-region-driver proposal/ });
        await hover({ text: at('driver sysram', 9), index: 0, hover: /hot-added as system RAM in whole memory blocks/ });
        await hover({ text: at('zone movable', 6), index: 0, hover: /ZONE_MOVABLE/ });
        await hover({ text: at('expect slab failed', 14), index: 0, hover: /A host action failed/ });
    });

    test('a structural keyword without a grammar comment gets the fallback text', async () => {
        await hover({ text: at('size 2MiB as', 1), index: 0, hover: /A size in bytes/ });
        await hover({ text: at('extents {', 2), index: 0, hover: /A request of several extents/ });
    });

    test('every keyword of the grammar has a hover text (its comment, or the fallback)', () => {
        const grammar = server.services.Grammar;
        const missing = new Set<string>();
        for (const rule of grammar.rules) {
            if (!GrammarAST.isParserRule(rule) || rule.name === 'Label') continue;
            for (const keyword of AstUtils.streamAllContents(rule).filter(GrammarAST.isKeyword)) {
                if (!/^[A-Za-z_]/.test(keyword.value)) continue; // punctuation: { } , = . @
                const comment = (keyword as { $comment?: string }).$comment;
                if (!comment && !KEYWORD_FALLBACK_DOCS[keyword.value]) missing.add(`${rule.name}: ${keyword.value}`);
            }
        }
        expect([...missing]).toEqual([]);
    });
});

describe('literals', () => {
    test('a size: exact bytes, memory blocks of the scenario host, memmap cost', async () => {
        const text = await hoverText(at('256MiB, 0x1', 1));
        expect(text).toContain('**256MiB** = 268,435,456 bytes (0x10000000)');
        expect(text).toContain('2 blocks of 128MiB (host lab01)');
        expect(text).toContain('memmap when online: 4MiB');
    });

    test('a size that is not whole memory blocks says so', async () => {
        const text = await hoverText(at('2MiB as slab', 1));
        expect(text).toContain('0.02 × 128MiB (host lab01) — less than one block: sysram never onlines it');
        expect(text).toContain('memmap when online: 32KiB');
    });

    test('a decimal size is read as binary and flagged', async () => {
        const text = await hoverText(at('2MB as slab', 1, POOL.replace('2MiB as slab', '2MB as slab')));
        expect(text).toContain('a decimal unit: read as 2MiB');
    });

    test('an extent offset: absolute DPA, partition, decoding region', async () => {
        const text = await hoverText(at('0x10000000 size', 3));
        expect(text).toContain('DPA 0x90000000 (base 0x80000000 + 0x10000000)');
        expect(text).toContain('partition `mem0.dc0`: DPA 0x80000000–0x17fffffff (4GiB)');
        expect(text).toContain('decoded by region `pool0`');
        expect(text).toContain('aligned to the 2MiB block size');
    });

    test('an offset outside every region and off the block size', async () => {
        const text = await hoverText(at('0x90100000', 3, POOL.replace('0x20000000 size 128MiB', '0x90100000 size 128MiB')));
        expect(text).toContain('DPA 0x110100000');
        expect(text).toContain('no region decodes it');
        expect(text).toContain('not a multiple of the 2MiB block size');
    });

    test('a partition base is a DPA', async () => {
        await hover({ text: at('base 0x8', 7), index: 0, hover: /DPA 0x80000000/ });
    });
});

describe('references and declarations', () => {
    test('a reference shows its declaration\'s summary and doc comment', async () => {
        const text = await hoverText(at('pool0 size 2MiB', 1));
        expect(text).toContain('**region pool0** · sysram on mem0.dc0 · range 0x0 size 2GiB (DPA 0x80000000–0xffffffff) · accept tag pool · zone movable · node 2 N_MEMORY_PRIVATE');
        expect(text).toContain('Pool memory handed to a memory-tiering service as private system RAM.');
    });

    test('a qualified partition reference, a host, a tag, an event label', async () => {
        await hover({ text: at('partition mem0.dc0\n', 16), index: 0, hover: /\*\*partition mem0\.dc0\*\* · DPA 0x80000000–0x17fffffff \(4GiB\) · block_size 2MiB/ });
        await hover({ text: at('host lab01\n    at', 7), index: 0, hover: /\*\*host lab01\*\* · kernel sysram-rfc · 128MiB memory blocks[\s\S]*Lab host running the sysram-rfc patches/ });
        await hover({ text: at('tag pool extents', 5), index: 0, hover: /\*\*tag pool\*\* = `5be13bce-ae34-4a77-b6c3-16df975fcf1a`[\s\S]*The tiering service's allocation/ });
        await hover({ text: at('expect set_a', 8), index: 0, hover: /\*\*event set_a\*\* · `at 0s add mem0\.dc0 tag pool extents/ });
    });

    test('a declaration name shows the same', async () => {
        await hover({ text: at('region pool0 {', 8), index: 0, hover: /\*\*region pool0\*\*[\s\S]*Pool memory handed/ });
    });
});

describe('uuids and durations', () => {
    test('a uuid names its tag; a duration is shown in nanoseconds', async () => {
        await hover({ text: at('5be13bce', 2), index: 0, hover: /an extent tag \(uuid\): tag `pool`/ });
        await hover({ text: at('4s alloc', 0), index: 0, hover: /\*\*4s\*\* = 4,000,000,000 ns/ });
    });
});

describe('reason codes', () => {
    test('a host rejection: its description from the model', async () => {
        const text = await hoverText(at('untagged-not-accepted', 3));
        expect(text).toContain('**untagged-not-accepted** — host rejection (LANGUAGE.md §5.2');
        expect(text).toContain(REASON_DESCRIPTIONS['untagged-not-accepted']);
    });

    test('an errno name', async () => {
        await hover({ text: at('ENOMEM', 2), index: 0, hover: /\*\*ENOMEM\*\* — errno name[\s\S]*out of memory/ });
    });

    test('a device refusal with its errno line', async () => {
        const text = await hoverText(at('overlap-accepted', 2, POOL.replace('expect stray rejected untagged-not-accepted', 'expect stray refused overlap-accepted')));
        expect(text).toContain('**overlap-accepted** — device refusal (LANGUAGE.md §5.1');
        expect(text).toContain(REASON_DESCRIPTIONS['overlap-accepted']);
    });
});
