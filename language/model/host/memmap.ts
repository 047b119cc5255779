/**
 * struct page overhead: 64 bytes of memmap per 4 KiB page, i.e. 1/64 of the memory
 * (16 GiB per 1 TiB). DOMAIN.md §11 ([NOPFN-20]); LANGUAGE.md §4 "memmap".
 */
export const STRUCT_PAGE_BYTES = 64;
export const PAGE_BYTES = 4096;

/** The memmap (struct page array) cost of `bytes` of hot-plugged memory: bytes / 64. */
export function memmapBytes(bytes: number): number {
    return Math.floor(bytes / PAGE_BYTES) * STRUCT_PAGE_BYTES;
}
