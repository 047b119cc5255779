/**
 * Device and DC partition checks: every sanity check the kernel makes on Get Dynamic Capacity
 * Configuration (`cxl_dc_check`, `cxl_dev_dc_identify`, `cxl_configure_dcd`), and the limits
 * of QEMU's emulated DCD for `model qemu` devices.
 * @see DOMAIN.md §1.6, §2.1
 */
import type { AstNode, ValidationAcceptor } from 'langium';
import {
    isBaseSetting, isBlockSizeSetting, isDecodeLengthSetting, isLengthSetting, isModelSetting,
    isPartition, isStaticCapacitySetting,
    type Device, type MaxExtentsSetting, type Partition
} from '../generated/ast.js';
import { MAX_DC_PARTITIONS, MiB } from '../model/index.js';
import { partitionConfig } from '../translate/world.js';
import {
    DEVICE_MAX_EXTENTS_ZERO, DEVICE_NO_PARTITIONS, DEVICE_QEMU_MAX_EXTENTS, PARTITION_BASE_MISSING, PARTITION_BASE_NOT_256MIB,
    PARTITION_BASE_NOT_BLOCK_ALIGNED, PARTITION_BLOCK_SIZE_NOT_64B_MULTIPLE, PARTITION_BLOCK_SIZE_NOT_POWER_OF_TWO,
    PARTITION_BLOCK_SIZE_ZERO, PARTITION_DECODE_LENGTH_NOT_256MIB, PARTITION_DECODE_LENGTH_ZERO, PARTITION_DPA_ORDER,
    PARTITION_LENGTH_EXCEEDS_DECODE, PARTITION_LENGTH_MISSING, PARTITION_LENGTH_NOT_BLOCK_MULTIPLE, PARTITION_LENGTH_ZERO,
    PARTITION_QEMU_BLOCK_SIZE, PARTITION_QEMU_LENGTH, PARTITION_QEMU_SHARABLE, PARTITION_SKIP_FROM_PMEM, PARTITION_TOO_MANY
} from './codes.js';
import {
    SZ_256M, exactValue, first, hex, isMultiple, isPowerOfTwo, powerOfTwoAbove, powerOfTwoBelow, roundDown, roundUp, size
} from './util.js';

/** `CXL_DCD_BLOCK_LINE_SIZE`: a DC block size is a multiple of 64 bytes. @see DOMAIN.md §1.6 */
export const DCD_BLOCK_LINE_SIZE = 64;
/** The only block size QEMU's DCD supports (supported-block-size bitmask = 2 MiB). @see DOMAIN.md §2.1 */
export const QEMU_BLOCK_SIZE = 2 * MiB;
/** QEMU's `CXL_NUM_EXTENTS_SUPPORTED`: accepted + pending extents. @see DOMAIN.md §2.1 */
export const QEMU_MAX_EXTENTS = 512;

type PartitionFacts = ReturnType<typeof computePartitionFacts>;
const factsCache = new WeakMap<Partition, PartitionFacts>();

/** A partition's values as the kernel sees them (computed once per partition node). */
function partitionFacts(partition: Partition): PartitionFacts {
    let facts = factsCache.get(partition);
    if (!facts) factsCache.set(partition, facts = computePartitionFacts(partition));
    return facts;
}

/** A partition's values as the kernel sees them, and where each is written (undefined: default). */
function computePartitionFacts(partition: Partition) {
    const device = partition.$container;
    const index = device.properties.filter(isPartition).indexOf(partition);
    const config = partitionConfig(partition, Math.max(index, 0));
    const props = partition.properties;
    return {
        device, index, config,
        base: first(props, isBaseSetting), length: first(props, isLengthSetting),
        block: first(props, isBlockSizeSetting), decode: first(props, isDecodeLengthSetting),
        /** A usable block size: the dependent checks are skipped while it is itself wrong. */
        blockOk: config.blockSize > 0 && isPowerOfTwo(config.blockSize) && isMultiple(config.blockSize, DCD_BLOCK_LINE_SIZE),
        /** Every literal of the partition is exact (otherwise the literal check speaks). */
        exact: [first(props, isBaseSetting)?.value, first(props, isLengthSetting)?.value, first(props, isBlockSizeSetting)?.value,
            first(props, isDecodeLengthSetting)?.value].every(t => t === undefined || exactValue(t) !== undefined)
    };
}

/** Where to report about a value: its setting, or the partition name when it is defaulted. */
function at(setting: AstNode | undefined, partition: Partition): { node: AstNode; property?: never } {
    return setting ? { node: setting, property: 'value' as never } : { node: partition, property: 'name' as never };
}

function isQemu(device: Device): boolean {
    return (first(device.properties, isModelSetting)?.model ?? 'qemu') === 'qemu';
}

/** A partition needs a base DPA (the translation would otherwise put it at DPA 0). */
export function partitionMustHaveABase(partition: Partition, accept: ValidationAcceptor): void {
    const f = partitionFacts(partition);
    if (f.base || !partition.name) return;
    const staticCapacity = exactValue(first(f.device.properties, isStaticCapacitySetting)?.size) ?? 0;
    const hint = f.index === 0 ? ` (the first partition starts at static_capacity: \`base ${hex(staticCapacity)}\`)` : '';
    accept('error', `partition ${partition.name} has no base DPA; add \`base 0x…\`${hint}`, {
        node: partition, property: 'name', code: PARTITION_BASE_MISSING
    });
}

/** A partition needs a length; the kernel refuses a zero length (`cxl_dc_check`). */
export function partitionMustHaveALength(partition: Partition, accept: ValidationAcceptor): void {
    if (!partition.name || partition.properties.some(isLengthSetting)) return;
    accept('error', `partition ${partition.name} has no length; add \`length 1GiB\` (a multiple of the block size)`, {
        node: partition, property: 'name', code: PARTITION_LENGTH_MISSING
    });
}

/** Block size ≠ 0. @see DOMAIN.md §1.6; kernel `cxl_dc_check` ("invalid block size") */
export function blockSizeMustNotBeZero(partition: Partition, accept: ValidationAcceptor): void {
    const f = partitionFacts(partition);
    if (!f.block || !f.exact || f.config.blockSize !== 0) return;
    accept('error', `block size 0 is invalid and makes the kernel disable DCD; use 2MiB (QEMU supports only 2MiB)`, {
        ...at(f.block, partition), code: PARTITION_BLOCK_SIZE_ZERO
    });
}

/** Block size is a power of two. @see DOMAIN.md §1.6; kernel `cxl_dc_check` (`is_power_of_2`) */
export function blockSizeMustBeAPowerOfTwo(partition: Partition, accept: ValidationAcceptor): void {
    const f = partitionFacts(partition);
    const b = f.config.blockSize;
    if (!f.block || !f.exact || b === 0 || isPowerOfTwo(b)) return;
    accept('error', `block size ${f.block.value} is not a power of two and makes the kernel disable DCD; use ${size(powerOfTwoBelow(b))} or ${size(powerOfTwoAbove(b))} (QEMU supports only 2MiB)`, {
        ...at(f.block, partition), code: PARTITION_BLOCK_SIZE_NOT_POWER_OF_TWO
    });
}

/** Block size is a multiple of 64 B (`CXL_DCD_BLOCK_LINE_SIZE`). @see DOMAIN.md §1.6; kernel `cxl_dc_check` */
export function blockSizeMustBeAMultipleOf64Bytes(partition: Partition, accept: ValidationAcceptor): void {
    const f = partitionFacts(partition);
    const b = f.config.blockSize;
    if (!f.block || !f.exact || b === 0 || !isPowerOfTwo(b) || isMultiple(b, DCD_BLOCK_LINE_SIZE)) return;
    accept('error', `block size ${f.block.value} is not a multiple of 64B (CXL_DCD_BLOCK_LINE_SIZE) and makes the kernel disable DCD; use at least 64B, normally 2MiB`, {
        ...at(f.block, partition), code: PARTITION_BLOCK_SIZE_NOT_64B_MULTIPLE
    });
}

/** Length ≠ 0. @see DOMAIN.md §1.6; kernel `cxl_dc_check` ("invalid length") */
export function lengthMustNotBeZero(partition: Partition, accept: ValidationAcceptor): void {
    const f = partitionFacts(partition);
    if (!f.length || !f.exact || f.config.length !== 0) return;
    accept('error', `partition length 0 makes the kernel disable DCD; give the partition a length, a multiple of its block size`, {
        ...at(f.length, partition), code: PARTITION_LENGTH_ZERO
    });
}

/** Length is a multiple of the block size. @see DOMAIN.md §1.6; kernel `cxl_dc_check` (`IS_ALIGNED(len, blk_size)`) */
export function lengthMustBeAMultipleOfBlockSize(partition: Partition, accept: ValidationAcceptor): void {
    const f = partitionFacts(partition);
    const { length, blockSize } = f.config;
    if (!f.length || !f.exact || !f.blockOk || length === 0 || isMultiple(length, blockSize)) return;
    const down = roundDown(length, blockSize);
    const fix = down > 0 ? `${size(down)} or ${size(roundUp(length, blockSize))}` : size(blockSize);
    accept('error', `partition length ${f.length.value} is not a multiple of the block size ${size(blockSize)} and makes the kernel disable DCD; use ${fix}`, {
        ...at(f.length, partition), code: PARTITION_LENGTH_NOT_BLOCK_MULTIPLE
    });
}

/** Length ≤ decode length. @see DOMAIN.md §1.6; kernel `cxl_dc_check` (`size < len`) */
export function lengthMustNotExceedDecodeLength(partition: Partition, accept: ValidationAcceptor): void {
    const f = partitionFacts(partition);
    const { length, decodeLength } = f.config;
    if (!f.decode || !f.exact || decodeLength === 0 || length <= decodeLength) return;
    accept('error', `decode length ${f.decode.value} is smaller than the partition length ${size(length)}, which makes the kernel disable DCD; use decode_length ${size(roundUp(length, SZ_256M))} or shorten the partition`, {
        ...at(f.decode, partition), code: PARTITION_LENGTH_EXCEEDS_DECODE
    });
}

/** Decode length ≠ 0. @see DOMAIN.md §1.6; kernel `cxl_dc_check` */
export function decodeLengthMustNotBeZero(partition: Partition, accept: ValidationAcceptor): void {
    const f = partitionFacts(partition);
    if (!f.decode || !f.exact || f.config.decodeLength !== 0) return;
    accept('error', `decode length 0 makes the kernel disable DCD; remove decode_length (it defaults to the length rounded up to 256MiB) or give a multiple of 256MiB`, {
        ...at(f.decode, partition), code: PARTITION_DECODE_LENGTH_ZERO
    });
}

/** Decode length is reported in 256 MiB units, so it is a multiple of 256 MiB. @see DOMAIN.md §1.6 (`decode_len` … in 256 MiB units) */
export function decodeLengthMustBeAMultipleOf256MiB(partition: Partition, accept: ValidationAcceptor): void {
    const f = partitionFacts(partition);
    const d = f.config.decodeLength;
    if (!f.decode || !f.exact || d === 0 || isMultiple(d, SZ_256M)) return;
    accept('error', `decode length ${f.decode.value} is not a multiple of 256MiB; the device reports it in 256MiB units: use ${size(roundUp(d, SZ_256M))}`, {
        ...at(f.decode, partition), code: PARTITION_DECODE_LENGTH_NOT_256MIB
    });
}

/** Base DPA is 256 MiB aligned. @see DOMAIN.md §1.6; kernel `cxl_dc_check` (`IS_ALIGNED(start, SZ_256M)`) */
export function baseMustBe256MiBAligned(partition: Partition, accept: ValidationAcceptor): void {
    const f = partitionFacts(partition);
    const base = f.config.base;
    if (!f.base || !f.exact || isMultiple(base, SZ_256M)) return;
    accept('error', `base ${f.base.value} is not 256MiB aligned, which makes the kernel disable DCD; use ${hex(roundUp(base, SZ_256M))}`, {
        ...at(f.base, partition), code: PARTITION_BASE_NOT_256MIB
    });
}

/** Base DPA is aligned to the block size. @see DOMAIN.md §1.6; kernel `cxl_dc_check` (`IS_ALIGNED(start, blk_size)`) */
export function baseMustBeBlockAligned(partition: Partition, accept: ValidationAcceptor): void {
    const f = partitionFacts(partition);
    const { base, blockSize } = f.config;
    if (!f.base || !f.exact || !f.blockOk || isMultiple(base, blockSize)) return;
    // A 256 MiB misalignment is reported on its own; only report a block misalignment that remains after fixing that.
    if (!isMultiple(base, SZ_256M) && isMultiple(roundUp(base, SZ_256M), blockSize)) return;
    accept('error', `base ${f.base.value} is not aligned to the block size ${size(blockSize)}, which makes the kernel disable DCD; use ${hex(roundUp(base, Math.max(blockSize, SZ_256M)))}`, {
        ...at(f.base, partition), code: PARTITION_BASE_NOT_BLOCK_ALIGNED
    });
}

/** QEMU's DCD supports only 2 MiB blocks (warning: the spec allows others). @see DOMAIN.md §2.1 */
export function qemuSupportsOnly2MiBBlocks(partition: Partition, accept: ValidationAcceptor): void {
    const f = partitionFacts(partition);
    if (!isQemu(f.device) || !f.exact || !f.blockOk || f.config.blockSize === QEMU_BLOCK_SIZE) return;
    accept('warning', `block size ${f.block?.value ?? size(f.config.blockSize)} cannot be built with QEMU (it supports only 2MiB); use block_size 2MiB or \`model cxl_test\``, {
        ...at(f.block, partition), code: PARTITION_QEMU_BLOCK_SIZE
    });
}

/** QEMU builds DC regions in multiples of 256 MiB (warning). @see DOMAIN.md §2.1 `cxl_create_dc_regions` */
export function qemuPartitionLengthShouldBeA256MiBMultiple(partition: Partition, accept: ValidationAcceptor): void {
    const f = partitionFacts(partition);
    const length = f.config.length;
    if (!isQemu(f.device) || !f.length || !f.exact || length === 0 || isMultiple(length, SZ_256M)) return;
    accept('warning', `partition length ${f.length.value} cannot be built with QEMU (each DC region is a multiple of 256MiB); use ${size(roundUp(length, SZ_256M))} or \`model cxl_test\``, {
        ...at(f.length, partition), code: PARTITION_QEMU_LENGTH
    });
}

/** QEMU makes every DC region non-sharable (warning). @see DOMAIN.md §1.6 `build_dsmas_flags`, §2.1 */
export function qemuPartitionsAreNotSharable(partition: Partition, accept: ValidationAcceptor): void {
    const f = partitionFacts(partition);
    const sharable = partition.properties.find(p => p.$type === 'SharableSetting');
    if (!isQemu(f.device) || !f.config.sharable || !sharable) return;
    accept('warning', `QEMU makes every DC region non-sharable, so this partition cannot be built with QEMU; use \`model cxl_test\` to model a sharable partition`, {
        node: sharable, property: 'value' as never, code: PARTITION_QEMU_SHARABLE
    });
}

/**
 * Partitions are in increasing, non-overlapping DPA order: each starts at or after the end of
 * the previous one's decode range.
 * @see DOMAIN.md §1.6; kernel `cxl_dc_check` ("DPA ordering violation for DC partition %d and %d")
 */
export function partitionsMustBeInIncreasingDpaOrder(device: Device, accept: ValidationAcceptor): void {
    const partitions = device.properties.filter(isPartition);
    for (let i = 1; i < partitions.length; i++) {
        const prev = partitionFacts(partitions[i - 1]);
        const cur = partitionFacts(partitions[i]);
        if (!prev.exact || !cur.exact || !prev.base || !cur.base) continue;
        const prevEnd = prev.config.base + prev.config.decodeLength;
        if (prevEnd <= cur.config.base) continue;
        accept('error', `partition ${partitions[i].name} starts at ${hex(cur.config.base)}, before partition ${partitions[i - 1].name} ends (${hex(prevEnd)} = base + decode length): the kernel reports "DPA ordering violation" and disables DCD; use base ${hex(roundUp(prevEnd, SZ_256M))} or reorder the partitions`, {
            ...at(cur.base, partitions[i]), code: PARTITION_DPA_ORDER
        });
    }
}

/** At most 8 DC partitions (`CXL_MAX_DC_PARTITIONS`; QMP region 0–7). @see DOMAIN.md §1.6 */
export function aDeviceHasAtMostEightPartitions(device: Device, accept: ValidationAcceptor): void {
    const partitions = device.properties.filter(isPartition);
    for (const extra of partitions.slice(MAX_DC_PARTITIONS)) {
        accept('error', `device ${device.name} has ${partitions.length} DC partitions; a device has at most ${MAX_DC_PARTITIONS} (CXL_MAX_DC_PARTITIONS): remove partition ${extra.name}`, {
            node: extra, property: 'name', code: PARTITION_TOO_MANY
        });
    }
}

/**
 * The first DC partition starts exactly where static (RAM + PMEM) capacity ends.
 * @see DOMAIN.md §1.6; kernel `cxl_configure_dcd` ("Dynamic Capacity skip from pmem not supported")
 */
export function firstPartitionMustStartAtStaticCapacity(device: Device, accept: ValidationAcceptor): void {
    const partition = device.properties.find(isPartition);
    if (!partition) return;
    const f = partitionFacts(partition);
    const staticSetting = first(device.properties, isStaticCapacitySetting);
    const staticCapacity = staticSetting ? exactValue(staticSetting.size) : 0;
    if (!f.base || !f.exact || staticCapacity === undefined || f.config.base === staticCapacity) return;
    accept('error', `the first DC partition starts at ${hex(f.config.base)} but static capacity ends at ${hex(staticCapacity)}; the kernel disables DCD ("Dynamic Capacity skip from pmem not supported"): use base ${hex(staticCapacity)} or static_capacity ${size(f.config.base)}`, {
        ...at(f.base, partition), code: PARTITION_SKIP_FROM_PMEM
    });
}

/** A DC device without a DC partition offers nothing (QEMU: "No dynamic capacity support from the device"). @see DOMAIN.md §2.2 */
export function deviceShouldHaveAPartition(device: Device, accept: ValidationAcceptor): void {
    if (!device.name || device.properties.some(isPartition)) return;
    accept('warning', `device ${device.name} has no DC partition, so no capacity can ever be added; add \`partition dc0 { base … length … }\``, {
        node: device, property: 'name', code: DEVICE_NO_PARTITIONS
    });
}

/** max_extents 0: the device can track no extent, every add is refused `extent-limit`. @see DOMAIN.md §2.1 */
export function maxExtentsMustNotBeZero(setting: MaxExtentsSetting, accept: ValidationAcceptor): void {
    if (exactValue(setting.count) !== 0) return;
    accept('error', `max_extents 0 lets the device track no extent, so every add is refused; use 512 (QEMU's CXL_NUM_EXTENTS_SUPPORTED)`, {
        node: setting, property: 'count', code: DEVICE_MAX_EXTENTS_ZERO
    });
}

/** QEMU's extent limit is fixed at 512 (`CXL_NUM_EXTENTS_SUPPORTED`); another value cannot be built with QEMU (warning). @see DOMAIN.md §2.1 */
export function qemuTracksExactly512Extents(setting: MaxExtentsSetting, accept: ValidationAcceptor): void {
    const value = exactValue(setting.count);
    if (!isQemu(setting.$container) || value === undefined || value === 0 || value === QEMU_MAX_EXTENTS) return;
    accept('warning', `max_extents ${setting.count} cannot be built with QEMU, which tracks exactly ${QEMU_MAX_EXTENTS} extents (CXL_NUM_EXTENTS_SUPPORTED); use ${QEMU_MAX_EXTENTS} or \`model cxl_test\``, {
        node: setting, property: 'count', code: DEVICE_QEMU_MAX_EXTENTS
    });
}
