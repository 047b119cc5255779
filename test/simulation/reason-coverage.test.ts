/**
 * Reason coverage of the simulation fixtures: every reason code of LANGUAGE.md §5 (device
 * refusals, host rejections, host action results and errno names) is expected by at least one
 * `expect … REASON` line somewhere under test/resources/simulation/, so every code is shown
 * to be produced by the simulator in a scenario written in the language.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { REASON_CODES } from '../../language/model/index.js';

const root = join(import.meta.dirname, '..', 'resources', 'simulation');

function fixtures(dir: string): string[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap(e =>
        e.isDirectory() ? fixtures(join(dir, e.name)) : e.name.endsWith('.dcdpolicy') ? [join(dir, e.name)] : []);
}

/** Event outcomes and extent states that may carry a reason (LANGUAGE.md §3.3). */
const PREDICATES = new Set([
    'accepted', 'rejected', 'refused', 'released', 'deferred', 'ignored', 'acknowledged', 'ok', 'failed', 'partial',
    'staged', 'claimed', 'online', 'leaked',
]);

/** The text without comments (block comments keep their line breaks). */
function stripComments(text: string): string {
    return text
        .replace(/\/\*[\s\S]*?\*\//g, c => c.replace(/[^\n]/g, ' '))
        .replace(/\/\/[^\n]*/g, '');
}

/**
 * The reasons named by the expectations of a fixture: `expect [at T] LABEL OUTCOME REASON` and
 * `expect [at T] extent P@O STATE REASON`.
 */
function expectedReasons(text: string): string[] {
    const found: string[] = [];
    for (const line of stripComments(text).split('\n')) {
        const words = line.trim().split(/\s+/);
        if (words[0] !== 'expect') continue;
        let i = 1;
        if (words[i] === 'at') i += 2;
        if (words[i] === 'extent') i += 1;
        const predicate = words[i + 1];
        const reason = words[i + 2];
        if (predicate !== undefined && PREDICATES.has(predicate) && reason !== undefined) found.push(reason);
    }
    return found;
}

describe('reason coverage of the simulation fixtures', () => {
    const files = fixtures(root);

    test('the scanner reads reasons from event and extent expectations only', () => {
        const text = [
            'expect a rejected tag-in-use   // expect b failed EBUSY',
            '/* expect c refused misaligned */',
            'expect at 21s extent mem0.dc0@0x0 rejected chain-timeout',
            'expect region r0 extents 3',
            'expect d ok',
        ].join('\n');
        expect(expectedReasons(text)).toEqual(['tag-in-use', 'chain-timeout']);
    });

    test('every LANGUAGE.md §5 reason code is expected by some fixture', () => {
        expect(files.length).toBeGreaterThan(0);
        const seen = new Set<string>();
        for (const file of files) for (const r of expectedReasons(readFileSync(file, 'utf8'))) seen.add(r);
        const missing = REASON_CODES.filter(code => !seen.has(code));
        expect(missing, `reason codes no fixture expects: ${missing.join(', ')}`).toEqual([]);
    });
});
