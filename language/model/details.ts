/**
 * The `detail` sentences of add events (LANGUAGE.md §8), built once per event. The common
 * sentence, "N extents (SIZE) accepted into R.", is the same for every add of the same shape
 * into a region, so it is remembered per region and shared.
 */
import type { AddRun, SimExtent } from './host/state.js';
import { REASON_DESCRIPTIONS, type ReasonCode } from './reasons.js';
import { formatSize } from './format.js';

/** The event's extra sentences (onlining, device response), with a leading space; or ''. */
function notesOf(add: AddRun): string {
    return add.notes === undefined ? '' : ' ' + add.notes.join(' ');
}

/** `N extents (SIZE) accepted into R1, R2.` for an add whose extents all went to the host. */
function acceptedAll(add: AddRun): string {
    const extents = add.extents;
    const n = extents.length;
    let bytes = 0;
    let single = extents[0].region;
    for (let i = 0; i < n; i++) {
        const e = extents[i];
        bytes += e.end - e.start;
        if (e.region !== single) single = undefined;
    }
    if (single !== undefined && single.cfg.name === extents[0].result.region) {
        const memo = single.acceptedText;
        if (memo !== undefined && memo.count === n && memo.bytes === bytes) return memo.text;
        const text = `${n} extents (${formatSize(bytes)}) accepted into ${single.cfg.name}.`;
        single.acceptedText = { count: n, bytes, text };
        return text;
    }
    const regions: string[] = [];
    for (const e of extents) if (e.result.region && !regions.includes(e.result.region)) regions.push(e.result.region);
    return `${n} extents (${formatSize(bytes)}) accepted into ${regions.join(', ')}.`;
}

/** `TEXT NOTE`, remembered for the last pair (an add into a sysram region repeats both). */
function withNote(text: string, note: string): string {
    if (lastWithNote.text !== text || lastWithNote.note !== note) lastWithNote = { text, note, both: text + ' ' + note };
    return lastWithNote.both;
}

let lastWithNote = { text: '', note: '', both: '' };

/**
 * An add event's detail once every extent is answered: what was accepted, or the first
 * extent that was not and why, followed by the event's notes.
 * @param accepted how many extents the host accepted
 * @param bad the first extent that was not accepted (undefined when all were)
 */
export function addDetail(add: AddRun, accepted: number, bad: SimExtent | undefined): string {
    const n = add.extents.length;
    if (bad === undefined) {
        if (n === 1) {
            const e = add.extents[0];
            return `${e.result.id} (${formatSize(e.end - e.start)}) accepted into ${e.result.region}.${notesOf(add)}`;
        }
        if (add.notes === undefined) return acceptedAll(add);
        return add.notes.length === 1 ? withNote(acceptedAll(add), add.notes[0]) : acceptedAll(add) + notesOf(add);
    }
    const reason = bad.result.reason!;
    const why = `${bad.result.id} ${bad.verdict} ${reason}: ${REASON_DESCRIPTIONS[reason as ReasonCode] ?? reason}.`;
    const outcome = bad.verdict === 'refused' ? 'refused' : accepted === 0 ? 'rejected' : 'partial';
    const what = outcome === 'partial' ? `${accepted} of ${n} extents accepted; ${why}` : n === 1 ? why : `all ${n} extents ${outcome}; first: ${why}`;
    return what + notesOf(add);
}
