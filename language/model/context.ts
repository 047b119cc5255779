/**
 * The state of one simulation run and the small helpers every rule module uses: look-ups,
 * the extent recorder (timelines), event outcomes, timers and the event budget.
 *
 * Results are built once: an `EventResult` when its event's outcome is known, an
 * `ExtentResult` when its extent is offered (its timeline gets one point per state change),
 * `RegionResult` and `DaxResult` at the end (or when an expectation asks).
 */
import type {
    EventOutcome, EventResult, EventSpec, ExtentResult, ExtentState, HostConfig, KernelProfile, NodeState, PartitionConfig,
    ScenarioSpec, TimelinePoint, World, Zone,
} from './types.js';
import { DeviceModel } from './device/qemu.js';
import {
    OffsetResults, PartitionRuntime, SimExtent,
    type AddRun, type DaxDevice, type FsState, type NodeUse, type RegionState, type TagGroup,
} from './host/state.js';
import type { Chain } from './host/staging.js';
import { ChainScan } from './host/gates.js';
import { ExtentList } from './host/extent-list.js';
import { profileRules, type ProfileRules } from './profiles.js';
import { errnoOf } from './reasons.js';
import { extentId } from './format.js';
import { actionWord } from './actions.js';
import { addDetail } from './details.js';
import { MinHeap } from './util/heap.js';
import type { SpanSet } from './util/intervals.js';
import { emptyKeepingCapacity } from './util/arrays.js';

/** Thrown when a run processes more events (records, timers, actions) than its budget. */
export class SimulationBudgetError extends Error {
    constructor(readonly scenario: string, readonly budget: number) {
        super(`scenario "${scenario}" exceeded the simulation budget of ${budget} events (records, timers and actions); raise maxEvents or shorten the scenario`);
        this.name = 'SimulationBudgetError';
    }
}

/** The default event budget of one run. */
export const DEFAULT_MAX_EVENTS = 5_000_000;

/** A queued watchdog: it fires for its chain at `t` (ties in queue order). */
interface Timer {
    t: number;
    seq: number;
    chain: Chain;
}

const LIVE_STATES: ReadonlySet<ExtentState> = new Set(['staged', 'accepted', 'claimed', 'online']);
/** States an extent (almost) never leaves: the point recording one must not leave spare storage behind. */
const FINAL_STATES: ReadonlySet<ExtentState> = new Set(['rejected', 'refused', 'released', 'failed', 'leaked']);

/** The timeline of an extent with no state yet (every extent gets one when it is offered). */
const NO_POINTS: TimelinePoint[] = [];
/** Points a timeline has room for from the start: staged, accepted, claimed, accepted, released. */
const TIMELINE_ROOM = 5;

/**
 * Appends a timeline point, keeping the array's storage tight: a timeline starts with room
 * for TIMELINE_ROOM points (so a typical life allocates its array once; popping a few slots
 * does not shrink V8's storage), and a final state that finds no known room (V8 grows a
 * pushed-to array by 16+ slots) gets an exactly sized copy instead.
 */
function appendPoint(ext: SimExtent, point: TimelinePoint, final: boolean): void {
    const r = ext.result;
    const timeline = r.timeline;
    if (timeline.length === 0) {
        if (final) {
            r.timeline = [point];
            ext.timelineRoom = 0;
        } else {
            // Five slots, one used: `pop` keeps the storage (and is cheaper than setting `length`).
            const roomy = [point, point, point, point, point];
            roomy.pop();
            roomy.pop();
            roomy.pop();
            roomy.pop();
            r.timeline = roomy;
            ext.timelineRoom = TIMELINE_ROOM - 1;
        }
    } else if (final && ext.timelineRoom === 0) {
        r.timeline = appended(timeline, point);
    } else {
        timeline.push(point);
        if (ext.timelineRoom > 0) ext.timelineRoom--;
    }
}

/** A copy of `a` with `x` appended, exactly sized. */
function appended<T>(a: readonly T[], x: T): T[] {
    const n = a.length;
    const out = new Array<T>(n + 1);
    for (let i = 0; i < n; i++) out[i] = a[i];
    out[n] = x;
    return out;
}

function timerBefore(a: Timer, b: Timer): boolean {
    return a.t < b.t || (a.t === b.t && a.seq < b.seq);
}

/** One run: the world as the scenario's host sees it, the device models, and the recorder of results. */
export class Sim {
    readonly kernel: KernelProfile;
    readonly rules: ProfileRules;
    readonly host: HostConfig;
    now = 0;

    /** Per partition id: configuration, regions, host extents, extent results. */
    private readonly parts = new Map<string, PartitionRuntime>();
    /** Device by name. */
    readonly devices = new Map<string, DeviceModel>();
    /** Device of each partition id. */
    readonly deviceOf = new Map<string, DeviceModel>();
    readonly regions = new Map<string, RegionState>();
    /** Host-wide registry of live tag groups (`cxl_tag_register`, DOMAIN.md §3.3). */
    readonly tags = new Map<string, TagGroup>();
    /** Live extents whose tag group is not their tag's registered one (see `loadDaxCxl`); usually 0. */
    unregisteredLive = 0;
    daxCxlLoaded = true;
    /** DAX devices by name, in the order the JSON `dax` lists them. */
    readonly dax = new Map<string, DaxDevice>();
    readonly filesystems = new Map<string, FsState>();
    readonly nodes = new Map<number, NodeUse>();
    /** The open More chain of each device. */
    readonly chains = new Map<DeviceModel, Chain>();
    /** The gates' scratch state, reused by every chain that closes. */
    readonly chainScan = new ChainScan();
    /** The extents a closing chain hands to the host (reused; empty between chains). */
    readonly fresh: SimExtent[] = [];

    /** Every offered extent's result in creation order (the JSON `extents`). */
    readonly extents: ExtentResult[] = [];
    /** The scenario's events in source order, and their results once known. */
    readonly events: readonly EventSpec[];
    readonly results: Array<EventResult | undefined>;
    /** Event position by label (the first event with it); built when an expectation first asks. */
    private labels: Map<string, number> | undefined;
    private readonly answeredAdds: AddRun[] = [];

    private readonly timers = new MinHeap<Timer>(timerBefore);
    private timerSeq = 0;
    private processed = 0;
    private readonly maxEvents: number;

    constructor(readonly world: World, readonly scenario: ScenarioSpec, maxEvents: number) {
        this.kernel = scenario.kernel;
        this.rules = profileRules(scenario.kernel);
        this.host = scenario.host;
        this.maxEvents = maxEvents;
        this.events = scenario.events;
        this.results = new Array<EventResult | undefined>(this.events.length);
        for (const d of world.devices) {
            const model = new DeviceModel(d);
            this.devices.set(d.name, model);
            for (const p of d.partitions) {
                this.part(p.id).cfg = p; // a later device with the same partition id wins, as in every map here
                this.deviceOf.set(p.id, model);
            }
        }
        for (const cfg of world.regions) {
            const part = this.part(cfg.partition);
            const region: RegionState = {
                cfg, partition: part.cfg,
                start: cfg.offset, end: cfg.offset + cfg.size,
                supported: this.rules.drivers.includes(cfg.driver),
                destroyed: false,
                accept: cfg.accept ?? this.rules.defaultAccept,
                extents: new ExtentList(), tagged: 0, untagged: 0,
                acceptedBytes: 0, onlineBytes: 0, onlineZone: undefined, onlineNodeState: undefined,
                acceptedText: undefined, onlineNote: undefined, chainTagged: false, chainEpoch: 0,
            };
            this.regions.set(cfg.name, region);
            part.regions.push(region);
        }
        for (const n of this.host.nodes) this.nodes.set(n.id, { dram: n.dramBytes > 0, memoryBytes: 0, privateBytes: 0 });
    }

    // ---- budget and timers ---------------------------------------------------------------

    /** Counts one processed event (record, timer or action) against the budget. */
    tick(): void {
        if (++this.processed > this.maxEvents) throw new SimulationBudgetError(this.scenario.name, this.maxEvents);
    }

    /** Queues a chain's watchdog at `t` (ties fire in the order they were queued). */
    schedule(t: number, chain: Chain): void {
        this.timers.push({ t, seq: this.timerSeq++, chain });
    }

    /** The time of the earliest queued timer, or Infinity. */
    nextTimerAt(): number {
        const next = this.timers.peek();
        return next === undefined ? Infinity : next.t;
    }

    /** Pops the next timer; one that fires counts against the budget. */
    popTimer(): Timer {
        const timer = this.timers.pop()!;
        this.now = timer.t;
        return timer;
    }

    // ---- look-ups ----------------------------------------------------------------------------

    /** The run-time state of a partition id (created on first use for ids no device has). */
    part(partitionId: string): PartitionRuntime {
        let p = this.parts.get(partitionId);
        if (p === undefined) this.parts.set(partitionId, (p = new PartitionRuntime(partitionId, undefined)));
        return p;
    }

    /** A device partition's configuration (undefined for an id no device has). */
    partitionConfig(partitionId: string): PartitionConfig | undefined {
        return this.parts.get(partitionId)?.cfg;
    }

    /** The host's extents on a partition, by address (`e.part.host` for an extent's own). */
    hostExtents(partitionId: string): SpanSet<SimExtent> {
        return this.part(partitionId).host;
    }

    /** The region whose decoder covers this partition offset, if the kernel created it and it is not destroyed. */
    regionAt(partitionId: string, offset: number): RegionState | undefined {
        const part = this.parts.get(partitionId);
        return part === undefined ? undefined : this.regionIn(part, offset);
    }

    /** `regionAt` for a partition's run-time state. */
    regionIn(part: PartitionRuntime, offset: number): RegionState | undefined {
        const list = part.regions;
        for (let i = 0; i < list.length; i++) {
            const r = list[i];
            if (!r.destroyed && r.supported && r.start <= offset && offset < r.end) return r;
        }
        return undefined;
    }

    /** The region is up and has its DAX region (dax driver needs dax_cxl loaded). */
    regionTracks(region: RegionState): boolean {
        return region.supported && !region.destroyed && (region.cfg.driver !== 'dax' || this.daxCxlLoaded);
    }

    /** A NUMA node's memory use (a node the host does not list is memory-less). */
    node(id: number): NodeUse {
        let n = this.nodes.get(id);
        if (!n) this.nodes.set(id, (n = { dram: false, memoryBytes: 0, privateBytes: 0 }));
        return n;
    }

    // ---- extents and their timelines ---------------------------------------------------------

    /** A new offered extent with an empty timeline and a unique id (`P@0xO`, then `#2`, `#3`, …). */
    newExtent(partitionId: string, start: number, length: number, tag: string | null, seq: number, add: AddRun | undefined): SimExtent {
        const part = this.part(partitionId);
        const cfg = part.cfg;
        const at = part.byOffset.get(start);
        const result: ExtentResult = {
            id: at === undefined ? extentId(partitionId, start) : at.key + '#' + (at.count + 1),
            partition: partitionId, offset: start, dpa: (cfg === undefined ? 0 : cfg.base) + start, length,
            tag, region: null, state: 'staged', reason: null, timeline: NO_POINTS,
        };
        if (at === undefined) part.byOffset.set(start, new OffsetResults(result.id, result));
        else (at.more ??= []).push(result);
        this.extents.push(result);
        return new SimExtent(part, start, start + length, tag, seq, add, result);
    }

    /**
     * The extent an expectation `extent P@O [STATE [REASON]]` means when several share the
     * offset (a refused re-offer, a later re-add): the newest in the claimed state (and
     * reason), else the newest live one, else the newest that reached the host, else the newest.
     */
    extentNamed(partitionId: string, offset: number, state?: ExtentState, reason?: string): ExtentResult | undefined {
        const at = this.parts.get(partitionId)?.byOffset.get(offset);
        if (at === undefined) return undefined;
        const n = at.count;
        if (n === 1) return at.first;
        if (state) {
            for (let i = n - 1; i >= 0; i--) {
                const r = at.at(i);
                if (r.state === state && (reason === undefined || r.reason === reason || errnoOf(r.reason) === reason)) return r;
            }
        }
        for (let i = n - 1; i >= 0; i--) if (LIVE_STATES.has(at.at(i).state)) return at.at(i);
        for (let i = n - 1; i >= 0; i--) if (at.at(i).state !== 'refused') return at.at(i);
        return at.at(n - 1);
    }

    /**
     * Records a state change on the extent's timeline (and on every alias of it). The point
     * carries `zone` and `node_state` (online) or `reason` when given.
     */
    setState(ext: SimExtent, state: ExtentState, reason?: string, zone?: Zone, nodeState?: NodeState): void {
        let point: TimelinePoint;
        if (zone && nodeState && !reason) {
            point = { t_ns: this.now, state, zone, node_state: nodeState };
        } else if (zone !== undefined || nodeState !== undefined) {
            point = { t_ns: this.now, state };
            if (zone) point.zone = zone;
            if (nodeState) point.node_state = nodeState;
            if (reason) point.reason = reason;
        } else if (reason) {
            point = { t_ns: this.now, state, reason };
        } else {
            point = { t_ns: this.now, state };
        }
        appendPoint(ext, point, FINAL_STATES.has(state));
        const r = ext.result;
        r.state = state;
        r.reason = reason ?? null;
        const aliases = ext.aliases;
        if (aliases !== undefined) for (let i = 0; i < aliases.length; i++) this.setState(aliases[i], state, reason, zone, nodeState);
    }

    /** The extent is answered (accepted, rejected or refused); its add event may now be done. */
    decide(ext: SimExtent, state: 'accepted' | 'rejected' | 'refused', reason?: string): void {
        if (state !== 'accepted') this.setState(ext, state, reason || undefined);
        if (ext.verdict) return;
        ext.verdict = state;
        const add = ext.add;
        if (add && --add.undecided === 0) this.answeredAdds.push(add);
    }

    /** Sets the outcome of every add event answered in this step (after the driver reacted). */
    flushAnsweredAdds(): void {
        const adds = this.answeredAdds;
        if (adds.length === 0) return;
        for (let i = 0; i < adds.length; i++) this.finishAdd(adds[i]);
        emptyKeepingCapacity(adds);
    }

    /**
     * An add event's outcome once every extent is answered (LANGUAGE.md §3.3): `accepted`
     * (all), `rejected REASON` (none; the first extent's reason), `partial`, or `refused`.
     */
    finishAdd(add: AddRun): void {
        let accepted = 0;
        let firstBad: SimExtent | undefined;
        for (const e of add.extents) {
            if (e.verdict === 'accepted') accepted++;
            else if (!firstBad) firstBad = e;
        }
        if (accepted === add.extents.length) {
            this.finish(add.event, 'accepted', null, add.errno ?? null, addDetail(add, accepted, undefined));
            return;
        }
        const bad = firstBad!;
        const reason = bad.result.reason!;
        const outcome: EventOutcome = bad.verdict === 'refused' ? 'refused' : accepted === 0 ? 'rejected' : 'partial';
        this.finish(add.event, outcome, reason, outcome === 'partial' ? add.errno ?? null : errnoOf(reason), addDetail(add, accepted, bad));
    }

    /** The position of the first event with this label. */
    eventLabelled(label: string): number | undefined {
        if (this.labels === undefined) {
            this.labels = new Map();
            for (let i = 0; i < this.events.length; i++) {
                const l = this.events[i].label;
                if (l !== undefined && !this.labels.has(l)) this.labels.set(l, i);
            }
        }
        return this.labels.get(label);
    }

    /** True once the event at this position has its outcome. */
    isDone(event: number): boolean {
        return this.results[event] !== undefined;
    }

    /** Sets the outcome of the event at this position: its `EventResult`, built once. */
    finish(event: number, outcome: EventOutcome, reason: string | null, errno: string | null, detail: string): void {
        const spec = this.events[event];
        this.results[event] = {
            index: spec.index, label: spec.label ?? null, t_ns: spec.tNs, line: spec.line,
            action: actionWord(spec.action), outcome, reason, errno, detail,
        };
    }
}
