import { describe, expect, it } from 'vitest';
import { renderTextTimeline } from '../../language/render/index.js';
import { chainTimeout, manyExtents, nastyText, specExample, specExampleFailing, TAGS, zeroExtents } from './fixtures.js';

// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;]*m/g;
const lines = (text: string): string[] => text.split('\n');
/** The line after the first line that contains `needle`. */
function after(text: string, needle: string, offset = 1): string {
    const all = lines(text);
    const i = all.findIndex(l => l.includes(needle));
    expect(i, `no line with ${needle}`).toBeGreaterThanOrEqual(0);
    return all[i + offset] ?? '';
}

describe('renderTextTimeline', () => {
    const text = renderTextTimeline(specExample(), { tags: TAGS });

    it('starts with the scenario, kernel profile and host', () => {
        expect(lines(text)[0]).toBe('scenario tagged_pool_grows · kernel sysram-rfc · host lab01');
    });

    it('lists the events in time order with outcome, reason and detail', () => {
        const shuffled = specExample();
        shuffled.events.reverse();
        const t = renderTextTimeline(shuffled);
        const heads = lines(t).filter(l => l.includes('→'));
        expect(heads.map(l => l.trim().replace(/\s+/g, ' '))).toEqual([
            '0s L39 add grow → accepted',
            '1s L40 add stray → rejected untagged-not-accepted',
            '2s L41 alloc kalloc → failed ENOMEM',
            '10s L42 release shrink → released'
        ]);
        expect(after(t, 'L40')).toContain('untagged extent 0x10000000 size 128MiB');
    });

    it('draws one lane per extent with its id, size, tag, region and states in order', () => {
        const lane0 = lines(text).find(l => l.includes('mem0.dc0@0x0 '))!;
        expect(lane0).toMatch(/mem0\.dc0@0x0\s+128MiB\s+tag pool\s+pool0\s+█+│ released$/);
        expect(after(text, 'mem0.dc0@0x0 ').trim()).toBe('0s staged ▸ accepted ▸ online movable N_MEMORY_PRIVATE ▸ 10s released');
        expect(after(text, 'mem0.dc0@0x8000000').trim()).toBe('0s staged ▸ accepted ▸ online movable N_MEMORY_PRIVATE ▸ 10s released');
        const stray = lines(text).find(l => l.includes('mem0.dc0@0x10000000'))!;
        expect(stray).toMatch(/128MiB\s+untagged\s+pool0\s+✗ rejected untagged-not-accepted$/);
        expect(after(text, 'mem0.dc0@0x10000000').trim()).toBe('1s staged ▸ rejected untagged-not-accepted');
    });

    it('puts the bar on a shared time axis labelled in seconds', () => {
        const axisLabels = after(text, 'Extents (3)');
        expect(axisLabels.trim().split(/\s+/)).toEqual(['0s', '2.5s', '5s', '7.5s', '10s', '12.5s']);
        const ticks = after(text, 'Extents (3)', 2);
        expect(ticks.trim()).toMatch(/^├[─┼]+┤$/);
        // The released mark of 10s sits under the 10s label.
        const lane0 = lines(text).find(l => l.includes('mem0.dc0@0x0 '))!;
        expect(lane0.indexOf('│')).toBe(axisLabels.indexOf('10s'));
        // The event marks: ▼ for an accepted/released event, ✗ for rejected/failed ones.
        expect(after(text, 'Extents (3)', 3)).toMatch(/^ {2}events\s+▼\s+✗\s+✗\s+▼$/);
    });

    it('shows the tag uuid in short form without names', () => {
        expect(renderTextTimeline(specExample())).toContain('tag 5be13bce…');
    });

    it('reports regions and DAX devices', () => {
        expect(text).toMatch(/pool0\s+0\s+0B\s+0B\s+movable\s+N_MEMORY_PRIVATE\s+0B/);
        const chain = renderTextTimeline(chainTimeout());
        expect(chain).toMatch(/r0\s+1\s+128MiB\s+0B\s+—\s+—\s+0B/);
        expect(chain).toMatch(/DAX devices \(1\)\n.*\n {2}d0\s+r0\s+128MiB\s+none\s+active/);
    });

    it('marks expectations ✓ and ✗ with the actual value, and ends with the summary', () => {
        expect(text).toContain('✓ line 44  expect grow accepted');
        const failing = renderTextTimeline(specExampleFailing());
        expect(failing).toContain('✗ line 48  expect shrink released  (actual: partial)');
        expect(failing).toContain('✗ line 49  expect region pool0 online 0B  (actual: 128MiB)');
        expect(failing).toContain('✓ line 47  expect at 2s region pool0 online 256MiB');
        expect(lines(failing.trimEnd()).pop()).toBe('✗ 4 events · 1 accepted · 1 rejected · 1 failed · 1 partial · 4/6 expectations');
        expect(lines(text.trimEnd()).pop()).toBe('✓ 4 events · 1 accepted · 1 rejected · 1 released · 1 failed · 6/6 expectations');
    });

    it('shows a chain timeout, a refusal and a deferred release', () => {
        const t = renderTextTimeline(chainTimeout(), { tags: TAGS });
        expect(after(t, 'mem0.dc0@0x0 ').trim()).toBe('0s staged ▸ 20.02s rejected chain-timeout');
        expect(after(t, 'mem0.dc0@0x8000000').trim()).toBe('20ms staged ▸ 20.02s rejected chain-timeout');
        expect(after(t, 'mem0.dc0@0x0#2').trim()).toBe('21s staged ▸ accepted ▸ claimed');
        expect(after(t, 'mem0.dc0@0x100000').trim()).toBe('22s refused misaligned');
        expect(lines(t).find(l => l.includes('mem0.dc0@0x0 '))).toMatch(/░+✗ rejected/);
        expect(lines(t).find(l => l.includes('mem0.dc0@0x0#2'))).toMatch(/▓+$/);
        expect(lines(t).find(l => l.includes('mem0.dc0@0x100000'))).toContain('⊘');
        expect(t).toMatch(/20ms\s+L13\s+add\s+open2\s+→ rejected chain-timeout/);
        expect(t).toMatch(/25s\s+L17\s+release\s+drop\s+→ deferred EBUSY/);
        expect(t).toMatch(/22s\s+L16\s+add\s+odd\s+→ refused misaligned/);
    });

    it('draws events only, with a note, when there are no extents (and a zero time range)', () => {
        const t = renderTextTimeline(zeroExtents());
        expect(t).toContain('Extents (0)\n  no extents: no capacity was offered to the host');
        expect(t).toMatch(/0s\s+L10\s+create_dax\s+mk\s+→ failed no-match \(ENOENT\)/);
        expect(t).not.toContain('NaN');
    });

    it('draws a zero time range', () => {
        const r = specExample();
        for (const e of r.events) e.t_ns = 0;
        for (const x of r.extents) for (const p of x.timeline) p.t_ns = 0;
        const t = renderTextTimeline(r);
        expect(t).not.toContain('NaN');
        expect(after(t, 'Extents (3)').trim()).toBe('0s');
        expect(after(t, 'mem0.dc0@0x0 ').trim()).toBe('0s staged ▸ accepted ▸ online movable N_MEMORY_PRIVATE ▸ released');
    });

    it('caps the lanes', () => {
        const t = renderTextTimeline(manyExtents(500));
        expect(lines(t).filter(l => /^ {2}mem0\.dc0@0x/.test(l))).toHaveLength(200);
        expect(t).toContain('… +300 more extents not drawn');
        expect(renderTextTimeline(manyExtents(10), { maxLanes: 3 })).toContain('… +7 more extents not drawn');
    });

    it('fits the width (all but the summary line, which is never broken)', () => {
        for (const width of [60, 80, 100, 140]) {
            for (const r of [specExample(), chainTimeout(), zeroExtents(), manyExtents(20), specExampleFailing()]) {
                const t = renderTextTimeline(r, { width, tags: TAGS });
                const longest = Math.max(...lines(t.trimEnd()).slice(0, -1).map(l => [...l].length));
                expect(longest, `${r.name} at ${width}`).toBeLessThanOrEqual(width);
            }
        }
    });

    it('colours only when asked, without changing the text', () => {
        expect(text).not.toMatch(ANSI);
        const coloured = renderTextTimeline(specExampleFailing(), { color: true, tags: TAGS });
        expect(coloured).toMatch(ANSI);
        expect(coloured).toContain('\x1b[31m✗\x1b[0m');
        expect(coloured.replace(ANSI, '')).toBe(renderTextTimeline(specExampleFailing(), { tags: TAGS }));
    });

    it('prints names as they are (no escaping in text)', () => {
        const t = renderTextTimeline(nastyText());
        expect(t).toContain('scenario a<b & "c" · kernel sysram-rfc · host h<1>');
        expect(t).toContain('(actual: <none> & "x")');
    });
});
