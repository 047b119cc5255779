/**
 * Which scenario a command run from the palette or the editor title means: the one under the
 * cursor, the only one in the file, or the one the user picks. Scenarios come from the server's
 * outline (document symbols of kind Function with detail `scenario`), never from parsing here.
 */
import * as vscode from 'vscode';

export interface ScenarioSymbol {
    name: string;
    range: vscode.Range;
}

/** The scenarios of a document, from the language server's outline. */
export async function scenariosOf(uri: vscode.Uri): Promise<ScenarioSymbol[]> {
    const symbols = await vscode.commands.executeCommand<Array<vscode.DocumentSymbol | vscode.SymbolInformation> | undefined>(
        'vscode.executeDocumentSymbolProvider', uri);
    const out: ScenarioSymbol[] = [];
    for (const s of symbols ?? []) {
        if (s.kind !== vscode.SymbolKind.Function) continue;
        if ('detail' in s && s.detail !== 'scenario') continue;
        out.push({ name: s.name, range: 'range' in s ? s.range : s.location.range });
    }
    return out;
}

/**
 * The scenario a command without arguments means in `uri`: under the cursor of the active
 * editor, else the only one, else a quick pick. Undefined when there is none or the user cancels.
 */
export async function pickScenario(uri: vscode.Uri, placeHolder: string): Promise<string | undefined> {
    const scenarios = await scenariosOf(uri);
    if (scenarios.length === 0) {
        void vscode.window.showInformationMessage(`DCD Policy: ${vscode.workspace.asRelativePath(uri)} has no scenario.`);
        return undefined;
    }
    const editor = vscode.window.activeTextEditor;
    if (editor && editor.document.uri.toString() === uri.toString()) {
        const here = scenarios.find(s => s.range.contains(editor.selection.active));
        if (here) return here.name;
    }
    if (scenarios.length === 1) return scenarios[0]!.name;
    const picked = await vscode.window.showQuickPick(
        scenarios.map(s => ({ label: s.name, description: `line ${s.range.start.line + 1}` })),
        { placeHolder });
    return picked?.label;
}

/**
 * The document a command means: a `Uri` or uri string argument (the editor title menu passes the
 * resource; code lenses pass a string), else the active editor's dcdpolicy document.
 */
export function targetUri(arg: unknown): vscode.Uri | undefined {
    if (arg instanceof vscode.Uri) return arg;
    if (typeof arg === 'string' && arg.length > 0) return vscode.Uri.parse(arg);
    const editor = vscode.window.activeTextEditor;
    if (editor && editor.document.languageId === 'dcdpolicy') return editor.document.uri;
    return undefined;
}
