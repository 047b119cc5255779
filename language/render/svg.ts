/**
 * `dcdpolicy simulate --format svg` and the editor's timeline view: a scenario result drawn
 * as a self-contained SVG string — a time axis, one lane per extent coloured by state, event
 * markers with their outcomes, a legend.
 *
 * Works under a strict Content-Security-Policy: no `<style>`, no `style` attributes, no
 * scripts, no external fonts — presentation attributes only, `<title>` children for tooltips.
 * `data-extent="ID"` on every lane and `data-line="N"` on every event marker let the editor
 * jump to the source. Output is deterministic (same result, same options → same string).
 */
import type { EventResult, ExtentResult, ExtentState, ScenarioResult } from '../model/types.js';
import {
    EXTENT_STATES, eventsAt, eventsInTimeOrder, lastTime, outcomeClass, segmentsOf, summaryLine, type OutcomeClass, type Segment
} from './common.js';
import {
    formatDuration, formatHex, formatOutcome, formatPath, formatPoint, formatSize, formatTag, formatTick, invertTags,
    timeAxis, trimNumber, type TimeAxis
} from './format.js';

export interface SvgTimelineOptions {
    /** Width in px (default 960, at least 480). The height follows from the content. */
    width?: number;
    /** Colours for a light or dark background (default light). */
    theme?: 'light' | 'dark';
    /** Tag names as in `World.tags` (name → uuid), to label lanes `tag pool` instead of `tag 5be13bce…`. */
    tags?: Readonly<Record<string, string>>;
    /** At most this many extent lanes (default 200); the rest are counted in a note. */
    maxLanes?: number;
    /** At most this many event markers (default 500); the rest are counted in a note. */
    maxEvents?: number;
}

/**
 * Fill colour per extent state: the Okabe–Ito palette (distinguishable with the common
 * colour-vision deficiencies), plus Tol's wine for `leaked`. Ending states are also drawn as
 * a different shape (a mark, not a bar) and are labelled in words.
 */
export const STATE_COLORS: Readonly<Record<ExtentState, string>> = {
    staged: '#F0E442',
    accepted: '#56B4E9',
    claimed: '#0072B2',
    online: '#009E73',
    released: '#999999',
    rejected: '#D55E00',
    refused: '#E69F00',
    failed: '#CC79A7',
    leaked: '#882255'
};

/** Text colour on each state's fill (contrast ≥ 4.5 where it matters). */
const STATE_TEXT: Readonly<Record<ExtentState, string>> = {
    staged: '#000000', accepted: '#000000', claimed: '#FFFFFF', online: '#000000', released: '#000000',
    rejected: '#000000', refused: '#000000', failed: '#000000', leaked: '#FFFFFF'
};

interface Theme {
    bg: string; fg: string; muted: string; grid: string; band: string; axis: string; good: string; warn: string; bad: string;
}

const THEMES: Readonly<Record<'light' | 'dark', Theme>> = {
    light: {
        bg: '#FFFFFF', fg: '#1F2328', muted: '#59636E', grid: '#D8DEE4', band: '#F6F8FA', axis: '#8C959F',
        good: '#57606A', warn: '#B87700', bad: '#D55E00'
    },
    dark: {
        bg: '#1E1E1E', fg: '#D4D4D4', muted: '#9DA5B4', grid: '#3A3D41', band: '#262628', axis: '#6E7681',
        good: '#B0B8C0', warn: '#E69F00', bad: '#E8743B'
    }
};

const FONT = "ui-monospace, SFMono-Regular, Menlo, Consolas, 'DejaVu Sans Mono', 'Liberation Mono', monospace";
/** Advance of one monospace character, per px of font size. */
const CHAR = 0.6;
const PAD = 16;
const LANE_H = 36;
const BAR_H = 18;
const ROW_H = 18;
const MAX_LABEL_ROWS = 8;

/** Escapes text for XML character data and attribute values; drops characters XML 1.0 forbids. */
export function escapeXml(text: string): string {
    return text
        // eslint-disable-next-line no-control-regex
        .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '\uFFFD')
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/"/g, '&quot;')
        .replace(/'/g, '&apos;');
}

/** A coordinate with at most one decimal. */
function n(value: number): string {
    return trimNumber(value, 1);
}

function textWidth(text: string, fontSize: number): number {
    let chars = 0;
    for (const _ of text) chars++;
    return chars * fontSize * CHAR;
}

/** Cuts `text` to fit `px` at `fontSize`, with an ellipsis. */
function fit(text: string, px: number, fontSize: number): string {
    const max = Math.floor(px / (fontSize * CHAR));
    const chars = [...text];
    if (chars.length <= max) return text;
    return max <= 1 ? '' : `${chars.slice(0, max - 1).join('')}…`;
}

/** Attributes from a record, in the given order, values escaped; undefined values left out. */
function attrs(record: Record<string, string | number | undefined>): string {
    return Object.entries(record)
        .filter((e): e is [string, string | number] => e[1] !== undefined)
        .map(([k, v]) => ` ${k}="${escapeXml(typeof v === 'number' ? n(v) : v)}"`)
        .join('');
}

function el(name: string, record: Record<string, string | number | undefined>, children?: string): string {
    return children === undefined ? `<${name}${attrs(record)}/>` : `<${name}${attrs(record)}>${children}</${name}>`;
}

function title(text: string): string {
    return `<title>${escapeXml(text)}</title>`;
}

function text(x: number, y: number, content: string, extra: Record<string, string | number | undefined> = {}): string {
    return el('text', { x, y, ...extra }, escapeXml(content));
}

/** An event's one-line label: `grow → accepted`, `stray → rejected untagged-not-accepted`. */
function eventLabel(e: EventResult): string {
    return `${e.label ?? e.action} → ${formatOutcome(e)}`;
}

function eventTooltip(e: EventResult): string {
    const lines = [`line ${e.line} · ${formatDuration(e.t_ns)} · ${e.action}${e.label ? ` ${e.label}` : ''}`, `→ ${formatOutcome(e)}`];
    if (e.detail) lines.push(e.detail);
    return lines.join('\n');
}

/** What happened at time t, for a segment's tooltip: `events at 0s: line 39 add grow`. */
function eventsNote(events: readonly EventResult[], t: number): string | undefined {
    const at = eventsAt(events, t);
    if (at.length === 0) return undefined;
    return `events at ${formatDuration(t)}: ${at.map(e => `line ${e.line} ${e.action}${e.label ? ` ${e.label}` : ''}`).join(', ')}`;
}

/** The head of an event marker at (x, y = its tip): a triangle (good), a diamond (warn), a cross (bad). */
function markerHead(cls: OutcomeClass, x: number, y: number, color: string, bg: string): string {
    switch (cls) {
        case 'good':
            return el('path', { d: `M${n(x - 5)} ${n(y - 9)}L${n(x + 5)} ${n(y - 9)}L${n(x)} ${n(y)}Z`, fill: color });
        case 'warn':
            return el('path', { d: `M${n(x)} ${n(y - 11)}L${n(x + 5)} ${n(y - 5.5)}L${n(x)} ${n(y)}L${n(x - 5)} ${n(y - 5.5)}Z`, fill: color, stroke: bg, 'stroke-width': 1 });
        case 'bad':
            return el('path', {
                d: `M${n(x - 4.5)} ${n(y - 10)}L${n(x + 4.5)} ${n(y - 1)}M${n(x + 4.5)} ${n(y - 10)}L${n(x - 4.5)} ${n(y - 1)}`,
                stroke: color, 'stroke-width': 2.6, 'stroke-linecap': 'round', fill: 'none'
            });
    }
}

/** Renders a scenario result as a self-contained SVG document (a string). */
export function renderSvgTimeline(result: ScenarioResult, options: SvgTimelineOptions = {}): string {
    const width = Math.max(480, Math.round(options.width ?? 960));
    const theme = THEMES[options.theme === 'dark' ? 'dark' : 'light'];
    const maxLanes = Math.max(0, Math.floor(options.maxLanes ?? 200));
    const maxEvents = Math.max(0, Math.floor(options.maxEvents ?? 500));
    const tagNames = invertTags(options.tags);

    const events = eventsInTimeOrder(result.events);
    const shownEvents = events.slice(0, maxEvents);
    const lanes = result.extents.slice(0, maxLanes);
    const summary = summaryLine(result);

    // Horizontal layout: labels on the left, the chart on the right.
    const laneLabels = lanes.map(x => ({
        id: x.id,
        sub: `${formatSize(x.length)} · ${formatTag(x.tag, tagNames)} · ${x.region ?? 'no region'}`
    }));
    const longest = Math.max(textWidth('mem0.dc0@0x00000000', 12), ...laneLabels.map(l => Math.max(textWidth(l.id, 12), textWidth(l.sub, 10.5))));
    const labelW = Math.round(Math.min(width * 0.36, Math.max(150, longest + 16)));
    const x0 = PAD + labelW;
    const x1 = width - PAD - 8;
    const chartW = x1 - x0;
    const axis = timeAxis(lastTime(result), Math.max(1, Math.floor(chartW / 80)));
    const xOf = (t: number): number => x0 + (Math.max(0, Math.min(t, axis.endNs)) / axis.endNs) * chartW;

    // Event labels, placed greedily on rows above the lanes (row 0 nearest the lanes).
    interface Placed { e: EventResult; cls: OutcomeClass; x: number; row: number | undefined; px: number; pw: number; label: string }
    const rows: Array<Array<[number, number]>> = [];
    const placed: Placed[] = shownEvents.map(e => {
        const x = xOf(e.t_ns);
        const label = fit(eventLabel(e), Math.max(120, chartW * 0.6), 11);
        const pw = textWidth(label, 11) + 10;
        const px = Math.max(PAD, Math.min(x - 4, width - PAD - pw));
        let row: number | undefined;
        for (let r = 0; r < MAX_LABEL_ROWS; r++) {
            const taken = rows[r] ?? (rows[r] = []);
            if (taken.every(([a, b]) => px + pw + 4 <= a || px >= b + 4)) {
                taken.push([px, px + pw]);
                row = r;
                break;
            }
        }
        return { e, cls: outcomeClass(e.outcome), x, row, px, pw, label };
    });
    const labelRows = Math.max(0, ...placed.map(p => (p.row ?? -1) + 1));

    // Vertical layout.
    // Header: the scenario; kernel, host and summary on one line when they fit, else on two.
    const sub = `kernel ${result.kernel} · host ${result.host}`;
    const summaryOwnLine = textWidth(`${sub} · ${summary}`, 12) > width - 2 * PAD;
    const headerH = summaryOwnLine ? 70 : 52;
    const eventsTop = PAD + headerH;
    const lanesTop = eventsTop + labelRows * ROW_H + (shownEvents.length > 0 ? 16 : 4);
    const laneCount = Math.max(1, lanes.length);
    const lanesBottom = lanesTop + laneCount * LANE_H;
    const notes: string[] = [];
    if (result.extents.length > lanes.length) notes.push(`+${result.extents.length - lanes.length} more extents not drawn (${result.extents.length} in all)`);
    if (events.length > shownEvents.length) notes.push(`+${events.length - shownEvents.length} more events not drawn (${events.length} in all)`);
    const axisY = lanesBottom + notes.length * 18;
    const legendTop = axisY + 34;
    const legend = legendItems(theme, width);
    const height = Math.ceil(legendTop + legend.height + PAD);

    const out: string[] = [];
    out.push(`<svg${attrs({
        xmlns: 'http://www.w3.org/2000/svg', width, height, viewBox: `0 0 ${width} ${height}`, role: 'img',
        'aria-label': `Timeline of scenario ${result.name}: ${summary}`, 'font-family': FONT, 'font-size': 12, fill: theme.fg
    })}>`);
    out.push(title(`scenario ${result.name} · kernel ${result.kernel} · host ${result.host}\n${summary}`));
    out.push(el('rect', { x: 0, y: 0, width, height, fill: theme.bg }));

    // Header.
    out.push(text(PAD, PAD + 16, fit(`scenario ${result.name}`, width - 2 * PAD, 16), { 'font-size': 16, 'font-weight': 'bold' }));
    const summaryAttrs = { fill: summary.startsWith('✗') ? theme.bad : theme.fg, 'font-weight': 'bold' };
    if (summaryOwnLine) {
        out.push(text(PAD, PAD + 38, fit(sub, width - 2 * PAD, 12), { 'font-size': 12, fill: theme.muted }));
        out.push(text(PAD, PAD + 56, fit(summary, width - 2 * PAD, 12), { 'font-size': 12, ...summaryAttrs }));
    } else {
        out.push(el('text', { x: PAD, y: PAD + 38, 'font-size': 12, fill: theme.muted },
            `${escapeXml(`${sub} · `)}${el('tspan', summaryAttrs, escapeXml(summary))}`));
    }

    // Lane bands (behind the event lines).
    out.push('<g data-part="bands">');
    for (let i = 0; i < laneCount; i++) {
        out.push(el('rect', { x: PAD, y: lanesTop + i * LANE_H, width: width - 2 * PAD, height: LANE_H, fill: i % 2 === 0 ? theme.band : theme.bg }));
    }
    out.push('</g>');

    // Grid and axis.
    out.push('<g data-part="axis">');
    for (const t of axis.ticks) {
        const x = xOf(t);
        out.push(el('line', { x1: x, y1: lanesTop, x2: x, y2: axisY, stroke: theme.grid, 'stroke-width': 1 }));
        out.push(el('line', { x1: x, y1: axisY, x2: x, y2: axisY + 5, stroke: theme.axis, 'stroke-width': 1 }));
        const label = formatTick(t, axis);
        const anchor = x + textWidth(label, 11) / 2 > width - 4 ? 'end' : 'middle';
        out.push(text(x, axisY + 18, label, { 'font-size': 11, fill: theme.muted, 'text-anchor': anchor }));
    }
    out.push(el('line', { x1: x0, y1: axisY, x2: x1, y2: axisY, stroke: theme.axis, 'stroke-width': 1 }));
    out.push('</g>');

    // Event lines, through the lanes and under their segments; bad outcomes drawn last (on top).
    const rank = { good: 0, warn: 1, bad: 2 };
    const drawOrder = placed.map((p, i) => ({ p, i })).sort((a, b) => rank[a.p.cls] - rank[b.p.cls] || a.i - b.i).map(({ p }) => p);
    const lineTop = (p: Placed): number => (p.row === undefined ? lanesTop - 12 : eventsTop + (labelRows - 1 - p.row) * ROW_H + ROW_H - 3);
    out.push('<g data-part="events">');
    for (const p of drawOrder) {
        const color = theme[p.cls];
        out.push(el('g', { 'data-line': p.e.line, 'data-event': p.e.index, 'data-outcome': p.e.outcome }, [
            title(eventTooltip(p.e)),
            el('line', {
                x1: p.x, y1: lineTop(p), x2: p.x, y2: axisY, stroke: color, 'stroke-width': p.cls === 'good' ? 1 : 1.5,
                'stroke-dasharray': p.cls === 'good' ? '3 3' : undefined, 'stroke-opacity': 0.85
            }),
            markerHead(p.cls, p.x, lanesTop - 2, color, theme.bg)
        ].join('')));
    }
    out.push('</g>');

    // Lanes.
    out.push('<g data-part="lanes">');
    if (lanes.length === 0) {
        out.push(text(x0 + 12, lanesTop + LANE_H / 2 + 4, 'No extents: no capacity was offered to the host; only events are shown.',
            { fill: theme.muted, 'font-style': 'italic' }));
    }
    lanes.forEach((x, i) => out.push(renderLane(x, laneLabels[i]!, lanesTop + i * LANE_H, { x0, x1, xOf, axis, theme, events, labelW })));
    notes.forEach((note, i) => out.push(text(x0, lanesBottom + 13 + i * 18, note, { fill: theme.muted, 'font-size': 11, 'font-style': 'italic' })));
    out.push('</g>');

    // Event labels last, so their backgrounds hide the lines of the markers behind them.
    out.push('<g data-part="event-labels">');
    for (const p of placed) {
        if (p.row === undefined) continue;
        const y = eventsTop + (labelRows - 1 - p.row) * ROW_H;
        const color = theme[p.cls];
        out.push(el('g', { 'data-line': p.e.line, 'data-event': p.e.index, 'data-outcome': p.e.outcome }, [
            title(eventTooltip(p.e)),
            el('rect', { x: p.px, y, width: p.pw, height: ROW_H - 3, rx: 3, fill: theme.bg, stroke: color, 'stroke-width': p.cls === 'good' ? 0.8 : 1.4 }),
            text(p.px + 5, y + ROW_H - 7, p.label, { 'font-size': 11, fill: p.cls === 'good' ? theme.fg : color, 'font-weight': p.cls === 'good' ? undefined : 'bold' })
        ].join('')));
    }
    out.push('</g>');

    // Legend.
    out.push(`<g data-part="legend" transform="translate(0 ${n(legendTop)})">${legend.svg}</g>`);
    out.push('</svg>');
    return `${out.join('\n')}\n`;
}

interface LaneContext {
    x0: number; x1: number; xOf: (t: number) => number; axis: TimeAxis; theme: Theme; events: readonly EventResult[]; labelW: number;
}

function laneTooltip(x: ExtentResult, tagNames: string): string {
    const lines = [
        `extent ${x.id}`,
        `${formatSize(x.length)} at offset ${formatHex(x.offset)} (DPA ${formatHex(x.dpa)}) of ${x.partition}`,
        `${tagNames}${x.tag ? ` (${x.tag})` : ''} · region ${x.region ?? 'none'}`,
        `final state: ${formatPoint({ state: x.state, reason: x.reason })}`
    ];
    if (x.timeline.length > 0) lines.push(formatPath(segmentsOf(x).map(s => s.point)));
    return lines.join('\n');
}

function segmentTooltip(x: ExtentResult, seg: Segment, events: readonly EventResult[]): string {
    const p = seg.point;
    const lines = [`${x.id}: ${p.state}`];
    if (seg.ending) lines.push(`at ${formatDuration(seg.startNs)}`);
    else lines.push(`${formatDuration(seg.startNs)} → ${seg.endNs === undefined ? 'end of scenario' : formatDuration(seg.endNs)}`);
    if (p.zone) lines.push(`zone: ${p.zone === 'movable' ? 'ZONE_MOVABLE' : 'ZONE_NORMAL'}`);
    if (p.node_state) lines.push(`node state: ${p.node_state}`);
    if (p.reason) lines.push(`reason: ${p.reason}`);
    const note = eventsNote(events, seg.startNs);
    if (note) lines.push(note);
    return lines.join('\n');
}

/** `data-line` of a segment: the source line of the one event at its start time, when there is exactly one. */
function segmentLine(events: readonly EventResult[], t: number): number | undefined {
    const at = eventsAt(events, t);
    return at.length === 1 ? at[0]!.line : undefined;
}

function renderLane(x: ExtentResult, label: { id: string; sub: string }, top: number, ctx: LaneContext): string {
    const { x0, x1, xOf, theme, events } = ctx;
    const parts: string[] = [];
    const barY = top + (LANE_H - BAR_H) / 2;
    parts.push(title(laneTooltip(x, label.sub.split(' · ')[1] ?? '')));
    // An invisible hit area over the label column: hover shows the lane's tooltip, a click selects the extent.
    parts.push(el('rect', { x: PAD, y: top, width: ctx.labelW, height: LANE_H, fill: theme.bg, 'fill-opacity': 0 }));
    parts.push(text(PAD + 4, top + 15, fit(label.id, ctx.labelW - 8, 12), { 'font-weight': 'bold' }));
    parts.push(text(PAD + 4, top + 29, fit(label.sub, ctx.labelW - 8, 10.5), { 'font-size': 10.5, fill: theme.muted }));

    const segments = segmentsOf(x);
    let lastMark: { x: number; seg: Segment } | undefined;
    let leftmost = x1;
    for (const seg of segments) {
        const sx = xOf(seg.startNs);
        const line = segmentLine(events, seg.startNs);
        if (seg.ending) {
            parts.push(el('rect', {
                x: sx - 2.5, y: barY - 3, width: 5, height: BAR_H + 6, rx: 1, fill: STATE_COLORS[seg.state],
                'data-state': seg.state, 'data-line': line
            }, title(segmentTooltip(x, seg, events))));
            lastMark = { x: sx, seg };
            leftmost = Math.min(leftmost, sx - 2.5);
            continue;
        }
        const ex = seg.endNs === undefined ? x1 : xOf(seg.endNs);
        const w = ex - sx;
        if (w < 0.5) continue; // an instant: in the lane's tooltip and path, too thin to draw
        leftmost = Math.min(leftmost, sx);
        const inner = [title(segmentTooltip(x, seg, events))];
        parts.push(el('rect', {
            x: sx, y: barY, width: w, height: BAR_H, fill: STATE_COLORS[seg.state], 'data-state': seg.state, 'data-line': line
        }, inner.join('')));
        // The state in words inside the segment, as much as fits.
        const full = formatPoint(seg.point);
        const choice = [full, seg.point.state].find(s => textWidth(s, 10.5) + 8 <= w);
        if (choice) {
            parts.push(text(sx + 4, barY + BAR_H / 2 + 3.8, choice, { 'font-size': 10.5, fill: STATE_TEXT[seg.state] }));
        }
    }
    // An ending state spelled out beside its mark: right of it, else left of it when the lane is empty there.
    const last = segments[segments.length - 1];
    if (last?.ending && lastMark) {
        const full = formatPoint(last.point);
        const rightRoom = x1 + 8 - (lastMark.x + 8);
        const leftRoom = leftmost >= lastMark.x - 3 ? lastMark.x - 8 - x0 : 0;
        const y = barY + BAR_H / 2 + 4;
        const attrsFor = { 'font-size': 11, fill: theme.fg };
        const choice = [full, last.state].find(s => textWidth(s, 11) <= rightRoom);
        if (choice) parts.push(text(lastMark.x + 8, y, choice, attrsFor));
        else {
            const leftChoice = [full, last.state].find(s => textWidth(s, 11) <= leftRoom);
            if (leftChoice) parts.push(text(lastMark.x - 8, y, leftChoice, { ...attrsFor, 'text-anchor': 'end' }));
        }
    }
    if (segments.length === 0) {
        parts.push(text(x0 + 4, barY + BAR_H / 2 + 4, formatPoint({ state: x.state, reason: x.reason }), { 'font-size': 11, fill: theme.muted }));
    }
    return el('g', { 'data-extent': x.id, 'data-state': x.state }, parts.join(''));
}

/** The legend: a swatch per state (bars and marks), then the three event marker shapes. */
function legendItems(theme: Theme, width: number): { svg: string; height: number } {
    const parts: string[] = [];
    let x = PAD;
    let y = 0;
    const place = (w: number): [number, number] => {
        if (x + w > width - PAD) { x = PAD; y += 20; }
        const at: [number, number] = [x, y];
        x += w + 16;
        return at;
    };
    parts.push(text(PAD, 11, 'states', { 'font-size': 11, fill: theme.muted }));
    x = PAD + textWidth('states', 11) + 12;
    for (const s of EXTENT_STATES) {
        const [lx, ly] = place(18 + textWidth(s, 11));
        const swatch = s === 'released' || s === 'rejected' || s === 'refused'
            ? el('rect', { x: lx + 4, y: ly - 1, width: 5, height: 16, rx: 1, fill: STATE_COLORS[s] })
            : el('rect', { x: lx, y: ly + 1, width: 13, height: 12, rx: 2, fill: STATE_COLORS[s] });
        parts.push(el('g', { 'data-legend': s }, swatch + text(lx + 18, ly + 11, s, { 'font-size': 11 })));
    }
    x = PAD;
    y += 22;
    parts.push(text(PAD, y + 11, 'events', { 'font-size': 11, fill: theme.muted }));
    x = PAD + textWidth('states', 11) + 12;
    const kinds: Array<[OutcomeClass, string]> = [['good', 'event'], ['warn', 'deferred / ignored / partial'], ['bad', 'rejected / refused / failed']];
    for (const [cls, label] of kinds) {
        const [lx, ly] = place(16 + textWidth(label, 11));
        parts.push(el('g', { 'data-legend': `event-${cls}` }, markerHead(cls, lx + 6, ly + 13, theme[cls], theme.bg) + text(lx + 16, ly + 11, label, { 'font-size': 11 })));
    }
    return { svg: parts.join(''), height: y + 16 };
}

