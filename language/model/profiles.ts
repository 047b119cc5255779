/**
 * Kernel profiles (LANGUAGE.md §4): what each kernel the host may run can do. This table is
 * the single source of §4 — the validator (`policy/unsupported-by-kernel`) and the simulator
 * both read it.
 */
import type { AcceptPolicy, HostConfig, KernelProfile, RegionDriver } from './types.js';

/** PMD_SIZE on x86-64: the alignment of a DC DAX region (DOMAIN.md §3.3, §11). */
export const PMD_SIZE = 2 * 1024 * 1024;
/** CXL_DC_ADD_TIMEOUT: the More-chain watchdog, "matches the GPF timeout" ([V11-13], DOMAIN.md §3.1). */
export const CHAIN_WATCHDOG_NS = 20_000_000_000;
/** CXL_DC_MAX_PENDING_EXTENTS: a record arriving with this many staged drops the chain ([AK-MBOX], DOMAIN.md §3.1). */
export const MAX_STAGED_EXTENTS = 100;

/** Which extents a release record takes with it (LANGUAGE.md §4 "release granularity"). */
export type ReleaseGranularity = 'extent' | 'group' | 'group-if-tagged';

/** One profile's facts (one column of the LANGUAGE.md §4 table). */
export interface ProfileRules {
    kernel: KernelProfile;
    /** Region drivers the kernel has. */
    drivers: readonly RegionDriver[];
    /** Accept-clause forms the kernel can express. */
    acceptForms: readonly AcceptPolicy['kind'][];
    /** The accept clause a region gets when it names none. */
    defaultAccept: AcceptPolicy;
    /** Tagged extents can be accepted at all (dcd-v9: rejected `tagged-unsupported`). */
    taggedExtents: boolean;
    /** A region holds tagged or untagged extents, never both (sysram-rfc exclusive-or, D§4). */
    exclusiveTagging: boolean;
    /** A tag owned by a live group anywhere on the host rejects a later group (`tag-in-use`). */
    tagReuseRejected: boolean;
    /** The More-chain watchdog in ns, or null when the kernel has none (dcd-v9). */
    chainWatchdogNs: number | null;
    /** Staged extents at which a further record drops the chain, or null (dcd-v9). */
    maxStagedExtents: number | null;
    /** What a release record takes with it. */
    releaseGranularity: ReleaseGranularity;
    /** Forced Capacity Release is honoured (access lost at once) rather than ignored. */
    forcedReleaseHonoured: boolean;
    /** `create_dax … size S` (sparse, by size) is available. */
    claimBySize: boolean;
    /** `create_dax … uuid T|0` is available. */
    claimByUuid: boolean;
}

const V9: ProfileRules = {
    kernel: 'dcd-v9',
    drivers: ['dax'],
    acceptForms: ['untagged'],
    defaultAccept: { kind: 'untagged' },
    taggedExtents: false,
    exclusiveTagging: false,
    tagReuseRejected: false,
    chainWatchdogNs: null,
    maxStagedExtents: null,
    releaseGranularity: 'extent',
    forcedReleaseHonoured: false,
    claimBySize: true,
    claimByUuid: false,
};

const V11: ProfileRules = {
    kernel: 'dcd-v11',
    drivers: ['dax'],
    acceptForms: ['any'],
    defaultAccept: { kind: 'any' },
    taggedExtents: true,
    exclusiveTagging: false,
    tagReuseRejected: true,
    chainWatchdogNs: CHAIN_WATCHDOG_NS,
    maxStagedExtents: MAX_STAGED_EXTENTS,
    releaseGranularity: 'group',
    forcedReleaseHonoured: false,
    claimBySize: false,
    claimByUuid: true,
};

const SYSRAM_RFC: ProfileRules = {
    kernel: 'sysram-rfc',
    drivers: ['dax', 'sysram', 'virtio'],
    acceptForms: ['any', 'untagged', 'tags'],
    defaultAccept: { kind: 'any' },
    taggedExtents: true,
    exclusiveTagging: true,
    tagReuseRejected: true,
    chainWatchdogNs: CHAIN_WATCHDOG_NS,
    maxStagedExtents: MAX_STAGED_EXTENTS,
    releaseGranularity: 'group-if-tagged',
    forcedReleaseHonoured: true,
    claimBySize: false,
    claimByUuid: true,
};

const RULES: Readonly<Record<KernelProfile, ProfileRules>> = {
    'dcd-v9': V9, 'dcd-v11': V11, 'sysram-rfc': SYSRAM_RFC,
};

/**
 * The facts of one kernel profile (LANGUAGE.md §4 table; DOMAIN.md §3 for dcd-v11, §3.7 for
 * dcd-v9, §4–§6 for sysram-rfc). dcd-v9 stages More chains but has neither the 20 s watchdog
 * nor the 100-extent cap: both arrived with the v11 series ([V11-13] "Add 20 second timeout
 * for stalled DC_ADD_CAPACITY chains").
 */
export function profileRules(kernel: KernelProfile): ProfileRules {
    return RULES[kernel];
}

/** True when the profile can express this accept clause (else `policy/unsupported-by-kernel`). */
export function acceptFormAllowed(kernel: KernelProfile, accept: AcceptPolicy): boolean {
    return RULES[kernel].acceptForms.includes(accept.kind);
}

/** True when the profile has this region driver. */
export function driverAllowed(kernel: KernelProfile, driver: RegionDriver): boolean {
    return RULES[kernel].drivers.includes(driver);
}

/**
 * The alignment every member of a tag group needs (start DPA and length): PMD (2 MiB) for
 * DAX and virtio regions ([V11-15], DOMAIN.md §3.3), the host's memory block size for sysram
 * regions on sysram-rfc (hotplug granularity, DOMAIN.md §5, §7; LANGUAGE.md §4).
 */
export function groupAlignment(kernel: KernelProfile, driver: RegionDriver, host: Pick<HostConfig, 'memoryBlockSize'>): number {
    return kernel === 'sysram-rfc' && driver === 'sysram' ? host.memoryBlockSize : PMD_SIZE;
}
