/**
 * Every file in samples/ is a test: it checks clean on its own, its expectations pass, and its
 * simulation JSON (LANGUAGE.md §8) matches the golden file in test/golden/. Set UPDATE_GOLDEN=1
 * to rewrite the golden files after an intended change, and review the diff.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { simulateWorkspace, simulationDocument } from '../../language/simulation.js';
import { cli } from '../cli/run-cli.js';
import { errorsOf, loadFiles } from '../workspace-helper.js';

const samplesDir = join(import.meta.dirname, '..', '..', 'samples');
const goldenDir = join(import.meta.dirname, '..', 'golden');
const samples = readdirSync(samplesDir).filter(f => f.endsWith('.dcdpolicy')).sort();

describe('samples', () => {
    test('there are at least ten samples', () => {
        expect(samples.length).toBeGreaterThanOrEqual(10);
    });

    test('`dcdpolicy test samples` passes as one workspace', async () => {
        const run = await cli('test', samplesDir);
        const lines = run.stdout.trimEnd().split('\n');
        expect(run.stderr).toBe('');
        expect(lines.at(-1)).toMatch(/^[1-9][0-9]* passed, 0 failed$/);
        expect(run.code).toBe(0);
    });

    for (const sample of samples) {
        test(sample, async () => {
            const path = join(samplesDir, sample);
            const workspace = await loadFiles([path]);
            expect(errorsOf(workspace)).toEqual([]);
            const scenarios = simulateWorkspace(workspace);
            expect(scenarios.length).toBeGreaterThan(0);
            const expectations = scenarios.flatMap(s => s.result.expectations);
            expect(expectations.length).toBeGreaterThan(0);
            expect(expectations.filter(e => !e.passed).map(e => `${e.line}: ${e.text} — actual: ${e.actual}`)).toEqual([]);

            const json = JSON.stringify(simulationDocument(`samples/${sample}`, scenarios), null, 2) + '\n';
            const golden = join(goldenDir, sample.replace(/\.dcdpolicy$/, '.json'));
            if (process.env.UPDATE_GOLDEN || !existsSync(golden)) {
                if (process.env.CI) throw new Error(`golden file ${golden} is missing; run UPDATE_GOLDEN=1 npx vitest run test/samples`);
                writeFileSync(golden, json);
            }
            expect(json).toBe(readFileSync(golden, 'utf8'));
        });
    }
});
