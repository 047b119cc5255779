/**
 * The dcdpolicy playground: monaco-editor with the dcdpolicy language server in a web worker
 * (diagnostics, hover, completion, the Run-simulation code lens, the inline timeline — all from
 * the server, through monaco's `MonacoLspClient`), a results panel, the bundled samples, a
 * kernel-profile switch, and sharing by URL. Static: nothing is fetched from, or sent to,
 * anywhere but the page's own origin.
 */
import './style.css';
import { createTransportToWorker, MonacoLspClient } from 'monaco-lsp-client';
import samples from 'virtual:samples';
import type { KernelProfile } from '../language/model/types.js';
import type { CompareKernelsResult, RunSimulationResult, SimulationResultParams } from '../server/protocol.js';
import { byId, h } from './dom.js';
import { createEditor, installWorkers, LANGUAGE_ID, monaco, registerLanguage } from './editor.js';
import { COMMANDS, DcdPolicyConnection, ServerError } from './lsp.js';
import { ResultsPanel, type PanelState } from './results.js';
import { codeFragment, readFragment } from './share.js';

const DEFAULT_SAMPLE = 'flagship-sysram-private-pool.dcdpolicy';
const SHARED_NAME = 'shared.dcdpolicy';
/** LSP error codes the panel does not report: the run was superseded by an edit, or cancelled. */
const CONTENT_MODIFIED = -32801;
const REQUEST_CANCELLED = -32800;

installWorkers();
registerLanguage();

const serverStatus = byId('server-status');
/** Started by boot.js before this bundle was evaluated (or here, when boot.js did not run). */
const booted = globalThis as unknown as { dcdpolicyServerWorker?: Worker; dcdpolicyServerError?: string };
const worker = booted.dcdpolicyServerWorker ?? new Worker(new URL('./server.worker.js', import.meta.url), { name: 'dcdpolicy language server' });
worker.addEventListener('error', event => setStatus('failed', `language server failed: ${event.message || 'could not start'}`));
if (booted.dcdpolicyServerError) setStatus('failed', `language server failed: ${booted.dcdpolicyServerError}`);
const connection = new DcdPolicyConnection(createTransportToWorker(worker));
// The client first: its `initialize` reaches the server while monaco builds the editor.
new MonacoLspClient(connection.transport);
const editor = createEditor(byId('editor'));

function setStatus(state: 'starting' | 'ready' | 'failed', text: string): void {
    serverStatus.dataset.state = state;
    serverStatus.textContent = text;
}

// ── The code lens commands run through the server ───────────────────────────────────────────

/** monaco asks its providers for lenses again when one of them says so; this one has no lenses of its own. */
const lensRefresh = new monaco.Emitter<monaco.languages.CodeLensProvider>();
const refreshingLenses: monaco.languages.CodeLensProvider = {
    onDidChange: lensRefresh.event,
    provideCodeLenses: () => ({ lenses: [], dispose: () => undefined })
};
monaco.languages.registerCodeLensProvider(LANGUAGE_ID, refreshingLenses);
connection.onCodeLensRefresh(() => lensRefresh.fire(refreshingLenses));

monaco.editor.registerCommand(COMMANDS.runSimulation, (_accessor, uri: unknown, scenario: unknown, path: unknown) => {
    if (typeof uri === 'string' && typeof scenario === 'string') void runScenario(uri, scenario, typeof path === 'string' ? path : undefined);
});
monaco.editor.registerCommand(COMMANDS.showTimeline, (_accessor, uri: unknown, scenario: unknown) => {
    if (typeof uri !== 'string' || typeof scenario !== 'string') return;
    select(scenario);
    void connection.executeCommand<boolean>(COMMANDS.showTimeline, [uri, scenario]).catch(reportError);
});

// ── The document ─────────────────────────────────────────────────────────────────────────────

interface DocumentState {
    model: monaco.editor.ITextModel;
    /** The uri as the server knows it (monaco's client lower-cases it). */
    uri: string;
    /** The sample it was loaded from, and the model's alternative version id while its text is the sample's (undo returns to it). */
    sample?: { name: string; pristine: number };
    /** Latest result per scenario, in the order the server sent them. */
    runs: Map<string, SimulationResultParams>;
    /** Compare results per scenario, for one version of the text. */
    compares: Map<string, { version: number; value: CompareKernelsResult | { error: string } | 'loading' }>;
    ranInitially: boolean;
    /** Tag names (name → uuid) of the text the latest result ran on, for the timeline's lane labels. */
    tags: Record<string, string>;
}

const panelState: PanelState = { scenarios: [], stale: false, running: false, tags: {} };
let doc: DocumentState | undefined;

const panel = new ResultsPanel(byId('results'), {
    scenarioPicker: byId<HTMLSelectElement>('scenario-picker'),
    kernelSwitch: byId('kernel-switch'),
    summary: byId('summary'),
    notice: byId('notice'),
    body: byId('results-body')
}, {
    reveal: line => reveal(line),
    selectScenario: name => select(name),
    selectKernel: kernel => selectKernel(kernel)
});

function serverUri(model: monaco.editor.ITextModel): string {
    return model.uri.toString(true).toLowerCase();
}

/** Replaces the document (a sample, or a shared text); the server sees a close and an open. */
function openDocument(name: string, text: string, sample?: string): void {
    const safe = name.toLowerCase().replace(/[^a-z0-9._-]+/g, '-');
    const uri = monaco.Uri.parse(`file:///playground/${safe}`);
    editor.getModel()?.dispose();
    const model = monaco.editor.createModel(text, LANGUAGE_ID, uri);
    editor.setModel(model);
    doc = {
        model, uri: serverUri(model), runs: new Map(), compares: new Map(), ranInitially: false, tags: tagNames(text),
        ...(sample ? { sample: { name: sample, pristine: model.getAlternativeVersionId() } } : {})
    };
    Object.assign(panelState, { scenarios: [], selected: undefined, run: undefined, stale: false, running: false, kernel: undefined, compare: undefined, error: undefined });
    byId('file-name').textContent = `${safe}`;
    samplePicker.value = sample ?? '';
    renderProblems();
    refreshPanel();
    editor.focus();
}

function tagNames(text: string): Record<string, string> {
    const tags: Record<string, string> = {};
    for (const m of text.matchAll(/^\s*tag\s+([A-Za-z_][\w-]*)\s*=\s*([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})/gm)) {
        tags[m[1]!] = m[2]!.toLowerCase();
    }
    return tags;
}

// ── Simulation results ───────────────────────────────────────────────────────────────────────

connection.onSimulationResult(params => {
    if (!doc || params.uri !== doc.uri) return;
    doc.runs.set(params.scenario, params);
    if (params.version === doc.model.getVersionId()) doc.tags = tagNames(doc.model.getValue());
    if (panelState.selected === undefined || !doc.runs.has(panelState.selected)) panelState.selected = params.scenario;
    if (params.scenario === panelState.selected) panelState.running = false;
    refreshPanel();
    if (params.scenario === panelState.selected) scheduleCompare();
});

connection.onDiagnostics(uri => {
    if (!doc || uri !== doc.uri || doc.ranInitially) return;
    // The server has built the document: show every scenario's results straight away.
    doc.ranInitially = true;
    const current = doc;
    connection.executeCommand(COMMANDS.runAllTests, [current.uri]).catch(err => { if (doc === current) reportError(err); });
});

async function runScenario(uri: string, scenario: string, path?: string): Promise<void> {
    if (!doc || uri !== doc.uri) return;
    select(scenario);
    panelState.running = true;
    panelState.error = undefined;
    refreshPanel();
    try {
        const summary = await connection.executeCommand<RunSimulationResult>(COMMANDS.runSimulation, [uri, scenario, path]);
        if (summary.failure) panelState.error = summary.failure.message;
    } catch (err) {
        reportError(err);
    } finally {
        panelState.running = false;
        refreshPanel();
    }
}

function reportError(err: unknown): void {
    if (err instanceof ServerError && (err.code === CONTENT_MODIFIED || err.code === REQUEST_CANCELLED)) return;
    panelState.error = err instanceof Error ? err.message : String(err);
    refreshPanel();
}

function select(scenario: string): void {
    if (panelState.selected !== scenario) {
        panelState.selected = scenario;
        panelState.error = undefined;
    }
    refreshPanel();
    scheduleCompare();
}

function selectKernel(kernel: KernelProfile | undefined): void {
    panelState.kernel = kernel;
    refreshPanel();
}

let compareTimer: ReturnType<typeof setTimeout> | undefined;
/** Runs the selected scenario under every profile (once per version of the text). */
function scheduleCompare(): void {
    clearTimeout(compareTimer);
    compareTimer = setTimeout(() => {
        const current = doc;
        const scenario = panelState.selected;
        const run = scenario ? current?.runs.get(scenario) : undefined;
        if (!current || !scenario || !run) return;
        const version = run.version ?? -1;
        const cached = current.compares.get(scenario);
        if (cached && cached.version === version && cached.value !== 'loading') return;
        current.compares.set(scenario, { version, value: 'loading' });
        refreshPanel();
        connection.executeCommand<CompareKernelsResult>(COMMANDS.compareKernels, [current.uri, scenario])
            .then(value => current.compares.set(scenario, { version, value }))
            .catch(err => {
                if (err instanceof ServerError && (err.code === CONTENT_MODIFIED || err.code === REQUEST_CANCELLED)) current.compares.delete(scenario);
                else current.compares.set(scenario, { version, value: { error: err instanceof Error ? err.message : String(err) } });
            })
            .finally(() => { if (doc === current) refreshPanel(); });
    }, 60);
}

let panelFrame = 0;
/** Redraws the panel on the next frame (many notifications may arrive at once). */
function refreshPanel(): void {
    if (panelFrame) return;
    panelFrame = requestAnimationFrame(() => {
        panelFrame = 0;
        const current = doc;
        panelState.scenarios = current ? [...current.runs.keys()] : [];
        panelState.run = current && panelState.selected ? current.runs.get(panelState.selected) : undefined;
        panelState.stale = !!(current && panelState.run && panelState.run.version !== undefined && panelState.run.version !== current.model.getVersionId());
        const compare = current && panelState.selected ? current.compares.get(panelState.selected) : undefined;
        panelState.compare = compare?.value;
        panelState.tags = current?.tags ?? {};
        panel.render(panelState);
    });
}

function reveal(line: number): void {
    const model = editor.getModel();
    if (!model) return;
    const lineNumber = Math.min(Math.max(1, line), model.getLineCount());
    const column = model.getLineFirstNonWhitespaceColumn(lineNumber) || 1;
    editor.setPosition({ lineNumber, column });
    editor.revealLineInCenterIfOutsideViewport(lineNumber);
    editor.focus();
}

// ── Problems (the server's diagnostics, as monaco markers) ───────────────────────────────────

function renderProblems(): void {
    const model = editor.getModel();
    const markers = model ? monaco.editor.getModelMarkers({ resource: model.uri }) : [];
    markers.sort((a, b) => b.severity - a.severity || a.startLineNumber - b.startLineNumber || a.startColumn - b.startColumn);
    const errors = markers.filter(m => m.severity === monaco.MarkerSeverity.Error).length;
    const warnings = markers.filter(m => m.severity === monaco.MarkerSeverity.Warning).length;
    const others = markers.length - errors - warnings;
    const counts = [errors && `${errors} error${errors === 1 ? '' : 's'}`, warnings && `${warnings} warning${warnings === 1 ? '' : 's'}`, others && `${others} info`]
        .filter(Boolean).join(' · ');
    byId('problem-counts').textContent = counts || 'no problems';
    const box = byId('problems');
    box.dataset.count = String(markers.length);
    box.dataset.errors = String(errors);
    byId('problem-list').replaceChildren(...markers.slice(0, 200).map(m => {
        const severity = m.severity === monaco.MarkerSeverity.Error ? 'error' : m.severity === monaco.MarkerSeverity.Warning ? 'warning' : 'info';
        const code = typeof m.code === 'string' ? m.code : m.code?.value;
        const item = h('li', { class: severity, 'data-line': m.startLineNumber, tabindex: 0, title: 'Go to the problem' },
            h('span', { class: 'sev' }, severity === 'error' ? '⊗' : severity === 'warning' ? '⚠' : 'ⓘ'),
            h('span', { class: 'pos' }, `${m.startLineNumber}:${m.startColumn}`),
            h('span', { class: 'msg' }, m.message),
            code ? h('span', { class: 'code' }, code) : null);
        const go = () => {
            editor.setPosition({ lineNumber: m.startLineNumber, column: m.startColumn });
            editor.revealLineInCenterIfOutsideViewport(m.startLineNumber);
            editor.focus();
        };
        item.addEventListener('click', go);
        item.addEventListener('keydown', e => { if (e.key === 'Enter') go(); });
        return item;
    }));
}
monaco.editor.onDidChangeMarkers(uris => {
    const model = editor.getModel();
    if (model && uris.some(u => u.toString() === model.uri.toString())) renderProblems();
});

// ── Samples and sharing ──────────────────────────────────────────────────────────────────────

const samplePicker = byId<HTMLSelectElement>('sample-picker');
samplePicker.replaceChildren(
    h('option', { value: '', disabled: true }, '(edited / shared policy)'),
    ...samples.map(s => h('option', { value: s.name }, s.name.replace(/\.dcdpolicy$/, '')))
);
samplePicker.addEventListener('change', async () => {
    const sample = samples.find(s => s.name === samplePicker.value);
    if (!sample) return;
    await flushFragment();
    history.pushState(null, '', `#sample=${encodeURIComponent(sample.name)}`);
    openDocument(sample.name, sample.text, sample.name);
});

function isPristineSample(d: DocumentState): boolean {
    return d.sample !== undefined && d.model.getAlternativeVersionId() === d.sample.pristine;
}

let fragmentTimer: ReturnType<typeof setTimeout> | undefined;
/** The URL fragment always holds the current text (replaced, not pushed: typing makes no history). */
async function flushFragment(): Promise<void> {
    clearTimeout(fragmentTimer);
    fragmentTimer = undefined;
    const current = doc;
    if (!current) return;
    const fragment = isPristineSample(current) ? `sample=${encodeURIComponent(current.sample!.name)}` : await codeFragment(current.model.getValue());
    // Another document may have been opened while the text was compressed.
    if (doc === current && location.hash !== `#${fragment}`) history.replaceState(null, '', `#${fragment}`);
}

editor.onDidChangeModelContent(() => {
    // O(1) per keystroke: the alternative version id comes back to its first value when undo does.
    if (doc?.sample) samplePicker.value = isPristineSample(doc) ? doc.sample.name : '';
    clearTimeout(fragmentTimer);
    fragmentTimer = setTimeout(() => void flushFragment(), 400);
    refreshPanel();
});

async function loadFragment(): Promise<void> {
    const source = await readFragment(location.hash);
    if (source.kind === 'code') {
        openDocument(SHARED_NAME, source.text);
        return;
    }
    const named = source.kind === 'sample' ? samples.find(s => s.name === source.name) : undefined;
    const sample = named ?? samples.find(s => s.name === DEFAULT_SAMPLE) ?? samples[0];
    if (!sample) {
        openDocument('untitled.dcdpolicy', '');
        return;
    }
    openDocument(sample.name, sample.text, sample.name);
    if (source.kind === 'error') toast(source.message);
    else if (source.kind === 'sample' && !named) toast(`No sample named ${source.name}; showing ${sample.name}.`);
}
// Back/forward and a fragment typed into the address bar (both fire popstate).
window.addEventListener('popstate', () => void loadFragment());

byId('share').addEventListener('click', async () => {
    await flushFragment();
    try {
        await navigator.clipboard.writeText(location.href);
        toast('Link copied. The policy is in the link itself (after #); nothing was uploaded.');
    } catch {
        toast('The link in the address bar now holds the policy (after #); copy it from there.');
    }
});

let toastTimer: ReturnType<typeof setTimeout> | undefined;
function toast(text: string): void {
    const element = byId('toast');
    element.textContent = text;
    element.hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(() => { element.hidden = true; }, 4000);
}

// ── Layout: the splitter between the editor and the panel ────────────────────────────────────

const splitter = byId('splitter');
const workbench = splitter.parentElement!;
function setPanelWidth(px: number): void {
    const clamped = Math.min(Math.max(px, 360), Math.max(360, workbench.clientWidth - 420));
    workbench.style.setProperty('--panel-width', `${clamped}px`);
}
splitter.addEventListener('pointerdown', event => {
    splitter.setPointerCapture(event.pointerId);
    const move = (e: PointerEvent) => setPanelWidth(workbench.getBoundingClientRect().right - e.clientX);
    const up = () => {
        splitter.removeEventListener('pointermove', move);
        splitter.removeEventListener('pointerup', up);
        refreshPanel();
    };
    splitter.addEventListener('pointermove', move);
    splitter.addEventListener('pointerup', up);
});
splitter.addEventListener('keydown', event => {
    const current = byId('results').getBoundingClientRect().width;
    if (event.key === 'ArrowLeft') setPanelWidth(current + 24);
    else if (event.key === 'ArrowRight') setPanelWidth(current - 24);
    else return;
    event.preventDefault();
    refreshPanel();
});
let lastBodyWidth = 0;
new ResizeObserver(entries => {
    const width = Math.round(entries[0]?.contentRect.width ?? 0);
    if (Math.abs(width - lastBodyWidth) >= 8) {
        lastBodyWidth = width;
        refreshPanel();
    }
}).observe(byId('results-body'));

// ── Start ────────────────────────────────────────────────────────────────────────────────────

connection.onReady(() => setStatus('ready', 'language server ready'));
void loadFragment();

/** A handle for debugging in the console and for the browser tests. */
(globalThis as unknown as { dcdpolicyPlayground: unknown }).dcdpolicyPlayground = { monaco, editor, connection };
