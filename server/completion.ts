/**
 * Completion: Langium's keyword and cross-reference completion, plus snippets for the blocks
 * (host, device, partition, region, tag, scenario), for events
 * (`at ${1:0s} add ${2:P} tag ${3:T} extent ${4:0x0} size ${5:128MiB} as ${6:label}`) and
 * expectations, and the reason codes of LANGUAGE.md §5 after `rejected`, `refused` and
 * `failed` in an expectation. Snippet placeholders use names the workspace declares.
 */
import { AstUtils, GrammarAST, type MaybePromise } from 'langium';
import {
    DefaultCompletionProvider, type CompletionAcceptor, type CompletionContext, type NextFeature
} from 'langium/lsp';
import { CompletionItemKind, InsertTextFormat } from 'vscode-languageserver';
import {
    ACTION_RESULTS, DEVICE_REFUSALS, ERRNO_NAMES, HOST_REJECTIONS, REASON_DESCRIPTIONS, type ReasonCode
} from '../language/model/index.js';
import type { DcdPolicyLspServices } from './dcdpolicy-lsp-module.js';

/** Escapes a snippet placeholder's default text. */
function esc(text: string): string {
    return text.replace(/[$}\\]/g, m => `\\${m}`);
}

/**
 * The word that ends just before `offset`, whitespace between them skipped (the predicate before
 * a reason: `refused`, `rejected`, `failed`). Scans back from `offset` only as far as the word
 * goes: a regular expression anchored at the end of the text backtracks quadratically over a long
 * run of letters (eight completions in a file with a 54,000-letter word took 9 s).
 */
export function wordBefore(text: string, offset: number): string {
    let end = offset;
    while (end > 0 && /\s/.test(text[end - 1]!)) end--;
    let start = end;
    while (start > 0 && /[A-Za-z_]/.test(text[start - 1]!)) start--;
    return text.slice(start, end);
}

/** A snippet: its label (what the user types), what it is, and its body. */
interface Snippet {
    label: string;
    detail: string;
    body: string;
}

/** The reasons an expectation predicate takes (LANGUAGE.md §3.3, §5). */
export function reasonsFor(predicate: string): readonly ReasonCode[] {
    switch (predicate) {
        case 'refused': return DEVICE_REFUSALS;
        case 'rejected': return [...HOST_REJECTIONS, ...ERRNO_NAMES];
        case 'failed': return ACTION_RESULTS;
        default: return [];
    }
}

export class DcdPolicyCompletionProvider extends DefaultCompletionProvider {
    constructor(private readonly services: DcdPolicyLspServices) {
        super(services);
    }

    /** Names from the workspace for placeholders, with generic fallbacks. */
    private defaults(): { host: string; partition: string; tag: string; region: string } {
        const world = this.services.dcdpolicy.WorkspaceModel.world();
        return {
            host: world.hosts[0]?.name ?? 'lab01',
            partition: world.devices.flatMap(d => d.partitions)[0]?.id ?? 'P',
            tag: Object.keys(world.tags)[0] ?? 'T',
            region: world.regions[0]?.name ?? 'R'
        };
    }

    /** The snippets a keyword of a rule opens, if any. */
    snippetsFor(rule: string, keyword: string): Snippet[] {
        const d = this.defaults();
        const P = esc(d.partition), T = esc(d.tag), H = esc(d.host), R = esc(d.region);
        switch (`${rule}:${keyword}`) {
            case 'Host:host': return [{
                label: 'host', detail: 'host block',
                body: 'host ${1:lab01} {\n    kernel ${2|dcd-v11,dcd-v9,sysram-rfc|}\n    memory_block_size ${3:128MiB}\n    node 0 dram ${4:64GiB}\n    node ${5:2}\n}'
            }];
            case 'Device:device': return [{
                label: 'device', detail: 'device block with a DC partition',
                body: 'device ${1:mem0} {\n    static_capacity ${2:2GiB}\n    model ${3|qemu,cxl_test|}\n    partition ${4:dc0} {\n        base ${5:0x80000000}\n        length ${6:1GiB}\n        block_size ${7:2MiB}\n    }\n}'
            }];
            case 'Partition:partition': return [{
                label: 'partition', detail: 'DC partition block',
                body: 'partition ${1:dc0} {\n    base ${2:0x80000000}\n    length ${3:1GiB}\n    block_size ${4:2MiB}\n}'
            }];
            case 'Region:region': return [{
                label: 'region', detail: 'region block',
                body: `region \${1:pool0} {\n    partition \${2:${P}}\n    driver \${3|dax,sysram,virtio|}\n    accept \${4:any}\n}`
            }];
            case 'TagDecl:tag': return [{
                label: 'tag', detail: 'tag with a new uuid',
                body: `tag \${1:name} = \${2:${globalThis.crypto.randomUUID()}}`
            }];
            case 'Scenario:scenario': return [{
                label: 'scenario', detail: 'scenario block',
                body: `scenario \${1:name} {\n    host \${2:${H}}\n    at \${3:0s} add \${4:${P}} tag \${5:${T}} extent \${6:0x0} size \${7:128MiB} as \${8:grow}\n    expect \${8:grow} accepted\n}`
            }];
            case 'Event:at': return [
                { label: 'at add', detail: 'FM adds an extent', body: `at \${1:0s} add \${2:${P}} tag \${3:${T}} extent \${4:0x0} size \${5:128MiB} as \${6:label}` },
                { label: 'at add extents', detail: 'FM adds a request of extents', body: `at \${1:0s} add \${2:${P}} tag \${3:${T}} extents { \${4:0x0} size \${5:128MiB}, \${6:0x8000000} size \${7:128MiB} } as \${8:label}` },
                { label: 'at release', detail: 'FM releases an extent', body: `at \${1:10s} release \${2:${P}} tag \${3:${T}} extent \${4:0x0} size \${5:128MiB} as \${6:label}` },
                { label: 'at create_dax', detail: 'daxctl create-device by tag', body: `at \${1:1s} create_dax \${2:dax0} on \${3:${R}} uuid \${4:${T}} as \${5:label}` },
                { label: 'at alloc unmovable', detail: 'an unmovable kernel allocation', body: `at \${1:1s} alloc unmovable \${2:${R}} size \${3:2MiB} as \${4:label}` }
            ];
            case 'Expectation:expect': return [
                { label: 'expect accepted', detail: 'an event is accepted', body: 'expect ${1:label} ${2|accepted,rejected,refused,released,deferred,ignored,acknowledged,ok,failed,partial|}' },
                { label: 'expect region', detail: 'a region\'s state', body: `expect region \${1:${R}} \${2|extents,accepted,online,memmap|} \${3:128MiB}` }
            ];
            default: return [];
        }
    }

    protected override completionForKeyword(context: CompletionContext, keyword: GrammarAST.Keyword, acceptor: CompletionAcceptor): MaybePromise<void> {
        const result = super.completionForKeyword(context, keyword, acceptor);
        const rule = AstUtils.getContainerOfType(keyword, GrammarAST.isParserRule)?.name;
        if (rule) {
            for (const snippet of this.snippetsFor(rule, keyword.value)) {
                acceptor(context, {
                    label: snippet.label,
                    labelDetails: { description: snippet.detail },
                    kind: CompletionItemKind.Snippet,
                    detail: snippet.detail,
                    insertText: snippet.body,
                    insertTextFormat: InsertTextFormat.Snippet,
                    documentation: { kind: 'markdown', value: '```dcdpolicy\n' + snippet.body.replace(/\$\{\d+\|([^,|]*)[^}]*\}|\$\{\d+:([^}]*)\}/g, (_m, a: string, b: string) => a ?? b) + '\n```' },
                    sortText: '0'
                });
            }
        }
        return result;
    }

    protected override completionFor(context: CompletionContext, next: NextFeature, acceptor: CompletionAcceptor): MaybePromise<void> {
        // A reason is a `ReasonCode` (an ID): the follow computation hands over the ID inside that rule.
        const rule = AstUtils.getContainerOfType(next.feature, GrammarAST.isParserRule)?.name;
        const assignment = AstUtils.getContainerOfType(next.feature, GrammarAST.isAssignment);
        if (GrammarAST.isRuleCall(next.feature) && (rule === 'ReasonCode' || assignment?.feature === 'reason')) {
            const predicate = wordBefore(context.textDocument.getText(), context.tokenOffset);
            for (const reason of reasonsFor(predicate)) {
                acceptor(context, {
                    label: reason,
                    kind: CompletionItemKind.EnumMember,
                    detail: `${predicate} reason`,
                    documentation: REASON_DESCRIPTIONS[reason],
                    sortText: '0'
                });
            }
            return;
        }
        return super.completionFor(context, next, acceptor);
    }
}
