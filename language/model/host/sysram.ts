/**
 * sysram regions: hot-plugging accepted extents as System RAM, zones, node states, unmovable
 * allocations, long-term pins and offlining (LANGUAGE.md §4 "Host memory rules";
 * DOMAIN.md §5–§7, §12.2).
 */
import type { NodeState, Zone } from '../types.js';
import type { Sim } from '../context.js';
import { formatSize } from '../format.js';
import type { RegionState, SimExtent } from './state.js';
import { addOnline, removeOnline } from './accept.js';
import { failed, ok, type Outcome } from './outcome.js';

/** True when the extent's memory holds unmovable pages or long-term pins (offline would fail). */
export function holdsPages(e: SimExtent): boolean {
    return e.unmovableBytes > 0 || e.pinnedBytes > 0;
}

/** The region's memory that is online now, in acceptance order. */
function onlineExtents(region: RegionState): SimExtent[] {
    const out: SimExtent[] = [];
    for (const e of region.extents) if (e.onlineBytes > 0) out.push(e);
    return out;
}

/** The zone the region's online memory is in (null when nothing is online; one zone per region). */
export function regionZone(region: RegionState): Zone | null {
    return region.onlineBytes > 0 ? region.onlineZone! : null;
}

/**
 * The zone sysram onlines new extents into: the region's `zone movable|normal` is the sysram
 * driver's own online type (independent of auto_online); `auto` (or none) follows the host's
 * `auto_online_blocks`: `online_movable` ⇒ movable, `online_kernel` and `online` (the default
 * `contig-zones` online_policy) ⇒ normal, `offline` ⇒ nothing is onlined.
 * @see DOMAIN.md §5 [PMN-24] (online type from Kconfig / `hotplug`), §7 [MHP-DOC] (auto-online)
 */
export function autoOnlineZone(sim: Sim, region: RegionState): Zone | undefined {
    const zone = region.cfg.zone ?? 'auto';
    if (zone !== 'auto') return zone;
    switch (sim.host.autoOnline) {
        case 'online_movable': return 'movable';
        case 'online_kernel':
        case 'online': return 'normal';
        default: return undefined;
    }
}

/**
 * Onlines accepted extents of a sysram region into `zone` in whole memory blocks (an extent
 * shorter than a block onlines nothing and stays accepted). The node state is set *during*
 * onlining: N_MEMORY_PRIVATE is refused (EBUSY) when the node already has N_MEMORY — boot
 * DRAM or memory an earlier region onlined — and N_MEMORY is refused on a node that is
 * private (the states are mutually exclusive). Onlining into a zone other than the one the
 * region's memory already uses is refused (EINVAL: the sysram zone-enforcement notifier).
 * @returns the errno when onlining was refused
 * @see [PMN-01] node_private_register -EBUSY, online_pages(); [SYSRAM-MC] zone notifier;
 *      DOMAIN.md §6, §7, §12.2
 */
export function onlineInto(sim: Sim, region: RegionState, extents: readonly SimExtent[], zone: Zone): { errno?: string; detail: string } {
    const nodeState: NodeState = region.cfg.node?.state ?? 'N_MEMORY';
    const nodeId = region.cfg.node?.id;
    const node = nodeId === undefined ? undefined : sim.node(nodeId);
    if (node && nodeState === 'N_MEMORY_PRIVATE' && (node.dram || node.memoryBytes > 0)) {
        return { errno: 'EBUSY', detail: `onlining refused: node ${nodeId} already has N_MEMORY, it cannot become N_MEMORY_PRIVATE (EBUSY)` };
    }
    if (node && nodeState === 'N_MEMORY' && node.privateBytes > 0) {
        return { errno: 'EBUSY', detail: `onlining refused: node ${nodeId} is N_MEMORY_PRIVATE (EBUSY)` };
    }
    const current = regionZone(region);
    if (current && current !== zone) {
        return { errno: 'EINVAL', detail: `onlining refused: ${region.cfg.name} already has memory in ZONE_${current.toUpperCase()} (EINVAL)` };
    }
    const block = sim.host.memoryBlockSize;
    let bytes = 0;
    for (const e of extents) {
        if (!e.live || e.onlineBytes > 0) continue;
        const online = block > 0 ? Math.floor((e.end - e.start) / block) * block : e.end - e.start;
        if (online === 0) continue;
        e.onlineBytes = online;
        e.zone = zone;
        e.nodeState = nodeState;
        addOnline(region, e);
        if (node) {
            if (nodeState === 'N_MEMORY_PRIVATE') node.privateBytes += online;
            else node.memoryBytes += online;
        }
        bytes += online;
        sim.setState(e, 'online', undefined, zone, nodeState);
    }
    return { detail: onlineText(bytes, zone, nodeState) };
}

/** `SIZE online in ZONE_Z as STATE`, remembered for the last few (bytes, zone, state). */
function onlineText(bytes: number, zone: Zone, nodeState: NodeState): string {
    const memo = onlineMemo;
    if (memo.bytes === bytes && memo.zone === zone && memo.nodeState === nodeState) return memo.text;
    const text = `${formatSize(bytes)} online in ZONE_${zone.toUpperCase()} as ${nodeState}`;
    onlineMemo = { bytes, zone, nodeState, text };
    return text;
}

let onlineMemo: { bytes: number; zone: Zone | undefined; nodeState: NodeState | undefined; text: string } = { bytes: -1, zone: undefined, nodeState: undefined, text: '' };

/** Takes extents offline (they stay accepted); a private node loses N_MEMORY_PRIVATE with its last block. */
export function takeOffline(sim: Sim, extents: readonly SimExtent[], toState: 'accepted' | null = 'accepted'): void {
    for (const e of extents) {
        if (e.onlineBytes === 0) continue;
        const nodeId = e.region?.cfg.node?.id;
        if (nodeId !== undefined) {
            const node = sim.node(nodeId);
            if (e.nodeState === 'N_MEMORY_PRIVATE') node.privateBytes -= e.onlineBytes;
            else node.memoryBytes -= e.onlineBytes;
        }
        if (e.live) removeOnline(e.region!, e);
        e.onlineBytes = 0;
        e.zone = undefined;
        e.nodeState = undefined;
        if (toState) sim.setState(e, toState);
    }
}

/**
 * Sysram's reaction to newly accepted extents: hot-add and online them with the region's
 * online type (nothing when that is `offline`).
 * @see DOMAIN.md §12.2 (accepted ─▶ hot-add ─▶ online), §5
 */
export function onlineOnAccept(sim: Sim, region: RegionState, extents: readonly SimExtent[]): { errno?: string; note: string } {
    const zone = autoOnlineZone(sim, region);
    const r = zone ? onlineInto(sim, region, extents, zone) : LEFT_OFFLINE;
    const memo = region.onlineNote;
    if (memo !== undefined && memo.detail === r.detail) return r.errno ? { errno: r.errno, note: memo.note } : memo;
    const note = `${region.cfg.name}: ${r.detail}.`;
    region.onlineNote = { detail: r.detail, note };
    return { errno: r.errno, note };
}

const LEFT_OFFLINE: { errno?: string; detail: string } = { detail: 'left offline (auto_online offline)' };

function needSysram(region: RegionState | undefined, name: string): Outcome | undefined {
    if (!region) return failed('ENOENT', `no region ${name}`);
    if (region.cfg.driver !== 'sysram') return failed('EINVAL', `${name} is a ${region.cfg.driver} region, not sysram`);
    if (!region.supported || region.destroyed) return failed('ENXIO', `${name} is not set up on this host`);
    return undefined;
}

/**
 * `online R zone Z`: the administrator onlines R's offline memory into ZONE_MOVABLE or
 * ZONE_NORMAL (`online_movable` / `online_kernel`).
 * @see DOMAIN.md §7 [MHP-DOC], §5 sysfs `hotplug`
 */
export function onlineAction(sim: Sim, name: string, zone: Zone): Outcome {
    const region = sim.regions.get(name);
    const bad = needSysram(region, name);
    if (bad) return bad;
    const offline = [...region!.extents].filter(e => e.onlineBytes === 0);
    if (offline.length === 0) return ok(`nothing offline in ${name}`);
    const r = onlineInto(sim, region!, offline, zone);
    return r.errno ? failed(r.errno, r.detail) : ok(r.detail);
}

/**
 * `offline R`: `offline_and_remove_memory()` of the whole range — all or nothing; a block
 * holding unmovable pages or long-term pins makes it fail EBUSY and the memory stays online.
 * @see DOMAIN.md §5 (sysfs `hotplug offline`), §7 ("Offlining a block that holds unmovable pages fails")
 */
export function offlineAction(sim: Sim, name: string): Outcome {
    const region = sim.regions.get(name);
    const bad = needSysram(region, name);
    if (bad) return bad;
    const online = onlineExtents(region!);
    if (online.length === 0) return ok(`nothing online in ${name}`);
    const busy = online.find(holdsPages);
    if (busy) {
        return failed('offline-busy', `offline failed: ${busy.result.id} holds ${describeHeld(busy)} (EBUSY); the memory stays online`);
    }
    let bytes = 0;
    for (const e of online) bytes += e.end - e.start;
    takeOffline(sim, online);
    return ok(`${formatSize(bytes)} offline`);
}

/** What keeps an extent's memory from going offline, in words. */
export function describeHeld(e: SimExtent): string {
    const parts: string[] = [];
    if (e.unmovableBytes) parts.push(`${formatSize(e.unmovableBytes)} of unmovable allocations`);
    if (e.pinnedBytes) parts.push(`${formatSize(e.pinnedBytes)} of long-term pins`);
    return parts.join(' and ');
}

/**
 * `alloc unmovable R size S`: an unmovable kernel allocation lands in R's online memory only
 * where it can — never in ZONE_MOVABLE, never on an N_MEMORY_PRIVATE node (ENOMEM there).
 * It fills ZONE_NORMAL N_MEMORY blocks in acceptance order.
 * @see DOMAIN.md §6 [PMN-00] (private nodes filtered from fallback), §7 (ZONE_MOVABLE serves only movable allocations)
 */
export function allocUnmovable(sim: Sim, name: string, size: number): Outcome {
    const region = sim.regions.get(name);
    const bad = needSysram(region, name);
    if (bad) return bad;
    const r = region!;
    // All online memory of a region shares one zone and node state: usable is all or nothing.
    const usable = r.onlineBytes > 0 && r.onlineZone === 'normal' && r.onlineNodeState !== 'N_MEMORY_PRIVATE' ? onlineExtents(r) : NONE;
    let free = 0;
    for (const e of usable) free += e.onlineBytes - e.unmovableBytes - e.pinnedBytes;
    if (free < size) {
        const why = usable.length === 0 ? noNormalMemoryText(name) : `only ${formatSize(free)} free in ${name}'s ZONE_NORMAL memory`;
        return failed('ENOMEM', why);
    }
    let left = size;
    for (const e of usable) {
        const take = Math.min(left, e.onlineBytes - e.unmovableBytes - e.pinnedBytes);
        e.unmovableBytes += take;
        left -= take;
        if (left === 0) break;
    }
    return ok(`${formatSize(size)} of unmovable allocations in ${name}'s ZONE_NORMAL memory: it can no longer be offlined`);
}

const NONE: readonly SimExtent[] = [];

/**
 * `pin R size S`: a long-term pin (FOLL_LONGTERM). Pages in ZONE_MOVABLE are migrated out at
 * pin time, so the pin lands elsewhere and never blocks offlining; pages in ZONE_NORMAL stay
 * and are pinned there. Fails ENOMEM when R has less online memory than S.
 * @see LANGUAGE.md §4 ("Long-term pins migrate out of ZONE_MOVABLE at pin time");
 *      DOMAIN.md §7 [MHP-DOC]
 */
export function pin(sim: Sim, name: string, size: number): Outcome {
    const region = sim.regions.get(name);
    const bad = needSysram(region, name);
    if (bad) return bad;
    const total = region!.onlineBytes;
    if (total < size) return failed('ENOMEM', `only ${formatSize(total)} of ${name} is online; cannot pin ${formatSize(size)}`);
    // ZONE_MOVABLE (the whole region's online memory, one zone per region): every page migrates.
    if (total === 0 || region!.onlineZone === 'movable') return ok(migratedText(size));
    const online = onlineExtents(region!);
    let left = size;
    let pinned = 0;
    const plan: Array<[SimExtent, number]> = [];
    for (const e of online) {
        const migrates = e.zone === 'movable';
        const room = migrates ? e.onlineBytes : e.onlineBytes - e.unmovableBytes - e.pinnedBytes;
        const take = Math.min(left, room);
        if (!migrates && take > 0) plan.push([e, take]);
        left -= take;
        if (left === 0) break;
    }
    if (left > 0) return failed('ENOMEM', `not enough pinnable memory in ${name} for ${formatSize(size)}`);
    for (const [e, take] of plan) {
        e.pinnedBytes += take;
        pinned += take;
    }
    if (pinned === 0) return ok(migratedText(size));
    return ok(`${formatSize(pinned)} pinned in place in ${name}: it can no longer be offlined`);
}

/** `SIZE pinned: pages migrated …`, remembered per size (sentences that repeat are built once). */
function migratedText(size: number): string {
    let text = migratedMemo.get(size);
    if (text === undefined) {
        text = `${formatSize(size)} pinned: pages migrated out of ZONE_MOVABLE at pin time`;
        if (migratedMemo.size < 4096) migratedMemo.set(size, text);
    }
    return text;
}

const migratedMemo = new Map<number, string>();

/** `R has no ZONE_NORMAL N_MEMORY memory online …`, remembered per region name. */
function noNormalMemoryText(name: string): string {
    let text = noNormalMemo.get(name);
    if (text === undefined) {
        text = `${name} has no ZONE_NORMAL N_MEMORY memory online (unmovable allocations never land in ZONE_MOVABLE or on N_MEMORY_PRIVATE)`;
        if (noNormalMemo.size < 4096) noNormalMemo.set(name, text);
    }
    return text;
}

const noNormalMemo = new Map<string, string>();

/** `unpin R`: drops R's long-term pins. */
export function unpin(sim: Sim, name: string): Outcome {
    const region = sim.regions.get(name);
    const bad = needSysram(region, name);
    if (bad) return bad;
    for (const e of region!.extents) e.pinnedBytes = 0;
    return ok(`pins in ${name} dropped`);
}

/** `free R`: frees R's unmovable allocations. */
export function freeUnmovable(sim: Sim, name: string): Outcome {
    const region = sim.regions.get(name);
    const bad = needSysram(region, name);
    if (bad) return bad;
    for (const e of region!.extents) e.unmovableBytes = 0;
    return ok(`unmovable allocations in ${name} freed`);
}
