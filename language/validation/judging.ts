/**
 * Which hosts a region is judged under. LANGUAGE.md §4 says "every host, when there are
 * several"; we narrow it to what a kernel engineer means: a region is judged under the hosts
 * of the scenarios that touch it (their `host`, or the workspace's only host), and only a
 * region no scenario touches is judged under every host of the workspace. So one folder can
 * hold a dcd-v9 lab next to a sysram-rfc lab (the README and the session note say so).
 */
import { DEFAULT_KERNEL, type HostConfig } from '../model/index.js';
import { scenarioHost } from '../translate/scenario.js';
import { DEFAULT_MEMORY_BLOCK_SIZE } from '../translate/world.js';
import { regionsTouched } from './scenario.js';
import type { JudgingKernel, RegionInfo, WorkspaceView } from './workspace-view.js';

/** Host names by the regions scenarios touch, computed once per workspace view. */
const touching = new WeakMap<WorkspaceView, Map<RegionInfo, Set<string>>>();

function hostsTouching(view: WorkspaceView): Map<RegionInfo, Set<string>> {
    let map = touching.get(view);
    if (!map) {
        map = new Map();
        for (const scenario of view.scenarios) {
            const host = scenarioHost(scenario, view.world).name;
            for (const info of regionsTouched(scenario, view)) {
                const set = map.get(info) ?? new Set<string>();
                set.add(host);
                map.set(info, set);
            }
        }
        touching.set(view, map);
    }
    return map;
}

/**
 * The hosts a region runs on: the hosts of the scenarios that touch it, else every host of
 * the workspace; an empty list stands for the implicit dcd-v11 host of a workspace without hosts.
 */
export function judgingHosts(view: WorkspaceView, info: RegionInfo): HostConfig[] {
    const all = view.hosts.map(h => h.config);
    const names = hostsTouching(view).get(info);
    if (!names) return all;
    const hosts = all.filter(h => names.has(h.name));
    return hosts.length > 0 ? hosts : all;
}

/** The kernel profiles a region is judged under, each with the hosts that run it. */
export function judgingKernelsOf(view: WorkspaceView, info: RegionInfo): JudgingKernel[] {
    const hosts = judgingHosts(view, info);
    if (hosts.length === 0) return [{ kernel: DEFAULT_KERNEL, hosts: [] }];
    const by = new Map<JudgingKernel['kernel'], HostConfig[]>();
    for (const host of hosts) by.set(host.kernel, [...by.get(host.kernel) ?? [], host]);
    return [...by].map(([kernel, list]) => ({ kernel, hosts: list }));
}

/** The memory block sizes of the hosts a region runs on (128 MiB for the implicit host). */
export function memoryBlockSizesOf(view: WorkspaceView, info: RegionInfo): Array<{ bytes: number; hosts: HostConfig[] }> {
    const hosts = judgingHosts(view, info);
    if (hosts.length === 0) return [{ bytes: DEFAULT_MEMORY_BLOCK_SIZE, hosts: [] }];
    const by = new Map<number, HostConfig[]>();
    for (const host of hosts) by.set(host.memoryBlockSize, [...by.get(host.memoryBlockSize) ?? [], host]);
    return [...by].map(([bytes, list]) => ({ bytes, hosts: list }));
}
