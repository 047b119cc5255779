/**
 * The desktop extension (package.json `main`, bundled to `dist/extension/main-node.cjs`): starts
 * the bundled language server `dist/server/main-node.cjs` in a Node process over IPC.
 */
import type * as vscode from 'vscode';
import { LanguageClient, TransportKind, type ServerOptions } from 'vscode-languageclient/node';
import { CLIENT_ID, CLIENT_NAME, startClient } from './client.js';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
    const module = context.asAbsolutePath('dist/server/main-node.cjs');
    const serverOptions: ServerOptions = {
        run: { module, transport: TransportKind.ipc },
        debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } }
    };
    client = await startClient(context, options => new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, options)) as LanguageClient;
}

export async function deactivate(): Promise<void> {
    await client?.stop();
    client = undefined;
}
