/**
 * The shared device model and simulator of dcdpolicy (plain TypeScript; no Langium, no LSP).
 * Everything the validator, CLI, server and renderers need from `language/model/`.
 */
export * from './types.js';
export { simulateScenario } from './simulator.js';
export { SimulationBudgetError, DEFAULT_MAX_EVENTS } from './context.js';
export {
    checkAddRequest, checkReleaseRequest, MAX_DC_PARTITIONS, QEMU_MESSAGES,
    type Refusal, type ReleaseForm,
} from './device/requests.js';
export {
    REASON_CODES, DEVICE_REFUSALS, HOST_REJECTIONS, ACTION_RESULTS, ERRNO_NAMES, REASON_ERRNO, REASON_DESCRIPTIONS,
    isReasonCode, isErrnoName, errnoOf,
    type ReasonCode, type DeviceRefusal, type HostRejection, type ActionResult, type ErrnoName,
} from './reasons.js';
export {
    profileRules, acceptFormAllowed, driverAllowed, groupAlignment,
    PMD_SIZE, CHAIN_WATCHDOG_NS, MAX_STAGED_EXTENTS,
    type ProfileRules, type ReleaseGranularity,
} from './profiles.js';
export { formatSize, formatDuration, formatHex, formatTag, extentId } from './format.js';
export { memmapBytes } from './host/memmap.js';
