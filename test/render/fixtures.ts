/**
 * Hand-built `ScenarioResult`s for the renderer tests: what the simulator would produce for a
 * few realistic scenarios (LANGUAGE.md §3, §8).
 */
import type { ExtentResult, ScenarioResult } from '../../language/model/types.js';

const MiB = 1024 * 1024;
const S = 1e9;
const MS = 1e6;

export const POOL_TAG = '5be13bce-ae34-4a77-b6c3-16df975fcf1a';
export const TAGS = { pool: POOL_TAG };

/** The LANGUAGE.md §3 example (`samples/spec-example.dcdpolicy`) under sysram-rfc: everything passes. */
export function specExample(): ScenarioResult {
    const member = (offset: number): ExtentResult => ({
        id: `mem0.dc0@0x${offset.toString(16)}`, partition: 'mem0.dc0', offset, dpa: 0x80000000 + offset,
        length: 128 * MiB, tag: POOL_TAG, region: 'pool0', state: 'released', reason: null,
        timeline: [
            { t_ns: 0, state: 'staged' },
            { t_ns: 0, state: 'accepted' },
            { t_ns: 0, state: 'online', zone: 'movable', node_state: 'N_MEMORY_PRIVATE' },
            { t_ns: 10 * S, state: 'released' }
        ]
    });
    return {
        name: 'tagged_pool_grows', kernel: 'sysram-rfc', host: 'lab01',
        events: [
            {
                index: 0, label: 'grow', t_ns: 0, line: 39, action: 'add', outcome: 'accepted', reason: null, errno: null,
                detail: '2 extents (256MiB, tag pool) accepted into pool0; hot-added as 2 memory blocks and onlined movable on node 2 (N_MEMORY_PRIVATE)'
            },
            {
                index: 1, label: 'stray', t_ns: 1 * S, line: 40, action: 'add', outcome: 'rejected', reason: 'untagged-not-accepted', errno: null,
                detail: 'untagged extent 0x10000000 size 128MiB: region pool0 accepts tag pool only'
            },
            {
                index: 2, label: 'kalloc', t_ns: 2 * S, line: 41, action: 'alloc', outcome: 'failed', reason: null, errno: 'ENOMEM',
                detail: 'an unmovable allocation cannot land in ZONE_MOVABLE or on private node 2'
            },
            {
                index: 3, label: 'shrink', t_ns: 10 * S, line: 42, action: 'release', outcome: 'released', reason: null, errno: null,
                detail: 'tag group pool released whole: 2 extents offlined and removed, Release DC sent for each'
            }
        ],
        extents: [
            member(0),
            member(0x8000000),
            {
                id: 'mem0.dc0@0x10000000', partition: 'mem0.dc0', offset: 0x10000000, dpa: 0x90000000, length: 128 * MiB,
                tag: null, region: 'pool0', state: 'rejected', reason: 'untagged-not-accepted',
                timeline: [
                    { t_ns: 1 * S, state: 'staged' },
                    { t_ns: 1 * S, state: 'rejected', reason: 'untagged-not-accepted' }
                ]
            }
        ],
        regions: [{
            name: 'pool0', extents: 0, accepted_bytes: 0, online_bytes: 0, zone: 'movable', node_state: 'N_MEMORY_PRIVATE', memmap_bytes: 0
        }],
        dax: [],
        expectations: [
            { line: 44, text: 'expect grow accepted', passed: true, actual: 'accepted' },
            { line: 45, text: 'expect stray rejected untagged-not-accepted', passed: true, actual: 'rejected untagged-not-accepted' },
            { line: 46, text: 'expect kalloc failed ENOMEM', passed: true, actual: 'failed ENOMEM' },
            { line: 47, text: 'expect at 2s region pool0 online 256MiB', passed: true, actual: '256MiB' },
            { line: 48, text: 'expect shrink released', passed: true, actual: 'released' },
            { line: 49, text: 'expect region pool0 online 0B', passed: true, actual: '0B' }
        ]
    };
}

/** The same scenario where the release did not take the whole group: two expectations fail. */
export function specExampleFailing(): ScenarioResult {
    const r = specExample();
    r.kernel = 'dcd-v9';
    r.events[3] = { ...r.events[3]!, outcome: 'partial', detail: 'only the named extent 0x0 was released' };
    r.extents[1]!.state = 'online';
    r.extents[1]!.timeline = r.extents[1]!.timeline.slice(0, 3);
    r.regions[0] = { ...r.regions[0]!, extents: 1, accepted_bytes: 128 * MiB, online_bytes: 128 * MiB, memmap_bytes: 2 * MiB };
    r.expectations[4] = { ...r.expectations[4]!, passed: false, actual: 'partial' };
    r.expectations[5] = { ...r.expectations[5]!, passed: false, actual: '128MiB' };
    return r;
}

/**
 * dcd-v11, a dax region: a More chain that never closes is dropped by the 20 s watchdog, a
 * fresh chain at 21s is accepted and claimed by a DAX device, QEMU refuses a misaligned add,
 * and a release while the DAX device holds the group is deferred.
 */
export function chainTimeout(): ScenarioResult {
    return {
        name: 'chain_times_out', kernel: 'dcd-v11', host: 'lab02',
        events: [
            {
                index: 0, label: 'open', t_ns: 0, line: 12, action: 'add', outcome: 'rejected', reason: 'chain-timeout', errno: null,
                detail: 'record staged with More set; the chain never closed and the 20 s watchdog dropped it'
            },
            {
                index: 1, label: 'open2', t_ns: 20 * MS, line: 13, action: 'add', outcome: 'rejected', reason: 'chain-timeout', errno: null,
                detail: 'record staged with More set (watchdog re-armed); dropped with the chain at 20.02s'
            },
            {
                index: 2, label: 'retry', t_ns: 21 * S, line: 14, action: 'add', outcome: 'accepted', reason: null, errno: null,
                detail: '1 extent (128MiB, tag pool) accepted into r0'
            },
            {
                index: 3, label: 'dev', t_ns: 21 * S, line: 15, action: 'create_dax', outcome: 'ok', reason: null, errno: null,
                detail: 'dax0.1 created on r0 claiming tag pool (128MiB)'
            },
            {
                index: 4, label: 'odd', t_ns: 22 * S, line: 16, action: 'add', outcome: 'refused', reason: 'misaligned', errno: null,
                detail: 'QEMU refuses the request: 0x100000 is not a multiple of the 2MiB block size'
            },
            {
                index: 5, label: 'drop', t_ns: 25 * S, line: 17, action: 'release', outcome: 'deferred', reason: null, errno: 'EBUSY',
                detail: 'tag group pool is claimed by DAX device d0: release deferred, nothing sent'
            }
        ],
        extents: [
            {
                id: 'mem0.dc0@0x0', partition: 'mem0.dc0', offset: 0, dpa: 0x80000000, length: 128 * MiB, tag: POOL_TAG, region: 'r0',
                state: 'rejected', reason: 'chain-timeout',
                timeline: [{ t_ns: 0, state: 'staged' }, { t_ns: 20.02 * S, state: 'rejected', reason: 'chain-timeout' }]
            },
            {
                id: 'mem0.dc0@0x8000000', partition: 'mem0.dc0', offset: 0x8000000, dpa: 0x88000000, length: 128 * MiB, tag: POOL_TAG, region: 'r0',
                state: 'rejected', reason: 'chain-timeout',
                timeline: [{ t_ns: 20 * MS, state: 'staged' }, { t_ns: 20.02 * S, state: 'rejected', reason: 'chain-timeout' }]
            },
            {
                id: 'mem0.dc0@0x0#2', partition: 'mem0.dc0', offset: 0, dpa: 0x80000000, length: 128 * MiB, tag: POOL_TAG, region: 'r0',
                state: 'claimed', reason: null,
                timeline: [{ t_ns: 21 * S, state: 'staged' }, { t_ns: 21 * S, state: 'accepted' }, { t_ns: 21 * S, state: 'claimed' }]
            },
            {
                id: 'mem0.dc0@0x100000', partition: 'mem0.dc0', offset: 0x100000, dpa: 0x80100000, length: 2 * MiB, tag: null, region: null,
                state: 'refused', reason: 'misaligned',
                timeline: [{ t_ns: 22 * S, state: 'refused', reason: 'misaligned' }]
            }
        ],
        regions: [{ name: 'r0', extents: 1, accepted_bytes: 128 * MiB, online_bytes: 0, zone: null, node_state: null, memmap_bytes: 0 }],
        dax: [{ name: 'd0', region: 'r0', size: 128 * MiB, holder: null, state: 'active' }],
        expectations: [
            { line: 20, text: 'expect open rejected chain-timeout', passed: true, actual: 'rejected chain-timeout' },
            { line: 21, text: 'expect at 20s extent mem0.dc0@0x0 staged', passed: true, actual: 'staged' },
            { line: 22, text: 'expect retry accepted', passed: true, actual: 'accepted' },
            { line: 23, text: 'expect dax d0 size 256MiB', passed: false, actual: '128MiB' },
            { line: 24, text: 'expect odd refused misaligned', passed: true, actual: 'refused misaligned' },
            { line: 25, text: 'expect drop deferred', passed: true, actual: 'deferred' }
        ]
    };
}

/** No capacity is ever offered: host actions only, all at 0s (a zero time range). */
export function zeroExtents(): ScenarioResult {
    return {
        name: 'driver_reload', kernel: 'dcd-v9', host: 'lab03',
        events: [
            { index: 0, label: null, t_ns: 0, line: 8, action: 'unload', outcome: 'ok', reason: null, errno: null, detail: 'dax_cxl unloaded; no extents to release' },
            { index: 1, label: null, t_ns: 0, line: 9, action: 'load', outcome: 'ok', reason: null, errno: null, detail: 'dax_cxl loaded; the device lists no extents' },
            {
                index: 2, label: 'mk', t_ns: 0, line: 10, action: 'create_dax', outcome: 'failed', reason: 'no-match', errno: 'ENOENT',
                detail: 'no accepted untagged extent to claim'
            }
        ],
        extents: [],
        regions: [{ name: 'r0', extents: 0, accepted_bytes: 0, online_bytes: 0, zone: null, node_state: null, memmap_bytes: 0 }],
        dax: [],
        expectations: [{ line: 12, text: 'expect dax d0 absent', passed: true, actual: 'absent' }]
    };
}

/** `n` accepted untagged 2 MiB extents, one per millisecond. */
export function manyExtents(n: number): ScenarioResult {
    const extents: ExtentResult[] = [];
    for (let i = 0; i < n; i++) {
        const offset = i * 2 * MiB;
        extents.push({
            id: `mem0.dc0@0x${offset.toString(16)}`, partition: 'mem0.dc0', offset, dpa: 0x80000000 + offset, length: 2 * MiB,
            tag: null, region: 'r0', state: 'accepted', reason: null,
            timeline: [{ t_ns: i * MS, state: 'staged' }, { t_ns: i * MS, state: 'accepted' }]
        });
    }
    return {
        name: 'many', kernel: 'dcd-v9', host: 'lab01',
        events: [{ index: 0, label: 'flood', t_ns: 0, line: 5, action: 'add', outcome: 'accepted', reason: null, errno: null, detail: `${n} extents accepted` }],
        extents,
        regions: [{ name: 'r0', extents: n, accepted_bytes: n * 2 * MiB, online_bytes: 0, zone: null, node_state: null, memmap_bytes: 0 }],
        dax: [],
        expectations: []
    };
}

/** Text that must be escaped everywhere it is drawn. */
export function nastyText(): ScenarioResult {
    const r = specExample();
    r.name = 'a<b & "c"';
    r.host = 'h<1>';
    r.events[0] = { ...r.events[0]!, label: 'g<&">', detail: 'detail with <tags> & "quotes" and \'apostrophes\'' };
    r.extents[0] = { ...r.extents[0]!, id: 'mem0.dc0@0x0<&">', region: 'r&d' };
    r.expectations[0] = { ...r.expectations[0]!, text: 'expect g<&"> accepted', passed: false, actual: '<none> & "x"' };
    return r;
}
