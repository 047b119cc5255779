/**
 * What the server tells the client after a simulation: the typed result notification, and a
 * request to refresh code lenses and inlay hints — only when the client said it supports
 * refreshing (`workspace.codeLens.refreshSupport`, `workspace.inlayHint.refreshSupport`).
 */
import type { LangiumSharedServices } from 'langium/lsp';
import { CodeLensRefreshRequest, InlayHintRefreshRequest } from 'vscode-languageserver-protocol';
import { SimulationResultNotification, type SimulationResultParams } from '../protocol.js';

export class SimulationClient {
    private codeLensRefresh = false;
    private inlayHintRefresh = false;

    constructor(private readonly shared: LangiumSharedServices) {
        shared.lsp.LanguageServer.onInitialize(params => {
            this.codeLensRefresh = params.capabilities.workspace?.codeLens?.refreshSupport === true;
            this.inlayHintRefresh = params.capabilities.workspace?.inlayHint?.refreshSupport === true;
        });
    }

    /** Sends one `dcdpolicy/simulationResult` notification (nothing without a connection, e.g. in tests). */
    notify(params: SimulationResultParams): void {
        void this.shared.lsp.Connection?.sendNotification(SimulationResultNotification.type, params);
    }

    /** Asks the client to pull code lenses and inlay hints again, where it supports that. */
    refresh(): void {
        const connection = this.shared.lsp.Connection;
        if (!connection) return;
        if (this.codeLensRefresh) connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
        if (this.inlayHintRefresh) connection.sendRequest(InlayHintRefreshRequest.type).catch(() => undefined);
    }

    /** Only inlay hints (after `dcdpolicy.inlayHints.timeline` changed). */
    refreshInlayHints(): void {
        const connection = this.shared.lsp.Connection;
        if (connection && this.inlayHintRefresh) connection.sendRequest(InlayHintRefreshRequest.type).catch(() => undefined);
    }
}
