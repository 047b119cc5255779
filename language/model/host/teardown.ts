/**
 * Capacity leaving without (or around) the normal release handshake: surprise removal,
 * honoured forced release, region teardown and dax_cxl unload/reload
 * (LANGUAGE.md §3.2, §4; DOMAIN.md §3.5, §8, §10, §12.3).
 */
import type { Sim } from '../context.js';
import type { FsState, RegionState, SimExtent, TagGroup } from './state.js';
import { attach, detach } from './accept.js';
import { offerOf } from '../device/qemu.js';
import { killDax, killDaxOf } from './dax.js';
import { holdsPages, takeOffline } from './sysram.js';
import { failed, ok, type Outcome } from './outcome.js';

/** What happened to extents that lost their backing at once. */
export interface LossReport {
    released: SimExtent[];
    crashRisk: SimExtent[];
    leaked: SimExtent[];
    notified: FsState[];
}

/**
 * The host loses access to these extents at once. DAX devices over them die and their holders
 * are notified (memory_failure over the whole range). Online sysram memory in ZONE_NORMAL is a
 * crash risk (`failed crash-risk`: kernel data and memmap may live there); memory that cannot
 * be offlined (it holds unmovable pages or pins) is `leaked`, reserved until reboot; anything
 * else is offlined and `released`. Failed and leaked extents stay reserved in the index.
 * @see DOMAIN.md §10 [SURPRISE-21] (D. Hildenbrand: "bets are completely off with
 *      ZONE_NORMAL"), §8 [KMEM] (one shot remove, leak), §12.3
 */
export function loseAccess(sim: Sim, extents: readonly SimExtent[]): LossReport {
    const report: LossReport = { released: [], crashRisk: [], leaked: [], notified: killDaxOf(sim, extents) };
    for (const e of extents) {
        if (!e.live) continue;
        if (e.onlineBytes > 0 && e.zone === 'normal') {
            detach(sim, e, true);
            sim.setState(e, 'failed', 'crash-risk');
            report.crashRisk.push(e);
        } else if (e.onlineBytes > 0 && holdsPages(e)) {
            detach(sim, e, true);
            sim.setState(e, 'leaked');
            report.leaked.push(e);
        } else {
            takeOffline(sim, [e], null);
            detach(sim, e);
            sim.setState(e, 'released');
            report.released.push(e);
        }
    }
    return report;
}

/** The event outcome of a loss: crash risk first, then leaks, else `good`. */
export function lossOutcome(report: LossReport, good: Outcome): Outcome {
    const told = report.notified.length ? ` Notified: ${report.notified.map(f => f.name).join(', ')}.` : '';
    if (report.crashRisk.length) {
        return failed('crash-risk', `${report.crashRisk.map(e => e.result.id).join(', ')} online in ZONE_NORMAL: crash risk.${told}`);
    }
    if (report.leaked.length) {
        return failed('offline-busy', `${report.leaked.map(e => e.result.id).join(', ')} cannot be offlined: leaked until reboot.${told}`);
    }
    return { ...good, detail: good.detail + told };
}

/**
 * `surprise_remove D`: the device disappears without negotiation; every extent the host holds
 * on it is lost at once (see `loseAccess`); the device tracks nothing afterwards and later FM
 * requests to it are refused `no-such-partition`.
 * @see DOMAIN.md §10, §12.3
 */
export function surpriseRemove(sim: Sim, name: string): Outcome {
    const device = sim.devices.get(name);
    if (!device || device.removed) return failed('ENOENT', `no device ${name}`);
    const extents: SimExtent[] = [];
    for (const p of device.cfg.partitions) {
        for (const e of sim.hostExtents(p.id).all) if (e.live) extents.push(e);
    }
    const report = loseAccess(sim, extents);
    device.remove();
    return lossOutcome(report, ok(`${name} removed: ${report.released.length} extent${report.released.length === 1 ? '' : 's'} released`));
}

/** Sends Release DC for each extent and takes it off the host (host-initiated release). */
function releaseToDevice(sim: Sim, extents: readonly SimExtent[]): void {
    for (const e of extents) {
        detach(sim, e);
        sim.deviceOf.get(e.partitionId)?.release(e.partitionId, e.start, e.end);
        sim.setState(e, 'released');
    }
}

/**
 * Host-initiated teardown of a region's extents: DAX devices die (holders notified), sysram
 * goes offline (one shot: what cannot is leaked), every other extent is handed back with
 * Release DC.
 */
function tearDown(sim: Sim, region: RegionState): { leaked: SimExtent[]; notified: FsState[] } {
    const notified: FsState[] = [];
    for (const dax of sim.dax.values()) {
        if (dax.region !== region) continue;
        const holder = killDax(sim, dax, region.extents);
        if (holder) notified.push(holder);
    }
    const leaked: SimExtent[] = [];
    const release: SimExtent[] = [];
    for (const e of region.extents) {
        if (e.onlineBytes > 0 && holdsPages(e)) leaked.push(e);
        else release.push(e);
    }
    for (const e of leaked) {
        detach(sim, e, true);
        sim.setState(e, 'leaked');
    }
    takeOffline(sim, release, null);
    releaseToDevice(sim, release);
    return { leaked, notified };
}

/**
 * `destroy_region R`: releases every extent of R (Release DC per extent), even with live DAX
 * devices (they die, holders notified). sysram memory is offlined first; a block that cannot
 * go offline is leaked ("one shot", `failed offline-busy`). Later offers to R's range are
 * rejected `no-region`.
 * @see DOMAIN.md §3.5 "Host-initiated release" ([NDCTL-26]: destroy-region with live DAX
 *      devices succeeds), §8 [KMEM], §5 [SYSRAM-MC] "We have one shot for removal"
 */
export function destroyRegion(sim: Sim, name: string): Outcome {
    const region = sim.regions.get(name);
    if (!region) return failed('ENOENT', `no region ${name}`);
    if (region.destroyed || !region.supported) return failed('ENXIO', `${name} is not set up on this host`);
    const n = region.extents.size;
    const { leaked, notified } = tearDown(sim, region);
    region.destroyed = true;
    const told = notified.length ? ` Notified: ${notified.map(f => f.name).join(', ')}.` : '';
    if (leaked.length) {
        return failed('offline-busy', `${name} destroyed; ${leaked.map(e => e.result.id).join(', ')} could not be offlined: leaked until reboot.${told}`);
    }
    return ok(`${name} destroyed: ${n} extent${n === 1 ? '' : 's'} released.${told}`);
}

/**
 * `unload dax_cxl` (`modprobe -r dax_cxl`): a host-initiated release of every DAX region's
 * extents (Release DC each; the extent count drops to 0) and its DAX devices die. Until
 * `load dax_cxl`, offers to DAX regions are rejected `driver-unloaded` and releases there are
 * acknowledged at once (no DAX region tracks them).
 * @see [NDCTL-26] test_driver_tear_down ("remove driver releases extents"); DOMAIN.md §3.5
 *      "Host-initiated release", §12.1
 */
export function unloadDaxCxl(sim: Sim): Outcome {
    if (!sim.daxCxlLoaded) return ok('dax_cxl is not loaded');
    let n = 0;
    const notified: FsState[] = [];
    for (const region of sim.regions.values()) {
        if (region.cfg.driver !== 'dax' || !region.supported || region.destroyed) continue;
        n += region.extents.size;
        notified.push(...tearDown(sim, region).notified);
    }
    sim.daxCxlLoaded = false;
    const told = notified.length ? ` Notified: ${notified.map(f => f.name).join(', ')}.` : '';
    return ok(`dax_cxl unloaded: ${n} extent${n === 1 ? '' : 's'} released.${told}`);
}

/**
 * `load dax_cxl`: the DAX regions come back and replay the device's accepted list (Get DC
 * Extent List, 0x4801) — accepted again with no new Add response, grouped by tag. After an
 * unload (which returned every DAX extent) that list holds only what the host does not track
 * (e.g. ranges a failed Add response left behind), usually nothing.
 * @see DOMAIN.md §1.5, §3.5 ("Re-creating a region replays the device's accepted list"), §12.1
 */
export function loadDaxCxl(sim: Sim): Outcome {
    if (sim.daxCxlLoaded) return ok('dax_cxl is already loaded');
    sim.daxCxlLoaded = true;
    let n = 0;
    const replayed = new Map<string, TagGroup>();
    for (const device of sim.devices.values()) {
        if (device.removed) continue;
        for (const d of device.extentList()) {
            const region = sim.regionAt(d.partitionId, d.start);
            if (!region || region.cfg.driver !== 'dax' || d.end > region.end) continue;
            if (sim.hostExtents(d.partitionId).firstOverlapping(d.start, d.end)) continue;
            const offer = offerOf(d);
            const e = offer && !offer.live ? offer : sim.newExtent(d.partitionId, d.start, d.end - d.start, d.tag, 0, undefined);
            e.verdict = 'accepted';
            e.region = region;
            e.result.region = region.cfg.name;
            let group = d.tag !== null ? replayed.get(d.tag) : undefined;
            if (!group) {
                group = { tag: d.tag, members: [] };
                if (d.tag !== null) {
                    replayed.set(d.tag, group);
                    if (!sim.tags.get(d.tag)?.members.length) sim.tags.set(d.tag, group);
                }
            }
            group.members.push(e);
            e.group = group;
            // Another live group kept the tag: this one is not registered (uuid claims must look further).
            e.unregistered = d.tag !== null && sim.tags.get(d.tag) !== group;
            attach(sim, e);
            sim.setState(e, 'accepted');
            n++;
        }
    }
    return ok(`dax_cxl loaded: ${n} extent${n === 1 ? '' : 's'} replayed from the device`);
}
