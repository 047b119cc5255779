/**
 * Realising accepted tag groups on the host: dc_extents in their region, the host-wide tag
 * registry, the driver's reaction (a dax_resource per extent for DAX; hot-add and online for
 * sysram), and taking extents off the host again.
 */
import type { Sim } from '../context.js';
import type { AddRun, RegionState, SimExtent, TagGroup } from './state.js';
import { onlineOnAccept } from './sysram.js';
import { removeItem } from '../util/arrays.js';

/**
 * A group that passed every gate becomes accepted: each new member a `dc_extent` (and, on a
 * DAX region, one `dax_resource`); a tagged group is registered host-wide so a later Set(A)′
 * is `tag-in-use`; an untagged extent is its own single-member group. A duplicate record is
 * accepted again with no new object: it follows the extent it duplicates.
 * The new members (not the duplicates) are appended to `fresh`.
 * @see [V11-17], [V11-31]; DOMAIN.md §3.2 rule 5, §3.3 "After acceptance"
 */
export function realizeGroup(sim: Sim, members: readonly SimExtent[], fresh: SimExtent[]): void {
    let group: TagGroup | undefined;
    /** The tagged group is new and its member list already holds every new member. */
    let prefilled = false;
    for (let i = 0; i < members.length; i++) {
        const m = members[i];
        const dup = m.duplicateOf;
        if (dup) {
            (dup.aliases ??= []).push(m);
            const timeline = dup.result.timeline;
            const last = timeline[timeline.length - 1];
            sim.setState(m, 'accepted');
            if (last && last.state !== 'accepted') sim.setState(m, last.state, undefined, last.zone, last.node_state);
            sim.decide(m, 'accepted');
            continue;
        }
        if (m.tag === null) {
            group = { tag: null, members: [m] };
        } else if (!group) {
            const registered = sim.tags.get(m.tag);
            prefilled = registered === undefined;
            group = registered ?? { tag: m.tag, members: newMembers(members, i) };
            sim.tags.set(m.tag, group);
            if (!prefilled) group.members.push(m);
        } else if (!prefilled) {
            group.members.push(m);
        }
        m.group = group;
        attach(sim, m);
        sim.setState(m, 'accepted');
        sim.decide(m, 'accepted');
        fresh.push(m);
    }
}

/** The members of `members` from `from` on that are not duplicates: a new group's list, exactly sized. */
function newMembers(members: readonly SimExtent[], from: number): SimExtent[] {
    let n = 0;
    for (let i = from; i < members.length; i++) if (!members[i].duplicateOf) n++;
    const list = new Array<SimExtent>(n);
    let k = 0;
    for (let i = from; i < members.length; i++) if (!members[i].duplicateOf) list[k++] = members[i];
    return list;
}

/** Puts an accepted extent on the host: index, region, counts. */
export function attach(sim: Sim, e: SimExtent): void {
    const region = e.region!;
    e.live = true;
    e.dead = false;
    e.part.host.insert(e);
    region.extents.add(e);
    region.acceptedBytes += e.end - e.start;
    if (e.onlineBytes > 0) addOnline(region, e);
    if (e.tag === null) region.untagged++;
    else region.tagged++;
    if (e.unregistered) sim.unregisteredLive++;
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
    region.acceptedBytes -= e.end - e.start;
    if (e.onlineBytes > 0) removeOnline(region, e);
    if (e.tag === null) region.untagged--;
    else region.tagged--;
    if (e.unregistered) {
        sim.unregisteredLive--;
        e.unregistered = false;
    }
    const group = e.group;
    if (group) {
        removeItem(group.members, e);
        if (group.members.length === 0 && group.tag !== null && sim.tags.get(group.tag) === group) sim.tags.delete(group.tag);
        e.group = undefined;
    }
    if (keepIndexed) e.dead = true;
    else e.part.host.remove(e);
}

/** A live extent's memory came online: the region's online figures grow (one zone per region). */
export function addOnline(region: RegionState, e: SimExtent): void {
    if (region.onlineBytes === 0) {
        region.onlineZone = e.zone;
        region.onlineNodeState = e.nodeState;
    }
    region.onlineBytes += e.onlineBytes;
}

/** A live extent's memory went offline or left the region: the region's online figures shrink. */
export function removeOnline(region: RegionState, e: SimExtent): void {
    region.onlineBytes -= e.onlineBytes;
    if (region.onlineBytes === 0) {
        region.onlineZone = undefined;
        region.onlineNodeState = undefined;
    }
}

/**
 * The region driver's reaction to newly accepted extents, by region: sysram hot-adds and
 * onlines them (an onlining refusal is reported on the add event); DAX and virtio keep them
 * accepted until claimed.
 */
export function driverAccept(sim: Sim, fresh: readonly SimExtent[]): void {
    let first: RegionState | undefined;
    let byRegion: Map<RegionState, SimExtent[]> | undefined;
    for (const e of fresh) {
        const region = e.region!;
        if (region.cfg.driver !== 'sysram') continue;
        if (first === undefined) first = region;
        else if (region !== first) byRegion ??= new Map();
    }
    if (first === undefined) return;
    if (byRegion === undefined) {
        onlineRegion(sim, first, fresh.length === 1 || allIn(fresh, first) ? fresh : fresh.filter(e => e.region === first));
        return;
    }
    for (const e of fresh) {
        if (e.region!.cfg.driver !== 'sysram') continue;
        const list = byRegion.get(e.region!);
        if (list) list.push(e);
        else byRegion.set(e.region!, [e]);
    }
    for (const [region, extents] of byRegion) onlineRegion(sim, region, extents);
}

function allIn(extents: readonly SimExtent[], region: RegionState): boolean {
    for (const e of extents) if (e.region !== region) return false;
    return true;
}

/** Onlines one sysram region's new extents; a note (and errno) goes on each add event concerned. */
function onlineRegion(sim: Sim, region: RegionState, extents: readonly SimExtent[]): void {
    const r = onlineOnAccept(sim, region, extents);
    if (!r) return;
    const note = r.note;
    let last: AddRun | undefined;
    for (const e of extents) {
        const add = e.add;
        if (add === undefined || add === last || (last !== undefined && seenBefore(extents, e, add))) continue;
        last = add;
        if (add.notes === undefined) add.notes = [note];
        else add.notes.push(note);
        if (r.errno) add.errno = r.errno;
    }
}

/** True when an extent before `e` in the list belongs to the same add event. */
function seenBefore(extents: readonly SimExtent[], e: SimExtent, add: AddRun): boolean {
    for (const x of extents) {
        if (x === e) return false;
        if (x.add === add) return true;
    }
    return false;
}
