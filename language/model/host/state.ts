/**
 * The simulator's run-time objects: extents as the host sees them, tag groups, regions, DAX
 * devices, filesystems and More chains. Plain data; the rules that change them live beside
 * this file, one concern per module.
 */
import type {
    AcceptPolicy, DaxResult, EventResult, EventSpec, ExtentResult, NodeState, PartitionConfig,
    RegionConfig, Zone,
} from '../types.js';
import type { Span } from '../util/intervals.js';

/** One event of the scenario while it runs. */
export interface EventRun {
    spec: EventSpec;
    result: EventResult;
    /** False until the outcome is known (an add waiting in an open More chain). */
    done: boolean;
}

/** An Add Capacity event whose extents may be decided at different times. */
export interface AddRun {
    run: EventRun;
    extents: SimExtent[];
    /** Extents not yet accepted, rejected or refused. */
    undecided: number;
    /** An errno raised after acceptance (onlining refused), reported on the event. */
    errno?: string;
    /** Extra sentences for the detail (onlining, device response). */
    notes?: string[];
}

/**
 * One offered extent (one Add Capacity record), from the device's offer to its end. `start`
 * and `end` are offsets from the partition base. It is the `ExtentResult` of the JSON.
 */
export interface SimExtent extends Span {
    result: ExtentResult;
    partition: PartitionConfig | undefined;
    partitionId: string;
    tag: string | null;
    seq: number;
    /** The add event that offered it (undefined for an extent replayed from the device list). */
    add: AddRun | undefined;
    /** The reason its own gates rejected it when its chain closed (DOMAIN.md §3.2). */
    gateReason: string | undefined;
    /** The answer to the offer, once given: accepted (by the host), rejected, or refused (by the device). */
    verdict: 'accepted' | 'rejected' | 'refused' | undefined;
    /** In the host's accepted set and usable (accepted, claimed or online). */
    live: boolean;
    /** In the host index but unusable for good: leaked or failed (crash risk). */
    dead: boolean;
    region: RegionState | undefined;
    group: TagGroup | undefined;
    /** A record accepted again as a duplicate of this extent's range (DOMAIN.md §3.2 rule 5). */
    aliasOf: SimExtent | undefined;
    aliases: SimExtent[] | undefined;
    /** The QEMU pending group it was offered in. */
    pendingGroup: object | undefined;
    /** Bytes onlined as System RAM (sysram), the zone and node state they were onlined with. */
    onlineBytes: number;
    zone: Zone | undefined;
    nodeState: NodeState | undefined;
    /** Bytes claimed by DAX devices, and those devices. */
    claimedBytes: number;
    daxClaims: DaxDevice[] | undefined;
    /** Unmovable kernel allocations and long-term pins that landed in this extent's memory. */
    unmovableBytes: number;
    pinnedBytes: number;
}

/** The host's tag group: the unit of allocation and (dcd-v11) of release (DOMAIN.md §3.3). */
export interface TagGroup {
    tag: string | null;
    members: SimExtent[];
}

/** A region of the world as the host runs it. */
export interface RegionState {
    cfg: RegionConfig;
    partition: PartitionConfig | undefined;
    /** Decoded range, offsets from the partition base. */
    start: number;
    end: number;
    /** The kernel has this region's driver (else the region is never created). */
    supported: boolean;
    destroyed: boolean;
    /** The accept clause in force (the region's, else the profile default). */
    accept: AcceptPolicy;
    /** Live extents in acceptance order. */
    extents: Set<SimExtent>;
    /** Live tagged / untagged extents (sysram-rfc exclusive-or). */
    tagged: number;
    untagged: number;
}

/** A DAX device created by `create_dax`. */
export interface DaxDevice {
    result: DaxResult;
    region: RegionState;
    claims: Array<{ ext: SimExtent; bytes: number }>;
    /** The filesystem holding it (fs_dax_get), if any. */
    holder: FsState | undefined;
    /** Filesystems mounted on it (the holder and, with `holder shared`, holder-less ones). */
    mounts: Set<FsState>;
}

/** A filesystem named by `mount`. */
export interface FsState {
    name: string;
    dax: DaxDevice | undefined;
    mounted: boolean;
    /** It registered as the DAX device's holder (only holders are notified of failures). */
    holder: boolean;
    notified: boolean;
}

/** A node's memory, for N_MEMORY / N_MEMORY_PRIVATE (DOMAIN.md §6). */
export interface NodeUse {
    /** Boot DRAM: N_MEMORY from boot. */
    dram: boolean;
    /** Bytes of CXL memory online on it as N_MEMORY / N_MEMORY_PRIVATE. */
    memoryBytes: number;
    privateBytes: number;
}
