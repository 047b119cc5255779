/** The end-of-run (or expectation-time) views of regions (LANGUAGE.md §3.3, §8). */
import type { RegionResult } from './types.js';
import type { RegionState } from './host/state.js';
import { memmapBytes } from './host/memmap.js';

/**
 * A region's figures: `extents` counts the live extents it holds (accepted, claimed or
 * online), `accepted_bytes` their bytes, `online_bytes` the bytes onlined as System RAM, zone
 * and node state of that memory (null when nothing is online) and its memmap (1/64, DOMAIN.md
 * §11 — reported whether it lives in node-0 DRAM or, with memmap_on_memory, in the block).
 */
export function regionResult(region: RegionState): RegionResult {
    let accepted = 0;
    let online = 0;
    let zone: RegionResult['zone'] = null;
    let nodeState: RegionResult['node_state'] = null;
    for (const e of region.extents) {
        accepted += e.end - e.start;
        if (e.onlineBytes > 0) {
            online += e.onlineBytes;
            zone ??= e.zone!;
            nodeState ??= e.nodeState!;
        }
    }
    return {
        name: region.cfg.name,
        extents: region.extents.size,
        accepted_bytes: accepted,
        online_bytes: online,
        zone,
        node_state: nodeState,
        memmap_bytes: memmapBytes(online),
    };
}
