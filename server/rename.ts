/**
 * Rename across files (LANGUAGE.md §1: names are visible in every file of a workspace), with the
 * one name that is not a plain identifier: a partition is referred to as `device.partition`.
 * Renaming a partition rewrites every `mem0.dc0` to `mem0.NEW`; renaming a device rewrites its
 * declaration, its plain references (`surprise_remove mem0`) and every `mem0.PART` of its
 * partitions. On a qualified reference the part under the cursor is the one renamed: `mem0`
 * renames the device, `dc0` the partition.
 */
import { AstUtils, CstUtils, GrammarUtils, isCompositeCstNode, isLeafCstNode, type AstNode, type CstNode, type LangiumDocument } from 'langium';
import { DefaultRenameProvider } from 'langium/lsp';
import { ErrorCodes, ResponseError, TextEdit, type Position, type Range, type RenameParams, type TextDocumentPositionParams, type WorkspaceEdit } from 'vscode-languageserver';
import { isDevice, isEvent, isPartition, isScenario, type Device, type Partition } from '../language/generated/ast.js';
import type { DcdPolicyLspServices } from './dcdpolicy-lsp-module.js';

const ID = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** What a position names. */
interface RenameTarget {
    node: AstNode;
    /** The text range the client should show as the name being renamed. */
    range: Range;
}

export class DcdPolicyRenameProvider extends DefaultRenameProvider {
    private readonly keywords: ReadonlySet<string>;

    constructor(services: DcdPolicyLspServices) {
        super(services);
        const grammar = services.Grammar;
        this.keywords = new Set(AstUtils.streamAllContents(grammar).filter(n => n.$type === 'Keyword').map(n => (n as unknown as { value: string }).value).filter(v => ID.test(v)));
    }

    override async rename(document: LangiumDocument, params: RenameParams): Promise<WorkspaceEdit | undefined> {
        const target = this.targetAt(document, params.position);
        if (!target) return undefined;
        const node = target.node;
        if (isPartition(node)) return this.renamePartition(node, this.partitionName(node, params.newName));
        if (isDevice(node)) return this.renameDevice(node, this.checkName(node, params.newName));
        // A scenario name that is not an identifier is written as a string.
        const newName = isScenario(node) && !ID.test(params.newName) && !/^"[^"\r\n]*"$/.test(params.newName)
            ? `"${params.newName.replace(/["\r\n]/g, '')}"` : this.checkName(node, params.newName);
        return super.rename(document, { ...params, newName });
    }

    override prepareRename(document: LangiumDocument, params: TextDocumentPositionParams): Range | undefined {
        return this.targetAt(document, params.position)?.range;
    }

    /** The declaration a position names, and the range of that name there. */
    private targetAt(document: LangiumDocument, position: Position): RenameTarget | undefined {
        const root = document.parseResult.value.$cstNode;
        if (!root) return undefined;
        const offset = document.textDocument.offsetAt(position);
        const leaf = CstUtils.findDeclarationNodeAtOffset(root, offset, this.grammarConfig.nameRegexp);
        if (!leaf) return undefined;
        const targets = this.references.findDeclarations(leaf);
        const node = targets[0];
        if (!node) return undefined;
        if (isPartition(node)) {
            // A qualified reference `mem0.dc0`: the device part renames the device.
            const parts = qualifiedParts(leaf);
            if (parts && leaf === parts.device) return { node: node.$container, range: parts.device.range };
            if (parts) return { node, range: parts.partition.range };
        }
        return { node, range: leaf.range };
    }

    /** A new name must be an identifier, and not a keyword (event labels may be keywords). */
    private checkName(node: AstNode, newName: string): string {
        if (isScenario(node)) return newName;
        if (!ID.test(newName)) throw new ResponseError(ErrorCodes.InvalidParams, `'${newName}' is not a name: use letters, digits, '_' and '-', starting with a letter or '_'`);
        if (this.keywords.has(newName) && !isEvent(node)) throw new ResponseError(ErrorCodes.InvalidParams, `'${newName}' is a keyword of the language; choose another name`);
        return newName;
    }

    /** The new partition name: `dc1`, or `mem0.dc1` with the partition's own device. */
    private partitionName(partition: Partition, newName: string): string {
        const dot = newName.indexOf('.');
        if (dot >= 0) {
            const device = newName.slice(0, dot);
            if (device !== partition.$container.name) {
                throw new ResponseError(ErrorCodes.InvalidParams, `a partition stays in its device: write ${partition.$container.name}.${newName.slice(dot + 1)}, or rename device ${partition.$container.name} itself`);
            }
            newName = newName.slice(dot + 1);
        }
        return this.checkName(partition, newName);
    }

    private renamePartition(partition: Partition, newName: string): WorkspaceEdit {
        const changes: Record<string, TextEdit[]> = {};
        const nameNode = this.nameProvider.getNameNode(partition);
        const declarationUri = AstUtils.getDocument(partition).uri.toString();
        if (nameNode) add(changes, declarationUri, TextEdit.replace(nameNode.range, newName));
        for (const ref of this.references.findReferences(partition, { includeDeclaration: false })) {
            add(changes, ref.sourceUri.toString(), TextEdit.replace(ref.segment.range, `${partition.$container.name}.${newName}`));
        }
        return { changes };
    }

    private renameDevice(device: Device, newName: string): WorkspaceEdit {
        const changes: Record<string, TextEdit[]> = {};
        for (const ref of this.references.findReferences(device, { includeDeclaration: true })) {
            add(changes, ref.sourceUri.toString(), TextEdit.replace(ref.segment.range, newName));
        }
        for (const partition of device.properties.filter(isPartition)) {
            for (const ref of this.references.findReferences(partition, { includeDeclaration: false })) {
                add(changes, ref.sourceUri.toString(), TextEdit.replace(ref.segment.range, `${newName}.${partition.name}`));
            }
        }
        return { changes };
    }
}

function add(changes: Record<string, TextEdit[]>, uri: string, edit: TextEdit): void {
    (changes[uri] ??= []).push(edit);
}

/** The two identifiers of a `device.partition` reference a leaf belongs to. */
function qualifiedParts(leaf: CstNode): { device: CstNode; partition: CstNode } | undefined {
    const composite = leaf.container;
    if (!composite || !isCompositeCstNode(composite)) return undefined;
    const ids = composite.content.filter(n => isLeafCstNode(n) && !n.hidden && n.text !== '.');
    if (ids.length !== 2 || !GrammarUtils.findAssignment(composite)) return undefined;
    return { device: ids[0], partition: ids[1] };
}
