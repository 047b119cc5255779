/**
 * The allocation floor of a churn run: builds only the result objects `simulateScenario`
 * returns for `churnScenario(events)` (LANGUAGE.md §8) — one `EventResult` per event and one
 * `ExtentResult` with a five-point timeline per offered extent — with the same shapes, counts
 * and strings, and no simulation at all. No simulator can return that result faster than this.
 */
import type { EventResult, ExtentResult, TimelinePoint } from '../language/model/types.js';
import { MiB } from '../language/model/types.js';

const ACTIONS = ['add', 'create_dax', 'destroy_dax', 'release'] as const;
const OUTCOMES = ['accepted', 'ok', 'ok', 'released'] as const;

/** The events and extents of a churn run of `events` events, built directly. */
export function churnResultFloor(events: number): { events: EventResult[]; extents: ExtentResult[] } {
    const out: EventResult[] = new Array<EventResult>(events);
    const extents: ExtentResult[] = [];
    const slots = 128;
    for (let i = 0; i < events; i += 4) {
        const group = i / 4;
        const slot = group % slots;
        const t = group * 1_000_000;
        const tag = `${group.toString(16).padStart(8, '0')}-0000-4000-8000-000000000001`;
        const details = [
            '2 extents (256MiB) accepted into r0.',
            `d${slot}: 256MiB from 2 extents of r0 (claimed by uuid ` + tag + ')',
            `d${slot} destroyed; its extents are accepted and unclaimed again`,
            '2 extents released (the whole tag group)',
        ];
        for (let k = 0; k < 4 && i + k < events; k++) {
            out[i + k] = {
                index: i + k, label: null, t_ns: t + k * 1000, line: i + k + 1, action: ACTIONS[k],
                outcome: OUTCOMES[k], reason: null, errno: null, detail: details[k],
            };
        }
        const round = Math.floor(group / slots) + 1;
        for (let k = 0; k < 2; k++) {
            const offset = slot * 512 * MiB + k * 256 * MiB;
            const key = 'mem0.dc0@0x' + offset.toString(16);
            const timeline: TimelinePoint[] = [
                { t_ns: t, state: 'staged' }, { t_ns: t, state: 'accepted' }, { t_ns: t + 1000, state: 'claimed' },
                { t_ns: t + 2000, state: 'accepted' }, { t_ns: t + 3000, state: 'released' },
            ];
            extents.push({
                id: round === 1 ? key : key + '#' + round, partition: 'mem0.dc0', offset, dpa: offset, length: 128 * MiB,
                tag, region: 'r0', state: 'released', reason: null, timeline,
            });
        }
    }
    return { events: out, extents };
}
