/** Column layout for the text renderers: widths in terminal columns, padding, wrapping, tables. */

/** Paints `text` with ANSI SGR `codes` (or returns it as is when colour is off). */
export type Paint = (codes: string, text: string) => string;

/** Length in terminal columns (every glyph used here is one column wide). */
export function cols(text: string): number {
    let n = 0;
    for (const _ of text) n++;
    return n;
}

export function padEnd(text: string, width: number): string {
    return text + ' '.repeat(Math.max(0, width - cols(text)));
}

export function padStart(text: string, width: number): string {
    return ' '.repeat(Math.max(0, width - cols(text))) + text;
}

/** Cuts `text` to `width` columns with an ellipsis. */
export function truncate(text: string, width: number): string {
    const chars = [...text];
    if (chars.length <= width) return text;
    return width <= 1 ? chars.slice(0, width).join('') : `${chars.slice(0, width - 1).join('')}…`;
}

/** Word-wraps `text` into lines of at most `width` columns (long words are cut). */
export function wrap(text: string, width: number): string[] {
    const w = Math.max(10, width);
    const lines: string[] = [];
    let line = '';
    for (const word of text.split(/\s+/).filter(Boolean)) {
        let rest = word;
        while (cols(rest) > w) {
            if (line) { lines.push(line); line = ''; }
            const chars = [...rest];
            lines.push(chars.slice(0, w).join(''));
            rest = chars.slice(w).join('');
        }
        if (!rest) continue;
        if (!line) line = rest;
        else if (cols(line) + 1 + cols(rest) <= w) line += ` ${rest}`;
        else { lines.push(line); line = rest; }
    }
    if (line) lines.push(line);
    return lines;
}

/** A table cell: plain text, or text with the ANSI codes to paint it with once padded. */
export type TableCell = string | { text: string; codes: string };

/**
 * A table: rows of cells, each column as wide as its widest cell (over every row);
 * `right` columns right-aligned; trailing spaces trimmed. Painting happens after padding, so
 * colour never breaks alignment.
 */
export function table(rows: ReadonlyArray<ReadonlyArray<TableCell>>, right: ReadonlySet<number> = new Set(), gap = '  ', paint?: Paint): string[] {
    const textOf = (c: TableCell): string => (typeof c === 'string' ? c : c.text);
    const widths: number[] = [];
    for (const row of rows) row.forEach((cell, i) => { widths[i] = Math.max(widths[i] ?? 0, cols(textOf(cell))); });
    return rows.map(row => {
        const cells = row.map((cell, i) => {
            const raw = textOf(cell);
            const padded = right.has(i) ? padStart(raw, widths[i]!) : i === row.length - 1 ? raw : padEnd(raw, widths[i]!);
            if (typeof cell === 'string' || !paint || !cell.codes) return padded;
            // Paint the text only, not the padding around it.
            const at = padded.indexOf(raw);
            return padded.slice(0, at) + paint(cell.codes, raw) + padded.slice(at + raw.length);
        });
        return cells.join(gap).trimEnd();
    });
}
