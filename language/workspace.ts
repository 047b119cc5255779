import { URI, type LangiumDocument, type LangiumSharedCoreServices } from 'langium';
import { isScenario, type PolicyFile, type Scenario } from './generated/ast.js';
import type { KernelProfile, ScenarioSpec, World } from './model/types.js';
import { buildScenario } from './translate/scenario.js';
import { buildWorld } from './translate/world.js';

/** One source file of a workspace: its path (used in messages) and its text. */
export interface SourceFile {
    path: string;
    text: string;
}

/** A parsed, linked and validated workspace (LANGUAGE.md §7: the files named form one workspace). */
export interface LoadedWorkspace {
    documents: Array<LangiumDocument<PolicyFile>>;
    /** The shared device model of all documents. */
    world: World;
}

/** A scenario of the workspace, ready to simulate. */
export interface WorkspaceScenario {
    document: LangiumDocument<PolicyFile>;
    node: Scenario;
    spec: ScenarioSpec;
}

/**
 * Parses, links and (optionally) validates a set of files as one workspace, so that names
 * resolve across them (LANGUAGE.md §1).
 * @param shared the shared services of `createDcdPolicyServices`
 * @param files the files, each with a path; paths become `file://` URIs
 * @param validate run the static checks of LANGUAGE.md §6 (default true)
 */
export async function loadWorkspace(shared: LangiumSharedCoreServices, files: readonly SourceFile[], validate = true): Promise<LoadedWorkspace> {
    const langiumDocuments = shared.workspace.LangiumDocuments;
    const documents: Array<LangiumDocument<PolicyFile>> = [];
    for (const file of files) {
        const uri = URI.file(file.path);
        if (langiumDocuments.hasDocument(uri)) langiumDocuments.deleteDocument(uri);
        documents.push(langiumDocuments.createDocument(uri, file.text) as LangiumDocument<PolicyFile>);
    }
    await shared.workspace.DocumentBuilder.build(documents, { validation: validate });
    return { documents, world: buildWorld(documents.map(d => d.parseResult.value)) };
}

/**
 * Every scenario of the workspace translated for the simulator, in document and source order.
 * @param filter `scenario` keeps only scenarios of that name; `kernel` overrides every profile
 */
export function workspaceScenarios(workspace: LoadedWorkspace, filter: { scenario?: string; kernel?: KernelProfile } = {}): WorkspaceScenario[] {
    const result: WorkspaceScenario[] = [];
    for (const document of workspace.documents) {
        for (const node of document.parseResult.value.elements) {
            if (!isScenario(node) || (filter.scenario !== undefined && node.name !== filter.scenario)) continue;
            result.push({ document, node, spec: buildScenario(node, workspace.world, filter.kernel) });
        }
    }
    return result;
}

/** An LSP diagnostic as Langium reports it (0-based range, severity 1 error … 4 hint, `code`). */
export type Diagnostic = NonNullable<LangiumDocument['diagnostics']>[number];

/** The diagnostics of a document: lexer and parser errors, linking errors and validation results. */
export function documentDiagnostics(document: LangiumDocument): Diagnostic[] {
    return document.diagnostics ?? [];
}
