/**
 * Device-initiated release on the host: Release Capacity records (`cxl_rm_extent`) and Forced
 * Capacity Release (LANGUAGE.md §3.1, §4; DOMAIN.md §3.1, §3.5, §12.1–§12.2).
 */
import type { EventOutcome } from '../types.js';
import type { Sim } from '../context.js';
import type { DeviceModel } from '../device/qemu.js';
import { SpanSet, type Span } from '../util/intervals.js';
import type { SimExtent } from './state.js';
import { detach } from './accept.js';
import { describeHeld, holdsPages, takeOffline } from './sysram.js';
import { loseAccess, type LossReport } from './teardown.js';
import type { Outcome } from './outcome.js';

/** What one release event has released so far (a later record inside it is already done). */
export class ReleaseScope {
    private released: SpanSet<Span & { partitionId: string }> | undefined;

    /** @param single the event has one record: nothing to remember */
    constructor(private readonly single = false) {}

    add(partitionId: string, start: number, end: number): void {
        if (!this.single) (this.released ??= new SpanSet()).insert({ start, end, partitionId });
    }

    has(partitionId: string, start: number, end: number): boolean {
        return this.released?.containing(start, end)?.partitionId === partitionId;
    }
}

function result(outcome: EventOutcome, detail: string, reason: string | null = null, errno: string | null = null): Outcome {
    return { outcome, reason, errno, detail };
}

/**
 * The extents a release takes with it: dcd-v11 the whole tag group of the containing extent
 * ("release is done loosely"), dcd-v9 the named extent, sysram-rfc the group when tagged and
 * the extent when untagged (an untagged extent is always its own group).
 * @returns the group's own member list (detaching a member shortens it), or undefined when
 *          the release takes `e` alone
 * @see [V11-18]; DOMAIN.md §3.5 rule 5, §3.7, §4 [V9-GP2]; LANGUAGE.md §4 "release granularity"
 */
export function releaseSet(sim: Sim, e: SimExtent): readonly SimExtent[] | undefined {
    if (sim.rules.releaseGranularity === 'extent' || !e.group || e.group.members.length === 1) return undefined;
    return e.group.members;
}

/**
 * One Release Capacity record (DPA range, tag) at the host:
 * 1. no region (or no DAX region) tracks the DPA ⇒ `acknowledged`: Release DC sent at once,
 *    -ENXIO logged;
 * 2. no accepted extent contains the range ⇒ `ignored` (-EINVAL, nothing sent); one contains
 *    it but its group's tag differs ⇒ `ignored tag-mismatch`;
 * 3. a member of the release set is in use: DAX claimed ⇒ `deferred` (-EBUSY, nothing sent,
 *    the device must re-issue); sysram online ⇒ offline attempt, which fails
 *    `offline-busy` (EBUSY) when the blocks hold unmovable pages or pins;
 * 4. else `released`: every member torn down, Release DC sent per member.
 * @see [V11-18] "cxl/extent: Handle DC Release Capacity events"; DOMAIN.md §3.5, §12.1, §12.2
 */
export function releaseRecord(sim: Sim, device: DeviceModel, partitionId: string, start: number, end: number,
    tag: string | null, scope: ReleaseScope): Outcome {
    sim.tick();
    const region = sim.regionAt(partitionId, start);
    if (!region || !sim.regionTracks(region)) {
        device.release(partitionId, start, end);
        return result('acknowledged', 'no region tracks this DPA: Release DC sent at once (-ENXIO logged)', null, 'ENXIO');
    }
    const c = sim.hostExtents(partitionId).containing(start, end);
    if (!c || !c.live) {
        if (scope.has(partitionId, start, end)) {
            return result('released', 'already released with its group by this request');
        }
        return result('ignored', 'no accepted extent contains this range: ignored (-EINVAL), the device keeps waiting', null, 'EINVAL');
    }
    if (c.tag !== tag) {
        return result('ignored', `${c.result.id} has tag ${c.tag ?? 'untagged'}, the record ${tag ?? 'untagged'}: ignored (-EINVAL)`, 'tag-mismatch', 'EINVAL');
    }
    const group = releaseSet(sim, c);
    const busy = group === undefined ? inUse(c) : firstInUse(group);
    if (busy !== undefined) return busy;
    if (group === undefined) {
        if (c.onlineBytes > 0) takeOffline(sim, [c], null);
        releaseMember(sim, device, c, scope);
        return result('released', c.result.id + ' released');
    }
    const n = group.length;
    let online = false;
    for (const m of group) if (m.onlineBytes > 0) online = true;
    if (online) takeOffline(sim, group, null);
    // Detaching a member takes it out of the group's list: release them first to last.
    for (let left = n; left > 0 && group.length > 0; left--) releaseMember(sim, device, group[0], scope);
    return result('released', n === 1 ? c.result.id + ' released' : groupReleasedText(n));
}

/** Why a member cannot be released now (claimed, or online memory that cannot go offline), or undefined. */
function inUse(m: SimExtent): Outcome | undefined {
    if (m.claimedBytes > 0) {
        const by = m.daxClaims?.map(d => d.name).join(', ') ?? 'a DAX device';
        return result('deferred', `${m.result.id} is claimed by ${by}: deferred (-EBUSY); destroy the DAX device and re-issue the release`, null, 'EBUSY');
    }
    if (m.onlineBytes > 0 && holdsPages(m)) {
        return result('failed', `offline failed: ${m.result.id} holds ${describeHeld(m)} (EBUSY); the extent stays and the request remains outstanding`, 'offline-busy', 'EBUSY');
    }
    return undefined;
}

function firstInUse(members: readonly SimExtent[]): Outcome | undefined {
    for (const m of members) {
        const busy = inUse(m);
        if (busy !== undefined) return busy;
    }
    return undefined;
}

/** Takes a member off the host, sends Release DC for it, and records it in the event's scope. */
function releaseMember(sim: Sim, device: DeviceModel, m: SimExtent, scope: ReleaseScope): void {
    detach(sim, m);
    device.release(m.partitionId, m.start, m.end);
    sim.setState(m, 'released');
    scope.add(m.partitionId, m.start, m.end);
}

/** `N extents released (the whole tag group)`, remembered per N. */
function groupReleasedText(n: number): string {
    return groupReleased[n] ??= `${n} extents released (the whole tag group)`;
}

const groupReleased: string[] = [];

/**
 * Forced Capacity Release records. dcd-v9 and dcd-v11 log "Forced release event ignored."
 * and do nothing; sysram-rfc honours it: the device takes the range back at once and the host
 * loses access to every extent overlapping it, as in a surprise removal of those extents.
 * @see [AK-MBOX] cxl_handle_dcd_event_records; DOMAIN.md §1.7 (forced removal), §3.1, §13.4
 */
export function forcedRelease(sim: Sim, device: DeviceModel, partitionId: string, ranges: readonly Span[]): { outcome: Outcome; loss?: LossReport } {
    for (let i = 0; i < ranges.length; i++) sim.tick();
    if (!sim.rules.forcedReleaseHonoured) return { outcome: result('ignored', 'Forced release event ignored.') };
    const affected: SimExtent[] = [];
    for (const r of ranges) {
        for (const e of sim.hostExtents(partitionId).overlapping(r.start, r.end)) if (e.live && !affected.includes(e)) affected.push(e);
        device.release(partitionId, r.start, r.end, true);
    }
    if (affected.length === 0) return { outcome: result('acknowledged', 'forced release of capacity the host does not hold') };
    return { outcome: result('released', `access lost at once: ${affected.map(e => e.result.id).join(', ')}`), loss: loseAccess(sim, affected) };
}
