/**
 * The workspace as the checks see it: every host, device, partition, tag, region and scenario
 * of every `.dcdpolicy` document the index knows (LANGUAGE.md §1: names are visible across
 * all files of a workspace), with the AST→model translation applied once.
 *
 * Built lazily once per validated document (the registry's before-document hook drops it), so
 * a check that needs the workspace costs one pass over the index, not one per node.
 */
import { AstUtils, DocumentState, type AstNode } from 'langium';
import {
    isDevice, isEvent, isHost, isPartition, isRegion, isRegionPartition, isReleaseAction, isScenario, isTagDecl,
    type Device, type Event, type Host, type Partition, type PolicyFile, type Region, type Scenario, type TagDecl
} from '../generated/ast.js';
import { canonicalUuid } from '../literals.js';
import type { DcdPolicyServices } from '../dcdpolicy-module.js';
import {

    type DeviceConfig, type HostConfig, type KernelProfile, type PartitionConfig, type RegionConfig, type World
} from '../model/types.js';
import { buildWorld, deviceConfig, hostConfig, partitionConfig, regionConfig } from '../translate/world.js';

/** A partition with its translation and its device's. */
export interface PartitionInfo {
    node: Partition;
    config: PartitionConfig;
    device: DeviceConfig;
}

/** A region with its translation (`partition` is undefined when it names none or it does not resolve). */
export interface RegionInfo {
    node: Region;
    config: RegionConfig;
    partition?: PartitionInfo;
}

/** A kernel profile regions are judged under, and the hosts that run it (none: the implicit host). */
export interface JudgingKernel {
    kernel: KernelProfile;
    hosts: HostConfig[];
}

/** Everything the workspace declares. */
export interface WorkspaceView {
    roots: PolicyFile[];
    hosts: Array<{ node: Host; config: HostConfig }>;
    devices: Array<{ node: Device; config: DeviceConfig }>;
    partitions: Map<Partition, PartitionInfo>;
    tags: TagDecl[];
    regions: RegionInfo[];
    regionByNode: Map<Region, RegionInfo>;
    scenarios: Scenario[];
    /** Regions by the partition they decode. */
    regionsByPartition: Map<Partition, RegionInfo[]>;
    /** Regions by the NUMA node id they name. */
    regionsByNode: Map<number, RegionInfo[]>;
    /** Regions that online N_MEMORY, by NUMA node id. */
    memoryRegionsByNode: Map<number, RegionInfo[]>;
    /** Tag declarations by canonical uuid. */
    tagsByUuid: Map<string, TagDecl[]>;
    /** Release events of every scenario, by the partition they name. */
    releasesByPartition: Map<Partition, Event[]>;
    world: World;
    /** Exported declarations by `type NUL name`, from the index (built on first use). */
    names?: Map<string, AstNode[]>;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
}

/** Builds the view from document roots, in document then source order. */
export function buildWorkspaceView(roots: readonly PolicyFile[]): WorkspaceView {
    const view: WorkspaceView = {
        roots: [...roots], hosts: [], devices: [], partitions: new Map(), tags: [], regions: [], regionByNode: new Map(),
        scenarios: [], regionsByPartition: new Map(), regionsByNode: new Map(), memoryRegionsByNode: new Map(), tagsByUuid: new Map(), releasesByPartition: new Map(),
        world: buildWorld(roots)
    };
    const regionNodes: Region[] = [];
    for (const root of roots) {
        for (const element of root.elements ?? []) {
            if (isHost(element)) view.hosts.push({ node: element, config: hostConfig(element) });
            else if (isDevice(element)) {
                const config = deviceConfig(element);
                view.devices.push({ node: element, config });
                element.properties.filter(isPartition).forEach((p, i) => {
                    view.partitions.set(p, { node: p, config: config.partitions[i] ?? partitionConfig(p, i), device: config });
                });
            } else if (isTagDecl(element)) {
                view.tags.push(element);
                if (element.uuid) push(view.tagsByUuid, canonicalUuid(element.uuid), element);
            } else if (isRegion(element)) regionNodes.push(element);
            else if (isScenario(element)) {
                view.scenarios.push(element);
                for (const member of element.members) {
                    if (isEvent(member) && isReleaseAction(member.action) && member.action.partition?.ref) {
                        push(view.releasesByPartition, member.action.partition.ref, member);
                    }
                }
            }
        }
    }
    for (const node of regionNodes) {
        const target = node.properties.find(isRegionPartition)?.partition?.ref;
        const partition = target ? view.partitions.get(target) : undefined;
        const info: RegionInfo = { node, config: regionConfig(node, partition?.config.length ?? 0), partition };
        view.regions.push(info);
        view.regionByNode.set(node, info);
        if (target) push(view.regionsByPartition, target, info);
        if (info.config.node) push(view.regionsByNode, info.config.node.id, info);
        if (info.config.node?.state === 'N_MEMORY') push(view.memoryRegionsByNode, info.config.node.id, info);
    }
    return view;
}

/**
 * Hands out the workspace view. It is built once per build of the workspace and shared by the
 * validation of all its documents: it is dropped whenever documents change (`onUpdate`) or a
 * build has indexed their content (`onBuildPhase(IndexedContent)`), and rebuilt when asked
 * about a document it does not know.
 */
export class WorkspaceViews {
    private cached: { roots: ReadonlySet<PolicyFile>; view: WorkspaceView } | undefined;

    constructor(private readonly services: DcdPolicyServices) {
        const builder = services.shared.workspace.DocumentBuilder;
        builder.onUpdate(() => this.reset());
        builder.onBuildPhase(DocumentState.IndexedContent, () => this.reset());
    }

    /** Drops the view: the next `get` rebuilds it. */
    reset(): void {
        this.cached = undefined;
    }

    /**
     * The view of the workspace `node` belongs to: every indexed document of the workspace
     * (LANGUAGE.md §1), plus the node's own document.
     */
    get(node: AstNode): WorkspaceView {
        const own = AstUtils.findRootNode(node) as PolicyFile;
        if (this.cached?.roots.has(own)) return this.cached.view;
        const roots: PolicyFile[] = [];
        for (const document of this.services.shared.workspace.LangiumDocuments.all) {
            const root = document.parseResult.value as PolicyFile;
            if (document.state >= DocumentState.IndexedContent && root?.$type === 'PolicyFile') roots.push(root);
        }
        if (!roots.includes(own)) roots.push(own);
        const view = buildWorkspaceView(roots);
        this.cached = { roots: new Set(roots), view };
        return view;
    }

    /**
     * The declarations of a kind and name in the whole workspace, from Langium's index of
     * exported symbols (hosts, devices, tags, regions, scenarios; `type` is the AST type).
     */
    declarations(node: AstNode, type: string, name: string): AstNode[] {
        const view = this.get(node);
        if (!view.names) {
            const names = new Map<string, AstNode[]>();
            const documents = this.services.shared.workspace.LangiumDocuments;
            const locator = this.services.workspace.AstNodeLocator;
            for (const d of this.services.shared.workspace.IndexManager.allElements()) {
                const root = d.node ? undefined : documents.getDocument(d.documentUri)?.parseResult.value;
                const target = d.node ?? (root ? locator.getAstNode(root, d.path) : undefined);
                if (target) push(names, `${d.type}\u0000${d.name}`, target);
            }
            view.names = names;
        }
        return view.names.get(`${type}\u0000${name}`) ?? [];
    }
}
