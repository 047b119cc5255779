/**
 * DAX devices on DC regions: claims by uuid (dcd-v11, sysram-rfc) or by size (dcd-v9 sparse
 * DAX), destruction, and filesystem holders (LANGUAGE.md §3.2, §4; DOMAIN.md §3.4, §3.7, §9).
 */
import type { Sim } from '../context.js';
import { formatSize, formatTag } from '../format.js';
import { PMD_SIZE } from '../profiles.js';
import type { DaxDevice, FsState, RegionState, SimExtent } from './state.js';
import { failed, ok, type Outcome } from './outcome.js';
import type { ExtentMembership } from './extent-list.js';
import { emptyKeepingCapacity, removeAt, removeItem, sortStable } from '../util/arrays.js';

type Claim = { by: 'uuid'; tag: string | null } | { by: 'size'; size: number };

function newDax(name: string, region: RegionState, state: DaxDevice['state'], claimed: readonly SimExtent[] = NO_EXTENTS): DaxDevice {
    return { name, region, size: 0, state, claimed, claimedBytes: undefined, holder: undefined, mounts: [] };
}

const NO_EXTENTS: readonly SimExtent[] = [];

/** A failed `create_dax` leaves a `failed` device of that name, unless an active one has it. */
function recordFailure(sim: Sim, name: string, region: RegionState, outcome: Outcome): Outcome {
    const existing = sim.dax.get(name);
    if (!existing || existing.state !== 'active') sim.dax.set(name, newDax(name, region, 'failed'));
    return outcome;
}

function byDpa(a: SimExtent, b: SimExtent): number {
    return a.result.dpa - b.result.dpa || (a.partitionId < b.partitionId ? -1 : a.partitionId > b.partitionId ? 1 : 0);
}

function bySeq(a: SimExtent, b: SimExtent): number {
    return a.seq - b.seq;
}

/**
 * The accepted, unclaimed extents of R with this tag, in seq order (then DPA order). They
 * are members of the tag's registered group, unless a replay left live extents outside it
 * (then every extent of R is looked at).
 */
function unclaimedWithTag(sim: Sim, region: RegionState, tag: string): readonly SimExtent[] {
    const candidates: Iterable<SimExtent> = sim.unregisteredLive === 0 ? sim.tags.get(tag)?.members ?? NO_EXTENTS : region.extents;
    let n = 0;
    for (const e of candidates) if (isCandidate(e, region, tag)) n++;
    if (n === 0) return NO_EXTENTS;
    const out = new Array<SimExtent>(n);
    let i = 0;
    for (const e of candidates) if (isCandidate(e, region, tag)) out[i++] = e;
    return n > 1 ? sortStable(sortStable(out, byDpa), bySeq) : out;
}

function isCandidate(e: SimExtent, region: RegionState, tag: string): boolean {
    return e.region === region && e.live && e.claimedBytes === 0 && e.tag === tag;
}

/** The unclaimed untagged extent of R with the lowest DPA. */
function lowestUnclaimedUntagged(region: RegionState): SimExtent | undefined {
    let best: SimExtent | undefined;
    for (const e of region.extents) {
        if (e.claimedBytes === 0 && e.tag === null && (best === undefined || byDpa(e, best) < 0)) best = e;
    }
    return best;
}

/** R's extents with unclaimed room, in DPA order (size claims). */
function withRoom(region: RegionState): SimExtent[] {
    const out: SimExtent[] = [];
    for (const e of region.extents) if (e.claimedBytes < e.end - e.start) out.push(e);
    return sortStable(out, byDpa);
}

/**
 * `create_dax NAME on R uuid T|0` / `size S`. By uuid: a non-null tag claims **every**
 * accepted, unclaimed extent of R with that tag (in seq order; size = Σ lengths); `0` claims
 * exactly one untagged extent (the lowest DPA); no match ⇒ -ENOENT (`no-match`) and no
 * device. dcd-v9 has no uuid claim (EOPNOTSUPP); it claims by size, sparsely, across extents
 * and parts of extents (PMD-aligned; ENOSPC when R has too little unclaimed capacity);
 * dcd-v11 and sysram-rfc refuse a size claim (-EOPNOTSUPP, "any non-zero resize").
 * @see [V10-CV], [V11-31], [NDCTL-26] create_dax_dev_with_uuid; DOMAIN.md §3.4, §3.7
 */
export function createDax(sim: Sim, name: string, regionName: string, claim: Claim): Outcome {
    const existing = sim.dax.get(name);
    if (existing && existing.state === 'active') return failed('EINVAL', `a DAX device ${name} already exists`);
    const region = sim.regions.get(regionName);
    if (!region) return failed('ENOENT', `no region ${regionName}`);
    if (region.cfg.driver !== 'dax') return recordFailure(sim, name, region, failed('EINVAL', `${regionName} is a ${region.cfg.driver} region, not dax`));
    if (!sim.regionTracks(region)) {
        return recordFailure(sim, name, region, failed('ENXIO', region.supported && !region.destroyed ? 'dax_cxl is not loaded: no DAX region' : `${regionName} is not set up on this host`));
    }
    let dax: DaxDevice;
    if (claim.by === 'uuid') {
        if (!sim.rules.claimByUuid) return recordFailure(sim, name, region, failed('EOPNOTSUPP', `${sim.kernel} DAX devices are claimed by size, not by uuid`));
        const tag = claim.tag;
        let claimed: readonly SimExtent[] = NO_EXTENTS;
        if (tag === null) {
            const e = lowestUnclaimedUntagged(region);
            if (e !== undefined) claimed = [e];
        } else {
            claimed = unclaimedWithTag(sim, region, tag);
        }
        if (claimed.length === 0) {
            return recordFailure(sim, name, region, failed('no-match', `no accepted unclaimed ${tag === null ? 'untagged extent' : `extent with tag ${tag}`} in ${regionName} (-ENOENT)`));
        }
        dax = newDax(name, region, 'active', claimed);
    } else {
        if (!sim.rules.claimBySize) return recordFailure(sim, name, region, failed('EOPNOTSUPP', `${sim.kernel} DAX devices are claimed by uuid only; size claims return -EOPNOTSUPP`));
        const size = claim.size;
        if (size <= 0 || size % PMD_SIZE !== 0) return recordFailure(sim, name, region, failed('EINVAL', `size ${formatSize(size)} is not a non-zero multiple of the 2MiB DAX alignment`));
        const claimed: SimExtent[] = [];
        const bytesOf: number[] = [];
        let left = size;
        for (const ext of withRoom(region)) {
            const room = ext.end - ext.start - ext.claimedBytes;
            if (room <= 0) continue;
            const bytes = Math.min(room, left);
            claimed.push(ext);
            bytesOf.push(bytes);
            left -= bytes;
            if (left === 0) break;
        }
        if (left > 0) return recordFailure(sim, name, region, failed('ENOSPC', `only ${formatSize(size - left)} unclaimed in ${regionName}, ${formatSize(size)} asked`));
        dax = newDax(name, region, 'active', claimed);
        dax.claimedBytes = bytesOf;
    }
    sim.dax.delete(name);
    sim.dax.set(name, dax);
    for (let i = 0; i < dax.claimed.length; i++) {
        const e = dax.claimed[i];
        const bytes = claimBytes(dax, i);
        const wasFree = e.claimedBytes === 0;
        e.claimedBytes += bytes;
        if (e.daxClaims === undefined) e.daxClaims = [dax];
        else e.daxClaims.push(dax);
        dax.size += bytes;
        if (wasFree) sim.setState(e, 'claimed');
    }
    const head = claimHead(name, dax.size, dax.claimed.length, regionName, claim.by);
    return ok(claim.by === 'uuid' ? head + formatTag(claim.tag) + ')' : head + ')');
}

/**
 * The detail of a successful claim up to the uuid: `NAME: SIZE from N extents of R (claimed
 * by uuid ` (or `by size`), remembered per device name (scenarios reuse a few names).
 */
function claimHead(name: string, size: number, n: number, region: string, by: 'uuid' | 'size'): string {
    const memo = claimMemo.get(name);
    if (memo !== undefined && memo.size === size && memo.n === n && memo.region === region && memo.by === by) return memo.text;
    const text = `${name}: ${formatSize(size)} from ${n} extent${n === 1 ? '' : 's'} of ${region} (claimed by ${by === 'uuid' ? 'uuid ' : 'size'}`;
    if (memo !== undefined || claimMemo.size < 4096) claimMemo.set(name, { size, n, region, by, text });
    return text;
}

const claimMemo = new Map<string, { size: number; n: number; region: string; by: 'uuid' | 'size'; text: string }>();

/** The bytes the device's i-th claim takes from its extent. */
function claimBytes(dax: DaxDevice, i: number): number {
    const e = dax.claimed[i];
    return dax.claimedBytes === undefined ? e.end - e.start : dax.claimedBytes[i];
}

/** Returns a DAX device's claims; extents that stay on the host and are unclaimed go back to accepted. */
function dropClaims(sim: Sim, dax: DaxDevice, going?: ExtentMembership): void {
    for (let i = 0; i < dax.claimed.length; i++) {
        const e = dax.claimed[i];
        e.claimedBytes -= claimBytes(dax, i);
        const claims = e.daxClaims;
        if (claims) for (let j = claims.length - 1; j >= 0; j--) if (claims[j] === dax) removeAt(claims, j);
        if (e.claimedBytes === 0 && e.live && !going?.has(e)) sim.setState(e, 'accepted');
    }
    dax.claimed = NO_EXTENTS;
    dax.claimedBytes = undefined;
    dax.size = 0;
}

/**
 * `destroy_dax NAME`: size 0 — the only resize a DC DAX device allows; its extents are free
 * to claim again. A device a filesystem still holds is busy (EBUSY).
 * @see DOMAIN.md §3.4 ("size 0 is allowed and is the destroy path"), [NDCTL-26]
 */
export function destroyDax(sim: Sim, name: string): Outcome {
    const dax = sim.dax.get(name);
    if (!dax || dax.state !== 'active') return failed('ENOENT', `no active DAX device ${name}`);
    if (dax.mounts.length > 0) return failed('EBUSY', `${name} is mounted by ${dax.mounts.map(f => f.name).join(', ')}`);
    dropClaims(sim, dax);
    dax.state = 'destroyed';
    return ok(destroyedText(name));
}

/** `NAME destroyed; …`, remembered per name (scenarios reuse a few device names many times). */
function destroyedText(name: string): string {
    let text = destroyedMemo.get(name);
    if (text === undefined) {
        text = `${name} destroyed; its extents are accepted and unclaimed again`;
        if (destroyedMemo.size < 4096) destroyedMemo.set(name, text);
    }
    return text;
}

const destroyedMemo = new Map<string, string>();

/**
 * The DAX device dies under its users (surprise removal, forced release, region teardown,
 * driver unload): the holder gets a memory-failure notification over the whole range; a
 * holder-less filesystem (`holder shared`) is never told.
 * @see DOMAIN.md §9 (dax_holder_notify_failure, kill_dax), §10 [SURPRISE-21]
 */
export function killDax(sim: Sim, dax: DaxDevice, going?: ExtentMembership): FsState | undefined {
    if (dax.state !== 'active') return undefined;
    const holder = dax.holder;
    if (holder) holder.notified = true;
    for (const fs of dax.mounts) {
        fs.mounted = false;
        fs.holder = false;
        fs.dax = undefined;
    }
    emptyKeepingCapacity(dax.mounts);
    dax.holder = undefined;
    dropClaims(sim, dax, going);
    dax.state = 'removed';
    return holder;
}

/** Kills every DAX device claiming any of these extents; returns the notified holders. */
export function killDaxOf(sim: Sim, extents: readonly SimExtent[]): FsState[] {
    const notified: FsState[] = [];
    let going: Set<SimExtent> | undefined;
    for (const e of extents) {
        if (!e.daxClaims || e.daxClaims.length === 0) continue;
        going ??= new Set(extents);
        for (const dax of [...e.daxClaims]) {
            const holder = killDax(sim, dax, going);
            if (holder) notified.push(holder);
        }
    }
    return notified;
}

/**
 * `mount FS on NAME`: the filesystem takes the DAX device as holder (`fs_dax_get`). A device
 * already held: `holder exclusive` ⇒ -EBUSY; `holder shared` ⇒ the mount succeeds without a
 * holder and is never notified of memory failure.
 * @see DOMAIN.md §9 [HOLDER-22] (1:1 holders), [DAX-SUPER] famfs fs_dax_get "already held ⇒ -EBUSY"
 */
export function mount(sim: Sim, fsName: string, daxName: string): Outcome {
    const dax = sim.dax.get(daxName);
    if (!dax || dax.state !== 'active') return failed('ENXIO', `no live DAX device ${daxName}`);
    let fs = sim.filesystems.get(fsName);
    if (!fs) sim.filesystems.set(fsName, (fs = { name: fsName, dax: undefined, mounted: false, holder: false, notified: false }));
    if (fs.mounted) return failed('EBUSY', `${fsName} is already mounted`);
    if (dax.holder) {
        if (dax.region.cfg.holder !== 'shared') return failed('EBUSY', `${daxName} is already held by ${dax.holder.name} (holder exclusive)`);
        fs.mounted = true;
        fs.dax = dax;
        dax.mounts.push(fs);
        return ok(`${fsName} mounted on ${daxName} without a holder (holder shared): it will not be notified of memory failure`);
    }
    fs.mounted = true;
    fs.holder = true;
    fs.dax = dax;
    dax.holder = fs;
    dax.mounts.push(fs);
    return ok(`${fsName} holds ${daxName}`);
}

/** `umount FS`: drops the holder (`fs_put_dax` clears it only if it matches). */
export function umount(sim: Sim, fsName: string): Outcome {
    const fs = sim.filesystems.get(fsName);
    if (!fs || !fs.mounted) return failed('EINVAL', `${fsName} is not mounted`);
    const dax = fs.dax!;
    removeItem(dax.mounts, fs);
    if (dax.holder === fs) dax.holder = undefined;
    fs.mounted = false;
    fs.holder = false;
    fs.dax = undefined;
    return ok(`${fsName} unmounted from ${dax.name}`);
}
