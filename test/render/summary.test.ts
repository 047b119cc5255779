import { describe, expect, it } from 'vitest';
import type { EventResult, ScenarioResult } from '../../language/model/types.js';
import { summaryLine } from '../../language/render/index.js';
import { chainTimeout, specExample, specExampleFailing, zeroExtents } from './fixtures.js';

function event(index: number, outcome: EventResult['outcome']): EventResult {
    return { index, label: null, t_ns: index * 1e9, line: 10 + index, action: 'add', outcome, reason: null, errno: null, detail: '' };
}

describe('summaryLine (LANGUAGE.md §9)', () => {
    it('reads as the code lens example', () => {
        const result: ScenarioResult = {
            name: 's', kernel: 'dcd-v11', host: 'h', extents: [], regions: [], dax: [],
            // Out of order on purpose: the counts come in the fixed outcome order.
            events: [event(0, 'rejected'), event(1, 'accepted'), event(2, 'accepted'), event(3, 'accepted')],
            expectations: [
                { line: 20, text: 'expect a accepted', passed: true, actual: 'accepted' },
                { line: 21, text: 'expect b rejected', passed: true, actual: 'rejected' }
            ]
        };
        expect(summaryLine(result)).toBe('✓ 4 events · 3 accepted · 1 rejected · 2/2 expectations');
    });
    it('counts every outcome present, in a fixed order', () => {
        expect(summaryLine(specExample())).toBe('✓ 4 events · 1 accepted · 1 rejected · 1 released · 1 failed · 6/6 expectations');
        expect(summaryLine(chainTimeout())).toBe('✗ 6 events · 1 accepted · 2 rejected · 1 refused · 1 deferred · 1 ok · 5/6 expectations');
    });
    it('is ✗ when an expectation fails', () => {
        expect(summaryLine(specExampleFailing())).toBe('✗ 4 events · 1 accepted · 1 rejected · 1 failed · 1 partial · 4/6 expectations');
    });
    it('handles one event, one expectation, none at all', () => {
        expect(summaryLine(zeroExtents())).toBe('✓ 3 events · 2 ok · 1 failed · 1/1 expectation');
        const empty: ScenarioResult = { name: 's', kernel: 'dcd-v9', host: 'h', events: [], extents: [], regions: [], dax: [], expectations: [] };
        expect(summaryLine(empty)).toBe('✓ 0 events · no expectations');
        expect(summaryLine({ ...empty, events: [event(0, 'ok')] })).toBe('✓ 1 event · 1 ok · no expectations');
    });
});
