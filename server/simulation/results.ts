/**
 * The latest simulation result of every scenario, per document: what the code lens summary,
 * the inlay hints, the `showTimeline` command and the 'simulation' validation category read.
 */
import type { ScenarioResult } from '../../language/model/types.js';
import type { RunFailure } from '../protocol.js';

/** One scenario's latest run. */
export interface StoredRun {
    uri: string;
    /** The document version the run simulated. */
    version: number | undefined;
    scenario: string;
    /** `fingerprint()` of the scenario's text when it ran: the result belongs to that text. */
    fingerprint: number;
    /** The scenario's AstNodeLocator path when it ran. */
    path: string;
    result?: ScenarioResult;
    failure?: RunFailure;
    /** Per event index: the inline timeline text. */
    eventLabels: string[];
    /** Per event index: the indices into `result.extents` of the extents it offered. */
    eventExtents: number[][];
    /** Per expectation: `✓` or `✗ actual …`. */
    expectationLabels: string[];
    /** Tag names of the workspace (name → uuid) when it ran, for words in tooltips. */
    tags: Readonly<Record<string, string>>;
}

export class SimulationResults {
    private readonly byUri = new Map<string, Map<string, StoredRun>>();
    /** Document versions the 'simulation' validation category has run on. */
    private readonly checked = new Map<string, number | undefined>();

    get(uri: string, scenario: string): StoredRun | undefined {
        return this.byUri.get(uri)?.get(scenario);
    }

    /** Every stored run of a document. */
    forDocument(uri: string): StoredRun[] {
        return [...this.byUri.get(uri)?.values() ?? []];
    }

    set(run: StoredRun): void {
        let runs = this.byUri.get(run.uri);
        if (!runs) this.byUri.set(run.uri, (runs = new Map()));
        runs.set(run.scenario, run);
    }

    /** Forgets a document (closed or deleted). */
    deleteDocument(uri: string): void {
        this.byUri.delete(uri);
        this.checked.delete(uri);
    }

    /** The 'simulation' category ran on this version of the document. */
    markChecked(uri: string, version: number | undefined): void {
        this.checked.set(uri, version);
    }

    /** Has the 'simulation' category run on this version of the document? */
    wasChecked(uri: string, version: number | undefined): boolean {
        return this.checked.has(uri) && this.checked.get(uri) === version;
    }
}
