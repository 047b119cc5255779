/**
 * A small builder for simulator tests: worlds, scenarios, actions and expectations in a few
 * lines, with the language's defaults (LANGUAGE.md §2).
 */
import {
    GiB, MiB, simulateScenario,
    type ActionSpec, type DeviceConfig, type EventOutcome, type ExpectationClaim, type ExpectationSpec,
    type ExtentRequest, type HostConfig, type KernelProfile, type PartitionConfig, type RegionConfig,
    type ScenarioResult, type ScenarioSpec, type SimulationOptions, type World,
} from '../../language/model/index.js';

export { GiB, MiB };
export const KiB = 1024;

/** Tags used across the tests. */
export const POOL = '5be13bce-ae34-4a77-b6c3-16df975fcf1a';
export const OTHER = '11111111-2222-4333-8444-555555555555';
export const THIRD = '99999999-8888-4777-8666-555555555555';

/** Seconds / milliseconds to ns. */
export const s = (n: number) => Math.round(n * 1e9);
export const ms = (n: number) => Math.round(n * 1e6);

export function host(kernel: KernelProfile, o: Partial<HostConfig> = {}): HostConfig {
    return {
        name: 'h0', kernel, memoryBlockSize: 128 * MiB, autoOnline: 'offline', memmapOnMemory: false,
        nodes: [{ id: 0, dramBytes: 64 * GiB }, { id: 2, dramBytes: 0 }], ...o,
    };
}

export function partition(device: string, name: string, index: number, o: Partial<PartitionConfig> = {}): PartitionConfig {
    const base = o.base ?? 2 * GiB + index * 4 * GiB;
    const length = o.length ?? 1 * GiB;
    return {
        id: `${device}.${name}`, device, name, index, base, length, blockSize: 2 * MiB,
        decodeLength: Math.ceil(length / (256 * MiB)) * 256 * MiB, sharable: false, sanitizeOnRelease: false, ...o,
    };
}

export function device(name: string, o: Partial<Omit<DeviceConfig, 'partitions'>> & { partitions?: Array<Partial<PartitionConfig> & { name?: string }> } = {}): DeviceConfig {
    const parts = (o.partitions ?? [{}]).map((p, i) => partition(name, p.name ?? `dc${i}`, p.index ?? i, p));
    return { name, staticCapacity: 2 * GiB, maxExtents: 512, model: 'qemu', ...o, partitions: parts };
}

export function region(name: string, o: Partial<RegionConfig> = {}): RegionConfig {
    return {
        name, partition: 'mem0.dc0', offset: 0, size: 1 * GiB, driver: 'dax', holder: 'exclusive', ...o,
    };
}

export function world(o: Partial<World> = {}): World {
    return {
        hosts: o.hosts ?? [host('dcd-v11')],
        devices: o.devices ?? [device('mem0')],
        regions: o.regions ?? [region('r0')],
        tags: o.tags ?? { pool: POOL, other: OTHER },
    };
}

type X = [offset: number, length: number, seq?: number];
const ext = ([offset, length, seq]: X): ExtentRequest => ({ offset, length, seq: seq ?? 0 });

/** Actions, as the translator builds them. */
export const act = {
    /** `add P [tag] extents { … }` (list form: More on all but the last). */
    add: (partition: string, extents: X[], tag: string | null = null): ActionSpec =>
        ({ kind: 'add', partition, tag, extents: extents.map(ext), more: false, list: true }),
    /** `add P [tag] [seq N] extent O size S [more]` (single form). */
    add1: (partition: string, offset: number, length: number, o: { tag?: string | null; more?: boolean; seq?: number } = {}): ActionSpec =>
        ({ kind: 'add', partition, tag: o.tag ?? null, extents: [ext([offset, length, o.seq])], more: o.more ?? false, list: false }),
    release: (partition: string, extents: X[], o: { tag?: string | null; forced?: boolean } = {}): ActionSpec =>
        ({ kind: 'release', partition, tag: o.tag ?? null, extents: extents.map(ext), forced: o.forced ?? false, tagBased: false }),
    releaseTag: (partition: string, tag: string | null): ActionSpec =>
        ({ kind: 'release', partition, tag, extents: [], forced: false, tagBased: true }),
    surprise: (d: string): ActionSpec => ({ kind: 'surprise_remove', device: d }),
    daxUuid: (name: string, r: string, tag: string | null): ActionSpec => ({ kind: 'create_dax', name, region: r, claim: { by: 'uuid', tag } }),
    daxSize: (name: string, r: string, size: number): ActionSpec => ({ kind: 'create_dax', name, region: r, claim: { by: 'size', size } }),
    destroyDax: (name: string): ActionSpec => ({ kind: 'destroy_dax', name }),
    mount: (fs: string, dax: string): ActionSpec => ({ kind: 'mount', fs, dax }),
    umount: (fs: string): ActionSpec => ({ kind: 'umount', fs }),
    alloc: (r: string, size: number): ActionSpec => ({ kind: 'alloc_unmovable', region: r, size }),
    pin: (r: string, size: number): ActionSpec => ({ kind: 'pin', region: r, size }),
    unpin: (r: string): ActionSpec => ({ kind: 'unpin', region: r }),
    free: (r: string): ActionSpec => ({ kind: 'free', region: r }),
    offline: (r: string): ActionSpec => ({ kind: 'offline', region: r }),
    online: (r: string, zone: 'movable' | 'normal'): ActionSpec => ({ kind: 'online', region: r, zone }),
    destroyRegion: (r: string): ActionSpec => ({ kind: 'destroy_region', region: r }),
    unload: (): ActionSpec => ({ kind: 'unload_dax_cxl' }),
    load: (): ActionSpec => ({ kind: 'load_dax_cxl' }),
};

/** A scenario under construction. */
export class Scenario {
    private readonly events: ScenarioSpec['events'] = [];
    private readonly expectations: ExpectationSpec[] = [];
    private line = 1;

    constructor(private readonly w: World, private readonly kernel?: KernelProfile, private readonly name = 'test') {}

    /** `at T ACTION [as LABEL]` */
    at(tNs: number, action: ActionSpec, label?: string): this {
        this.events.push({ index: this.events.length, tNs, line: this.line++, action, ...(label ? { label } : {}) });
        return this;
    }

    /** `expect [at T] CLAIM` */
    expect(claim: ExpectationClaim, atNs?: number, text = `expect ${JSON.stringify(claim)}`): this {
        this.expectations.push({ line: this.line++, text, claim, ...(atNs !== undefined ? { atNs } : {}) });
        return this;
    }

    spec(): ScenarioSpec {
        const h = this.w.hosts[0];
        return { name: this.name, line: 1, host: h, kernel: this.kernel ?? h.kernel, events: this.events, expectations: this.expectations };
    }

    run(options?: SimulationOptions): Run {
        return new Run(simulateScenario(this.w, this.spec(), options));
    }
}

/** A scenario's result with look-ups for assertions. */
export class Run {
    constructor(readonly result: ScenarioResult) {}

    event(label: string) {
        const e = this.result.events.find(x => x.label === label);
        if (!e) throw new Error(`no event ${label}`);
        return e;
    }

    /** `outcome [reason]` of a labelled event, as an expectation's actual would read. */
    outcome(label: string): string {
        const e = this.event(label);
        return e.outcome + (e.reason ? ` ${e.reason}` : '');
    }

    extent(id: string) {
        const e = this.result.extents.find(x => x.id === id);
        if (!e) throw new Error(`no extent ${id}; have ${this.result.extents.map(x => x.id).join(', ')}`);
        return e;
    }

    /** `state [reason]` of an extent. */
    state(id: string): string {
        const e = this.extent(id);
        return e.state + (e.reason ? ` ${e.reason}` : '');
    }

    /** The states an extent went through. */
    path(id: string): string[] {
        return this.extent(id).timeline.map(p => p.state + (p.reason ? ` ${p.reason}` : ''));
    }

    region(name: string) {
        const r = this.result.regions.find(x => x.name === name);
        if (!r) throw new Error(`no region ${name}`);
        return r;
    }

    dax(name: string) {
        return this.result.dax.find(x => x.name === name);
    }

    get expectations() {
        return this.result.expectations;
    }
}

/** Event outcome claim. */
export const ev = (label: string, outcome: EventOutcome, reason?: string): ExpectationClaim =>
    ({ kind: 'event', label, outcome, ...(reason ? { reason } : {}) });

/** `mem0.dc0@0x…` */
export const id = (offset: number, p = 'mem0.dc0') => `${p}@0x${offset.toString(16)}`;
