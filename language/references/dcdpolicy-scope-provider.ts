import {
    AstUtils, DefaultScopeProvider, stream,
    type AstNode, type AstNodeDescription, type ReferenceInfo, type Scope, type Stream
} from 'langium';

/** The local symbols of one container that fit one reference type, indexed by name. */
interface IndexedSymbols {
    byName: Map<string, AstNodeDescription[]>;
    all: AstNodeDescription[];
}

/** A scope over an indexed symbol table, with the next level outside it. */
class IndexedScope implements Scope {
    constructor(private readonly symbols: IndexedSymbols, private readonly outer: Scope) {}

    getElement(name: string): AstNodeDescription | undefined {
        return this.symbols.byName.get(name)?.[0] ?? this.outer.getElement(name);
    }

    getElements(name: string): Stream<AstNodeDescription> {
        return stream(this.symbols.byName.get(name) ?? []).concat(this.outer.getElements(name));
    }

    getAllElements(): Stream<AstNodeDescription> {
        return stream(this.symbols.all).concat(this.outer.getAllElements());
    }
}

/**
 * Langium's scope provider with indexed local scopes. The default filters a container's local
 * symbols by reference type and searches them linearly for every reference; a scenario's labels,
 * DAX and filesystem names are local symbols of the scenario (DcdPolicyScopeComputation), so a
 * scenario of n events cost O(n²) to link. Here each container's symbols are filtered and indexed
 * once per document build and reference type; lookups are then by name. Same results, same order.
 */
export class DcdPolicyScopeProvider extends DefaultScopeProvider {
    private readonly indexes = new WeakMap<object, Map<AstNode, Map<string, IndexedSymbols>>>();

    override getScope(context: ReferenceInfo): Scope {
        const referenceType = this.reflection.getReferenceType(context);
        const localSymbols = AstUtils.getDocument(context.container).localSymbols;
        const levels: IndexedSymbols[] = [];
        if (localSymbols) {
            let byContainer = this.indexes.get(localSymbols);
            if (!byContainer) {
                byContainer = new Map();
                this.indexes.set(localSymbols, byContainer);
            }
            for (let node: AstNode | undefined = context.container; node; node = node.$container) {
                if (!localSymbols.has(node)) continue;
                let byType = byContainer.get(node);
                if (!byType) {
                    byType = new Map();
                    byContainer.set(node, byType);
                }
                let symbols = byType.get(referenceType);
                if (!symbols) {
                    symbols = { byName: new Map(), all: [] };
                    for (const description of localSymbols.getStream(node)) {
                        if (!this.reflection.isSubtype(description.type, referenceType)) continue;
                        symbols.all.push(description);
                        const list = symbols.byName.get(description.name);
                        if (list) list.push(description);
                        else symbols.byName.set(description.name, [description]);
                    }
                    byType.set(referenceType, symbols);
                }
                if (symbols.all.length > 0) levels.push(symbols);
            }
        }
        let result = this.getGlobalScope(referenceType, context);
        for (let i = levels.length - 1; i >= 0; i--) result = new IndexedScope(levels[i], result);
        return result;
    }
}
