/**
 * Every diagnostic code of the static validation (LANGUAGE.md §6), `area/what`, stable: the
 * CLI prints them, fixtures and quick fixes match on them, users may grep for them. A code is
 * never reused for a different rule; a rule that goes away keeps its code retired.
 *
 * `CODE_DOCS` gives each code a one-line meaning (the README's diagnostic table is generated
 * from the same text).
 */

// ---- literals (LANGUAGE.md §1 "Literals") ------------------------------------------------
export const SIZE_DECIMAL_UNIT = 'size/decimal-unit';
export const SIZE_UNIT_NOT_ALLOWED = 'size/unit-not-allowed';
export const SIZE_TOO_LARGE = 'size/too-large';
export const DURATION_TOO_LARGE = 'duration/too-large';
export const DURATION_SUB_NANOSECOND = 'duration/sub-nanosecond';

// ---- syntax: Langium's lexer and parser errors, coded by DcdPolicyDocumentValidator ---------
export const SYNTAX_LEXING_ERROR = 'syntax/lexing-error';
export const SYNTAX_PARSING_ERROR = 'syntax/parsing-error';
/** Unresolved names are Langium's linking errors; DcdPolicyDocumentValidator gives them this code. */
export const NAME_UNRESOLVED = 'name/unresolved';

/**
 * The stable codes of Langium's own diagnostics, by the `data.code` Langium gives them
 * (`DocumentValidator.LexingError`, `ParsingError`, `LinkingError`): a diagnostic shows the same
 * code in the editor, the CLI and SARIF.
 */
export const LANGIUM_DIAGNOSTIC_CODES: Readonly<Record<string, string>> = {
    'lexing-error': SYNTAX_LEXING_ERROR,
    'parsing-error': SYNTAX_PARSING_ERROR,
    'linking-error': NAME_UNRESOLVED,
};

// ---- names --------------------------------------------------------------------------------
export const NAME_DUPLICATE = 'name/duplicate';
export const HOST_DUPLICATE_PROPERTY = 'host/duplicate-property';
export const DEVICE_DUPLICATE_PROPERTY = 'device/duplicate-property';
export const PARTITION_DUPLICATE_PROPERTY = 'partition/duplicate-property';
export const REGION_DUPLICATE_PROPERTY = 'region/duplicate-property';
export const SCENARIO_DUPLICATE_PROPERTY = 'scenario/duplicate-property';

// ---- hosts (LANGUAGE.md §2, DOMAIN.md §7) ---------------------------------------------------
export const HOST_KERNEL_MISSING = 'host/kernel-missing';
export const HOST_MEMORY_BLOCK_NOT_POWER_OF_TWO = 'host/memory-block-size-not-power-of-two';
export const HOST_MEMORY_BLOCK_TOO_SMALL = 'host/memory-block-size-too-small';
export const HOST_MEMORY_BLOCK_UNUSUAL = 'host/memory-block-size-unusual';
export const HOST_DUPLICATE_NODE = 'host/duplicate-node';

// ---- devices and partitions (DOMAIN.md §1.6 `cxl_dc_check`, §2.1 QEMU) -----------------------
export const DEVICE_NO_PARTITIONS = 'device/no-partitions';
export const DEVICE_MAX_EXTENTS_ZERO = 'device/max-extents-zero';
export const DEVICE_QEMU_MAX_EXTENTS = 'device/qemu-max-extents';
export const PARTITION_TOO_MANY = 'partition/too-many';
export const PARTITION_BASE_MISSING = 'partition/base-missing';
export const PARTITION_LENGTH_MISSING = 'partition/length-missing';
export const PARTITION_BLOCK_SIZE_ZERO = 'partition/block-size-zero';
export const PARTITION_BLOCK_SIZE_NOT_POWER_OF_TWO = 'partition/block-size-not-power-of-two';
export const PARTITION_BLOCK_SIZE_NOT_64B_MULTIPLE = 'partition/block-size-not-64b-multiple';
export const PARTITION_LENGTH_ZERO = 'partition/length-zero';
export const PARTITION_LENGTH_NOT_BLOCK_MULTIPLE = 'partition/length-not-block-multiple';
export const PARTITION_LENGTH_EXCEEDS_DECODE = 'partition/length-exceeds-decode-length';
export const PARTITION_DECODE_LENGTH_ZERO = 'partition/decode-length-zero';
export const PARTITION_DECODE_LENGTH_NOT_256MIB = 'partition/decode-length-not-256mib-multiple';
export const PARTITION_BASE_NOT_256MIB = 'partition/base-not-256mib-aligned';
export const PARTITION_BASE_NOT_BLOCK_ALIGNED = 'partition/base-not-block-aligned';
export const PARTITION_DPA_ORDER = 'partition/dpa-order-violation';
export const PARTITION_SKIP_FROM_PMEM = 'partition/skip-from-pmem';
export const PARTITION_QEMU_BLOCK_SIZE = 'partition/qemu-block-size';
export const PARTITION_QEMU_LENGTH = 'partition/qemu-length';
export const PARTITION_QEMU_SHARABLE = 'partition/qemu-sharable';

// ---- tags (LANGUAGE.md §1, DOMAIN.md §1.2) ------------------------------------------------
export const TAG_NULL_UUID = 'tag/null-uuid';
export const TAG_DUPLICATE_UUID = 'tag/duplicate-uuid';

// ---- regions and policy (LANGUAGE.md §2, §4) -----------------------------------------------
export const REGION_PARTITION_MISSING = 'region/partition-missing';
export const REGION_DRIVER_MISSING = 'region/driver-missing';
export const REGION_RANGE_ZERO = 'region/range-zero';
export const REGION_OUTSIDE_PARTITION = 'region/outside-partition';
export const REGION_RANGE_MISALIGNED = 'region/range-misaligned';
export const REGION_RANGE_NOT_256MIB = 'region/range-not-256mib-aligned';
export const REGION_OVERLAP = 'region/overlap';
export const REGION_KNOB_WRONG_DRIVER = 'region/knob-wrong-driver';
export const POLICY_UNSUPPORTED_BY_KERNEL = 'policy/unsupported-by-kernel';
export const REGION_PRIVATE_NODE_HAS_MEMORY = 'region/private-node-has-memory';
export const REGION_NODE_UNDECLARED = 'region/node-undeclared';
export const REGION_ZONE_NORMAL_RELEASED = 'region/zone-normal-released';
export const REGION_SMALLER_THAN_MEMORY_BLOCK = 'region/smaller-than-memory-block';
export const REGION_MEMORY_BLOCK_REMAINDER = 'region/memory-block-remainder';
export const REGION_NOT_FIRST_PARTITION = 'region/not-first-partition';
export const REGION_UNTAGGED_ON_SHARABLE = 'region/untagged-on-sharable';

// ---- scenarios (LANGUAGE.md §3, §5.1) ------------------------------------------------------
export const SCENARIO_HOST_MISSING = 'scenario/host-missing';
export const SCENARIO_NO_HOST = 'scenario/no-host';
export const SCENARIO_EVENTS_OUT_OF_ORDER = 'scenario/events-out-of-order';
export const SCENARIO_AFTER_SURPRISE_REMOVE = 'scenario/after-surprise-remove';
export const SCENARIO_ZERO_LENGTH = 'scenario/zero-length';
export const SCENARIO_MISALIGNED = 'scenario/misaligned';
export const SCENARIO_BEYOND_PARTITION = 'scenario/beyond-partition';
export const SCENARIO_OVERLAP_IN_REQUEST = 'scenario/overlap-in-request';
export const SCENARIO_UNSUPPORTED_POLICY = 'scenario/unsupported-policy';
export const SCENARIO_RELEASE_NOTHING = 'scenario/release-nothing';
export const SCENARIO_EXTENT_BELOW_MEMORY_BLOCK = 'scenario/extent-below-memory-block';
export const SCENARIO_SEQ_ON_NONSHARABLE = 'scenario/seq-on-nonsharable';
export const SCENARIO_SEQ_OUT_OF_RANGE = 'scenario/seq-out-of-range';
export const SCENARIO_UNTAGGED_ON_SHARABLE = 'scenario/untagged-on-sharable';
export const SCENARIO_CLAIM_UNSUPPORTED = 'scenario/claim-unsupported';
export const SCENARIO_UUID_CLAIM_NOT_ZERO = 'scenario/uuid-claim-not-zero';
export const SCENARIO_ACTION_WRONG_DRIVER = 'scenario/action-wrong-driver';

// ---- DAX holders (LANGUAGE.md §4, DOMAIN.md §9) ----------------------------------------------
export const HOLDER_UNNOTIFIED = 'holder/unnotified';
export const SCENARIO_OPEN_MORE_CHAIN = 'scenario/open-more-chain';

// ---- expectations (LANGUAGE.md §3.3, §5) ---------------------------------------------------
export const EXPECT_UNKNOWN_REASON = 'expect/unknown-reason';
export const EXPECT_REASON_NOT_ALLOWED = 'expect/reason-not-allowed';
export const EXPECT_PREDICATE_NOT_VALID = 'expect/predicate-not-valid';
export const EXPECT_BEFORE_EVENT = 'expect/before-event';
export const EXPECT_UNKNOWN_EXTENT = 'expect/unknown-extent';

/** One line per code: what it means. */
export const CODE_DOCS: Readonly<Record<string, string>> = {
    [SIZE_DECIMAL_UNIT]: 'a size uses a decimal unit (MB, GB); sizes are binary (MiB, GiB) — quick fix replaces the unit',
    [SIZE_UNIT_NOT_ALLOWED]: 'a count or id (node id, max_extents, seq, extents N, uuid 0) carries a size unit',
    [SIZE_TOO_LARGE]: 'a number is beyond 2^53 and cannot be represented exactly',
    [DURATION_TOO_LARGE]: 'a duration is beyond 2^53 ns (about 104 days)',
    [DURATION_SUB_NANOSECOND]: 'a duration has digits below 1 ns; it is rounded to the nearest ns',
    [NAME_DUPLICATE]: 'two hosts, devices, tags, regions or scenarios of the workspace (or partitions of a device, labels, DAX or filesystem names of a scenario) share a name',
    [SYNTAX_LEXING_ERROR]: 'the text has a character sequence that is not a token of the language (LANGUAGE.md §1), or the file is over 16 MiB',
    [SYNTAX_PARSING_ERROR]: 'the tokens do not follow the grammar (LANGUAGE.md §1–§3)',
    [NAME_UNRESOLVED]: 'a name does not refer to any declaration of the workspace (Langium linking error)',
    [HOST_DUPLICATE_PROPERTY]: 'a host property is given twice',
    [DEVICE_DUPLICATE_PROPERTY]: 'a device property is given twice',
    [PARTITION_DUPLICATE_PROPERTY]: 'a partition property is given twice',
    [REGION_DUPLICATE_PROPERTY]: 'a region property is given twice',
    [SCENARIO_DUPLICATE_PROPERTY]: 'a scenario has two `host` or two `kernel` clauses',
    [HOST_KERNEL_MISSING]: 'a host names no kernel profile (required)',
    [HOST_MEMORY_BLOCK_NOT_POWER_OF_TWO]: 'memory_block_size is not a power of two',
    [HOST_MEMORY_BLOCK_TOO_SMALL]: 'memory_block_size is below 16 MiB (the smallest section size, ppc64)',
    [HOST_MEMORY_BLOCK_UNUSUAL]: 'memory_block_size is outside 128 MiB..2 GiB (the x86-64 range)',
    [HOST_DUPLICATE_NODE]: 'a host declares the same NUMA node twice',
    [DEVICE_NO_PARTITIONS]: 'a device has no DC partition: QEMU refuses every request ("No dynamic capacity support")',
    [DEVICE_MAX_EXTENTS_ZERO]: 'max_extents is 0: the device can track no extent',
    [DEVICE_QEMU_MAX_EXTENTS]: 'a `model qemu` device with max_extents other than 512 (QEMU\'s fixed CXL_NUM_EXTENTS_SUPPORTED)',
    [PARTITION_TOO_MANY]: 'a device has more than 8 DC partitions (CXL_MAX_DC_PARTITIONS)',
    [PARTITION_BASE_MISSING]: 'a partition has no base DPA',
    [PARTITION_LENGTH_MISSING]: 'a partition has no length',
    [PARTITION_BLOCK_SIZE_ZERO]: 'block_size is 0 (cxl_dc_check)',
    [PARTITION_BLOCK_SIZE_NOT_POWER_OF_TWO]: 'block_size is not a power of two (cxl_dc_check)',
    [PARTITION_BLOCK_SIZE_NOT_64B_MULTIPLE]: 'block_size is not a multiple of 64 B, CXL_DCD_BLOCK_LINE_SIZE (cxl_dc_check)',
    [PARTITION_LENGTH_ZERO]: 'length is 0 (cxl_dc_check)',
    [PARTITION_LENGTH_NOT_BLOCK_MULTIPLE]: 'length is not a multiple of block_size (cxl_dc_check)',
    [PARTITION_LENGTH_EXCEEDS_DECODE]: 'length is larger than decode_length (cxl_dc_check)',
    [PARTITION_DECODE_LENGTH_ZERO]: 'decode_length is 0 (cxl_dc_check)',
    [PARTITION_DECODE_LENGTH_NOT_256MIB]: 'decode_length is not a multiple of 256 MiB (reported in 256 MiB units)',
    [PARTITION_BASE_NOT_256MIB]: 'base is not 256 MiB aligned (cxl_dc_check)',
    [PARTITION_BASE_NOT_BLOCK_ALIGNED]: 'base is not aligned to block_size (cxl_dc_check)',
    [PARTITION_DPA_ORDER]: 'a partition starts before the previous one ends (base + decode_length): "DPA ordering violation"',
    [PARTITION_SKIP_FROM_PMEM]: 'the first partition does not start at static_capacity: "Dynamic Capacity skip from pmem not supported"',
    [PARTITION_QEMU_BLOCK_SIZE]: 'a `model qemu` partition has a block size other than 2 MiB (QEMU supports 2 MiB only)',
    [PARTITION_QEMU_LENGTH]: 'a `model qemu` partition length is not a multiple of 256 MiB',
    [PARTITION_QEMU_SHARABLE]: 'a `model qemu` partition is sharable (QEMU makes every DC region non-sharable)',
    [TAG_NULL_UUID]: 'the null uuid is written as a tag; write `untagged`',
    [TAG_DUPLICATE_UUID]: 'two tag names stand for the same uuid',
    [REGION_PARTITION_MISSING]: 'a region names no partition (required)',
    [REGION_DRIVER_MISSING]: 'a region names no driver (required)',
    [REGION_RANGE_ZERO]: 'a region range has size 0',
    [REGION_OUTSIDE_PARTITION]: 'a region range extends past the end of its partition',
    [REGION_RANGE_MISALIGNED]: 'a region range is not aligned to the partition block size',
    [REGION_RANGE_NOT_256MIB]: 'a region range is not 256 MiB aligned (HDM decoder granularity)',
    [REGION_OVERLAP]: 'two regions decode overlapping parts of one partition',
    [REGION_KNOB_WRONG_DRIVER]: 'zone/node on a region that is not sysram, or holder on a region that is not dax',
    [POLICY_UNSUPPORTED_BY_KERNEL]: 'a driver or accept form the host\'s (or a scenario override\'s) kernel profile cannot express (LANGUAGE.md §4)',
    [REGION_PRIVATE_NODE_HAS_MEMORY]: 'an N_MEMORY_PRIVATE node already has N_MEMORY (host DRAM or another region): registration fails EBUSY',
    [REGION_NODE_UNDECLARED]: 'a region names a NUMA node the host does not declare',
    [REGION_ZONE_NORMAL_RELEASED]: '`zone normal` on a region whose capacity a scenario releases: offline is not guaranteed',
    [REGION_SMALLER_THAN_MEMORY_BLOCK]: 'a sysram region is smaller than one memory block: nothing can be onlined',
    [REGION_MEMORY_BLOCK_REMAINDER]: 'a sysram region is not a whole number of memory blocks: the remainder is never onlined',
    [REGION_NOT_FIRST_PARTITION]: 'a region uses a DC partition other than the first; the posted Linux series exposes only the first',
    [REGION_UNTAGGED_ON_SHARABLE]: 'a region accepts untagged extents on a sharable partition, where the host rejects them',
    [SCENARIO_HOST_MISSING]: 'a scenario names no host while the workspace has several',
    [SCENARIO_NO_HOST]: 'the workspace declares no host: the scenario runs on an implicit dcd-v11 host',
    [SCENARIO_EVENTS_OUT_OF_ORDER]: 'an event is written before an earlier-timed one (events run in time order)',
    [SCENARIO_AFTER_SURPRISE_REMOVE]: 'an FM request targets a device after its surprise removal',
    [SCENARIO_ZERO_LENGTH]: 'a `model qemu` device refuses the request: an extent has length 0',
    [SCENARIO_MISALIGNED]: 'a `model qemu` device refuses the request: offset or length not a multiple of the block size',
    [SCENARIO_BEYOND_PARTITION]: 'a `model qemu` device refuses the request: an extent ends past the partition',
    [SCENARIO_OVERLAP_IN_REQUEST]: 'a `model qemu` device refuses the request: two of its extents overlap',
    [SCENARIO_UNSUPPORTED_POLICY]: 'a `model qemu` device refuses the request: tag-based or forced release is not supported',
    [SCENARIO_RELEASE_NOTHING]: 'a release names neither extents nor a tag',
    [SCENARIO_EXTENT_BELOW_MEMORY_BLOCK]: 'an extent offered to a sysram region is smaller than one memory block',
    [SCENARIO_SEQ_ON_NONSHARABLE]: '`seq` on a non-sharable partition, where shared_extn_seq is reserved',
    [SCENARIO_SEQ_OUT_OF_RANGE]: '`seq` does not fit shared_extn_seq (le16, 0..65535)',
    [SCENARIO_UNTAGGED_ON_SHARABLE]: 'an untagged extent offered on a sharable partition, where the host rejects it',
    [SCENARIO_CLAIM_UNSUPPORTED]: '`create_dax … size` on a profile without size claims, or `uuid` on one without uuid claims',
    [SCENARIO_UUID_CLAIM_NOT_ZERO]: '`create_dax … uuid N` with N other than 0 (0 is the null uuid)',
    [HOLDER_UNNOTIFIED]: 'a filesystem mounts a `holder shared` DAX device someone already holds: it gets no holder and is never notified of memory failure',
    [SCENARIO_ACTION_WRONG_DRIVER]: 'a host action that needs a dax (or sysram) region names a region of another driver',
    [SCENARIO_OPEN_MORE_CHAIN]: 'the last add record to a device has `more` set, so its More chain never closes',
    [EXPECT_UNKNOWN_REASON]: 'an expectation names a reason that is not a LANGUAGE.md §5 code or errno name',
    [EXPECT_REASON_NOT_ALLOWED]: 'an expectation gives a reason the predicate cannot carry',
    [EXPECT_PREDICATE_NOT_VALID]: 'an expectation predicate the subject can never have (e.g. `released` on an add)',
    [EXPECT_BEFORE_EVENT]: '`expect at T LABEL` with T before the labelled event',
    [EXPECT_UNKNOWN_EXTENT]: '`expect extent P@O` where no add of the scenario offers an extent at P@O'
};

/** Every code the validation checks emit (the codes of Langium's own diagnostics excluded). */
export const ALL_CODES: readonly string[] = Object.keys(CODE_DOCS).filter(c => !Object.values(LANGIUM_DIAGNOSTIC_CODES).includes(c));
