/**
 * The timeline view (LANGUAGE.md §9): a webview panel showing the SVG the server drew with
 * `renderSvgTimeline` (the same drawing as `dcdpolicy simulate --format svg`) — one lane per
 * extent coloured by state, a time axis, events marked. Clicking an event marker or a lane
 * reveals its line in the editor. One panel, showing one scenario; it follows that scenario's
 * new runs.
 */
import * as vscode from 'vscode';
import type { ResultStore, StoredResult } from './results.js';
import { escapeHtml, page, parseViewMessage, webviewOptions, type ViewMessage } from './webview.js';

export const TIMELINE_VIEW_TYPE = 'dcdpolicy.timeline';

export class TimelineView implements vscode.Disposable {
    private panel: vscode.WebviewPanel | undefined;
    /** The scenario on show: `uri#scenario`. */
    private shown: { uri: string; scenario: string } | undefined;
    private readonly subscriptions: vscode.Disposable[] = [];

    constructor(private readonly extensionUri: vscode.Uri, private readonly results: ResultStore) {
        // Draw a new run of the scenario on show; an edit only once (to say the file changed since).
        this.subscriptions.push(results.onDidChange(change => {
            if (change.kind === 'removed' || !this.panel || !this.shown) return;
            const { params } = change.stored;
            if (params.uri !== this.shown.uri || params.scenario !== this.shown.scenario) return;
            if (change.kind === 'result' || change.firstEdit) this.render(change.stored);
        }));
    }

    /** The scenario on show, if the panel is open. */
    get current(): { uri: string; scenario: string } | undefined {
        return this.panel ? this.shown : undefined;
    }

    /** Opens (or reveals) the panel beside the editor with a stored result. */
    show(stored: StoredResult, preserveFocus = true): void {
        this.shown = { uri: stored.params.uri, scenario: stored.params.scenario };
        if (!this.panel) {
            this.panel = vscode.window.createWebviewPanel(TIMELINE_VIEW_TYPE, this.title(stored),
                { viewColumn: vscode.ViewColumn.Beside, preserveFocus }, webviewOptions(this.extensionUri));
            this.panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'images', 'icon.png');
            this.panel.onDidDispose(() => { this.panel = undefined; }, undefined, this.subscriptions);
            this.panel.webview.onDidReceiveMessage(m => {
                const message = parseViewMessage(m);
                if (message) void this.reveal(message);
            }, undefined, this.subscriptions);
        } else {
            this.panel.reveal(undefined, preserveFocus);
        }
        this.render(stored);
    }

    private title(stored: StoredResult): string {
        return `Timeline · ${stored.params.scenario}`;
    }

    private render(stored: StoredResult): void {
        if (!this.panel) return;
        const p = stored.params;
        const file = decodeURIComponent(p.uri.slice(p.uri.lastIndexOf('/') + 1));
        const failed = p.result.expectations.some(x => !x.passed);
        const notes: string[] = [];
        if (stored.edited) notes.push('From the last run: the file changed since. Save or run the simulation again to update.');
        if (p.truncated) notes.push(`Cut to the first ${p.result.events.length} events and ${p.result.extents.length} extents of ${p.truncated.events} and ${p.truncated.extents}; run <code>dcdpolicy simulate</code> for all.`);
        this.panel.title = this.title(stored);
        const ran = stored.received.toLocaleTimeString();
        this.panel.webview.html = page(this.panel.webview, this.extensionUri, this.title(stored), `
<header>
  <p class="meta"><span class="file">${escapeHtml(file)}</span> · run at ${escapeHtml(ran)}${failed ? ' · <span class="summary bad">expectations failed</span>' : ''}</p>
  ${notes.map(n => `<p class="note">${n.startsWith('Cut') ? n : escapeHtml(n)}</p>`).join('\n  ')}
</header>
<main class="timeline" aria-label="Timeline of scenario ${escapeHtml(p.scenario)}">
${p.svg}
</main>
<footer>Click an event or a lane to go to its line. Hover for details.</footer>`);
    }

    /** Reveals a line of the shown scenario's document (lines as the run saw them, moved with edits). */
    private async reveal(message: ViewMessage): Promise<void> {
        if (!this.shown) return;
        const stored = this.results.get(this.shown.uri, this.shown.scenario);
        let line: number | undefined;
        if (message.type === 'reveal') {
            line = message.line;
        } else if (stored) {
            line = extentLine(stored, message.extent);
        }
        if (line === undefined) return;
        // Map the run's line to where it is now.
        const placed = stored && [...stored.events, ...stored.expectations].find(l => l.line === line);
        const current = placed ? placed.current : line - 1;
        if (current === undefined) return;
        const uri = vscode.Uri.parse(this.shown.uri);
        const document = await vscode.workspace.openTextDocument(uri);
        const text = document.lineAt(Math.min(current, document.lineCount - 1));
        const target = new vscode.Range(current, text.firstNonWhitespaceCharacterIndex, current, text.text.length);
        const editor = vscode.window.visibleTextEditors.find(e => e.document.uri.toString() === this.shown?.uri);
        const shown = await vscode.window.showTextDocument(document, {
            viewColumn: editor?.viewColumn ?? vscode.ViewColumn.One,
            selection: target,
            preserveFocus: false
        });
        shown.revealRange(target, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    }

    dispose(): void {
        this.panel?.dispose();
        this.subscriptions.forEach(s => s.dispose());
    }
}

/**
 * The line that offered an extent: the event the server names for it (`TimelineLine.extents`),
 * else the add at the time of its first point (the first event at that time when no add is there).
 */
export function extentLine(stored: StoredResult, extentId: string): number | undefined {
    const named = stored.events.find(l => l.extents?.includes(extentId));
    if (named) return named.line;
    const result = stored.params.result;
    const extent = result.extents.find(x => x.id === extentId);
    const t = extent?.timeline[0]?.t_ns;
    if (t === undefined) return undefined;
    const at = result.events.filter(e => e.t_ns === t);
    return (at.find(e => e.action === 'add') ?? at[0])?.line;
}
