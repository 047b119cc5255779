/**
 * Quick fixes (LANGUAGE.md §9): decimal unit → binary (`512MB` → `512MiB`, from the
 * diagnostic's data), align an extent to the partition's block size (offset rounded down, size
 * rounded up to cover the same bytes), generate a tag uuid, add a missing host (a `host NAME`
 * clause, or a host block when the workspace has none), add a missing kernel; also the
 * replacements the static checks put in their data (a near reason code, a count without unit).
 * "Generate tag UUID" is also offered on any `tag` line as a refactoring.
 */
import { AstUtils, CstUtils, GrammarUtils, isCompositeCstNode, isLeafCstNode, type AstNode, type CstNode, type LangiumDocument } from 'langium';
import type { CodeActionProvider } from 'langium/lsp';
import {
    CodeActionKind, type CodeAction, type CodeActionParams, type Command, type Diagnostic, type Range, type TextEdit
} from 'vscode-languageserver';
import {
    isAddAction, isBlockSizeSetting, isExtentSpec, isHost, isReleaseAction, isScenario, isTagDecl,
    type ExtentSpec, type PolicyFile, type Scenario
} from '../language/generated/ast.js';
import { DECIMAL_TO_BINARY_UNIT, numberValue } from '../language/literals.js';
import { acceptFormAllowed, driverAllowed, formatHex, formatSize } from '../language/model/index.js';
import type { KernelProfile, World } from '../language/model/types.js';
import {
    EXPECT_UNKNOWN_REASON, HOST_KERNEL_MISSING, SCENARIO_HOST_MISSING, SCENARIO_MISALIGNED, SCENARIO_NO_HOST, SIZE_DECIMAL_UNIT,
    SIZE_UNIT_NOT_ALLOWED, TAG_DUPLICATE_UUID, TAG_NULL_UUID
} from '../language/validation/codes.js';
import type { DcdPolicyLspServices } from './dcdpolicy-lsp-module.js';

const TAG_LINE = /^(\s*tag\s+[A-Za-z_][A-Za-z0-9_-]*\s*=[ \t]*)([^\s/]*)/;

/** The profiles a new host or kernel line may name, in the order they are proposed. */
const PROPOSAL_ORDER: readonly KernelProfile[] = ['dcd-v11', 'sysram-rfc', 'dcd-v9'];

/** The kernel that can express every region of the workspace (dcd-v11 when none needs more). */
export function fittingKernel(world: World): KernelProfile {
    return PROPOSAL_ORDER.find(k => world.regions.every(r => driverAllowed(k, r.driver) && (!r.accept || acceptFormAllowed(k, r.accept)))) ?? 'dcd-v11';
}

/** A diagnostic's code, from `code` or from `data.code`. */
function codeOf(diagnostic: Diagnostic): string | undefined {
    if (typeof diagnostic.code === 'string') return diagnostic.code;
    const data = diagnostic.data as { code?: unknown } | undefined;
    return typeof data?.code === 'string' ? data.code : undefined;
}

export class DcdPolicyCodeActionProvider implements CodeActionProvider {
    constructor(private readonly services: DcdPolicyLspServices) { }

    getCodeActions(document: LangiumDocument, params: CodeActionParams): Array<Command | CodeAction> {
        const actions: CodeAction[] = [];
        const uri = document.uri.toString();
        const fix = (title: string, diagnostic: Diagnostic | undefined, edits: TextEdit[], preferred = false, kind: string = CodeActionKind.QuickFix) => {
            actions.push({
                title, kind, edit: { changes: { [uri]: edits } },
                ...(diagnostic ? { diagnostics: [diagnostic] } : {}),
                ...(preferred ? { isPreferred: true } : {})
            });
        };
        const tagLines = new Set<number>();
        for (const diagnostic of params.context.diagnostics) {
            const data = diagnostic.data as { replacement?: unknown } | undefined;
            switch (codeOf(diagnostic)) {
                case SIZE_DECIMAL_UNIT: {
                    const text = document.textDocument.getText(diagnostic.range);
                    const replacement = typeof data?.replacement === 'string' ? data.replacement
                        : text.replace(/(kB|KB|MB|GB|TB|PB)$/, u => DECIMAL_TO_BINARY_UNIT[u] ?? u);
                    if (replacement !== text) fix(`Write ${replacement} (sizes are binary)`, diagnostic, [{ range: diagnostic.range, newText: replacement }], true);
                    break;
                }
                case SIZE_UNIT_NOT_ALLOWED:
                case EXPECT_UNKNOWN_REASON:
                    if (typeof data?.replacement === 'string') fix(`Change to ${data.replacement}`, diagnostic, [{ range: diagnostic.range, newText: data.replacement }], true);
                    break;
                case SCENARIO_MISALIGNED: {
                    const extent = this.nodeAt(document, diagnostic.range, isExtentSpec);
                    const aligned = extent ? alignExtent(extent) : undefined;
                    if (aligned) fix(aligned.title, diagnostic, aligned.edits, true);
                    break;
                }
                case TAG_NULL_UUID:
                case TAG_DUPLICATE_UUID: {
                    const line = diagnostic.range.start.line;
                    const edit = this.uuidEdit(document, line);
                    if (edit && this.nodeAt(document, diagnostic.range, isTagDecl)) {
                        tagLines.add(line);
                        fix('Generate tag UUID', diagnostic, [edit], true);
                    }
                    break;
                }
                case SCENARIO_HOST_MISSING: {
                    const scenario = this.nodeAt(document, diagnostic.range, isScenario);
                    if (!scenario) break;
                    this.services.dcdpolicy.WorkspaceModel.world().hosts.forEach((host, i) => {
                        const edit = insertMember(document, scenario, `host ${host.name}`);
                        if (edit) fix(`Add \`host ${host.name}\``, diagnostic, [edit], i === 0);
                    });
                    break;
                }
                case SCENARIO_NO_HOST: {
                    const edit = this.hostBlockEdit(document);
                    if (edit) fix(`Add a host: \`${edit.newText.split('\n')[0].replace(/ \{$/, '')}\``, diagnostic, [edit], true);
                    break;
                }
                case HOST_KERNEL_MISSING: {
                    const host = this.nodeAt(document, diagnostic.range, isHost);
                    if (!host) break;
                    const best = fittingKernel(this.services.dcdpolicy.WorkspaceModel.world());
                    for (const kernel of [best, ...PROPOSAL_ORDER.filter(k => k !== best)]) {
                        const edit = insertMember(document, host, `kernel ${kernel}`);
                        if (edit) fix(`Add \`kernel ${kernel}\``, diagnostic, [edit], kernel === best);
                    }
                    break;
                }
                default: {
                    // A malformed or missing uuid is a syntax error: offer a fresh one on a `tag x =` line.
                    const line = diagnostic.range.start.line;
                    if (tagLines.has(line)) break;
                    const edit = this.uuidEdit(document, line, true);
                    if (edit) {
                        tagLines.add(line);
                        fix('Generate tag UUID', diagnostic, [edit], true);
                    }
                }
            }
        }
        // The refactoring: a fresh uuid for the tag under the cursor.
        const line = params.range.start.line;
        if (!tagLines.has(line) && this.nodeAt(document, params.range, isTagDecl)) {
            const edit = this.uuidEdit(document, line);
            if (edit) fix('Generate tag UUID', undefined, [edit], false, CodeActionKind.RefactorRewrite);
        }
        const only = params.context.only;
        return only && only.length > 0 ? actions.filter(a => only.some(k => a.kind === k || a.kind?.startsWith(`${k}.`))) : actions;
    }

    /** The innermost node of a type at the start of a range. */
    private nodeAt<T extends AstNode>(document: LangiumDocument, range: Range, guard: (n: unknown) => n is T): T | undefined {
        const root = document.parseResult.value.$cstNode;
        if (!root) return undefined;
        const offset = document.textDocument.offsetAt(range.start);
        const leaf = CstUtils.findLeafNodeAtOffset(root, offset) ?? CstUtils.findLeafNodeBeforeOffset(root, offset);
        return leaf ? AstUtils.getContainerOfType(leaf.astNode, guard) : undefined;
    }

    /**
     * Replaces the uuid of a `tag x = …` line with `crypto.randomUUID()`.
     * @param broken only when the line's uuid is missing or malformed
     */
    private uuidEdit(document: LangiumDocument, line: number, broken = false): TextEdit | undefined {
        const text = document.textDocument.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } });
        const m = TAG_LINE.exec(text);
        if (!m) return undefined;
        if (broken && /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/.test(m[2]) && !/^[0-]+$/.test(m[2])) return undefined;
        const start = m[1].length;
        const pad = m[1].endsWith(' ') || m[1].endsWith('\t') ? '' : ' ';
        return { range: { start: { line, character: start }, end: { line, character: start + m[2].length } }, newText: pad + globalThis.crypto.randomUUID() };
    }

    /** A host block before the document's first declaration (and its doc comment). */
    private hostBlockEdit(document: LangiumDocument): TextEdit | undefined {
        const root = document.parseResult.value as PolicyFile;
        const first = root.elements[0]?.$cstNode;
        if (!first) return undefined;
        let start = first.range.start;
        // Its doc comment stays with it: the comment is the root's node just before it.
        const siblings = isCompositeCstNode(root.$cstNode) ? root.$cstNode.content : [];
        const before = siblings[siblings.indexOf(first) - 1];
        if (before?.hidden && before.text.startsWith('/**')) start = before.range.start;
        const world = this.services.dcdpolicy.WorkspaceModel.world();
        const taken = new Set(world.hosts.map(h => h.name));
        let name = 'host0';
        for (let i = 1; taken.has(name); i++) name = `host${i}`;
        return { range: { start, end: start }, newText: `host ${name} {\n    kernel ${fittingKernel(world)}\n}\n\n` };
    }
}

/** A new first member of a block, on its own line after `{`, indented like the others. */
function insertMember(document: LangiumDocument, block: Scenario | AstNode, text: string): TextEdit | undefined {
    const cst = block.$cstNode;
    const brace = cst ? GrammarUtils.findNodeForKeyword(cst, '{') : undefined;
    if (!cst || !brace) return undefined;
    const lineText = (line: number) => document.textDocument.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } });
    const base = /^\s*/.exec(lineText(cst.range.start.line))![0];
    const close = GrammarUtils.findNodeForKeyword(cst, '}');
    let next: CstNode | undefined;
    for (const n of CstUtils.streamCst(cst)) {
        if (isLeafCstNode(n) && !n.hidden && n.offset >= brace.end) { next = n; break; }
    }
    const firstMemberLine = next && next !== close && next.range.start.line > brace.range.start.line ? next.range.start.line : undefined;
    const indent = firstMemberLine !== undefined ? /^\s*/.exec(lineText(firstMemberLine))![0] : `${base}    `;
    const closeOnSameLine = close && close.range.start.line === brace.range.end.line;
    return { range: { start: brace.range.end, end: brace.range.end }, newText: `\n${indent}${text}${closeOnSameLine ? `\n${base}` : ''}` };
}

/**
 * An extent moved onto block boundaries: the offset rounded down and the end rounded up to the
 * partition's block size, so the aligned extent covers every byte the original named.
 */
export function alignExtent(extent: ExtentSpec): { title: string; edits: TextEdit[]; offset: number; size: number } | undefined {
    const action = extent.$container;
    if (!isAddAction(action) && !isReleaseAction(action)) return undefined;
    const partition = action.partition?.ref;
    const blockText = partition?.properties.find(isBlockSizeSetting)?.value;
    const block = blockText === undefined ? 2 * 1024 * 1024 : numberValue(blockText);
    if (!(block > 0)) return undefined;
    const offset = numberValue(extent.offset);
    const size = numberValue(extent.size);
    const start = Math.floor(offset / block) * block;
    const end = Math.max(start + block, Math.ceil((offset + size) / block) * block);
    const offsetNode = GrammarUtils.findNodeForProperty(extent.$cstNode, 'offset');
    const sizeNode = GrammarUtils.findNodeForProperty(extent.$cstNode, 'size');
    if (!offsetNode || !sizeNode) return undefined;
    const newOffset = formatHex(start);
    const newSize = formatSize(end - start);
    const edits: TextEdit[] = [];
    if (start !== offset) edits.push({ range: offsetNode.range, newText: newOffset });
    if (end - start !== size) edits.push({ range: sizeNode.range, newText: newSize });
    if (edits.length === 0) return undefined;
    return { title: `Align to the ${formatSize(block)} block size: ${newOffset} size ${newSize}`, edits, offset: start, size: end - start };
}
