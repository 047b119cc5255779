/**
 * Fabric-manager requests (LANGUAGE.md §3.1): the device checks the request (a `model qemu`
 * device refuses it whole, LANGUAGE.md §5.1), fans it out into one event record per extent,
 * and the host handles the records.
 */
import type { ActionSpec, ExtentRequest } from './types.js';
import type { Sim } from './context.js';
import type { AddRun } from './host/state.js';
import { checkAddRequest, checkReleaseRequest, type Refusal } from './device/requests.js';
import { receiveAddRecord } from './host/staging.js';
import { forcedRelease, ReleaseScope, releaseRecord } from './host/release.js';
import { lossOutcome } from './host/teardown.js';
import type { Outcome } from './host/outcome.js';
import type { Span } from './util/intervals.js';
import type { SimExtent } from './host/state.js';

type AddSpec = Extract<ActionSpec, { kind: 'add' }>;
type ReleaseSpec = Extract<ActionSpec, { kind: 'release' }>;

function refusalNote(r: Refusal): string {
    return `QEMU: "${r.message}"${r.extentIndex === undefined ? '' : ` (extent ${r.extentIndex + 1})`}.`;
}

/** The scope of a one-record release: nothing to remember between records. */
const SINGLE_RECORD = new ReleaseScope(true);

const GONE: Refusal = { reason: 'no-such-partition', message: 'Unable to resolve CXL type 3 device' };

/**
 * `add P … extent(s) …`: a qemu device refuses the whole request or makes it one pending
 * group; the request becomes n records with More on all but the last (list form) or the
 * written `more` flag (single form), each handed to the host at the event's time.
 * @see QEMU cxl_create_dc_event_records_for_extents [Q-EVT]; DOMAIN.md §1.4, §2.2
 */
export function addCapacity(sim: Sim, event: number, a: AddSpec): AddRun {
    const n = a.extents.length;
    const add: AddRun = { event, extents: new Array<SimExtent>(n), undecided: n, errno: undefined, notes: undefined };
    for (let i = 0; i < n; i++) {
        const x = a.extents[i];
        add.extents[i] = sim.newExtent(a.partition, x.offset, x.length, a.tag, x.seq, add);
    }
    if (n === 0) {
        sim.finish(event, 'ignored', null, null, 'no extents offered');
        return add;
    }
    const device = sim.deviceOf.get(a.partition);
    let refusal: Refusal | undefined;
    if (!device || device.removed) refusal = device ? GONE : { reason: 'no-such-partition', message: `no partition ${a.partition}` };
    else refusal = checkAddRequest(sim.partitionConfig(a.partition), device.cfg, a.extents) ?? device.checkAdd(a.partition, a.extents);
    if (refusal) {
        add.notes = [refusalNote(refusal)];
        for (const e of add.extents) sim.decide(e, 'refused', refusal.reason);
        return add;
    }
    device!.offer(add.extents);
    for (let i = 0; i < n; i++) receiveAddRecord(sim, device!, add.extents[i], a.list ? i < n - 1 : a.more);
    return add;
}

/** One outcome for a release event of several records: theirs when they agree, else the first that was not `released`. */
function combine(parts: Outcome[]): Outcome {
    if (parts.length === 1) return parts[0];
    const same = parts.every(p => p.outcome === parts[0].outcome);
    const pick = same ? parts[0] : parts.find(p => p.outcome !== 'released')!;
    return { ...pick, detail: `${parts.length} records; ${same ? 'all' : 'first not released'}: ${pick.detail}` };
}

/**
 * `release P …`: the device checks it (qemu refuses forced and tag-based removal and ranges it
 * does not back), then one record per extent reaches the host. A tag-based release on a
 * cxl_test device becomes one record per accepted extent carrying the tag.
 * @see QEMU qmp_cxl_release_dynamic_capacity [Q-T3]; DOMAIN.md §1.7, §2.2, §3.5
 */
export function releaseCapacity(sim: Sim, a: ReleaseSpec): Outcome {
    const device = sim.deviceOf.get(a.partition);
    let refusal: Refusal | undefined;
    if (!device || device.removed) refusal = device ? GONE : { reason: 'no-such-partition', message: `no partition ${a.partition}` };
    else {
        refusal = checkReleaseRequest(sim.partitionConfig(a.partition), device.cfg, a.extents, a)
            ?? (a.forced || a.tagBased ? undefined : device.checkRelease(a.partition, a.extents));
    }
    if (refusal) return { outcome: 'refused', reason: refusal.reason, errno: null, detail: refusalNote(refusal) };
    if (!a.tagBased && !a.forced && a.extents.length === 1) {
        const x = a.extents[0];
        return releaseRecord(sim, device!, a.partition, x.offset, x.offset + x.length, a.tag, SINGLE_RECORD);
    }
    let ranges: Span[] = a.extents.map((x: ExtentRequest): Span => ({ start: x.offset, end: x.offset + x.length }));
    if (a.tagBased) {
        ranges = device!.acceptedWithTag(a.partition, a.tag).map(d => ({ start: d.start, end: d.end }));
        if (ranges.length === 0) return { outcome: 'ignored', reason: null, errno: null, detail: `the device has no accepted extent with tag ${a.tag ?? 'untagged'}` };
    }
    if (ranges.length === 0) return { outcome: 'ignored', reason: null, errno: null, detail: 'no extents named' };
    if (a.forced) {
        const { outcome, loss } = forcedRelease(sim, device!, a.partition, ranges);
        return loss ? lossOutcome(loss, outcome) : outcome;
    }
    if (ranges.length === 1) return releaseRecord(sim, device!, a.partition, ranges[0].start, ranges[0].end, a.tag, SINGLE_RECORD);
    const scope = new ReleaseScope();
    return combine(ranges.map(r => releaseRecord(sim, device!, a.partition, r.start, r.end, a.tag, scope)));
}
