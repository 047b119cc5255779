/**
 * Generators for the benchmarks: policy workspaces of a given line count and scenarios of a
 * given event count. Deterministic (no randomness), so figures compare across runs.
 */
import type { EventSpec, ScenarioSpec, World } from '../language/model/types.js';
import { GiB, MiB } from '../language/model/types.js';

/** A `.dcdpolicy` file of about `lines` lines: a host, devices, tags, regions and scenarios. */
export function generatePolicyText(lines: number, fileIndex = 0): string {
    const out: string[] = [];
    const p = `f${fileIndex}_`;
    out.push(`host ${p}host {`, '    kernel sysram-rfc', '    memory_block_size 128MiB', '    auto_online online_movable', '    node 0 dram 64GiB', '    node 2', '}');
    let unit = 0;
    while (out.length < lines) {
        const d = `${p}mem${unit}`;
        const t = `${p}tag${unit}`;
        const r = `${p}pool${unit}`;
        const hex = (fileIndex * 0x100000 + unit).toString(16).padStart(12, '0');
        out.push(
            `device ${d} {`, '    static_capacity 2GiB', '    model qemu',
            '    partition dc0 {', '        base 0x80000000', '        length 4GiB', '        block_size 2MiB', '    }', '}',
            `tag ${t} = 5be13bce-ae34-4a77-b6c3-${hex}`,
            `region ${r} {`, `    partition ${d}.dc0`, '    driver sysram', `    accept tag ${t}`, '    zone movable', '    node 2 N_MEMORY_PRIVATE', '}',
            `scenario ${p}grow${unit} {`, `    host ${p}host`
        );
        for (let i = 0; i < 8; i++) {
            out.push(`    at ${i}s add ${d}.dc0 tag ${t} extents { 0x${(i * 256 * MiB).toString(16)} size 128MiB, 0x${(i * 256 * MiB + 128 * MiB).toString(16)} size 128MiB } as e${i}`);
        }
        out.push(`    at 9s alloc unmovable ${r} size 2MiB as kalloc`, '    expect e0 accepted', '    expect kalloc failed ENOMEM', `    expect region ${r} online 256MiB`, '}');
        unit++;
    }
    return out.join('\n') + '\n';
}

/** A workspace of `totalLines` lines split into files of about 1,000 lines. */
export function generateWorkspace(totalLines: number): Array<{ path: string; text: string }> {
    const files: Array<{ path: string; text: string }> = [];
    const perFile = Math.min(1000, totalLines);
    for (let i = 0; i * perFile < totalLines; i++) {
        files.push({ path: `/bench/ws/file${i}.dcdpolicy`, text: generatePolicyText(perFile, i) });
    }
    return files;
}

/** The model a churn scenario runs against: one host, one cxl_test device, one dax region. */
export function churnWorld(): World {
    return {
        hosts: [{ name: 'h', kernel: 'dcd-v11', memoryBlockSize: 128 * MiB, autoOnline: 'offline', memmapOnMemory: false, nodes: [{ id: 0, dramBytes: 64 * GiB }] }],
        devices: [{
            name: 'mem0', staticCapacity: 0, maxExtents: 512, model: 'qemu',
            partitions: [{ id: 'mem0.dc0', device: 'mem0', name: 'dc0', index: 0, base: 0, length: 64 * GiB, blockSize: 2 * MiB, decodeLength: 64 * GiB, sharable: false, sanitizeOnRelease: false }]
        }],
        regions: [{ name: 'r0', partition: 'mem0.dc0', offset: 0, size: 64 * GiB, driver: 'dax', accept: { kind: 'any' }, holder: 'exclusive' }],
        tags: {}
    };
}

/**
 * A scenario of `events` events: an FM that keeps adding tagged 2-extent groups, claiming them
 * as DAX devices, destroying the devices and releasing the capacity, round after round, over a
 * 64 GiB partition (at most 256 groups live, so the device's 512-extent limit holds).
 */
export function churnScenario(events: number): ScenarioSpec {
    const list: EventSpec[] = [];
    const slots = 128;
    let round = 0;
    while (list.length < events) {
        for (let slot = 0; slot < slots && list.length < events; slot++) {
            const tag = `${(round * slots + slot).toString(16).padStart(8, '0')}-0000-4000-8000-000000000001`;
            const offset = slot * 512 * MiB;
            const t = (round * slots + slot) * 1_000_000;
            const steps: EventSpec['action'][] = [
                { kind: 'add', partition: 'mem0.dc0', tag, extents: [{ offset, length: 128 * MiB, seq: 0 }, { offset: offset + 256 * MiB, length: 128 * MiB, seq: 0 }], more: false, list: true },
                { kind: 'create_dax', name: `d${slot}`, region: 'r0', claim: { by: 'uuid', tag } },
                { kind: 'destroy_dax', name: `d${slot}` },
                { kind: 'release', partition: 'mem0.dc0', tag, extents: [{ offset, length: 128 * MiB, seq: 0 }], forced: false, tagBased: false }
            ];
            steps.forEach((action, k) => {
                if (list.length < events) list.push({ index: list.length, tNs: t + k * 1000, line: list.length + 1, action });
            });
        }
        round++;
    }
    return {
        name: `churn_${events}`, line: 1, host: churnWorld().hosts[0], kernel: 'dcd-v11', events: list,
        expectations: [{ line: 0, text: 'expect region r0 extents 0', claim: { kind: 'region', region: 'r0', property: 'extents', value: 0 } }]
    };
}

/**
 * The model a sysram workload runs against: a sysram-rfc host with 128 MiB memory blocks,
 * a node 2 without DRAM, one qemu device and a sysram region that onlines into ZONE_MOVABLE
 * as N_MEMORY_PRIVATE on node 2.
 */
export function sysramWorld(): World {
    return {
        hosts: [{ name: 'h', kernel: 'sysram-rfc', memoryBlockSize: 128 * MiB, autoOnline: 'offline', memmapOnMemory: false, nodes: [{ id: 0, dramBytes: 64 * GiB }, { id: 2, dramBytes: 0 }] }],
        devices: [{
            name: 'mem0', staticCapacity: 0, maxExtents: 512, model: 'qemu',
            partitions: [{ id: 'mem0.dc0', device: 'mem0', name: 'dc0', index: 0, base: 0, length: 64 * GiB, blockSize: 2 * MiB, decodeLength: 64 * GiB, sharable: false, sanitizeOnRelease: false }]
        }],
        regions: [{
            name: 'pool', partition: 'mem0.dc0', offset: 0, size: 64 * GiB, driver: 'sysram', accept: { kind: 'any' },
            zone: 'movable', node: { id: 2, state: 'N_MEMORY_PRIVATE' }, holder: 'exclusive'
        }],
        tags: {}
    };
}

/** Groups a sysram scenario keeps online before it releases the oldest (2 extents, 256 MiB each). */
export const SYSRAM_LIVE_GROUPS = 32;

/**
 * A scenario of `events` events on `sysramWorld()`: step after step, an FM adds a tagged group
 * of two 128 MiB extents (one memory block each), which the host accepts and onlines (ZONE_MOVABLE,
 * N_MEMORY_PRIVATE); a long-term pin of 64 MiB migrates out (ok); an unmovable allocation fails
 * ENOMEM (never in ZONE_MOVABLE or on a private node); and the group added SYSRAM_LIVE_GROUPS
 * steps before is released (offlined, then handed back). 128 slots of 512 MiB are reused.
 */
export function sysramScenario(events: number): ScenarioSpec {
    const list: EventSpec[] = [];
    const slots = 128;
    const tagOf = (g: number) => `${g.toString(16).padStart(8, '0')}-0000-4000-8000-000000000002`;
    const first = (g: number) => (g % slots) * 512 * MiB;
    for (let g = 0; list.length < events; g++) {
        const tag = tagOf(g);
        const offset = first(g);
        const t = g * 1_000_000;
        const steps: EventSpec['action'][] = [
            { kind: 'add', partition: 'mem0.dc0', tag, extents: [{ offset, length: 128 * MiB, seq: 0 }, { offset: offset + 256 * MiB, length: 128 * MiB, seq: 0 }], more: false, list: true },
            { kind: 'pin', region: 'pool', size: 64 * MiB },
            { kind: 'alloc_unmovable', region: 'pool', size: 2 * MiB },
        ];
        if (g >= SYSRAM_LIVE_GROUPS) {
            const old = g - SYSRAM_LIVE_GROUPS;
            steps.push({ kind: 'release', partition: 'mem0.dc0', tag: tagOf(old), extents: [{ offset: first(old), length: 128 * MiB, seq: 0 }], forced: false, tagBased: false });
        }
        steps.forEach((action, k) => {
            if (list.length < events) list.push({ index: list.length, tNs: t + k * 1000, line: list.length + 1, action });
        });
    }
    return {
        name: `sysram_${events}`, line: 1, host: sysramWorld().hosts[0], kernel: 'sysram-rfc', events: list,
        expectations: [
            { line: 0, text: 'expect region pool zone movable', claim: { kind: 'region', region: 'pool', property: 'zone', zone: 'movable' } },
            { line: 0, text: 'expect region pool node N_MEMORY_PRIVATE', claim: { kind: 'region', region: 'pool', property: 'node', nodeState: 'N_MEMORY_PRIVATE' } },
        ]
    };
}
