/**
 * DAX holder checks (LANGUAGE.md §4 "Holder exclusivity"; DOMAIN.md §9): a dax_device has one
 * holder; with `holder shared` a later filesystem mounts without one and is never told about
 * memory failure.
 */
import type { ValidationAcceptor } from 'langium';
import {
    isCreateDaxAction, isDestroyDaxAction, isHolderSetting, isMountAction, isUmountAction, type Scenario
} from '../generated/ast.js';
import { HOLDER_UNNOTIFIED } from './codes.js';
import { timeline } from './scenario.js';

/**
 * A filesystem that mounts a `holder shared` DAX device while another filesystem holds it gets
 * no holder (`fs_dax_get` is not called for it), so `dax_holder_notify_failure` never reaches
 * it: a surprise removal or memory failure leaves it mapping memory that is gone (warning, on
 * the mount, in the order the events run).
 * @see LANGUAGE.md §4; DOMAIN.md §9 [HOLDER-22][DAX-SUPER], §10 [SURPRISE-21]
 */
export function sharedHoldersLeaveLaterFilesystemsUnnotified(scenario: Scenario, accept: ValidationAcceptor): void {
    const mounted = new Map<string, string[]>();
    const daxOfFs = new Map<string, string>();
    for (const event of timeline(scenario)) {
        const action = event.action;
        if (isMountAction(action)) {
            const dax = action.dax?.ref;
            if (!dax?.name || !action.name) continue;
            const holders = mounted.get(dax.name) ?? [];
            const region = dax.region?.ref;
            const shared = region?.properties.find(isHolderSetting)?.mode === 'shared';
            if (shared && holders.length > 0) {
                accept('warning', `${action.name} mounts ${dax.name}, which ${holders[0]} already holds; region ${region?.name} has \`holder shared\`, so ${action.name} gets no holder and is never notified of memory failure; use \`holder exclusive\`, or give ${action.name} a DAX device of its own`, {
                    node: action, property: 'name', code: HOLDER_UNNOTIFIED
                });
            }
            mounted.set(dax.name, [...holders, action.name]);
            daxOfFs.set(action.name, dax.name);
        } else if (isUmountAction(action)) {
            const fs = action.fs?.ref?.name;
            const dax = fs ? daxOfFs.get(fs) : undefined;
            if (fs && dax) mounted.set(dax, (mounted.get(dax) ?? []).filter(f => f !== fs));
        } else if (isDestroyDaxAction(action) || isCreateDaxAction(action)) {
            const name = isDestroyDaxAction(action) ? action.dax?.ref?.name : action.name;
            if (name) mounted.delete(name);
        }
    }
}
