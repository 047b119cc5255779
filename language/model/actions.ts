/** Runs one event's action and records its outcome (LANGUAGE.md §3.1–§3.2). */
import type { ActionSpec, ActionWord } from './types.js';
import type { Sim } from './context.js';
import { addCapacity, releaseCapacity } from './fm.js';
import { createDax, destroyDax, mount, umount } from './host/dax.js';
import { allocUnmovable, freeUnmovable, offlineAction, onlineAction, pin, unpin } from './host/sysram.js';
import { destroyRegion, loadDaxCxl, surpriseRemove, unloadDaxCxl } from './host/teardown.js';
import type { Outcome } from './host/outcome.js';

/** The action word of the JSON `action` field. */
export function actionWord(a: ActionSpec): ActionWord {
    switch (a.kind) {
        case 'alloc_unmovable': return 'alloc';
        case 'unload_dax_cxl': return 'unload';
        case 'load_dax_cxl': return 'load';
        default: return a.kind;
    }
}

function hostAction(sim: Sim, a: Exclude<ActionSpec, { kind: 'add' }>): Outcome {
    switch (a.kind) {
        case 'release': return releaseCapacity(sim, a);
        case 'surprise_remove': return surpriseRemove(sim, a.device);
        case 'create_dax': return createDax(sim, a.name, a.region, a.claim);
        case 'destroy_dax': return destroyDax(sim, a.name);
        case 'mount': return mount(sim, a.fs, a.dax);
        case 'umount': return umount(sim, a.fs);
        case 'alloc_unmovable': return allocUnmovable(sim, a.region, a.size);
        case 'pin': return pin(sim, a.region, a.size);
        case 'unpin': return unpin(sim, a.region);
        case 'free': return freeUnmovable(sim, a.region);
        case 'offline': return offlineAction(sim, a.region);
        case 'online': return onlineAction(sim, a.region, a.zone);
        case 'destroy_region': return destroyRegion(sim, a.region);
        case 'unload_dax_cxl': return unloadDaxCxl(sim);
        case 'load_dax_cxl': return loadDaxCxl(sim);
    }
}

/**
 * Runs the event at this position of the scenario at `sim.now`. An add whose records wait in
 * an open More chain finishes later.
 */
export function runEvent(sim: Sim, event: number): void {
    sim.tick();
    const a = sim.events[event].action;
    if (a.kind === 'add') {
        addCapacity(sim, event, a);
        return;
    }
    const o = hostAction(sim, a);
    sim.finish(event, o.outcome, o.reason, o.errno, o.detail);
}
