/**
 * Scenario checks: the host a scenario runs on, the timeline, and every outcome of an FM or host
 * request that is certain without simulating (LANGUAGE.md §3, §4, §5.1).
 */
import type { AstNode, ValidationAcceptor } from 'langium';
import {
    isAddAction, isAllocAction, isCreateDaxAction, isDestroyRegionAction, isEvent, isEventExpectation, isExpectation,
    isExtentExpectation, isFreeAction, isOfflineAction, isOnlineAction, isPinAction, isRegionExpectation, isReleaseAction,
    isScenarioHost, isScenarioKernel, isSurpriseRemoveAction, isUnpinAction,
    type AddAction, type CreateDaxAction, type Event, type EventExpectation, type ExtentExpectation, type ExtentSpec, type Partition, type Region, type ReleaseAction,
    type Scenario, type ScenarioKernel
} from '../generated/ast.js';
import { parseDuration } from '../literals.js';
import {
    checkAddRequest, checkReleaseRequest, errnoOf, profileRules,
    type DeviceRefusal, type HostConfig, type KernelProfile, type Refusal
} from '../model/index.js';
import { lineOf } from '../translate/lines.js';
import { actionSpec, scenarioHost } from '../translate/scenario.js';
import { partitionId } from '../translate/world.js';
import {
    POLICY_UNSUPPORTED_BY_KERNEL, SCENARIO_ACTION_WRONG_DRIVER, SCENARIO_AFTER_SURPRISE_REMOVE, SCENARIO_BEYOND_PARTITION,
    SCENARIO_CLAIM_UNSUPPORTED, SCENARIO_EVENTS_OUT_OF_ORDER, SCENARIO_EXTENT_BELOW_MEMORY_BLOCK, SCENARIO_HOST_MISSING,
    SCENARIO_MISALIGNED, SCENARIO_NO_HOST, SCENARIO_OPEN_MORE_CHAIN, SCENARIO_OVERLAP_IN_REQUEST, SCENARIO_RELEASE_NOTHING,
    SCENARIO_SEQ_ON_NONSHARABLE, SCENARIO_SEQ_OUT_OF_RANGE, SCENARIO_UNSUPPORTED_POLICY, SCENARIO_UNTAGGED_ON_SHARABLE,
    SCENARIO_UUID_CLAIM_NOT_ZERO, SCENARIO_ZERO_LENGTH
} from './codes.js';
import { kernelProblems } from './profile-support.js';
import { countValue, exactValue, hex, listWords, rangesOverlap, size, where } from './util.js';
import type { PartitionInfo, RegionInfo, WorkspaceView, WorkspaceViews } from './workspace-view.js';

/** `shared_extn_seq` is an le16. @see DOMAIN.md §1.2 */
export const MAX_SEQ = 0xffff;

/** A scenario check that needs the workspace. */
type ScenarioCheck = (scenario: Scenario, accept: ValidationAcceptor) => void;

/** The events of a scenario in source order. */
function events(scenario: Scenario): Event[] {
    return scenario.members.filter(isEvent);
}

/** The events in the order they run: by time, then source order (LANGUAGE.md §3). */
export function timeline(scenario: Scenario): Event[] {
    return events(scenario)
        .map((e, i) => ({ e, i, t: parseDuration(e.time) ?? 0 }))
        .sort((a, b) => a.t - b.t || a.i - b.i)
        .map(x => x.e);
}

/** The profile a scenario runs under: its `kernel` override, else its host's. */
export function scenarioKernel(scenario: Scenario, view: WorkspaceView): { kernel: KernelProfile; host: HostConfig } {
    const cached = kernels.get(scenario);
    if (cached?.view === view) return cached.value;
    const host = scenarioHost(scenario, view.world);
    const value = { kernel: scenario.members.find(isScenarioKernel)?.profile ?? host.kernel, host };
    kernels.set(scenario, { view, value });
    return value;
}

/** `scenarioKernel` per scenario and workspace view: checks ask it once per event. */
const kernels = new WeakMap<Scenario, { view: WorkspaceView; value: { kernel: KernelProfile; host: HostConfig } }>();

/** A scenario's expectations indexed by what they are about, built once per scenario. */
interface ExpectationIndex {
    byEvent: Map<Event, EventExpectation[]>;
    byPartition: Map<Partition, ExtentExpectation[]>;
}
const expectationIndexes = new WeakMap<Scenario, ExpectationIndex>();

function expectationIndex(scenario: Scenario): ExpectationIndex {
    let index = expectationIndexes.get(scenario);
    if (!index) {
        index = { byEvent: new Map(), byPartition: new Map() };
        for (const member of scenario.members) {
            if (!isExpectation(member)) continue;
            const body = member.body;
            if (isEventExpectation(body) && body.event?.ref) {
                const list = index.byEvent.get(body.event.ref) ?? [];
                list.push(body);
                index.byEvent.set(body.event.ref, list);
            } else if (isExtentExpectation(body) && body.partition?.ref) {
                const list = index.byPartition.get(body.partition.ref) ?? [];
                list.push(body);
                index.byPartition.set(body.partition.ref, list);
            }
        }
        expectationIndexes.set(scenario, index);
    }
    return index;
}

/**
 * Does the scenario expect this outcome of the event (so a diagnostic predicting it would only
 * repeat the test)? `expect LABEL <outcome> [REASON]` with no reason or a matching one, or
 * `expect extent P@O <outcome> [REASON]` on one of the event's extents.
 * @param reason the reason the check predicts; an expectation naming it, its errno or no reason counts
 */
export function outcomeIsExpected(event: Event, outcomes: readonly string[], reason?: string, extents: readonly ExtentSpec[] = []): boolean {
    const index = expectationIndex(event.$container);
    const partition = isAddAction(event.action) || isReleaseAction(event.action) ? event.action.partition?.ref : undefined;
    // As the simulator matches: the reason itself or its errno (LANGUAGE.md §3.3).
    const reasonOk = (r: string | undefined) => r === undefined || reason === undefined || r === reason || r === errnoOf(reason);
    for (const body of index.byEvent.get(event) ?? []) {
        if (outcomes.includes(body.outcome) && reasonOk(body.reason)) return true;
    }
    if (!partition) return false;
    for (const body of index.byPartition.get(partition) ?? []) {
        if (outcomes.includes(body.state) && reasonOk(body.reason) && extents.some(e => exactValue(e.offset) === exactValue(body.offset))) return true;
    }
    return false;
}

/**
 * A scenario names its host when the workspace has more than one.
 * @see LANGUAGE.md §3 ("host … required when the workspace has more than one host")
 */
export const scenarioMustNameAHostWhenThereAreSeveral = (views: WorkspaceViews): ScenarioCheck => (scenario, accept) => {
    const view = views.get(scenario);
    if (view.hosts.length < 2 || scenario.members.some(isScenarioHost)) return;
    accept('error', `the workspace has ${view.hosts.length} hosts (${listWords(view.hosts.map(h => h.config.name))}); say which one scenario ${scenario.name} runs on: add \`host ${view.hosts[0].config.name}\``, {
        node: scenario, property: 'name', code: SCENARIO_HOST_MISSING
    });
};

/** Without any host the scenario runs on an implicit dcd-v11 host with 128 MiB blocks (warning). @see LANGUAGE.md §2, §4 */
export const scenarioShouldHaveAHost = (views: WorkspaceViews): ScenarioCheck => (scenario, accept) => {
    const view = views.get(scenario);
    if (view.hosts.length > 0) return;
    accept('warning', `the workspace declares no host, so scenario ${scenario.name} runs on an implicit dcd-v11 host with 128MiB memory blocks; declare one: \`host h0 { kernel dcd-v11 }\``, {
        node: scenario, property: 'name', code: SCENARIO_NO_HOST
    });
};

/** Events run in time order whatever their order in the file; one written out of order is flagged (warning). @see LANGUAGE.md §3 */
export function eventsShouldBeWrittenInTimeOrder(scenario: Scenario, accept: ValidationAcceptor): void {
    let latest: { t: number; event: Event } | undefined;
    for (const event of events(scenario)) {
        const t = parseDuration(event.time);
        if (t === undefined) continue;
        if (latest && t < latest.t) {
            accept('warning', `this event at ${event.time} is written after one at ${latest.event.time} (line ${lineOf(latest.event)}); events run in time order, so it runs first: move it up`, {
                node: event, property: 'time', code: SCENARIO_EVENTS_OUT_OF_ORDER
            });
        }
        if (!latest || t >= latest.t) latest = { t, event };
    }
}

/** FM requests to a device after its surprise removal reach nothing (warning). @see DOMAIN.md §10 */
export function requestsShouldNotFollowTheDeviceRemoval(scenario: Scenario, accept: ValidationAcceptor): void {
    const removed = new Map<AstNode, Event>();
    for (const event of timeline(scenario)) {
        const action = event.action;
        if (isSurpriseRemoveAction(action) && action.device?.ref) {
            if (!removed.has(action.device.ref)) removed.set(action.device.ref, event);
            continue;
        }
        if (!isAddAction(action) && !isReleaseAction(action)) continue;
        const device = action.partition?.ref?.$container;
        const gone = device ? removed.get(device) : undefined;
        if (!gone) continue;
        accept('warning', `device ${device?.name} was surprise-removed at ${gone.time} (line ${lineOf(gone)}), so this request reaches nothing; move it before the removal or remove it`, {
            node: event, property: 'time', code: SCENARIO_AFTER_SURPRISE_REMOVE
        });
    }
}

/** The §5.1 refusals a `model qemu` device makes statically, each with its diagnostic code. */
const REFUSAL_CODES: Readonly<Partial<Record<DeviceRefusal, string>>> = {
    'zero-length': SCENARIO_ZERO_LENGTH, misaligned: SCENARIO_MISALIGNED, 'beyond-partition': SCENARIO_BEYOND_PARTITION,
    'overlap-in-request': SCENARIO_OVERLAP_IN_REQUEST, 'unsupported-policy': SCENARIO_UNSUPPORTED_POLICY
    // no-such-partition (a partition past the 8th) is reported on the device: partition/too-many.
};

/** Is an `unsupported-policy` refusal about forced removal (rather than tag-based removal)? */
function forcedRefusal(refusal: Refusal): boolean {
    return /forced/i.test(refusal.message);
}

/** What to do about each refusal. */
function refusalFix(refusal: Refusal, extent: ExtentSpec | undefined, partition: Partition, view: WorkspaceView): string {
    const info = view.partitions.get(partition);
    const block = info?.config.blockSize ?? 0;
    const length = info?.config.length ?? 0;
    switch (refusal.reason) {
        case 'zero-length': return 'give the extent a length (a multiple of the block size)';
        case 'misaligned': return `offsets and lengths must be multiples of the block size ${size(block)}`;
        case 'beyond-partition': {
            const o = exactValue(extent?.offset) ?? 0;
            return `partition ${info?.config.id} is ${size(length)} long: end the extent at or before ${hex(length)}${o < length ? ` (size ${size(length - o)})` : ''}`;
        }
        case 'overlap-in-request': return 'give every extent of one request its own DPA range';
        case 'unsupported-policy': return forcedRefusal(refusal)
            ? 'QEMU does not support forced removal: drop `forced` or use a `model cxl_test` device'
            : 'QEMU supports only prescriptive removal: name the extents (`extent O size S`) or use a `model cxl_test` device';
        default: return 'see LANGUAGE.md §5.1';
    }
}

/**
 * The refusal a `model qemu` device makes of this request without any device state, if any:
 * the model's `checkAddRequest` / `checkReleaseRequest` (the rule lives there).
 */
export function staticRefusal(action: AddAction | ReleaseAction, info: PartitionInfo): Refusal | undefined {
    const spec = actionSpec(action);
    if (spec.kind === 'add') return checkAddRequest(info.config, info.device, spec.extents);
    if (spec.kind === 'release') return checkReleaseRequest(info.config, info.device, spec.extents, { forced: spec.forced, tagBased: spec.tagBased });
    return undefined;
}

/**
 * Every §5.1 refusal a `model qemu` device makes that is visible without simulating (zero
 * length, misalignment, beyond the partition, overlap inside the request, unsupported removal
 * policy). Warnings, since a scenario may test refusals; none when the scenario expects the
 * event (or the extent) to be refused for that reason. QEMU stops at the first failing check,
 * so a request gets at most one.
 * @see LANGUAGE.md §3.1, §5.1; DOMAIN.md §2.2 (`qmp_cxl_process_dynamic_capacity_prescriptive`)
 */
export const requestsShouldPassTheDeviceChecks = (views: WorkspaceViews) => (event: Event, accept: ValidationAcceptor): void => {
    const action = event.action;
    if (!isAddAction(action) && !isReleaseAction(action)) return;
    const partition = action.partition?.ref;
    if (!partition) return;
    const view = views.get(event);
    const info = view.partitions.get(partition);
    if (!info || info.device.model !== 'qemu') return;
    if (action.extents.some(e => exactValue(e.offset) === undefined || exactValue(e.size) === undefined)) return;
    const refusal = staticRefusal(action, info);
    const code = refusal ? REFUSAL_CODES[refusal.reason] : undefined;
    if (!refusal || !code) return;
    const extent = refusal.extentIndex === undefined ? undefined : action.extents[refusal.extentIndex];
    if (outcomeIsExpected(event, ['refused'], refusal.reason, extent ? [extent] : action.extents)) return;
    const target: { node: AstNode; property?: never; keyword?: string } = extent
        ? { node: extent }
        : refusal.reason !== 'unsupported-policy' ? { node: action }
            : forcedRefusal(refusal) ? { node: action, keyword: 'forced' } : { node: action, property: 'tag' as never };
    const testIt = event.name ? `add \`expect ${event.name} refused ${refusal.reason}\`` : `label the event (\`as L\`) and add \`expect L refused ${refusal.reason}\``;
    accept('warning', `device ${info.device.name} (model qemu) refuses this ${isAddAction(action) ? 'add' : 'release'} request: ${refusal.reason} ("${refusal.message}"); ${refusalFix(refusal, extent, partition, view)} — or, if the refusal is the point, ${testIt}`, {
        ...target, code
    });
};

/** A release names extents or a tag (tag-based removal); `release P` alone releases nothing. @see LANGUAGE.md §3.1 */
export function releaseMustNameSomething(action: ReleaseAction, accept: ValidationAcceptor): void {
    if (action.extents.length > 0 || action.tag !== undefined) return;
    accept('error', `this release names no extent and no tag; write \`extent O size S\`, \`extents { … }\`, or \`tag T\` for a tag-based removal`, {
        node: action, keyword: 'release', code: SCENARIO_RELEASE_NOTHING
    });
}

/** The regions of the workspace whose decoded range overlaps [offset, offset+length) of a partition. */
function regionsAt(view: WorkspaceView, partition: Partition, offset: number, length: number): RegionInfo[] {
    return (view.regionsByPartition.get(partition) ?? []).filter(r => rangesOverlap(offset, length, r.config.offset, r.config.size));
}

/**
 * An extent offered to a sysram region is hot-added in whole memory blocks: one smaller than a
 * memory block can be accepted but never onlined (warning).
 * @see LANGUAGE.md §4 host memory rules, §6; DOMAIN.md §5, §7
 */
export const sysramExtentsShouldHoldAMemoryBlock = (views: WorkspaceViews) => (action: AddAction, accept: ValidationAcceptor): void => {
    const partition = action.partition?.ref;
    if (!partition) return;
    const view = views.get(action);
    const { host } = scenarioKernel(action.$container.$container, view);
    for (const extent of action.extents) {
        const offset = exactValue(extent.offset), length = exactValue(extent.size);
        if (offset === undefined || length === undefined || length === 0 || length >= host.memoryBlockSize) continue;
        const sysram = regionsAt(view, partition, offset, length).filter(r => r.config.driver === 'sysram');
        if (sysram.length === 0) continue;
        accept('warning', `extent ${hex(offset)} size ${size(length)} goes to sysram region ${listWords(sysram.map(r => r.node.name))}, but it is smaller than one memory block (${size(host.memoryBlockSize)} on host ${host.name}), so it can never be onlined; offer at least ${size(host.memoryBlockSize)}`, {
            node: extent, property: 'size', code: SCENARIO_EXTENT_BELOW_MEMORY_BLOCK
        });
    }
};

/** Every `seq` of an add request, with where it is written. */
function seqs(action: AddAction): Array<{ node: AstNode; text: string }> {
    const out: Array<{ node: AstNode; text: string }> = [];
    if (action.seq !== undefined) out.push({ node: action, text: action.seq });
    for (const e of action.extents) if (e.seq !== undefined) out.push({ node: e, text: e.seq });
    return out;
}

/**
 * `shared_extn_seq` is reserved outside sharable partitions: the host rejects a non-zero one
 * (`seq-on-nonsharable`) and a zero one means nothing (warning).
 * @see DOMAIN.md §1.2, §3.2 rule 2
 */
export function seqBelongsToSharablePartitions(action: AddAction, accept: ValidationAcceptor): void {
    const partition = action.partition?.ref;
    if (!partition || partition.properties.some(p => p.$type === 'SharableSetting' && (p as { value?: string }).value === 'true')) return;
    if (outcomeIsExpected(action.$container, ['rejected', 'partial'], 'seq-on-nonsharable', action.extents)) return;
    for (const { node, text } of seqs(action)) {
        const value = exactValue(text);
        const consequence = value === 0 ? 'it has no effect' : 'the host rejects the extent (seq-on-nonsharable)';
        accept('warning', `partition ${partitionId(partition)} is not sharable, where shared_extn_seq is reserved: ${consequence}; remove \`seq\` or make the partition \`sharable true\``, {
            node, property: 'seq' as never, code: SCENARIO_SEQ_ON_NONSHARABLE
        });
    }
}

/** `shared_extn_seq` is an le16: 0..65535. @see DOMAIN.md §1.2 */
export function seqMustFitSixteenBits(action: AddAction, accept: ValidationAcceptor): void {
    for (const { node, text } of seqs(action)) {
        const value = countValue(text);
        if (value === undefined || value <= MAX_SEQ) continue;
        accept('error', `seq ${text} does not fit shared_extn_seq, a 16-bit field; use 0..${MAX_SEQ} (a sharable allocation of n extents uses 0..n-1)`, {
            node, property: 'seq' as never, code: SCENARIO_SEQ_OUT_OF_RANGE
        });
    }
}

/** A sharable partition needs a tag on every extent: the host rejects untagged ones (warning). @see DOMAIN.md §3.2 rule 2 */
export function untaggedExtentsShouldNotGoToSharablePartitions(action: AddAction, accept: ValidationAcceptor): void {
    const partition = action.partition?.ref;
    if (!partition || action.tag !== undefined) return;
    const sharable = partition.properties.some(p => p.$type === 'SharableSetting' && (p as { value?: string }).value === 'true');
    if (!sharable || outcomeIsExpected(action.$container, ['rejected'], 'untagged-on-sharable', action.extents)) return;
    accept('warning', `partition ${partitionId(partition)} is sharable, where the host rejects every untagged extent (untagged-on-sharable); add \`tag T\` to the request`, {
        node: action, property: 'partition', code: SCENARIO_UNTAGGED_ON_SHARABLE
    });
}

/**
 * A DAX claim the scenario's kernel cannot make: by size only on dcd-v9 (sparse DAX), by uuid
 * only on dcd-v11 and sysram-rfc. Warning, since a scenario may test the failure; none when it
 * expects the event to fail.
 * @see LANGUAGE.md §3.2, §4 ("DAX claim"); DOMAIN.md §3.4, §3.7
 */
export const daxClaimMustBeSupportedByTheKernel = (views: WorkspaceViews) => (action: CreateDaxAction, accept: ValidationAcceptor): void => {
    const view = views.get(action);
    const { kernel } = scenarioKernel(action.$container.$container, view);
    const by = action.size !== undefined ? 'size' : 'uuid';
    const rules = profileRules(kernel);
    const claims = [...(rules.claimBySize ? ['size'] : []), ...(rules.claimByUuid ? ['uuid'] : [])];
    if (claims.includes(by) || outcomeIsExpected(action.$container, ['failed'])) return;
    const fix = by === 'size'
        ? 'claim by tag: `uuid T` (or `uuid 0` for one untagged extent)'
        : 'claim by size: `size S` (dcd-v9 DAX devices are sparse and sized)';
    accept('warning', `kernel ${kernel} cannot create a DAX device by ${by} (it claims by ${listWords(claims, 'or')} only), so this fails; ${fix}`, {
        node: action, keyword: by, code: SCENARIO_CLAIM_UNSUPPORTED
    });
};

/** `create_dax … uuid N`: the only number allowed is 0, the null uuid (`daxctl --uuid 0`). @see LANGUAGE.md §3.2; DOMAIN.md §3.4 */
export function uuidClaimMustBeZero(action: CreateDaxAction, accept: ValidationAcceptor): void {
    if (action.zero === undefined) return;
    const value = countValue(action.zero);
    if (value === 0 || value === undefined) return;
    accept('error', `\`uuid ${action.zero}\` is not a uuid; write \`uuid 0\` (claims one untagged extent) or \`uuid T\` with a tag name or uuid`, {
        node: action, property: 'zero', code: SCENARIO_UUID_CLAIM_NOT_ZERO
    });
}

/** The region a host action acts on, and the driver it needs. */
function hostActionNeeds(event: Event): { region: Region; needs: 'dax' | 'sysram'; word: string } | undefined {
    const a = event.action;
    if (isCreateDaxAction(a) && a.region?.ref) return { region: a.region.ref, needs: 'dax', word: 'create_dax' };
    if (isAllocAction(a) && a.region?.ref) return { region: a.region.ref, needs: 'sysram', word: 'alloc unmovable' };
    if (isPinAction(a) && a.region?.ref) return { region: a.region.ref, needs: 'sysram', word: 'pin' };
    if (isUnpinAction(a) && a.region?.ref) return { region: a.region.ref, needs: 'sysram', word: 'unpin' };
    if (isFreeAction(a) && a.region?.ref) return { region: a.region.ref, needs: 'sysram', word: 'free' };
    if (isOfflineAction(a) && a.region?.ref) return { region: a.region.ref, needs: 'sysram', word: 'offline' };
    if (isOnlineAction(a) && a.region?.ref) return { region: a.region.ref, needs: 'sysram', word: 'online' };
    return undefined;
}

/**
 * Host actions act on the memory a driver makes: `create_dax` needs a dax region; allocations,
 * pins, offline and online need sysram (system RAM) — otherwise the action has nothing to act on
 * (warning).
 * @see LANGUAGE.md §3.2
 */
export const hostActionsShouldMatchTheRegionDriver = (views: WorkspaceViews) => (event: Event, accept: ValidationAcceptor): void => {
    const need = hostActionNeeds(event);
    if (!need) return;
    const info = views.get(event).regionByNode.get(need.region);
    const driver = info?.node.properties.find(p => p.$type === 'DriverSetting') as { driver?: string } | undefined;
    if (!info || !driver?.driver || driver.driver === need.needs || outcomeIsExpected(event, ['failed'])) return;
    accept('warning', `\`${need.word}\` needs a ${need.needs} region, and region ${need.region.name} uses driver ${driver.driver}, so there is nothing to act on; name a ${need.needs} region`, {
        node: event.action, property: 'region' as never, code: SCENARIO_ACTION_WRONG_DRIVER
    });
};

/** The regions a scenario touches: named by host actions or expectations, or decoding DPA its requests name. */
export function regionsTouched(scenario: Scenario, view: WorkspaceView): RegionInfo[] {
    const touched = new Set<RegionInfo>();
    const add = (r: Region | undefined) => { const info = r ? view.regionByNode.get(r) : undefined; if (info) touched.add(info); };
    for (const member of scenario.members) {
        if (isEvent(member)) {
            const a = member.action;
            const need = hostActionNeeds(member);
            if (need) add(need.region);
            if (isDestroyRegionAction(a)) add(a.region?.ref);
            if ((isAddAction(a) || isReleaseAction(a)) && a.partition?.ref) {
                const partition = a.partition.ref;
                if (a.extents.length === 0) (view.regionsByPartition.get(partition) ?? []).forEach(r => touched.add(r));
                for (const e of a.extents) {
                    const o = exactValue(e.offset), l = exactValue(e.size);
                    if (o !== undefined && l !== undefined) regionsAt(view, partition, o, l).forEach(r => touched.add(r));
                }
            }
            if (isSurpriseRemoveAction(a) && a.device?.ref) {
                const device = a.device.ref;
                view.regions.filter(r => r.partition?.node.$container === device).forEach(r => touched.add(r));
            }
        } else if (isExpectation(member) && isRegionExpectation(member.body)) add(member.body.region?.ref);
    }
    return [...touched];
}

/**
 * A scenario's `kernel` override is judged for the regions the scenario touches, with the error
 * on the override (the regions themselves are judged under their hosts' kernels).
 * @see LANGUAGE.md §4
 */
export const kernelOverrideMustSupportTheRegionsItTouches = (views: WorkspaceViews) => (clause: ScenarioKernel, accept: ValidationAcceptor): void => {
    const scenario = clause.$container;
    if (scenario.members.find(isScenarioKernel) !== clause) return;
    const view = views.get(clause);
    const host = scenarioHost(scenario, view.world);
    if (view.hosts.length > 0 && host.kernel === clause.profile) return; // the regions report it themselves
    const problems = regionsTouched(scenario, view).flatMap(info =>
        kernelProblems(info, clause.profile).map(p => `region ${info.node.name} (${where(info.node, clause)}) uses ${p.what}: ${p.fix}`));
    if (problems.length === 0) return;
    accept('error', `kernel ${clause.profile} cannot express what this scenario uses: ${problems.join('; ')}`, {
        node: clause, property: 'profile', code: POLICY_UNSUPPORTED_BY_KERNEL
    });
};

/**
 * A More chain closes with an add record without `more` on the same device; when the last add
 * to a device keeps `more`, the chain never closes: dcd-v11 and sysram-rfc refuse every staged
 * extent after the 20 s watchdog (`chain-timeout`), dcd-v9 never answers (warning; none when the
 * scenario has an expectation about an event of that chain, i.e. tests it).
 * @see LANGUAGE.md §3.1 (`more`), §4 (More chain staging); DOMAIN.md §1.4, §3.1
 */
export function moreChainsShouldClose(scenario: Scenario, accept: ValidationAcceptor): void {
    const chains = new Map<AstNode, Event[]>();
    for (const event of timeline(scenario)) {
        const action = event.action;
        const device = isAddAction(action) ? action.partition?.ref?.$container : undefined;
        if (!device || !isAddAction(action)) continue;
        // `more` exists only on the single-extent form; the `extents { … }` form closes itself.
        chains.set(device, action.more ? [...chains.get(device) ?? [], event] : []);
    }
    const tested = new Set<AstNode>();
    for (const member of scenario.members) {
        if (isExpectation(member) && isEventExpectation(member.body) && member.body.event?.ref) tested.add(member.body.event.ref);
    }
    for (const [device, chain] of chains) {
        const last = chain.at(-1);
        if (!last || chain.some(e => tested.has(e)) || !isAddAction(last.action)) continue;
        accept('warning', `this More chain to device ${(device as { name?: string }).name} never closes: no later add to it comes without \`more\`, so the host only stages ${chain.length === 1 ? 'this extent' : `these ${chain.length} extents`}: dcd-v11 and sysram-rfc refuse them when the 20 s watchdog fires (chain-timeout), dcd-v9 never answers; drop \`more\` here, or expect the outcome`, {
            node: last.action, keyword: 'more', code: SCENARIO_OPEN_MORE_CHAIN
        });
    }
}
