import { AstUtils, Cancellation, DefaultDocumentValidator, interruptAndCheck, type AstNode, type ValidationAcceptor, type ValidationOptions } from 'langium';

/** How many AST nodes are validated between two cancellation checks. */
const NODES_PER_INTERRUPT_CHECK = 512;

/**
 * Langium's document validator with a cheaper walk over the AST: the default awaits a
 * cancellation check and every check on every node (two promises per node at least), which
 * on a 100k-line workspace costs more than all of our checks together. This walk awaits only
 * checks that return a promise, and checks for cancellation every few hundred nodes, so typing
 * still interrupts a long validation. Behaviour (which checks run, in what order, with which
 * categories) is the default's.
 */
export class DcdPolicyDocumentValidator extends DefaultDocumentValidator {
    protected override async validateAstNodes(rootNode: AstNode, options: ValidationOptions, acceptor: ValidationAcceptor, cancelToken: Cancellation.CancellationToken = Cancellation.CancellationToken.None): Promise<void> {
        if (this.profiler?.isActive('validating')) {
            return super.validateAstNodes(rootNode, options, acceptor, cancelToken);
        }
        let sinceCheck = 0;
        const nodes = AstUtils.streamAst(rootNode).iterator();
        for (const node of nodes) {
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
            if (!nodeOptions.validateChildren) nodes.prune();
        }
    }
}
