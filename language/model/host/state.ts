/**
 * The simulator's run-time objects: extents as the host sees them, tag groups, regions, DAX
 * devices, filesystems and partitions. Plain data; the rules that change them live beside
 * this file, one concern per module.
 */
import type {
    AcceptPolicy, DaxResult, ExtentResult, NodeState, PartitionConfig, RegionConfig, Zone,
} from '../types.js';
import type { Span } from '../util/intervals.js';
import { SpanSet } from '../util/intervals.js';
import { ExtentList } from './extent-list.js';

/** An Add Capacity event whose extents may be decided at different times. */
export interface AddRun {
    /** The event's position in the scenario's event list. */
    event: number;
    extents: SimExtent[];
    /** Extents not yet accepted, rejected or refused. */
    undecided: number;
    /** An errno raised after acceptance (onlining refused), reported on the event. */
    errno: string | undefined;
    /** Extra sentences for the detail (onlining, device response). */
    notes: string[] | undefined;
}

/** The answer to an offer: accepted (by the host), rejected, or refused (by the device). */
export type Verdict = 'accepted' | 'rejected' | 'refused';

/**
 * One offered extent (one Add Capacity record), from the device's offer to its end. `start`
 * and `end` are offsets from the partition base. `result` is its `ExtentResult` in the JSON,
 * created once and updated at each state change.
 */
export class SimExtent implements Span {
    /** The reason its own gates rejected it when its chain closed (DOMAIN.md §3.2). */
    gateReason: string | undefined = undefined;
    /** A live extent this record duplicates, found by the gates of its chain (DOMAIN.md §3.2 rule 5). */
    duplicateOf: SimExtent | undefined = undefined;
    verdict: Verdict | undefined = undefined;
    /** In the host's accepted set and usable (accepted, claimed or online). */
    live = false;
    /** In the host index but unusable for good: leaked or failed (crash risk). */
    dead = false;
    region: RegionState | undefined = undefined;
    group: TagGroup | undefined = undefined;
    /** Records accepted again as duplicates of this extent's range; they follow its states. */
    aliases: SimExtent[] | undefined = undefined;
    /** The QEMU pending group (the request's extents) it was offered in. */
    pendingGroup: readonly SimExtent[] | undefined = undefined;
    /** Bytes onlined as System RAM (sysram), the zone and node state they were onlined with. */
    onlineBytes = 0;
    zone: Zone | undefined = undefined;
    nodeState: NodeState | undefined = undefined;
    /** Bytes claimed by DAX devices, and those devices. */
    claimedBytes = 0;
    daxClaims: DaxDevice[] | undefined = undefined;
    /** Unmovable kernel allocations and long-term pins that landed in this extent's memory. */
    unmovableBytes = 0;
    pinnedBytes = 0;
    /** Replayed from the device list into a tag group that is not the tag's registered one (see `loadDaxCxl`). */
    unregistered = false;
    /** The region list it is in while live, and its neighbours there (see `ExtentList`). */
    list: ExtentList | undefined = undefined;
    listPrev: SimExtent | undefined = undefined;
    listNext: SimExtent | undefined = undefined;
    /** Free slots known to remain in `result.timeline`'s storage (0: none or unknown); see `appendPoint` in context.ts. */
    timelineRoom = 0;

    constructor(
        /** The run-time state of its partition (host index, regions). */
        readonly part: PartitionRuntime,
        readonly start: number,
        readonly end: number,
        readonly tag: string | null,
        readonly seq: number,
        /** The add event that offered it (undefined for an extent replayed from the device list). */
        readonly add: AddRun | undefined,
        readonly result: ExtentResult,
    ) {}

    get partitionId(): string {
        return this.part.id;
    }

    /** The partition's configuration (undefined for an id no device has). */
    get partition(): PartitionConfig | undefined {
        return this.part.cfg;
    }
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
    extents: ExtentList;
    /** Live tagged / untagged extents (sysram-rfc exclusive-or). */
    tagged: number;
    untagged: number;
    /** Bytes of the live extents. */
    acceptedBytes: number;
    /** Online bytes of the live extents, and their zone and node state (one zone per region). */
    onlineBytes: number;
    onlineZone: Zone | undefined;
    onlineNodeState: NodeState | undefined;
    /** Memoised detail of an add accepted into this region alone: `N extents (SIZE) accepted into R.` */
    acceptedText: { count: number; bytes: number; text: string } | undefined;
    /** Memoised note of the last onlining on accept: `R: DETAIL.` for that detail. */
    onlineNote: { detail: string; note: string } | undefined;
    /** Tagged (true) or untagged (false) extents the closing chain brings, valid while `chainEpoch` is the scan's. */
    chainTagged: boolean;
    chainEpoch: number;
}

/** A DAX device created by `create_dax`; its `DaxResult` is built from these fields. */
export interface DaxDevice {
    name: string;
    region: RegionState;
    size: number;
    state: DaxResult['state'];
    /** Claimed extents, and the bytes taken from each (undefined: each whole extent, a uuid claim). */
    claimed: readonly SimExtent[];
    claimedBytes: readonly number[] | undefined;
    /** The filesystem holding it (fs_dax_get), if any. */
    holder: FsState | undefined;
    /** Filesystems mounted on it (the holder and, with `holder shared`, holder-less ones). */
    mounts: FsState[];
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

/** The extent results offered at one partition offset, oldest first, and their id prefix. */
export class OffsetResults {
    more: ExtentResult[] | undefined = undefined;
    constructor(readonly key: string, readonly first: ExtentResult) {}

    get count(): number {
        return this.more === undefined ? 1 : this.more.length + 1;
    }

    at(i: number): ExtentResult {
        return i === 0 ? this.first : this.more![i - 1];
    }
}

/**
 * Everything the simulator keeps per partition id (also for ids no device has: requests to
 * them are still recorded): its configuration, the regions decoding it, the host's extents
 * on it by address, and the extent results by offset.
 */
export class PartitionRuntime {
    /** Host-side extents (live and dead ones), for overlap and containment. */
    readonly host = new SpanSet<SimExtent>();
    /** Extent results by offset (ids, and expectations naming `P@O`). */
    readonly byOffset = new Map<number, OffsetResults>();
    readonly regions: RegionState[] = [];

    constructor(readonly id: string, public cfg: PartitionConfig | undefined) {}
}
