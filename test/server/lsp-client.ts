/**
 * A minimal LSP client over stdio for the end-to-end test and the LSP benchmark: spawns the
 * bundled server (`dist/server/main-node.cjs --stdio`), answers the requests a server sends
 * its client (`workspace/configuration`, capability registration, lens and hint refresh), and
 * records diagnostics and `dcdpolicy/simulationResult` notifications.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import {
    CodeLensRefreshRequest, ConfigurationRequest, InlayHintRefreshRequest, RegistrationRequest, UnregistrationRequest,
    createProtocolConnection, DidChangeTextDocumentNotification, DidCloseTextDocumentNotification, DidOpenTextDocumentNotification, DidSaveTextDocumentNotification,
    ExitNotification, InitializedNotification, InitializeRequest, PublishDiagnosticsNotification, ShutdownRequest,
    StreamMessageReader, StreamMessageWriter,
    type InitializeResult, type ProtocolConnection, type PublishDiagnosticsParams
} from 'vscode-languageserver-protocol/node';
import { SimulationResultNotification, type SimulationResultParams } from '../../server/protocol.js';

export interface LspClient {
    connection: ProtocolConnection;
    child: ChildProcess;
    /** Every publishDiagnostics, per uri, in arrival order. */
    diagnostics: Map<string, PublishDiagnosticsParams[]>;
    simulationResults: SimulationResultParams[];
    /** Methods of the requests the server sent (refresh, registration, configuration). */
    serverRequests: string[];
    initializeResult: InitializeResult;
    /** How many publishDiagnostics a uri got so far (a mark to wait for the next one). */
    count(uri: string): number;
    /** The first publishDiagnostics for a uri after `after` of them. */
    nextDiagnostics(uri: string, after: number, timeoutMs?: number): Promise<PublishDiagnosticsParams>;
    /** Resolves when `predicate` holds (checked whenever a message arrives, and every 10 ms). */
    until<T>(predicate: () => T | undefined, timeoutMs?: number, what?: string): Promise<T>;
    open(uri: string, text: string, version?: number): void;
    change(uri: string, text: string, version: number): void;
    close(uri: string): void;
    /** An incremental change: `text` inserted at a position (what typing sends). */
    type(uri: string, position: { line: number; character: number }, text: string, version: number): void;
    save(uri: string): void;
    /** What the server wrote on stderr so far. */
    stderr(): string;
    /** Resident memory of the server process (VmRSS of /proc/<pid>/status) in KiB. */
    rssKiB(): number;
    stop(): Promise<void>;
}

/**
 * Starts the server and completes the initialize handshake.
 * @param settings what the client answers for the `dcdpolicy` section
 */
export async function startServer(bundle: string, settings: unknown = {}): Promise<LspClient> {
    const child = spawn(process.execPath, [bundle, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const diagnostics = new Map<string, PublishDiagnosticsParams[]>();
    const simulationResults: SimulationResultParams[] = [];
    const serverRequests: string[] = [];
    const waiters = new Set<() => void>();
    const wake = () => { for (const w of [...waiters]) w(); };

    connection.onNotification(PublishDiagnosticsNotification.type, params => {
        const list = diagnostics.get(params.uri) ?? [];
        list.push(params);
        diagnostics.set(params.uri, list);
        wake();
    });
    connection.onNotification(SimulationResultNotification.type, params => { simulationResults.push(params); wake(); });
    connection.onRequest(ConfigurationRequest.type, params => {
        serverRequests.push(ConfigurationRequest.method);
        wake();
        return params.items.map(item => item.section === 'dcdpolicy' ? settings : null);
    });
    for (const type of [RegistrationRequest.type, UnregistrationRequest.type, CodeLensRefreshRequest.type, InlayHintRefreshRequest.type] as const) {
        connection.onRequest(type.method, () => {
            serverRequests.push(type.method);
            wake();
            return null;
        });
    }
    connection.listen();

    const initializeResult = await connection.sendRequest(InitializeRequest.type, {
        processId: process.pid, rootUri: null, workspaceFolders: null,
        capabilities: {
            workspace: {
                configuration: true,
                didChangeConfiguration: { dynamicRegistration: true },
                codeLens: { refreshSupport: true },
                inlayHint: { refreshSupport: true }
            },
            textDocument: { synchronization: { didSave: true }, hover: { contentFormat: ['markdown'] } }
        }
    });
    await connection.sendNotification(InitializedNotification.type, {});

    const until = <T>(predicate: () => T | undefined, timeoutMs = 20_000, what = 'a condition'): Promise<T> => new Promise((resolve, reject) => {
        const check = () => {
            const value = predicate();
            if (value !== undefined && value !== false) {
                cleanup();
                resolve(value);
            }
        };
        const interval = setInterval(check, 10);
        const timer = setTimeout(() => { cleanup(); reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; server stderr: ${stderr.slice(-2000)}`)); }, timeoutMs);
        const cleanup = () => { clearInterval(interval); clearTimeout(timer); waiters.delete(check); };
        waiters.add(check);
        check();
    });

    return {
        connection, child, diagnostics, simulationResults, serverRequests, initializeResult, until,
        count: uri => diagnostics.get(uri)?.length ?? 0,
        nextDiagnostics: (uri, after, timeoutMs) => until(() => diagnostics.get(uri)?.[after], timeoutMs, `diagnostics for ${uri}`),
        open: (uri, text, version = 1) => {
            void connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'dcdpolicy', version, text } });
        },
        change: (uri, text, version) => {
            void connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
        },
        close: uri => {
            void connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
        },
        type: (uri, position, text, version) => {
            void connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ range: { start: position, end: position }, text }] });
        },
        stderr: () => stderr,
        save: uri => { void connection.sendNotification(DidSaveTextDocumentNotification.type, { textDocument: { uri } }); },
        rssKiB: () => {
            const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
            return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
        },
        stop: async () => {
            try {
                await Promise.race([connection.sendRequest(ShutdownRequest.type), new Promise(r => setTimeout(r, 2000))]);
                await connection.sendNotification(ExitNotification.type);
            } catch { /* already gone */ }
            await new Promise<void>(resolve => {
                if (child.exitCode !== null) return resolve();
                const timer = setTimeout(() => { child.kill(); resolve(); }, 2000);
                child.once('exit', () => { clearTimeout(timer); resolve(); });
            });
            connection.dispose();
        }
    };
}
