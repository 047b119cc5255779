import { emptyKeepingCapacity, insertAt, removeAt } from './arrays.js';

/** A half-open byte range [start, end). */
export interface Span {
    readonly start: number;
    readonly end: number;
}

/**
 * Non-overlapping spans kept sorted by start: O(log n) lookups by binary search, insertion
 * and removal by shifting sorted arrays in place (an append when spans arrive in address order).
 *
 * Only numbers are shifted: the bounds (which V8 stores unboxed) and small slot numbers into
 * a pool where each span object stays put until it is removed. Moving object pointers inside
 * an old-generation array costs a GC write barrier per element; moving numbers is a memmove.
 */
export class SpanSet<T extends Span> {
    private readonly starts: number[] = [];
    private readonly ends: number[] = [];
    /** Pool slot of each span, in address order. */
    private readonly slots: number[] = [];
    /** Span objects by slot; free slots hold undefined and are listed in `free`. */
    private readonly pool: Array<T | undefined> = [];
    private readonly free: number[] = [];

    get size(): number {
        return this.slots.length;
    }

    /** The spans in address order (a new array). */
    get all(): readonly T[] {
        const out: T[] = [];
        for (let i = 0; i < this.slots.length; i++) out.push(this.at(i));
        return out;
    }

    /** The i-th span in address order. */
    private at(i: number): T {
        return this.pool[this.slots[i]]!;
    }

    /** Index of the first span whose end is after `x`. */
    private firstEndingAfter(x: number): number {
        const ends = this.ends;
        let lo = 0;
        let hi = ends.length;
        while (lo < hi) {
            const mid = (lo + hi) >> 1;
            if (ends[mid] > x) hi = mid;
            else lo = mid + 1;
        }
        return lo;
    }

    /** The first span overlapping [start, end), if any. */
    firstOverlapping(start: number, end: number): T | undefined {
        const i = this.firstEndingAfter(start);
        return i < this.starts.length && this.starts[i] < end ? this.at(i) : undefined;
    }

    /** Every span overlapping [start, end), in address order. */
    overlapping(start: number, end: number): T[] {
        const out: T[] = [];
        for (let i = this.firstEndingAfter(start); i < this.starts.length && this.starts[i] < end; i++) out.push(this.at(i));
        return out;
    }

    /** The span that wholly contains [start, end), if any. */
    containing(start: number, end: number): T | undefined {
        const i = this.firstEndingAfter(start);
        return i < this.starts.length && this.starts[i] <= start && end <= this.ends[i] ? this.at(i) : undefined;
    }

    /** True when the union of spans covers [start, end) without a gap. */
    covers(start: number, end: number): boolean {
        const starts = this.starts;
        let at = start;
        for (let i = this.firstEndingAfter(start); i < starts.length && at < end; i++) {
            if (starts[i] > at) return false;
            at = this.ends[i];
        }
        return at >= end;
    }

    /** Adds a span; it must not overlap one already held. */
    insert(item: T): void {
        const slot = this.free.length > 0 ? this.free.pop()! : this.pool.length;
        if (slot === this.pool.length) this.pool.push(item);
        else this.pool[slot] = item;
        const start = item.start;
        const n = this.slots.length;
        if (n === 0 || this.ends[n - 1] <= start) {
            this.starts.push(start);
            this.ends.push(item.end);
            this.slots.push(slot);
            return;
        }
        const i = this.firstEndingAfter(start);
        insertAt(this.starts, i, start);
        insertAt(this.ends, i, item.end);
        insertAt(this.slots, i, slot);
    }

    /** Removes this exact span object; false when it is not held. */
    remove(item: T): boolean {
        const start = item.start;
        for (let i = this.firstEndingAfter(start); i < this.starts.length && this.starts[i] <= start; i++) {
            const slot = this.slots[i];
            if (this.pool[slot] === item) {
                removeAt(this.starts, i);
                removeAt(this.ends, i);
                removeAt(this.slots, i);
                this.pool[slot] = undefined;
                this.free.push(slot);
                return true;
            }
        }
        return false;
    }

    /** Removes every span (the storage is kept for reuse). */
    clear(): void {
        emptyKeepingCapacity(this.starts);
        emptyKeepingCapacity(this.ends);
        emptyKeepingCapacity(this.slots);
        emptyKeepingCapacity(this.pool);
        emptyKeepingCapacity(this.free);
    }
}
