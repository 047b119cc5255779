import { GrammarUtils } from 'langium';
import {
    isAddAction, isAllocAction, isCreateDaxAction, isDaxExpectation, isDestroyDaxAction, isDestroyRegionAction,
    isEvent, isEventExpectation, isExpectation, isExtentExpectation, isFreeAction, isFsExpectation, isLoadAction, isMountAction,
    isOfflineAction, isOnlineAction, isPinAction, isReleaseAction, isScenarioHost, isScenarioKernel,
    isSurpriseRemoveAction, isUmountAction, isUnloadAction, isUnpinAction,
    type Action, type Event, type Expectation, type ExpectationBody, type ExtentSpec, type Scenario
} from '../generated/ast.js';
import { numberValue, parseDuration } from '../literals.js';
import {
    DEFAULT_KERNEL,
    type ActionSpec, type EventSpec, type ExpectationClaim, type ExpectationSpec, type ExtentRequest,
    type HostConfig, type ScenarioSpec, type World
} from '../model/types.js';
import { lineOf, textOf } from './lines.js';
import { partitionRefId, tagUuid } from './world.js';

/** The host a scenario runs on when the workspace declares none (validation reports `scenario/no-host`). */
export const IMPLICIT_HOST: HostConfig = {
    name: '(none)', kernel: DEFAULT_KERNEL, memoryBlockSize: 128 * 1024 * 1024,
    autoOnline: 'offline', memmapOnMemory: false, nodes: []
};

/** The name a cross-reference points at (its text when it does not resolve). */
function refName(ref: { ref?: { name?: string }; $refText: string } | undefined): string {
    return ref?.ref?.name ?? ref?.$refText ?? '';
}

function extentRequest(spec: ExtentSpec, seq?: string): ExtentRequest {
    return { offset: numberValue(spec.offset), length: numberValue(spec.size), seq: numberValue(spec.seq ?? seq) };
}

/** Translates one action of LANGUAGE.md §3.1–§3.2. */
export function actionSpec(action: Action): ActionSpec {
    if (isAddAction(action)) {
        const list = GrammarUtils.findNodeForKeyword(action.$cstNode, 'extents') !== undefined;
        return {
            kind: 'add', partition: partitionRefId(action.partition), tag: action.untagged ? null : tagUuid(action.tag),
            extents: action.extents.map(e => extentRequest(e, action.seq)), more: action.more, list
        };
    }
    if (isReleaseAction(action)) {
        return {
            kind: 'release', partition: partitionRefId(action.partition), tag: action.untagged ? null : tagUuid(action.tag),
            extents: action.extents.map(e => extentRequest(e)), forced: action.forced,
            tagBased: action.extents.length === 0 && action.tag !== undefined
        };
    }
    if (isSurpriseRemoveAction(action)) return { kind: 'surprise_remove', device: refName(action.device) };
    if (isCreateDaxAction(action)) {
        const claim = action.size !== undefined
            ? { by: 'size' as const, size: numberValue(action.size) }
            : { by: 'uuid' as const, tag: action.untagged || action.zero !== undefined ? null : tagUuid(action.tag) };
        return { kind: 'create_dax', name: action.name, region: refName(action.region), claim };
    }
    if (isDestroyDaxAction(action)) return { kind: 'destroy_dax', name: refName(action.dax) };
    if (isMountAction(action)) return { kind: 'mount', fs: action.name, dax: refName(action.dax) };
    if (isUmountAction(action)) return { kind: 'umount', fs: refName(action.fs) };
    if (isAllocAction(action)) return { kind: 'alloc_unmovable', region: refName(action.region), size: numberValue(action.size) };
    if (isPinAction(action)) return { kind: 'pin', region: refName(action.region), size: numberValue(action.size) };
    if (isUnpinAction(action)) return { kind: 'unpin', region: refName(action.region) };
    if (isFreeAction(action)) return { kind: 'free', region: refName(action.region) };
    if (isOfflineAction(action)) return { kind: 'offline', region: refName(action.region) };
    if (isOnlineAction(action)) return { kind: 'online', region: refName(action.region), zone: action.zone };
    if (isDestroyRegionAction(action)) return { kind: 'destroy_region', region: refName(action.region) };
    if (isUnloadAction(action)) return { kind: 'unload_dax_cxl' };
    if (isLoadAction(action)) return { kind: 'load_dax_cxl' };
    throw new Error(`unknown action ${(action as { $type: string }).$type}`);
}

/** Translates an expectation's subject and predicate (LANGUAGE.md §3.3). */
export function expectationClaim(body: ExpectationBody): ExpectationClaim {
    if (isEventExpectation(body)) return { kind: 'event', label: refName(body.event), outcome: body.outcome, reason: body.reason };
    if (isExtentExpectation(body)) {
        return { kind: 'extent', partition: partitionRefId(body.partition), offset: numberValue(body.offset), state: body.state, reason: body.reason };
    }
    if (isDaxExpectation(body)) {
        const name = refName(body.dax);
        if (body.property === 'size') return { kind: 'dax', name, property: 'size', value: numberValue(body.value) };
        if (body.property === 'absent') return { kind: 'dax', name, property: 'absent' };
        return { kind: 'dax', name, property: 'holder', holder: body.holderNone ? null : refName(body.holder) };
    }
    if (isFsExpectation(body)) {
        return { kind: 'fs', fs: refName(body.fs), notified: !body.not };
    }
    const region = refName(body.region);
    if (body.property === 'zone') return { kind: 'region', region, property: 'zone', zone: body.zone ?? 'movable' };
    if (body.property === 'node') return { kind: 'region', region, property: 'node', nodeState: body.nodeState ?? 'N_MEMORY' };
    return { kind: 'region', region, property: body.property as 'extents' | 'accepted' | 'online' | 'memmap', value: numberValue(body.value) };
}

/** Translates one `at T action [as L]` event; `index` is its source order in the scenario. */
export function eventSpec(event: Event, index: number): EventSpec {
    return { index, tNs: parseDuration(event.time) ?? 0, line: lineOf(event), label: event.name, action: actionSpec(event.action) };
}

/** Translates one `expect …` line. */
export function expectationSpec(expectation: Expectation): ExpectationSpec {
    return {
        line: lineOf(expectation), text: textOf(expectation),
        atNs: expectation.time === undefined ? undefined : parseDuration(expectation.time),
        claim: expectationClaim(expectation.body)
    };
}

/**
 * The host a scenario runs on: its `host` clause, else the workspace's only host, else the
 * first host, else an implicit dcd-v11 host (the validator reports the last two cases).
 */
export function scenarioHost(scenario: Scenario, world: World): HostConfig {
    const clause = scenario.members.find(isScenarioHost);
    const name = clause?.host?.ref?.name ?? clause?.host?.$refText;
    return world.hosts.find(h => h.name === name) ?? world.hosts[0] ?? IMPLICIT_HOST;
}

/**
 * Translates a scenario into what the simulator plays.
 * @param scenario the AST node; actions with unresolved references still translate (by name)
 * @param world the workspace model from `buildWorld`
 * @param kernelOverride a profile given on the command line (`--kernel`), which wins over the file
 */
export function buildScenario(scenario: Scenario, world: World, kernelOverride?: ScenarioSpec['kernel']): ScenarioSpec {
    const host = scenarioHost(scenario, world);
    const kernel = kernelOverride ?? scenario.members.find(isScenarioKernel)?.profile ?? host.kernel;
    // A broken file may leave an event without its action or an expectation without its body:
    // those are skipped (the parser has reported them).
    const events = scenario.members.filter(isEvent).filter(e => e.action !== undefined).map((e, i) => eventSpec(e, i));
    const expectations = scenario.members.filter(isExpectation).filter(e => e.body !== undefined).map(expectationSpec);
    return { name: scenario.name, line: lineOf(scenario), host, kernel, events, expectations };
}
