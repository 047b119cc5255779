/**
 * `dcdpolicy export qmp` (cli/interop/qmp-export.ts) and the round trip export → import: every
 * sample scenario that uses only FM actions on `model qemu` devices simulates, after the trip,
 * to the same events and extents (names may differ: outcomes, reasons, DPAs, lengths, tags and
 * state sequences are compared; QMP carries no times, so only their order is).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { exportQmp } from '../../cli/interop/qmp-export.js';
import { parseQmpLog } from '../../cli/interop/qmp-log.js';
import { importQmpLog } from '../../cli/interop/qmp-import.js';
import type { ScenarioResult, World } from '../../language/model/index.js';
import { simulateWorkspace, type SimulatedScenario } from '../../language/simulation.js';
import { cli } from '../cli/run-cli.js';
import { errorsOf, loadTexts } from '../workspace-helper.js';

const samplesDir = join(import.meta.dirname, '..', '..', 'samples');
const samples = readdirSync(samplesDir).filter(f => f.endsWith('.dcdpolicy')).sort();

/** Only add/release events, on `model qemu` devices. */
function fmOnlyOnQemu(world: World, s: SimulatedScenario): boolean {
    const qemuPartitions = new Set(world.devices.filter(d => d.model === 'qemu').flatMap(d => d.partitions.map(p => p.id)));
    return s.spec.events.length > 0 && s.spec.events.every(e => (e.action.kind === 'add' || e.action.kind === 'release') && qemuPartitions.has(e.action.partition));
}

/** What must survive the trip: per event (in run order) and per extent, without names and times. */
function comparable(result: ScenarioResult) {
    const order = [...result.events].sort((a, b) => a.t_ns - b.t_ns || a.index - b.index);
    return {
        events: order.map(e => ({ action: e.action, outcome: e.outcome, reason: e.reason, errno: e.errno })),
        extents: result.extents.map(x => ({
            dpa: x.dpa, offset: x.offset, length: x.length, tag: x.tag, state: x.state, reason: x.reason,
            timeline: x.timeline.map(p => ({ state: p.state, zone: p.zone, node_state: p.node_state, reason: p.reason })),
        })),
        regions: result.regions,
    };
}

interface Candidate { sample: string; text: string; scenario: SimulatedScenario; world: World }

async function candidates(): Promise<{ fmOnly: Candidate[]; others: string[] }> {
    const fmOnly: Candidate[] = [];
    const others: string[] = [];
    for (const sample of samples) {
        const text = readFileSync(join(samplesDir, sample), 'utf8');
        const workspace = await loadTexts({ [sample]: text });
        for (const scenario of simulateWorkspace(workspace)) {
            if (fmOnlyOnQemu(workspace.world, scenario)) fmOnly.push({ sample, text, scenario, world: workspace.world });
            else others.push(`${sample}:${scenario.spec.name}`);
        }
    }
    return { fmOnly, others };
}

const { fmOnly } = await candidates();

describe('export qmp', () => {
    test('the FM-only qemu scenarios of the samples', () => {
        expect(fmOnly.map(c => `${c.sample}:${c.scenario.spec.name}`)).toEqual(expect.arrayContaining([
            'qemu-refusals.dcdpolicy:qmp_refusals', 'qemu-refusals.dcdpolicy:pending_overlaps', 'set-a-prime.dcdpolicy:set_a_prime_rejected',
        ]));
    });

    test('commands follow the QAPI schema: path, host-id 0, prescriptive, region index, tag, extents', () => {
        const c = fmOnly.find(x => x.scenario.spec.name === 'set_a_prime_rejected')!;
        const out = exportQmp(c.world, c.scenario.spec);
        expect(out.problems).toEqual([]);
        expect(out.lines.map(l => JSON.parse(l))).toEqual([
            { execute: 'cxl-add-dynamic-capacity', arguments: { path: '/machine/peripheral/famdev', 'host-id': 0, 'selection-policy': 'prescriptive', region: 0, tag: '2f1c9a44-7d0b-4f6e-9a3e-0c5b8d7e6f10', extents: [{ offset: 0, len: 64 * 2 ** 20 }, { offset: 0x8000000, len: 64 * 2 ** 20 }] } },
            { execute: 'cxl-add-dynamic-capacity', arguments: { path: '/machine/peripheral/famdev', 'host-id': 0, 'selection-policy': 'prescriptive', region: 0, tag: '2f1c9a44-7d0b-4f6e-9a3e-0c5b8d7e6f10', extents: [{ offset: 0x10000000, len: 64 * 2 ** 20 }] } },
            { execute: 'cxl-release-dynamic-capacity', arguments: { path: '/machine/peripheral/famdev', 'host-id': 0, 'removal-policy': 'prescriptive', region: 0, tag: '2f1c9a44-7d0b-4f6e-9a3e-0c5b8d7e6f10', extents: [{ offset: 0, len: 64 * 2 ** 20 }] } },
            { execute: 'cxl-add-dynamic-capacity', arguments: { path: '/machine/peripheral/famdev', 'host-id': 0, 'selection-policy': 'prescriptive', region: 0, tag: '2f1c9a44-7d0b-4f6e-9a3e-0c5b8d7e6f10', extents: [{ offset: 0x10000000, len: 64 * 2 ** 20 }] } },
        ]);
        // Every line is a command the QMP reader reads back.
        expect(parseQmpLog(out.lines.join('\n'))).toMatchObject({ issues: [], otherCommands: 0 });
    });

    test('forced and tag-based releases; with the result, the predicted replies', () => {
        const c = fmOnly.find(x => x.scenario.spec.name === 'qmp_refusals')!;
        const out = exportQmp(c.world, c.scenario.spec, { result: c.scenario.result });
        const objects = out.lines.map(l => JSON.parse(l));
        expect(objects).toHaveLength(2 * out.commands);
        const forced = objects.findIndex(o => o.arguments?.['forced-removal'] === true);
        expect(objects[forced + 1]).toEqual({ error: { class: 'GenericError', desc: 'Forced removal not supported yet' } });
        expect(objects.filter(o => 'return' in o)).toHaveLength(2);
        const log = parseQmpLog(out.lines.join('\n'));
        expect(log.commands.map(x => x.reply?.kind === 'error' ? x.reply.desc : 'ok')).toEqual([
            'extent with 0 length is not allowed', 'dpa or len is not aligned to region block size', 'extent range is beyond the region end',
            'duplicate or overlapped extents are detected', 'ok', 'cannot add DPA already accessible to the same LD',
            'cannot release extent with non-existing DPA range', 'Forced removal not supported yet', 'ok', 'no enough extents to track the request',
        ]);
    });

    test('an open More chain cannot be exported: one line per event, exit 1', async () => {
        const run = await cli('export', 'qmp', join(samplesDir, 'qemu-refusals.dcdpolicy'), '--scenario', 'pending_overlaps');
        expect(run.code).toBe(1);
        expect(run.stderr).toMatch(/^samples\/qemu-refusals\.dcdpolicy:72: cannot export: QMP cannot leave a More chain open/);
        expect(run.stdout.trimEnd().split('\n')).toHaveLength(2);
    });

    test('host actions are left out, each with a line on stderr', async () => {
        const run = await cli('export', 'qmp', join(samplesDir, 'release-deferred-in-use.dcdpolicy'));
        expect(run.code).toBe(0);
        expect(run.stderr).toMatch(/release-deferred-in-use\.dcdpolicy:37: left out: host action create_dax/);
        expect(run.stdout.trimEnd().split('\n').map(l => JSON.parse(l).execute)).toEqual(['cxl-add-dynamic-capacity', 'cxl-release-dynamic-capacity', 'cxl-release-dynamic-capacity']);
    });

    test('an unknown scenario, or several without --scenario: one line', async () => {
        const unknown = await cli('export', 'qmp', join(samplesDir, 'set-a-prime.dcdpolicy'), '--scenario', 'nope');
        expect(unknown.code).toBe(2);
        expect(unknown.stderr).toMatch(/^dcdpolicy: no scenario named 'nope' in .*\n$/);
        const ambiguous = await cli('export', 'qmp', join(samplesDir, 'qemu-refusals.dcdpolicy'));
        expect(ambiguous.stderr).toMatch(/^dcdpolicy: 2 scenarios in .*; choose one with --scenario \(qmp_refusals, pending_overlaps\)\n$/);
    });
});

describe('round trip: export qmp, then import qmp --model, simulates the same', () => {
    const expressible = fmOnly.filter(c => exportQmp(c.world, c.scenario.spec).problems.length === 0);

    test('the FM-only qemu sample scenarios QMP cannot express use an open More chain or sequence numbers (pending_overlaps)', () => {
        const inexpressible = fmOnly.filter(c => !expressible.includes(c));
        expect(inexpressible.map(c => c.scenario.spec.name)).toContain('pending_overlaps');
        for (const c of inexpressible) {
            for (const p of exportQmp(c.world, c.scenario.spec).problems) expect(p.message).toMatch(/More chain|sequence numbers/);
        }
        expect(expressible.length).toBeGreaterThanOrEqual(3);
    });

    for (const c of expressible) {
        test(`${c.sample}: ${c.scenario.spec.name}`, async () => {
            const log = exportQmp(c.world, c.scenario.spec, { result: c.scenario.result }).lines.join('\n');
            const imported = importQmpLog(log, { model: c.world, host: c.scenario.spec.host.name, kernel: c.scenario.spec.kernel, scenarioName: 'round_trip' });
            expect(imported.issues).toEqual([]);
            expect(imported.notes).toEqual([]);
            const workspace = await loadTexts({ [c.sample]: c.text, 'imported.dcdpolicy': imported.text });
            expect(errorsOf(workspace)).toEqual([]);
            const [again] = simulateWorkspace(workspace, { scenario: 'round_trip' });
            expect(comparable(again.result)).toEqual(comparable(c.scenario.result));
            // The expectations QEMU's (predicted) replies gave hold.
            expect(again.result.expectations.filter(e => !e.passed)).toEqual([]);
        });
    }

    test('standalone (no --model): qmp_refusals with its device geometry given on the command line', async () => {
        const c = fmOnly.find(x => x.scenario.spec.name === 'qmp_refusals')!;
        const log = exportQmp(c.world, c.scenario.spec, { result: c.scenario.result }).lines.join('\n');
        const imported = importQmpLog(log, { staticCapacity: 512 * 2 ** 20, regionLength: 2 ** 30, maxExtents: 4 });
        expect(imported.notes).toEqual([]);
        const workspace = await loadTexts({ 'imported.dcdpolicy': imported.text });
        expect(errorsOf(workspace)).toEqual([]);
        const [again] = simulateWorkspace(workspace);
        const strip = (r: ScenarioResult) => ({ ...comparable(r), regions: undefined });
        expect(strip(again.result)).toEqual(strip(c.scenario.result));
        expect(again.result.expectations.filter(e => !e.passed)).toEqual([]);
        expect(again.result.expectations).toHaveLength(8);
    });
});
