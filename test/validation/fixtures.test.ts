/**
 * Runs every validation fixture under test/resources/validation (see fixture-runner.ts for the
 * `$TEST$` comment format), and checks that every diagnostic code has a fixture where it fires
 * and one where it must not.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ALL_CODES } from '../../language/validation/codes.js';
import { collectFixtures, dcdpolicyFiles, parseExpectations, runFixture } from './fixture-runner.js';

const ROOT = fileURLToPath(new URL('../resources/validation', import.meta.url));
const fixtures = collectFixtures(ROOT);

describe('validation fixtures', () => {
    it('exist', () => {
        expect(fixtures.length).toBeGreaterThan(0);
    });
    for (const fixture of fixtures) {
        it(fixture.name, async () => {
            const problems = await runFixture(fixture);
            expect(problems, `\n${problems.join('\n')}\n`).toEqual([]);
        });
    }
});

describe('fixture coverage', () => {
    const fired = new Set<string>();
    const absent = new Set<string>();
    for (const file of dcdpolicyFiles(ROOT)) {
        for (const e of parseExpectations(file, readFileSync(file, 'utf8'))) {
            if (e.code === undefined) continue;
            (e.kind === 'no_issue' ? absent : fired).add(e.code);
        }
    }
    it('every code has a fixture where it fires', () => {
        expect(ALL_CODES.filter(c => !fired.has(c))).toEqual([]);
    });
    it('every code has a fixture where it must not fire', () => {
        expect(ALL_CODES.filter(c => !absent.has(c))).toEqual([]);
    });
});
