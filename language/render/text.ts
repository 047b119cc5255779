/**
 * `dcdpolicy simulate --format text`: a scenario result as a terminal timeline — header,
 * events in time order, one lane per extent over a shared time axis, regions, DAX devices,
 * expectations and the summary line.
 */
import type { EventResult, ExtentResult, ExtentState, ScenarioResult } from '../model/types.js';
import {
    EXTENT_STATES, eventsInTimeOrder, lastTime, outcomeClass, segmentsOf, summaryLine, worseClass, type OutcomeClass
} from './common.js';
import {
    formatDuration, formatOutcome, formatPoint, formatSize, formatTag, formatTick, invertTags, timeAxis,
    type TimeAxis
} from './format.js';
import { cols, padEnd, padStart, table, truncate, wrap, type Paint } from './columns.js';

export interface TextTimelineOptions {
    /** ANSI colour (the CLI sets it when stdout is a TTY and NO_COLOR is unset). Default false. */
    color?: boolean;
    /** Columns to fit (default 100, at least 60). */
    width?: number;
    /** Tag names as in `World.tags` (name → uuid), to print `tag pool` instead of `tag 5be13bce…`. */
    tags?: Readonly<Record<string, string>>;
    /** At most this many extent lanes (default 200); the rest are counted in a note. */
    maxLanes?: number;
    /** At most this many events listed (default 1000); the rest are counted in a note. */
    maxEvents?: number;
}

/** The glyph a state fills a lane with; ending states are one mark. */
export const STATE_GLYPHS: Readonly<Record<ExtentState, string>> = {
    staged: '░', accepted: '▒', claimed: '▓', online: '█',
    released: '│', rejected: '✗', refused: '⊘', failed: '╳', leaked: '▞'
};

const STATE_ANSI: Readonly<Record<ExtentState, string>> = {
    staged: '33', accepted: '36', claimed: '34', online: '32',
    released: '90', rejected: '31', refused: '35', failed: '1;31', leaked: '1;35'
};

const CLASS_ANSI: Readonly<Record<OutcomeClass, string>> = { good: '32', warn: '33', bad: '31' };
const EVENT_GLYPHS: Readonly<Record<OutcomeClass, string>> = { good: '▼', warn: '◇', bad: '✗' };

/** Column of time `t` on a bar of `width` cells (0 … width-1). */
function column(t: number, axis: TimeAxis, width: number): number {
    return Math.max(0, Math.min(width - 1, Math.round((t / axis.endNs) * (width - 1))));
}

/** One cell of a lane: a glyph and the ANSI codes to paint it with. */
interface Cell { ch: string; codes: string }

function joinCells(cells: readonly Cell[], paint: Paint): string {
    // Paint runs of equal codes at once: fewer escape sequences.
    let out = '';
    let run = '';
    let codes = '';
    for (const cell of cells) {
        if (cell.codes !== codes) {
            out += codes ? paint(codes, run) : run;
            run = '';
            codes = cell.codes;
        }
        run += cell.ch;
    }
    out += codes ? paint(codes, run) : run;
    return out.trimEnd();
}

/** An extent's lane: a bar with a glyph per state, and the ending state spelled out after its mark. */
function laneCells(extent: ExtentResult, axis: TimeAxis, width: number): Cell[] {
    const cells: Cell[] = Array.from({ length: width }, () => ({ ch: ' ', codes: '' }));
    const segments = segmentsOf(extent);
    let lastMark = -1;
    for (const seg of segments) {
        const start = column(seg.startNs, axis, width);
        if (seg.ending) {
            cells[start] = { ch: STATE_GLYPHS[seg.state], codes: STATE_ANSI[seg.state] };
            lastMark = start;
            continue;
        }
        const end = seg.endNs === undefined ? width : column(seg.endNs, axis, width);
        for (let c = start; c < end; c++) cells[c] = { ch: STATE_GLYPHS[seg.state], codes: STATE_ANSI[seg.state] };
    }
    const last = segments[segments.length - 1];
    if (last?.ending && lastMark >= 0) {
        // The full note (`rejected chain-timeout`) after the mark, else before it when the lane is
        // empty there, else just the state word; the path line under the lane has it all.
        const codes = STATE_ANSI[last.state];
        const full = formatPoint(last.point);
        const right = width - lastMark - 2;
        const leftFree = cells.slice(0, lastMark).every(c => c.ch === ' ') ? lastMark - 1 : 0;
        const put = (text: string, at: number) => [...text].forEach((ch, i) => { cells[at + i] = { ch, codes }; });
        if (cols(full) <= right) put(` ${full}`, lastMark + 1);
        else if (cols(full) <= leftFree) put(`${full} `, lastMark - cols(full) - 1);
        else if (cols(last.state) <= right) put(` ${last.state}`, lastMark + 1);
        else if (cols(last.state) <= leftFree) put(`${last.state} `, lastMark - cols(last.state) - 1);
    }
    return cells;
}

/** Renders a scenario result as a terminal timeline. */
export function renderTextTimeline(result: ScenarioResult, options: TextTimelineOptions = {}): string {
    const color = options.color === true;
    const width = Math.max(60, Math.floor(options.width ?? 100));
    const maxLanes = Math.max(0, Math.floor(options.maxLanes ?? 200));
    const maxEvents = Math.max(0, Math.floor(options.maxEvents ?? 1000));
    const tagNames = invertTags(options.tags);
    const paint: Paint = (codes, text) => (color && codes && text ? `\x1b[${codes}m${text}\x1b[0m` : text);
    const out: string[] = [];

    // Header.
    const title = `scenario ${result.name} · kernel ${result.kernel} · host ${result.host}`;
    const titleLines = cols(title) <= width ? [title] : [`scenario ${result.name}`, `kernel ${result.kernel} · host ${result.host}`];
    for (const line of titleLines) out.push(paint('1', line));
    out.push(paint('2', '─'.repeat(Math.min(width, Math.max(...titleLines.map(cols))))));

    // Events.
    const events = eventsInTimeOrder(result.events);
    out.push('');
    out.push(paint('1', `Events (${events.length})`));
    if (events.length === 0) out.push(paint('2', '  no events'));
    const shown = events.slice(0, maxEvents);
    const timeW = Math.max(0, ...shown.map(e => cols(formatDuration(e.t_ns))));
    const lineW = Math.max(0, ...shown.map(e => cols(`L${e.line}`)));
    const actionW = Math.max(0, ...shown.map(e => cols(e.action)));
    const labelW = Math.max(0, ...shown.map(e => cols(e.label ?? '')));
    const detailIndent = 2 + timeW + 2 + lineW + 2;
    for (const e of shown) {
        const cls = outcomeClass(e.outcome);
        const head = `  ${padStart(formatDuration(e.t_ns), timeW)}  ${padEnd(`L${e.line}`, lineW)}  ${padEnd(e.action, actionW)}`
            + (labelW > 0 ? ` ${padEnd(e.label ?? '', labelW)}` : '');
        const outcome = `→ ${formatOutcome(e)}`;
        if (cols(head) + 2 + cols(outcome) <= width) out.push(`${head}  ${paint(CLASS_ANSI[cls], outcome)}`);
        else out.push(head.trimEnd(), ' '.repeat(detailIndent) + paint(CLASS_ANSI[cls], outcome));
        if (e.detail) {
            for (const line of wrap(e.detail, width - detailIndent)) out.push(' '.repeat(detailIndent) + paint('2', line));
        }
    }
    if (events.length > shown.length) out.push(paint('2', `  … +${events.length - shown.length} more events`));

    // Extent lanes.
    out.push('');
    out.push(paint('1', `Extents (${result.extents.length})`));
    if (result.extents.length === 0) {
        out.push(paint('2', '  no extents: no capacity was offered to the host'));
    } else {
        out.push(...renderLanes(result, events, width, maxLanes, tagNames, paint));
    }

    // Regions.
    out.push('');
    out.push(paint('1', `Regions (${result.regions.length})`));
    if (result.regions.length === 0) out.push(paint('2', '  no regions'));
    else {
        const rows = [['', 'extents', 'accepted', 'online', 'zone', 'node', 'memmap']];
        for (const r of result.regions) {
            rows.push([r.name, String(r.extents), formatSize(r.accepted_bytes), formatSize(r.online_bytes),
                r.zone ?? '—', r.node_state ?? '—', formatSize(r.memmap_bytes)]);
        }
        const lines = table(rows, new Set([1, 2, 3, 6]));
        if (Math.max(...lines.map(cols)) + 2 <= width) lines.forEach((line, i) => out.push(`  ${i === 0 ? paint('2', line) : line}`));
        else {
            // Too narrow for the table: one block per region.
            for (const row of rows.slice(1)) {
                const facts = rows[0]!.slice(1).map((name, i) => `${name} ${row[i + 1]}`);
                out.push(`  ${row[0]}`);
                for (const line of wrap(facts.join(' · '), width - 4)) out.push(`    ${line}`);
            }
        }
    }

    // DAX devices.
    if (result.dax.length > 0) {
        out.push('');
        out.push(paint('1', `DAX devices (${result.dax.length})`));
        const rows = [['', 'region', 'size', 'holder', 'state']];
        for (const d of result.dax) rows.push([d.name, d.region, formatSize(d.size), d.holder ?? 'none', d.state]);
        table(rows, new Set([2])).forEach((line, i) => out.push(`  ${i === 0 ? paint('2', line) : line}`));
    }

    // Expectations.
    out.push('');
    out.push(paint('1', `Expectations (${result.expectations.length})`));
    if (result.expectations.length === 0) out.push(paint('2', '  no expectations'));
    const expLineW = Math.max(0, ...result.expectations.map(x => cols(String(x.line))));
    for (const x of result.expectations) {
        const where = `line ${padEnd(String(x.line), expLineW)}`;
        if (x.passed) out.push(`  ${paint('32', '✓')} ${where}  ${x.text}`);
        else {
            const actual = `(actual: ${x.actual})`;
            const head = `  ${paint('31', '✗')} ${where}  ${x.text}`;
            if (4 + cols(where) + 2 + cols(x.text) + 2 + cols(actual) <= width) out.push(`${head}  ${paint('31', actual)}`);
            else out.push(head, `${' '.repeat(4 + cols(where) + 2)}${paint('31', actual)}`);
        }
    }

    // Summary.
    out.push('');
    const summary = summaryLine(result);
    out.push(paint(summary.startsWith('✗') ? '1;31' : '1;32', summary));
    return `${out.join('\n')}\n`;
}

function renderLanes(result: ScenarioResult, events: readonly EventResult[], width: number, maxLanes: number,
    tagNames: Record<string, string> | undefined, paint: Paint): string[] {
    const out: string[] = [];
    const lanes = result.extents.slice(0, maxLanes);
    const labels = lanes.map(x => [x.id, formatSize(x.length), formatTag(x.tag, tagNames), x.region ?? 'no region']);
    const idW = Math.min(40, Math.max(6, ...labels.map(l => cols(l[0]!))));
    const sizeW = Math.max(0, ...labels.map(l => cols(l[1]!)));
    const tagW = Math.min(24, Math.max(0, ...labels.map(l => cols(l[2]!))));
    const regionW = Math.min(20, Math.max(0, ...labels.map(l => cols(l[3]!))));
    const labelW = idW + 2 + sizeW + 2 + tagW + 2 + regionW;
    // Bar beside the label when there is room for a useful bar; else under it, full width.
    const beside = width - 2 - labelW - 2 >= 30;
    const barIndent = beside ? 2 + labelW + 2 : 4;
    const axis = timeAxis(lastTime(result), Math.max(1, Math.floor((width - barIndent) / 10)));
    // Shorten the bar a little so every tick falls on a whole column.
    const intervals = Math.max(1, axis.ticks.length - 1);
    const barW = Math.floor((width - barIndent - 1) / intervals) * intervals + 1;

    // Axis: labels above, ticks below.
    const tickCols = axis.ticks.map(t => column(t, axis, barW));
    const labelCells = Array<string>(barW).fill(' ');
    let free = 0;
    axis.ticks.forEach((t, i) => {
        const text = formatTick(t, axis);
        let at = tickCols[i]!;
        if (at + cols(text) > barW) at = barW - cols(text);
        if (at < free) return;
        [...text].forEach((ch, k) => { labelCells[at + k] = ch; });
        free = at + cols(text) + 1;
    });
    const tickCells = Array<string>(barW).fill('─');
    for (const c of tickCols) tickCells[c] = '┼';
    tickCells[0] = '├';
    tickCells[barW - 1] = tickCols.includes(barW - 1) ? '┤' : '─';
    out.push(' '.repeat(barIndent) + paint('2', labelCells.join('').trimEnd()));
    out.push(' '.repeat(barIndent) + paint('2', tickCells.join('')));

    // Events row: a mark per event time, the worst outcome at that time wins.
    const marks = new Map<number, OutcomeClass>();
    for (const e of events) {
        const c = column(e.t_ns, axis, barW);
        marks.set(c, worseClass(marks.get(c) ?? 'good', outcomeClass(e.outcome)));
    }
    const eventCells: Cell[] = Array.from({ length: barW }, () => ({ ch: ' ', codes: '' }));
    for (const [c, cls] of marks) eventCells[c] = { ch: EVENT_GLYPHS[cls], codes: CLASS_ANSI[cls] };
    if (beside) out.push(paint('2', `  ${padEnd('events', labelW)}  `) + joinCells(eventCells, paint));
    else out.push(paint('2', '  events'), ' '.repeat(barIndent) + joinCells(eventCells, paint));

    for (let i = 0; i < lanes.length; i++) {
        const x = lanes[i]!;
        const [id, size, tag, region] = labels[i]!;
        const label = `${padEnd(truncate(id!, idW), idW)}  ${padStart(size!, sizeW)}  ${padEnd(truncate(tag!, tagW), tagW)}  ${padEnd(truncate(region!, regionW), regionW)}`;
        const bar = joinCells(laneCells(x, axis, barW), paint);
        if (beside) out.push(`  ${paint('1', label.slice(0, idW))}${label.slice(idW)}  ${bar}`);
        else {
            out.push(`  ${paint('1', label.slice(0, idW))}${label.slice(idW).trimEnd()}`);
            out.push(' '.repeat(barIndent) + bar);
        }
        out.push(...pathLines(x, width, paint));
    }
    if (result.extents.length > lanes.length) {
        out.push(paint('2', `  … +${result.extents.length - lanes.length} more extents not drawn`));
    }
    // Legend, wrapped to the width: states, then event marks.
    const stateItems = EXTENT_STATES.map(s => ({ glyph: paint(STATE_ANSI[s], STATE_GLYPHS[s]), text: s }));
    const eventItems = ([['good', 'event'], ['warn', 'deferred/ignored/partial'], ['bad', 'rejected/refused/failed']] as const)
        .map(([c, text]) => ({ glyph: paint(CLASS_ANSI[c], EVENT_GLYPHS[c]), text }));
    out.push('');
    for (const group of [stateItems, eventItems]) {
        let line = '';
        let used = 2;
        for (const { glyph, text } of group) {
            const w = 2 + cols(text);
            if (line && used + 2 + w > width) { out.push(`  ${line}`); line = ''; used = 2; }
            if (line) { line += '  '; used += 2; }
            line += `${glyph} ${text}`;
            used += w;
        }
        if (line) out.push(`  ${line}`);
    }
    return out;
}

/** `0s staged ▸ accepted ▸ online movable N_MEMORY_PRIVATE ▸ 10s released`, wrapped under the lane. */
function pathLines(extent: ExtentResult, width: number, paint: Paint): string[] {
    const indent = 6;
    const parts: string[] = [];
    const plain: string[] = [];
    let last: number | undefined;
    for (const p of segmentsOf(extent).map(s => s.point)) {
        const time = p.t_ns === last ? '' : `${formatDuration(p.t_ns)} `;
        last = p.t_ns;
        const text = formatPoint(p);
        plain.push(time + text);
        parts.push(paint('2', time) + paint(STATE_ANSI[p.state], text));
    }
    if (parts.length === 0) {
        const text = formatPoint({ state: extent.state, reason: extent.reason });
        return [' '.repeat(indent) + paint(STATE_ANSI[extent.state], text)];
    }
    // Wrap at the arrows: whole steps per line.
    const lines: string[] = [];
    let line = '';
    let lineCols = 0;
    plain.forEach((p, i) => {
        const sep = lineCols === 0 ? '' : ' ▸ ';
        // Room for the step, and for the ` ▸` that ends the line when the next step wraps.
        if (lineCols > 0 && indent + lineCols + cols(sep) + cols(p) + (i + 1 < plain.length ? 2 : 0) > width) {
            lines.push(line + paint('2', ' ▸'));
            line = '';
            lineCols = 0;
        }
        const s = lineCols === 0 ? '' : ' ▸ ';
        line += paint('2', s) + parts[i];
        lineCols += cols(s) + cols(p);
    });
    if (line) lines.push(line);
    return lines.map(l => ' '.repeat(indent) + l);
}
