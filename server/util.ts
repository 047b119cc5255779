/**
 * Small helpers of the server: yielding to the event loop, hashing scenario text, and the
 * scenario ↔ result correspondence (which AST node a result entry belongs to).
 */
import type { AstNode } from 'langium';
import { isEvent, isExpectation, type Event, type Expectation, type Scenario } from '../language/generated/ast.js';

/**
 * Lets the connection read and dispatch what has arrived (a `$/cancelRequest`, a `didChange`)
 * before a synchronous step: two macrotask hops, so a message read in this loop turn is
 * dispatched before the caller continues.
 */
export async function yieldToEventLoop(): Promise<void> {
    const hop = typeof setImmediate === 'function'
        ? () => new Promise<void>(resolve => setImmediate(resolve))
        : () => new Promise<void>(resolve => setTimeout(resolve, 0));
    await hop();
    await hop();
}

const fingerprints = new WeakMap<AstNode, number>();

/**
 * A 32-bit FNV-1a hash of a node's source text with whitespace runs collapsed: results stay
 * attached to a scenario while its text is unchanged (reformatting keeps them too).
 */
export function fingerprint(node: AstNode): number {
    let hash = fingerprints.get(node);
    if (hash === undefined) {
        const text = node.$cstNode?.text ?? '';
        hash = 0x811c9dc5;
        let space = false;
        for (let i = 0; i < text.length; i++) {
            let c = text.charCodeAt(i);
            const ws = c === 32 || c === 9 || c === 10 || c === 13;
            if (ws) {
                if (space) continue;
                space = true;
                c = 32;
            } else space = false;
            hash ^= c;
            hash = Math.imul(hash, 0x01000193) >>> 0;
        }
        fingerprints.set(node, hash);
    }
    return hash;
}

/**
 * The events of a scenario in the order of `ScenarioResult.events` (source order, events the
 * parser left without an action skipped, as `buildScenario` does).
 */
export function resultEvents(scenario: Scenario): Event[] {
    return scenario.members.filter(isEvent).filter(e => e.action !== undefined);
}

/** The expectations of a scenario in the order of `ScenarioResult.expectations`. */
export function resultExpectations(scenario: Scenario): Expectation[] {
    return scenario.members.filter(isExpectation).filter(e => e.body !== undefined);
}
