/**
 * The 'simulation' validation category and the diagnostic codes it reports (`area/what`, as
 * the static codes of `language/validation/codes.ts`).
 */

/** The custom validation category of simulation-derived diagnostics (never run per keystroke). */
export const SIMULATION_CATEGORY = 'simulation';

/** A failed expectation; the message carries the simulation's actual value. */
export const EXPECT_FAILED = 'expect/failed';
/** A `model qemu` device refused a request, found by simulating (a state-dependent §5.1 refusal). */
export const SIMULATION_REFUSED = 'simulation/refused';
/** The scenario needs more than `dcdpolicy.simulation.maxEvents` processed events. */
export const SIMULATION_BUDGET_EXCEEDED = 'simulation/budget-exceeded';

/** Every code the 'simulation' category reports. */
export const SIMULATION_CODES: ReadonlySet<string> = new Set([EXPECT_FAILED, SIMULATION_REFUSED, SIMULATION_BUDGET_EXCEEDED]);

/** One line per code. */
export const SIMULATION_CODE_DOCS: Readonly<Record<string, string>> = {
    [EXPECT_FAILED]: 'an expectation does not hold in the simulation; the message gives the actual value',
    [SIMULATION_REFUSED]: 'a `model qemu` device refuses a request because of the state the scenario reached (overlap, unbacked release, extent limit, …)',
    [SIMULATION_BUDGET_EXCEEDED]: 'the scenario exceeds the editor\'s simulation budget (dcdpolicy.simulation.maxEvents)'
};
