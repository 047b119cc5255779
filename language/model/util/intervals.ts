/** A half-open byte range [start, end). */
export interface Span {
    start: number;
    end: number;
}

/**
 * Non-overlapping spans kept sorted by start: O(log n) lookups by binary search, insertion
 * and removal by splice (an append when spans arrive in address order).
 */
export class SpanSet<T extends Span> {
    private readonly items: T[] = [];

    get size(): number {
        return this.items.length;
    }

    /** The spans in address order (do not mutate). */
    get all(): readonly T[] {
        return this.items;
    }

    /** Index of the first span whose end is after `x`. */
    private firstEndingAfter(x: number): number {
        const a = this.items;
        let lo = 0;
        let hi = a.length;
        while (lo < hi) {
            const mid = (lo + hi) >> 1;
            if (a[mid].end > x) hi = mid;
            else lo = mid + 1;
        }
        return lo;
    }

    /** The first span overlapping [start, end), if any. */
    firstOverlapping(start: number, end: number): T | undefined {
        const i = this.firstEndingAfter(start);
        const s = this.items[i];
        return s !== undefined && s.start < end ? s : undefined;
    }

    /** Every span overlapping [start, end), in address order. */
    overlapping(start: number, end: number): T[] {
        const out: T[] = [];
        const a = this.items;
        for (let i = this.firstEndingAfter(start); i < a.length && a[i].start < end; i++) out.push(a[i]);
        return out;
    }

    /** The span that wholly contains [start, end), if any. */
    containing(start: number, end: number): T | undefined {
        const s = this.items[this.firstEndingAfter(start)];
        return s !== undefined && s.start <= start && end <= s.end ? s : undefined;
    }

    /** True when the union of spans covers [start, end) without a gap. */
    covers(start: number, end: number): boolean {
        const a = this.items;
        let at = start;
        for (let i = this.firstEndingAfter(start); i < a.length && at < end; i++) {
            if (a[i].start > at) return false;
            at = a[i].end;
        }
        return at >= end;
    }

    /** Adds a span; it must not overlap one already held. */
    insert(item: T): void {
        const a = this.items;
        if (a.length === 0 || a[a.length - 1].end <= item.start) {
            a.push(item);
            return;
        }
        a.splice(this.firstEndingAfter(item.start), 0, item);
    }

    /** Removes this exact span object; false when it is not held. */
    remove(item: T): boolean {
        const a = this.items;
        for (let i = this.firstEndingAfter(item.start); i < a.length && a[i].start <= item.start; i++) {
            if (a[i] === item) {
                a.splice(i, 1);
                return true;
            }
        }
        return false;
    }

    clear(): void {
        this.items.length = 0;
    }
}
