/**
 * Expectation checks: reasons are codes of LANGUAGE.md §5 and fit their predicate, predicates
 * fit their subject, and the subject exists when the expectation is checked (LANGUAGE.md §3.3).
 */
import type { ValidationAcceptor } from 'langium';
import {
    isAddAction, isEvent, isReleaseAction, isSurpriseRemoveAction,
    type Action, type EventExpectation, type Expectation, type ExtentExpectation, type RegionExpectation
} from '../generated/ast.js';
import { parseDuration } from '../literals.js';
import { lineOf } from '../translate/lines.js';
import {
    EXPECT_BEFORE_EVENT, EXPECT_PREDICATE_NOT_VALID, EXPECT_REASON_NOT_ALLOWED, EXPECT_UNKNOWN_EXTENT, EXPECT_UNKNOWN_REASON
} from './codes.js';
import { DEVICE_REFUSALS, HOST_REJECTIONS, REASON_CODES, isErrnoName, isReasonCode } from '../model/index.js';
import { closest, exactValue, hex, listWords } from './util.js';

/** The action word of an event, as §3.1–§3.2 write it. */
function actionWord(action: Action): string {
    switch (action.$type) {
        case 'AddAction': return 'add';
        case 'ReleaseAction': return 'release';
        case 'SurpriseRemoveAction': return 'surprise_remove';
        case 'AllocAction': return 'alloc';
        case 'UnloadAction': return 'unload';
        case 'LoadAction': return 'load';
        default: return action.$type.replace(/Action$/, '').replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
    }
}

/**
 * The outcomes an event of each kind can have (LANGUAGE.md §3.3): an add is accepted, rejected,
 * refused, partial, or ignored (nothing offered; a More chain that never closes); a release is
 * released, deferred, ignored, acknowledged, refused or failed; everything else (surprise
 * removal and host actions) is ok or failed.
 */
export function outcomesOf(action: Action): readonly string[] {
    if (isAddAction(action)) return ['accepted', 'rejected', 'refused', 'partial', 'ignored'];
    if (isReleaseAction(action)) return ['released', 'deferred', 'ignored', 'acknowledged', 'refused', 'failed'];
    if (isSurpriseRemoveAction(action)) return ['ok', 'failed'];
    return ['ok', 'failed'];
}

/**
 * A reason is a code of LANGUAGE.md §5 or an errno name; the message offers the closest codes
 * and the diagnostic's data the best one (`{ code, replacement }`) for a quick fix.
 * @see LANGUAGE.md §5
 */
export function reasonsMustBeKnown(body: EventExpectation | ExtentExpectation, accept: ValidationAcceptor): void {
    const reason = body.reason;
    if (reason === undefined || isReasonCode(reason)) return;
    const near = closest(reason, REASON_CODES);
    accept('error', `${reason} is not a reason code of LANGUAGE.md §5 nor an errno name; did you mean ${listWords(near.map(n => `\`${n}\``), 'or')}?`, {
        node: body, property: 'reason', code: EXPECT_UNKNOWN_REASON, data: { code: EXPECT_UNKNOWN_REASON, replacement: near[0] }
    });
}

/**
 * A reason fits its predicate (the simulator matches it against the event's reason or errno):
 * `refused` takes a device refusal (§5.1: QEMU refusals carry no errno), `rejected` a host
 * rejection (§5.2) or an errno name, `ok` and `released` none; on an extent, `rejected` and
 * `refused` likewise. Warning: such an expectation can never hold as written.
 * @see LANGUAGE.md §3.3, §5
 */
export function reasonsMustFitThePredicate(body: EventExpectation | ExtentExpectation, accept: ValidationAcceptor): void {
    const reason = body.reason;
    if (reason === undefined || !isReasonCode(reason)) return;
    const predicate = body.$type === 'EventExpectation' ? body.outcome : body.state;
    if (!predicate) return;
    const refusal = (DEVICE_REFUSALS as readonly string[]).includes(reason);
    const rejection = (HOST_REJECTIONS as readonly string[]).includes(reason);
    const errno = body.$type === 'EventExpectation' && isErrnoName(reason);
    let problem: string | undefined;
    if (predicate === 'refused' && !refusal) {
        problem = `\`refused\` takes a device refusal (LANGUAGE.md §5.1), and ${reason} is not one; ${rejection ? `write \`rejected ${reason}\`` : `write \`failed ${reason}\``}`;
    } else if (predicate === 'rejected' && !rejection && !errno) {
        problem = `\`rejected\` takes a host rejection (LANGUAGE.md §5.2)${body.$type === 'EventExpectation' ? ' or an errno name' : ''}, and ${reason} is not one; ${refusal ? `write \`refused ${reason}\`` : `write \`failed ${reason}\``}`;
    } else if (predicate === 'ok' || predicate === 'released') {
        problem = `\`${predicate}\` carries no reason, so this never holds; remove ${reason}, or expect \`failed ${reason}\``;
    }
    if (!problem) return;
    accept('warning', problem, { node: body, property: 'reason', code: EXPECT_REASON_NOT_ALLOWED });
}

/**
 * The predicate is one the event can have (`released` on an add never holds).
 * @see LANGUAGE.md §3.3
 */
export function eventPredicateMustSuitTheAction(body: EventExpectation, accept: ValidationAcceptor): void {
    const event = body.event?.ref;
    if (!event || !isEvent(event) || !event.action || !body.outcome) return;
    const allowed = outcomesOf(event.action);
    if (allowed.includes(body.outcome)) return;
    accept('warning', `${event.name} is ${/^[aeiou]/.test(actionWord(event.action)) ? 'an' : 'a'} ${actionWord(event.action)} event (line ${lineOf(event)}), which is never \`${body.outcome}\`; expect one of ${listWords(allowed.map(a => `\`${a}\``), 'or')}`, {
        node: body, property: 'outcome', code: EXPECT_PREDICATE_NOT_VALID
    });
}

/** `zone` and `node` describe onlined system RAM, so they hold only for sysram regions (warning). @see LANGUAGE.md §3.3 */
export function regionPredicateMustSuitTheDriver(body: RegionExpectation, accept: ValidationAcceptor): void {
    if (body.property !== 'zone' && body.property !== 'node') return;
    const region = body.region?.ref;
    const driver = region?.properties.find(p => p.$type === 'DriverSetting') as { driver?: string } | undefined;
    if (!region || !driver?.driver || driver.driver === 'sysram') return;
    accept('warning', `region ${region.name} uses driver ${driver.driver}, which onlines no system RAM, so \`${body.property}\` never holds; expect \`extents N\` or \`accepted S\`, or make the region sysram`, {
        node: body, property: 'property', code: EXPECT_PREDICATE_NOT_VALID
    });
}

/**
 * `expect at T LABEL …` is checked at T: before the labelled event runs it cannot hold (warning).
 * @see LANGUAGE.md §3.3
 */
export function expectationShouldNotPrecedeItsEvent(expectation: Expectation, accept: ValidationAcceptor): void {
    const body = expectation.body;
    if (expectation.time === undefined || body?.$type !== 'EventExpectation') return;
    const event = body.event?.ref;
    const at = parseDuration(expectation.time), t = event ? parseDuration(event.time) : undefined;
    if (!event || at === undefined || t === undefined || at >= t) return;
    accept('warning', `this is checked at ${expectation.time}, before ${event.name} runs at ${event.time} (line ${lineOf(event)}); use \`expect at ${event.time}\` or later, or drop \`at\``, {
        node: expectation, property: 'time', code: EXPECT_BEFORE_EVENT
    });
}

/**
 * `expect extent P@O` names an extent some add of the scenario offers at offset O of P; any
 * other extent never exists (warning).
 * @see LANGUAGE.md §3.3
 */
export function extentExpectationsShouldNameAnOfferedExtent(body: ExtentExpectation, accept: ValidationAcceptor): void {
    const partition = body.partition?.ref;
    const offset = exactValue(body.offset);
    if (!partition || offset === undefined) return;
    const scenario = body.$container?.$container;
    if (!scenario) return;
    const offered = scenario.members.filter(isEvent).flatMap(e =>
        isAddAction(e.action) && e.action.partition?.ref === partition ? e.action.extents.map(x => exactValue(x.offset)) : []);
    if (offered.includes(offset)) return;
    const known = [...new Set(offered.filter((o): o is number => o !== undefined))].map(hex);
    const hint = known.length > 0 ? `the scenario offers ${listWords(known.slice(0, 5))}${known.length > 5 ? ', …' : ''} there` : 'no add of the scenario offers anything on it';
    accept('warning', `no add of scenario ${scenario.name} offers an extent at ${body.partition.$refText}@${hex(offset)} (${hint}); name the offset an extent starts at`, {
        node: body, property: 'offset', code: EXPECT_UNKNOWN_EXTENT
    });
}
