/**
 * Names and blocks: a name means one thing in the whole workspace (LANGUAGE.md §1), and every
 * property appears at most once in its block (LANGUAGE.md §2 "Every property may appear once").
 * Unresolved names are Langium's linking errors and are not checked here.
 */
import type { AstNode, ValidationAcceptor } from 'langium';
import {
    isCreateDaxAction, isEvent, isMountAction, isPartition,
    type Device, type Host, type Partition, type Region, type Scenario
} from '../generated/ast.js';
import { lineOf } from '../translate/lines.js';
import {
    DEVICE_DUPLICATE_PROPERTY, HOST_DUPLICATE_PROPERTY, NAME_DUPLICATE, PARTITION_DUPLICATE_PROPERTY,
    REGION_DUPLICATE_PROPERTY, SCENARIO_DUPLICATE_PROPERTY
} from './codes.js';
import { listWords, where } from './util.js';
import type { WorkspaceViews } from './workspace-view.js';

/** What a declaration is called in messages. */
const KIND: Readonly<Record<string, string>> = {
    Host: 'host', Device: 'device', TagDecl: 'tag', Region: 'region', Scenario: 'scenario', Partition: 'partition',
    Event: 'event label', CreateDaxAction: 'DAX device', MountAction: 'filesystem'
};


/**
 * Hosts, devices, tags, regions and scenarios are visible in every file of the workspace, so a
 * name may be declared once per kind in the whole workspace. Each declaration of a duplicated
 * name gets the error, so every file involved shows it.
 * @see LANGUAGE.md §1
 */
export const namesMustBeUniqueInTheWorkspace = (views: WorkspaceViews) =>
    (node: AstNode & { name?: string }, accept: ValidationAcceptor): void => {
        const name = node.name;
        if (!name) return;
        const all = views.declarations(node, node.$type, name);
        if (all.length < 2) return;
        // Name at most three others; count the rest (a file may repeat one name thousands of times).
        const shown: AstNode[] = [];
        for (const o of all) {
            if (o !== node) shown.push(o);
            if (shown.length === 3) break;
        }
        const more = all.length - 1 - shown.length;
        const kind = KIND[node.$type] ?? 'name';
        accept('error', `${kind} ${name} is also declared at ${listWords(shown.map(o => where(o, node)))}${more > 0 ? ` and ${more} more` : ''}; names are visible in every file of the workspace: rename one of them`, {
            node, property: 'name' as never, code: NAME_DUPLICATE
        });
    };

/** Partitions are named `device.partition`, so names must differ within a device. */
export function partitionNamesMustBeUniqueInADevice(device: Device, accept: ValidationAcceptor): void {
    const seen = new Map<string, Partition>();
    for (const partition of device.properties.filter(isPartition)) {
        if (!partition.name) continue;
        const before = seen.get(partition.name);
        if (before) {
            accept('error', `partition ${partition.name} is declared twice in device ${device.name} (first at line ${lineOf(before)}); rename one of them`, {
                node: partition, property: 'name', code: NAME_DUPLICATE
            });
        } else seen.set(partition.name, partition);
    }
}

/**
 * Event labels, DAX device names (`create_dax NAME`) and filesystem names (`mount FS`) are
 * visible in the whole scenario, whatever event declares them: each must be unique there.
 */
export function labelsMustBeUniqueInAScenario(scenario: Scenario, accept: ValidationAcceptor): void {
    const seen = new Map<string, AstNode>();
    const declare = (node: AstNode, name: string | undefined) => {
        if (!name) return;
        const key = `${node.$type}:${name}`;
        const before = seen.get(key);
        if (before) {
            accept('error', `${KIND[node.$type]} ${name} is declared twice in scenario ${scenario.name} (first at line ${lineOf(before)}); rename one of them`, {
                node, property: 'name' as never, code: NAME_DUPLICATE
            });
        } else seen.set(key, node);
    };
    for (const member of scenario.members) {
        if (!isEvent(member)) continue;
        declare(member, member.name);
        const action = member.action;
        if (isCreateDaxAction(action) || isMountAction(action)) declare(action, action.name);
    }
}

/** The keyword a property starts with (its first token), for messages. */
function keywordOf(node: AstNode): string {
    return node.$cstNode?.text.split(/\s+/)[0] ?? node.$type;
}

/**
 * Reports every property of a block that repeats an earlier one of the same kind.
 * @param repeatable property types that may appear several times (host nodes, partitions)
 */
function propertiesOnce(owner: string, properties: readonly AstNode[], repeatable: readonly string[], code: string, accept: ValidationAcceptor): void {
    const seen = new Map<string, AstNode>();
    for (const property of properties) {
        if (repeatable.includes(property.$type)) continue;
        const before = seen.get(property.$type);
        if (before) {
            accept('error', `\`${keywordOf(property)}\` is given twice in ${owner} (first at line ${lineOf(before)}); every property may appear once: remove one`, {
                node: property, code
            });
        } else seen.set(property.$type, property);
    }
}

/** Every host property appears at most once (`node` may repeat, one per NUMA node). @see LANGUAGE.md §2 */
export function hostPropertiesMustAppearOnce(host: Host, accept: ValidationAcceptor): void {
    propertiesOnce(`host ${host.name}`, host.properties, ['HostNode'], HOST_DUPLICATE_PROPERTY, accept);
}

/** Every device property appears at most once (`partition` may repeat). @see LANGUAGE.md §2 */
export function devicePropertiesMustAppearOnce(device: Device, accept: ValidationAcceptor): void {
    propertiesOnce(`device ${device.name}`, device.properties, ['Partition'], DEVICE_DUPLICATE_PROPERTY, accept);
}

/** Every partition property appears at most once. @see LANGUAGE.md §2 */
export function partitionPropertiesMustAppearOnce(partition: Partition, accept: ValidationAcceptor): void {
    propertiesOnce(`partition ${partition.name}`, partition.properties, [], PARTITION_DUPLICATE_PROPERTY, accept);
}

/** Every region property appears at most once. @see LANGUAGE.md §2 */
export function regionPropertiesMustAppearOnce(region: Region, accept: ValidationAcceptor): void {
    propertiesOnce(`region ${region.name}`, region.properties, [], REGION_DUPLICATE_PROPERTY, accept);
}

/** A scenario has at most one `host` and one `kernel` clause. @see LANGUAGE.md §3 */
export function scenarioClausesMustAppearOnce(scenario: Scenario, accept: ValidationAcceptor): void {
    propertiesOnce(`scenario ${scenario.name}`, scenario.members, ['Event', 'Expectation'], SCENARIO_DUPLICATE_PROPERTY, accept);
}
