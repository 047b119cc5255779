/**
 * More-chain staging on the host: Add Capacity records are staged until a record without More
 * closes the chain, which is then validated and answered with one Add DC Response
 * (LANGUAGE.md §3.1, §4; DOMAIN.md §1.4, §3.1).
 */
import type { Sim } from '../context.js';
import type { DeviceModel } from '../device/qemu.js';
import type { SimExtent } from './state.js';
import { extentGate, groupGate } from './gates.js';
import { driverAccept, realizeGroup } from './accept.js';
import { emptyKeepingCapacity } from '../util/arrays.js';

const NOTHING: readonly SimExtent[] = [];

/** An open More chain on one memdev (the kernel's `add_ctx`, DOMAIN.md §3.1). */
export interface Chain {
    device: DeviceModel;
    /** The staged records, oldest first. */
    extents: SimExtent[];
    /** An empty array that takes over from `extents` when the chain is cleared (arrays are reused). */
    spare: SimExtent[];
    /** The watchdog is armed (the last record had More set). */
    armed: boolean;
    deadline: number;
    /** A watchdog timer for this chain is queued (it re-queues itself when the deadline moved). */
    timerQueued: boolean;
}

function chainOf(sim: Sim, device: DeviceModel): Chain {
    let chain = sim.chains.get(device);
    if (!chain) sim.chains.set(device, (chain = { device, extents: [], spare: [], armed: false, deadline: 0, timerQueued: false }));
    return chain;
}

/**
 * One Add Capacity record reaches the host (`handle_add_event`): with CXL_DC_MAX_PENDING_EXTENTS
 * (100) already staged the whole chain and this record are dropped (-ENOSPC, no response; the
 * watchdog stays as it was); More=1 stages it and (re)arms the 20 s watchdog; More=0 closes the
 * chain. dcd-v9 stages without cap or watchdog.
 * @see [AK-MBOX] handle_add_event; [V11-13] "cxl/mem: Add 20 second timeout for stalled
 *      DC_ADD_CAPACITY chains"; DOMAIN.md §3.1
 */
export function receiveAddRecord(sim: Sim, device: DeviceModel, ext: SimExtent, more: boolean): void {
    sim.tick();
    const chain = chainOf(sim, device);
    sim.setState(ext, 'staged');
    const cap = sim.rules.maxStagedExtents;
    if (cap !== null && chain.extents.length >= cap) {
        const dropped = takeStaged(chain);
        for (const e of dropped) sim.decide(e, 'rejected', 'chain-too-long');
        sim.decide(ext, 'rejected', 'chain-too-long');
        recycle(dropped);
        return;
    }
    chain.extents.push(ext);
    if (more) {
        const watchdog = sim.rules.chainWatchdogNs;
        if (watchdog !== null) {
            chain.armed = true;
            chain.deadline = sim.now + watchdog;
            if (!chain.timerQueued) armTimer(sim, chain);
        }
        return;
    }
    chain.armed = false;
    closeChain(sim, device, chain);
}

/** Empties the chain and returns what it staged (hand the array back with `recycle`). */
function takeStaged(chain: Chain): SimExtent[] {
    const staged = chain.extents;
    chain.extents = chain.spare;
    chain.spare = staged;
    return staged;
}

/** The staged records are handled: their array becomes the chain's spare again. */
function recycle(staged: SimExtent[]): void {
    emptyKeepingCapacity(staged);
}

function armTimer(sim: Sim, chain: Chain): void {
    chain.timerQueued = true;
    sim.schedule(chain.deadline, chain);
}

/**
 * The watchdog fires while a chain is open: the host sends an **empty** Add DC Response
 * ("refusing staged extents") and clears the chain — every staged extent `chain-timeout`;
 * QEMU drops its first pending group. (Re-arming moved the deadline: wait until then.)
 * @returns false when it found nothing to do (a disarmed or re-armed watchdog): not an event
 * @see [V11-13]; [AK-MBOX]; DOMAIN.md §3.1, §1.5 ("Rejecting = omitting"), §2.3 rule 2
 */
export function watchdogFires(sim: Sim, chain: Chain, t: number): boolean {
    chain.timerQueued = false;
    if (!chain.armed) return false;
    if (chain.deadline > t) {
        armTimer(sim, chain);
        return false;
    }
    chain.armed = false;
    const staged = takeStaged(chain);
    for (const e of staged) sim.decide(e, 'rejected', 'chain-timeout');
    recycle(staged);
    chain.device.respond(NOTHING);
    return true;
}

/**
 * The chain closed: every extent through the per-extent gates, then the chain split into tag
 * groups (first-appearance order; each untagged extent its own group), each group all or
 * nothing — a member that failed its own gate takes the others with it
 * (`group-member-rejected`), then the group gates. The accepted extents go back in one Add DC
 * Response, and the region drivers react.
 * @see [V11-17] "cxl/mem: Enforce tag-group semantics" (cxl_add_pending); DOMAIN.md §3.2–§3.3
 */
export function closeChain(sim: Sim, device: DeviceModel, chain: Chain): void {
    const staged = takeStaged(chain);
    const scan = sim.chainScan;
    scan.reset(staged.length === 1);
    for (const e of staged) e.gateReason = extentGate(sim, e, scan);
    const fresh = sim.fresh;
    if (staged.length === 1 || oneTag(staged)) closeGroup(sim, staged, fresh);
    else for (const g of tagGroups(staged)) closeGroup(sim, g, fresh);
    for (const e of staged) e.duplicateOf = undefined;
    recycle(staged);
    if (device.respond(fresh) === 'invalid-pa') {
        for (const e of fresh) {
            if (e.add && !(e.add.notes ??= []).includes(DEVICE_DISAGREES)) e.add.notes.push(DEVICE_DISAGREES);
        }
    }
    if (fresh.length > 0) driverAccept(sim, fresh);
    emptyKeepingCapacity(fresh);
}

/** One tag group of a closed chain, all or nothing; accepted members are appended to `fresh`. */
function closeGroup(sim: Sim, g: readonly SimExtent[], fresh: SimExtent[]): void {
    for (const m of g) {
        if (m.gateReason !== undefined) {
            for (const x of g) sim.decide(x, 'rejected', x.gateReason ?? 'group-member-rejected');
            return;
        }
    }
    const r = groupGate(sim, g);
    if (r) {
        for (const m of g) sim.decide(m, 'rejected', r);
        return;
    }
    realizeGroup(sim, g, fresh);
}

/** True when every staged extent carries the same (non-null) tag: the chain is one group. */
function oneTag(staged: readonly SimExtent[]): boolean {
    const tag = staged[0].tag;
    if (tag === null) return false;
    for (let i = 1; i < staged.length; i++) if (staged[i].tag !== tag) return false;
    return true;
}

/** The chain split into tag groups in first-appearance order; each untagged extent its own group. */
function tagGroups(staged: readonly SimExtent[]): SimExtent[][] {
    const groups: SimExtent[][] = [];
    const byTag = new Map<string, SimExtent[]>();
    for (const e of staged) {
        if (e.tag === null) {
            groups.push([e]);
            continue;
        }
        let g = byTag.get(e.tag);
        if (!g) {
            byTag.set(e.tag, (g = []));
            groups.push(g);
        }
        g.push(e);
    }
    return groups;
}

const DEVICE_DISAGREES = 'The device refused the Add DC Response (INVALID_PA: not every accepted range lies in its first pending request), so host and device now disagree.';
