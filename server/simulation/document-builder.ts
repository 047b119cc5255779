/**
 * Small extensions of Langium's document builder and validator:
 * - edits coalesce: after marking the changed documents, an update yields to the event loop
 *   before building, so when more edits are already waiting (fast typing, a burst of
 *   changes) the connection dispatches them first, they cancel this update, and only the last
 *   one parses, links and validates the document (instead of one full build per keystroke);
 * - an update re-validates every other document of the workspace too: names are global and a
 *   region is judged under the hosts of the scenarios that touch it, wherever they are, so a
 *   `name/duplicate` or a region's diagnostics in one file can come and go with an edit in
 *   another (Langium re-validates only the documents it relinks);
 * - the builder can forget that a validation category ran on a document (and drop its
 *   diagnostics), so newer simulation results of the same version are validated again
 *   without re-running every other check;
 * - the validator (the language's DcdPolicyDocumentValidator: a cheaper walk, stable codes on
 *   Langium's own diagnostics) skips its walk over every AST node when only the 'simulation'
 *   category is asked for (its checks run once per document, not per node).
 */
import { DefaultDocumentBuilder, DocumentState, type AstNode, type LangiumDocument, type URI, type ValidationAcceptor, type ValidationOptions } from 'langium';
import { DcdPolicyDocumentValidator } from '../../language/validation/dcdpolicy-document-validator.js';
import type { CancellationToken } from 'vscode-languageserver-protocol';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { yieldToEventLoop } from '../util.js';
import { SIMULATION_CATEGORY } from './codes.js';

export class DcdPolicyDocumentBuilder extends DefaultDocumentBuilder {
    /**
     * Langium's update, with every document other than the changed and deleted ones set back to
     * "references indexed", so this build validates it again (without re-parsing or relinking).
     * Simulation diagnostics of those documents go with it: their results were computed against
     * the workspace as it was.
     */
    override async update(changed: URI[], deleted: URI[], cancelToken?: CancellationToken): Promise<void> {
        const touched = new Set([...changed, ...deleted].map(uri => uri.toString()));
        if (touched.size > 0) {
            for (const document of this.langiumDocuments.all) {
                if (!touched.has(document.uri.toString())) this.resetToState(document, DocumentState.IndexedReferences);
            }
        }
        return super.update(changed, deleted, cancelToken);
    }

    /**
     * Runs between marking documents changed and building them (in `update`, and in `build`):
     * a turn of the event loop, so pending edits cancel this update before it parses.
     */
    protected override async emitUpdate(changed: URI[], deleted: URI[]): Promise<void> {
        await super.emitUpdate(changed, deleted);
        await yieldToEventLoop();
    }

    /**
     * Marks a validation category as not run on a document and drops the diagnostics it made;
     * the next `build` asking for the category runs it again, and only it.
     */
    resetValidationCategory(document: LangiumDocument, category: string, madeByCategory: (d: Diagnostic) => boolean): void {
        const state = this.buildState.get(document.uri.toString());
        if (state) {
            const result = state.result ?? (state.result = {});
            const executed = result.validationChecks
                ?? (state.completed ? [...this.serviceRegistry.getServices(document.uri).validation.ValidationRegistry.getAllValidationCategories(document)] : []);
            result.validationChecks = executed.filter(c => c !== category);
        }
        if (document.diagnostics) document.diagnostics = document.diagnostics.filter(d => !madeByCategory(d));
    }
}

/** The language server's document validator: the language's, minus the AST walk for simulation-only runs. */
export class SimulationAwareDocumentValidator extends DcdPolicyDocumentValidator {
    /** The categories whose checks are all document-level (`registerBeforeDocument`). */
    static readonly DOCUMENT_LEVEL_CATEGORIES: ReadonlySet<string> = new Set([SIMULATION_CATEGORY]);

    protected override async validateAstNodes(rootNode: AstNode, options: ValidationOptions, acceptor: ValidationAcceptor, cancelToken?: CancellationToken): Promise<void> {
        const categories = options.categories;
        if (categories && categories.length > 0 && categories.every(c => SimulationAwareDocumentValidator.DOCUMENT_LEVEL_CATEGORIES.has(c))) return;
        return super.validateAstNodes(rootNode, options, acceptor, cancelToken);
    }
}
