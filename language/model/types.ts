/**
 * The shared device model: configuration of hosts, devices, DC partitions and regions, the
 * scenario a simulation plays, and the result it produces (LANGUAGE.md §2, §3, §8).
 *
 * Plain TypeScript: nothing here (or anywhere under `language/model/`) imports Langium,
 * vscode-languageserver or VS Code. The validator, the simulator, the CLI, the server and the
 * extension's renderers all use these types. Units: sizes, offsets and DPAs in bytes; times in
 * nanoseconds; lines 1-based.
 */

/** Kernel profiles of LANGUAGE.md §4. */
export type KernelProfile = 'dcd-v9' | 'dcd-v11' | 'sysram-rfc';
/** Every kernel profile, in the order the CLI and the docs list them. */
export const KERNEL_PROFILES: readonly KernelProfile[] = ['dcd-v9', 'dcd-v11', 'sysram-rfc'];
/** The profile a host gets when it names none (LANGUAGE.md §4: "dcd-v11 … default"). */
export const DEFAULT_KERNEL: KernelProfile = 'dcd-v11';

/** `auto_online_blocks` values (DOMAIN.md §7). */
export type OnlineType = 'offline' | 'online' | 'online_kernel' | 'online_movable';
/** Region drivers (DOMAIN.md §4). */
export type RegionDriver = 'dax' | 'sysram' | 'virtio';
/** A memory zone a block is onlined into: ZONE_MOVABLE or ZONE_NORMAL. */
export type Zone = 'movable' | 'normal';
/** The zone a region asks for; `auto` leaves the choice to `memory_hotplug.online_policy`. */
export type ZoneChoice = Zone | 'auto';
/** NUMA node states (DOMAIN.md §6). */
export type NodeState = 'N_MEMORY' | 'N_MEMORY_PRIVATE';
/** DAX holder policy (DOMAIN.md §9). */
export type HolderMode = 'exclusive' | 'shared';
/** How the device side is simulated (LANGUAGE.md §2). */
export type DeviceModelKind = 'qemu' | 'cxl_test';

/** Bytes in one KiB/MiB/GiB/TiB. */
export const KiB = 1024;
export const MiB = 1024 * KiB;
export const GiB = 1024 * MiB;
export const TiB = 1024 * GiB;

/** A NUMA node of a host. `dramBytes > 0` means the node has N_MEMORY from boot. */
export interface HostNodeConfig {
    id: number;
    dramBytes: number;
}

/** A host (LANGUAGE.md §2). */
export interface HostConfig {
    name: string;
    kernel: KernelProfile;
    /** Memory block size in bytes (default 128 MiB). */
    memoryBlockSize: number;
    /** `auto_online_blocks` (default `offline`). */
    autoOnline: OnlineType;
    /** `memory_hotplug.memmap_on_memory` (default off). */
    memmapOnMemory: boolean;
    nodes: HostNodeConfig[];
    line?: number;
}

/** A DC partition ("DC region" in the CXL spec), DOMAIN.md §1.6. */
export interface PartitionConfig {
    /** `device.partition`, e.g. `mem0.dc0`. */
    id: string;
    device: string;
    name: string;
    /** Position among the device's DC partitions, 0-based (the QMP `region` number). */
    index: number;
    /** Base DPA in bytes. */
    base: number;
    /** Length in bytes. */
    length: number;
    /** Block size in bytes. */
    blockSize: number;
    /** Decode length in bytes (default: length rounded up to 256 MiB). */
    decodeLength: number;
    sharable: boolean;
    sanitizeOnRelease: boolean;
    line?: number;
}

/** A CXL type-3 device with DC partitions. */
export interface DeviceConfig {
    name: string;
    /** RAM + PMEM capacity in bytes. */
    staticCapacity: number;
    /** Accepted + pending extents the device can track (default 512). */
    maxExtents: number;
    model: DeviceModelKind;
    partitions: PartitionConfig[];
    line?: number;
}

/** A region's accept clause; tags are canonical lower-case uuids. */
export type AcceptPolicy =
    | { kind: 'any' }
    | { kind: 'untagged' }
    | { kind: 'tags'; tags: string[] };

/** A region and its policy (LANGUAGE.md §2). */
export interface RegionConfig {
    name: string;
    /** Partition id `device.partition`. */
    partition: string;
    /** Start of the decoded range, bytes from the partition base. */
    offset: number;
    /** Size of the decoded range in bytes. */
    size: number;
    driver: RegionDriver;
    /** Undefined when the file leaves it out: the kernel profile's default applies. */
    accept?: AcceptPolicy;
    /** sysram only; undefined when left out. */
    zone?: ZoneChoice;
    /** sysram only; undefined when left out. */
    node?: { id: number; state: NodeState };
    /** dax only (default exclusive). */
    holder: HolderMode;
    line?: number;
}

/** Everything a scenario can refer to: the model of one workspace. */
export interface World {
    hosts: HostConfig[];
    devices: DeviceConfig[];
    regions: RegionConfig[];
    /** Tag name → canonical lower-case uuid. */
    tags: Record<string, string>;
}

/** The null uuid: an untagged extent (DOMAIN.md §1.2). */
export const NULL_UUID = '00000000-0000-0000-0000-000000000000';

/** One extent of a request; offset from the partition base, bytes. */
export interface ExtentRequest {
    offset: number;
    length: number;
    /** `shared_extn_seq`; 0 when not written. */
    seq: number;
}

/**
 * An event's action (LANGUAGE.md §3.1, §3.2). Tags are canonical lower-case uuids; `null` is
 * the null uuid (untagged). Partition, region and device names are as in the `World`.
 */
export type ActionSpec =
    /** Add Capacity: `list` is the `extents { … }` form (More on all but the last record); `more` the single form's flag. */
    | { kind: 'add'; partition: string; tag: string | null; extents: ExtentRequest[]; more: boolean; list: boolean }
    /** Release Capacity; `tagBased` is `release P tag T` with no extents; `forced` a Forced Capacity Release. */
    | { kind: 'release'; partition: string; tag: string | null; extents: ExtentRequest[]; forced: boolean; tagBased: boolean }
    | { kind: 'surprise_remove'; device: string }
    /** `create_dax`: by uuid (`tag: null` is the `0` / untagged claim) or by size (dcd-v9). */
    | { kind: 'create_dax'; name: string; region: string; claim: { by: 'uuid'; tag: string | null } | { by: 'size'; size: number } }
    | { kind: 'destroy_dax'; name: string }
    | { kind: 'mount'; fs: string; dax: string }
    | { kind: 'umount'; fs: string }
    | { kind: 'alloc_unmovable'; region: string; size: number }
    | { kind: 'pin'; region: string; size: number }
    | { kind: 'unpin'; region: string }
    | { kind: 'free'; region: string }
    | { kind: 'offline'; region: string }
    | { kind: 'online'; region: string; zone: Zone }
    | { kind: 'destroy_region'; region: string }
    | { kind: 'unload_dax_cxl' }
    | { kind: 'load_dax_cxl' };

/** The action word printed in results: `add`, `release`, `create_dax`, `unload`, … */
export type ActionWord = 'add' | 'release' | 'surprise_remove' | 'create_dax' | 'destroy_dax' | 'mount' | 'umount'
    | 'alloc' | 'pin' | 'unpin' | 'free' | 'offline' | 'online' | 'destroy_region' | 'unload' | 'load';

/** One event of a scenario, in source order. */
export interface EventSpec {
    /** Source order, 0-based. */
    index: number;
    /** Time in ns. */
    tNs: number;
    line: number;
    label?: string;
    action: ActionSpec;
}

/** Event outcomes (LANGUAGE.md §3.3). */
export type EventOutcome = 'accepted' | 'rejected' | 'refused' | 'released' | 'deferred' | 'ignored'
    | 'acknowledged' | 'ok' | 'failed' | 'partial';
/** Extent states (LANGUAGE.md §3.3). */
export type ExtentState = 'staged' | 'accepted' | 'rejected' | 'refused' | 'claimed' | 'online' | 'released' | 'failed' | 'leaked';

/** An expectation's claim (LANGUAGE.md §3.3). */
export type ExpectationClaim =
    | { kind: 'event'; label: string; outcome: EventOutcome; reason?: string }
    | { kind: 'extent'; partition: string; offset: number; state: ExtentState; reason?: string }
    | { kind: 'region'; region: string; property: 'extents' | 'accepted' | 'online' | 'memmap'; value: number }
    | { kind: 'region'; region: string; property: 'zone'; zone: Zone }
    | { kind: 'region'; region: string; property: 'node'; nodeState: NodeState }
    | { kind: 'dax'; name: string; property: 'size'; value: number }
    | { kind: 'dax'; name: string; property: 'absent' }
    | { kind: 'dax'; name: string; property: 'holder'; holder: string | null }
    | { kind: 'fs'; fs: string; notified: boolean };

/** An expectation as written. */
export interface ExpectationSpec {
    line: number;
    /** The source text, whitespace collapsed: `expect grow accepted`. */
    text: string;
    /** `expect at T …` in ns; undefined: after the last event and every timer it set. */
    atNs?: number;
    claim: ExpectationClaim;
}

/** A scenario ready to simulate. */
export interface ScenarioSpec {
    name: string;
    line: number;
    host: HostConfig;
    /** The effective profile: the scenario's `kernel` override or the host's. */
    kernel: KernelProfile;
    /** In source order; the simulator orders them by (tNs, index). */
    events: EventSpec[];
    expectations: ExpectationSpec[];
}

/** Options of one simulation run. */
export interface SimulationOptions {
    /** Stop with a `SimulationBudgetError` past this many processed events (records, timers, actions). Default 5,000,000. */
    maxEvents?: number;
}

// ----------------------------------------------------------------------------------------
// Results: exactly the JSON of LANGUAGE.md §8 (snake_case fields are part of the contract).
// ----------------------------------------------------------------------------------------

/** One event's result. */
export interface EventResult {
    index: number;
    label: string | null;
    t_ns: number;
    line: number;
    action: ActionWord;
    outcome: EventOutcome;
    /** A reason code of LANGUAGE.md §5, or null. */
    reason: string | null;
    /** The errno the kernel returns (`EBUSY`, `ENOENT`, …), or null. */
    errno: string | null;
    /** One readable sentence on what happened. */
    detail: string;
}

/** A point on an extent's timeline. */
export interface TimelinePoint {
    t_ns: number;
    state: ExtentState;
    zone?: Zone;
    node_state?: NodeState;
    reason?: string;
}

/** One extent's life. */
export interface ExtentResult {
    /** `partition@0xOFFSET` (hex offset); a later extent at the same offset gets `#2`, `#3`, … */
    id: string;
    partition: string;
    offset: number;
    dpa: number;
    length: number;
    tag: string | null;
    region: string | null;
    /** The state at the end of the scenario. */
    state: ExtentState;
    reason: string | null;
    timeline: TimelinePoint[];
}

/** A region at the end of the scenario. */
export interface RegionResult {
    name: string;
    extents: number;
    accepted_bytes: number;
    online_bytes: number;
    zone: Zone | null;
    node_state: NodeState | null;
    memmap_bytes: number;
}

/** A DAX device at the end of the scenario. */
export interface DaxResult {
    name: string;
    region: string;
    size: number;
    holder: string | null;
    state: 'active' | 'destroyed' | 'failed' | 'removed';
}

/** An expectation's verdict. */
export interface ExpectationResult {
    line: number;
    text: string;
    passed: boolean;
    /** What the simulation had, in the expectation's own words (`rejected tag-mismatch`, `256MiB`). */
    actual: string;
}

/** One scenario's result (LANGUAGE.md §8). */
export interface ScenarioResult {
    name: string;
    kernel: KernelProfile;
    host: string;
    events: EventResult[];
    extents: ExtentResult[];
    regions: RegionResult[];
    dax: DaxResult[];
    expectations: ExpectationResult[];
}

/** The whole `simulate --format json` document. */
export interface SimulationResult {
    file: string;
    scenarios: ScenarioResult[];
}
