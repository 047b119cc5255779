/**
 * Region checks: the decoded range, the policy knobs, and what the kernel profiles of the
 * workspace's hosts can express (LANGUAGE.md §2, §4; DOMAIN.md §3.2, §4–§7).
 */
import type { AstNode, ValidationAcceptor } from 'langium';
import {
    isAcceptSetting, isDriverSetting, isHolderSetting, isRegionNode, isRegionPartition, isRegionRange, isReleaseAction,
    isZoneSetting,
    type Region
} from '../generated/ast.js';
import type { HostConfig } from '../model/index.js';
import {
    POLICY_UNSUPPORTED_BY_KERNEL, REGION_DRIVER_MISSING, REGION_KNOB_WRONG_DRIVER, REGION_MEMORY_BLOCK_REMAINDER,
    REGION_NODE_UNDECLARED, REGION_NOT_FIRST_PARTITION, REGION_OUTSIDE_PARTITION, REGION_OVERLAP, REGION_PARTITION_MISSING,
    REGION_PRIVATE_NODE_HAS_MEMORY, REGION_RANGE_MISALIGNED, REGION_RANGE_NOT_256MIB,
    REGION_RANGE_ZERO, REGION_SMALLER_THAN_MEMORY_BLOCK, REGION_UNTAGGED_ON_SHARABLE, REGION_ZONE_NORMAL_RELEASED
} from './codes.js';
import { SZ_256M, countValue, exactValue, first, hex, isMultiple, listWords, rangesOverlap, roundDown, roundUp, size, where } from './util.js';
import { judgingHosts, judgingKernelsOf, memoryBlockSizesOf } from './judging.js';
import { kernelProblems } from './profile-support.js';
import type { RegionInfo, WorkspaceViews } from './workspace-view.js';

/** A region check that needs the workspace. */
type RegionCheck = (region: Region, accept: ValidationAcceptor) => void;

/** The region's range setting, and whether its literals are exact. */
function rangeFacts(region: Region) {
    const range = first(region.properties, isRegionRange);
    const exact = !range || (exactValue(range.offset) !== undefined && exactValue(range.size) !== undefined);
    return { range, exact };
}

/** Where to report about the decoded range: the `range` clause, else the `partition` clause, else the name. */
function rangeLocation(region: Region): { node: AstNode } {
    return { node: first(region.properties, isRegionRange) ?? first(region.properties, isRegionPartition) ?? region };
}

/** `host lab01`, `hosts a and b`, or the implicit host. */
function hostWords(hosts: readonly HostConfig[]): string {
    if (hosts.length === 0) return 'the implicit host (the workspace declares no host)';
    const names = hosts.slice(0, 3).map(h => h.name);
    if (hosts.length > 3) names.push(`${hosts.length - 3} more`);
    return `${hosts.length === 1 ? 'host' : 'hosts'} ${listWords(names)}`;
}

/** A region needs a partition. @see LANGUAGE.md §2 ("partition … required") */
export function regionMustNameAPartition(region: Region, accept: ValidationAcceptor): void {
    if (!region.name || region.properties.some(isRegionPartition)) return; // no name: the parser error speaks
    accept('error', `region ${region.name} names no partition; add \`partition DEVICE.PARTITION\``, {
        node: region, property: 'name', code: REGION_PARTITION_MISSING
    });
}

/** A region needs a driver. @see LANGUAGE.md §2 ("driver … required") */
export function regionMustNameADriver(region: Region, accept: ValidationAcceptor): void {
    if (!region.name || region.properties.some(isDriverSetting)) return; // no name: the parser error speaks
    accept('error', `region ${region.name} names no driver; add \`driver dax\`, \`driver sysram\` or \`driver virtio\``, {
        node: region, property: 'name', code: REGION_DRIVER_MISSING
    });
}

/** A region decodes something: its range is not empty. */
export function regionRangeMustNotBeEmpty(region: Region, accept: ValidationAcceptor): void {
    const range = first(region.properties, isRegionRange);
    if (!range || exactValue(range.size) !== 0) return;
    accept('error', `region ${region.name} has an empty range; give it a size (a multiple of the block size), or remove \`range\` to decode the whole partition`, {
        node: range, property: 'size', code: REGION_RANGE_ZERO
    });
}

/**
 * A region decodes part of its partition: offset + size ≤ partition length. Extents outside the
 * decoder are rejected (-ENXIO).
 * @see LANGUAGE.md §6 ("a region outside its partition"); DOMAIN.md §3.2 rule 4
 */
export const regionMustLieInsideItsPartition = (views: WorkspaceViews): RegionCheck => (region, accept) => {
    const info = views.get(region).regionByNode.get(region);
    const { range, exact } = rangeFacts(region);
    if (!info?.partition || !range || !exact) return;
    const { offset, size: length } = info.config;
    const partitionLength = info.partition.config.length;
    if (offset + length <= partitionLength) return;
    const fix = offset >= partitionLength
        ? `the partition is ${size(partitionLength)} long: use an offset below ${hex(partitionLength)}`
        : `use size ${size(partitionLength - offset)} or less`;
    accept('error', `region ${region.name} ends at ${hex(offset + length)}, past the end of partition ${info.config.partition} (${hex(partitionLength)}); ${fix}`, {
        node: range, code: REGION_OUTSIDE_PARTITION
    });
};

/** The decoded range is aligned to the partition's block size (every extent is). @see DOMAIN.md §1.6, §2.2 */
export const regionRangeMustBeBlockAligned = (views: WorkspaceViews): RegionCheck => (region, accept) => {
    const info = views.get(region).regionByNode.get(region);
    const { range, exact } = rangeFacts(region);
    if (!info?.partition || !range || !exact) return;
    const block = info.partition.config.blockSize;
    if (block <= 0) return;
    const { offset, size: length } = info.config;
    for (const [property, value, word] of [['offset', offset, 'offset'], ['size', length, 'size']] as const) {
        if (isMultiple(value, block)) continue;
        const down = roundDown(value, block);
        const fix = property === 'offset' ? hex(down) : `${size(down > 0 ? down : block)}${down > 0 ? ` or ${size(roundUp(value, block))}` : ''}`;
        accept('error', `region ${region.name}'s ${word} ${property === 'offset' ? hex(value) : size(value)} is not a multiple of the partition block size ${size(block)}; use ${fix}`, {
            node: range, property, code: REGION_RANGE_MISALIGNED
        });
    }
};

/** HDM decoders map whole 256 MiB units, so a decoded range starts and ends on 256 MiB (warning). @see DOMAIN.md §1.6 */
export const regionRangeShouldBe256MiBAligned = (views: WorkspaceViews): RegionCheck => (region, accept) => {
    const info = views.get(region).regionByNode.get(region);
    const { range, exact } = rangeFacts(region);
    if (!info?.partition || !range || !exact) return;
    const block = info.partition.config.blockSize;
    const { offset, size: length } = info.config;
    if (block > 0 && (!isMultiple(offset, block) || !isMultiple(length, block))) return; // the block check speaks
    if (length === 0 || (isMultiple(offset, SZ_256M) && isMultiple(length, SZ_256M))) return;
    accept('warning', `region ${region.name}'s range ${hex(offset)} size ${size(length)} is not 256MiB aligned; HDM decoders map whole 256MiB units: use offset ${hex(roundDown(offset, SZ_256M))} size ${size(Math.max(roundUp(length, SZ_256M), SZ_256M))}`, {
        node: range, code: REGION_RANGE_NOT_256MIB
    });
};

/** Two regions never decode the same DPA. @see LANGUAGE.md §6 ("overlapping regions") */
export const regionsMustNotOverlap = (views: WorkspaceViews): RegionCheck => (region, accept) => {
    const view = views.get(region);
    const info = view.regionByNode.get(region);
    if (!info?.partition || !rangeFacts(region).exact) return;
    // Only the part inside the partition decodes anything (the part outside is its own error).
    const length = info.partition.config.length;
    const clip = (r: RegionInfo) => [r.config.offset, Math.max(0, Math.min(r.config.offset + r.config.size, length) - r.config.offset)] as const;
    const [offset, size_] = clip(info);
    const others = (view.regionsByPartition.get(info.partition.node) ?? []).filter(o => o !== info && rangeFacts(o.node).exact
        && rangesOverlap(offset, size_, ...clip(o)));
    if (others.length === 0) return;
    const words = others.slice(0, 3).map(o => `${o.node.name} (${hex(o.config.offset)}..${hex(o.config.offset + o.config.size)})`);
    if (others.length > 3) words.push(`${others.length - 3} more`);
    accept('error', `region ${region.name} (${hex(info.config.offset)}..${hex(info.config.offset + info.config.size)}) overlaps region ${listWords(words)} on partition ${info.config.partition}; give each region its own \`range\``, {
        ...rangeLocation(region), code: REGION_OVERLAP
    });
};

/**
 * Policy knobs belong to a driver: `zone` and `node` to sysram (they steer memory hotplug),
 * `holder` to dax (it steers fs_dax_get).
 * @see LANGUAGE.md §2, §6 ("policy knobs on the wrong driver")
 */
export function policyKnobsMustMatchTheDriver(region: Region, accept: ValidationAcceptor): void {
    const driver = first(region.properties, isDriverSetting)?.driver;
    if (!driver) return;
    const knobs: Array<[AstNode | undefined, string, string]> = [
        [first(region.properties, isZoneSetting), 'zone', 'sysram'],
        [first(region.properties, isRegionNode), 'node', 'sysram'],
        [first(region.properties, isHolderSetting), 'holder', 'dax']
    ];
    for (const [knob, word, needs] of knobs) {
        if (!knob || driver === needs) continue;
        accept('error', `\`${word}\` applies to ${needs} regions only, and region ${region.name} uses driver ${driver}; remove \`${word}\` or use \`driver ${needs}\``, {
            node: knob, code: REGION_KNOB_WRONG_DRIVER
        });
    }
}

/**
 * A region is judged under the kernels of the hosts it runs on (`judgingKernelsOf`): a driver
 * or accept form a profile cannot express is an error, never silently ignored.
 * @see LANGUAGE.md §4; judging.ts for which hosts
 */
export const regionMustBeSupportedByEveryHostKernel = (views: WorkspaceViews): RegionCheck => (region, accept) => {
    const view = views.get(region);
    const info = view.regionByNode.get(region);
    if (!info) return;
    for (const { kernel, hosts } of judgingKernelsOf(view, info)) {
        for (const problem of kernelProblems(info, kernel)) {
            accept('error', `${problem.what} is not supported by kernel ${kernel} of ${hostWords(hosts)}: ${problem.fix}`, {
                node: problem.node, code: POLICY_UNSUPPORTED_BY_KERNEL
            });
        }
    }
};

/**
 * A private node never has N_MEMORY: N_MEMORY_PRIVATE and N_MEMORY are mutually exclusive, and
 * `node_private_register` fails -EBUSY on a node that already has N_MEMORY — from boot DRAM on
 * a host, or from another region onlined as N_MEMORY on the same node.
 * @see DOMAIN.md §6 [PMN-01]; LANGUAGE.md §4 host memory rules
 */
export const privateNodeMustNotHaveMemory = (views: WorkspaceViews): RegionCheck => (region, accept) => {
    const view = views.get(region);
    const info = view.regionByNode.get(region);
    const setting = first(region.properties, isRegionNode);
    const id = countValue(setting?.id);
    if (!info || !setting || setting.state !== 'N_MEMORY_PRIVATE' || id === undefined) return;
    const reasons: string[] = [];
    // Node ids are per host: only the hosts this region runs on, and regions on those hosts, count.
    const hosts = judgingHosts(view, info);
    const withDram = hosts.filter(h => h.nodes.some(n => n.id === id && n.dramBytes > 0));
    if (withDram.length > 0) reasons.push(`it has boot DRAM on ${hostWords(withDram)}`);
    const names = new Set(hosts.map(h => h.name));
    const memoryRegions = (view.memoryRegionsByNode.get(id) ?? [])
        .filter(o => o !== info && (names.size === 0 || judgingHosts(view, o).some(h => names.has(h.name))));
    if (memoryRegions.length > 0) reasons.push(`region ${listWords(memoryRegions.slice(0, 3).map(o => o.node.name))}${memoryRegions.length > 3 ? ' (and others)' : ''} onlines N_MEMORY on it`);
    if (reasons.length === 0) return;
    const free = view.hosts.flatMap(h => h.config.nodes.filter(n => n.dramBytes === 0).map(n => n.id))
        .filter(n => n !== id && !view.memoryRegionsByNode.has(n));
    const fix = free.length > 0 ? `use a memory-less node such as node ${free[0]}` : 'use a memory-less node (declare `node N` on the host without `dram`)';
    accept('error', `node ${id} cannot become N_MEMORY_PRIVATE: ${reasons.join(', and ')}, so it has N_MEMORY and node_private_register fails -EBUSY; ${fix}`, {
        node: setting, code: REGION_PRIVATE_NODE_HAS_MEMORY
    });
};

/** The node a region's memory joins is a node of the host (warning). @see LANGUAGE.md §2 (`node` on hosts) */
export const regionNodeShouldBeDeclaredOnTheHost = (views: WorkspaceViews): RegionCheck => (region, accept) => {
    const view = views.get(region);
    const setting = first(region.properties, isRegionNode);
    const id = countValue(setting?.id);
    if (!setting || id === undefined) return;
    const info = view.regionByNode.get(region);
    const missing = (info ? judgingHosts(view, info) : view.hosts.map(h => h.config)).filter(h => !h.nodes.some(n => n.id === id));
    if (missing.length === 0) return;
    accept('warning', `node ${id} is not declared on ${hostWords(missing)}; add \`node ${id}\` there (without \`dram\` for a memory-less node)`, {
        node: setting, property: 'id', code: REGION_NODE_UNDECLARED
    });
};

/**
 * `zone normal` on a region whose capacity a scenario releases: without ZONE_MOVABLE there is
 * no guarantee a memory block can be offlined, so the release may fail `offline-busy` (warning).
 * @see DOMAIN.md §7 ("Without ZONE_MOVABLE, there is absolutely no guarantee…"), §10
 */
export const zoneNormalShouldNotBeReleased = (views: WorkspaceViews): RegionCheck => (region, accept) => {
    const view = views.get(region);
    const info = view.regionByNode.get(region);
    const zone = first(region.properties, isZoneSetting);
    if (!info?.partition || !zone || zone.zone !== 'normal') return;
    for (const member of view.releasesByPartition.get(info.partition.node) ?? []) {
        const release = member.action;
        if (!isReleaseAction(release)) continue;
        const touches = release.extents.length === 0 || release.extents.some(e => {
            const o = exactValue(e.offset), l = exactValue(e.size);
            return o !== undefined && l !== undefined && rangesOverlap(o, l, info.config.offset, info.config.size);
        });
        if (!touches) continue;
        accept('warning', `scenario ${member.$container.name} releases capacity of region ${region.name} (${where(member, region)}), but ZONE_NORMAL gives no guarantee that memory can be offlined, so the release may fail offline-busy; use \`zone movable\``, {
            node: zone, property: 'zone', code: REGION_ZONE_NORMAL_RELEASED
        });
        return;
    }
};

/**
 * sysram hotplugs whole memory blocks: the region range aligned inward to the memory block size
 * must not be empty, or nothing can be onlined (-ENOSPC "region too small after alignment").
 * @see DOMAIN.md §5 [PMN-24], §7
 */
export const sysramRegionMustHoldAMemoryBlock = (views: WorkspaceViews): RegionCheck => (region, accept) => {
    const view = views.get(region);
    const info = view.regionByNode.get(region);
    if (!info?.partition || info.config.driver !== 'sysram' || first(region.properties, isDriverSetting) === undefined) return;
    if (!rangeFacts(region).exact || info.config.size === 0) return;
    for (const { bytes, hosts } of memoryBlockSizesOf(view, info)) {
        if (bytes <= 0 || info.config.size >= bytes) continue;
        accept('error', `sysram region ${region.name} is ${size(info.config.size)}, smaller than one memory block (${size(bytes)} on ${hostWords(hosts)}), so nothing can be onlined; make the range at least ${size(bytes)}`, {
            ...rangeLocation(region), code: REGION_SMALLER_THAN_MEMORY_BLOCK
        });
    }
};

/** The part of a sysram region beyond whole memory blocks is never onlined (warning). @see DOMAIN.md §5, §7 */
export const sysramRegionShouldBeWholeMemoryBlocks = (views: WorkspaceViews): RegionCheck => (region, accept) => {
    const view = views.get(region);
    const info = view.regionByNode.get(region);
    if (!info?.partition || info.config.driver !== 'sysram' || first(region.properties, isDriverSetting) === undefined) return;
    if (!rangeFacts(region).exact) return;
    for (const { bytes, hosts } of memoryBlockSizesOf(view, info)) {
        if (bytes <= 0 || info.config.size < bytes || isMultiple(info.config.size, bytes)) continue;
        const rest = info.config.size % bytes;
        accept('warning', `sysram region ${region.name} (${size(info.config.size)}) is not a whole number of ${size(bytes)} memory blocks (${hostWords(hosts)}); its last ${size(rest)} is never onlined: use size ${size(info.config.size - rest)}`, {
            ...rangeLocation(region), code: REGION_MEMORY_BLOCK_REMAINDER
        });
    }
};

/**
 * The posted Linux series exposes only the first DC partition (`dynamic_ram_1`); a region on a
 * later one cannot be created there (warning: the hardware and the spec allow 8).
 * @see DOMAIN.md §1.6, §13 item 6; kernel `cxl_configure_dcd` ("Return 1st partition")
 */
export const regionShouldUseTheFirstPartition = (views: WorkspaceViews): RegionCheck => (region, accept) => {
    const info = views.get(region).regionByNode.get(region);
    if (!info?.partition || info.partition.config.index === 0) return;
    const ref = first(region.properties, isRegionPartition);
    if (!ref) return;
    const firstName = info.partition.device.partitions[0]?.id ?? `${info.partition.device.name}.<first>`;
    accept('warning', `partition ${info.config.partition} is DC partition ${info.partition.config.index}; the posted Linux DCD series exposes only the first (dynamic_ram_1), so this region cannot be created there: use ${firstName}`, {
        node: ref, property: 'partition', code: REGION_NOT_FIRST_PARTITION
    });
};

/** A sharable partition carries only tagged extents, so `accept untagged` there accepts nothing (warning). @see DOMAIN.md §3.2 rule 2 */
export const untaggedRegionShouldNotBeOnASharablePartition = (views: WorkspaceViews): RegionCheck => (region, accept) => {
    const info = views.get(region).regionByNode.get(region);
    const setting = first(region.properties, isAcceptSetting);
    if (!info?.partition?.config.sharable || !setting?.untagged) return;
    accept('warning', `partition ${info.config.partition} is sharable, where the host rejects every untagged extent (untagged-on-sharable), so this region accepts nothing; accept a tag instead`, {
        node: setting, code: REGION_UNTAGGED_ON_SHARABLE
    });
};
