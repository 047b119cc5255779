import type { Reference } from 'langium';
import {
    isAcceptSetting, isAutoOnlineSetting, isBaseSetting, isBlockSizeSetting, isDecodeLengthSetting, isDevice,
    isDriverSetting, isHolderSetting, isHost, isHostNode, isKernelSetting, isLengthSetting, isMaxExtentsSetting,
    isMemmapOnMemorySetting, isMemoryBlockSizeSetting, isModelSetting, isPartition, isRegion, isRegionNode,
    isRegionPartition, isRegionRange, isSanitizeOnReleaseSetting, isSharableSetting, isStaticCapacitySetting,
    isTagDecl, isZoneSetting,
    type Device, type Host, type Partition, type PolicyFile, type Region, type TagRef
} from '../generated/ast.js';
import { canonicalUuid, numberValue } from '../literals.js';
import {
    DEFAULT_KERNEL, MiB, NULL_UUID,
    type AcceptPolicy, type DeviceConfig, type HostConfig, type PartitionConfig, type RegionConfig, type World
} from '../model/types.js';
import { lineOf } from './lines.js';

/** Default memory block size: 128 MiB, the x86-64 default (DOMAIN.md §7). */
export const DEFAULT_MEMORY_BLOCK_SIZE = 128 * MiB;
/** Default extent limit of a device: QEMU's `CXL_NUM_EXTENTS_SUPPORTED` (DOMAIN.md §2.1). */
export const DEFAULT_MAX_EXTENTS = 512;
/** Decode length granularity: `decode_len` is reported in 256 MiB units (DOMAIN.md §1.6). */
export const DECODE_GRANULE = 256 * MiB;

/** The first node of `nodes` whose property list has a property of the given kind. */
function first<T>(items: readonly unknown[], guard: (x: unknown) => x is T): T | undefined {
    for (const item of items) if (guard(item)) return item;
    return undefined;
}

/** `device.partition` of a partition declaration. */
export function partitionId(partition: Partition): string {
    const device = partition.$container as Device;
    return `${device.name}.${partition.name}`;
}

/** The partition id a reference points to, or the reference text when it does not resolve. */
export function partitionRefId(ref: Reference<Partition> | undefined): string {
    const target = ref?.ref;
    return target ? partitionId(target) : (ref?.$refText ?? '').replace(/\s+/g, '');
}

/**
 * The uuid a tag reference stands for: a canonical lower-case uuid, or `null` for the null
 * uuid (untagged). An unresolved name yields a uuid-shaped placeholder that matches nothing.
 */
export function tagUuid(ref: TagRef | undefined): string | null {
    if (!ref) return null;
    const uuid = ref.uuid ?? ref.tag?.ref?.uuid;
    if (uuid === undefined) return `unresolved:${ref.tag?.$refText ?? ''}`;
    const canonical = canonicalUuid(uuid);
    return canonical === NULL_UUID ? null : canonical;
}

/** Translates a host declaration, applying LANGUAGE.md §2 defaults. */
export function hostConfig(host: Host): HostConfig {
    const props = host.properties;
    const blockSize = first(props, isMemoryBlockSizeSetting);
    return {
        name: host.name,
        kernel: first(props, isKernelSetting)?.profile ?? DEFAULT_KERNEL,
        memoryBlockSize: blockSize ? numberValue(blockSize.size) : DEFAULT_MEMORY_BLOCK_SIZE,
        autoOnline: first(props, isAutoOnlineSetting)?.onlineType ?? 'offline',
        memmapOnMemory: first(props, isMemmapOnMemorySetting)?.value === 'on',
        nodes: props.filter(isHostNode).map(n => ({ id: numberValue(n.id), dramBytes: n.dram === undefined ? 0 : numberValue(n.dram) })),
        line: lineOf(host)
    };
}

/** Translates a partition declaration; `index` is its position among the device's partitions. */
export function partitionConfig(partition: Partition, index: number): PartitionConfig {
    const props = partition.properties;
    const length = numberValue(first(props, isLengthSetting)?.value);
    const decode = first(props, isDecodeLengthSetting);
    const device = partition.$container as Device;
    return {
        id: partitionId(partition),
        device: device.name,
        name: partition.name,
        index,
        base: numberValue(first(props, isBaseSetting)?.value),
        length,
        blockSize: numberValue(first(props, isBlockSizeSetting)?.value ?? '2MiB'),
        decodeLength: decode ? numberValue(decode.value) : Math.ceil(length / DECODE_GRANULE) * DECODE_GRANULE,
        sharable: first(props, isSharableSetting)?.value === 'true',
        sanitizeOnRelease: first(props, isSanitizeOnReleaseSetting)?.value === 'true',
        line: lineOf(partition)
    };
}

/** Translates a device declaration with its partitions. */
export function deviceConfig(device: Device): DeviceConfig {
    const props = device.properties;
    const maxExtents = first(props, isMaxExtentsSetting);
    return {
        name: device.name,
        staticCapacity: numberValue(first(props, isStaticCapacitySetting)?.size),
        maxExtents: maxExtents ? numberValue(maxExtents.count) : DEFAULT_MAX_EXTENTS,
        model: first(props, isModelSetting)?.model ?? 'qemu',
        partitions: props.filter(isPartition).map((p, i) => partitionConfig(p, i)),
        line: lineOf(device)
    };
}

/** Translates a region's accept clause; undefined when the region has none (profile default). */
export function acceptPolicy(region: Region): AcceptPolicy | undefined {
    const accept = first(region.properties, isAcceptSetting);
    if (!accept) return undefined;
    if (accept.any) return { kind: 'any' };
    if (accept.untagged) return { kind: 'untagged' };
    const tags = accept.tags.map(tagUuid);
    if (tags.length > 0 && tags.every(t => t === null)) return { kind: 'untagged' };
    return { kind: 'tags', tags: tags.filter((t): t is string => t !== null) };
}

/**
 * Translates a region and its policy. The decoded range defaults to the whole partition.
 * @param partitionLength the length of the region's partition in bytes (0 when unresolved)
 */
export function regionConfig(region: Region, partitionLength: number): RegionConfig {
    const props = region.properties;
    const range = first(props, isRegionRange);
    const node = first(props, isRegionNode);
    return {
        name: region.name,
        partition: partitionRefId(first(props, isRegionPartition)?.partition),
        offset: range ? numberValue(range.offset) : 0,
        size: range ? numberValue(range.size) : partitionLength,
        driver: first(props, isDriverSetting)?.driver ?? 'dax',
        accept: acceptPolicy(region),
        zone: first(props, isZoneSetting)?.zone,
        node: node ? { id: numberValue(node.id), state: node.state } : undefined,
        holder: first(props, isHolderSetting)?.mode ?? 'exclusive',
        line: lineOf(region)
    };
}

/**
 * Builds the shared device model of a workspace from the root nodes of its documents: every
 * host, device (with partitions), tag and region, in document then source order.
 */
export function buildWorld(roots: readonly PolicyFile[]): World {
    const world: World = { hosts: [], devices: [], regions: [], tags: {} };
    const regions: Region[] = [];
    for (const root of roots) {
        for (const element of root.elements) {
            if (isHost(element)) world.hosts.push(hostConfig(element));
            else if (isDevice(element)) world.devices.push(deviceConfig(element));
            else if (isTagDecl(element) && element.name && element.uuid && !(element.name in world.tags)) world.tags[element.name] = canonicalUuid(element.uuid);
            else if (isRegion(element)) regions.push(element);
        }
    }
    const lengths = new Map(world.devices.flatMap(d => d.partitions.map(p => [p.id, p.length] as const)));
    for (const region of regions) {
        const partition = partitionRefId(first(region.properties, isRegionPartition)?.partition);
        world.regions.push(regionConfig(region, lengths.get(partition) ?? 0));
    }
    return world;
}
