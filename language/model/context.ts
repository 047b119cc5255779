/**
 * The state of one simulation run and the small helpers every rule module uses: look-ups,
 * the extent recorder (timelines), event outcomes, timers and the event budget.
 */
import type {
    DaxResult, EventOutcome, ExtentResult, ExtentState, HostConfig, KernelProfile, NodeState, PartitionConfig,
    ScenarioSpec, TimelinePoint, World, Zone,
} from './types.js';
import { DeviceModel } from './device/qemu.js';
import type { AddRun, DaxDevice, EventRun, FsState, NodeUse, RegionState, SimExtent, TagGroup } from './host/state.js';
import { profileRules, type ProfileRules } from './profiles.js';
import { errnoOf, REASON_DESCRIPTIONS, type ReasonCode } from './reasons.js';
import { extentId, formatSize } from './format.js';
import { MinHeap } from './util/heap.js';
import { SpanSet } from './util/intervals.js';

/** Thrown when a run processes more events (records, timers, actions) than its budget. */
export class SimulationBudgetError extends Error {
    constructor(readonly scenario: string, readonly budget: number) {
        super(`scenario "${scenario}" exceeded the simulation budget of ${budget} events (records, timers and actions); raise maxEvents or shorten the scenario`);
        this.name = 'SimulationBudgetError';
    }
}

/** The default event budget of one run. */
export const DEFAULT_MAX_EVENTS = 5_000_000;

interface Timer {
    t: number;
    seq: number;
    /** Runs the timer; false when it found nothing to do (a disarmed or re-armed watchdog). */
    fire: (t: number) => boolean;
}

/** An open More chain on one memdev (the kernel's `add_ctx`, DOMAIN.md §3.1). */
export interface Chain {
    extents: SimExtent[];
    /** The watchdog is armed (the last record had More set). */
    armed: boolean;
    deadline: number;
    timerQueued: boolean;
}

/** Extra facts of a timeline point. */
export interface StateExtra {
    reason?: string;
    zone?: Zone;
    nodeState?: NodeState;
}

const LIVE_STATES: ReadonlySet<ExtentState> = new Set(['staged', 'accepted', 'claimed', 'online']);

/** One run: the world as the scenario's host sees it, the device models, and the recorder of results. */
export class Sim {
    readonly kernel: KernelProfile;
    readonly rules: ProfileRules;
    readonly host: HostConfig;
    now = 0;

    readonly partitions = new Map<string, PartitionConfig>();
    /** Device by name. */
    readonly devices = new Map<string, DeviceModel>();
    /** Device of each partition id. */
    readonly deviceOf = new Map<string, DeviceModel>();
    readonly regions = new Map<string, RegionState>();
    readonly regionsByPartition = new Map<string, RegionState[]>();
    /** Host-side extents per partition (live and dead ones), for overlap and containment. */
    private readonly hostIndex = new Map<string, SpanSet<SimExtent>>();
    /** Host-wide registry of live tag groups (`cxl_tag_register`, DOMAIN.md §3.3). */
    readonly tags = new Map<string, TagGroup>();
    daxCxlLoaded = true;
    readonly dax = new Map<string, DaxDevice>();
    readonly filesystems = new Map<string, FsState>();
    readonly nodes = new Map<number, NodeUse>();
    readonly chains = new Map<DeviceModel, Chain>();

    /** Every offered extent's result in creation order (the JSON `extents`). */
    readonly extents: ExtentResult[] = [];
    /** Extent results by partition and offset, oldest first (expectations name them so). */
    private readonly extentsAt = new Map<string, Map<number, ExtentResult | ExtentResult[]>>();
    readonly runs: EventRun[] = [];
    readonly labels = new Map<string, EventRun>();
    private readonly answeredAdds: AddRun[] = [];

    private readonly timers = new MinHeap<Timer>((a, b) => a.t < b.t || (a.t === b.t && a.seq < b.seq));
    private timerSeq = 0;
    private processed = 0;
    private readonly maxEvents: number;

    constructor(readonly world: World, readonly scenario: ScenarioSpec, maxEvents: number) {
        this.kernel = scenario.kernel;
        this.rules = profileRules(scenario.kernel);
        this.host = scenario.host;
        this.maxEvents = maxEvents;
        for (const d of world.devices) {
            const model = new DeviceModel(d);
            this.devices.set(d.name, model);
            for (const p of d.partitions) {
                this.partitions.set(p.id, p);
                this.deviceOf.set(p.id, model);
            }
        }
        for (const cfg of world.regions) {
            const partition = this.partitions.get(cfg.partition);
            const region: RegionState = {
                cfg, partition,
                start: cfg.offset, end: cfg.offset + cfg.size,
                supported: this.rules.drivers.includes(cfg.driver),
                destroyed: false,
                accept: cfg.accept ?? this.rules.defaultAccept,
                extents: new Set(), tagged: 0, untagged: 0,
            };
            this.regions.set(cfg.name, region);
            let list = this.regionsByPartition.get(cfg.partition);
            if (!list) this.regionsByPartition.set(cfg.partition, (list = []));
            list.push(region);
        }
        for (const n of this.host.nodes) this.nodes.set(n.id, { dram: n.dramBytes > 0, memoryBytes: 0, privateBytes: 0 });
    }

    // ---- budget and timers ---------------------------------------------------------------

    /** Counts one processed event (record, timer or action) against the budget. */
    tick(): void {
        if (++this.processed > this.maxEvents) throw new SimulationBudgetError(this.scenario.name, this.maxEvents);
    }

    /** Queues a timer at `t` (ties fire in the order they were queued). */
    schedule(t: number, fire: (t: number) => boolean): void {
        this.timers.push({ t, seq: this.timerSeq++, fire });
    }

    /** The time of the earliest queued timer, or Infinity. */
    nextTimerAt(): number {
        return this.timers.peek()?.t ?? Infinity;
    }

    /** Pops the next timer; one that fires counts against the budget. */
    fireNextTimer(): void {
        const timer = this.timers.pop()!;
        this.now = timer.t;
        if (timer.fire(timer.t)) this.tick();
    }

    // ---- look-ups ----------------------------------------------------------------------------

    /** The host's extents on a partition, by address. */
    hostExtents(partitionId: string): SpanSet<SimExtent> {
        let s = this.hostIndex.get(partitionId);
        if (!s) this.hostIndex.set(partitionId, (s = new SpanSet()));
        return s;
    }

    /** The region whose decoder covers this partition offset, if the kernel created it and it is not destroyed. */
    regionAt(partitionId: string, offset: number): RegionState | undefined {
        const list = this.regionsByPartition.get(partitionId);
        if (!list) return undefined;
        for (const r of list) {
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

    /** A new offered extent with an empty timeline and a unique id. */
    newExtent(partitionId: string, start: number, length: number, tag: string | null, seq: number, add: AddRun | undefined): SimExtent {
        const partition = this.partitions.get(partitionId);
        const key = extentId(partitionId, start);
        let at = this.extentsAt.get(partitionId);
        if (!at) this.extentsAt.set(partitionId, (at = new Map()));
        const before = at.get(start);
        const n = before === undefined ? 1 : Array.isArray(before) ? before.length + 1 : 2;
        const ext: SimExtent = {
            start, end: start + length, partition, partitionId, tag, seq, add,
            gateReason: undefined, verdict: undefined, live: false, dead: false, region: undefined, group: undefined,
            aliasOf: undefined, aliases: undefined, pendingGroup: undefined,
            onlineBytes: 0, zone: undefined, nodeState: undefined,
            claimedBytes: 0, daxClaims: undefined, unmovableBytes: 0, pinnedBytes: 0,
            result: {
                id: n === 1 ? key : `${key}#${n}`,
                partition: partitionId, offset: start, dpa: (partition?.base ?? 0) + start, length,
                tag, region: null, state: 'staged', reason: null, timeline: [],
            },
        };
        this.extents.push(ext.result);
        if (before === undefined) at.set(start, ext.result);
        else if (Array.isArray(before)) before.push(ext.result);
        else at.set(start, [before, ext.result]);
        return ext;
    }

    /**
     * The extent an expectation `extent P@O [STATE [REASON]]` means when several share the
     * offset (a refused re-offer, a later re-add): the newest in the claimed state (and
     * reason), else the newest live one, else the newest that reached the host, else the newest.
     */
    extentNamed(partitionId: string, offset: number, state?: ExtentState, reason?: string): ExtentResult | undefined {
        const found = this.extentsAt.get(partitionId)?.get(offset);
        if (!Array.isArray(found)) return found;
        const newest = (pick: (r: ExtentResult) => boolean) => {
            for (let i = found.length - 1; i >= 0; i--) if (pick(found[i])) return found[i];
            return undefined;
        };
        return (state && newest(r => r.state === state && (reason === undefined || r.reason === reason || errnoOf(r.reason) === reason)))
            ?? newest(r => LIVE_STATES.has(r.state))
            ?? newest(r => r.state !== 'refused')
            ?? found[found.length - 1];
    }

    /** Records a state change on the extent's timeline (and on every alias of it). */
    setState(ext: SimExtent, state: ExtentState, extra?: StateExtra): void {
        const point: TimelinePoint = { t_ns: this.now, state };
        if (extra?.zone) point.zone = extra.zone;
        if (extra?.nodeState) point.node_state = extra.nodeState;
        if (extra?.reason) point.reason = extra.reason;
        const r = ext.result;
        r.timeline.push(point);
        r.state = state;
        r.reason = extra?.reason ?? null;
        if (ext.aliases) for (const a of ext.aliases) this.setState(a, state, extra);
    }

    /** The extent is answered (accepted, rejected or refused); its add event may now be done. */
    decide(ext: SimExtent, state: 'accepted' | 'rejected' | 'refused', reason?: string): void {
        if (state !== 'accepted') this.setState(ext, state, reason ? { reason } : undefined);
        if (ext.verdict) return;
        ext.verdict = state;
        const add = ext.add;
        if (add && --add.undecided === 0) this.answeredAdds.push(add);
    }

    /** Sets the outcome of every add event answered in this step (after the driver reacted). */
    flushAnsweredAdds(): void {
        if (this.answeredAdds.length === 0) return;
        for (const add of this.answeredAdds) this.finishAdd(add);
        this.answeredAdds.length = 0;
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
        const n = add.extents.length;
        const notes = add.notes ? ' ' + add.notes.join(' ') : '';
        if (accepted === n) {
            if (n === 1) {
                const e = add.extents[0];
                this.finish(add.run, 'accepted', null, add.errno ?? null, `${e.result.id} (${formatSize(e.end - e.start)}) accepted into ${e.result.region}.${notes}`);
                return;
            }
            const regions: string[] = [];
            let bytes = 0;
            for (const e of add.extents) {
                bytes += e.end - e.start;
                if (e.result.region && !regions.includes(e.result.region)) regions.push(e.result.region);
            }
            this.finish(add.run, 'accepted', null, add.errno ?? null, `${n} extents (${formatSize(bytes)}) accepted into ${regions.join(', ')}.${notes}`);
            return;
        }
        const bad = firstBad!;
        const reason = bad.result.reason!;
        const outcome: EventOutcome = bad.verdict === 'refused' ? 'refused' : accepted === 0 ? 'rejected' : 'partial';
        const why = `${bad.result.id} ${bad.verdict} ${reason}: ${REASON_DESCRIPTIONS[reason as ReasonCode] ?? reason}.`;
        const what = outcome === 'partial' ? `${accepted} of ${n} extents accepted; ${why}` : n === 1 ? why : `all ${n} extents ${outcome}; first: ${why}`;
        this.finish(add.run, outcome, reason, outcome === 'partial' ? add.errno ?? null : errnoOf(reason), what + notes);
    }

    /** Sets an event's outcome. */
    finish(run: EventRun, outcome: EventOutcome, reason: string | null, errno: string | null, detail: string): void {
        const r = run.result;
        r.outcome = outcome;
        r.reason = reason;
        r.errno = errno;
        r.detail = detail;
        run.done = true;
    }

    /** A fresh DAX device result (active, size 0). */
    daxResult(name: string, region: string): DaxResult {
        return { name, region, size: 0, holder: null, state: 'active' };
    }
}
