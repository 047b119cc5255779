/**
 * The results panel beside the editor: for the selected scenario, the summary, the drawn
 * timeline (`renderSvgTimeline`, the drawing of `simulate --format svg`), the expectations
 * (✓/✗, each with a link to its line), the events, and the kernel profiles side by side (from
 * the server's `dcdpolicy.compareKernels`). A kernel-profile switch shows the scenario as it
 * would run under another profile. The panel only displays results: the simulator (in the
 * language server) decides every outcome.
 */
import { formatDuration, formatOutcome, outcomeClass, renderSvgTimeline, summaryLine } from '../language/render/index.js';
import { KERNEL_PROFILES, type EventResult, type KernelProfile, type ScenarioResult } from '../language/model/types.js';
import type { CompareKernelsResult, SimulationResultParams } from '../server/protocol.js';
import { h, type Child } from './dom.js';

/** What the panel shows; `render` draws it whole (the panel is small). */
export interface PanelState {
    /** Scenario names with a result, in the order the server sent them. */
    scenarios: string[];
    selected?: string;
    /** The selected scenario's latest result, under the file's own kernel profile. */
    run?: SimulationResultParams;
    /** The run is of an older text than the editor's. */
    stale: boolean;
    /** A run the user asked for is under way. */
    running: boolean;
    /** The profile the user picked; undefined: the file's own. */
    kernel?: KernelProfile;
    /** The selected scenario under every profile (for `run`'s version), or why it is missing. */
    compare?: CompareKernelsResult | { error: string } | 'loading';
    /** Tag names of the document (name → uuid), for the timeline's lane labels. */
    tags: Record<string, string>;
    /** A problem to show above the results (a failed run). */
    error?: string;
}

export interface PanelActions {
    reveal(line: number): void;
    selectScenario(name: string): void;
    selectKernel(kernel: KernelProfile | undefined): void;
}

export class ResultsPanel {
    /** What the parts were last drawn from: a part is drawn again only when its inputs change (typing must stay cheap). */
    private drawn: { picker?: string; kernels?: string; body?: readonly unknown[] } = {};

    constructor(
        private readonly root: HTMLElement,
        private readonly elements: {
            scenarioPicker: HTMLSelectElement; kernelSwitch: HTMLElement; summary: HTMLElement; notice: HTMLElement; body: HTMLElement;
        },
        private readonly actions: PanelActions
    ) {
        elements.scenarioPicker.addEventListener('change', () => actions.selectScenario(elements.scenarioPicker.value));
        // Line links anywhere in the panel (lists, table, the timeline's event markers) move the cursor.
        root.addEventListener('click', event => {
            const target = (event.target as Element | null)?.closest('[data-line]');
            const line = Number(target?.getAttribute('data-line'));
            if (target && Number.isInteger(line) && line > 0) {
                event.preventDefault();
                actions.reveal(line);
            }
        });
        root.addEventListener('keydown', event => {
            const target = event.target as Element | null;
            if ((event.key === 'Enter' || event.key === ' ') && target?.matches('a[data-line]')) {
                event.preventDefault();
                actions.reveal(Number(target.getAttribute('data-line')));
            }
        });
    }

    render(state: PanelState): void {
        const { scenarioPicker, kernelSwitch, summary, notice, body } = this.elements;
        const run = state.run;
        const fileKernel = run?.result.kernel;
        const shownKernel = state.kernel ?? fileKernel;
        const compared = typeof state.compare === 'object' && 'results' in state.compare ? state.compare : undefined;
        const shown: ScenarioResult | undefined = !run ? undefined
            : shownKernel === fileKernel ? run.result
                : compared?.results.find(r => r.kernel === shownKernel)?.result;

        this.root.dataset.state = !run ? 'empty' : state.stale ? 'stale' : 'fresh';
        this.root.dataset.kernel = shownKernel ?? '';

        // Scenario picker.
        const names = state.scenarios.length > 0 ? state.scenarios : state.selected ? [state.selected] : [];
        const pickerKey = JSON.stringify([names, state.selected]);
        if (this.drawn.picker !== pickerKey) {
            this.drawn.picker = pickerKey;
            scenarioPicker.replaceChildren(...names.map(name => h('option', { value: name, selected: name === state.selected }, name)));
            scenarioPicker.disabled = names.length === 0;
        }

        // Kernel switch: the file's own profile is marked.
        const kernelsKey = JSON.stringify([!!run, fileKernel, shownKernel]);
        if (this.drawn.kernels !== kernelsKey) {
            this.drawn.kernels = kernelsKey;
            kernelSwitch.replaceChildren(...KERNEL_PROFILES.map(kernel => {
                const button = h('button', {
                    type: 'button', role: 'radio', 'data-kernel': kernel, 'aria-checked': String(kernel === shownKernel),
                    disabled: !run, title: kernel === fileKernel ? `${kernel}: the kernel profile the file gives this scenario` : `Simulate this scenario under ${kernel}`
                }, kernel, kernel === fileKernel ? h('span', { class: 'file-mark' }, 'file') : null);
                button.addEventListener('click', () => this.actions.selectKernel(kernel === fileKernel ? undefined : kernel));
                return button;
            }));
        }

        // Summary.
        const line = shown ? summaryLine(shown) : run && state.compare === 'loading' ? 'simulating…' : '';
        summary.className = `summary ${shown ? (shown.expectations.every(x => x.passed) ? 'pass' : 'fail') : ''}`;
        summary.replaceChildren(...(shown ? [h('span', { class: 'kernel-badge' }, shown.kernel), ' ', line] : [line]));

        // Notices.
        const notes: Child[] = [];
        if (state.error) notes.push(h('p', { class: 'error' }, state.error));
        if (run && state.stale) notes.push(h('p', {}, 'The policy changed since this run; it runs again when you pause typing.'));
        if (run && shownKernel !== fileKernel) {
            notes.push(h('p', {}, `Simulated under `, h('b', {}, shownKernel ?? ''), ` instead of the file's `, h('b', {}, fileKernel ?? ''),
                '. The lenses and the inline timeline in the editor show the file\'s profile.'));
            if (state.compare && typeof state.compare === 'object' && 'error' in state.compare) notes.push(h('p', { class: 'error' }, state.compare.error));
        }
        if (run?.truncated) notes.push(h('p', {}, `A large scenario: showing the first ${run.result.events.length} of ${run.truncated.events} events and ${run.result.extents.length} of ${run.truncated.extents} extents.`));
        notice.replaceChildren(...notes.filter((n): n is Node => n instanceof Node));
        notice.hidden = notes.length === 0;

        const width = Math.max(480, Math.floor(body.clientWidth - 32));
        const bodyKey = [run, shown, state.compare, state.running, width, JSON.stringify(state.tags)];
        if (this.drawn.body && this.drawn.body.length === bodyKey.length && this.drawn.body.every((v, i) => v === bodyKey[i])) return;
        this.drawn.body = bodyKey;

        if (!run || !shown) {
            body.replaceChildren(run ? h('p', { class: 'placeholder' }, 'Simulating…')
                : state.running ? h('p', { class: 'placeholder' }, 'Simulating…')
                    : h('p', { class: 'placeholder' }, 'Simulation results appear here: click ', h('b', {}, '▶ Run simulation'),
                        ' above a scenario in the editor. A policy without a ', h('code', {}, 'scenario'), ' has nothing to simulate yet.'));
            return;
        }

        const timeline = h('div', { class: 'timeline', 'data-scenario': shown.name });
        // renderSvgTimeline escapes every text; presentation attributes only (no scripts, no styles).
        timeline.innerHTML = renderSvgTimeline(shown, { width, tags: state.tags });
        const eventTexts = shownKernel === fileKernel ? run.events : undefined;

        body.replaceChildren(
            section('Timeline', `${shown.extents.length} extent${shown.extents.length === 1 ? '' : 's'}`, timeline),
            section('Expectations', expectationCount(shown), expectationList(shown)),
            section('Events', `${shown.events.length}`, eventTable(shown, eventTexts)),
            section('Kernel profiles', 'the same scenario under each profile', compareTable(state, fileKernel, shownKernel, this.actions))
        );
    }
}

/** Text that wraps between words only, never inside `tagged-unsupported` or `0x10000000`. */
function words(text: string): DocumentFragment {
    const fragment = document.createDocumentFragment();
    text.split(/(\s+)/).forEach(part => {
        if (/^\s+$/.test(part)) fragment.append(' ');
        else if (part) fragment.append(h('span', { class: 'word' }, part));
    });
    return fragment;
}

function section(title: string, note: string, ...content: Child[]): HTMLElement {
    return h('section', { class: 'block', 'data-block': title.toLowerCase().replace(/\s+/g, '-') },
        h('h2', {}, title, note ? h('span', { class: 'note' }, note) : null), ...content);
}

function expectationCount(result: ScenarioResult): string {
    const passed = result.expectations.filter(x => x.passed).length;
    return result.expectations.length === 0 ? 'none' : `${passed}/${result.expectations.length} hold`;
}

function lineLink(line: number): HTMLElement {
    return h('a', { class: 'line-link', href: `#L${line}`, 'data-line': line, title: `Go to line ${line}`, tabindex: 0 }, `L${line}`);
}

function expectationList(result: ScenarioResult): HTMLElement {
    if (result.expectations.length === 0) return h('p', { class: 'placeholder' }, 'This scenario states no expectations.');
    return h('ul', { class: 'expectations' }, ...[...result.expectations].sort((a, b) => a.line - b.line).map(x =>
        h('li', { class: x.passed ? 'pass' : 'fail', 'data-line': x.line, title: x.passed ? `holds: ${x.actual}` : `expected ${x.text}; the simulation has ${x.actual}` },
            h('span', { class: 'mark', 'aria-label': x.passed ? 'passed' : 'failed' }, x.passed ? '✓' : '✗'),
            lineLink(x.line),
            h('code', {}, x.text),
            x.passed ? null : h('span', { class: 'actual' }, `actual ${x.actual}`))));
}

function byTime(events: readonly EventResult[]): EventResult[] {
    return [...events].sort((a, b) => a.t_ns - b.t_ns || a.index - b.index);
}

function eventTable(result: ScenarioResult, texts: ReadonlyArray<{ line: number; text: string }> | undefined): HTMLElement {
    if (result.events.length === 0) return h('p', { class: 'placeholder' }, 'No events.');
    const rows = byTime(result.events).map(e => {
        const text = texts?.[e.index]?.text ?? formatOutcome(e);
        return h('tr', { class: outcomeClass(e.outcome) },
            h('td', { class: 'time' }, formatDuration(e.t_ns)),
            h('td', {}, lineLink(e.line)),
            h('td', { class: 'what' }, h('span', { class: 'action' }, e.action), e.label ? ` ${e.label}` : ''),
            h('td', { class: 'outcome', title: e.detail }, words(text)));
    });
    return h('table', { class: 'events' }, h('tbody', {}, ...rows));
}

function compareTable(state: PanelState, fileKernel: KernelProfile | undefined, shownKernel: KernelProfile | undefined, actions: PanelActions): HTMLElement {
    const compare = state.compare;
    if (compare === undefined || compare === 'loading') return h('p', { class: 'placeholder' }, 'Comparing the kernel profiles…');
    if ('error' in compare) return h('p', { class: 'placeholder error' }, compare.error);
    const kernels = compare.results.map(r => r.kernel);
    const results = compare.results.map(r => r.result);
    const head = h('tr', {}, h('th', { class: 'key' }, ''), ...compare.results.map(r => {
        const button = h('button', { type: 'button', 'data-kernel': r.kernel, title: `Show the scenario under ${r.kernel}` },
            r.kernel, r.kernel === fileKernel ? h('span', { class: 'file-mark' }, 'file') : null);
        button.addEventListener('click', () => actions.selectKernel(r.kernel === fileKernel ? undefined : r.kernel));
        return h('th', { class: r.kernel === shownKernel ? 'shown' : '' }, button);
    }));
    const rows: HTMLElement[] = [];
    const cellClass = (i: number, extra = '') => `${kernels[i] === shownKernel ? 'shown' : ''} ${extra}`.trim();
    const row = (key: Child[], cells: Array<{ text: string; cls?: string; title?: string }>) => {
        const differs = new Set(cells.map(c => c.text)).size > 1;
        rows.push(h('tr', { class: differs ? 'differs' : '' },
            h('td', { class: 'key' }, h('span', { class: 'differs-mark', title: differs ? 'the profiles differ' : undefined }, differs ? '≠' : ''), ...key),
            ...cells.map((c, i) => h('td', { class: cellClass(i, c.cls), title: c.title }, words(c.text)))));
    };
    const groupRow = (title: string) => rows.push(h('tr', { class: 'group' }, h('td', { colspan: kernels.length + 1 }, title)));

    const first = results.find((r): r is ScenarioResult => r !== undefined);
    if (!first) return h('p', { class: 'placeholder error' }, compare.results.map(r => `${r.kernel}: ${r.summary}`).join('; '));

    groupRow('Events');
    for (const e of byTime(first.events)) {
        row([lineLink(e.line), ' ', h('span', { class: 'action' }, e.action), e.label ? ` ${e.label}` : ''], results.map(r => {
            const x = r?.events.find(y => y.index === e.index);
            return x ? { text: formatOutcome(x), cls: outcomeClass(x.outcome), title: x.detail } : { text: '—' };
        }));
    }
    if (first.expectations.length > 0) {
        groupRow('Expectations');
        for (const x of [...first.expectations].sort((a, b) => a.line - b.line)) {
            row([lineLink(x.line), ' ', h('code', {}, x.text)], results.map(r => {
                const y = r?.expectations.find(z => z.line === x.line);
                return !y ? { text: '—' } : y.passed ? { text: '✓', cls: 'good' } : { text: `✗ ${y.actual}`, cls: 'bad' };
            }));
        }
    }
    groupRow('Summary');
    row(['expectations'], compare.results.map(r => {
        const res = r.result;
        if (!res) return { text: r.summary, cls: 'bad' };
        const passed = res.expectations.filter(x => x.passed).length;
        const ok = passed === res.expectations.length;
        return { text: res.expectations.length === 0 ? '—' : `${ok ? '✓' : '✗'} ${passed}/${res.expectations.length}`, cls: ok ? 'good' : 'bad', title: summaryLine(res) };
    }));
    row(['events rejected, refused or failed'], results.map(r => {
        const n = r ? r.events.filter(e => outcomeClass(e.outcome) === 'bad').length : 0;
        return { text: r ? String(n) : '—', cls: n > 0 ? 'bad' : '' };
    }));
    return h('div', { class: 'compare-wrap' },
        h('table', { class: 'compare' }, h('thead', {}, head), h('tbody', {}, ...rows)),
        h('details', { class: 'cli-text' }, h('summary', {}, 'as ', h('code', {}, 'dcdpolicy compare'), ' prints it'), h('pre', {}, compare.text)));
}
