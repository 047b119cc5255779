/**
 * The device side of Dynamic Capacity: what the device tracks (accepted extents, pending add
 * groups) and QEMU's stateful refusals. A `model qemu` device checks and keeps pending groups
 * as QEMU does (DOMAIN.md §2.2–§2.3); a `model cxl_test` device forwards every record
 * unchecked and simply records what the host accepts and releases.
 */
import type { DeviceConfig, ExtentRequest } from '../types.js';
import { SimExtent } from '../host/state.js';
import { SpanSet, type Span } from '../util/intervals.js';
import { QEMU_MESSAGES, type Refusal } from './requests.js';
import { removeAt } from '../util/arrays.js';

/** The part of an accepted extent that a partial release left on the device. */
export interface Remainder extends Span {
    readonly partitionId: string;
    readonly tag: string | null;
}

/**
 * An extent the device considers accepted (backed) for the host: the offered extent itself,
 * or the remainder of one after a partial release.
 */
export type DeviceExtent = SimExtent | Remainder;

/** The offered extent a device extent is (undefined for the remainder of a split). */
export function offerOf(d: DeviceExtent): SimExtent | undefined {
    return d instanceof SimExtent ? d : undefined;
}

/** One `cxl-add-dynamic-capacity` request waiting for the host's Add DC Response: its extents. */
type PendingGroup = readonly SimExtent[];

/** The result of the host's Add DC Response at the device. */
export type ResponseResult = 'ok' | 'invalid-pa';

/**
 * One device: what it backs for the host and, for `model qemu`, its pending add groups
 * (`extents_pending`, FIFO) and checks ([Q-T3], [Q-MBOX]; DOMAIN.md §2).
 */
export class DeviceModel {
    /** Gone after `surprise_remove`. */
    removed = false;
    private readonly accepted = new Map<string, SpanSet<DeviceExtent>>();
    private acceptedCount = 0;
    private readonly pending: PendingGroup[] = [];
    private readonly pendingIndex = new Map<string, SpanSet<SimExtent>>();
    private pendingCount = 0;

    constructor(readonly cfg: DeviceConfig) {}

    get qemu(): boolean {
        return this.cfg.model === 'qemu';
    }

    /** The partition asked for last, and its sets (most requests name the same partition). */
    private lastPartition: string | undefined = undefined;
    private lastAccepted: SpanSet<DeviceExtent> | undefined = undefined;
    private lastPending: SpanSet<SimExtent> | undefined = undefined;

    private acceptedIn(partitionId: string): SpanSet<DeviceExtent> {
        if (partitionId !== this.lastPartition) this.select(partitionId);
        return this.lastAccepted!;
    }

    private pendingIn(partitionId: string): SpanSet<SimExtent> {
        if (partitionId !== this.lastPartition) this.select(partitionId);
        return this.lastPending!;
    }

    private select(partitionId: string): void {
        let accepted = this.accepted.get(partitionId);
        if (!accepted) this.accepted.set(partitionId, (accepted = new SpanSet()));
        let pending = this.pendingIndex.get(partitionId);
        if (!pending) this.pendingIndex.set(partitionId, (pending = new SpanSet()));
        this.lastPartition = partitionId;
        this.lastAccepted = accepted;
        this.lastPending = pending;
    }

    /**
     * QEMU's stateful add checks, after the static ones: an extent overlapping accepted
     * capacity ("cannot add DPA already accessible to the same LD"), a still-pending add
     * ("cannot add DPA again while still pending"), and the extent budget (accepted + pending +
     * new ≤ max_extents, `CXL_NUM_EXTENTS_SUPPORTED`).
     * @see QEMU hw/mem/cxl_type3.c qmp_cxl_process_dynamic_capacity_prescriptive; DOMAIN.md §2.1–§2.2
     */
    checkAdd(partitionId: string, extents: readonly ExtentRequest[]): Refusal | undefined {
        if (!this.qemu) return undefined;
        const acc = this.acceptedIn(partitionId);
        const pend = this.pendingIn(partitionId);
        for (let i = 0; i < extents.length; i++) {
            const { offset, length } = extents[i];
            if (acc.firstOverlapping(offset, offset + length)) {
                return { reason: 'overlap-accepted', extentIndex: i, message: QEMU_MESSAGES['overlap-accepted'] };
            }
            if (pend.firstOverlapping(offset, offset + length)) {
                return { reason: 'overlap-pending', extentIndex: i, message: QEMU_MESSAGES['overlap-pending'] };
            }
        }
        const total = this.acceptedCount + this.pendingCount + extents.length;
        if (total > this.cfg.maxExtents) {
            return {
                reason: 'extent-limit',
                message: `${QEMU_MESSAGES['extent-limit']} (${this.acceptedCount} accepted + ${this.pendingCount} pending + ${extents.length} new > ${this.cfg.maxExtents})`,
            };
        }
        return undefined;
    }

    /**
     * QEMU's stateful release checks: a range overlapping a pending add ("cannot release
     * extent with pending DPA range") or not fully backed by accepted extents ("cannot release
     * extent with non-existing DPA range").
     * @see QEMU hw/mem/cxl_type3.c qmp_cxl_process_dynamic_capacity_prescriptive; DOMAIN.md §2.2
     */
    checkRelease(partitionId: string, extents: readonly ExtentRequest[]): Refusal | undefined {
        if (!this.qemu) return undefined;
        const acc = this.acceptedIn(partitionId);
        const pend = this.pendingIn(partitionId);
        for (let i = 0; i < extents.length; i++) {
            const { offset, length } = extents[i];
            if (pend.firstOverlapping(offset, offset + length)) {
                return { reason: 'release-pending', extentIndex: i, message: QEMU_MESSAGES['release-pending'] };
            }
            if (!acc.covers(offset, offset + length)) {
                return { reason: 'release-unbacked', extentIndex: i, message: QEMU_MESSAGES['release-unbacked'] };
            }
        }
        return undefined;
    }

    /**
     * A successful add request becomes one pending group (all its extents), appended to
     * `extents_pending` (QEMU only; [Q-T3], DOMAIN.md §2.2).
     */
    offer(extents: PendingGroup): void {
        if (!this.qemu || extents.length === 0) return;
        this.pending.push(extents);
        for (const e of extents) {
            e.pendingGroup = extents;
            this.pendingIn(e.partitionId).insert(e);
        }
        this.pendingCount += extents.length;
    }

    /**
     * The host's Add DC Response. QEMU answers the **first** pending group: an empty list
     * deletes it (everything rejected); otherwise every accepted range must lie in an extent of
     * that group and not overlap accepted capacity, else the whole response fails INVALID_PA
     * and nothing changes; on success the ranges become accepted and the group is deleted (the
     * rest silently dropped). A cxl_test device just records the accepted ranges.
     * @see QEMU hw/cxl/cxl-mailbox-utils.c cmd_dcd_add_dyn_cap_rsp; DOMAIN.md §1.5, §2.3
     */
    respond(accepted: readonly SimExtent[]): ResponseResult {
        if (!this.qemu) {
            for (const e of accepted) this.addAccepted(e);
            return 'ok';
        }
        const group = this.pending[0];
        if (accepted.length === 0) {
            if (group) this.dropFirstGroup();
            return 'ok';
        }
        if (!group) return 'invalid-pa';
        for (const e of accepted) {
            const inGroup = e.pendingGroup === group
                || group.some(p => p.partitionId === e.partitionId && p.start <= e.start && e.end <= p.end);
            if (!inGroup || this.acceptedIn(e.partitionId).firstOverlapping(e.start, e.end)) return 'invalid-pa';
        }
        for (const e of accepted) this.addAccepted(e);
        this.dropFirstGroup();
        return 'ok';
    }

    private addAccepted(e: SimExtent): void {
        const set = this.acceptedIn(e.partitionId);
        if (set.firstOverlapping(e.start, e.end)) return;
        set.insert(e);
        this.acceptedCount++;
    }

    private dropFirstGroup(): void {
        if (this.pending.length === 0) return;
        const group = this.pending[0];
        removeAt(this.pending, 0);
        for (const e of group) this.pendingIn(e.partitionId).remove(e);
        this.pendingCount -= group.length;
    }

    /**
     * Release Dynamic Capacity (0x4803) from the host for one range. QEMU requires the range
     * to be fully backed (else INVALID_PA: false) and splits a partly released extent; a
     * cxl_test device drops whatever overlaps. With `force` (the device's own forced removal)
     * no check applies.
     * @see QEMU hw/cxl/cxl-mailbox-utils.c cmd_dcd_release_dyn_cap; DOMAIN.md §2.3
     */
    release(partitionId: string, start: number, end: number, force = false): boolean {
        const set = this.acceptedIn(partitionId);
        if (this.qemu && !force && !set.covers(start, end)) return false;
        const hit = set.containing(start, end);
        if (hit && hit.start === start && hit.end === end) {
            set.remove(hit);
            this.acceptedCount--;
            return true;
        }
        for (const d of set.overlapping(start, end)) {
            set.remove(d);
            this.acceptedCount--;
            if (d.start < start) {
                set.insert({ start: d.start, end: start, partitionId, tag: d.tag });
                this.acceptedCount++;
            }
            if (d.end > end) {
                set.insert({ start: end, end: d.end, partitionId, tag: d.tag });
                this.acceptedCount++;
            }
        }
        return true;
    }

    /** Accepted extents of a partition carrying `tag`, in DPA order (tag-based removal). */
    acceptedWithTag(partitionId: string, tag: string | null): DeviceExtent[] {
        return this.acceptedIn(partitionId).all.filter(d => d.tag === tag);
    }

    /** Every accepted extent, partition by partition in DPA order (Get DC Extent List, 0x4801). */
    extentList(): DeviceExtent[] {
        const out: DeviceExtent[] = [];
        for (const set of this.accepted.values()) out.push(...set.all);
        return out;
    }

    /** The device is gone: it tracks nothing any more. */
    remove(): void {
        this.removed = true;
        this.accepted.clear();
        this.pending.length = 0;
        this.pendingIndex.clear();
        this.lastPartition = undefined;
        this.acceptedCount = 0;
        this.pendingCount = 0;
    }
}
