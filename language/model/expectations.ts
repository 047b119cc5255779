/**
 * Expectations (LANGUAGE.md §3.3): each claim checked against the simulation's state at its
 * time, with the value the simulation had in the expectation's own words.
 */
import type { ExpectationResult, ExpectationSpec } from './types.js';
import type { Sim } from './context.js';
import { errnoOf } from './reasons.js';
import { formatSize } from './format.js';
import { regionResult } from './results.js';

function verdict(x: ExpectationSpec, passed: boolean, actual: string): ExpectationResult {
    return { line: x.line, text: x.text, passed, actual };
}

/** `failed X` (and `rejected X`, `refused X`, …) holds when X is the reason or its errno. */
function reasonMatches(want: string | undefined, reason: string | null, errno: string | null): boolean {
    return want === undefined || want === reason || want === (errno ?? errnoOf(reason));
}

/** Checks one expectation against the state now. */
export function evaluateExpectation(sim: Sim, x: ExpectationSpec): ExpectationResult {
    const c = x.claim;
    switch (c.kind) {
        case 'event': {
            const event = sim.eventLabelled(c.label);
            if (event === undefined) return verdict(x, false, `no event labelled ${c.label}`);
            const r = sim.results[event];
            if (r === undefined) return verdict(x, false, sim.events[event].tNs > sim.now ? 'not run yet' : 'pending (staged in an open More chain)');
            const actual = r.outcome + (r.reason ? ` ${r.reason}` : r.errno ? ` ${r.errno}` : '');
            return verdict(x, r.outcome === c.outcome && reasonMatches(c.reason, r.reason, r.errno), actual);
        }
        case 'extent': {
            const r = sim.extentNamed(c.partition, c.offset, c.state, c.reason);
            if (!r) return verdict(x, false, 'no such extent');
            const actual = r.state + (r.reason ? ` ${r.reason}` : '');
            return verdict(x, r.state === c.state && reasonMatches(c.reason, r.reason, null), actual);
        }
        case 'region': {
            const region = sim.regions.get(c.region);
            if (!region) return verdict(x, false, `no region ${c.region}`);
            const r = regionResult(region);
            switch (c.property) {
                case 'extents': return verdict(x, r.extents === c.value, String(r.extents));
                case 'accepted': return verdict(x, r.accepted_bytes === c.value, formatSize(r.accepted_bytes));
                case 'online': return verdict(x, r.online_bytes === c.value, formatSize(r.online_bytes));
                case 'memmap': return verdict(x, r.memmap_bytes === c.value, formatSize(r.memmap_bytes));
                case 'zone': return verdict(x, r.zone === c.zone, r.zone ?? 'none');
                case 'node': return verdict(x, r.node_state === c.nodeState, r.node_state ?? 'none');
            }
            break;
        }
        case 'dax': {
            const d = sim.dax.get(c.name);
            const active = d !== undefined && d.state === 'active';
            switch (c.property) {
                case 'size': {
                    const size = active ? d.size : 0;
                    return verdict(x, size === c.value, formatSize(size));
                }
                case 'absent': return verdict(x, !active, active ? `present (${formatSize(d.size)})` : 'absent');
                case 'holder': {
                    const holder = active ? d.holder?.name ?? null : null;
                    return verdict(x, active && holder === c.holder, active ? holder ?? 'none' : 'absent');
                }
            }
            break;
        }
        case 'fs': {
            const notified = sim.filesystems.get(c.fs)?.notified ?? false;
            return verdict(x, notified === c.notified, notified ? 'notified' : 'not notified');
        }
    }
    return verdict(x, false, 'unknown claim');
}
