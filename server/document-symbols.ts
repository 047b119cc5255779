/**
 * The outline: hosts (with their kernel), devices with their partitions, tags, regions (driver
 * and partition), and scenarios with their events, named by label.
 */
import { GrammarUtils, type AstNode, type LangiumDocument } from 'langium';
import type { DocumentSymbolProvider } from 'langium/lsp';
import { SymbolKind, type DocumentSymbol, type DocumentSymbolParams } from 'vscode-languageserver';
import {
    isDevice, isDriverSetting, isEvent, isHost, isKernelSetting, isPartition, isRegion, isRegionPartition, isScenario,
    isTagDecl, type Event, type PolicyFile
} from '../language/generated/ast.js';
import type { DcdPolicyLspServices } from './dcdpolicy-lsp-module.js';

function symbol(node: AstNode, name: string, kind: SymbolKind, detail?: string, children?: DocumentSymbol[]): DocumentSymbol | undefined {
    const cst = node.$cstNode;
    if (!cst || !name) return undefined;
    const nameNode = GrammarUtils.findNodeForProperty(cst, 'name');
    return {
        name, kind, range: cst.range, selectionRange: nameNode?.range ?? cst.range,
        ...(detail ? { detail } : {}), ...(children ? { children } : {})
    };
}

/** `at 0s add`: an event's time and action word. */
function eventDetail(event: Event): string {
    const words = (event.$cstNode?.text ?? '').split(/\s+/);
    return words.slice(0, 3).join(' ');
}

export class DcdPolicyDocumentSymbolProvider implements DocumentSymbolProvider {
    constructor(_services: DcdPolicyLspServices) { }

    getSymbols(document: LangiumDocument, _params: DocumentSymbolParams): DocumentSymbol[] {
        const root = document.parseResult.value as PolicyFile;
        const out: DocumentSymbol[] = [];
        const push = (s: DocumentSymbol | undefined) => { if (s) out.push(s); };
        for (const element of root.elements ?? []) {
            if (isHost(element)) {
                const kernel = element.properties.find(isKernelSetting)?.profile;
                push(symbol(element, element.name, SymbolKind.Class, kernel ? `kernel ${kernel}` : 'host'));
            } else if (isDevice(element)) {
                const partitions = element.properties.filter(isPartition)
                    .map(p => symbol(p, p.name, SymbolKind.Field, `${element.name}.${p.name}`))
                    .filter((s): s is DocumentSymbol => s !== undefined);
                push(symbol(element, element.name, SymbolKind.Module, 'device', partitions));
            } else if (isTagDecl(element)) {
                push(symbol(element, element.name, SymbolKind.Constant, element.uuid ? `tag ${element.uuid}` : 'tag'));
            } else if (isRegion(element)) {
                const driver = element.properties.find(isDriverSetting)?.driver;
                const partition = element.properties.find(isRegionPartition)?.partition?.$refText;
                push(symbol(element, element.name, SymbolKind.Namespace, ['region', driver, partition && `on ${partition}`].filter(Boolean).join(' ')));
            } else if (isScenario(element)) {
                const events = element.members.filter(isEvent)
                    .map(e => symbol(e, e.name ?? eventDetail(e), SymbolKind.Event, e.name ? eventDetail(e) : undefined))
                    .filter((s): s is DocumentSymbol => s !== undefined);
                push(symbol(element, element.name, SymbolKind.Function, 'scenario', events));
            }
        }
        return out;
    }
}
