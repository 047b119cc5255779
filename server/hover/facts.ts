/**
 * What a hover says about a literal, a reason code or a declaration (LANGUAGE.md §9: "every
 * size (bytes, memory blocks, memmap cost), every DPA (absolute DPA, partition, region)").
 * Plain functions over the model's configuration; markdown out.
 */
import type { AstNode } from 'langium';
import {
    isCreateDaxAction, isDevice, isEvent, isHost, isMountAction, isPartition, isRegion, isScenario, isTagDecl
} from '../../language/generated/ast.js';
import {
    DEVICE_REFUSALS, ERRNO_NAMES, HOST_REJECTIONS, REASON_DESCRIPTIONS, REASON_ERRNO, formatHex, formatSize, isReasonCode,
    memmapBytes
} from '../../language/model/index.js';
import type { HostConfig, PartitionConfig, RegionConfig, World } from '../../language/model/types.js';
import { scenarioHost } from '../../language/translate/scenario.js';
import { partitionId } from '../../language/translate/world.js';
import { resultEvents, resultExpectations } from '../util.js';

const bytes = (n: number) => n.toLocaleString('en-US');
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** `0x80000000–0x17fffffff` (inclusive end), or the start alone for an empty range. */
export function dpaRange(start: number, length: number): string {
    return length > 0 ? `${formatHex(start)}–${formatHex(start + length - 1)}` : formatHex(start);
}

/** How many memory blocks a size is, for each block size the hosts use. */
function blockLines(size: number, hosts: readonly HostConfig[]): string[] {
    const bySize = new Map<number, string[]>();
    for (const h of hosts) bySize.set(h.memoryBlockSize, [...bySize.get(h.memoryBlockSize) ?? [], h.name]);
    const lines: string[] = [];
    for (const [block, names] of bySize) {
        if (block <= 0) continue;
        const who = names.length === 1 && names[0] === '(none)' ? 'the implicit host' : `host ${names.join(', ')}`;
        const n = size / block;
        lines.push(Number.isInteger(n)
            ? `- memory blocks: ${plural(n, 'block')} of ${formatSize(block)} (${who})`
            : `- memory blocks: ${n.toFixed(2)} × ${formatSize(block)} (${who}) — ${n < 1 ? 'less than one block: sysram never onlines it' : `not whole blocks: sysram hot-adds only ${plural(Math.floor(n), 'whole block')}`}`);
    }
    return lines;
}

/**
 * A size literal: exact bytes, the size in binary units, how many memory blocks of the
 * relevant hosts, and the memmap it costs once online (64 B per 4 KiB page: bytes / 64).
 */
export function sizeHover(value: number, text: string, hosts: readonly HostConfig[], decimalUnit: boolean): string {
    const lines = [`**${text}** = ${bytes(value)} bytes (${formatHex(value)}${formatSize(value) !== text ? `, ${formatSize(value)}` : ''})`, ''];
    if (decimalUnit) lines.push(`- ⚠ a decimal unit: read as ${formatSize(value)} (sizes are binary; write MiB/GiB)`);
    lines.push(...blockLines(value, hosts));
    lines.push(`- memmap when online: ${formatSize(memmapBytes(value))} (${bytes(memmapBytes(value))} bytes; 64 B per 4 KiB page = bytes / 64)`);
    return lines.join('\n');
}

/** Where an offset literal is. */
export interface OffsetContext {
    /** What the number is: an extent's offset, a region range's start, an expectation's extent, or a partition's base DPA. */
    kind: 'extent' | 'range' | 'expect' | 'base';
    partition?: PartitionConfig;
    /** The partition's id as written, when it does not resolve. */
    partitionText?: string;
    /** The regions that decode the byte at the offset. */
    regions: readonly RegionConfig[];
}

/** An offset or DPA literal: the absolute DPA, the partition and the region that decodes it. */
export function offsetHover(value: number, text: string, ctx: OffsetContext): string {
    const p = ctx.partition;
    if (ctx.kind === 'base') {
        return [`**${text}**: DPA ${formatHex(value)} (${formatSize(value)} into the device's DPA space)`,
            ...(p ? ['', `- partition \`${p.id}\`: DPA ${dpaRange(p.base, p.length)} (${formatSize(p.length)}), ${formatSize(p.blockSize)} blocks`] : [])].join('\n');
    }
    const lines = [`**${text}** = offset ${formatHex(value)} (${formatSize(value)}) from the partition base`, ''];
    if (!p) {
        lines.push(`- partition ${ctx.partitionText ? `\`${ctx.partitionText}\` is not declared` : 'unknown'}: no absolute DPA`);
        return lines.join('\n');
    }
    lines.push(`- DPA ${formatHex(p.base + value)} (base ${formatHex(p.base)} + ${formatHex(value)})`);
    lines.push(`- partition \`${p.id}\`: DPA ${dpaRange(p.base, p.length)} (${formatSize(p.length)})${value >= p.length ? ' — **past its end**' : ''}`);
    if (p.blockSize > 0) {
        lines.push(value % p.blockSize === 0
            ? `- aligned to the ${formatSize(p.blockSize)} block size`
            : `- **not a multiple of the ${formatSize(p.blockSize)} block size** (QEMU refuses: misaligned)`);
    }
    if (ctx.kind !== 'range') {
        lines.push(ctx.regions.length > 0
            ? `- decoded by ${ctx.regions.map(r => `region \`${r.name}\` (${r.driver}, DPA ${dpaRange(p.base + r.offset, r.size)})`).join(', ')}`
            : '- no region decodes it (the host rejects it: no-region)');
    }
    return lines.join('\n');
}

/** A reason code of LANGUAGE.md §5: what it means, which list it is in, its errno. */
export function reasonHover(reason: string): string | undefined {
    if (!isReasonCode(reason)) return undefined;
    const section = (DEVICE_REFUSALS as readonly string[]).includes(reason) ? 'device refusal (LANGUAGE.md §5.1: QEMU refuses the whole request)'
        : (HOST_REJECTIONS as readonly string[]).includes(reason) ? 'host rejection (LANGUAGE.md §5.2: the kernel leaves the extent out of its response)'
            : (ERRNO_NAMES as readonly string[]).includes(reason) ? 'errno name (LANGUAGE.md §5.3)'
                : 'host action result (LANGUAGE.md §5.3)';
    const errno = REASON_ERRNO[reason];
    return [`**${reason}** — ${section}`, '', REASON_DESCRIPTIONS[reason], '', errno && errno !== reason ? `errno: \`${errno}\`` : errno ? '' : 'errno: none'].join('\n').trimEnd();
}

function hostSummary(h: HostConfig): string {
    const nodes = h.nodes.map(n => n.dramBytes > 0 ? `${n.id} (${formatSize(n.dramBytes)} DRAM)` : `${n.id} (memory-less)`).join(', ');
    return `kernel ${h.kernel} · ${formatSize(h.memoryBlockSize)} memory blocks · auto_online ${h.autoOnline} · memmap_on_memory ${h.memmapOnMemory ? 'on' : 'off'}${nodes ? ` · nodes ${nodes}` : ''}`;
}

/** The source text of a node on one line, shortened. */
function oneLine(node: AstNode, max = 100): string {
    const text = (node.$cstNode?.text ?? '').replace(/\s+/g, ' ').trim();
    return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** A declaration's one-line summary (`**region pool0** · sysram on mem0.dc0 · …`). */
export function declarationSummary(node: AstNode, world: World): string | undefined {
    if (isHost(node)) {
        const h = world.hosts.find(x => x.name === node.name);
        return `**host ${node.name}**${h ? ` · ${hostSummary(h)}` : ''}`;
    }
    if (isDevice(node)) {
        const d = world.devices.find(x => x.name === node.name);
        if (!d) return `**device ${node.name}**`;
        return `**device ${node.name}** · model ${d.model} · static_capacity ${formatSize(d.staticCapacity)} · max_extents ${d.maxExtents} · ${plural(d.partitions.length, 'DC partition')}${d.partitions.length ? ` (${d.partitions.map(p => p.name).join(', ')})` : ''}`;
    }
    if (isPartition(node)) {
        const id = partitionId(node);
        const p = world.devices.flatMap(d => d.partitions).find(x => x.id === id);
        if (!p) return `**partition ${id}**`;
        return `**partition ${id}** · DPA ${dpaRange(p.base, p.length)} (${formatSize(p.length)}) · block_size ${formatSize(p.blockSize)} · decode_length ${formatSize(p.decodeLength)}${p.sharable ? ' · sharable' : ''}${p.sanitizeOnRelease ? ' · sanitize_on_release' : ''}`;
    }
    if (isTagDecl(node)) return `**tag ${node.name}** = \`${node.uuid ?? '?'}\``;
    if (isRegion(node)) {
        const r = world.regions.find(x => x.name === node.name);
        if (!r) return `**region ${node.name}**`;
        const p = world.devices.flatMap(d => d.partitions).find(x => x.id === r.partition);
        const accept = !r.accept ? 'accept: the kernel\'s default' : r.accept.kind === 'tags'
            ? `accept tag ${r.accept.tags.map(u => Object.entries(world.tags).find(([, v]) => v === u)?.[0] ?? u).join(', ')}`
            : `accept ${r.accept.kind}`;
        const parts = [
            `${r.driver} on ${r.partition}`,
            `range ${formatHex(r.offset)} size ${formatSize(r.size)}${p ? ` (DPA ${dpaRange(p.base + r.offset, r.size)})` : ''}`,
            accept,
            ...(r.zone ? [`zone ${r.zone}`] : []),
            ...(r.node ? [`node ${r.node.id} ${r.node.state}`] : []),
            ...(r.driver === 'dax' ? [`holder ${r.holder}`] : [])
        ];
        return `**region ${node.name}** · ${parts.join(' · ')}`;
    }
    if (isScenario(node)) {
        const h = scenarioHost(node, world);
        return `**scenario ${node.name}** · host ${h.name} (${h.kernel}) · ${plural(resultEvents(node).length, 'event')} · ${plural(resultExpectations(node).length, 'expectation')}`;
    }
    if (isEvent(node)) return `**event ${node.name ?? ''}** · \`${oneLine(node)}\``;
    if (isCreateDaxAction(node)) return `**DAX device ${node.name}** · \`${oneLine(node)}\``;
    if (isMountAction(node)) return `**filesystem ${node.name}** · \`${oneLine(node)}\``;
    return undefined;
}
