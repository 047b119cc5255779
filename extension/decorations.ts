/**
 * The inline timeline as VS Code decorations (LANGUAGE.md §9): after every event line its
 * outcome and where its extents went, after every expectation ✓ or ✗ with the actual value —
 * the words the server sends in `dcdpolicy/simulationResult` — each with a markdown hover
 * holding the full result (outcome, reason, errno, the model's detail, every extent's path), the
 * way OPA's Regal shows Evaluate results. Failed expectations are drawn in the error colour and
 * marked in the overview ruler.
 *
 * In VS Code these decorations replace the server's timeline inlay hints (the same words; see
 * {@link InlineTimeline.filterInlayHints}); `dcdpolicy.inlayHints.timeline` turns both off.
 */
import * as vscode from 'vscode';
import type { EventResult, ExpectationResult, ExtentResult, ScenarioResult } from '../language/model/types.js';
import { outcomeClass } from '../language/render/common.js';
import { formatDuration, formatPath, formatSize } from '../language/render/format.js';
import { LANGUAGE_ID } from '../server/protocol.js';
import type { PlacedLine, ResultStore, StoredResult } from './results.js';

const SETTING = 'inlayHints.timeline';

/** Colours contributed in package.json (`contributes.colors`), so themes can change them. */
function colors() {
    return {
        event: new vscode.ThemeColor('dcdpolicy.inlineTimeline.foreground'),
        badEvent: new vscode.ThemeColor('dcdpolicy.inlineTimeline.unfavourableForeground'),
        passed: new vscode.ThemeColor('dcdpolicy.inlineTimeline.passedForeground'),
        failed: new vscode.ThemeColor('dcdpolicy.inlineTimeline.failedForeground')
    };
}

function afterType(color: vscode.ThemeColor, after: vscode.ThemableDecorationAttachmentRenderOptions = {}, extra: vscode.DecorationRenderOptions = {}): vscode.TextEditorDecorationType {
    return vscode.window.createTextEditorDecorationType({
        after: { color, margin: '0 0 0 2.5ch', fontStyle: 'normal', ...after },
        rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
        ...extra
    });
}

/** `accepted`, `rejected: tag-mismatch (EINVAL)`: the outcome words, as the server writes them. */
function outcomeWords(e: Pick<EventResult, 'outcome' | 'reason' | 'errno'>): string {
    let text: string = e.outcome;
    if (e.reason) text += `: ${e.reason}`;
    if (e.errno && e.errno !== e.reason) text += e.reason ? ` (${e.errno})` : `: ${e.errno}`;
    return text;
}

/** Markdown-escapes text for a hover. */
function md(text: string): string {
    return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, ch => `\\${ch}`);
}

/**
 * Extents whose timeline changed at the event's time. The server does not (yet) say which
 * extents an event touched (`TimelineLine.tooltip` would carry it); this is what the result shows.
 */
function extentsAt(result: ScenarioResult, e: EventResult, line: PlacedLine): ExtentResult[] {
    if (line.extents) return result.extents.filter(x => line.extents!.includes(x.id));
    return result.extents.filter(x => x.timeline.some(p => p.t_ns === e.t_ns));
}

/** The hover of an event line: outcome, reason, errno, detail, extents' paths. */
export function eventHover(stored: StoredResult, e: EventResult, line: PlacedLine): vscode.MarkdownString {
    const hover = new vscode.MarkdownString(undefined, true);
    hover.supportThemeIcons = true;
    if (line.tooltip) {
        hover.appendMarkdown(line.tooltip);
    } else {
        const result = stored.params.result;
        hover.appendMarkdown(`**${md(e.label ?? e.action)}** · ${md(e.action)} at ${md(formatDuration(e.t_ns))} → **${md(outcomeWords(e))}**\n\n`);
        const facts: string[] = [`- outcome: \`${e.outcome}\``];
        if (e.reason) facts.push(`- reason: \`${e.reason}\``);
        if (e.errno) facts.push(`- errno: \`${e.errno}\``);
        hover.appendMarkdown(`${facts.join('\n')}\n\n`);
        if (e.detail) hover.appendMarkdown(`${md(e.detail)}\n\n`);
        const extents = extentsAt(result, e, line);
        if (extents.length > 0) {
            hover.appendMarkdown(line.extents ? 'Extents:\n\n' : `Extents that changed at ${md(formatDuration(e.t_ns))}:\n\n`);
            for (const x of extents) {
                hover.appendMarkdown(`- \`${x.id}\` ${md(formatSize(x.length))}${x.region ? ` · region ${md(x.region)}` : ''}: ${md(formatPath(x.timeline))}\n`);
            }
            hover.appendMarkdown('\n');
        }
    }
    hover.appendMarkdown(`\n---\n\nscenario \`${stored.params.scenario}\` · kernel \`${stored.params.result.kernel}\` · ${md(stored.params.summary)}`);
    if (stored.edited) hover.appendMarkdown(' · *from the last run; the file changed since*');
    return hover;
}

/** The hover of an expectation line: the claim, and what the simulation had. */
export function expectationHover(stored: StoredResult, x: ExpectationResult): vscode.MarkdownString {
    const hover = new vscode.MarkdownString(undefined, true);
    hover.supportThemeIcons = true;
    hover.appendMarkdown(x.passed
        ? `$(pass) **holds**: \`${x.text}\`\n\nthe simulation has \`${x.actual}\``
        : `$(error) **fails**: \`${x.text}\`\n\nthe simulation has \`${x.actual}\``);
    hover.appendMarkdown(`\n\n---\n\nscenario \`${stored.params.scenario}\` · kernel \`${stored.params.result.kernel}\``);
    return hover;
}

/** Draws the stored results of every visible dcdpolicy editor. */
export class InlineTimeline implements vscode.Disposable {
    private readonly colors = colors();
    private readonly types = {
        event: afterType(this.colors.event),
        passed: afterType(this.colors.passed),
        failed: afterType(this.colors.failed, { fontWeight: 'bold' }, {
            overviewRulerColor: this.colors.failed,
            overviewRulerLane: vscode.OverviewRulerLane.Right
        })
    };
    private readonly subscriptions: vscode.Disposable[] = [];
    /** Per document: the 0-based lines decorated now (for {@link filterInlayHints}). */
    private readonly drawn = new Map<string, Set<number>>();

    constructor(private readonly results: ResultStore) {
        this.subscriptions.push(
            ...Object.values(this.types),
            results.onDidChange(change => this.refresh(change.kind === 'removed' ? change.uri : change.stored.params.uri)),
            vscode.window.onDidChangeVisibleTextEditors(() => this.refreshAll()),
            vscode.workspace.onDidChangeConfiguration(e => {
                if (e.affectsConfiguration(`${LANGUAGE_ID}.${SETTING}`)) this.refreshAll();
            })
        );
    }

    private get enabled(): boolean {
        return vscode.workspace.getConfiguration(LANGUAGE_ID).get<boolean>(SETTING, true);
    }

    refreshAll(): void {
        const uris = new Set(vscode.window.visibleTextEditors.map(e => e.document.uri.toString()));
        for (const uri of uris) this.refresh(uri);
    }

    /** Draws one document's results in every visible editor showing it. */
    refresh(uri: string): void {
        const editors = vscode.window.visibleTextEditors.filter(e => e.document.uri.toString() === uri);
        const options = { event: [] as vscode.DecorationOptions[], passed: [] as vscode.DecorationOptions[], failed: [] as vscode.DecorationOptions[] };
        const lines = new Set<number>();
        if (this.enabled && editors.length > 0) {
            const document = editors[0]!.document;
            for (const stored of this.results.forDocument(uri)) {
                const result = stored.params.result;
                stored.events.forEach((line, i) => {
                    const event = result.events.find(e => e.line === line.line) ?? result.events[i];
                    if (line.current === undefined || line.current >= document.lineCount || !event) return;
                    const bad = outcomeClass(event.outcome) === 'bad';
                    options.event.push(this.at(document, line.current, line.text, eventHover(stored, event, line), bad ? this.colors.badEvent : undefined));
                    lines.add(line.current);
                });
                stored.expectations.forEach((line, i) => {
                    const verdict = result.expectations.find(x => x.line === line.line) ?? result.expectations[i];
                    if (line.current === undefined || line.current >= document.lineCount || !verdict) return;
                    options[verdict.passed ? 'passed' : 'failed'].push(this.at(document, line.current, line.text, expectationHover(stored, verdict)));
                    lines.add(line.current);
                });
            }
        }
        this.drawn.set(uri, lines);
        for (const editor of editors) {
            editor.setDecorations(this.types.event, options.event);
            editor.setDecorations(this.types.passed, options.passed);
            editor.setDecorations(this.types.failed, options.failed);
        }
    }

    /** A decoration after the text of a line (an empty range at its end, so the hover sits on the words). */
    private at(document: vscode.TextDocument, line: number, text: string, hover: vscode.MarkdownString, color?: vscode.ThemeColor): vscode.DecorationOptions {
        const end = document.lineAt(line).range.end;
        return {
            range: new vscode.Range(end, end),
            hoverMessage: hover,
            renderOptions: { after: { contentText: text, ...(color ? { color } : {}) } }
        };
    }

    /**
     * Inlay-hint middleware: drops the server's timeline hints on lines these decorations
     * already cover (the same words twice would only be noise); other hints pass through.
     */
    filterInlayHints(document: vscode.TextDocument, hints: vscode.InlayHint[] | null | undefined): vscode.InlayHint[] | null | undefined {
        if (!hints || document.languageId !== LANGUAGE_ID) return hints;
        const lines = this.drawn.get(document.uri.toString());
        if (!lines || lines.size === 0) return hints;
        return hints.filter(h => !lines.has(h.position.line));
    }

    dispose(): void {
        this.subscriptions.forEach(s => s.dispose());
    }
}
