/**
 * What a kernel profile can express about a region (LANGUAGE.md §4), from the model's
 * `profileRules`, the single source of the profile table.
 */
import type { AstNode } from 'langium';
import { isAcceptSetting, isDriverSetting } from '../generated/ast.js';
import { KERNEL_PROFILES, profileRules, type KernelProfile } from '../model/index.js';
import { first, listWords } from './util.js';
import type { RegionInfo } from './workspace-view.js';

/** One thing a kernel profile cannot express about a region. */
export interface KernelProblem {
    node: AstNode;
    /** What the region asks for: `driver sysram`, `accept tag pool`. */
    what: string;
    /** Why not and what to do. */
    fix: string;
}

/** The profiles that can express a driver or accept form. */
function profilesWith(test: (k: KernelProfile) => boolean): KernelProfile[] {
    return KERNEL_PROFILES.filter(test);
}

/**
 * What `kernel` cannot express about a region: its driver, its accept clause.
 * @see LANGUAGE.md §4 (drivers; accept clause allowed)
 */
export function kernelProblems(info: RegionInfo, kernel: KernelProfile | undefined): KernelProblem[] {
    // A clause the parser could not finish has no profile: the parser reported it.
    if (!kernel || !KERNEL_PROFILES.includes(kernel)) return [];
    const support = profileRules(kernel);
    const problems: KernelProblem[] = [];
    const driver = first(info.node.properties, isDriverSetting);
    if (driver?.driver && !support.drivers.includes(driver.driver)) {
        const able = profilesWith(k => profileRules(k).drivers.includes(driver.driver));
        problems.push({
            node: driver, what: `driver ${driver.driver}`,
            fix: `${kernel} has only ${listWords(support.drivers.map(d => `driver ${d}`))}; use ${listWords(support.drivers.map(d => `\`driver ${d}\``), 'or')} or run kernel ${listWords(able, 'or')}`
        });
    }
    const accept = first(info.node.properties, isAcceptSetting);
    if (accept) {
        const form = accept.any ? 'any' : accept.untagged ? 'untagged' : 'tags';
        if (!support.acceptForms.includes(form)) {
            const able = profilesWith(k => profileRules(k).acceptForms.includes(form));
            const allowed = support.acceptForms.map(f => `\`accept ${f === 'tags' ? 'tag T' : f}\``);
            problems.push({
                node: accept, what: (accept.$cstNode?.text ?? 'accept').replace(/\s+/g, ' '),
                fix: `${kernel} can express only ${listWords(allowed, 'or')}; write that, or run kernel ${listWords(able, 'or')}`
            });
        }
    }
    return problems;
}

