/**
 * DAX devices on DC regions: claims by uuid (dcd-v11, sysram-rfc) or by size (dcd-v9 sparse
 * DAX), destruction, and filesystem holders (LANGUAGE.md §3.2, §4; DOMAIN.md §3.4, §3.7, §9).
 */
import type { Sim } from '../context.js';
import { formatSize, formatTag } from '../format.js';
import { PMD_SIZE } from '../profiles.js';
import type { DaxDevice, FsState, RegionState, SimExtent } from './state.js';
import { failed, ok, type Outcome } from './outcome.js';

type Claim = { by: 'uuid'; tag: string | null } | { by: 'size'; size: number };

function recordFailure(sim: Sim, name: string, region: string, outcome: Outcome): Outcome {
    const existing = sim.dax.get(name);
    if (!existing || existing.result.state !== 'active') {
        const result = sim.daxResult(name, region);
        result.state = 'failed';
        const dead: DaxDevice = { result, region: sim.regions.get(region)!, claims: [], holder: undefined, mounts: new Set() };
        sim.dax.set(name, dead);
    }
    return outcome;
}

function byDpa(a: SimExtent, b: SimExtent): number {
    return a.result.dpa - b.result.dpa || (a.partitionId < b.partitionId ? -1 : a.partitionId > b.partitionId ? 1 : 0);
}

/** Live extents of a region passing `pick`, in DPA order. */
function extentsOf(region: RegionState, pick: (e: SimExtent) => boolean): SimExtent[] {
    const out: SimExtent[] = [];
    for (const e of region.extents) if (pick(e)) out.push(e);
    return out.sort(byDpa);
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
    if (existing && existing.result.state === 'active') return failed('EINVAL', `a DAX device ${name} already exists`);
    const region = sim.regions.get(regionName);
    if (!region) return failed('ENOENT', `no region ${regionName}`);
    const fail = (o: Outcome) => recordFailure(sim, name, regionName, o);
    if (region.cfg.driver !== 'dax') return fail(failed('EINVAL', `${regionName} is a ${region.cfg.driver} region, not dax`));
    if (!sim.regionTracks(region)) {
        return fail(failed('ENXIO', region.supported && !region.destroyed ? 'dax_cxl is not loaded: no DAX region' : `${regionName} is not set up on this host`));
    }
    let claims: Array<{ ext: SimExtent; bytes: number }>;
    if (claim.by === 'uuid') {
        if (!sim.rules.claimByUuid) return fail(failed('EOPNOTSUPP', `${sim.kernel} DAX devices are claimed by size, not by uuid`));
        const tag = claim.tag;
        let picked = extentsOf(region, e => e.claimedBytes === 0 && e.tag === tag);
        if (tag === null) picked = picked.slice(0, 1);
        else picked.sort((a, b) => a.seq - b.seq);
        if (picked.length === 0) {
            return fail(failed('no-match', `no accepted unclaimed ${tag === null ? 'untagged extent' : `extent with tag ${tag}`} in ${regionName} (-ENOENT)`));
        }
        claims = picked.map(ext => ({ ext, bytes: ext.end - ext.start }));
    } else {
        if (!sim.rules.claimBySize) return fail(failed('EOPNOTSUPP', `${sim.kernel} DAX devices are claimed by uuid only; size claims return -EOPNOTSUPP`));
        const size = claim.size;
        if (size <= 0 || size % PMD_SIZE !== 0) return fail(failed('EINVAL', `size ${formatSize(size)} is not a non-zero multiple of the 2MiB DAX alignment`));
        claims = [];
        let left = size;
        for (const ext of extentsOf(region, e => e.claimedBytes < e.end - e.start)) {
            const room = ext.end - ext.start - ext.claimedBytes;
            if (room <= 0) continue;
            const bytes = Math.min(room, left);
            claims.push({ ext, bytes });
            left -= bytes;
            if (left === 0) break;
        }
        if (left > 0) return fail(failed('ENOSPC', `only ${formatSize(size - left)} unclaimed in ${regionName}, ${formatSize(size)} asked`));
    }
    const result = sim.daxResult(name, regionName);
    const dax: DaxDevice = { result, region, claims, holder: undefined, mounts: new Set() };
    sim.dax.delete(name);
    sim.dax.set(name, dax);
    for (const c of claims) {
        const wasFree = c.ext.claimedBytes === 0;
        c.ext.claimedBytes += c.bytes;
        (c.ext.daxClaims ??= []).push(dax);
        result.size += c.bytes;
        if (wasFree) sim.setState(c.ext, 'claimed');
    }
    const what = claim.by === 'uuid' ? `uuid ${formatTag(claim.tag)}` : 'size';
    return ok(`${name}: ${formatSize(result.size)} from ${claims.length} extent${claims.length === 1 ? '' : 's'} of ${regionName} (claimed by ${what})`);
}

/** Returns a DAX device's claims; extents that stay on the host and are unclaimed go back to accepted. */
function dropClaims(sim: Sim, dax: DaxDevice, going?: ReadonlySet<SimExtent>): void {
    for (const c of dax.claims) {
        const e = c.ext;
        e.claimedBytes -= c.bytes;
        if (e.daxClaims) e.daxClaims = e.daxClaims.filter(d => d !== dax);
        if (e.claimedBytes === 0 && e.live && !going?.has(e)) sim.setState(e, 'accepted');
    }
    dax.claims = [];
    dax.result.size = 0;
}

/**
 * `destroy_dax NAME`: size 0 — the only resize a DC DAX device allows; its extents are free
 * to claim again. A device a filesystem still holds is busy (EBUSY).
 * @see DOMAIN.md §3.4 ("size 0 is allowed and is the destroy path"), [NDCTL-26]
 */
export function destroyDax(sim: Sim, name: string): Outcome {
    const dax = sim.dax.get(name);
    if (!dax || dax.result.state !== 'active') return failed('ENOENT', `no active DAX device ${name}`);
    if (dax.mounts.size > 0) return failed('EBUSY', `${name} is mounted by ${[...dax.mounts].map(f => f.name).join(', ')}`);
    dropClaims(sim, dax);
    dax.result.state = 'destroyed';
    return ok(`${name} destroyed; its extents are accepted and unclaimed again`);
}

/**
 * The DAX device dies under its users (surprise removal, forced release, region teardown,
 * driver unload): the holder gets a memory-failure notification over the whole range; a
 * holder-less filesystem (`holder shared`) is never told.
 * @see DOMAIN.md §9 (dax_holder_notify_failure, kill_dax), §10 [SURPRISE-21]
 */
export function killDax(sim: Sim, dax: DaxDevice, going?: ReadonlySet<SimExtent>): FsState | undefined {
    if (dax.result.state !== 'active') return undefined;
    const holder = dax.holder;
    if (holder) holder.notified = true;
    for (const fs of dax.mounts) {
        fs.mounted = false;
        fs.holder = false;
        fs.dax = undefined;
    }
    dax.mounts.clear();
    dax.holder = undefined;
    dax.result.holder = null;
    dropClaims(sim, dax, going);
    dax.result.state = 'removed';
    return holder;
}

/** Kills every DAX device claiming any of these extents; returns the notified holders. */
export function killDaxOf(sim: Sim, extents: readonly SimExtent[]): FsState[] {
    const going = new Set(extents);
    const notified: FsState[] = [];
    for (const e of extents) {
        if (!e.daxClaims) continue;
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
    if (!dax || dax.result.state !== 'active') return failed('ENXIO', `no live DAX device ${daxName}`);
    let fs = sim.filesystems.get(fsName);
    if (!fs) sim.filesystems.set(fsName, (fs = { name: fsName, dax: undefined, mounted: false, holder: false, notified: false }));
    if (fs.mounted) return failed('EBUSY', `${fsName} is already mounted`);
    if (dax.holder) {
        if (dax.region.cfg.holder !== 'shared') return failed('EBUSY', `${daxName} is already held by ${dax.holder.name} (holder exclusive)`);
        fs.mounted = true;
        fs.dax = dax;
        dax.mounts.add(fs);
        return ok(`${fsName} mounted on ${daxName} without a holder (holder shared): it will not be notified of memory failure`);
    }
    fs.mounted = true;
    fs.holder = true;
    fs.dax = dax;
    dax.holder = fs;
    dax.mounts.add(fs);
    dax.result.holder = fsName;
    return ok(`${fsName} holds ${daxName}`);
}

/** `umount FS`: drops the holder (`fs_put_dax` clears it only if it matches). */
export function umount(sim: Sim, fsName: string): Outcome {
    const fs = sim.filesystems.get(fsName);
    if (!fs || !fs.mounted) return failed('EINVAL', `${fsName} is not mounted`);
    const dax = fs.dax!;
    dax.mounts.delete(fs);
    if (dax.holder === fs) {
        dax.holder = undefined;
        dax.result.holder = null;
    }
    fs.mounted = false;
    fs.holder = false;
    fs.dax = undefined;
    return ok(`${fsName} unmounted from ${dax.result.name}`);
}
