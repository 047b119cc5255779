/**
 * The web extension (package.json `browser`, bundled to `dist/extension/main-browser.js`; VS Code
 * for the web, code-server's web extension host): runs the bundled language server
 * `dist/server/main-browser.js` in a web worker.
 */
import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/browser';
import { CLIENT_ID, CLIENT_NAME, startClient } from './client.js';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
    const serverMain = vscode.Uri.joinPath(context.extensionUri, 'dist', 'server', 'main-browser.js');
    const worker = new Worker(serverMain.toString(true));
    client = await startClient(context, options => new LanguageClient(CLIENT_ID, CLIENT_NAME, worker, options)) as LanguageClient;
}

export async function deactivate(): Promise<void> {
    await client?.stop();
    client = undefined;
}
