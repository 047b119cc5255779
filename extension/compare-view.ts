/**
 * The compare view: one scenario under several kernel profiles (`dcdpolicy.compareKernels`), as
 * `dcdpolicy compare` prints it — the server's side-by-side table — and below it each profile's
 * timeline, drawn by the same `renderSvgTimeline` as the timeline view and `--format svg`.
 */
import * as vscode from 'vscode';
import { renderSvgTimeline } from '../language/render/svg.js';
import type { CompareKernelsResult } from '../server/protocol.js';
import { escapeHtml, page, parseViewMessage, webviewOptions } from './webview.js';

export const COMPARE_VIEW_TYPE = 'dcdpolicy.compare';

export class CompareView implements vscode.Disposable {
    private panel: vscode.WebviewPanel | undefined;
    private uri: string | undefined;
    private readonly subscriptions: vscode.Disposable[] = [];

    constructor(private readonly extensionUri: vscode.Uri) { }

    show(uri: string, compare: CompareKernelsResult): void {
        this.uri = uri;
        const title = `Compare kernels · ${compare.scenario}`;
        if (!this.panel) {
            this.panel = vscode.window.createWebviewPanel(COMPARE_VIEW_TYPE, title,
                { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, webviewOptions(this.extensionUri));
            this.panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'images', 'icon.png');
            this.panel.onDidDispose(() => { this.panel = undefined; }, undefined, this.subscriptions);
            this.panel.webview.onDidReceiveMessage(m => {
                const message = parseViewMessage(m);
                if (message?.type === 'reveal' && this.uri) void revealLine(this.uri, message.line);
            }, undefined, this.subscriptions);
        } else {
            this.panel.reveal(undefined, true);
        }
        this.panel.title = title;
        const sections = compare.results.map(r => `
<section>
  <h2>kernel ${escapeHtml(r.kernel)}</h2>
  ${r.result
        ? `<div class="timeline">${renderSvgTimeline(r.result)}</div>`
        : `<p class="summary bad">${escapeHtml(r.summary)}</p>`}
</section>`).join('\n');
        this.panel.webview.html = page(this.panel.webview, this.extensionUri, title, `
<header>
  <h1>scenario ${escapeHtml(compare.scenario)} under ${compare.results.map(r => escapeHtml(r.kernel)).join(', ')}</h1>
</header>
<pre class="compare">${escapeHtml(compare.text)}</pre>
${sections}
<footer>Click an event to go to its line.</footer>`);
    }

    dispose(): void {
        this.panel?.dispose();
        this.subscriptions.forEach(s => s.dispose());
    }
}

async function revealLine(uri: string, line: number): Promise<void> {
    const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
    const l = Math.max(0, Math.min(line - 1, document.lineCount - 1));
    const text = document.lineAt(l);
    const range = new vscode.Range(l, text.firstNonWhitespaceCharacterIndex, l, text.text.length);
    await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.One, selection: range });
}
