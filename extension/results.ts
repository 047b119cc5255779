/**
 * The simulation results the server sent (`dcdpolicy/simulationResult`), kept per document and
 * scenario so the decorations and the timeline view can draw them again (an editor comes back
 * into view, a panel is revealed). Lines follow the document's edits: a line below an edit moves
 * with it, a line the edit touched is dropped until the next run.
 */
import * as vscode from 'vscode';
import type { SimulationResultParams, TimelineLine } from '../server/protocol.js';

/** An inline-timeline line, where it is now (0-based) and where the run saw it (1-based). */
export interface PlacedLine extends TimelineLine {
    /** The current 0-based line; undefined once an edit touched it. */
    current: number | undefined;
    /** A markdown tooltip, when the server sends one (the decorations build their own otherwise). */
    tooltip?: string;
    /** The ids of the extents the event offered or released, when the server sends them. */
    extents?: string[];
}

/** One stored run. */
export interface StoredResult {
    key: string;
    params: SimulationResultParams;
    events: PlacedLine[];
    expectations: PlacedLine[];
    /** Set once the document changed after the run. */
    edited: boolean;
    /** When the result arrived. */
    received: Date;
}

/** The key of a scenario of a document. */
export function resultKey(uri: string, scenario: string): string {
    return `${uri}#${scenario}`;
}

function place(lines: readonly TimelineLine[]): PlacedLine[] {
    return lines.map(l => ({ ...l, current: l.line - 1 }));
}

/** What changed: a new result, a result's lines moved with an edit, a document's results gone. */
export type ResultChange =
    | { kind: 'result'; stored: StoredResult }
    | { kind: 'moved'; stored: StoredResult; firstEdit: boolean }
    | { kind: 'removed'; uri: string };

export class ResultStore implements vscode.Disposable {
    private readonly byKey = new Map<string, StoredResult>();
    private readonly changed = new vscode.EventEmitter<ResultChange>();
    readonly onDidChange = this.changed.event;
    private readonly subscriptions: vscode.Disposable[] = [this.changed];

    constructor() {
        this.subscriptions.push(
            vscode.workspace.onDidChangeTextDocument(e => this.follow(e)),
            vscode.workspace.onDidCloseTextDocument(doc => this.forget(doc.uri.toString()))
        );
    }

    /** Stores a notification's result, replacing the scenario's previous one. */
    set(sent: SimulationResultParams): StoredResult {
        // The uri as VS Code spells it, so it matches `document.uri.toString()`.
        const params = { ...sent, uri: vscode.Uri.parse(sent.uri).toString() };
        const stored: StoredResult = {
            key: resultKey(params.uri, params.scenario),
            params,
            events: place(params.events),
            expectations: place(params.expectations),
            edited: false,
            received: new Date()
        };
        this.byKey.set(stored.key, stored);
        this.changed.fire({ kind: 'result', stored });
        return stored;
    }

    get(uri: string, scenario: string): StoredResult | undefined {
        return this.byKey.get(resultKey(uri, scenario));
    }

    /** Every stored scenario of a document. */
    forDocument(uri: string): StoredResult[] {
        return [...this.byKey.values()].filter(r => r.params.uri === uri);
    }

    /** Resolves with the scenario's result once one arrives (now, if stored), or undefined after `ms`. */
    waitFor(uri: string, scenario: string, ms: number, after?: StoredResult): Promise<StoredResult | undefined> {
        const now = this.get(uri, scenario);
        if (now && now !== after) return Promise.resolve(now);
        return new Promise(resolve => {
            const key = resultKey(uri, scenario);
            const timer = setTimeout(() => { listener.dispose(); resolve(this.get(uri, scenario)); }, ms);
            const listener = this.onDidChange(change => {
                if (change.kind === 'result' && change.stored.key === key) {
                    clearTimeout(timer);
                    listener.dispose();
                    resolve(change.stored);
                }
            });
        });
    }

    /** Moves stored lines with a document's edits. */
    private follow(e: vscode.TextDocumentChangeEvent): void {
        if (e.contentChanges.length === 0) return;
        const uri = e.document.uri.toString();
        const results = this.forDocument(uri);
        if (results.length === 0) return;
        // Changes of one event do not overlap and refer to the document before the event;
        // applying them from the bottom up keeps every earlier range valid.
        const changes = [...e.contentChanges].sort((a, b) => b.range.start.line - a.range.start.line);
        for (const stored of results) {
            for (const change of changes) {
                const first = change.range.start.line;
                const last = change.range.end.line;
                const delta = change.text.split('\n').length - 1 - (last - first);
                // A change that ends at the start of a line with whole lines leaves that line's text alone.
                const wholeLines = change.range.end.character === 0 && (change.text === '' || change.text.endsWith('\n'));
                for (const line of [...stored.events, ...stored.expectations]) {
                    if (line.current === undefined) continue;
                    if (line.current > last || (line.current === last && wholeLines)) line.current += delta;
                    else if (line.current >= first) line.current = undefined;
                }
            }
            const firstEdit = !stored.edited;
            stored.edited = true;
            this.changed.fire({ kind: 'moved', stored, firstEdit });
        }
    }

    private forget(uri: string): void {
        let removed = false;
        for (const [key, stored] of this.byKey) {
            if (stored.params.uri === uri) {
                this.byKey.delete(key);
                removed = true;
            }
        }
        if (removed) this.changed.fire({ kind: 'removed', uri });
    }

    dispose(): void {
        this.subscriptions.forEach(s => s.dispose());
    }
}
