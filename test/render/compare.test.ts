import { describe, expect, it } from 'vitest';
import type { ScenarioResult } from '../../language/model/types.js';
import { renderCompareText } from '../../language/render/index.js';
import { chainTimeout, specExample, specExampleFailing } from './fixtures.js';

// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;]*m/g;

/** The spec example under dcd-v9 (partial release), dcd-v11 (stray accepted) and sysram-rfc. */
function threeProfiles(): ScenarioResult[] {
    const v9 = specExampleFailing();
    const v11 = specExample();
    v11.kernel = 'dcd-v11';
    v11.events[1] = { ...v11.events[1]!, outcome: 'accepted', reason: null };
    v11.expectations[1] = { ...v11.expectations[1]!, passed: false, actual: 'accepted' };
    return [v9, v11, specExample()];
}

describe('renderCompareText', () => {
    const text = renderCompareText(threeProfiles());
    const lines = text.split('\n');
    const row = (needle: string): string => {
        const line = lines.find(l => l.includes(needle));
        expect(line, `no row with ${needle}`).toBeDefined();
        return line!;
    };

    it('has a column per profile, headed by the kernel name, in the order given', () => {
        expect(lines[0]).toBe('scenario tagged_pool_grows · host lab01 · 3 kernel profiles');
        const header = lines.find(l => l.includes('dcd-v9'))!;
        expect(header.trim().split(/\s+/)).toEqual(['dcd-v9', 'dcd-v11', 'sysram-rfc']);
    });

    it('aligns every cell under its profile header', () => {
        const header = lines.find(l => l.includes('dcd-v9'))!;
        const cols = ['dcd-v9', 'dcd-v11', 'sysram-rfc'].map(k => header.indexOf(k));
        const stray = row('L40');
        expect(stray.indexOf('rejected untagged-not-accepted')).toBe(cols[0]);
        expect(stray.indexOf('accepted', cols[1]!)).toBe(cols[1]);
        expect(stray.lastIndexOf('rejected untagged-not-accepted')).toBe(cols[2]);
        const shrink = row('L42');
        expect(shrink.slice(cols[0]!).trim().split(/\s+/)).toEqual(['partial', 'released', 'released']);
        expect(shrink.indexOf('partial')).toBe(cols[0]);
        expect(row('line 49').indexOf('✗ actual 128MiB')).toBe(cols[0]);
        expect(row('line 49').indexOf('✓')).toBe(cols[1]);
    });

    it('has a row per event in time order with each outcome, ≠ where profiles differ', () => {
        const events = lines.filter(l => /L\d+/.test(l));
        expect(events.map(l => l.match(/L(\d+)/)![1])).toEqual(['39', '40', '41', '42']);
        expect(row('L39')).toMatch(/^ {2,}0s\s+L39\s+add\s+grow\s+accepted\s+accepted\s+accepted$/);
        expect(row('L40')).toMatch(/^≠/);
        expect(row('L41')).toMatch(/failed ENOMEM\s+failed ENOMEM\s+failed ENOMEM$/);
        expect(row('L41')).not.toMatch(/^≠/);
    });

    it('has a row per expectation with ✓/✗ per profile', () => {
        expect(row('line 44  expect grow accepted')).toMatch(/✓\s+✓\s+✓$/);
        expect(row('line 45')).toMatch(/^≠.*✓\s+✗ actual accepted\s+✓$/);
        expect(row('line 48')).toMatch(/✗ actual partial\s+✓\s+✓$/);
    });

    it('shows the final accepted and online bytes per region, and a summary', () => {
        expect(row('pool0 accepted')).toMatch(/^≠\s+pool0 accepted\s+128MiB\s+0B\s+0B$/);
        expect(lines.find(l => /^≠\s+pool0 online/.test(l))).toMatch(/pool0 online\s+128MiB\s+0B\s+0B$/);
        expect(row('expectations passed')).toMatch(/✗ 4\/6 expectations\s+✗ 5\/6 expectations\s+✓ 6\/6 expectations$/);
    });

    it('colours on request without moving anything', () => {
        expect(text).not.toMatch(ANSI);
        const coloured = renderCompareText(threeProfiles(), { color: true });
        expect(coloured).toMatch(ANSI);
        expect(coloured.replace(ANSI, '')).toBe(text);
    });

    it('copes with one profile, different events, and none', () => {
        const one = renderCompareText([chainTimeout()]);
        expect(one).toContain('1 kernel profile');
        expect(one).toMatch(/25s\s+L17\s+release\s+drop\s+deferred EBUSY/);
        const short = specExample();
        short.events = short.events.slice(0, 2);
        expect(renderCompareText([specExample(), short]).split('\n').find(l => l.includes('L42'))).toMatch(/released\s+—$/);
        expect(renderCompareText([])).toBe('no results to compare\n');
    });
});
