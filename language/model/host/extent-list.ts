/**
 * A region's live extents in acceptance order: a doubly-linked list threaded through the
 * extents themselves, so adding and removing allocate nothing (a `Set` that empties and
 * fills again reallocates its table each time) and both are O(1).
 */
import type { SimExtent } from './state.js';

/** Membership test of a set of extents (a region's list, or a `Set`). */
export interface ExtentMembership {
    has(e: SimExtent): boolean;
}

export class ExtentList implements Iterable<SimExtent>, ExtentMembership {
    private head: SimExtent | undefined = undefined;
    private tail: SimExtent | undefined = undefined;
    /** Number of extents in the list. */
    size = 0;

    /** Appends an extent (it must be in no list). */
    add(e: SimExtent): void {
        e.list = this;
        e.listPrev = this.tail;
        e.listNext = undefined;
        if (this.tail === undefined) this.head = e;
        else this.tail.listNext = e;
        this.tail = e;
        this.size++;
    }

    /** Removes an extent; false when it is not in this list. */
    delete(e: SimExtent): boolean {
        if (e.list !== this) return false;
        const prev = e.listPrev;
        const next = e.listNext;
        if (prev === undefined) this.head = next;
        else prev.listNext = next;
        if (next === undefined) this.tail = prev;
        else next.listPrev = prev;
        e.list = undefined;
        e.listPrev = undefined;
        e.listNext = undefined;
        this.size--;
        return true;
    }

    has(e: SimExtent): boolean {
        return e.list === this;
    }

    /** The oldest extent, then `e.listNext` for the following ones. */
    first(): SimExtent | undefined {
        return this.head;
    }

    /** In acceptance order; removing the current extent while iterating is safe. */
    *[Symbol.iterator](): Iterator<SimExtent> {
        let e = this.head;
        while (e !== undefined) {
            const next = e.listNext;
            yield e;
            e = next;
        }
    }
}
