/**
 * Small formatting helpers shared by the renderers: sizes in binary units, durations, hex
 * offsets, tags, outcomes, and the "nice" time axis both timelines draw.
 *
 * Plain TypeScript with no imports beyond the model types: the SVG renderer runs in the CLI,
 * in the VS Code webview and in the browser playground.
 */
import type { EventResult, ExtentState, NodeState, TimelinePoint, Zone } from '../model/types.js';

// Sizes, durations and DPAs are printed as the model prints them (one rule, one place).
import { formatDuration, formatHex, formatSize } from '../model/format.js';

export { formatDuration, formatHex, formatSize };

/** Trims a number to at most `decimals` decimals, without trailing zeros (`1.5`, `20`, `0.125`). */
export function trimNumber(value: number, decimals = 3): string {
    const f = 10 ** decimals;
    const r = Math.round(value * f) / f;
    return Object.is(r, -0) ? '0' : String(r);
}

/**
 * A tag in short form: its name when `tagNames` knows the uuid, else the first uuid group with
 * an ellipsis (`5be13bce…`); `untagged` for null or the null uuid.
 */
export function formatTag(tag: string | null, tagNames?: Readonly<Record<string, string>>): string {
    if (tag === null || /^0{8}-0{4}-0{4}-0{4}-0{12}$/.test(tag)) return 'untagged';
    const name = tagNames?.[tag.toLowerCase()];
    if (name) return `tag ${name}`;
    const first = tag.split('-')[0] ?? tag;
    return `tag ${first.length < tag.length ? `${first}…` : tag}`;
}

/**
 * Inverts a `World.tags` map (name → uuid) into uuid → name for `formatTag`. When several names
 * share a uuid, the alphabetically first one wins (deterministic).
 */
export function invertTags(tags: Readonly<Record<string, string>> | undefined): Record<string, string> | undefined {
    if (!tags) return undefined;
    const out: Record<string, string> = {};
    for (const name of Object.keys(tags).sort()) {
        const uuid = tags[name]!.toLowerCase();
        if (!(uuid in out)) out[uuid] = name;
    }
    return out;
}

/**
 * An event's outcome in the words an expectation uses: `accepted`, `rejected tag-mismatch`,
 * `failed ENOMEM`, `deferred EBUSY`, `failed offline-busy (EBUSY)`.
 */
export function formatOutcome(event: Pick<EventResult, 'outcome' | 'reason' | 'errno'>): string {
    const parts: string[] = [event.outcome];
    if (event.reason) parts.push(event.reason);
    if (event.errno && event.errno !== event.reason) parts.push(event.reason ? `(${event.errno})` : event.errno);
    return parts.join(' ');
}

/** A timeline point's state with its zone, node state and reason: `online movable N_MEMORY_PRIVATE`, `rejected tag-mismatch`. */
export function formatPoint(point: { state: ExtentState; zone?: Zone | undefined; node_state?: NodeState | undefined; reason?: string | null | undefined }): string {
    const parts: string[] = [point.state];
    if (point.zone) parts.push(point.zone);
    if (point.node_state) parts.push(point.node_state);
    if (point.reason) parts.push(point.reason);
    return parts.join(' ');
}

/**
 * An extent's path, times shown when they change:
 * `0s staged ▸ accepted ▸ online movable N_MEMORY_PRIVATE ▸ 10s released`.
 */
export function formatPath(timeline: readonly TimelinePoint[], arrow = ' ▸ '): string {
    let last: number | undefined;
    return timeline.map(p => {
        const text = formatPoint(p);
        if (p.t_ns === last) return text;
        last = p.t_ns;
        return `${formatDuration(p.t_ns)} ${text}`;
    }).join(arrow);
}

/** The smallest step of the 1-2-2.5-5 × 10ⁿ series that is at least `raw` (nanoseconds, ≥ 1). */
export function niceStep(raw: number): number {
    if (!(raw > 1)) return 1;
    const pow = 10 ** Math.floor(Math.log10(raw));
    for (const m of [1, 2, 2.5, 5, 10]) {
        const step = m * pow;
        if (step >= raw && Number.isInteger(step)) return step;
    }
    return 10 * pow;
}

/** The time axis of a timeline: its end and its ticks, all in nanoseconds. */
export interface TimeAxis {
    /** The latest time anything happens. */
    maxNs: number;
    /** The right end of the axis (> maxNs, so markers at maxNs stay visible). */
    endNs: number;
    /** Tick times from 0, every `stepNs`, up to `endNs`. */
    ticks: number[];
    stepNs: number;
    /** The unit tick labels use (the same for every tick). */
    unit: { name: 's' | 'ms' | 'us' | 'ns'; ns: number };
}

/**
 * A linear axis over [0, maxNs + margin] with at most `maxTicks` intervals, ending on a tick.
 * A zero range (everything at 0s) gets an axis from 0s to 1s with the one tick 0s.
 */
export function timeAxis(maxNs: number, maxTicks: number): TimeAxis {
    const max = Math.max(0, Number.isFinite(maxNs) ? maxNs : 0);
    if (max === 0) return { maxNs: 0, endNs: 1e9, ticks: [0], stepNs: 1e9, unit: { name: 's', ns: 1e9 } };
    const intervals = Math.max(1, Math.floor(maxTicks));
    const withMargin = max * 1.06;
    const step = niceStep(withMargin / intervals);
    const end = Math.max(step, Math.ceil(withMargin / step) * step);
    const ticks: number[] = [];
    for (let k = 0; k * step <= end + step / 1000; k++) ticks.push(k * step);
    const unit = end >= 1e9 ? { name: 's' as const, ns: 1e9 } : end >= 1e6 ? { name: 'ms' as const, ns: 1e6 }
        : end >= 1e3 ? { name: 'us' as const, ns: 1e3 } : { name: 'ns' as const, ns: 1 };
    return { maxNs: max, endNs: end, ticks, stepNs: step, unit };
}

/** A tick label in the axis unit: `0s`, `2.5s`, `0.5s`, `20ms`. */
export function formatTick(ns: number, axis: TimeAxis): string {
    return `${trimNumber(ns / axis.unit.ns)}${axis.unit.name}`;
}

/** Singular or plural: `1 event`, `4 events`. */
export function plural(n: number, word: string, pluralWord = `${word}s`): string {
    return `${n} ${n === 1 ? word : pluralWord}`;
}
