import { AstUtils, DefaultScopeComputation, type AstNode, type AstNodeDescription, type LangiumDocument, type MultiMap } from 'langium';
import { Cancellation } from 'langium';
import { isDevice, isPartition, isScenario, type PolicyFile } from '../generated/ast.js';

/**
 * What a name is visible as (LANGUAGE.md §1: names are visible across all `.dcdpolicy` files
 * of a workspace):
 * - hosts, devices, tags, regions and scenarios are exported workspace-wide by their name;
 * - DC partitions are exported as `device.partition` (`mem0.dc0`);
 * - inside a scenario, event labels, DAX device names (`create_dax d0 …`) and filesystem names
 *   (`mount fs0 …`) are visible in the whole scenario, whatever event declares them.
 */
export class DcdPolicyScopeComputation extends DefaultScopeComputation {

    override async collectExportedSymbols(document: LangiumDocument, cancelToken: Cancellation.CancellationToken = Cancellation.CancellationToken.None): Promise<AstNodeDescription[]> {
        const exports = await super.collectExportedSymbols(document, cancelToken);
        const root = document.parseResult.value as PolicyFile;
        for (const element of root.elements ?? []) {
            if (!isDevice(element) || !element.name) continue;
            for (const property of element.properties) {
                if (isPartition(property) && property.name) {
                    exports.push(this.descriptions.createDescription(property, `${element.name}.${property.name}`, document));
                }
            }
        }
        return exports;
    }

    protected override addLocalSymbol(node: AstNode, document: LangiumDocument, symbols: MultiMap<AstNode, AstNodeDescription>): void {
        const scenario = AstUtils.getContainerOfType(node.$container, isScenario);
        if (scenario) {
            const name = this.nameProvider.getName(node);
            if (name) {
                symbols.add(scenario, this.descriptions.createDescription(node, name, document));
            }
            return;
        }
        super.addLocalSymbol(node, document, symbols);
    }
}
