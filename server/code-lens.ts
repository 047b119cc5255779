/**
 * Code lenses (LANGUAGE.md §9): `▶ Run simulation` above every scenario, and after a run a
 * second lens with the summary (`✓ 4 events · 3 accepted · 1 rejected · 2/2 expectations`),
 * shown while the scenario's text is the text that ran.
 */
import { GrammarUtils, type LangiumDocument } from 'langium';
import type { CodeLensProvider } from 'langium/lsp';
import type { CodeLens, CodeLensParams, Range } from 'vscode-languageserver';
import { isScenario, type PolicyFile, type Scenario } from '../language/generated/ast.js';
import { summaryLine } from '../language/render/index.js';
import type { DcdPolicyLspServices } from './dcdpolicy-lsp-module.js';
import { Commands } from './protocol.js';
import { fingerprint } from './util.js';

export const RUN_SIMULATION_TITLE = '▶ Run simulation';

export class DcdPolicyCodeLensProvider implements CodeLensProvider {
    constructor(private readonly services: DcdPolicyLspServices) { }

    provideCodeLens(document: LangiumDocument, _params: CodeLensParams): CodeLens[] {
        const root = document.parseResult.value as PolicyFile;
        const uri = document.uri.toString();
        const locator = this.services.workspace.AstNodeLocator;
        const store = this.services.dcdpolicy.SimulationResults;
        const lenses: CodeLens[] = [];
        for (const scenario of root.elements ?? []) {
            if (!isScenario(scenario) || typeof scenario.name !== 'string' || !scenario.$cstNode) continue;
            const range = headerRange(scenario);
            lenses.push({
                range,
                command: { title: RUN_SIMULATION_TITLE, command: Commands.runSimulation, arguments: [uri, scenario.name, locator.getAstNodePath(scenario)] }
            });
            const run = store.get(uri, scenario.name);
            if (!run || run.fingerprint !== fingerprint(scenario)) continue;
            const title = run.result ? summaryLine(run.result) : run.failure?.message;
            if (!title) continue;
            lenses.push({
                range,
                command: {
                    title, command: run.result ? Commands.showTimeline : '', arguments: [uri, scenario.name],
                    ...(run.version !== document.textDocument.version ? { tooltip: 'from the last run; the file changed since' } : {})
                }
            });
        }
        return lenses;
    }
}

/** From the `scenario` keyword to the end of the name. */
function headerRange(scenario: Scenario): Range {
    const start = scenario.$cstNode!.range.start;
    const name = GrammarUtils.findNodeForProperty(scenario.$cstNode, 'name');
    return { start, end: name?.range.end ?? start };
}
