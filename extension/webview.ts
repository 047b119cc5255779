/**
 * What the timeline and compare views share: a strict Content-Security-Policy page (no remote
 * content; the SVG inline, the stylesheet from the extension, one nonce'd script), HTML escaping,
 * and the messages the page posts back.
 */
import * as vscode from 'vscode';

/** Messages from a view's page. */
export type ViewMessage =
    | { type: 'reveal'; line: number }
    | { type: 'revealExtent'; extent: string };

/** Checks a message's shape (a page is untrusted input). */
export function parseViewMessage(value: unknown): ViewMessage | undefined {
    if (!value || typeof value !== 'object') return undefined;
    const m = value as Record<string, unknown>;
    if (m.type === 'reveal' && typeof m.line === 'number' && Number.isInteger(m.line) && m.line > 0) return { type: 'reveal', line: m.line };
    if (m.type === 'revealExtent' && typeof m.extent === 'string' && m.extent.length > 0) return { type: 'revealExtent', extent: m.extent };
    return undefined;
}

export function escapeHtml(text: string): string {
    return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** 32 random characters for a script nonce. */
export function nonce(): string {
    const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
    let out = '';
    for (let i = 0; i < 32; i++) out += chars.charAt(Math.floor(Math.random() * chars.length));
    return out;
}

/** The webview options of both views: scripts on, resources from `dist/extension` only. */
export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return {
        enableScripts: true,
        enableFindWidget: true,
        localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'extension')]
    };
}

/**
 * The page's script: a click (or Enter) on an element with `data-line` (event markers, event
 * labels, lane segments) asks to reveal that line; on a lane (`data-extent`) the extent's line.
 * The clicked lane is outlined.
 */
const SCRIPT = `
(function () {
    const vscode = acquireVsCodeApi();
    for (const el of document.querySelectorAll('svg [data-line], svg [data-extent]')) {
        el.setAttribute('tabindex', '0');
        el.setAttribute('focusable', 'true');
    }
    function act(target) {
        if (!(target instanceof Element)) return;
        const lane = target.closest('[data-extent]');
        for (const el of document.querySelectorAll('.selected')) el.classList.remove('selected');
        if (lane) lane.classList.add('selected');
        const marked = target.closest('[data-line]');
        if (marked) {
            const line = Number(marked.getAttribute('data-line'));
            if (line > 0) { vscode.postMessage({ type: 'reveal', line }); return; }
        }
        if (lane) vscode.postMessage({ type: 'revealExtent', extent: lane.getAttribute('data-extent') });
    }
    document.addEventListener('click', (e) => act(e.target));
    document.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') act(e.target); });
})();
`;

/** A whole page: CSP, the stylesheet, the body, the script. */
export function page(webview: vscode.Webview, extensionUri: vscode.Uri, title: string, body: string): string {
    const n = nonce();
    const css = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'extension', 'timeline.css'));
    const csp = [
        "default-src 'none'",
        'img-src data:',
        `style-src ${webview.cspSource}`,
        `script-src 'nonce-${n}'`
    ].join('; ');
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${css.toString()}">
<title>${escapeHtml(title)}</title>
</head>
<body>
${body}
<script nonce="${n}">${SCRIPT}</script>
</body>
</html>`;
}
