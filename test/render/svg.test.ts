import { mkdirSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ScenarioResult } from '../../language/model/types.js';
import { EXTENT_STATES, renderSvgTimeline, STATE_COLORS } from '../../language/render/index.js';
import { chainTimeout, manyExtents, nastyText, specExample, specExampleFailing, TAGS, zeroExtents } from './fixtures.js';
import { allElements, parseXml, textContent, type XmlElement } from './xml.js';

const OUT = 'test-results/render';

function render(result: ScenarioResult, options: Parameters<typeof renderSvgTimeline>[1] = {}): { svg: string; root: XmlElement; all: XmlElement[] } {
    const svg = renderSvgTimeline(result, options);
    const root = parseXml(svg);
    return { svg, root, all: allElements(root) };
}

/** Lane groups, segment rects (bars and marks) and event marker groups. */
const lanesOf = (all: XmlElement[]) => all.filter(e => e.name === 'g' && 'data-extent' in e.attrs);
const segmentsOf = (lane: XmlElement) => lane.children.filter(e => e.name === 'rect' && 'data-state' in e.attrs);
const markersOf = (all: XmlElement[]) => all.filter(e => e.name === 'g' && 'data-line' in e.attrs && e.children.some(c => c.name === 'line'));
const titleOf = (e: XmlElement) => e.children.find(c => c.name === 'title');

describe('renderSvgTimeline', () => {
    it('writes samples to look at', () => {
        mkdirSync(OUT, { recursive: true });
        const samples: Record<string, ScenarioResult> = {
            'spec-example': specExample(), 'spec-example-failing': specExampleFailing(), 'chain-timeout': chainTimeout(),
            'zero-extents': zeroExtents(), 'many-extents': manyExtents(300), 'escaping': nastyText()
        };
        for (const [name, result] of Object.entries(samples)) {
            for (const theme of ['light', 'dark'] as const) {
                const svg = renderSvgTimeline(result, { theme, tags: TAGS });
                parseXml(svg);
                writeFileSync(`${OUT}/${name}-${theme}.svg`, svg);
            }
        }
    });

    it('is well-formed, self-contained SVG that a strict CSP allows', () => {
        for (const result of [specExample(), specExampleFailing(), chainTimeout(), zeroExtents(), manyExtents(250), nastyText()]) {
            for (const theme of ['light', 'dark'] as const) {
                const { svg, root, all } = render(result, { theme });
                expect(root.name).toBe('svg');
                expect(root.attrs.xmlns).toBe('http://www.w3.org/2000/svg');
                expect(root.attrs.viewBox).toBe(`0 0 ${root.attrs.width} ${root.attrs.height}`);
                expect(Number(root.attrs.height)).toBeGreaterThan(100);
                expect(all.map(e => e.name)).not.toContain('style');
                expect(all.map(e => e.name)).not.toContain('script');
                expect(all.map(e => e.name)).not.toContain('foreignObject');
                expect(all.filter(e => 'style' in e.attrs || 'href' in e.attrs || 'xlink:href' in e.attrs || 'class' in e.attrs)).toEqual([]);
                expect(all.filter(e => Object.keys(e.attrs).some(a => a.startsWith('on')))).toEqual([]);
                expect(svg).not.toMatch(/url\(|@import|https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
                expect(svg).not.toContain('NaN');
                expect(svg).not.toContain('undefined');
            }
        }
    });

    it('has one lane per extent, labelled with id, size and tag', () => {
        const { all } = render(specExample(), { tags: TAGS });
        const lanes = lanesOf(all);
        expect(lanes.map(l => l.attrs['data-extent'])).toEqual(['mem0.dc0@0x0', 'mem0.dc0@0x8000000', 'mem0.dc0@0x10000000']);
        const texts = lanes.map(l => l.children.filter(c => c.name === 'text').map(textContent));
        expect(texts[0]!.slice(0, 2)).toEqual(['mem0.dc0@0x0', '128MiB · tag pool · pool0']);
        expect(texts[2]!.slice(0, 2)).toEqual(['mem0.dc0@0x10000000', '128MiB · untagged · pool0']);
        expect(textContent(titleOf(lanes[0]!)!)).toContain('DPA 0x80000000');
        expect(textContent(titleOf(lanes[0]!)!)).toContain('0s staged ▸ accepted ▸ online movable N_MEMORY_PRIVATE ▸ 10s released');
    });

    it('colours segments by state, with the state in words and a tooltip on each', () => {
        const { all } = render(specExample());
        const [lane0, , stray] = lanesOf(all);
        const segs0 = segmentsOf(lane0!);
        expect(segs0.map(s => [s.attrs['data-state'], s.attrs.fill])).toEqual([['online', STATE_COLORS.online], ['released', STATE_COLORS.released]]);
        expect(lane0!.children.filter(c => c.name === 'text').map(textContent)).toContain('online movable N_MEMORY_PRIVATE');
        expect(lane0!.children.filter(c => c.name === 'text').map(textContent)).toContain('released');
        expect(segmentsOf(stray!).map(s => s.attrs['data-state'])).toEqual(['rejected']);
        expect(stray!.children.filter(c => c.name === 'text').map(textContent)).toContain('rejected untagged-not-accepted');
        const online = textContent(titleOf(segs0[0]!)!);
        expect(online).toContain('online');
        expect(online).toContain('0s → 10s');
        expect(online).toContain('zone: ZONE_MOVABLE');
        expect(online).toContain('node state: N_MEMORY_PRIVATE');
        expect(online).toContain('events at 0s: line 39 add grow');
        const rejected = textContent(titleOf(segmentsOf(stray!)[0]!)!);
        expect(rejected).toContain('reason: untagged-not-accepted');
        expect(segmentsOf(stray!)[0]!.attrs['data-line']).toBe('40');

        const chain = lanesOf(render(chainTimeout()).all);
        expect(chain.map(l => segmentsOf(l).map(s => s.attrs['data-state']))).toEqual([['staged', 'rejected'], ['staged', 'rejected'], ['claimed'], ['refused']]);
        for (const lane of chain) {
            for (const s of segmentsOf(lane)) {
                expect(s.attrs.fill).toBe(STATE_COLORS[s.attrs['data-state'] as keyof typeof STATE_COLORS]);
                expect(titleOf(s), `title on ${lane.attrs['data-extent']} ${s.attrs['data-state']}`).toBeDefined();
            }
        }
        // A timer-driven change (the 20 s watchdog) has no event line to jump to.
        expect(segmentsOf(chain[0]!)[1]!.attrs['data-line']).toBeUndefined();
    });

    it('gives every state a distinct colour and a legend entry', () => {
        expect(new Set(Object.values(STATE_COLORS)).size).toBe(EXTENT_STATES.length);
        const { all } = render(specExample());
        expect(all.filter(e => 'data-legend' in e.attrs).map(e => e.attrs['data-legend']))
            .toEqual([...EXTENT_STATES, 'event-good', 'event-warn', 'event-bad']);
    });

    it('marks every event with its source line, outcome and a tooltip', () => {
        const { all } = render(chainTimeout());
        const markers = markersOf(all);
        expect(markers.map(m => m.attrs['data-line']).sort()).toEqual(['12', '13', '14', '15', '16', '17']);
        for (const m of markers) expect(titleOf(m)).toBeDefined();
        const odd = markers.find(m => m.attrs['data-line'] === '16')!;
        expect(odd.attrs['data-outcome']).toBe('refused');
        expect(textContent(titleOf(odd)!)).toBe('line 16 · 22s · add odd\n→ refused misaligned\nQEMU refuses the request: 0x100000 is not a multiple of the 2MiB block size');
        // Refusals, rejections and failures are drawn differently from accepted events: a solid line and a cross.
        const line = (m: XmlElement) => m.children.find(c => c.name === 'line')!;
        expect(line(odd).attrs['stroke-dasharray']).toBeUndefined();
        const retry = markers.find(m => m.attrs['data-line'] === '14')!;
        expect(line(retry).attrs['stroke-dasharray']).toBe('3 3');
        expect(line(odd).attrs.stroke).not.toBe(line(retry).attrs.stroke);
        // Labels: `label → outcome`, in the label groups, also carrying data-line.
        const labels = all.filter(e => e.name === 'g' && 'data-line' in e.attrs && e.children.some(c => c.name === 'rect'));
        expect(labels.map(l => textContent(l.children.find(c => c.name === 'text')!))).toEqual([
            'open → rejected chain-timeout', 'open2 → rejected chain-timeout', 'retry → accepted', 'dev → ok',
            'odd → refused misaligned', 'drop → deferred EBUSY'
        ]);
    });

    it('draws the time axis with labelled ticks', () => {
        const { all } = render(specExample());
        const axis = all.find(e => e.attrs['data-part'] === 'axis')!;
        expect(axis.children.filter(c => c.name === 'text').map(textContent)).toEqual(['0s', '2s', '4s', '6s', '8s', '10s', '12s']);
        const ms = render(manyExtents(5)).all.find(e => e.attrs['data-part'] === 'axis')!;
        expect(ms.children.filter(c => c.name === 'text').map(textContent)[1]).toMatch(/ms$/);
    });

    it('escapes XML special characters in every text', () => {
        const { svg, all } = render(nastyText());
        expect(svg).toContain('a&lt;b &amp; &quot;c&quot;');
        expect(svg).not.toMatch(/<b &|"c"|<&|&"/);
        expect(all.find(e => e.name === 'title')!.text).toContain('scenario a<b & "c" · kernel sysram-rfc · host h<1>');
        const lane = lanesOf(all)[0]!;
        expect(lane.attrs['data-extent']).toBe('mem0.dc0@0x0<&">');
        expect(textContent(lane)).toContain('mem0.dc0@0x0<&">');
        expect(textContent(lane)).toContain('r&d');
        const marker = markersOf(all).find(m => m.attrs['data-line'] === '39')!;
        expect(textContent(titleOf(marker)!)).toContain('detail with <tags> & "quotes" and \'apostrophes\'');
        expect(all.filter(e => e.name === 'text').map(textContent)).toContain('g<&"> → accepted');
        // Characters XML 1.0 cannot hold at all are replaced.
        const r = specExample();
        r.name = 'bell\u0007';
        expect(() => parseXml(renderSvgTimeline(r))).not.toThrow();
    });

    it('draws events only, with a note, when there are no extents, and a zero time range', () => {
        const { all, svg } = render(zeroExtents());
        expect(lanesOf(all)).toEqual([]);
        expect(all.filter(e => e.name === 'text').map(textContent)).toContain('No extents: no capacity was offered to the host; only events are shown.');
        expect(markersOf(all).map(m => m.attrs['data-line'])).toEqual(['8', '9', '10']);
        // Everything at 0s: one tick, every marker at the left edge of the chart.
        const axis = all.find(e => e.attrs['data-part'] === 'axis')!;
        expect(axis.children.filter(c => c.name === 'text').map(textContent)).toEqual(['0s']);
        const xs = new Set(markersOf(all).map(m => m.children.find(c => c.name === 'line')!.attrs.x1));
        expect(xs.size).toBe(1);
        expect(svg).not.toContain('NaN');
    });

    it('caps the lanes and says how many are left out', () => {
        const started = Date.now();
        const big = manyExtents(100_000);
        const { svg, all } = render(big);
        expect(lanesOf(all)).toHaveLength(200);
        expect(all.filter(e => e.name === 'text').map(textContent)).toContain('+99800 more extents not drawn (100000 in all)');
        expect(svg.length).toBeLessThan(400_000);
        expect(Date.now() - started).toBeLessThan(10_000);
        expect(lanesOf(render(manyExtents(10), { maxLanes: 4 }).all)).toHaveLength(4);
    });

    it('is deterministic and follows the theme and width', () => {
        expect(renderSvgTimeline(chainTimeout())).toBe(renderSvgTimeline(chainTimeout()));
        const light = render(chainTimeout()).all.find(e => e.name === 'rect')!;
        const dark = render(chainTimeout(), { theme: 'dark' }).all.find(e => e.name === 'rect')!;
        expect(light.attrs.fill).toBe('#FFFFFF');
        expect(dark.attrs.fill).toBe('#1E1E1E');
        expect(render(specExample(), { width: 1400 }).root.attrs.width).toBe('1400');
    });
});
