/**
 * The shared device model of the workspace as the editor features see it: every `.dcdpolicy`
 * document Langium knows, translated once per build (the same `buildWorld` the CLI uses).
 */
import { AstUtils, DocumentState, type AstNode, type LangiumDocument, type URI } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import { isPolicyFile, isScenario, type PolicyFile } from '../language/generated/ast.js';
import type { HostConfig, PartitionConfig, RegionConfig, World } from '../language/model/types.js';
import { scenarioHost, IMPLICIT_HOST } from '../language/translate/scenario.js';
import { buildWorld } from '../language/translate/world.js';

/** Caches the workspace's `World`; dropped whenever documents change or are re-indexed. */
export class WorkspaceModel {
    private cached: { world: World; documents: Array<LangiumDocument<PolicyFile>> } | undefined;

    constructor(private readonly shared: LangiumSharedServices) {
        const builder = shared.workspace.DocumentBuilder;
        builder.onUpdate(() => { this.cached = undefined; });
        builder.onBuildPhase(DocumentState.IndexedContent, () => { this.cached = undefined; });
    }

    /** Every parsed policy document of the workspace, in the index's order. */
    documents(): Array<LangiumDocument<PolicyFile>> {
        return this.snapshot().documents;
    }

    /** The shared device model of the whole workspace. */
    world(): World {
        return this.snapshot().world;
    }

    /** The document of a uri, if Langium has it. */
    document(uri: URI): LangiumDocument<PolicyFile> | undefined {
        const document = this.shared.workspace.LangiumDocuments.getDocument(uri);
        return document && isPolicyFile(document.parseResult.value) ? document as LangiumDocument<PolicyFile> : undefined;
    }

    private snapshot(): { world: World; documents: Array<LangiumDocument<PolicyFile>> } {
        if (!this.cached) {
            const documents = this.shared.workspace.LangiumDocuments.all
                .filter(d => d.state >= DocumentState.Parsed && isPolicyFile(d.parseResult?.value))
                .toArray() as Array<LangiumDocument<PolicyFile>>;
            this.cached = { documents, world: buildWorld(documents.map(d => d.parseResult.value)) };
        }
        return this.cached;
    }

    /**
     * The hosts a node's facts depend on: inside a scenario its host; elsewhere every host of
     * the workspace (the implicit dcd-v11 host when there is none).
     */
    hostsFor(node: AstNode): HostConfig[] {
        const world = this.world();
        const scenario = AstUtils.getContainerOfType(node, isScenario);
        if (scenario) return [scenarioHost(scenario, world)];
        return world.hosts.length > 0 ? world.hosts : [IMPLICIT_HOST];
    }

    /** A partition by id (`device.partition`). */
    partition(id: string): PartitionConfig | undefined {
        for (const device of this.world().devices) {
            for (const partition of device.partitions) if (partition.id === id) return partition;
        }
        return undefined;
    }

    /** The regions that decode a byte of a partition (offset from its base). */
    regionsAt(partitionId: string, offset: number): RegionConfig[] {
        return this.world().regions.filter(r => r.partition === partitionId && offset >= r.offset && offset < r.offset + r.size);
    }
}
