/**
 * `dcdpolicy compare`: one scenario under several kernel profiles, side by side — a column
 * per profile; a row per event (each profile's outcome and reason), per expectation (✓/✗)
 * and per region's final accepted/online bytes. Rows where the profiles disagree are marked
 * `≠` in the left margin.
 */
import type { EventResult, ScenarioResult } from '../model/types.js';
import { eventsInTimeOrder, outcomeClass, type OutcomeClass } from './common.js';
import { cols, table, type Paint, type TableCell } from './columns.js';
import { formatDuration, formatOutcome, formatSize, plural } from './format.js';

export interface CompareTextOptions {
    /** ANSI colour (default false). */
    color?: boolean;
}

const CLASS_ANSI: Readonly<Record<OutcomeClass, string>> = { good: '32', warn: '33', bad: '31' };

/** What `compare` prints: the results of one scenario, one per kernel profile, in column order. */
export function renderCompareText(results: readonly ScenarioResult[], options: CompareTextOptions = {}): string {
    const color = options.color === true;
    const paint: Paint = (codes, text) => (color && codes && text ? `\x1b[${codes}m${text}\x1b[0m` : text);
    if (results.length === 0) return 'no results to compare\n';
    const out: string[] = [];
    const names = [...new Set(results.map(r => r.name))];
    const hosts = [...new Set(results.map(r => r.host))];
    const heading = `scenario ${names.join(' / ')} · host ${hosts.join(' / ')} · ${plural(results.length, 'kernel profile')}`;
    out.push(paint('1', heading));
    out.push(paint('2', '─'.repeat(cols(heading))));
    out.push('');

    type Row = { section?: string; key: string; cells: TableCell[]; differs: boolean };
    const rows: Row[] = [];
    const differs = (values: readonly string[]): boolean => new Set(values).size > 1;

    // Events: matched by source index; ordered by time as the first result (or any) has them.
    const byIndex = results.map(r => new Map(r.events.map(e => [e.index, e] as const)));
    const order: EventResult[] = [];
    const seen = new Set<number>();
    for (const r of results) {
        for (const e of eventsInTimeOrder(r.events)) if (!seen.has(e.index)) { seen.add(e.index); order.push(e); }
    }
    order.sort((a, b) => a.t_ns - b.t_ns || a.index - b.index);
    const timeW = Math.max(0, ...order.map(e => cols(formatDuration(e.t_ns))));
    const lineW = Math.max(0, ...order.map(e => cols(`L${e.line}`)));
    const actionW = Math.max(0, ...order.map(e => cols(e.action)));
    rows.push({ section: `Events (${order.length})`, key: '', cells: [], differs: false });
    for (const e of order) {
        const key = `${formatDuration(e.t_ns).padStart(timeW)}  ${`L${e.line}`.padEnd(lineW)}  ${e.action.padEnd(actionW)}${e.label ? ` ${e.label}` : ''}`;
        const found = byIndex.map(m => m.get(e.index));
        const texts = found.map(x => (x ? formatOutcome(x) : '—'));
        rows.push({
            key,
            cells: found.map((x, i) => (x ? { text: texts[i]!, codes: CLASS_ANSI[outcomeClass(x.outcome)] } : '—')),
            differs: differs(texts)
        });
    }

    // Expectations: matched by source line.
    const expLines: Array<{ line: number; text: string }> = [];
    const seenLines = new Set<number>();
    for (const r of results) {
        for (const x of r.expectations) if (!seenLines.has(x.line)) { seenLines.add(x.line); expLines.push({ line: x.line, text: x.text }); }
    }
    expLines.sort((a, b) => a.line - b.line);
    if (expLines.length > 0) {
        rows.push({ section: `Expectations (${expLines.length})`, key: '', cells: [], differs: false });
        for (const { line, text } of expLines) {
            const found = results.map(r => r.expectations.find(x => x.line === line));
            const texts = found.map(x => (!x ? '—' : x.passed ? '✓' : `✗ actual ${x.actual}`));
            rows.push({
                key: `line ${line}  ${text}`,
                cells: found.map((x, i) => (!x ? '—' : { text: texts[i]!, codes: x.passed ? '32' : '31' })),
                differs: differs(found.map(x => (!x ? '—' : x.passed ? 'pass' : 'fail')))
            });
        }
    }

    // Regions: final accepted and online bytes.
    const regionNames: string[] = [];
    for (const r of results) for (const g of r.regions) if (!regionNames.includes(g.name)) regionNames.push(g.name);
    if (regionNames.length > 0) {
        rows.push({ section: 'Regions at the end', key: '', cells: [], differs: false });
        for (const name of regionNames) {
            const found = results.map(r => r.regions.find(g => g.name === name));
            for (const [what, get] of [
                ['accepted', (g: NonNullable<typeof found[number]>) => formatSize(g.accepted_bytes)],
                ['online', (g: NonNullable<typeof found[number]>) => formatSize(g.online_bytes)]
            ] as const) {
                const texts = found.map(g => (g ? get(g) : '—'));
                rows.push({ key: `${name} ${what}`, cells: texts, differs: differs(texts) });
            }
        }
    }

    // Totals: expectations passed per profile.
    rows.push({ section: 'Summary', key: '', cells: [], differs: false });
    const totals = results.map(r => {
        const passed = r.expectations.filter(x => x.passed).length;
        const total = r.expectations.length;
        const ok = passed === total;
        return { text: total === 0 ? `${ok ? '✓' : '✗'} no expectations` : `${ok ? '✓' : '✗'} ${passed}/${total} expectations`, codes: ok ? '32' : '31' };
    });
    rows.push({ key: 'expectations passed', cells: totals, differs: differs(totals.map(t => t.text)) });
    const failing = results.map(r => r.events.filter(e => outcomeClass(e.outcome) === 'bad').length);
    rows.push({ key: 'events rejected/refused/failed', cells: failing.map(String), differs: differs(failing.map(String)) });

    // Lay out: one table so every column lines up across sections.
    const header: TableCell[] = ['', '', ...results.map(r => ({ text: r.kernel, codes: '1' }))];
    const body: TableCell[][] = [header];
    const sectionAt = new Map<number, string>();
    for (const row of rows) {
        if (row.section !== undefined) { sectionAt.set(body.length, row.section); body.push(['', '']); continue; }
        body.push([row.differs ? { text: '≠', codes: '1;33' } : '', row.key, ...row.cells]);
    }
    const lines = table(body, new Set(), '  ', paint);
    lines.forEach((line, i) => {
        const section = sectionAt.get(i);
        if (section !== undefined) out.push(...(i > 1 ? [''] : []), paint('1', section));
        else out.push(line);
    });
    out.push('');
    out.push(paint('2', '≠ marks rows where the kernel profiles differ'));
    return `${out.join('\n')}\n`;
}
