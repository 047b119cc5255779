/**
 * Langium's document update handler, plus the hooks of `dcdpolicy.simulation.auto`: an edit
 * supersedes running simulations of the document (and, with `onType`, schedules a new one
 * after a pause), a save runs the document's scenarios (`onSave`, `onType`), a close drops
 * its results. Having `didSaveDocument` makes the server ask the client for save notifications.
 *
 * A close also ends the editor's say over the document's text: a file on disk is read again
 * (unsaved edits the user discarded no longer count in the workspace), and a document with no
 * file (untitled, deleted, the playground's) leaves the workspace, so its names stop clashing
 * with other files' (`name/duplicate`). Langium's handler keeps the last edited text.
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
        const uri = URI.parse(change.document.uri);
        const files = this.shared.workspace.FileSystemProvider;
        const onDisk = uri.scheme === 'file' ? files.exists(uri).catch(() => false) : Promise.resolve(false);
        void onDisk.then(exists => {
            // Opened again meanwhile (an editor that replaces a model closes and reopens it): the open text counts.
            if (this.shared.workspace.TextDocuments?.get(change.document.uri)) return;
            if (exists) this.fireDocumentUpdate([uri], []);
            else this.fireDocumentUpdate([], [uri]);
        });
    }
}
