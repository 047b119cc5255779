/**
 * `dcdpolicy import qmp`: a QMP log of `cxl-add-dynamic-capacity` /
 * `cxl-release-dynamic-capacity` commands (DOMAIN.md §2.2) becomes a .dcdpolicy scenario.
 * Text in, text out: no Node APIs (the playground can reuse it).
 *
 * What the log says becomes:
 * - each device `path` → a `device` (named after the path's last segment, `model qemu`,
 *   512 extents as QEMU tracks) with one partition `dcN` per QMP `region` N up to the highest
 *   one used: 2 MiB blocks (QEMU's only block size), laid out back to back from
 *   `static_capacity` (default 0), each as long as the extents QEMU took into it need, rounded
 *   up to 256 MiB (QEMU region lengths are multiples of 256 MiB, DOMAIN.md §2.1);
 * - each `tag` → a `tag` declaration; the null uuid is `untagged`;
 * - each command → an event (`add` / `release`, `forced` for `forced-removal`, `release P tag T`
 *   for the tag-based removal policy), at its timestamp relative to the log's first one, else 1 s
 *   apart;
 * - each error QEMU returned → `expect LABEL refused REASON` (QEMU's message mapped to a
 *   LANGUAGE.md §5.1 reason with the model's `QEMU_MESSAGES`); an error dcdpolicy has no reason
 *   for leaves the event commented out, with QEMU's message.
 * What the host does is dcdpolicy's prediction, written as a comment on each event.
 */
import {
    QEMU_MESSAGES, simulateScenario, DEFAULT_KERNEL, MAX_DC_PARTITIONS, MiB, NULL_UUID,
    type DeviceConfig, type DeviceRefusal, type EventSpec, type ExpectationSpec, type HostConfig, type KernelProfile,
    type PartitionConfig, type RegionConfig, type ScenarioResult, type ScenarioSpec, type World, type ActionSpec,
} from '../../language/model/index.js';
import { parseQmpLog, type DcCommand, type QmpLogIssue } from './qmp-log.js';
import { durationLiteral, NameAllocator, offsetLiteral, sanitizeIdentifier, sizeLiteral, UUID_RE } from './names.js';

/** QEMU's DC block size: the only one its supported-block-size mask offers (DOMAIN.md §2.1). */
export const QEMU_BLOCK_SIZE = 2 * MiB;
/** QEMU region lengths and DC bases are multiples of 256 MiB (DOMAIN.md §2.1). */
export const QEMU_REGION_GRANULE = 256 * MiB;
/** `CXL_NUM_EXTENTS_SUPPORTED` (DOMAIN.md §2.1). */
export const QEMU_MAX_EXTENTS = 512;

/** Options of `importQmpLog`; sizes in bytes. */
export interface QmpImportOptions {
    /** The log's name, for the header comment (e.g. its path). */
    source?: string;
    /** The scenario's name (sanitized into an identifier); default `qmp_log`. */
    scenarioName?: string;
    /** The host's kernel profile; default dcd-v11. With `model`, written as the scenario's `kernel` override. */
    kernel?: KernelProfile;
    /** RAM+PMEM capacity before the first DC partition; a multiple of 256 MiB; default 0. */
    staticCapacity?: number;
    /** Every partition's length (a multiple of 256 MiB), instead of inferring it from the extents. */
    regionLength?: number;
    /** The device's `max_extents`; default 512 (QEMU). */
    maxExtents?: number;
    /**
     * An existing workspace's model: the log's devices are looked up in it by name (the path's
     * last segment) and its partitions by QMP region number; only the scenario and the tags it
     * lacks are written.
     */
    model?: World;
    /** With `model`: the host the scenario runs on (default: the model's first host). */
    host?: string;
}

/** What the import made. */
export interface QmpImportResult {
    /** The .dcdpolicy text: a complete file, or with `model` the scenario and the tags it adds. */
    text: string;
    /** Lines of the log that could not be read or used, in log order. */
    issues: QmpLogIssue[];
    /** Where QEMU's answer and dcdpolicy's device model disagree (the log's line). */
    notes: QmpLogIssue[];
    /** Events written (commented-out ones not counted). */
    events: number;
    /** Expectations written. */
    expectations: number;
    /** The model the text declares (with `model`: that model plus the new tags). */
    world: World;
    /** The scenario the text declares, ready to simulate. */
    scenario: ScenarioSpec;
    /** dcdpolicy's simulation of the scenario; undefined when it could not run. */
    result?: ScenarioResult;
}

/** How QEMU's error reply is read. */
export interface QemuErrorReading {
    /** The §5.1 reason, when dcdpolicy models the refusal. */
    reason?: DeviceRefusal;
    /** True for errors about the device or the region number (no event can be written for them). */
    deviceLevel: boolean;
}

/** QEMU messages besides `QEMU_MESSAGES`: the QMP wrappers' own checks (DOMAIN.md §2.2). */
const WRAPPER_MESSAGES: ReadonlyArray<readonly [string, QemuErrorReading]> = [
    ['Forced removal not supported yet', { reason: 'unsupported-policy', deviceLevel: false }],
    ['Removal policy not supported', { reason: 'unsupported-policy', deviceLevel: false }],
    ['Selection policy not supported', { deviceLevel: false }],
    ['Unable to resolve CXL type 3 device', { deviceLevel: true }],
    ['No dynamic capacity support from the device', { deviceLevel: true }],
];

/**
 * Maps QEMU's error `desc` to a LANGUAGE.md §5.1 reason: an exact message of `QEMU_MESSAGES`
 * (or of the QMP wrappers), else a message contained in `desc` (case-insensitive).
 * @returns the reading; `reason` undefined for messages dcdpolicy does not model
 */
export function readQemuError(desc: string): QemuErrorReading {
    const table: Array<readonly [string, QemuErrorReading]> = [
        ...Object.entries(QEMU_MESSAGES).map(([reason, message]) =>
            [message, { reason: reason as DeviceRefusal, deviceLevel: reason === 'no-such-partition' }] as const),
        ...WRAPPER_MESSAGES,
    ];
    const exact = table.find(([message]) => message === desc.trim());
    if (exact) return exact[1];
    const lower = desc.toLowerCase();
    const contained = table.find(([message]) => lower.includes(message.toLowerCase()));
    return contained ? contained[1] : { deviceLevel: false };
}

/** Reasons QEMU reaches only after every extent passed the range check (DOMAIN.md §2.2 order). */
const AFTER_RANGE_CHECK: ReadonlySet<string> = new Set([
    'overlap-in-request', 'overlap-accepted', 'overlap-pending', 'release-pending', 'release-unbacked', 'extent-limit',
]);

/** A command as the import will write it. */
interface Planned {
    command: DcCommand;
    reading?: QemuErrorReading;
    /** The device's name in the output. */
    device?: string;
    /** Why the command is not an event (it is written as a comment). */
    commentOnly?: string;
    /** Remarks written above the event. */
    remarks: string[];
}

const roundUp = (n: number, granule: number) => Math.ceil(n / granule) * granule;

/**
 * Extents QEMU certainly range-checked (all, or those before the one that failed), whose
 * ends therefore lie inside the region.
 */
function rangeCheckedExtents(p: Planned): DcCommand['extents'] {
    const { command, reading } = p;
    if (!command.reply || command.reply.kind === 'return') return command.extents;
    const reason = reading?.reason;
    if (reason !== undefined && AFTER_RANGE_CHECK.has(reason)) return command.extents;
    if (reason === 'zero-length') return command.extents.slice(0, Math.max(0, command.extents.findIndex(e => e.len === 0)));
    if (reason === 'misaligned') {
        const i = command.extents.findIndex(e => e.offset % QEMU_BLOCK_SIZE !== 0 || e.len % QEMU_BLOCK_SIZE !== 0);
        return command.extents.slice(0, Math.max(0, i));
    }
    return [];
}

/** The last segment of a QOM path (`/machine/peripheral/cxl-dcd0` → `cxl-dcd0`). */
function pathName(path: string): string {
    const segments = path.split('/').filter(s => s.length > 0);
    return segments.at(-1) ?? '';
}

/** The event's time in ns: the log's timestamp, else 1 s per command. */
function eventTime(command: DcCommand, ordinal: number, hasTimestamps: boolean): number {
    return hasTimestamps ? command.timeNs ?? 0 : ordinal * 1e9;
}

/** One outcome as a short phrase: `accepted`, `refused misaligned`, … */
function outcomeText(outcome: string, reason: string | null): string {
    return reason ? `${outcome} ${reason}` : outcome;
}

/**
 * Turns a QMP log into a .dcdpolicy scenario (see the module comment for the rules).
 * @param text the log's text
 * @param options geometry, kernel, names, or an existing model to import into
 * @returns the text and what went into it; `events === 0` means nothing in the log was usable
 * @throws RangeError for options that cannot describe a QEMU device (static capacity or region
 *   length not a multiple of 256 MiB, max_extents < 1)
 */
export function importQmpLog(text: string, options: QmpImportOptions = {}): QmpImportResult {
    const staticCapacity = options.staticCapacity ?? 0;
    if (staticCapacity < 0 || staticCapacity % QEMU_REGION_GRANULE !== 0) throw new RangeError(`the static capacity must be a multiple of 256MiB (QEMU's DC base is 256MiB-aligned), not ${sizeLiteral(staticCapacity)}`);
    if (options.regionLength !== undefined && (options.regionLength <= 0 || options.regionLength % QEMU_REGION_GRANULE !== 0)) throw new RangeError(`the region length must be a positive multiple of 256MiB, not ${sizeLiteral(options.regionLength)}`);
    const maxExtents = options.maxExtents ?? QEMU_MAX_EXTENTS;
    if (!Number.isSafeInteger(maxExtents) || maxExtents < 1) throw new RangeError(`max_extents must be a positive integer, not ${maxExtents}`);

    const log = parseQmpLog(text);
    const issues = [...log.issues];
    const notes: QmpLogIssue[] = [];
    const model = options.model;
    const kernel = options.kernel ?? (model ? undefined : DEFAULT_KERNEL);

    // ---- names: devices, tags ------------------------------------------------------------
    const globalNames = new NameAllocator(model ? [
        ...model.hosts.map(h => h.name), ...model.devices.map(d => d.name), ...model.regions.map(r => r.name), ...Object.keys(model.tags),
    ] : []);
    const deviceNames = new Map<string, string>();
    const modelDevices = new Map((model?.devices ?? []).map(d => [d.name, d]));
    const plans: Planned[] = [];
    for (const command of log.commands) {
        const plan: Planned = { command, remarks: [] };
        plans.push(plan);
        if (command.reply?.kind === 'error') plan.reading = readQemuError(command.reply.desc);
        if (command.tag !== undefined && command.tag !== '' && !UUID_RE.test(command.tag)) {
            issues.push({ line: command.line, message: `tag '${command.tag.slice(0, 40)}' is not a UUID (QEMU reads the tag as one)` });
            plan.commentOnly = 'its tag is not a UUID';
            continue;
        }
        let device = deviceNames.get(command.path);
        if (device === undefined) {
            const wanted = sanitizeIdentifier(pathName(command.path), 'dcd');
            if (model) {
                device = modelDevices.has(wanted) ? wanted : (modelDevices.size === 1 && deviceNames.size === 0 ? [...modelDevices.keys()][0] : '');
                if (device === '') {
                    issues.push({ line: command.line, message: `the model has no device named '${wanted}' (from ${command.path})` });
                } else if (device !== wanted) {
                    notes.push({ line: command.line, message: `${command.path} is taken as the model's only device, ${device}` });
                }
            } else {
                device = globalNames.claim(wanted);
            }
            deviceNames.set(command.path, device);
        }
        if (device === '') {
            plan.commentOnly = 'its device is not in the model';
            continue;
        }
        plan.device = device;
        const reading = plan.reading;
        if (command.region >= MAX_DC_PARTITIONS) {
            plan.commentOnly = `QEMU has at most ${MAX_DC_PARTITIONS} DC regions (0-${MAX_DC_PARTITIONS - 1}): "region id is too large"`;
        } else if (reading?.deviceLevel) {
            plan.commentOnly = reading.reason === 'no-such-partition' ? 'QEMU has no such region' : 'QEMU could not use the device';
        } else if (command.reply?.kind === 'error' && reading?.reason === undefined) {
            plan.commentOnly = 'dcdpolicy has no reason code for this error';
        } else if (command.selectionPolicy !== undefined && command.selectionPolicy !== 'prescriptive') {
            plan.commentOnly = `selection policy ${command.selectionPolicy}: QEMU implements only prescriptive ("Selection policy not supported")`;
        } else if (command.extents.length === 0 && command.removalPolicy !== 'tag-based') {
            plan.commentOnly = 'it names no extents';
        } else if (command.removalPolicy === 'tag-based' && (command.tag === undefined || command.tag === '' || command.tag.toLowerCase() === NULL_UUID)) {
            plan.commentOnly = 'a tag-based removal without a tag cannot be written';
        }
        if (command.hostId !== 0) plan.remarks.push(`host-id ${command.hostId}: dcdpolicy models one host (QEMU sends host_id 0)`);
        if (command.removalPolicy === 'tag-based' && command.extents.length > 0) plan.remarks.push('the extents of this tag-based removal are left out: the device selects by tag');
        if (command.sanitizeOnRelease) plan.remarks.push('sanitize-on-release: true (a partition property in dcdpolicy, not a release option)');
    }

    const uuidToName = new Map<string, string>(Object.entries(model?.tags ?? {}).map(([name, uuid]) => [uuid, name]));
    const newTags: Array<[string, string]> = [];
    const tagName = (tag: string | undefined): string | null => {
        if (tag === undefined || tag === '') return null;
        const uuid = tag.toLowerCase();
        if (uuid === NULL_UUID) return null;
        let name = uuidToName.get(uuid);
        if (name === undefined) {
            name = globalNames.claim(`t_${uuid.slice(0, 8)}`);
            uuidToName.set(uuid, name);
            newTags.push([name, uuid]);
        }
        return name;
    };

    // ---- the devices' geometry (standalone) ------------------------------------------------
    const devices: DeviceConfig[] = [];
    const partitionOf = (device: string, region: number): PartitionConfig | undefined =>
        (model ? modelDevices.get(device) : devices.find(d => d.name === device))?.partitions.find(p => p.index === region);
    if (!model) {
        const regionsUsed = new Map<string, Map<number, number>>();
        for (const p of plans) {
            if (p.device === undefined || p.commentOnly) continue;
            const ends = regionsUsed.get(p.device) ?? new Map<number, number>();
            regionsUsed.set(p.device, ends);
            const end = Math.max(0, ...rangeCheckedExtents(p).map(e => e.offset + e.len));
            ends.set(p.command.region, Math.max(ends.get(p.command.region) ?? 0, end));
        }
        for (const [device, ends] of regionsUsed) {
            const count = Math.max(...ends.keys()) + 1;
            const partitions: PartitionConfig[] = [];
            let base = staticCapacity;
            for (let index = 0; index < count; index++) {
                const length = options.regionLength ?? Math.max(QEMU_REGION_GRANULE, roundUp(ends.get(index) ?? 0, QEMU_REGION_GRANULE));
                partitions.push({
                    id: `${device}.dc${index}`, device, name: `dc${index}`, index, base, length, blockSize: QEMU_BLOCK_SIZE,
                    decodeLength: length, sharable: false, sanitizeOnRelease: false,
                });
                base += length;
            }
            devices.push({ name: device, staticCapacity, maxExtents, model: 'qemu', partitions });
        }
    }
    for (const p of plans) {
        if (p.device === undefined || p.commentOnly) continue;
        const partition = partitionOf(p.device, p.command.region);
        if (!partition) {
            issues.push({ line: p.command.line, message: `the model's device ${p.device} has no DC partition ${p.command.region}` });
            p.commentOnly = `${p.device} has no DC partition ${p.command.region}`;
            continue;
        }
        if (p.reading?.reason === 'beyond-partition' && !model && options.regionLength === undefined
            && !p.command.extents.some(e => e.offset + e.len > partition.length)) {
            p.remarks.push(`QEMU found an extent beyond the region end, but every extent fits the ${sizeLiteral(partition.length)} inferred from the others: pass the real region length`);
        }
    }

    // ---- host, regions ---------------------------------------------------------------------
    let host: HostConfig;
    const regions: RegionConfig[] = [];
    if (model) {
        const named = options.host !== undefined ? model.hosts.find(h => h.name === options.host) : model.hosts[0];
        if (options.host !== undefined && !named) throw new RangeError(`the model has no host named '${options.host}'`);
        host = named ?? { name: '(none)', kernel: DEFAULT_KERNEL, memoryBlockSize: 128 * MiB, autoOnline: 'offline', memmapOnMemory: false, nodes: [] };
    } else {
        host = { name: globalNames.claim('qemu_host'), kernel: kernel!, memoryBlockSize: 128 * MiB, autoOnline: 'offline', memmapOnMemory: false, nodes: [] };
        for (const device of devices) {
            for (const partition of device.partitions) {
                regions.push({
                    name: globalNames.claim(`${device.name}_${partition.name}`), partition: partition.id, offset: 0, size: partition.length,
                    driver: 'dax', accept: host.kernel === 'dcd-v9' ? { kind: 'untagged' } : { kind: 'any' }, holder: 'exclusive',
                });
            }
        }
    }

    // ---- the text --------------------------------------------------------------------------
    const lines: string[] = [];
    const source = options.source ?? 'a QMP log';
    lines.push(`// Imported from ${source} by \`dcdpolicy import qmp\`: ${log.commands.length} DC command${log.commands.length === 1 ? '' : 's'}${log.hasTimestamps ? ', times from the log\'s timestamps' : ', 1 s apart (the log has no timestamps)'}.`);
    lines.push('// Expectations are what QEMU answered; "dcdpolicy:" comments are what the model predicts for the host.');
    if (!model) {
        lines.push('// QMP does not tell the device\'s geometry: static capacity ' + sizeLiteral(staticCapacity)
            + (options.regionLength !== undefined ? `, every region ${sizeLiteral(options.regionLength)}.` : '; each region is as long as its extents need, rounded up to 256MiB.'));
        lines.push('');
        lines.push(`host ${host.name} {`, `    kernel ${host.kernel}`, '}');
        for (const device of devices) {
            const path = [...deviceNames].find(([, name]) => name === device.name)?.[0] ?? device.name;
            lines.push('', `/** QEMU cxl-type3 device ${path.replace(/\*\//g, '*\\/')} (block size 2MiB, as QEMU). */`, `device ${device.name} {`);
            lines.push(`    static_capacity ${sizeLiteral(device.staticCapacity)}`, `    max_extents ${device.maxExtents}`, '    model qemu');
            for (const p of device.partitions) {
                lines.push(`    partition ${p.name} {`, `        base ${offsetLiteral(p.base)}`, `        length ${sizeLiteral(p.length)}`, `        block_size ${sizeLiteral(p.blockSize)}`, '    }');
            }
            lines.push('}');
        }
    }
    // Tags are named when events are written; their declarations go here.
    const tagLine = lines.length;
    if (!model) {
        for (const region of regions) {
            lines.push('', `region ${region.name} {`, `    partition ${region.partition}`, '    driver dax', `    accept ${region.accept!.kind}`, '}');
        }
    }

    const scenarioName = globalNames.claim(sanitizeIdentifier(options.scenarioName ?? 'qmp_log', 'qmp_log'));
    lines.push('', `scenario ${scenarioName} {`);
    if (model && host.name !== '(none)') lines.push(`    host ${host.name}`);
    if (model && kernel !== undefined) lines.push(`    kernel ${kernel}`);
    const scenarioKernel = kernel ?? host.kernel;

    const events: EventSpec[] = [];
    const expectations: ExpectationSpec[] = [];
    const eventLines: Array<{ plan: Planned; lineIndex: number; eventIndex: number }> = [];
    const labels = new NameAllocator();
    let ordinal = 0;
    for (const plan of plans) {
        const { command } = plan;
        const t = eventTime(command, ordinal, log.hasTimestamps);
        ordinal++;
        const word = command.execute === 'cxl-add-dynamic-capacity' ? 'add' : 'release';
        const label = labels.claim(`${word}_${ordinal}`);
        for (const remark of plan.remarks) lines.push(`    // ${remark}`);
        const replyText = command.reply?.kind === 'error' ? `QEMU: "${command.reply.desc.replace(/\s+/g, ' ').slice(0, 200)}"` : command.reply ? 'QEMU: ok' : 'no reply in the log';
        if (plan.commentOnly || plan.device === undefined) {
            lines.push(`    // log line ${command.line}: ${command.execute} region ${command.region} not imported: ${plan.commentOnly ?? 'unusable'}; ${replyText}`);
            continue;
        }
        const partition = partitionOf(plan.device, command.region)!;
        const tag = tagName(command.tag);
        const tagText = tag === null ? 'untagged' : `tag ${tag}`;
        const extents = command.extents.map(e => ({ offset: e.offset, length: e.len, seq: 0 }));
        const extentsText = extents.length === 1
            ? `extent ${offsetLiteral(extents[0].offset)} size ${sizeLiteral(extents[0].length)}`
            : `extents { ${extents.map(e => `${offsetLiteral(e.offset)} size ${sizeLiteral(e.length)}`).join(', ')} }`;
        const uuid = tag === null ? null : command.tag!.toLowerCase();
        let action: ActionSpec;
        let actionText: string;
        if (word === 'add') {
            action = { kind: 'add', partition: partition.id, tag: uuid, extents, more: false, list: extents.length !== 1 };
            actionText = `add ${partition.id} ${tagText} ${extentsText}`;
        } else if (command.removalPolicy === 'tag-based') {
            action = { kind: 'release', partition: partition.id, tag: uuid, extents: [], forced: command.forcedRemoval === true, tagBased: true };
            actionText = `release ${partition.id} ${tagText}${command.forcedRemoval ? ' forced' : ''}`;
        } else {
            action = { kind: 'release', partition: partition.id, tag: uuid, extents, forced: command.forcedRemoval === true, tagBased: false };
            actionText = `release ${partition.id} ${tagText} ${extentsText}${command.forcedRemoval ? ' forced' : ''}`;
        }
        lines.push(`    at ${durationLiteral(t)} ${actionText} as ${label}`);
        const eventIndex = events.length;
        events.push({ index: eventIndex, tNs: t, line: lines.length, label, action });
        eventLines.push({ plan, lineIndex: lines.length - 1, eventIndex });
        if (plan.reading?.reason) {
            expectations.push({
                line: 0, text: `expect ${label} refused ${plan.reading.reason}`,
                claim: { kind: 'event', label, outcome: 'refused', reason: plan.reading.reason },
            });
        }
    }
    if (expectations.length > 0) {
        lines.push('', '    // What QEMU answered.');
        for (const e of expectations) {
            lines.push(`    ${e.text}`);
            e.line = lines.length;
        }
    }
    lines.push('}');
    if (newTags.length > 0) {
        const declarations = ['', ...newTags.map(([name, uuid]) => `tag ${name} = ${uuid}`)];
        lines.splice(tagLine, 0, ...declarations);
        for (const e of events) e.line += declarations.length;
        for (const e of expectations) e.line += declarations.length;
        for (const e of eventLines) e.lineIndex += declarations.length;
    }

    // ---- the model's prediction --------------------------------------------------------------
    const world: World = model
        ? { ...model, tags: { ...model.tags, ...Object.fromEntries(newTags) } }
        : { hosts: [host], devices, regions, tags: Object.fromEntries(newTags) };
    const scenario: ScenarioSpec = { name: scenarioName, line: 0, host, kernel: scenarioKernel, events, expectations };
    let result: ScenarioResult | undefined;
    if (events.length > 0) {
        try {
            result = simulateScenario(world, scenario);
        } catch (error) {
            notes.push({ line: 0, message: `the model could not simulate the scenario: ${(error as Error).message}` });
        }
    }
    for (const { plan, lineIndex, eventIndex } of eventLines) {
        const { command } = plan;
        const predicted = result?.events[eventIndex];
        const qemu = command.reply?.kind === 'error' ? `QEMU: ${plan.reading?.reason ?? 'error'}` : command.reply ? 'QEMU: ok' : 'QEMU: no reply in the log';
        lines[lineIndex] += predicted ? `   // ${qemu} · dcdpolicy: ${outcomeText(predicted.outcome, predicted.reason)}` : `   // ${qemu}`;
        if (!predicted || !command.reply) continue;
        const modelRefused = predicted.outcome === 'refused';
        if (command.reply.kind === 'return' && modelRefused) {
            notes.push({ line: command.line, message: `QEMU accepted this ${command.execute} but the model refuses it (${predicted.reason}): is the device's geometry right?` });
        } else if (command.reply.kind === 'error' && plan.reading?.reason && (!modelRefused || predicted.reason !== plan.reading.reason)) {
            notes.push({ line: command.line, message: `QEMU refused this ${command.execute} (${plan.reading.reason}) but the model predicts ${outcomeText(predicted.outcome, predicted.reason)}` });
        }
    }
    let body = lines.join('\n') + '\n';
    if (model) body = body.replace(/^\n+/, '');
    return { text: body, issues, notes, events: events.length, expectations: expectations.length, world, scenario, result };
}
