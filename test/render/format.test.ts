import { describe, expect, it } from 'vitest';
import {
    formatHex, formatOutcome, formatPath, formatTag, formatTick, niceStep, timeAxis
} from '../../language/render/format.js';
import { POOL_TAG } from './fixtures.js';

// formatSize and formatDuration are the model's (test/model/format.test.ts).

describe('tags, offsets, outcomes, paths', () => {
    it('shortens tags, names them when it can, and says untagged', () => {
        expect(formatTag(POOL_TAG)).toBe('tag 5be13bce…');
        expect(formatTag(POOL_TAG, { [POOL_TAG]: 'pool' })).toBe('tag pool');
        expect(formatTag(null)).toBe('untagged');
        expect(formatTag('00000000-0000-0000-0000-000000000000')).toBe('untagged');
    });
    it('prints offsets in hex', () => {
        expect(formatHex(0x8000000)).toBe('0x8000000');
        expect(formatHex(0)).toBe('0x0');
    });
    it('words outcomes as expectations do', () => {
        expect(formatOutcome({ outcome: 'accepted', reason: null, errno: null })).toBe('accepted');
        expect(formatOutcome({ outcome: 'rejected', reason: 'tag-mismatch', errno: null })).toBe('rejected tag-mismatch');
        expect(formatOutcome({ outcome: 'failed', reason: null, errno: 'ENOMEM' })).toBe('failed ENOMEM');
        expect(formatOutcome({ outcome: 'failed', reason: 'offline-busy', errno: 'EBUSY' })).toBe('failed offline-busy (EBUSY)');
        expect(formatOutcome({ outcome: 'failed', reason: 'ENOMEM', errno: 'ENOMEM' })).toBe('failed ENOMEM');
    });
    it('shows a path with times only where they change', () => {
        expect(formatPath([
            { t_ns: 0, state: 'staged' }, { t_ns: 0, state: 'accepted' },
            { t_ns: 0, state: 'online', zone: 'movable', node_state: 'N_MEMORY_PRIVATE' }, { t_ns: 10e9, state: 'released' }
        ])).toBe('0s staged ▸ accepted ▸ online movable N_MEMORY_PRIVATE ▸ 10s released');
    });
});

describe('time axis', () => {
    it('ends past the last time, on a tick, with nice steps', () => {
        const axis = timeAxis(10e9, 10);
        expect(axis.endNs).toBeGreaterThan(10e9);
        expect(axis.ticks[0]).toBe(0);
        expect(axis.ticks[axis.ticks.length - 1]).toBe(axis.endNs);
        expect(axis.ticks.map(t => formatTick(t, axis))).toEqual(['0s', '2s', '4s', '6s', '8s', '10s', '12s']);
    });
    it('labels short ranges in ms', () => {
        const axis = timeAxis(20e6, 5);
        expect(axis.ticks.map(t => formatTick(t, axis))).toEqual(['0ms', '5ms', '10ms', '15ms', '20ms', '25ms']);
    });
    it('draws a zero range', () => {
        const axis = timeAxis(0, 10);
        expect(axis.ticks).toEqual([0]);
        expect(axis.endNs).toBeGreaterThan(0);
    });
    it('steps through 1, 2, 2.5, 5 (whole nanoseconds)', () => {
        expect([0.5, 1, 1.1e9, 2.2e9, 2.6e9, 6e6, 11, 2.2].map(niceStep)).toEqual([1, 1, 2e9, 2.5e9, 5e9, 1e7, 20, 5]);
    });
});
