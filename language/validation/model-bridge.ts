/**
 * The model rules the validator shows statically. PROVISIONAL local versions, written against
 * the signatures the simulator (`language/model/index.ts`) is expected to export; replaced by
 * re-exports once it does, so every rule lives in one place.
 */
import type { ActionSpec, DeviceConfig, KernelProfile, PartitionConfig, RegionDriver } from '../model/types.js';

/** §5.1 refusals a `model qemu` device makes that are visible without simulating. */
export type StaticRefusalReason = 'zero-length' | 'misaligned' | 'beyond-partition' | 'overlap-in-request' | 'unsupported-policy';

/** One refusal of a request, with the extent (index in the request) it is about, if any. */
export interface StaticRefusal {
    reason: StaticRefusalReason;
    extentIndex?: number;
    /** QEMU's words for it. */
    detail: string;
}

type RequestSpec = Extract<ActionSpec, { kind: 'add' } | { kind: 'release' }>;

/**
 * The refusals QEMU's QMP handlers make before anything reaches the host, in QEMU's order.
 * @see DOMAIN.md §2.2; qemu `qmp_cxl_process_dynamic_capacity_prescriptive`
 */
export function staticRefusals(request: RequestSpec, partition: PartitionConfig, device: DeviceConfig): StaticRefusal[] {
    if (device.model !== 'qemu') return [];
    const out: StaticRefusal[] = [];
    if (request.kind === 'release' && request.tagBased) out.push({ reason: 'unsupported-policy', detail: 'Removal policy not supported' });
    if (request.kind === 'release' && request.forced) out.push({ reason: 'unsupported-policy', detail: 'Forced removal not supported yet' });
    request.extents.forEach((e, i) => {
        if (e.length === 0) out.push({ reason: 'zero-length', extentIndex: i, detail: 'extent with 0 length is not allowed' });
        else if (e.offset % partition.blockSize !== 0 || e.length % partition.blockSize !== 0) {
            out.push({ reason: 'misaligned', extentIndex: i, detail: 'dpa or len is not aligned to region block size' });
        } else if (e.offset + e.length > partition.length) {
            out.push({ reason: 'beyond-partition', extentIndex: i, detail: 'extent range is beyond the region end' });
        }
    });
    for (let i = 0; i < request.extents.length; i++) {
        for (let j = 0; j < i; j++) {
            const a = request.extents[i], b = request.extents[j];
            if (a.length > 0 && b.length > 0 && a.offset < b.offset + b.length && b.offset < a.offset + a.length) {
                out.push({ reason: 'overlap-in-request', extentIndex: i, detail: 'duplicate or overlapped extents are detected' });
                break;
            }
        }
    }
    return out;
}

/** What a kernel profile can express (LANGUAGE.md §4). */
export interface ProfileSupport {
    drivers: readonly RegionDriver[];
    acceptForms: ReadonlyArray<'any' | 'untagged' | 'tags'>;
    daxClaims: ReadonlyArray<'size' | 'uuid'>;
}

const PROFILES: Record<KernelProfile, ProfileSupport> = {
    'dcd-v9': { drivers: ['dax'], acceptForms: ['untagged'], daxClaims: ['size'] },
    'dcd-v11': { drivers: ['dax'], acceptForms: ['any'], daxClaims: ['uuid'] },
    'sysram-rfc': { drivers: ['dax', 'sysram', 'virtio'], acceptForms: ['any', 'untagged', 'tags'], daxClaims: ['uuid'] }
};

/** LANGUAGE.md §4's table for one profile. */
export function profileSupport(kernel: KernelProfile): ProfileSupport {
    return PROFILES[kernel];
}

/** §5.1 device refusals. */
export const DEVICE_REFUSALS: readonly string[] = ['zero-length', 'misaligned', 'beyond-partition', 'overlap-in-request', 'overlap-accepted',
    'overlap-pending', 'release-pending', 'release-unbacked', 'extent-limit', 'unsupported-policy', 'no-such-partition'];
/** §5.2 host rejections. */
export const HOST_REJECTIONS: readonly string[] = ['not-in-partition', 'untagged-on-sharable', 'seq-on-nonsharable', 'no-region',
    'outside-decoder', 'overlap', 'seq-gap', 'group-spans-partitions', 'group-misaligned', 'tag-in-use', 'tag-mismatch',
    'untagged-not-accepted', 'tagged-not-accepted', 'tagged-unsupported', 'mixed-tagging', 'chain-timeout', 'chain-too-long',
    'group-member-rejected', 'driver-unloaded'];
/** §5.3 host action results and errno names. */
export const HOST_RESULTS: readonly string[] = ['offline-busy', 'crash-risk', 'no-match', 'EBUSY', 'ENOENT', 'EOPNOTSUPP', 'ENXIO', 'EINVAL', 'ENOSPC', 'ENOMEM'];
/** Every reason code of LANGUAGE.md §5. */
export const REASON_CODES: readonly string[] = [...DEVICE_REFUSALS, ...HOST_REJECTIONS, ...HOST_RESULTS];

/** Is `word` a reason code of LANGUAGE.md §5 (or an errno name of §5.3)? */
export function isReasonCode(word: string): boolean {
    return REASON_CODES.includes(word);
}

const UNITS: ReadonlyArray<[string, number]> = [['TiB', 2 ** 40], ['GiB', 2 ** 30], ['MiB', 2 ** 20], ['KiB', 2 ** 10]];

/** A byte count in the largest binary unit that divides it (`2MiB`, `1536MiB`, `4096B` → `4KiB`, `100B`). */
export function formatSize(bytes: number): string {
    for (const [unit, factor] of UNITS) if (bytes !== 0 && bytes % factor === 0) return `${bytes / factor}${unit}`;
    return `${bytes}B`;
}
