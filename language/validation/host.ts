/**
 * Host checks (LANGUAGE.md §2, §4; DOMAIN.md §7 memory hotplug).
 */
import type { ValidationAcceptor } from 'langium';
import { isHostNode, isKernelSetting, type Host, type HostNode, type MemoryBlockSizeSetting } from '../generated/ast.js';
import { DEFAULT_KERNEL, MiB, GiB } from '../model/types.js';
import { lineOf } from '../translate/lines.js';
import {
    HOST_DUPLICATE_NODE, HOST_KERNEL_MISSING, HOST_MEMORY_BLOCK_NOT_POWER_OF_TWO, HOST_MEMORY_BLOCK_TOO_SMALL,
    HOST_MEMORY_BLOCK_UNUSUAL
} from './codes.js';
import { countValue, exactValue, isPowerOfTwo, powerOfTwoAbove, powerOfTwoBelow, size } from './util.js';

/** The smallest memory section size of a Linux architecture: 16 MiB (ppc64). @see DOMAIN.md §7 */
export const MIN_MEMORY_BLOCK = 16 * MiB;

/**
 * A host must name its kernel profile: it decides the mechanism every region is judged under.
 * The simulator falls back to dcd-v11 so the rest still checks.
 * @see LANGUAGE.md §2 ("kernel … (required)"), §4
 */
export function hostMustNameAKernel(host: Host, accept: ValidationAcceptor): void {
    if (!host.name || host.properties.some(isKernelSetting)) return; // no name: the parser error speaks
    accept('error', `host ${host.name} names no kernel profile; add \`kernel dcd-v9\`, \`kernel dcd-v11\` or \`kernel sysram-rfc\` (until then it is judged as ${DEFAULT_KERNEL})`, {
        node: host, property: 'name', code: HOST_KERNEL_MISSING
    });
}

/**
 * Memory blocks are whole memory sections, and sections are a power of two in size.
 * @see DOMAIN.md §7; kernel `probe_memory_block_size()`, `/sys/devices/system/memory/block_size_bytes`
 */
export function memoryBlockSizeMustBeAPowerOfTwo(setting: MemoryBlockSizeSetting, accept: ValidationAcceptor): void {
    const bytes = exactValue(setting.size);
    if (bytes === undefined || isPowerOfTwo(bytes)) return;
    const suggestion = bytes <= 0 ? '128MiB' : `${size(powerOfTwoBelow(bytes))} or ${size(powerOfTwoAbove(bytes))}`;
    accept('error', `memory_block_size ${setting.size} is not a power of two; memory blocks are whole sections: use ${suggestion} (x86-64: 128MiB, large bare metal: 2GiB)`, {
        node: setting, property: 'size', code: HOST_MEMORY_BLOCK_NOT_POWER_OF_TWO
    });
}

/**
 * A memory block is at least one memory section; the smallest section size Linux uses is
 * 16 MiB (ppc64; x86-64 uses 128 MiB).
 * @see DOMAIN.md §7
 */
export function memoryBlockSizeMustBeAtLeastOneSection(setting: MemoryBlockSizeSetting, accept: ValidationAcceptor): void {
    const bytes = exactValue(setting.size);
    if (bytes === undefined || !isPowerOfTwo(bytes) || bytes >= MIN_MEMORY_BLOCK) return;
    accept('error', `memory_block_size ${setting.size} is smaller than any memory section (the smallest is 16MiB on ppc64); use 128MiB for x86-64`, {
        node: setting, property: 'size', code: HOST_MEMORY_BLOCK_TOO_SMALL
    });
}

/**
 * x86-64 uses 128 MiB blocks, or up to 2 GiB on large bare metal; other sizes are possible on
 * other architectures but unusual for a CXL host (warning).
 * @see DOMAIN.md §7 [X86-MB]
 */
export function memoryBlockSizeShouldBeInTheX86Range(setting: MemoryBlockSizeSetting, accept: ValidationAcceptor): void {
    const bytes = exactValue(setting.size);
    if (bytes === undefined || !isPowerOfTwo(bytes) || bytes < MIN_MEMORY_BLOCK) return;
    if (bytes >= 128 * MiB && bytes <= 2 * GiB) return;
    accept('warning', `memory_block_size ${setting.size} is outside x86-64's 128MiB..2GiB; check /sys/devices/system/memory/block_size_bytes on the host and write that`, {
        node: setting, property: 'size', code: HOST_MEMORY_BLOCK_UNUSUAL
    });
}

/** A NUMA node is declared once per host. */
export function nodeIdsMustBeUniqueOnAHost(host: Host, accept: ValidationAcceptor): void {
    const seen = new Map<number, HostNode>();
    for (const node of host.properties.filter(isHostNode)) {
        const id = countValue(node.id);
        if (id === undefined) continue;
        const before = seen.get(id);
        if (before) {
            accept('error', `node ${id} is declared twice on host ${host.name} (first at line ${lineOf(before)}); keep one \`node ${id}\` line`, {
                node, property: 'id', code: HOST_DUPLICATE_NODE
            });
        } else seen.set(id, node);
    }
}
