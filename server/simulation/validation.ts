/**
 * Simulation-derived diagnostics (LANGUAGE.md §6: "simulation-derived diagnostics … run on save
 * and on Run simulation"), in the custom validation category 'simulation', which Langium's
 * per-keystroke builds never run. The checks only word results the simulation service stored
 * for exactly this document version and scenario text; they never simulate themselves.
 */
import { AstUtils, type ValidationAcceptor } from 'langium';
import { isAddAction, isPolicyFile, isReleaseAction, isScenario, type Scenario } from '../../language/generated/ast.js';
import { outcomeIsExpected } from '../../language/validation/scenario.js';
import type { DcdPolicyLspServices } from '../dcdpolicy-lsp-module.js';
import { fingerprint, resultEvents, resultExpectations } from '../util.js';
import { EXPECT_FAILED, SIMULATION_BUDGET_EXCEEDED, SIMULATION_CATEGORY, SIMULATION_REFUSED } from './codes.js';

export { EXPECT_FAILED, SIMULATION_BUDGET_EXCEEDED, SIMULATION_REFUSED } from './codes.js';

/**
 * Refusals the static checks already report without simulating (`scenario/zero-length`,
 * `scenario/misaligned`, …): the simulation does not repeat them.
 */
const STATIC_REFUSALS: ReadonlySet<string> = new Set(['zero-length', 'misaligned', 'beyond-partition', 'overlap-in-request', 'unsupported-policy']);

export class SimulationValidator {
    constructor(private readonly services: DcdPolicyLspServices) { }

    /**
     * Registers the checks: once per document, when a build asks for the 'simulation' category
     * (registered as a category of its own, so Langium's per-edit builds never run it).
     */
    register(): void {
        const registry = this.services.validation.ValidationRegistry;
        registry.register({}, this, SIMULATION_CATEGORY);
        registry.registerBeforeDocument((root, accept, categories) => {
            if (!categories.includes(SIMULATION_CATEGORY) || !isPolicyFile(root)) return;
            for (const element of root.elements) if (isScenario(element)) this.checkScenario(element, accept);
            const document = AstUtils.getDocument(root);
            this.services.dcdpolicy.SimulationResults.markChecked(document.uri.toString(), document.textDocument.version);
        }, this);
    }

    /** Diagnostics of the stored result of one scenario, when it belongs to this version and text. */
    checkScenario(scenario: Scenario, accept: ValidationAcceptor): void {
        const document = AstUtils.getDocument(scenario);
        const uri = document.uri.toString();
        const version = document.textDocument.version;
        const run = this.services.dcdpolicy.SimulationResults.get(uri, scenario.name);
        if (!run || run.version !== version || run.fingerprint !== fingerprint(scenario)) return;
        if (run.failure?.kind === 'budget-exceeded') {
            accept('warning', `scenario ${scenario.name} was not simulated to its end: ${run.failure.message}`, {
                node: scenario, property: 'name', code: SIMULATION_BUDGET_EXCEEDED, data: { code: SIMULATION_BUDGET_EXCEEDED }
            });
        }
        const result = run.result;
        if (!result) return;
        const expectations = resultExpectations(scenario);
        result.expectations.forEach((x, i) => {
            const node = expectations[i];
            if (x.passed || !node) return;
            accept('error', `\`${x.text}\` does not hold: the simulation has ${x.actual}`, {
                node, code: EXPECT_FAILED, data: { code: EXPECT_FAILED, actual: x.actual }
            });
        });
        const events = resultEvents(scenario);
        result.events.forEach((e, i) => {
            const node = events[i];
            if (!node || e.outcome !== 'refused' || !e.reason || STATIC_REFUSALS.has(e.reason)) return;
            const action = node.action;
            const extents = isAddAction(action) || isReleaseAction(action) ? action.extents : [];
            if (outcomeIsExpected(node, ['refused'], e.reason, extents)) return;
            const testIt = node.name ? `\`expect ${node.name} refused ${e.reason}\`` : `a label and \`expect … refused ${e.reason}\``;
            accept('warning', `the device refuses this request when the scenario reaches it: ${e.reason}${e.detail ? ` (${e.detail})` : ''}; if the refusal is the point, add ${testIt}`, {
                node, property: 'time', code: SIMULATION_REFUSED, data: { code: SIMULATION_REFUSED, reason: e.reason }
            });
        });
    }
}
