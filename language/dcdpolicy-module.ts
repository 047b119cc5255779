import {
    createDefaultCoreModule, createDefaultSharedCoreModule, inject,
    type DefaultSharedCoreModuleContext, type LangiumCoreServices, type LangiumSharedCoreServices,
    type Module, type PartialLangiumCoreServices
} from 'langium';
import { DcdPolicyGeneratedModule, DcdPolicyGeneratedSharedModule } from './generated/module.js';
import { DcdPolicyLexer } from './parser/dcdpolicy-lexer.js';
import { createDcdPolicyCompletionParser, createDcdPolicyParser } from './parser/dcdpolicy-parser.js';
import { DcdPolicyScopeProvider } from './references/dcdpolicy-scope-provider.js';
import { DcdPolicyScopeComputation } from './references/dcdpolicy-scope-computation.js';
import { DcdPolicyDocumentValidator } from './validation/dcdpolicy-document-validator.js';
import { registerValidationChecks } from './validation/index.js';

/** Services the language adds to Langium's core services (none yet beyond overrides). */
export type DcdPolicyAddedServices = object;

/** Langium core services of the .dcdpolicy language (no LSP, no VS Code). */
export type DcdPolicyServices = LangiumCoreServices & DcdPolicyAddedServices;

/** The language module: Langium service overrides of the .dcdpolicy language. */
export const DcdPolicyModule: Module<DcdPolicyServices, PartialLangiumCoreServices & DcdPolicyAddedServices> = {
    parser: {
        Lexer: (services) => new DcdPolicyLexer(services),
        LangiumParser: (services) => createDcdPolicyParser(services),
        CompletionParser: (services) => createDcdPolicyCompletionParser(services)
    },
    validation: {
        DocumentValidator: (services) => new DcdPolicyDocumentValidator(services)
    },
    references: {
        ScopeComputation: (services) => new DcdPolicyScopeComputation(services),
        ScopeProvider: (services) => new DcdPolicyScopeProvider(services)
    }
};

/**
 * Creates the shared and language services without any LSP part: what the CLI, the tests and
 * the benchmarks use. The language server builds on `DcdPolicyModule` with Langium's LSP modules.
 * @param context file system provider (e.g. `NodeFileSystem` from `langium/node`) or `{}` (EmptyFileSystem)
 */
export function createDcdPolicyServices(context: DefaultSharedCoreModuleContext): {
    shared: LangiumSharedCoreServices;
    DcdPolicy: DcdPolicyServices;
} {
    const shared = inject(createDefaultSharedCoreModule(context), DcdPolicyGeneratedSharedModule);
    const DcdPolicy = inject(createDefaultCoreModule({ shared }), DcdPolicyGeneratedModule, DcdPolicyModule);
    shared.ServiceRegistry.register(DcdPolicy);
    registerValidationChecks(DcdPolicy);
    return { shared, DcdPolicy };
}
