/**
 * The language server's services: Langium's LSP modules, the generated modules, the language
 * module (`DcdPolicyModule`, shared with the CLI) and the editor features of this folder.
 * One module for both entries: `main-node.ts` (stdio / IPC) and `main-browser.ts` (web worker).
 */
import { inject, type Module } from 'langium';
import {
    createDefaultModule, createDefaultSharedModule,
    type DefaultSharedModuleContext, type LangiumServices, type LangiumSharedServices, type PartialLangiumServices,
    type PartialLangiumSharedServices
} from 'langium/lsp';
import { DcdPolicyModule, type DcdPolicyAddedServices } from '../language/dcdpolicy-module.js';
import { DcdPolicyGeneratedModule, DcdPolicyGeneratedSharedModule } from '../language/generated/module.js';
import { registerValidationChecks } from '../language/validation/index.js';
import { DcdPolicyCodeActionProvider } from './code-actions.js';
import { DcdPolicyCodeLensProvider } from './code-lens.js';
import { DcdPolicyExecuteCommandHandler } from './commands.js';
import { DcdPolicyCompletionProvider } from './completion.js';
import { DcdPolicyDocumentSymbolProvider } from './document-symbols.js';
import { DcdPolicyDocumentUpdateHandler } from './document-update-handler.js';
import { DcdPolicyFormatter } from './formatter.js';
import { DcdPolicyHoverProvider } from './hover/hover-provider.js';
import { DcdPolicyInlayHintProvider } from './inlay-hints.js';
import { DcdPolicyRenameProvider } from './rename.js';
import { DcdPolicyConfigurationProvider, DcdPolicySettingsService } from './settings.js';
import { SimulationClient } from './simulation/client.js';
import { DcdPolicyDocumentBuilder, SimulationAwareDocumentValidator } from './simulation/document-builder.js';
import { SimulationResults } from './simulation/results.js';
import { SimulationService } from './simulation/service.js';
import { SimulationValidator } from './simulation/validation.js';
import { WorkspaceModel } from './workspace-model.js';

/** The services this folder adds to a language's services. */
export interface DcdPolicyLspAddedServices {
    dcdpolicy: {
        Settings: DcdPolicySettingsService;
        WorkspaceModel: WorkspaceModel;
        SimulationResults: SimulationResults;
        SimulationClient: SimulationClient;
        Simulations: SimulationService;
        SimulationValidator: SimulationValidator;
    };
}

/** The .dcdpolicy language's services in the language server. */
export type DcdPolicyLspServices = LangiumServices & DcdPolicyAddedServices & DcdPolicyLspAddedServices;

/** The editor features: Langium LSP service overrides and the simulation services. */
export const DcdPolicyLspModule: Module<DcdPolicyLspServices, PartialLangiumServices & DcdPolicyLspAddedServices> = {
    validation: {
        DocumentValidator: (services) => new SimulationAwareDocumentValidator(services)
    },
    lsp: {
        HoverProvider: (services) => new DcdPolicyHoverProvider(services),
        CompletionProvider: (services) => new DcdPolicyCompletionProvider(services),
        RenameProvider: (services) => new DcdPolicyRenameProvider(services),
        DocumentSymbolProvider: (services) => new DcdPolicyDocumentSymbolProvider(services),
        Formatter: () => new DcdPolicyFormatter(),
        CodeActionProvider: (services) => new DcdPolicyCodeActionProvider(services),
        CodeLensProvider: (services) => new DcdPolicyCodeLensProvider(services),
        InlayHintProvider: (services) => new DcdPolicyInlayHintProvider(services)
    },
    dcdpolicy: {
        Settings: (services) => new DcdPolicySettingsService(services.shared),
        WorkspaceModel: (services) => new WorkspaceModel(services.shared),
        SimulationResults: () => new SimulationResults(),
        SimulationClient: (services) => new SimulationClient(services.shared),
        Simulations: (services) => new SimulationService(services),
        SimulationValidator: (services) => new SimulationValidator(services)
    }
};

/** Shared-service overrides: settings with the pull model, saves that trigger simulations, the commands. */
export const DcdPolicySharedLspModule: Module<LangiumSharedServices, PartialLangiumSharedServices> = {
    workspace: {
        ConfigurationProvider: (shared) => new DcdPolicyConfigurationProvider(shared),
        DocumentBuilder: (shared) => new DcdPolicyDocumentBuilder(shared)
    },
    lsp: {
        DocumentUpdateHandler: (shared) => new DcdPolicyDocumentUpdateHandler(shared),
        ExecuteCommandHandler: (shared) => new DcdPolicyExecuteCommandHandler(shared)
    }
};

/**
 * Creates the shared and language services of the language server.
 * @param context the connection (absent in tests) and a file system (`NodeFileSystem` from
 * `langium/node`, or `EmptyFileSystem` in the browser and in tests)
 */
export function createDcdPolicyLspServices(context: DefaultSharedModuleContext): {
    shared: LangiumSharedServices;
    DcdPolicy: DcdPolicyLspServices;
} {
    const shared = inject(createDefaultSharedModule(context), DcdPolicyGeneratedSharedModule, DcdPolicySharedLspModule);
    const DcdPolicy = inject(
        createDefaultModule({ shared }),
        DcdPolicyGeneratedModule,
        DcdPolicyModule as Module<DcdPolicyLspServices, PartialLangiumServices & DcdPolicyAddedServices>,
        DcdPolicyLspModule
    );
    shared.ServiceRegistry.register(DcdPolicy);
    registerValidationChecks(DcdPolicy);
    DcdPolicy.dcdpolicy.SimulationValidator.register();
    return { shared, DcdPolicy };
}
