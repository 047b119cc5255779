/**
 * Runs simulations for the editor: the `dcdpolicy.runSimulation` / `runAllTests` /
 * `compareKernels` commands and the automatic runs of `dcdpolicy.simulation.auto`.
 *
 * A run takes a snapshot of the latest built workspace (under the workspace lock, after every
 * pending build), translates the scenarios with the CLI's translation, and simulates them one
 * at a time with `simulateScenario`. The simulator is synchronous, so before each scenario the
 * run yields to the event loop and checks its cancellation token and the document version: a
 * `$/cancelRequest` stops it (RequestCancelled), an edit of the document supersedes it
 * (ContentModified) and its results are discarded. `dcdpolicy.simulation.maxEvents` bounds how
 * long one scenario can hold the thread. Results are stored per document and scenario, sent as
 * one `dcdpolicy/simulationResult` notification per scenario, turned into diagnostics by the
 * 'simulation' validation category, and the client is asked to refresh lenses and hints.
 */
import { DocumentState, OperationCancelled, URI, type LangiumDocument } from 'langium';
import { CancellationTokenSource, ErrorCodes, LSPErrorCodes, ResponseError, type CancellationToken } from 'vscode-languageserver-protocol';
import { isScenario, type PolicyFile, type Scenario } from '../../language/generated/ast.js';
import { simulateScenario, SimulationBudgetError } from '../../language/model/index.js';
import type { KernelProfile, ScenarioResult, ScenarioSpec, World } from '../../language/model/types.js';
import { renderSvgTimeline, summaryLine } from '../../language/render/index.js';
import { buildScenario } from '../../language/translate/scenario.js';
import type { DcdPolicyLspServices } from '../dcdpolicy-lsp-module.js';
import type { RunFailure, ScenarioRunSummary, SimulationResultParams } from '../protocol.js';
import { fingerprint, yieldToEventLoop } from '../util.js';
import { eventExtents, eventLabel, expectationLabel } from './timeline.js';
import { DcdPolicyDocumentBuilder } from './document-builder.js';
import type { StoredRun } from './results.js';
import { SIMULATION_CATEGORY, SIMULATION_CODES } from './codes.js';

/** How long typing must pause before an `onType` run starts. */
export const ON_TYPE_DELAY_MS = 400;

/** Notifications carry at most this many events, extents and timeline lines of one result. */
export const NOTIFICATION_LIMIT = 5000;

/** Yields to the event loop when the current slice of synchronous work has run long enough. */
class TimeSlice {
    private last = performance.now();
    constructor(private readonly ms = 15) { }
    async yield(): Promise<void> {
        await yieldToEventLoop();
        this.last = performance.now();
    }
    async maybeYield(): Promise<void> {
        if (performance.now() - this.last >= this.ms) await this.yield();
    }
}

/** What to run. */
export interface RunRequest {
    /** One scenario by name; all scenarios of the document when absent. */
    scenario?: string;
    /** The scenario's AstNodeLocator path, used when no scenario has the name (renamed since the lens was drawn). */
    path?: string;
    /** Send the result notifications and refresh the client's lenses and hints (default true). */
    notify?: boolean;
    /** An automatic run: skipped when every scenario already has a result for this version. */
    auto?: boolean;
    cancelToken?: CancellationToken;
}

/** One scenario of a snapshot: everything the simulator needs, detached from the AST. */
interface SnapshotItem {
    name: string;
    path: string;
    fingerprint: number;
    spec: ScenarioSpec;
}

interface Snapshot {
    uri: string;
    version: number | undefined;
    world: World;
    items: SnapshotItem[];
}

/** A run in progress: cancelled by its request, or superseded by an edit of its document. */
interface ActiveRun {
    source: CancellationTokenSource;
    modified: boolean;
}

/** The outcome of simulating one scenario. */
interface Simulated {
    result?: ScenarioResult;
    failure?: RunFailure;
}

/** Counts of a stored run, as the commands return them. */
export function runSummary(run: Pick<StoredRun, 'scenario' | 'result' | 'failure'>): ScenarioRunSummary {
    const passed = run.result?.expectations.filter(x => x.passed).length ?? 0;
    const failed = (run.result?.expectations.length ?? 0) - passed;
    return {
        scenario: run.scenario,
        summary: run.result ? summaryLine(run.result) : run.failure?.message ?? '',
        passed, failed,
        ...(run.failure ? { failure: run.failure } : {})
    };
}

export class SimulationService {
    private readonly active = new Map<string, Set<ActiveRun>>();
    private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();

    constructor(private readonly services: DcdPolicyLspServices) {
        services.dcdpolicy.Settings.onChange((settings, previous) => {
            if (settings.inlayHints.timeline !== previous.inlayHints.timeline) services.dcdpolicy.SimulationClient.refreshInlayHints();
        });
    }

    private get shared() {
        return this.services.shared;
    }

    /**
     * Simulates the scenarios of a document on the latest built workspace and stores the results.
     * @throws OperationCancelled when the request is cancelled (the client gets RequestCancelled)
     * @throws ResponseError ContentModified when the document changed meanwhile (results discarded)
     * @throws ResponseError InvalidParams when the document or the scenario does not exist
     */
    async run(uri: URI, request: RunRequest = {}): Promise<StoredRun[]> {
        const key = uri.toString();
        const active = this.begin(key, request.cancelToken);
        try {
            const snapshot = await this.shared.workspace.WorkspaceLock.read(() => this.snapshot(uri, request));
            if (request.auto && this.alreadyCurrent(snapshot)) return this.services.dcdpolicy.SimulationResults.forDocument(key);
            const maxEvents = this.services.dcdpolicy.Settings.settings.simulation.maxEvents;
            const runs: StoredRun[] = [];
            const slice = new TimeSlice();
            await slice.yield();
            for (const item of snapshot.items) {
                await slice.maybeYield();
                this.checkCurrent(active, snapshot);
                const simulated = simulate(snapshot.world, item.spec, maxEvents);
                runs.push(this.storedRun(snapshot, item, simulated));
            }
            await slice.yield();
            this.checkCurrent(active, snapshot);
            const store = this.services.dcdpolicy.SimulationResults;
            for (const run of runs) store.set(run);
            if (request.notify !== false) {
                for (const run of runs) {
                    const params = notificationParams(run);
                    if (params) this.services.dcdpolicy.SimulationClient.notify(params);
                    await slice.maybeYield(); // drawing many timelines must not hold up hovers
                }
            }
            await this.validate(uri, snapshot.version);
            if (request.notify !== false) this.services.dcdpolicy.SimulationClient.refresh();
            return runs;
        } finally {
            this.end(key, active);
        }
    }

    /**
     * One scenario under several kernel profiles (`dcdpolicy compare`); nothing is stored.
     */
    async compare(uri: URI, scenario: string, kernels: readonly KernelProfile[], cancelToken?: CancellationToken): Promise<Array<{ kernel: KernelProfile } & Simulated>> {
        const key = uri.toString();
        const active = this.begin(key, cancelToken);
        try {
            const snapshots = await this.shared.workspace.WorkspaceLock.read(() => kernels.map(kernel => this.snapshot(uri, { scenario }, kernel)));
            const maxEvents = this.services.dcdpolicy.Settings.settings.simulation.maxEvents;
            const out: Array<{ kernel: KernelProfile } & Simulated> = [];
            const slice = new TimeSlice();
            for (let i = 0; i < kernels.length; i++) {
                await slice.yield();
                this.checkCurrent(active, snapshots[i]);
                out.push({ kernel: kernels[i], ...simulate(snapshots[i].world, snapshots[i].items[0].spec, maxEvents) });
            }
            this.checkCurrent(active, snapshots[0]);
            return out;
        } finally {
            this.end(key, active);
        }
    }

    /** Sends a stored result again (the summary lens's command). */
    show(uri: string, scenario: string): boolean {
        const run = this.services.dcdpolicy.SimulationResults.get(uri, scenario);
        const params = run ? notificationParams(run) : undefined;
        if (params) this.services.dcdpolicy.SimulationClient.notify(params);
        return params !== undefined;
    }

    /** An edit of a document: runs on it are superseded; `onType` schedules a new one. */
    documentChanged(uri: string): void {
        for (const run of this.active.get(uri) ?? []) {
            run.modified = true;
            run.source.cancel();
        }
        if (this.services.dcdpolicy.Settings.settings.simulation.auto === 'onType') this.schedule(uri, ON_TYPE_DELAY_MS);
    }

    /** A save: `onSave` and `onType` run the document's scenarios. */
    documentSaved(uri: string): void {
        if (this.services.dcdpolicy.Settings.settings.simulation.auto !== 'off') this.schedule(uri, 0);
    }

    /** A close: pending runs stop and the document's results are dropped. */
    documentClosed(uri: string): void {
        const timer = this.timers.get(uri);
        if (timer) clearTimeout(timer);
        this.timers.delete(uri);
        for (const run of this.active.get(uri) ?? []) run.source.cancel();
        this.services.dcdpolicy.SimulationResults.deleteDocument(uri);
    }

    /** Runs a document's scenarios automatically after `delayMs` (a later call replaces an earlier one). */
    schedule(uri: string, delayMs: number): void {
        const previous = this.timers.get(uri);
        if (previous) clearTimeout(previous);
        this.timers.set(uri, setTimeout(() => {
            this.timers.delete(uri);
            this.run(URI.parse(uri), { auto: true }).catch(err => {
                if (err === OperationCancelled || (err instanceof ResponseError && (err.code === LSPErrorCodes.ContentModified || err.code === ErrorCodes.InvalidParams))) return;
                console.error(`dcdpolicy: the automatic simulation of ${uri} failed:`, err);
            });
        }, delayMs));
    }

    private begin(key: string, cancelToken: CancellationToken | undefined): ActiveRun {
        const active: ActiveRun = { source: new CancellationTokenSource(), modified: false };
        cancelToken?.onCancellationRequested(() => active.source.cancel());
        if (cancelToken?.isCancellationRequested) active.source.cancel();
        let set = this.active.get(key);
        if (!set) this.active.set(key, (set = new Set()));
        set.add(active);
        return active;
    }

    private end(key: string, active: ActiveRun): void {
        const set = this.active.get(key);
        set?.delete(active);
        if (set?.size === 0) this.active.delete(key);
        active.source.dispose();
    }

    /** The version of a document as the client last sent it (the built one when it is not open). */
    private currentVersion(uri: string): number | undefined {
        const text = this.shared.workspace.TextDocuments.get(uri);
        if (text) return text.version;
        return this.services.dcdpolicy.WorkspaceModel.document(URI.parse(uri))?.textDocument.version;
    }

    private checkCurrent(active: ActiveRun, snapshot: Snapshot): void {
        if (active.modified || this.currentVersion(snapshot.uri) !== snapshot.version) {
            throw new ResponseError(LSPErrorCodes.ContentModified, `${snapshot.uri} changed while the simulation ran; its results were discarded`);
        }
        if (active.source.token.isCancellationRequested) throw OperationCancelled;
    }

    /** Every scenario already has a result for this version and text. */
    private alreadyCurrent(snapshot: Snapshot): boolean {
        const store = this.services.dcdpolicy.SimulationResults;
        return snapshot.items.every(item => {
            const run = store.get(snapshot.uri, item.name);
            return run !== undefined && run.version === snapshot.version && run.fingerprint === item.fingerprint;
        });
    }

    /** Detaches what the simulator needs from the AST (runs inside the workspace lock). */
    private snapshot(uri: URI, request: RunRequest, kernel?: KernelProfile): Snapshot {
        const model = this.services.dcdpolicy.WorkspaceModel;
        const document = model.document(uri);
        if (!document || document.state < DocumentState.Linked) {
            throw new ResponseError(ErrorCodes.InvalidParams, `no built .dcdpolicy document ${uri.toString()}`);
        }
        const world = model.world();
        const scenarios = selectScenarios(document, request, this.services);
        const locator = this.services.workspace.AstNodeLocator;
        return {
            uri: uri.toString(),
            version: document.textDocument.version,
            world,
            items: scenarios.map(node => ({
                name: node.name, path: locator.getAstNodePath(node), fingerprint: fingerprint(node), spec: buildScenario(node, world, kernel)
            }))
        };
    }

    private storedRun(snapshot: Snapshot, item: SnapshotItem, simulated: Simulated): StoredRun {
        const result = simulated.result;
        const extents = result ? eventExtents(item.spec, result) : [];
        return {
            uri: snapshot.uri, version: snapshot.version, scenario: item.name, fingerprint: item.fingerprint, path: item.path,
            result, failure: simulated.failure,
            eventLabels: result ? result.events.map((e, i) => eventLabel(e, (extents[i] ?? []).map(x => result.extents[x]))) : [],
            eventExtents: extents,
            expectationLabels: result ? result.expectations.map(expectationLabel) : [],
            tags: snapshot.world.tags
        };
    }

    /**
     * Runs the 'simulation' validation category on the document, so its diagnostics show the
     * stored results; every other category keeps its diagnostics. Inside a (normal) read of
     * the workspace lock: after pending builds, before the next edit's build.
     */
    private async validate(uri: URI, version: number | undefined): Promise<void> {
        const shared = this.shared;
        await shared.workspace.WorkspaceLock.read(async () => {
            const document = shared.workspace.LangiumDocuments.getDocument(uri);
            if (!document || document.textDocument.version !== version || this.currentVersion(uri.toString()) !== version) return;
            const builder = shared.workspace.DocumentBuilder;
            if (document.state < DocumentState.Validated) {
                // Never validated (a file the editor has not opened): every category.
                await builder.build([document], { validation: true });
                return;
            }
            // A category runs once per build of a version: newer results of this version re-run it alone.
            if (this.services.dcdpolicy.SimulationResults.wasChecked(uri.toString(), version) && builder instanceof DcdPolicyDocumentBuilder) {
                builder.resetValidationCategory(document, SIMULATION_CATEGORY, d => typeof d.code === 'string' && SIMULATION_CODES.has(d.code));
            }
            await builder.build([document], { validation: { categories: [SIMULATION_CATEGORY] } });
        });
    }
}

/** The scenarios a request names, in source order. */
function selectScenarios(document: LangiumDocument<PolicyFile>, request: RunRequest, services: DcdPolicyLspServices): Scenario[] {
    const all = document.parseResult.value.elements.filter(isScenario).filter(s => typeof s.name === 'string');
    if (request.scenario === undefined) return all;
    const named = all.filter(s => s.name === request.scenario);
    if (named.length > 0) return named.slice(0, 1);
    if (request.path) {
        const node = services.workspace.AstNodeLocator.getAstNode(document.parseResult.value, request.path);
        if (node && isScenario(node)) return [node];
    }
    throw new ResponseError(ErrorCodes.InvalidParams, `no scenario named '${request.scenario}' in ${document.uri.toString()}`);
}

function simulate(world: World, spec: ScenarioSpec, maxEvents: number): Simulated {
    try {
        return { result: simulateScenario(world, spec, { maxEvents }) };
    } catch (err) {
        if (err instanceof SimulationBudgetError) {
            return {
                failure: {
                    kind: 'budget-exceeded', maxEvents,
                    message: `⚠ stopped after ${maxEvents.toLocaleString('en-US')} simulation events (dcdpolicy.simulation.maxEvents); run \`dcdpolicy simulate\` for the whole scenario`
                }
            };
        }
        throw err;
    }
}

/** The notification of a stored run (none for a run that produced no result). */
export function notificationParams(run: StoredRun): SimulationResultParams | undefined {
    const result = run.result;
    if (!result) return undefined;
    const cut = result.events.length > NOTIFICATION_LIMIT || result.extents.length > NOTIFICATION_LIMIT;
    const events = result.events.slice(0, NOTIFICATION_LIMIT).map((e, i) => ({ line: e.line, text: run.eventLabels[i] ?? e.outcome }));
    const expectations = result.expectations.map((x, i) => ({ line: x.line, text: run.expectationLabels[i] ?? '' }));
    return {
        uri: run.uri,
        ...(run.version === undefined ? {} : { version: run.version }),
        scenario: run.scenario,
        result: cut ? { ...result, events: result.events.slice(0, NOTIFICATION_LIMIT), extents: result.extents.slice(0, NOTIFICATION_LIMIT) } : result,
        svg: renderSvgTimeline(result, { tags: run.tags }),
        summary: summaryLine(result),
        events,
        expectations,
        ...(cut ? { truncated: { events: result.events.length, extents: result.extents.length } } : {})
    };
}
