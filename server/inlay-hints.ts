/**
 * The inline timeline as LSP inlay hints (LANGUAGE.md §9): at the end of every event line its
 * outcome and where its extents went (`accepted → online movable N_MEMORY_PRIVATE`,
 * `rejected: tag-mismatch`), at the end of every expectation `✓` or `✗ actual …`. Only for
 * scenarios whose text is the text of their last run, and only while
 * `dcdpolicy.inlayHints.timeline` is on.
 */
import type { AstNode, LangiumDocument } from 'langium';
import type { InlayHintProvider } from 'langium/lsp';
import type { InlayHint, InlayHintParams, Position, Range } from 'vscode-languageserver';
import { isScenario, type PolicyFile } from '../language/generated/ast.js';
import type { DcdPolicyLspServices } from './dcdpolicy-lsp-module.js';
import { eventTooltip } from './simulation/timeline.js';
import { fingerprint, resultEvents, resultExpectations } from './util.js';

function overlaps(a: Range, b: Range): boolean {
    return !(a.end.line < b.start.line || a.start.line > b.end.line);
}

export class DcdPolicyInlayHintProvider implements InlayHintProvider {
    constructor(private readonly services: DcdPolicyLspServices) { }

    getInlayHints(document: LangiumDocument, params: InlayHintParams): InlayHint[] {
        if (!this.services.dcdpolicy.Settings.settings.inlayHints.timeline) return [];
        const root = document.parseResult.value as PolicyFile;
        const uri = document.uri.toString();
        const store = this.services.dcdpolicy.SimulationResults;
        const hints: InlayHint[] = [];
        for (const scenario of root.elements ?? []) {
            if (!isScenario(scenario) || !scenario.$cstNode || !overlaps(scenario.$cstNode.range, params.range)) continue;
            const run = store.get(uri, scenario.name);
            const result = run?.result;
            if (!run || !result || run.fingerprint !== fingerprint(scenario)) continue;
            resultEvents(scenario).forEach((node, i) => {
                const event = result.events[i];
                if (!event || !node.$cstNode || !overlaps(node.$cstNode.range, params.range)) return;
                hints.push({
                    position: this.lineEnd(document, node),
                    label: run.eventLabels[i] ?? event.outcome,
                    paddingLeft: true,
                    tooltip: { kind: 'markdown', value: eventTooltip(event, (run.eventExtents[i] ?? []).map(x => result.extents[x]), run.tags) }
                });
            });
            resultExpectations(scenario).forEach((node, i) => {
                const verdict = result.expectations[i];
                if (!verdict || !node.$cstNode || !overlaps(node.$cstNode.range, params.range)) return;
                hints.push({
                    position: this.lineEnd(document, node),
                    label: run.expectationLabels[i] ?? (verdict.passed ? '✓' : `✗ actual ${verdict.actual}`),
                    paddingLeft: true,
                    tooltip: verdict.passed ? `holds: ${verdict.actual}` : `expected \`${verdict.text}\`, the simulation has ${verdict.actual}`
                });
            });
        }
        return hints;
    }

    /** The end of the node's last line, after any trailing comment. */
    private lineEnd(document: LangiumDocument, node: AstNode): Position {
        const end = node.$cstNode!.range.end;
        const line = document.textDocument.getText({ start: { line: end.line, character: 0 }, end: { line: end.line + 1, character: 0 } });
        return { line: end.line, character: line.replace(/\s+$/, '').length };
    }
}
