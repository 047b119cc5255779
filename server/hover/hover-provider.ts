/**
 * Hover (LANGUAGE.md §9), in markdown:
 * - every keyword: the grammar's `/** … *\/` comment (Langium's keyword hover), else a short
 *   text from `keywords.ts`;
 * - every size literal: exact bytes, memory blocks of the scenario's (or the workspace's)
 *   hosts, the memmap it costs (bytes / 64);
 * - every offset / DPA literal of an extent, an extent expectation or a region range: the
 *   absolute DPA (partition base + offset), the partition and the region that decodes it;
 * - every reference and declaration name: the declaration's one-line summary and its doc comment;
 * - every reason code in an expectation: `REASON_DESCRIPTIONS` of the model, its list and errno;
 * - uuids (the tag that declares one) and durations (in nanoseconds).
 */
import { AstUtils, CstUtils, GrammarAST, GrammarUtils, isLeafCstNode, type AstNode, type LangiumDocument, type LeafCstNode } from 'langium';
import { MultilineCommentHoverProvider } from 'langium/lsp';
import type { Hover, HoverParams } from 'vscode-languageserver';
import {
    isBaseSetting, isExtentExpectation, isExtentSpec, isHost, isPartition, isRegion, isRegionPartition, isRegionRange
} from '../../language/generated/ast.js';
import { parseDuration, parseNumber } from '../../language/literals.js';
import { partitionId, partitionRefId } from '../../language/translate/world.js';
import { NUMBER_PROPERTIES } from '../../language/validation/literals.js';
import type { DcdPolicyLspServices } from '../dcdpolicy-lsp-module.js';
import { declarationSummary, offsetHover, reasonHover, sizeHover, type OffsetContext } from './facts.js';
import { KEYWORD_FALLBACK_DOCS } from './keywords.js';

function markdown(value: string, leaf?: LeafCstNode): Hover {
    return { contents: { kind: 'markdown', value }, ...(leaf ? { range: leaf.range } : {}) };
}

export class DcdPolicyHoverProvider extends MultilineCommentHoverProvider {
    constructor(private readonly services: DcdPolicyLspServices) {
        super(services);
    }

    override async getHoverContent(document: LangiumDocument, params: HoverParams): Promise<Hover | undefined> {
        const root = document.parseResult?.value?.$cstNode;
        if (!root) return undefined;
        const offset = document.textDocument.offsetAt(params.position);
        const found = CstUtils.findDeclarationNodeAtOffset(root, offset, this.grammarConfig.nameRegexp);
        const leaf = found && isLeafCstNode(found) && !found.hidden && found.offset + found.length > offset ? found : undefined;
        if (leaf) {
            const text = this.literalHover(leaf) ?? this.reasonCodeHover(leaf) ?? this.uuidOrDurationHover(leaf);
            if (text) return markdown(text, leaf);
        }
        const hover = await super.getHoverContent(document, params);
        if (hover) return hover;
        if (leaf && GrammarAST.isKeyword(leaf.grammarSource)) {
            const doc = KEYWORD_FALLBACK_DOCS[leaf.grammarSource.value];
            if (doc) return markdown(doc, leaf);
        }
        return undefined;
    }

    /** A declaration (through a reference or its name): its one-line summary, then its doc comment. */
    protected override getAstNodeHoverContent(node: AstNode): string | undefined {
        const summary = declarationSummary(node, this.services.dcdpolicy.WorkspaceModel.world());
        const doc = super.getAstNodeHoverContent(node);
        const parts = [summary, doc].filter((s): s is string => typeof s === 'string' && s.length > 0);
        return parts.length > 0 ? parts.join('\n\n---\n\n') : undefined;
    }

    /** Sizes and offsets (`NUMBER` tokens), by what the grammar property holds. */
    private literalHover(leaf: LeafCstNode): string | undefined {
        if (leaf.tokenType.name !== 'NUMBER') return undefined;
        const node = leaf.astNode;
        const property = GrammarUtils.findAssignment(leaf)?.feature;
        const entry = property ? NUMBER_PROPERTIES[node.$type]?.[property] : undefined;
        const literal = parseNumber(leaf.text);
        if (!entry || !literal) return undefined;
        const kind = typeof entry === 'function' ? entry(node) : entry;
        const model = this.services.dcdpolicy.WorkspaceModel;
        if (kind === 'size') {
            const host = AstUtils.getContainerOfType(node, isHost);
            const hosts = host ? model.world().hosts.filter(h => h.name === host.name) : model.hostsFor(node);
            return sizeHover(literal.value, leaf.text, hosts, literal.decimalUnit);
        }
        if (kind === 'offset') {
            const ctx = this.offsetContext(node, literal.value);
            return ctx ? offsetHover(literal.value, leaf.text, ctx) : undefined;
        }
        return `**${leaf.text}** — a plain number (a count or an id), no unit`;
    }

    /** The partition and regions an offset literal refers to. */
    private offsetContext(node: AstNode, value: number): OffsetContext | undefined {
        const model = this.services.dcdpolicy.WorkspaceModel;
        const at = (id: string, kind: OffsetContext['kind']): OffsetContext => ({
            kind, partition: model.partition(id), partitionText: id, regions: model.regionsAt(id, value)
        });
        if (isExtentSpec(node)) {
            const action = node.$container as { partition?: Parameters<typeof partitionRefId>[0] };
            return at(partitionRefId(action.partition), 'extent');
        }
        if (isExtentExpectation(node)) return at(partitionRefId(node.partition), 'expect');
        if (isRegionRange(node) && isRegion(node.$container)) {
            const ref = node.$container.properties.find(isRegionPartition)?.partition;
            return at(partitionRefId(ref), 'range');
        }
        if (isBaseSetting(node) && isPartition(node.$container)) return at(partitionId(node.$container), 'base');
        return undefined;
    }

    /** A uuid (which tag it is) or a duration (in nanoseconds). */
    private uuidOrDurationHover(leaf: LeafCstNode): string | undefined {
        if (leaf.tokenType.name === 'UUID') {
            const uuid = leaf.text.toLowerCase();
            if (/^[0-]+$/.test(uuid)) return `**${leaf.text}** — the null uuid: *untagged* (write \`untagged\`)`;
            const names = Object.entries(this.services.dcdpolicy.WorkspaceModel.world().tags).filter(([, u]) => u === uuid).map(([n]) => `\`${n}\``);
            return `**${leaf.text}** — an extent tag (uuid)${names.length > 0 ? `: tag ${names.join(', ')}` : ', declared by no `tag`'}`;
        }
        if (leaf.tokenType.name === 'DURATION') {
            const ns = parseDuration(leaf.text);
            return ns === undefined ? undefined : `**${leaf.text}** = ${ns.toLocaleString('en-US')} ns of simulated time`;
        }
        return undefined;
    }

    /** A reason code after `rejected` / `refused` / `failed` in an expectation. */
    private reasonCodeHover(leaf: LeafCstNode): string | undefined {
        if (GrammarUtils.findAssignment(leaf)?.feature !== 'reason') return undefined;
        return reasonHover(leaf.text) ?? `**${leaf.text}** is not a reason code of LANGUAGE.md §5 nor an errno name`;
    }
}
