import type { AstNode } from 'langium';

/** The 1-based line where a node starts (0 when it has no text, e.g. a node built in code). */
export function lineOf(node: AstNode): number {
    return (node.$cstNode?.range.start.line ?? -1) + 1;
}

/** The node's source text with runs of whitespace collapsed to one space. */
export function textOf(node: AstNode): string {
    return (node.$cstNode?.text ?? '').replace(/\s+/g, ' ').trim();
}
