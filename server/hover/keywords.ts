/**
 * Hover text for the keywords the grammar's `/** … *\/` comments leave undocumented (the
 * structural words inside a rule: `size`, `extent`, `on`, …). The grammar's comments come
 * first; this table only fills the gaps, so every keyword of the language has a hover.
 */
export const KEYWORD_FALLBACK_DOCS: Readonly<Record<string, string>> = {
    size: 'A size in bytes: an integer with a binary unit (`B KiB MiB GiB TiB`) or a bare hex/decimal byte count (LANGUAGE.md §1).',
    extent: 'One extent: an offset from the partition base and a size (`extent O size S`), one DC extent record (CXL 3.1 §8.2.9.2.1.6; DOMAIN.md §1.3).',
    extents: 'A request of several extents (`extents { O size S, … }`): one record per extent, More on all but the last (QEMU fan-out; DOMAIN.md §1.4). In an expectation: how many extents the region holds.',
    tag: 'The extent tag: a named `tag` or a uuid (the 16-byte tag of the extent record, DOMAIN.md §1.2). Tags group extents into tag groups on dcd-v11 and sysram-rfc.',
    untagged: 'The null uuid: the extent carries no tag (DOMAIN.md §1.2).',
    seq: '`shared_extn_seq`: the extent\'s position in a sharable allocation, 0..n-1 dense per tag group (sharable partitions only; DOMAIN.md §1.2).',
    on: 'Names what the action applies to (`create_dax NAME on REGION`, `mount FS on DAX`).',
    uuid: 'Claim by uuid (`daxctl create-device --uuid`): every accepted, unclaimed extent of that tag, or one untagged extent for `0` / `untagged` (DOMAIN.md §3.4).',
    unmovable: 'An unmovable allocation (slab, page tables): it can never be migrated, so it never lands in ZONE_MOVABLE or on an N_MEMORY_PRIVATE node.',
    zone: 'The memory zone: ZONE_MOVABLE (`movable`) or ZONE_NORMAL (`normal`; DOMAIN.md §7).',
    node: 'A NUMA node and its node state (`N_MEMORY` or `N_MEMORY_PRIVATE`; DOMAIN.md §6).',
    dax_cxl: 'The `dax_cxl` driver module: turns accepted DC extents of a region into DAX regions (drivers/dax/cxl.c).',
    at: 'At a simulated time (`0s`, `1.5s`, `20ms`, `2min`). An expectation without `at` is checked after the last event and every timer it set.',
    as: 'Labels the event so expectations can name it.',
    partition: 'A DC partition, named `device.partition`.',
    region: 'A host CXL region and its policy (LANGUAGE.md §2).',
    host: 'The host the scenario runs on.',
    kernel: 'A kernel profile: `dcd-v9`, `dcd-v11` or `sysram-rfc` (LANGUAGE.md §4).',
    dax: 'A DAX device made by `create_dax` (`daxctl create-device`).',
    fs: 'A filesystem mounted by `mount` on a DAX device (its holder).',
    holder: 'The DAX device\'s holder: the filesystem that took it with `fs_dax_get`, or `none`.',
    absent: 'The DAX device does not exist (never created, destroyed, or failed).',
    none: 'No holder.',
    not: 'Negates `notified`.',
    notified: 'The filesystem got a memory-failure notification (`dax_holder_notify_failure`) over the DAX range.',
    expect: 'An expectation: a checked claim about the simulation; it makes the scenario a test.',
    accepted: 'The extent(s) were accepted by the host; in a region expectation: the bytes of the extents the region holds.',
    online: 'Online as system RAM; in a region expectation: the bytes onlined.',
    memmap: 'The memmap (struct page array) of online memory: 64 B per 4 KiB page (1/64; DOMAIN.md §11).',
    more: 'The More flag (bit 0 of the record flags): more records of this chain follow.',
    forced: 'Forced Capacity Release: the device does not wait for the host.',
    dram: 'Boot DRAM on this node.'
};
