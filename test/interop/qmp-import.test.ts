/**
 * `dcdpolicy import qmp` (cli/interop/qmp-import.ts, cli/commands/import.ts): the two QMP logs of
 * test/resources/qmp/ import into complete files that check clean, `dcdpolicy test` runs green,
 * and simulate as QEMU and a dcd-v11 kernel would.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { importQmpLog, readQemuError } from '../../cli/interop/qmp-import.js';
import { QEMU_MESSAGES } from '../../language/model/index.js';
import { simulateWorkspace } from '../../language/simulation.js';
import { cli } from '../cli/run-cli.js';
import { errorsOf, loadTexts } from '../workspace-helper.js';

const resources = join(import.meta.dirname, '..', 'resources', 'qmp');
const TAGGED = join(resources, 'tagged-8g-add-release.qmp');
const MISALIGNED = join(resources, 'two-adds-misaligned-release.qmp');
const GiB = 2 ** 30;
const MiB = 2 ** 20;

let dir: string;
beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'dcdpolicy-qmp-'));
});

/** Imports a log, loads the text as a workspace, and simulates its one scenario. */
async function importAndSimulate(path: string) {
    const imported = importQmpLog(readFileSync(path, 'utf8'), { source: path });
    const workspace = await loadTexts({ 'imported.dcdpolicy': imported.text });
    const scenarios = simulateWorkspace(workspace);
    return { imported, workspace, scenarios, result: scenarios[0].result };
}

describe('the QMP logs of test/resources/qmp', () => {
    test('a tagged 8 GiB add and its release: QEMU accepts both, the dcd-v11 host accepts then releases the tag group', async () => {
        const { imported, workspace, scenarios, result } = await importAndSimulate(TAGGED);
        expect(imported.issues).toEqual([]);
        expect(imported.notes).toEqual([]);
        expect(errorsOf(workspace)).toEqual([]);
        expect(scenarios).toHaveLength(1);
        expect(imported.text).toContain('tag t_5be13bce = 5be13bce-ae34-4a77-b6c3-16df975fcf1a');
        expect(imported.text).toMatch(/partition dc0 \{\s+base 0x0\s+length 8GiB\s+block_size 2MiB/);
        expect(result.kernel).toBe('dcd-v11');
        expect(result.events.map(e => [e.action, e.label, e.t_ns, e.outcome, e.reason])).toEqual([
            ['add', 'add_1', 0, 'accepted', null],
            ['release', 'release_2', 1e9, 'released', null],
        ]);
        expect(result.extents).toHaveLength(1);
        expect(result.extents[0]).toMatchObject({ dpa: 0, length: 8 * GiB, tag: '5be13bce-ae34-4a77-b6c3-16df975fcf1a', region: 'cxl-dcd0_dc0', state: 'released' });
        expect(result.extents[0].timeline.map(p => p.state)).toEqual(['staged', 'accepted', 'released']);
        expect(result.regions[0]).toMatchObject({ name: 'cxl-dcd0_dc0', extents: 0, accepted_bytes: 0 });
    });

    test('two adds, a misaligned add QEMU refused, a release', async () => {
        const { imported, workspace, result } = await importAndSimulate(MISALIGNED);
        expect(imported.issues).toEqual([]);
        expect(imported.notes).toEqual([]);
        expect(errorsOf(workspace)).toEqual([]);
        expect(imported.text).toContain('expect add_3 refused misaligned');
        expect(imported.text).toMatch(/length 512MiB/);
        expect(result.events.map(e => [e.label, e.t_ns, e.outcome, e.reason])).toEqual([
            ['add_1', 0, 'accepted', null],
            ['add_2', 1e9, 'accepted', null],
            ['add_3', 2e9, 'refused', 'misaligned'],
            ['release_4', 3e9, 'released', null],
        ]);
        expect(result.extents.map(e => [e.dpa, e.length, e.state])).toEqual([
            [0, 256 * MiB, 'released'],
            [256 * MiB, 128 * MiB, 'accepted'],
            [384 * MiB, 128 * MiB, 'accepted'],
            [1 * MiB, 2 * MiB, 'refused'],
        ]);
        expect(result.regions[0]).toMatchObject({ extents: 2, accepted_bytes: 256 * MiB });
        expect(result.expectations.every(e => e.passed)).toBe(true);
    });

    test('the predictions written as comments are those of the written text', async () => {
        for (const path of [TAGGED, MISALIGNED]) {
            const { imported, result } = await importAndSimulate(path);
            expect(imported.result?.events).toEqual(result.events);
            expect(imported.result?.extents).toEqual(result.extents);
        }
    });

    for (const path of [TAGGED, MISALIGNED]) {
        test(`dcdpolicy import qmp ${path.split('/').at(-1)} -o F, then dcdpolicy test F: green`, async () => {
            const out = join(dir, path.split('/').at(-1)!.replace('.qmp', '.dcdpolicy'));
            const run = await cli('import', 'qmp', path, '-o', out);
            expect(run.stderr).toMatch(/^wrote .*: \d+ events?, \d+ expectations?\n$/);
            expect(run.code).toBe(0);
            const tested = await cli('test', out);
            expect(tested.stdout.trimEnd().split('\n').at(-1)).toMatch(/^\d+ passed, 0 failed$/);
            expect(tested.code).toBe(0);
            const checked = await cli('check', out);
            expect(checked.code).toBe(0);
        });
    }
});

describe('import rules', () => {
    test("QEMU's messages map to §5.1 reasons; unknown ones map to none", () => {
        for (const [reason, message] of Object.entries(QEMU_MESSAGES)) expect(readQemuError(message).reason).toBe(reason);
        expect(readQemuError('Forced removal not supported yet')).toEqual({ reason: 'unsupported-policy', deviceLevel: false });
        expect(readQemuError('Unable to resolve CXL type 3 device')).toEqual({ deviceLevel: true });
        expect(readQemuError('Parameter \'region\' expects uint8')).toEqual({ deviceLevel: false });
    });

    test('every refusal QEMU names becomes an expectation; an unknown error a comment; a non-UUID tag an issue', async () => {
        const cmd = (execute: string, args: string, reply?: string) => `{"execute": "${execute}", "arguments": {"path": "/machine/peripheral/mem", "host-id": 0, "region": 0, ${args}}}${reply ? '\n' + reply : ''}`;
        const err = (desc: string) => `{"error": {"class": "GenericError", "desc": "${desc}"}}`;
        const add = (extents: string, reply?: string, extra = '') => cmd('cxl-add-dynamic-capacity', `"selection-policy": "prescriptive", ${extra}"extents": ${extents}`, reply);
        const log = [
            add('[{"offset": 0, "len": 0}]', err('extent with 0 length is not allowed')),
            add('[{"offset": 0, "len": 134217728}]', '{"return": {}}'),
            add('[{"offset": 0, "len": 2097152}]', err('cannot add DPA already accessible to the same LD')),
            cmd('cxl-release-dynamic-capacity', '"removal-policy": "prescriptive", "forced-removal": true, "extents": [{"offset": 0, "len": 134217728}]', err('Forced removal not supported yet')),
            cmd('cxl-release-dynamic-capacity', '"removal-policy": "tag-based", "tag": "5be13bce-ae34-4a77-b6c3-16df975fcf1a", "extents": []', err('Removal policy not supported')),
            add('[{"offset": 0, "len": 2097152}]', err('something new in QEMU 11')),
            add('[{"offset": 0, "len": 2097152}]', err('Unable to resolve CXL type 3 device')),
            add('[{"offset": 0, "len": 2097152}]', undefined, '"tag": "not-a-uuid", '),
            add('[{"offset": 268435456, "len": 2097152}]', '{"return": {}}').replace('"region": 0', '"region": 1'),
        ].join('\n');
        const imported = importQmpLog(log);
        expect(imported.issues).toEqual([{ line: 15, message: "tag 'not-a-uuid' is not a UUID (QEMU reads the tag as one)" }]);
        expect(imported.notes).toEqual([]);
        expect(imported.text).toContain('expect add_1 refused zero-length');
        expect(imported.text).toContain('expect add_3 refused overlap-accepted');
        expect(imported.text).toContain('expect release_4 refused unsupported-policy');
        expect(imported.text).toContain('expect release_5 refused unsupported-policy');
        expect(imported.text).toContain('at 3s release mem.dc0 untagged extent 0x0 size 128MiB forced as release_4');
        expect(imported.text).toContain('at 4s release mem.dc0 tag t_5be13bce as release_5');
        expect(imported.text).toMatch(/\/\/ log line 11: cxl-add-dynamic-capacity region 0 not imported: dcdpolicy has no reason code for this error; QEMU: "something new in QEMU 11"/);
        expect(imported.text).toMatch(/\/\/ log line 13: .* not imported: QEMU could not use the device/);
        // Region 1 lies after region 0 (256MiB), each at least 256MiB long.
        expect(imported.text).toMatch(/partition dc1 \{\s+base 0x10000000\s+length 512MiB/);
        const workspace = await loadTexts({ 'x.dcdpolicy': imported.text });
        expect(errorsOf(workspace)).toEqual([]);
        const [scenario] = simulateWorkspace(workspace);
        expect(scenario.result.expectations.filter(e => !e.passed)).toEqual([]);
        expect(scenario.result.expectations).toHaveLength(4);
    });

    test('a region length that QEMU refused as beyond the end is not stretched to cover the refused extent', () => {
        const log = [
            '{"execute": "cxl-add-dynamic-capacity", "arguments": {"path": "/machine/peripheral/d", "host-id": 0, "selection-policy": "prescriptive", "region": 0, "extents": [{"offset": 0, "len": 2097152}]}}',
            '{"return": {}}',
            '{"execute": "cxl-add-dynamic-capacity", "arguments": {"path": "/machine/peripheral/d", "host-id": 0, "selection-policy": "prescriptive", "region": 0, "extents": [{"offset": 1071644672, "len": 4194304}]}}',
            '{"error": {"class": "GenericError", "desc": "extent range is beyond the region end"}}',
        ].join('\n');
        const imported = importQmpLog(log);
        expect(imported.text).toMatch(/length 256MiB/);
        expect(imported.result?.events.map(e => e.reason)).toEqual([null, 'beyond-partition']);
        expect(imported.notes).toEqual([]);
    });

    test('QEMU and the model disagreeing is a note', () => {
        const log = [
            '{"execute": "cxl-add-dynamic-capacity", "arguments": {"path": "/machine/peripheral/d", "host-id": 0, "selection-policy": "prescriptive", "region": 0, "extents": [{"offset": 0, "len": 2097152}]}}',
            '{"error": {"class": "GenericError", "desc": "no enough extents to track the request"}}',
        ].join('\n');
        const imported = importQmpLog(log);
        expect(imported.notes).toEqual([{ line: 1, message: 'QEMU refused this cxl-add-dynamic-capacity (extent-limit) but the model predicts accepted' }]);
        // With the device's real limit the model agrees.
        expect(importQmpLog(log.replace('"len": 2097152', '"len": 2097152}, {"offset": 2097152, "len": 2097152'), { maxExtents: 1 }).notes).toEqual([]);
    });

    test('geometry options; impossible ones are refused', () => {
        const log = readFileSync(MISALIGNED, 'utf8');
        const imported = importQmpLog(log, { staticCapacity: 512 * MiB, regionLength: 2 * GiB, kernel: 'sysram-rfc', scenarioName: 'from qemu' });
        expect(imported.text).toMatch(/static_capacity 512MiB[\s\S]*base 0x20000000\s+length 2GiB/);
        expect(imported.text).toContain('kernel sysram-rfc');
        expect(imported.text).toContain('scenario from_qemu {');
        expect(() => importQmpLog(log, { staticCapacity: 100 * MiB })).toThrow(RangeError);
        expect(() => importQmpLog(log, { regionLength: 0 })).toThrow(RangeError);
    });

    test('device names come from the path, sanitized; keywords and clashes are avoided', async () => {
        const add = (path: string) => `{"execute": "cxl-add-dynamic-capacity", "arguments": {"path": "${path}", "host-id": 0, "selection-policy": "prescriptive", "region": 0, "extents": [{"offset": 0, "len": 2097152}]}}`;
        const imported = importQmpLog([add('/machine/peripheral/device'), add('/machine/peripheral/9 bad.name'), add('/machine/peripheral-anon/device[0]'), add('/machine/peripheral/device')].join('\n'));
        expect(imported.world.devices.map(d => d.name)).toEqual(['device_', '_9_bad_name', 'device_0_']);
        const workspace = await loadTexts({ 'x.dcdpolicy': imported.text });
        expect(errorsOf(workspace)).toEqual([]);
    });

    test('a log with nothing usable: exit 1 and one line per unreadable line', async () => {
        const path = join(dir, 'nothing.qmp');
        writeFileSync(path, 'hello\n{"return": {}}\n');
        const run = await cli('import', 'qmp', path);
        expect(run.code).toBe(1);
        expect(run.stdout).toBe('');
        expect(run.stderr.trimEnd().split('\n')).toEqual([
            `${path}:1: cannot read: not a QMP object or qmp-shell command: 'hello'`,
            `dcdpolicy: nothing to import from '${path}': no usable cxl-add-dynamic-capacity or cxl-release-dynamic-capacity command`,
        ]);
    });

    test('import into an existing model (--model): only the scenario and new tags are written', async () => {
        const model = 'host h { kernel dcd-v11 }\ndevice mem { model qemu static_capacity 0 partition dc0 { base 0 length 1GiB block_size 2MiB } }\nregion r { partition mem.dc0 driver dax accept any }\ntag known = 5be13bce-ae34-4a77-b6c3-16df975fcf1a\n';
        const modelPath = join(dir, 'model.dcdpolicy');
        writeFileSync(modelPath, model);
        const logPath = join(dir, 'into-model.qmp');
        writeFileSync(logPath, [
            '{"execute": "cxl-add-dynamic-capacity", "arguments": {"path": "/machine/peripheral/mem", "host-id": 0, "selection-policy": "prescriptive", "region": 0, "tag": "5BE13BCE-AE34-4A77-B6C3-16DF975FCF1A", "extents": [{"offset": 0, "len": 2097152}]}}',
            '{"execute": "cxl-add-dynamic-capacity", "arguments": {"path": "/machine/peripheral/mem", "host-id": 0, "selection-policy": "prescriptive", "region": 0, "tag": "2f1c9a44-7d0b-4f6e-9a3e-0c5b8d7e6f10", "extents": [{"offset": 4194304, "len": 2097152}]}}',
        ].join('\n'));
        const out = join(dir, 'into-model.dcdpolicy');
        const run = await cli('import', 'qmp', logPath, '--model', modelPath, '-o', out, '--name', 'replayed');
        expect(run.code).toBe(0);
        const text = readFileSync(out, 'utf8');
        expect(text).not.toMatch(/^(host|device|region) /m);
        expect(text).toContain('tag t_2f1c9a44 = 2f1c9a44-7d0b-4f6e-9a3e-0c5b8d7e6f10');
        expect(text).toContain('at 0s add mem.dc0 tag known extent 0x0 size 2MiB as add_1');
        const workspace = await loadTexts({ 'model.dcdpolicy': model, 'imported.dcdpolicy': text });
        expect(errorsOf(workspace)).toEqual([]);
        const [scenario] = simulateWorkspace(workspace, { scenario: 'replayed' });
        expect(scenario.result.events.map(e => e.outcome)).toEqual(['accepted', 'accepted']);
    });
});

describe('import limits', () => {
    test('a QMP region beyond 7 is a comment, never a ninth partition', async () => {
        const add = (region: number) => `{"execute": "cxl-add-dynamic-capacity", "arguments": {"path": "/machine/peripheral/d", "host-id": 0, "selection-policy": "prescriptive", "region": ${region}, "extents": [{"offset": 0, "len": 2097152}]}}`;
        const imported = importQmpLog([add(0), '{"return": {}}', add(9), '{"error": {"class": "GenericError", "desc": "region id is too large"}}', add(200)].join('\n'));
        expect(imported.world.devices[0].partitions).toHaveLength(1);
        expect(imported.events).toBe(1);
        expect(imported.text).toMatch(/\/\/ log line 3: cxl-add-dynamic-capacity region 9 not imported: QEMU has at most 8 DC regions/);
        expect(imported.text).toMatch(/\/\/ log line 5: cxl-add-dynamic-capacity region 200 not imported/);
        const workspace = await loadTexts({ 'x.dcdpolicy': imported.text });
        expect(errorsOf(workspace)).toEqual([]);
    });
});

describe('the import and export command groups', () => {
    test('without a format they print their help and exit 1', async () => {
        for (const group of ['import', 'export']) {
            const run = await cli(group);
            expect(run.code).toBe(1);
            expect(run.stderr).toMatch(/Commands:\s+qmp /);
        }
    });
});
