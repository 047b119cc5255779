/**
 * The host's accept rules: per extent (DOMAIN.md §3.2), the region's accept clause
 * (LANGUAGE.md §2, §4; DOMAIN.md §3.7, §4) and per tag group (DOMAIN.md §3.3).
 * Each gate returns a §5.2 reason code, or undefined when the extent or group passes.
 */
import type { Sim } from '../context.js';
import { groupAlignment, type ProfileRules } from '../profiles.js';
import { MAX_DC_PARTITIONS } from '../device/requests.js';
import { SpanSet } from '../util/intervals.js';
import type { RegionState, SimExtent, TagGroup } from './state.js';

/**
 * What the per-extent gates learnt about a closed chain so far: extents that passed (a later
 * one overlapping them is `overlap`) and whether the chain brings tagged or untagged extents
 * to each region (exclusive-or, kept on the region under the chain's epoch). One instance
 * per run, reset for every chain; it allocates nothing once warm. A record that duplicates
 * an accepted extent is marked on the record (`duplicateOf`) until the chain is done.
 */
export class ChainScan {
    /** The chain has one extent: no in-chain overlap or mixing to track. */
    private single = false;
    /** Identifies the current chain on the regions it touched. */
    private epoch = 0;
    /** Extents of this chain that passed, per partition (sets emptied at each reset). */
    private readonly passed = new Map<string, SpanSet<SimExtent>>();
    private readonly touched: Array<SpanSet<SimExtent>> = [];

    /** Starts a new chain. @param single the chain has one extent */
    reset(single: boolean): void {
        this.single = single;
        this.epoch++;
        while (this.touched.length > 0) this.touched.pop()!.clear();
    }

    /** Tagged (true) or untagged (false) extents this chain brought to the region so far. */
    mode(region: RegionState): boolean | undefined {
        return region.chainEpoch === this.epoch ? region.chainTagged : undefined;
    }

    /** Records a passing extent; false when it overlaps one that passed before it. */
    pass(e: SimExtent, region: RegionState): boolean {
        if (this.single) return true;
        let set = this.passed.get(e.partitionId);
        if (!set) this.passed.set(e.partitionId, (set = new SpanSet()));
        if (set.firstOverlapping(e.start, e.end)) return false;
        if (set.size === 0) this.touched.push(set);
        set.insert(e);
        if (region.chainEpoch !== this.epoch) {
            region.chainEpoch = this.epoch;
            region.chainTagged = e.tag !== null;
        }
        return true;
    }
}

/**
 * The range must lie wholly inside one DC partition the kernel reads (at most 8), with a
 * non-zero length ("not in a valid DC partition", "invalid length (firmware bug)").
 * @see [AK-EXT] cxl_validate_extent; DOMAIN.md §3.2 rule 1, §1.6
 */
export function notInPartition(e: SimExtent): boolean {
    const p = e.partition;
    return !p || p.index >= MAX_DC_PARTITIONS || e.end <= e.start || e.end > p.length;
}

/**
 * Sharable partition ⇒ the tag must be non-null; non-sharable ⇒ `shared_extn_seq` must be 0
 * (it is reserved there). Both are firmware bugs.
 * @see [AK-EXT] cxl_validate_extent, CXL r4.0 Table 8-230; DOMAIN.md §1.2, §3.2 rule 2
 */
export function sharingGate(e: SimExtent): 'untagged-on-sharable' | 'seq-on-nonsharable' | undefined {
    if (e.partition!.sharable) return e.tag === null ? 'untagged-on-sharable' : undefined;
    return e.seq !== 0 ? 'seq-on-nonsharable' : undefined;
}

/**
 * The region's accept clause: `accept untagged` rejects tagged extents, `accept tag …` rejects
 * untagged extents and other tags; on sysram-rfc a region holds tagged or untagged extents,
 * never both ("one configuration bit — either tags are supported or not, reject the other
 * state"). `chainMode` is what earlier extents of the same chain brought to the region.
 * @see LANGUAGE.md §2, §4; DOMAIN.md §4 [V9-GP2] (exclusive-or, "No tag – no service"), §12.2
 */
export function acceptClauseGate(rules: ProfileRules, region: RegionState, tag: string | null, chainMode?: boolean):
    'tagged-not-accepted' | 'untagged-not-accepted' | 'tag-mismatch' | 'mixed-tagging' | undefined {
    const accept = region.accept;
    if (accept.kind === 'untagged' && tag !== null) return 'tagged-not-accepted';
    if (accept.kind === 'tags') {
        if (tag === null) return 'untagged-not-accepted';
        if (!accept.tags.includes(tag)) return 'tag-mismatch';
    }
    if (rules.exclusiveTagging) {
        const held = region.tagged > 0 ? true : region.untagged > 0 ? false : chainMode;
        if (held !== undefined && held !== (tag !== null)) return 'mixed-tagging';
    }
    return undefined;
}

/**
 * Every per-extent gate, in the kernel's order: partition, sharing, tag support (dcd-v9
 * rejects tagged extents), a region with its DAX region at the start DPA, the endpoint
 * decoder's range (never clipped), the accept clause, then accepted extents on the decoder:
 * contained in one with the same tag ⇒ a duplicate, accepted again with no new object;
 * contained with another tag ⇒ `tag-mismatch`; overlapping ⇒ `overlap`.
 * @returns a §5.2 reason, or undefined (passes; `e.duplicateOf` says when it is a duplicate)
 * @see [AK-EXT] cxl_validate_extent / cxl_add_extent; [V11-31]; DOMAIN.md §3.2, §3.7
 */
export function extentGate(sim: Sim, e: SimExtent, scan: ChainScan): string | undefined {
    if (notInPartition(e)) return 'not-in-partition';
    const sharing = sharingGate(e);
    if (sharing) return sharing;
    if (!sim.rules.taggedExtents && e.tag !== null) return 'tagged-unsupported';
    const region = sim.regionIn(e.part, e.start);
    if (!region) return 'no-region';
    e.region = region;
    e.result.region = region.cfg.name;
    if (!sim.regionTracks(region)) return 'driver-unloaded';
    if (e.end > region.end) return 'outside-decoder';
    const clause = acceptClauseGate(sim.rules, region, e.tag, scan.mode(region));
    if (clause) return clause;
    const index = e.part.host;
    const container = index.containing(e.start, e.end);
    if (container && container.live) {
        if (container.tag !== e.tag) return 'tag-mismatch';
        e.duplicateOf = container;
        return undefined;
    }
    if (container || index.firstOverlapping(e.start, e.end)) return 'overlap';
    return scan.pass(e, region) ? undefined : 'overlap';
}

/**
 * Per tag group, after every member passed its own gates: host-wide tag uniqueness (a tag
 * owned by a live group rejects a later Set(A)′, unless the group only re-sends members of
 * that group), sequence integrity on sharable partitions (sorted `shared_extn_seq` exactly
 * 0..n-1), partition equality for tagged groups, and alignment of every member's start DPA and
 * length (PMD for DAX, the memory block for sysram on sysram-rfc).
 * @see [V11-17] "cxl/mem: Enforce tag-group semantics", [V11-15] "cxl/mem: Drop misaligned DCD
 *      extent groups"; DOMAIN.md §3.3, §4 (Set(A)′); LANGUAGE.md §4 "group alignment"
 */
export function groupGate(sim: Sim, members: readonly SimExtent[]): string | undefined {
    const first = members[0];
    const tag = first.tag;
    if (tag !== null) {
        const owner = sim.rules.tagReuseRejected ? sim.tags.get(tag) : undefined;
        if (owner && owner.members.length > 0 && !allDuplicatesOf(members, owner)) return 'tag-in-use';
        if (first.partition!.sharable && !seqsComplete(members)) return 'seq-gap';
        for (const m of members) if (m.partitionId !== first.partitionId) return 'group-spans-partitions';
    }
    for (const m of members) {
        const align = groupAlignment(sim.kernel, m.region!.cfg.driver, sim.host);
        if (align > 0 && (m.result.dpa % align !== 0 || (m.end - m.start) % align !== 0)) return 'group-misaligned';
    }
    return undefined;
}

/** Every member re-sends an extent of the live group `owner` (a duplicate record). */
function allDuplicatesOf(members: readonly SimExtent[], owner: TagGroup): boolean {
    for (const m of members) if (m.duplicateOf?.group !== owner) return false;
    return true;
}

/** The members' `shared_extn_seq` values, sorted, are exactly 0..n-1. */
function seqsComplete(members: readonly SimExtent[]): boolean {
    const seqs = members.map(m => m.seq).sort((a, b) => a - b);
    for (let i = 0; i < seqs.length; i++) if (seqs[i] !== i) return false;
    return true;
}
