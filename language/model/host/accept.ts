/**
 * Realising accepted tag groups on the host: dc_extents in their region, the host-wide tag
 * registry, the driver's reaction (a dax_resource per extent for DAX; hot-add and online for
 * sysram), and taking extents off the host again.
 */
import type { Sim } from '../context.js';
import type { ChainScan } from './gates.js';
import type { AddRun, RegionState, SimExtent, TagGroup } from './state.js';
import { onlineOnAccept } from './sysram.js';

/**
 * A group that passed every gate becomes accepted: each new member a `dc_extent` (and, on a
 * DAX region, one `dax_resource`); a tagged group is registered host-wide so a later Set(A)′
 * is `tag-in-use`; an untagged extent is its own single-member group. A duplicate record is
 * accepted again with no new object: it follows the extent it duplicates.
 * @see [V11-17], [V11-31]; DOMAIN.md §3.2 rule 5, §3.3 "After acceptance"
 */
export function realizeGroup(sim: Sim, members: readonly SimExtent[], scan: ChainScan): SimExtent[] {
    const fresh: SimExtent[] = [];
    let group: TagGroup | undefined;
    for (const m of members) {
        const dup = scan.duplicateOf(m);
        if (dup) {
            m.aliasOf = dup;
            (dup.aliases ??= []).push(m);
            const last = dup.result.timeline[dup.result.timeline.length - 1];
            sim.setState(m, 'accepted');
            if (last && last.state !== 'accepted') {
                sim.setState(m, last.state, { zone: last.zone, nodeState: last.node_state });
            }
            sim.decide(m, 'accepted');
            continue;
        }
        if (m.tag === null || !group) {
            group = (m.tag !== null ? sim.tags.get(m.tag) : undefined) ?? { tag: m.tag, members: [] };
            if (m.tag !== null) sim.tags.set(m.tag, group);
        }
        group.members.push(m);
        m.group = group;
        attach(sim, m);
        sim.setState(m, 'accepted');
        sim.decide(m, 'accepted');
        fresh.push(m);
    }
    return fresh;
}

/** Puts an accepted extent on the host: index, region, counts. */
export function attach(sim: Sim, e: SimExtent): void {
    const region = e.region!;
    e.live = true;
    e.dead = false;
    sim.hostExtents(e.partitionId).insert(e);
    region.extents.add(e);
    if (e.tag === null) region.untagged++;
    else region.tagged++;
}

/**
 * Takes an extent off the host: out of its region and tag group (the tag is free again
 * when its group is empty). `keepIndexed` leaves a dead extent in the index: leaked or
 * crashed memory stays reserved.
 */
export function detach(sim: Sim, e: SimExtent, keepIndexed = false): void {
    if (!e.live) return;
    e.live = false;
    const region = e.region!;
    region.extents.delete(e);
    if (e.tag === null) region.untagged--;
    else region.tagged--;
    const group = e.group;
    if (group) {
        const i = group.members.indexOf(e);
        if (i >= 0) group.members.splice(i, 1);
        if (group.members.length === 0 && group.tag !== null && sim.tags.get(group.tag) === group) sim.tags.delete(group.tag);
        e.group = undefined;
    }
    if (keepIndexed) e.dead = true;
    else sim.hostExtents(e.partitionId).remove(e);
}

/**
 * The region driver's reaction to newly accepted extents, by region: sysram hot-adds and
 * onlines them (an onlining refusal is reported on the add event); DAX and virtio keep them
 * accepted until claimed.
 */
export function driverAccept(sim: Sim, fresh: readonly SimExtent[]): void {
    let byRegion: Map<RegionState, SimExtent[]> | undefined;
    for (const e of fresh) {
        if (e.region!.cfg.driver !== 'sysram') continue;
        byRegion ??= new Map();
        const list = byRegion.get(e.region!);
        if (list) list.push(e);
        else byRegion.set(e.region!, [e]);
    }
    if (!byRegion) return;
    for (const [region, extents] of byRegion) {
        const r = onlineOnAccept(sim, region, extents);
        if (!r) continue;
        const adds = new Set<AddRun>();
        for (const e of extents) if (e.add) adds.add(e.add);
        for (const add of adds) {
            (add.notes ??= []).push(`${region.cfg.name}: ${r.detail}.`);
            if (r.errno) add.errno = r.errno;
        }
    }
}
