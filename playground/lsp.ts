/**
 * The page's side of the language server connection. monaco's `MonacoLspClient` does the
 * editor features (diagnostics, hover, completion, code lenses, inlay hints, …) by itself over
 * `createTransportToWorker`; this module sits between the two as a transparent tap and adds
 * what an LSP client for dcdpolicy also needs:
 *   - the `dcdpolicy` settings: it tells the server the client answers `workspace/configuration`
 *     and answers it (simulations run while typing, as a playground should);
 *   - `workspace/codeLens/refresh`, so the summary lens appears after a run;
 *   - the typed `dcdpolicy/simulationResult` notification, delivered to the results panel;
 *   - `workspace/executeCommand` requests of its own (the lens's command, compare kernels).
 * Its own requests carry string ids (`playground-N`); monaco's are numbers.
 */
import type { MonacoLspClient } from 'monaco-lsp-client';
import type { Commands, DcdPolicySettings, SimulationResultNotification, SimulationResultParams } from '../server/protocol.js';

/** The transport monaco's LSP client takes (`createTransportToWorker` returns one). */
export type Transport = ConstructorParameters<typeof MonacoLspClient>[0];
type Message = Parameters<Transport['send']>[0];

interface LspRange { start: { line: number; character: number }; end: { line: number; character: number } }
interface LspDiagnostic { range: LspRange; message: string; severity?: number; code?: unknown; source?: string; data?: unknown }

const sameRange = (a: LspRange, b: LspRange) => a.start.line === b.start.line && a.start.character === b.start.character
    && a.end.line === b.end.line && a.end.character === b.end.character;

interface JsonMessage {
    jsonrpc: '2.0';
    id?: number | string | null;
    method?: string;
    params?: unknown;
    result?: unknown;
    error?: { code: number; message: string; data?: unknown };
}

/** The protocol's names, checked against server/protocol.ts at compile time (no runtime import). */
export const SIMULATION_RESULT: typeof SimulationResultNotification.method = 'dcdpolicy/simulationResult';
export const COMMANDS: typeof Commands = {
    runSimulation: 'dcdpolicy.runSimulation',
    runAllTests: 'dcdpolicy.runAllTests',
    compareKernels: 'dcdpolicy.compareKernels',
    showTimeline: 'dcdpolicy.showTimeline'
};

/** What the playground tells the server (LANGUAGE.md §9 settings). */
export const PLAYGROUND_SETTINGS: DcdPolicySettings = {
    simulation: { auto: 'onType', maxEvents: 1_000_000 },
    inlayHints: { timeline: true },
    trace: { server: 'off' }
};

/** LSP's ServerCancelled: the server could not answer yet; the client may ask again. */
const SERVER_CANCELLED = -32802;
const REQUEST_CANCELLED = -32800;
const MAX_RETRIES = 20;
const RETRY_DELAY_MS = 25;

/** An error the server answered a request with. */
export class ServerError extends Error {
    constructor(readonly code: number, message: string) {
        super(message);
        this.name = 'ServerError';
    }
}

export class DcdPolicyConnection {
    /** Hand this to `new MonacoLspClient(…)`. */
    readonly transport: Transport;
    private listener: ((message: Message) => void) | undefined;
    private readonly pending = new Map<string, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
    private nextId = 0;
    private readonly resultListeners: Array<(params: SimulationResultParams) => void> = [];
    private readonly refreshListeners: Array<() => void> = [];
    private readonly diagnosticsListeners: Array<(uri: string) => void> = [];
    private readonly opened = new Set<string>();
    /** The latest published diagnostics per document, to restore what monaco's markers drop. */
    private readonly published = new Map<string, LspDiagnostic[]>();
    private initializeId: number | string | undefined;
    /** monaco's requests in flight, by id: re-sent when the server answers ServerCancelled. */
    private readonly inFlight = new Map<number | string, { message: JsonMessage; retries: number; timer?: ReturnType<typeof setTimeout> }>();
    private readonly readyListeners: Array<() => void> = [];

    constructor(private readonly inner: Transport) {
        const self = this;
        this.transport = {
            get state() { return inner.state; },
            send: message => inner.send(self.outgoing(message as JsonMessage) as Message),
            setListener: listener => {
                self.listener = listener;
                inner.setListener(listener ? message => self.incoming(message as JsonMessage) : undefined);
            },
            toString: () => `dcdpolicy tap over ${inner.toString()}`
        };
    }

    /** Every `dcdpolicy/simulationResult` notification. */
    onSimulationResult(listener: (params: SimulationResultParams) => void): void {
        this.resultListeners.push(listener);
    }

    /** The server asked for code lenses to be pulled again. */
    onCodeLensRefresh(listener: () => void): void {
        this.refreshListeners.push(listener);
    }

    /** Diagnostics arrived for a document (the server has built it). */
    onDiagnostics(listener: (uri: string) => void): void {
        this.diagnosticsListeners.push(listener);
    }

    /** The server answered `initialize`. */
    onReady(listener: () => void): void {
        this.readyListeners.push(listener);
    }

    /** Whether monaco's client has opened the document on the server. */
    isOpen(uri: string): boolean {
        return this.opened.has(uri);
    }

    /** `workspace/executeCommand`, answered by the server's command handlers (server/commands.ts). */
    executeCommand<T>(command: string, args: unknown[]): Promise<T> {
        const id = `playground-${++this.nextId}`;
        return new Promise<T>((resolve, reject) => {
            this.pending.set(id, { resolve: value => resolve(value as T), reject });
            this.inner.send({ jsonrpc: '2.0', id, method: 'workspace/executeCommand', params: { command, arguments: args } } as Message)
                .catch(err => { this.pending.delete(id); reject(err instanceof Error ? err : new Error(String(err))); });
        });
    }

    /** Client → server: code actions get their diagnostics whole again; initialize learns the extra client capabilities. */
    private outgoing(message: JsonMessage): JsonMessage {
        if (message.method === 'textDocument/codeAction') {
            const params = message.params as { textDocument: { uri: string }; context?: { diagnostics?: LspDiagnostic[] } };
            const known = this.published.get(params.textDocument.uri) ?? [];
            const diagnostics = params.context?.diagnostics?.map(d =>
                known.find(k => k.message === d.message && sameRange(k.range, d.range)) ?? d);
            if (diagnostics) message = { ...message, params: { ...params, context: { ...params.context, diagnostics } } };
        }
        if (message.method !== undefined && message.id !== undefined && message.id !== null) {
            this.inFlight.set(message.id, { message, retries: 0 });
        }
        if (message.method === '$/cancelRequest') {
            const id = (message.params as { id?: number | string } | undefined)?.id;
            const request = id === undefined ? undefined : this.inFlight.get(id);
            if (id !== undefined && request?.timer !== undefined) {
                // Waiting to be asked again: the server has forgotten it, so answer monaco here.
                clearTimeout(request.timer);
                this.inFlight.delete(id);
                queueMicrotask(() => this.listener?.({ jsonrpc: '2.0', id, error: { code: REQUEST_CANCELLED, message: 'The request has been cancelled.' } } as Message));
            }
        }
        if (message.method === 'initialize' && message.params && typeof message.params === 'object') {
            const params = message.params as { capabilities?: { workspace?: Record<string, unknown> } };
            this.initializeId = message.id ?? undefined;
            performance.mark('dcdpolicy:initialize');
            const capabilities = params.capabilities ?? {};
            capabilities.workspace = {
                ...capabilities.workspace,
                configuration: true,
                codeLens: { refreshSupport: true }
            };
            return { ...message, params: { ...params, capabilities } };
        }
        if (message.method === 'textDocument/didOpen') {
            const uri = (message.params as { textDocument?: { uri?: string } } | undefined)?.textDocument?.uri;
            if (uri) this.opened.add(uri);
        }
        if (message.method === 'textDocument/didClose') {
            const uri = (message.params as { textDocument?: { uri?: string } } | undefined)?.textDocument?.uri;
            if (uri) {
                this.opened.delete(uri);
                this.published.delete(uri);
            }
        }
        return message;
    }

    /** Server → client: take what is ours, pass everything else to monaco's client. */
    private incoming(message: JsonMessage): void {
        const id = message.id;
        if (message.method === undefined && typeof id === 'string' && this.pending.has(id)) {
            const pending = this.pending.get(id)!;
            this.pending.delete(id);
            if (message.error) pending.reject(new ServerError(message.error.code, message.error.message));
            else pending.resolve(message.result ?? null);
            return;
        }
        if (message.method === undefined && id !== undefined && id !== null) {
            const request = this.inFlight.get(id);
            // ServerCancelled: the server has not built the document yet (a request right after
            // didOpen). VS Code's client asks again; monaco's reports an error, so ask again here.
            if (request && message.error?.code === SERVER_CANCELLED && request.retries < MAX_RETRIES) {
                request.retries++;
                request.timer = setTimeout(() => {
                    request.timer = undefined;
                    void this.inner.send(request.message as Message);
                }, RETRY_DELAY_MS * request.retries);
                return;
            }
            this.inFlight.delete(id);
        }
        if (message.method !== undefined && id !== undefined && id !== null) {
            const answer = this.answer(message.method, message.params);
            if (answer) {
                void this.inner.send({ jsonrpc: '2.0', id, result: answer.result } as Message);
                return;
            }
        }
        if (message.method === SIMULATION_RESULT && id === undefined) {
            for (const listener of this.resultListeners) listener(message.params as SimulationResultParams);
            return;
        }
        if (message.method === 'textDocument/publishDiagnostics') {
            const { uri, diagnostics } = (message.params ?? {}) as { uri?: string; diagnostics?: LspDiagnostic[] };
            if (uri) this.published.set(uri, diagnostics ?? []);
            // After monaco has set the markers.
            if (performance.getEntriesByName('dcdpolicy:first-diagnostics').length === 0) performance.mark('dcdpolicy:first-diagnostics');
            if (uri) queueMicrotask(() => { for (const listener of this.diagnosticsListeners) listener(uri); });
        }
        this.listener?.(message as Message);
        if (message.method === undefined && id !== undefined && id === this.initializeId) {
            performance.mark('dcdpolicy:ready');
            for (const listener of this.readyListeners) listener();
        }
    }

    /** The server's requests this tap answers itself (undefined: monaco's client answers). */
    private answer(method: string, params: unknown): { result: unknown } | undefined {
        switch (method) {
            case 'workspace/configuration': {
                const items = (params as { items?: Array<{ section?: string }> } | undefined)?.items ?? [];
                return { result: items.map(item => (item.section === 'dcdpolicy' ? PLAYGROUND_SETTINGS : null)) };
            }
            case 'client/registerCapability': {
                // Langium registers for didChangeConfiguration; monaco's client knows no such capability.
                const registrations = (params as { registrations?: Array<{ method: string }> } | undefined)?.registrations ?? [];
                return registrations.every(r => r.method === 'workspace/didChangeConfiguration') ? { result: null } : undefined;
            }
            case 'workspace/codeLens/refresh':
                for (const listener of this.refreshListeners) listener();
                return { result: null };
            default:
                return undefined;
        }
    }
}
