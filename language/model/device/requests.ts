/**
 * QEMU's static checks of an FM request: the refusals that need no device state, so the
 * static validator and the simulator share them (LANGUAGE.md §3.1, §5.1; DOMAIN.md §2.2).
 * Stateful refusals (overlap-accepted, overlap-pending, release-pending, release-unbacked,
 * extent-limit) live in `device/qemu.ts`.
 */
import type { DeviceConfig, ExtentRequest, PartitionConfig } from '../types.js';
import type { DeviceRefusal } from '../reasons.js';
import { SpanSet, type Span } from '../util/intervals.js';

/** A refused request: the §5.1 reason, the offending extent (0-based) and QEMU's message. */
export interface Refusal {
    reason: DeviceRefusal;
    extentIndex?: number;
    message: string;
}

/** DC regions (partitions) a device may have: QMP `region` "valid range is from 0-7" (DOMAIN.md §1.6, §2.2). */
export const MAX_DC_PARTITIONS = 8;

/** QEMU's error strings, by reason ([Q-T3] `qmp_cxl_process_dynamic_capacity_prescriptive`). */
export const QEMU_MESSAGES: Readonly<Record<DeviceRefusal, string>> = {
    'zero-length': 'extent with 0 length is not allowed',
    'misaligned': 'dpa or len is not aligned to region block size',
    'beyond-partition': 'extent range is beyond the region end',
    'overlap-in-request': 'duplicate or overlapped extents are detected',
    'overlap-accepted': 'cannot add DPA already accessible to the same LD',
    'overlap-pending': 'cannot add DPA again while still pending',
    'release-pending': 'cannot release extent with pending DPA range',
    'release-unbacked': 'cannot release extent with non-existing DPA range',
    'extent-limit': 'no enough extents to track the request',
    'unsupported-policy': 'Removal policy not supported',
    'no-such-partition': 'region id is too large',
};

function refusal(reason: DeviceRefusal, extentIndex?: number, message = QEMU_MESSAGES[reason]): Refusal {
    return extentIndex === undefined ? { reason, message } : { reason, extentIndex, message };
}

/**
 * Requests of up to this many well-formed extents check overlaps pairwise (no allocation);
 * longer ones, and any with an empty, negative or non-finite span, use a SpanSet as before.
 */
const PAIRWISE_LIMIT = 16;

function wellFormed(extents: readonly ExtentRequest[]): boolean {
    for (const x of extents) if (!(x.length > 0) || !Number.isFinite(x.offset + x.length)) return false;
    return true;
}

/** True when extent i overlaps an earlier extent of the same request (all earlier ones passed). */
function overlapsEarlier(extents: readonly ExtentRequest[], i: number): boolean {
    const start = extents[i].offset;
    const end = start + extents[i].length;
    for (let j = 0; j < i; j++) {
        const x = extents[j];
        if (x.offset < end && start < x.offset + x.length) return true;
    }
    return false;
}

/**
 * The per-extent loop of `qmp_cxl_process_dynamic_capacity_prescriptive` [Q-T3]: the region
 * must exist; every extent non-empty, block-aligned, inside the region, and not overlapping
 * an earlier extent of the same request (QEMU's bitmap test).
 */
function checkExtents(partition: PartitionConfig | undefined, extents: readonly ExtentRequest[]): Refusal | undefined {
    if (!partition || partition.index >= MAX_DC_PARTITIONS) return refusal('no-such-partition');
    const block = partition.blockSize;
    const seen = extents.length > 1 && (extents.length > PAIRWISE_LIMIT || !wellFormed(extents)) ? new SpanSet<Span>() : undefined;
    for (let i = 0; i < extents.length; i++) {
        const { offset, length } = extents[i];
        if (length === 0) return refusal('zero-length', i);
        if (block > 0 && (offset % block !== 0 || length % block !== 0)) return refusal('misaligned', i);
        if (offset + length > partition.length) return refusal('beyond-partition', i);
        const end = offset + length;
        if (seen) {
            if (seen.firstOverlapping(offset, end)) return refusal('overlap-in-request', i);
            seen.insert({ start: offset, end });
        } else if (i > 0 && overlapsEarlier(extents, i)) {
            return refusal('overlap-in-request', i);
        }
    }
    return undefined;
}

/**
 * Static refusals of an Add Capacity request by a `model qemu` device (`cxl-add-dynamic-capacity`,
 * prescriptive policy): no-such-partition, zero-length, misaligned, beyond-partition,
 * overlap-in-request. A `model cxl_test` device forwards everything: undefined.
 * @see QEMU hw/mem/cxl_type3.c qmp_cxl_process_dynamic_capacity_prescriptive; DOMAIN.md §2.2
 */
export function checkAddRequest(
    partition: PartitionConfig | undefined,
    device: Pick<DeviceConfig, 'model'>,
    extents: readonly ExtentRequest[],
): Refusal | undefined {
    if (device.model !== 'qemu') return undefined;
    return checkExtents(partition, extents);
}

/** How a release request was written. */
export interface ReleaseForm {
    /** Forced Capacity Release (`forced`). */
    forced: boolean;
    /** Tag-based removal (`release P tag T` with no extents). */
    tagBased: boolean;
}

/**
 * Static refusals of a Release Capacity request by a `model qemu` device
 * (`cxl-release-dynamic-capacity`): `forced-removal: true` ⇒ "Forced removal not supported
 * yet", a tag-based removal policy ⇒ "Removal policy not supported" (both
 * `unsupported-policy`), then the per-extent checks of the add path.
 * A `model cxl_test` device forwards everything: undefined.
 * @see QEMU hw/mem/cxl_type3.c qmp_cxl_release_dynamic_capacity; DOMAIN.md §1.7, §2.2
 */
export function checkReleaseRequest(
    partition: PartitionConfig | undefined,
    device: Pick<DeviceConfig, 'model'>,
    extents: readonly ExtentRequest[],
    form: ReleaseForm,
): Refusal | undefined {
    if (device.model !== 'qemu') return undefined;
    if (form.forced) return refusal('unsupported-policy', undefined, 'Forced removal not supported yet');
    if (form.tagBased) return refusal('unsupported-policy', undefined, 'Removal policy not supported');
    return checkExtents(partition, extents);
}
