/**
 * Reason codes (LANGUAGE.md §5): the stable words used by expectations, diagnostics and the
 * JSON output, and the errno the kernel returns for each where it returns one.
 */

/** §5.1 Device refusals: QEMU's QMP handlers refuse the whole request (DOMAIN.md §2.2). */
export const DEVICE_REFUSALS = [
    'zero-length', 'misaligned', 'beyond-partition', 'overlap-in-request', 'overlap-accepted',
    'overlap-pending', 'release-pending', 'release-unbacked', 'extent-limit',
    'unsupported-policy', 'no-such-partition',
] as const;

/** §5.2 Host rejections: the kernel leaves the extent out of its Add DC Response (DOMAIN.md §3). */
export const HOST_REJECTIONS = [
    'not-in-partition', 'untagged-on-sharable', 'seq-on-nonsharable', 'no-region',
    'outside-decoder', 'overlap', 'seq-gap', 'group-spans-partitions', 'group-misaligned',
    'tag-in-use', 'tag-mismatch', 'untagged-not-accepted', 'tagged-not-accepted',
    'tagged-unsupported', 'mixed-tagging', 'chain-timeout', 'chain-too-long',
    'group-member-rejected', 'driver-unloaded',
] as const;

/** The errno names of §5.3 (plain errno results of host actions). */
export const ERRNO_NAMES = ['EBUSY', 'ENOENT', 'EOPNOTSUPP', 'ENXIO', 'EINVAL', 'ENOSPC', 'ENOMEM'] as const;

/** §5.3 Host action results: named results plus the plain errno names. */
export const ACTION_RESULTS = ['offline-busy', 'crash-risk', 'no-match', ...ERRNO_NAMES] as const;

export type DeviceRefusal = typeof DEVICE_REFUSALS[number];
export type HostRejection = typeof HOST_REJECTIONS[number];
export type ErrnoName = typeof ERRNO_NAMES[number];
export type ActionResult = typeof ACTION_RESULTS[number];
export type ReasonCode = DeviceRefusal | HostRejection | ActionResult;

/** Every reason code of LANGUAGE.md §5.1–§5.3, in the order the spec lists them. */
export const REASON_CODES: readonly ReasonCode[] = [...DEVICE_REFUSALS, ...HOST_REJECTIONS, ...ACTION_RESULTS];

const REASON_SET: ReadonlySet<string> = new Set(REASON_CODES);

/** True when `s` is a reason code of LANGUAGE.md §5 (including the plain errno names). */
export function isReasonCode(s: string): s is ReasonCode {
    return REASON_SET.has(s);
}

/** True when `s` is one of the errno names of LANGUAGE.md §5.3. */
export function isErrnoName(s: string): s is ErrnoName {
    return (ERRNO_NAMES as readonly string[]).includes(s);
}

/**
 * The errno the kernel returns (or logs) for a reason, where it returns one. Device refusals
 * are QMP errors with no errno; policy-proposal rejections (accept clause, mixed tagging) and
 * silent drops (chain timeout: an empty Add response; group-member-rejected) have none either.
 * Sources: DOMAIN.md §3.1 (-ENOSPC), §3.2 (-ENXIO for no region / outside the decoder /
 * overlap; -EINVAL for firmware bugs and tag mismatch), §3.3 (-EINVAL group drops),
 * §3.4 (-ENOENT), §3.5 (-EINVAL, -EBUSY), §7 (EBUSY on offline).
 */
export const REASON_ERRNO: Readonly<Record<string, ErrnoName>> = {
    'not-in-partition': 'ENXIO',
    'untagged-on-sharable': 'EINVAL',
    'seq-on-nonsharable': 'EINVAL',
    'no-region': 'ENXIO',
    'driver-unloaded': 'ENXIO',
    'outside-decoder': 'ENXIO',
    'overlap': 'ENXIO',
    'seq-gap': 'EINVAL',
    'group-spans-partitions': 'EINVAL',
    'group-misaligned': 'EINVAL',
    'tag-mismatch': 'EINVAL',
    'tagged-unsupported': 'EINVAL',
    'chain-too-long': 'ENOSPC',
    'offline-busy': 'EBUSY',
    'no-match': 'ENOENT',
    'EBUSY': 'EBUSY',
    'ENOENT': 'ENOENT',
    'EOPNOTSUPP': 'EOPNOTSUPP',
    'ENXIO': 'ENXIO',
    'EINVAL': 'EINVAL',
    'ENOSPC': 'ENOSPC',
    'ENOMEM': 'ENOMEM',
};

/** The errno for a reason (or null when the kernel returns none). */
export function errnoOf(reason: string | null | undefined): ErrnoName | null {
    return reason ? REASON_ERRNO[reason] ?? null : null;
}

/** One sentence per reason code: what it means, for details, hovers and docs. */
export const REASON_DESCRIPTIONS: Readonly<Record<ReasonCode, string>> = {
    'zero-length': 'QEMU refuses an extent of length 0',
    'misaligned': "QEMU refuses an extent whose offset or length is not a multiple of the partition's block size",
    'beyond-partition': 'QEMU refuses an extent that runs past the end of the partition',
    'overlap-in-request': 'QEMU refuses a request whose extents overlap each other',
    'overlap-accepted': 'QEMU refuses to add capacity the host already has',
    'overlap-pending': 'QEMU refuses to add capacity still waiting for the host\'s answer',
    'release-pending': 'QEMU refuses to release capacity still waiting for the host\'s answer',
    'release-unbacked': 'QEMU refuses to release capacity that is not fully accepted',
    'extent-limit': 'the device cannot track more extents (accepted + pending > max_extents)',
    'unsupported-policy': 'QEMU supports neither forced nor tag-based removal',
    'no-such-partition': 'the device has no such DC partition (QMP region 0-7), or is gone',
    'not-in-partition': 'the extent does not lie wholly inside a DC partition the kernel reads',
    'untagged-on-sharable': 'an extent in a sharable partition must carry a tag (firmware bug)',
    'seq-on-nonsharable': 'shared_extn_seq is reserved outside sharable partitions and must be 0 (firmware bug)',
    'no-region': 'no region decodes the extent\'s start DPA',
    'outside-decoder': 'the extent is not wholly inside its region\'s decoder range (never clipped)',
    'overlap': 'the extent overlaps an accepted extent without being contained in it',
    'seq-gap': 'the tag group\'s shared_extn_seq values are not exactly 0..n-1',
    'group-spans-partitions': 'a tag group may not span DC partitions',
    'group-misaligned': 'a group member\'s DPA or length is not aligned (2 MiB for DAX, the memory block for sysram)',
    'tag-in-use': 'the tag is already owned by a live group on this host (Set(A)′)',
    'tag-mismatch': 'the tag is not one the region accepts, or differs from the extent it names',
    'untagged-not-accepted': 'the region accepts only tagged extents',
    'tagged-not-accepted': 'the region accepts only untagged extents',
    'tagged-unsupported': 'this kernel rejects every tagged extent',
    'mixed-tagging': 'the region already holds extents of the other kind (tagged vs untagged)',
    'chain-timeout': 'the More chain stalled for 20 s; the host refused every staged extent',
    'chain-too-long': 'the More chain reached 100 staged extents; the host dropped it',
    'group-member-rejected': 'another member of the same tag group was rejected (all or nothing)',
    'driver-unloaded': 'dax_cxl is unloaded: the region has no DAX region',
    'offline-busy': 'the memory cannot be offlined: unmovable pages or long-term pins',
    'crash-risk': 'online ZONE_NORMAL memory vanished: kernel data may live there',
    'no-match': 'no accepted, unclaimed extent matches the uuid (ENOENT)',
    'EBUSY': 'device or resource busy',
    'ENOENT': 'no such entry',
    'EOPNOTSUPP': 'operation not supported',
    'ENXIO': 'no such device or address',
    'EINVAL': 'invalid argument',
    'ENOSPC': 'no space left',
    'ENOMEM': 'out of memory',
};
