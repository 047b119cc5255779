/**
 * Langium's document update handler, plus the hooks of `dcdpolicy.simulation.auto`: an edit
 * supersedes running simulations of the document (and, with `onType`, schedules a new one
 * after a pause), a save runs the document's scenarios (`onSave`, `onType`), a close drops
 * its results. Having `didSaveDocument` makes the server ask the client for save notifications.
 */
import { DefaultDocumentUpdateHandler, type LangiumSharedServices } from 'langium/lsp';
import { URI, type TextDocument } from 'langium';
import type { TextDocumentChangeEvent } from 'vscode-languageserver';
import type { DcdPolicyLspServices } from './dcdpolicy-lsp-module.js';
import type { SimulationService } from './simulation/service.js';

export class DcdPolicyDocumentUpdateHandler extends DefaultDocumentUpdateHandler {
    constructor(private readonly shared: LangiumSharedServices) {
        super(shared);
    }

    /** The simulation service of the language the document belongs to. */
    private simulations(uri: string): SimulationService | undefined {
        const registry = this.shared.ServiceRegistry;
        const parsed = URI.parse(uri);
        if (!registry.hasServices(parsed)) return undefined;
        return (registry.getServices(parsed) as Partial<DcdPolicyLspServices>).dcdpolicy?.Simulations;
    }

    override didChangeContent(change: TextDocumentChangeEvent<TextDocument>): void {
        super.didChangeContent(change);
        this.simulations(change.document.uri)?.documentChanged(change.document.uri);
    }

    didSaveDocument(change: TextDocumentChangeEvent<TextDocument>): void {
        this.simulations(change.document.uri)?.documentSaved(change.document.uri);
    }

    didCloseDocument(change: TextDocumentChangeEvent<TextDocument>): void {
        this.simulations(change.document.uri)?.documentClosed(change.document.uri);
    }
}
