/**
 * The discrete-event simulator: plays a scenario's events in (time, source) order against the
 * shared device model and the regions' policy, fires timers (the More-chain watchdog), and
 * checks expectations at their times (LANGUAGE.md §3, §8).
 */
import type {
    EventResult, ExpectationResult, ExpectationSpec, ScenarioResult, ScenarioSpec,
    SimulationOptions, World,
} from './types.js';
import { DEFAULT_MAX_EVENTS, Sim } from './context.js';
import type { EventRun } from './host/state.js';
import { actionWord, runEvent } from './actions.js';
import { evaluateExpectation } from './expectations.js';
import { regionResult } from './results.js';

function byTimeThenIndex(a: EventRun, b: EventRun): number {
    return a.spec.tNs - b.spec.tNs || a.spec.index - b.spec.index;
}

/** The runs in (time, index) order; a copy is sorted only when the source is not in order. */
function inOrder(runs: EventRun[]): EventRun[] {
    for (let i = 1; i < runs.length; i++) {
        if (byTimeThenIndex(runs[i - 1], runs[i]) > 0) return [...runs].sort(byTimeThenIndex);
    }
    return runs;
}

/**
 * Simulates one scenario. Deterministic: the same input gives a deep-equal result. Events run
 * ordered by (time, source index); a timer due at the same time as an event fires first (the
 * watchdog deadline has passed when the event arrives). An expectation `at T` sees every event
 * and timer at or before T; one without `at` sees the end, after every timer.
 * @throws SimulationBudgetError past `options.maxEvents` processed records, timers and actions
 */
export function simulateScenario(world: World, scenario: ScenarioSpec, options: SimulationOptions = {}): ScenarioResult {
    const sim = new Sim(world, scenario, options.maxEvents ?? DEFAULT_MAX_EVENTS);
    const runs: EventRun[] = scenario.events.map(spec => {
        const result: EventResult = {
            index: spec.index, label: spec.label ?? null, t_ns: spec.tNs, line: spec.line,
            action: actionWord(spec.action), outcome: 'ignored', reason: null, errno: null, detail: '',
        };
        const run: EventRun = { spec, result, done: false };
        if (spec.label !== undefined && !sim.labels.has(spec.label)) sim.labels.set(spec.label, run);
        return run;
    });
    const order = inOrder(runs);

    const verdicts = new Map<ExpectationSpec, ExpectationResult>();
    const timed = scenario.expectations.filter(x => x.atNs !== undefined).sort((a, b) => a.atNs! - b.atNs!);
    let xi = 0;
    let ei = 0;
    for (;;) {
        const nextEvent = ei < order.length ? order[ei].spec.tNs : Infinity;
        const nextTimer = sim.nextTimerAt();
        const next = Math.min(nextEvent, nextTimer);
        while (xi < timed.length && timed[xi].atNs! < next) {
            const x = timed[xi++];
            sim.now = Math.max(sim.now, x.atNs!);
            verdicts.set(x, evaluateExpectation(sim, x));
        }
        if (next === Infinity) break;
        if (nextTimer <= nextEvent) {
            sim.fireNextTimer();
        } else {
            const run = order[ei++];
            sim.now = run.spec.tNs;
            runEvent(sim, run);
        }
        sim.flushAnsweredAdds();
    }
    for (const x of scenario.expectations) if (!verdicts.has(x)) verdicts.set(x, evaluateExpectation(sim, x));

    for (const run of runs) {
        if (!run.done) {
            sim.finish(run, 'ignored', null, null, 'never answered: its More chain never closed (no watchdog on this kernel)');
        }
    }
    return {
        name: scenario.name,
        kernel: scenario.kernel,
        host: scenario.host.name,
        events: runs.map(r => r.result),
        extents: sim.extents,
        regions: [...sim.regions.values()].map(regionResult),
        dax: [...sim.dax.values()].map(d => d.result),
        expectations: scenario.expectations.map(x => verdicts.get(x)!),
    };
}
