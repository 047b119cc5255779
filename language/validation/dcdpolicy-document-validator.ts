import {
    Cancellation, DefaultDocumentValidator, interruptAndCheck, isAstNode,
    type AstNode, type LangiumDocument, type ValidationAcceptor, type ValidationOptions
} from 'langium';
import { LANGIUM_DIAGNOSTIC_CODES } from './codes.js';

/** A diagnostic as Langium reports it. */
type Diagnostic = NonNullable<LangiumDocument['diagnostics']>[number];

/** How many AST nodes are validated between two cancellation checks. */
const NODES_PER_INTERRUPT_CHECK = 512;

/**
 * Langium's document validator with a cheaper walk over the AST: the default awaits a
 * cancellation check and every check on every node (two promises per node at least), which
 * on a 100k-line workspace costs more than all of our checks together. This walk awaits only
 * checks that return a promise, and checks for cancellation every few hundred nodes, so typing
 * still interrupts a long validation; it walks the tree with a plain stack, in the order
 * `AstUtils.streamAst` does. Behaviour (which checks run, in what order, with which
 * categories) is the default's.
 *
 * Langium's own diagnostics (lexing, parsing and linking errors) carry their kind only in
 * `data.code`; they get the stable `code` of LANGIUM_DIAGNOSTIC_CODES (codes.ts) here, so the
 * editor's Problems view, the CLI and SARIF show the same code.
 */
export class DcdPolicyDocumentValidator extends DefaultDocumentValidator {
    override async validateDocument(document: LangiumDocument, options?: ValidationOptions, cancelToken?: Cancellation.CancellationToken): Promise<Diagnostic[]> {
        const diagnostics = await super.validateDocument(document, options, cancelToken);
        for (const diagnostic of diagnostics) {
            if (diagnostic.code !== undefined) continue;
            const kind = (diagnostic.data as { code?: unknown } | undefined)?.code;
            if (typeof kind === 'string' && kind in LANGIUM_DIAGNOSTIC_CODES) diagnostic.code = LANGIUM_DIAGNOSTIC_CODES[kind];
        }
        return diagnostics;
    }

    protected override async validateAstNodes(rootNode: AstNode, options: ValidationOptions, acceptor: ValidationAcceptor, cancelToken: Cancellation.CancellationToken = Cancellation.CancellationToken.None): Promise<void> {
        if (this.profiler?.isActive('validating')) {
            return super.validateAstNodes(rootNode, options, acceptor, cancelToken);
        }
        let sinceCheck = 0;
        // Pre-order, in document order, like AstUtils.streamAst, without the stream machinery.
        const stack: AstNode[] = [rootNode];
        const children: AstNode[] = [];
        while (stack.length > 0) {
            const node = stack.pop()!;
            if (++sinceCheck >= NODES_PER_INTERRUPT_CHECK) {
                sinceCheck = 0;
                await interruptAndCheck(cancelToken);
            }
            const nodeOptions = this.validateSingleNodeOptions(node, options);
            if (nodeOptions.validateNode) {
                for (const check of this.validationRegistry.getChecks(node.$type, options.categories)) {
                    const pending = check(node, acceptor, cancelToken);
                    if (pending instanceof Promise) await pending;
                }
            }
            if (!nodeOptions.validateChildren) continue;
            children.length = 0;
            for (const key in node) {
                if (key.charCodeAt(0) === 36 /* $ */) continue;
                const value = (node as unknown as Record<string, unknown>)[key];
                if (isAstNode(value)) children.push(value);
                else if (Array.isArray(value)) for (const item of value) if (isAstNode(item)) children.push(item);
            }
            for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
        }
    }
}
