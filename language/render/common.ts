/**
 * What the text and SVG timelines share: the order and classes of states and outcomes, the
 * summary line, the time range of a result, and an extent timeline cut into segments.
 */
import type { EventOutcome, EventResult, ExtentResult, ExtentState, ScenarioResult, TimelinePoint } from '../model/types.js';
import { plural } from './format.js';

/** Every extent state, in the order legends list them (the order of LANGUAGE.md §3.3). */
export const EXTENT_STATES: readonly ExtentState[] = [
    'staged', 'accepted', 'claimed', 'online', 'released', 'rejected', 'refused', 'failed', 'leaked'
];

/** Every event outcome, in the fixed order of LANGUAGE.md §3.3 (the summary line uses it). */
export const EVENT_OUTCOMES: readonly EventOutcome[] = [
    'accepted', 'rejected', 'refused', 'released', 'deferred', 'ignored', 'acknowledged', 'ok', 'failed', 'partial'
];

/**
 * States after which the extent no longer exists (gone back to the device, or never taken):
 * drawn as a mark at the moment they happen, not as a bar.
 */
export const ENDING_STATES: ReadonlySet<ExtentState> = new Set<ExtentState>(['released', 'rejected', 'refused']);

/** How an outcome reads at a glance: good (it did what was asked), warn (nothing happened yet/partly), bad. */
export type OutcomeClass = 'good' | 'warn' | 'bad';

export function outcomeClass(outcome: EventOutcome): OutcomeClass {
    switch (outcome) {
        case 'rejected': case 'refused': case 'failed': return 'bad';
        case 'deferred': case 'ignored': case 'partial': return 'warn';
        default: return 'good';
    }
}

/** Which outcome class is worse (for several events drawn at one place). */
export function worseClass(a: OutcomeClass, b: OutcomeClass): OutcomeClass {
    const rank = { good: 0, warn: 1, bad: 2 };
    return rank[a] >= rank[b] ? a : b;
}

/** Events in time order: by time, then source order (LANGUAGE.md §3). */
export function eventsInTimeOrder(events: readonly EventResult[]): EventResult[] {
    return [...events].sort((a, b) => a.t_ns - b.t_ns || a.index - b.index);
}

/** The latest time in a result: of an event or of an extent timeline point (a timer may fire after the last event). */
export function lastTime(result: ScenarioResult): number {
    let max = 0;
    for (const e of result.events) if (e.t_ns > max) max = e.t_ns;
    for (const x of result.extents) for (const p of x.timeline) if (p.t_ns > max) max = p.t_ns;
    return max;
}

/**
 * `✓ 4 events · 3 accepted · 1 rejected · 2/2 expectations` (LANGUAGE.md §9): ✗ when any
 * expectation fails; one count per outcome present, in the order of `EVENT_OUTCOMES`; the
 * expectations part is `no expectations` when the scenario has none.
 */
export function summaryLine(result: ScenarioResult): string {
    const counts = new Map<EventOutcome, number>();
    for (const e of result.events) counts.set(e.outcome, (counts.get(e.outcome) ?? 0) + 1);
    const parts = [plural(result.events.length, 'event')];
    for (const o of EVENT_OUTCOMES) {
        const n = counts.get(o);
        if (n) parts.push(`${n} ${o}`);
    }
    // Outcomes outside the known list (a newer simulator) still count, after the known ones.
    for (const [o, n] of [...counts].sort(([a], [b]) => a.localeCompare(b))) {
        if (!EVENT_OUTCOMES.includes(o)) parts.push(`${n} ${o}`);
    }
    const total = result.expectations.length;
    const passed = result.expectations.filter(x => x.passed).length;
    parts.push(total === 0 ? 'no expectations' : `${passed}/${total} ${total === 1 ? 'expectation' : 'expectations'}`);
    return `${passed === total ? '✓' : '✗'} ${parts.join(' · ')}`;
}

/** One stretch of an extent's life. */
export interface Segment {
    state: ExtentState;
    point: TimelinePoint;
    startNs: number;
    /** When the next point starts; `undefined`: lasts to the end of the axis. */
    endNs: number | undefined;
    /** An ending state (released, rejected, refused): drawn as a mark at `startNs`. */
    ending: boolean;
}

/** An extent's timeline as segments (points sorted by time, stable). */
export function segmentsOf(extent: ExtentResult): Segment[] {
    const points = extent.timeline.length > 0
        ? [...extent.timeline].map((p, i) => ({ p, i })).sort((a, b) => a.p.t_ns - b.p.t_ns || a.i - b.i).map(x => x.p)
        : [];
    return points.map((p, i) => ({
        state: p.state,
        point: p,
        startNs: p.t_ns,
        endNs: i + 1 < points.length ? points[i + 1]!.t_ns : undefined,
        ending: ENDING_STATES.has(p.state)
    }));
}

/** The events at exactly time `t` (for "what happened then" in tooltips). */
export function eventsAt(events: readonly EventResult[], t: number): EventResult[] {
    return events.filter(e => e.t_ns === t);
}
