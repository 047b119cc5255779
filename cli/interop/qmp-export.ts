/**
 * `dcdpolicy export qmp`: the fabric-manager side of a scenario (its `add` and `release`
 * events) as the QMP commands a user can replay on QEMU's emulated DCD (DOMAIN.md §2.2), one
 * JSON object per line. No Node APIs (the playground can reuse it).
 *
 * Each event becomes `cxl-add-dynamic-capacity` or `cxl-release-dynamic-capacity` with
 * `path` `/machine/peripheral/<device>`, `host-id` 0, `selection-policy` / `removal-policy`
 * `prescriptive` (`tag-based` for `release P tag T`), `region` = the partition's index, `tag`
 * when the event is tagged, `forced-removal` for `forced`, and the extents' `offset`/`len` in
 * bytes. Events go in the order the simulator runs them (time, then source order). Times are
 * not carried: QMP commands have none.
 */
import {
    QEMU_MESSAGES, type DeviceRefusal, type EventSpec, type PartitionConfig, type ScenarioResult, type ScenarioSpec, type World,
} from '../../language/model/index.js';

/** The QOM path QEMU gives a `-device cxl-type3,id=NAME`. */
export const PERIPHERAL_PATH = '/machine/peripheral/';

/** Options of `exportQmp`. */
export interface QmpExportOptions {
    /**
     * The scenario's simulation: with it, each command is followed by the reply QEMU would
     * give as the model predicts it (`{"return": {}}` or `{"error": {…}}`): a transcript, not
     * a file to replay.
     */
    result?: ScenarioResult;
}

/** An event that is not (or not faithfully) in the output. */
export interface QmpExportProblem {
    /** The event's line in its .dcdpolicy file. */
    line: number;
    message: string;
    /** True when an FM event could not be expressed in QMP (the export is incomplete). */
    fatal: boolean;
}

/** The export: JSON lines and what was left out. */
export interface QmpExport {
    /** One JSON object per line, in replay order. */
    lines: string[];
    problems: QmpExportProblem[];
    /** Commands written. */
    commands: number;
}

/** QEMU's error message for a refusal of an event, as the model predicts it. */
function qemuMessage(reason: string, event: EventSpec): string {
    if (reason === 'unsupported-policy' && event.action.kind === 'release') {
        return event.action.forced ? 'Forced removal not supported yet' : 'Removal policy not supported';
    }
    return QEMU_MESSAGES[reason as DeviceRefusal] ?? reason;
}

/**
 * Writes the FM events of a scenario as QMP commands.
 * @param world the workspace's model (for each partition's device and index)
 * @param scenario the scenario (LANGUAGE.md §3)
 * @param options `result` to add the predicted replies
 * @returns the lines and the problems: host actions and surprise removal are left out
 *   (`fatal: false`); an event with the `more` flag or a `seq` number cannot be written
 *   (QEMU closes every request's chain and zeroes `shared_seq`; `fatal: true`)
 * @throws nothing
 */
export function exportQmp(world: World, scenario: ScenarioSpec, options: QmpExportOptions = {}): QmpExport {
    const partitions = new Map<string, PartitionConfig>();
    for (const device of world.devices) for (const p of device.partitions) partitions.set(p.id, p);
    const results = new Map((options.result?.events ?? []).map(e => [e.index, e]));
    const out: QmpExport = { lines: [], problems: [], commands: 0 };
    const ordered = [...scenario.events].sort((a, b) => a.tNs - b.tNs || a.index - b.index);
    for (const event of ordered) {
        const { action } = event;
        if (action.kind !== 'add' && action.kind !== 'release') {
            const what = action.kind === 'surprise_remove' ? 'surprise removal has no cxl-*-dynamic-capacity command' : `host action ${action.kind}`;
            out.problems.push({ line: event.line, message: `left out: ${what}`, fatal: false });
            continue;
        }
        const partition = partitions.get(action.partition);
        if (!partition) {
            out.problems.push({ line: event.line, message: `cannot export: no partition ${action.partition}`, fatal: true });
            continue;
        }
        if (action.kind === 'add' && action.more) {
            out.problems.push({ line: event.line, message: 'cannot export: QMP cannot leave a More chain open (QEMU sets More on all records of a request but the last)', fatal: true });
            continue;
        }
        if (action.extents.some(e => e.seq !== 0)) {
            out.problems.push({ line: event.line, message: 'cannot export: QMP has no sequence numbers (QEMU zeroes shared_seq)', fatal: true });
            continue;
        }
        const args: Record<string, unknown> = { path: PERIPHERAL_PATH + partition.device, 'host-id': 0 };
        if (action.kind === 'add') {
            args['selection-policy'] = 'prescriptive';
        } else {
            args['removal-policy'] = action.tagBased ? 'tag-based' : 'prescriptive';
            if (action.forced) args['forced-removal'] = true;
        }
        args.region = partition.index;
        if (action.tag !== null) args.tag = action.tag;
        args.extents = action.extents.map(e => ({ offset: e.offset, len: e.length }));
        out.lines.push(JSON.stringify({ execute: action.kind === 'add' ? 'cxl-add-dynamic-capacity' : 'cxl-release-dynamic-capacity', arguments: args }));
        out.commands++;
        if (options.result) {
            const r = results.get(event.index);
            out.lines.push(JSON.stringify(r?.outcome === 'refused' && r.reason
                ? { error: { class: 'GenericError', desc: qemuMessage(r.reason, event) } }
                : { return: {} }));
        }
    }
    return out;
}
