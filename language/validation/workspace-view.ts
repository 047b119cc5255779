/**
 * The workspace as the checks see it: every host, device, partition, tag, region and scenario
 * of every `.dcdpolicy` document the index knows (LANGUAGE.md §1: names are visible across
 * all files of a workspace), with the AST→model translation applied once.
 *
 * Built lazily once per validated document (the registry's before-document hook drops it), so
 * a check that needs the workspace costs one pass over the index, not one per node.
 */
import { AstUtils, type AstNode, type LangiumDocument } from 'langium';
import {
    isDevice, isHost, isPartition, isRegion, isRegionPartition, isScenario, isTagDecl,
    type Device, type Host, type Partition, type PolicyFile, type Region, type Scenario, type TagDecl
} from '../generated/ast.js';
import type { DcdPolicyServices } from '../dcdpolicy-module.js';
import {
    DEFAULT_KERNEL,
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
    world: World;
    /** The kernels regions are judged under (LANGUAGE.md §4): every host's, or dcd-v11 for the implicit host. */
    judgingKernels: JudgingKernel[];
}

/** Builds the view from document roots, in document then source order. */
export function buildWorkspaceView(roots: readonly PolicyFile[]): WorkspaceView {
    const view: WorkspaceView = {
        roots: [...roots], hosts: [], devices: [], partitions: new Map(), tags: [], regions: [], regionByNode: new Map(),
        scenarios: [], world: buildWorld(roots), judgingKernels: []
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
            } else if (isTagDecl(element)) view.tags.push(element);
            else if (isRegion(element)) regionNodes.push(element);
            else if (isScenario(element)) view.scenarios.push(element);
        }
    }
    for (const node of regionNodes) {
        const target = node.properties.find(isRegionPartition)?.partition?.ref;
        const partition = target ? view.partitions.get(target) : undefined;
        const info: RegionInfo = { node, config: regionConfig(node, partition?.config.length ?? 0), partition };
        view.regions.push(info);
        view.regionByNode.set(node, info);
    }
    const byKernel = new Map<KernelProfile, HostConfig[]>();
    for (const { config } of view.hosts) byKernel.set(config.kernel, [...byKernel.get(config.kernel) ?? [], config]);
    view.judgingKernels = view.hosts.length === 0
        ? [{ kernel: DEFAULT_KERNEL, hosts: [] }]
        : [...byKernel].map(([kernel, hosts]) => ({ kernel, hosts }));
    return view;
}

/** Hands out the workspace view of the current validation pass. */
export class WorkspaceViews {
    private cached: WorkspaceView | undefined;

    constructor(private readonly services: DcdPolicyServices) {}

    /** Drops the view: the next `get` rebuilds it (called before each document is validated). */
    reset(): void {
        this.cached = undefined;
    }

    /**
     * The view of the workspace `node` belongs to: every document the index knows, plus the
     * node's own document (a document being validated is always indexed, but a test may hand in
     * a bare AST).
     */
    get(node: AstNode): WorkspaceView {
        if (this.cached) return this.cached;
        const own = AstUtils.findRootNode(node) as PolicyFile;
        const documents = this.services.shared.workspace.LangiumDocuments;
        const seen = new Set<string>();
        const roots: PolicyFile[] = [];
        for (const description of this.services.shared.workspace.IndexManager.allElements()) {
            const uri = description.documentUri.toString();
            if (seen.has(uri)) continue;
            seen.add(uri);
            const document = documents.getDocument(description.documentUri) as LangiumDocument<PolicyFile> | undefined;
            const root = document?.parseResult.value;
            if (root && root.$type === 'PolicyFile') roots.push(root);
        }
        if (!roots.includes(own)) roots.push(own);
        this.cached = buildWorkspaceView(roots);
        return this.cached;
    }
}
