/**
 * Simulation fixtures: scenarios written in the language under test/resources/simulation/,
 * each a rule of the simulator under the profiles it applies to. Every expectation in them must
 * hold, through the same code path as `dcdpolicy test`.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { simulateWorkspace } from '../../language/simulation.js';
import { errorsOf, loadFiles } from '../workspace-helper.js';

const root = join(import.meta.dirname, '..', 'resources', 'simulation');

function fixtures(dir: string): string[] {
    return readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name)).flatMap(e =>
        e.isDirectory() ? fixtures(join(dir, e.name)) : e.name.endsWith('.dcdpolicy') ? [join(dir, e.name)] : []);
}

describe('simulation fixtures', () => {
    const files = fixtures(root);
    test('there are fixtures', () => {
        expect(files.length).toBeGreaterThan(0);
    });
    for (const file of files) {
        test(file.slice(root.length + 1), async () => {
            const workspace = await loadFiles([file]);
            expect(errorsOf(workspace), 'a fixture must be free of errors').toEqual([]);
            const scenarios = simulateWorkspace(workspace);
            expect(scenarios.length, 'a fixture needs a scenario').toBeGreaterThan(0);
            for (const s of scenarios) {
                expect(s.result.expectations.length, `scenario ${s.spec.name} needs expectations`).toBeGreaterThan(0);
                const failures = s.result.expectations.filter(e => !e.passed).map(e => `line ${e.line}: ${e.text} — actual: ${e.actual}`);
                expect(failures, `scenario ${s.spec.name} (${s.spec.kernel})`).toEqual([]);
            }
        });
    }
});
