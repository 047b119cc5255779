/** The end-of-run (or expectation-time) views of regions and DAX devices (LANGUAGE.md §3.3, §8). */
import type { DaxResult, RegionResult } from './types.js';
import type { DaxDevice, RegionState } from './host/state.js';
import { memmapBytes } from './host/memmap.js';

/**
 * A region's figures: `extents` counts the live extents it holds (accepted, claimed or
 * online), `accepted_bytes` their bytes, `online_bytes` the bytes onlined as System RAM, zone
 * and node state of that memory (null when nothing is online) and its memmap (1/64, DOMAIN.md
 * §11 — reported whether it lives in node-0 DRAM or, with memmap_on_memory, in the block).
 * The region keeps these as running counters (see `attach`, `detach`, `onlineInto`).
 */
export function regionResult(region: RegionState): RegionResult {
    const online = region.onlineBytes;
    return {
        name: region.cfg.name,
        extents: region.extents.size,
        accepted_bytes: region.acceptedBytes,
        online_bytes: online,
        zone: online > 0 ? region.onlineZone! : null,
        node_state: online > 0 ? region.onlineNodeState! : null,
        memmap_bytes: memmapBytes(online),
    };
}

/** A DAX device as the JSON `dax` lists it: `holder` is the holding filesystem's name. */
export function daxResult(d: DaxDevice): DaxResult {
    return { name: d.name, region: d.region.cfg.name, size: d.size, holder: d.holder === undefined ? null : d.holder.name, state: d.state };
}
