/**
 * The inline timeline's words (LANGUAGE.md §9): after every event line its outcome and the
 * path of its extents (`accepted → online movable N_MEMORY_PRIVATE`, `rejected: tag-mismatch`),
 * on every expectation `✓` or `✗ actual …`. The model decides every outcome; this only words
 * them, with the renderers' helpers (`formatPoint`, `formatPath`).
 */
import type { EventResult, ExpectationResult, ExtentResult, ScenarioResult, ScenarioSpec } from '../../language/model/types.js';
import { formatPath, formatPoint, formatSize, formatTag } from '../../language/render/index.js';

/** States an add's inline path leaves out: they are the outcome word itself. */
const QUIET_STATES = new Set(['staged', 'accepted']);

/**
 * Which extents of the result each event offered: for every event index, the indices into
 * `result.extents`. Extents are recorded when their add runs (in time order), each under
 * `partition@offset`; an add takes, for each extent it names, the oldest unclaimed record at
 * that place created at or after its time.
 */
export function eventExtents(spec: ScenarioSpec, result: ScenarioResult): number[][] {
    const byPlace = new Map<string, number[]>();
    result.extents.forEach((x, i) => {
        const key = `${x.partition}@${x.offset}`;
        const list = byPlace.get(key);
        if (list) list.push(i);
        else byPlace.set(key, [i]);
    });
    const used = new Uint8Array(result.extents.length);
    const out: number[][] = spec.events.map(() => []);
    const order = [...spec.events].sort((a, b) => a.tNs - b.tNs || a.index - b.index);
    for (const event of order) {
        const action = event.action;
        if (action.kind !== 'add') continue;
        for (const request of action.extents) {
            const list = byPlace.get(`${action.partition}@${request.offset}`);
            if (!list) continue;
            const found = list.find(i => !used[i] && (result.extents[i].timeline[0]?.t_ns ?? event.tNs) >= event.tNs);
            if (found === undefined) continue;
            used[found] = 1;
            out[event.index].push(found);
        }
    }
    return out;
}

/**
 * `accepted`, `rejected: tag-mismatch`, `failed: ENOMEM`, `deferred: EBUSY`: the outcome and its
 * reason (the errno when there is no reason); with `errno`, `rejected: tag-mismatch (EINVAL)`.
 */
export function outcomeText(event: Pick<EventResult, 'outcome' | 'reason' | 'errno'>, errno = false): string {
    let text: string = event.outcome;
    if (event.reason) text += `: ${event.reason}`;
    if (event.errno && event.errno !== event.reason && (errno || !event.reason)) text += event.reason ? ` (${event.errno})` : `: ${event.errno}`;
    return text;
}

/**
 * Where an extent went when its add was answered: the points at the time of its first
 * decision, without the outcome words themselves (`online movable N_MEMORY_PRIVATE`).
 */
function landing(extent: ExtentResult, outcome: string): string {
    const points = extent.timeline;
    const first = points.findIndex(p => p.state !== 'staged');
    if (first < 0) return '';
    const t = points[first].t_ns;
    const parts: string[] = [];
    for (let i = first; i < points.length && points[i].t_ns === t; i++) {
        const p = points[i];
        if (QUIET_STATES.has(p.state) || p.state === outcome) continue;
        parts.push(formatPoint(p));
    }
    return parts.join(' → ');
}

/** The inline text after an event line: its outcome, and for an add where its extents went. */
export function eventLabel(event: EventResult, extents: readonly ExtentResult[]): string {
    const outcome = outcomeText(event);
    const paths = [...new Set(extents.map(x => landing(x, event.outcome)).filter(s => s.length > 0))];
    return paths.length === 0 ? outcome : `${outcome} → ${paths.join('; ')}`;
}

/** A markdown tooltip for an event's inline text: the model's detail and every extent's whole path. */
export function eventTooltip(event: EventResult, extents: readonly ExtentResult[], tags?: Readonly<Record<string, string>>): string {
    const names = tags ? Object.fromEntries(Object.entries(tags).map(([name, uuid]) => [uuid, name])) : undefined;
    const lines = [`**${outcomeText(event, true)}**${event.detail ? ` — ${event.detail}` : ''}`];
    if (extents.length > 0) lines.push('');
    for (const x of extents) {
        lines.push(`- \`${x.id}\` ${formatSize(x.length)}, ${formatTag(x.tag, names)}${x.region ? `, region ${x.region}` : ''}: ${formatPath(x.timeline)}`);
    }
    return lines.join('\n');
}

/** `✓`, or `✗ actual rejected tag-mismatch`. */
export function expectationLabel(x: ExpectationResult): string {
    return x.passed ? '✓' : `✗ actual ${x.actual}`;
}
