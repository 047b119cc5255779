/**
 * Array edits that allocate nothing. V8's `splice` returns a new array of the removed items,
 * `sort` allocates its merge state even for two items, `length = 0` drops the backing store
 * (the next push allocates it again), and `copyWithin` takes a slow generic path; these
 * helpers avoid all four on hot paths.
 */

/** Removes the item at `i` (order kept); at the front with V8's fast `shift` (no per-item copy loop). */
export function removeAt<T>(a: T[], i: number): void {
    const last = a.length - 1;
    if (i === last) {
        a.pop(); // also the only item: `shift` to empty would drop the storage
        return;
    }
    if (i === 0) {
        a.shift();
        return;
    }
    for (let j = i; j < last; j++) a[j] = a[j + 1];
    a.pop();
}

/** Removes the first occurrence of `item`; false when absent. */
export function removeItem<T>(a: T[], item: T): boolean {
    const i = a.indexOf(item);
    if (i < 0) return false;
    removeAt(a, i);
    return true;
}

/** Inserts `item` at `i` (order kept); at the front with V8's fast `unshift`. */
export function insertAt<T>(a: T[], i: number, item: T): void {
    if (i === 0) {
        a.unshift(item);
        return;
    }
    let j = a.length;
    a.push(item);
    for (; j > i; j--) a[j] = a[j - 1];
    a[i] = item;
}

/** Empties the array but keeps its capacity for the next pushes. */
export function emptyKeepingCapacity<T>(a: T[]): void {
    while (a.length > 0) a.pop();
}

/** Small arrays are sorted by insertion (no allocation); longer ones by `Array.prototype.sort`. */
const INSERTION_SORT_LIMIT = 16;

/** Sorts in place, stably (like `Array.prototype.sort`); returns the array. */
export function sortStable<T>(a: T[], compare: (x: T, y: T) => number): T[] {
    if (a.length > INSERTION_SORT_LIMIT) return a.sort(compare);
    for (let i = 1; i < a.length; i++) {
        const x = a[i];
        let j = i - 1;
        while (j >= 0 && compare(a[j], x) > 0) {
            a[j + 1] = a[j];
            j--;
        }
        a[j + 1] = x;
    }
    return a;
}
