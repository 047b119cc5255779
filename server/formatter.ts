/**
 * The formatter: every declaration and every block member on its own line, blocks indented 4
 * spaces, one space between the words of a line, `extents { a, b }` on one line, `mem0.dc0`
 * and `extent mem0.dc0@0x0` without spaces, at most one blank line kept between lines.
 *
 * It only ever changes whitespace between tokens, never the tokens, and never moves a token
 * onto the line of a `//` comment (Langium's formatter leaves the space after a comment
 * alone), so the formatted text parses to the same model; a document with syntax errors is not
 * formatted at all. Applying it twice changes nothing the second time.
 *
 * The rules are decided in one pass over the leaf tokens of the document (the nesting of
 * `{ … }` blocks gives the indentation), each expressed as a Langium formatting action.
 */
import { CstUtils, isLeafCstNode, type AstNode, type CstNode, type LangiumDocument } from 'langium';
import { AbstractFormatter, Formatting, type FormattingAction } from 'langium/lsp';
import type { FormattingOptions, Range, TextEdit } from 'vscode-languageserver';
import {
    isAddAction, isDevice, isHost, isPartition, isPolicyFile, isRegion, isReleaseAction, isScenario, type PolicyFile
} from '../language/generated/ast.js';

/** Spaces per block level (LANGUAGE.md examples). */
export const INDENT = 4;

/** A new line at `depth`, keeping one blank line before it when there was one (never more). */
function lineAt(depth: number): FormattingAction {
    return { options: {}, moves: [{ tabs: depth, lines: 1 }, { tabs: depth, lines: 2 }] };
}

/** The members of a block declaration, in source order. */
function blockMembers(node: AstNode): AstNode[] {
    if (isHost(node) || isDevice(node) || isPartition(node) || isRegion(node)) return node.properties;
    if (isScenario(node)) return node.members;
    return [];
}

/** The first token of a node that is not a comment. */
function firstToken(node: AstNode): CstNode | undefined {
    if (!node.$cstNode) return undefined;
    for (const n of CstUtils.streamCst(node.$cstNode)) if (isLeafCstNode(n) && !n.hidden) return n;
    return undefined;
}

export class DcdPolicyFormatter extends AbstractFormatter {
    /** The house style is 4 spaces whatever the editor's tab settings. */
    protected override doDocumentFormat(document: LangiumDocument, options: FormattingOptions, range?: Range): TextEdit[] {
        return super.doDocumentFormat(document, { ...options, tabSize: INDENT, insertSpaces: true }, range);
    }

    protected format(node: AstNode): void {
        if (isPolicyFile(node)) this.formatFile(node);
    }

    private formatFile(root: PolicyFile): void {
        const cst = root.$cstNode;
        if (!cst) return;
        const formatter = this.getNodeFormatter(root);
        const prepend = (leaf: CstNode, action: FormattingAction) => formatter.cst([leaf]).prepend(action);

        // Tokens that start a line: the first token of every declaration and of every block member.
        const lineStarts = new Set<CstNode>();
        const mark = (node: AstNode) => {
            const first = firstToken(node);
            if (first) lineStarts.add(first);
            for (const member of blockMembers(node)) mark(member);
        };
        for (const element of root.elements) mark(element);

        /** Open braces: a block (`host h {`) indents, an extent list (`extents {`) stays on its line. */
        const braces: Array<'block' | 'list'> = [];
        let depth = 0;
        let previous: CstNode | undefined;
        let previousToken: CstNode | undefined;
        for (const leaf of CstUtils.streamCst(cst)) {
            if (!isLeafCstNode(leaf)) continue;
            if (leaf.hidden) {
                // A comment on a line of its own takes the indentation of where it stands.
                if (!previous || previous.range.end.line < leaf.range.start.line) prepend(leaf, lineAt(depth));
                previous = leaf;
                continue;
            }
            const text = leaf.text;
            if (text === '}') {
                const kind = braces.pop();
                if (kind === 'block') {
                    depth = Math.max(0, depth - 1);
                    prepend(leaf, lineAt(depth));
                } else prepend(leaf, Formatting.oneSpace());
            } else if (lineStarts.has(leaf)) {
                prepend(leaf, previous ? lineAt(depth) : Formatting.noSpace());
            } else if (previous?.hidden && previous.range.end.line < leaf.range.start.line) {
                // A line continued after a comment: one level deeper than the line it continues.
                prepend(leaf, { options: {}, moves: [{ tabs: depth + 1, lines: 1 }] });
            } else if (text === ',' || text === '.' || text === '@' || previousToken?.text === '.' || previousToken?.text === '@') {
                prepend(leaf, Formatting.noSpace());
            } else {
                prepend(leaf, Formatting.oneSpace());
            }
            if (text === '{') {
                const list = isAddAction(leaf.astNode) || isReleaseAction(leaf.astNode);
                braces.push(list ? 'list' : 'block');
                if (!list) depth++;
            }
            previous = leaf;
            previousToken = leaf;
        }
    }
}

/** The formatted text of a document (tests, and the CLI if it ever wants a `fmt`). */
export function formattedText(document: LangiumDocument, edits: readonly TextEdit[]): string {
    const text = document.textDocument;
    const sorted = [...edits].sort((a, b) => text.offsetAt(b.range.start) - text.offsetAt(a.range.start));
    let out = text.getText();
    for (const edit of sorted) {
        out = out.slice(0, text.offsetAt(edit.range.start)) + edit.newText + out.slice(text.offsetAt(edit.range.end));
    }
    return out;
}
