import { EmptyFileSystem } from 'langium';
import { readFileSync } from 'node:fs';
import { createDcdPolicyServices } from '../language/dcdpolicy-module.js';
import { loadWorkspace, documentDiagnostics, type LoadedWorkspace } from '../language/workspace.js';

/** Loads files (paths on disk) as one fresh workspace, validated. */
export async function loadFiles(paths: string[]): Promise<LoadedWorkspace> {
    const { shared } = createDcdPolicyServices(EmptyFileSystem);
    return loadWorkspace(shared, paths.map(path => ({ path, text: readFileSync(path, 'utf8') })));
}

/** Loads policy texts as one fresh workspace, validated. */
export async function loadTexts(texts: Record<string, string>): Promise<LoadedWorkspace> {
    const { shared } = createDcdPolicyServices(EmptyFileSystem);
    return loadWorkspace(shared, Object.entries(texts).map(([path, text]) => ({ path: `/virtual/${path}`, text })));
}

/** Every error of a workspace as `file:line: message` lines (empty when clean). */
export function errorsOf(workspace: LoadedWorkspace): string[] {
    return workspace.documents.flatMap(d => documentDiagnostics(d)
        .filter(x => (x.severity ?? 1) === 1)
        .map(x => `${d.uri.path}:${x.range.start.line + 1}: ${String(x.code ?? '')} ${typeof x.message === 'string' ? x.message : x.message.value}`));
}
