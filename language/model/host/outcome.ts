/** An action's result as the event reports it (LANGUAGE.md §3.3, §8). */
import type { EventOutcome } from '../types.js';
import { errnoOf } from '../reasons.js';

export interface Outcome {
    outcome: EventOutcome;
    reason: string | null;
    errno: string | null;
    detail: string;
}

/** `ok`: the action did what it was asked. */
export function ok(detail: string): Outcome {
    return { outcome: 'ok', reason: null, errno: null, detail };
}

/** `failed CODE`: a §5.3 result or errno name, with the errno it implies. */
export function failed(code: string, detail: string): Outcome {
    return { outcome: 'failed', reason: code, errno: errnoOf(code), detail };
}
