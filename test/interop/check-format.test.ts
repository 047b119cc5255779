/**
 * `dcdpolicy check --format text|json|sarif` (cli/commands/check.ts, cli/sarif.ts). The SARIF log
 * is validated against the official OASIS SARIF 2.1.0 JSON schema (draft-07,
 * `$id` https://raw.githubusercontent.com/oasis-tcs/sarif-spec/master/Schemata/sarif-schema-2.1.0.json),
 * vendored in test/resources/sarif-schema-2.1.0.json. The web is out of reach here; the schema
 * was taken from the npm package @datadog/datadog-ci-plugin-sarif 5.25.0 (Apache-2.0), whose
 * bundle embeds it verbatim as `src/json-schema/sarif-schema-2.1.0.json` (52 definitions, the
 * same set as the rtm.5 schema @microsoft/jest-sarif ships).
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { beforeAll, describe, expect, test } from 'vitest';
import { cli } from '../cli/run-cli.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const schema = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'resources', 'sarif-schema-2.1.0.json'), 'utf8'));
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
const validateSarif = ajv.compile(schema);

let dir: string;
let file: string;
beforeAll(() => {
    // Below the working directory (test-results/ is git-ignored), so SARIF URIs are relative.
    mkdirSync(join(process.cwd(), 'test-results'), { recursive: true });
    dir = mkdtempSync(join(process.cwd(), 'test-results', 'check-'));
    file = join(dir, 'mixed.dcdpolicy');
    // An error (decimal unit), a warning (not the first partition), a syntax error, an unresolved name.
    writeFileSync(file, [
        'host h { kernel dcd-v11 }',
        'device d { static_capacity 0 model qemu',
        '  partition dc0 { base 0 length 256MB block_size 2MiB }',
        '  partition dc1 { base 0x10000000 length 256MiB block_size 2MiB } }',
        'region r1 { partition d.dc1 driver dax accept any }',
        'region r2 { partition d.nope driver dax }',
        'scenario s { at 0s add d.dc0 untagged extent 0x0 size 2MiB as a at }',
        '',
    ].join('\n'));
});

describe('check --format', () => {
    test('text is the default: file:line:col: severity code: message', async () => {
        const run = await cli('check', file);
        expect(run.code).toBe(1);
        for (const line of run.stdout.trimEnd().split('\n')) expect(line).toMatch(/^.+:\d+:\d+: (error|warning|info|hint) [a-z-]+\/[a-z0-9-]+: .+$/);
    });

    test('json: an array of {file, line, column, severity, code, message}, the same diagnostics as text', async () => {
        const text = await cli('check', file);
        const run = await cli('check', file, '--format', 'json');
        expect(run.code).toBe(1);
        const diagnostics = JSON.parse(run.stdout) as Array<Record<string, unknown>>;
        expect(diagnostics.length).toBeGreaterThanOrEqual(4);
        for (const d of diagnostics) {
            expect(Object.keys(d)).toEqual(['file', 'line', 'column', 'severity', 'code', 'message']);
        }
        expect(diagnostics.map(d => `${d.file}:${d.line}:${d.column}: ${d.severity} ${d.code}: ${d.message}`)).toEqual(text.stdout.trimEnd().split('\n'));
        expect(diagnostics.map(d => d.code)).toEqual(expect.arrayContaining(['size/decimal-unit', 'name/unresolved', 'syntax/parsing-error', 'region/not-first-partition']));
        expect(run.stderr).toMatch(/^1 file checked: \d+ errors, \d+ other diagnostics?\n$/);
    });

    test('json: a clean file is an empty array and exit 0', async () => {
        const clean = join(dir, 'clean.dcdpolicy');
        writeFileSync(clean, 'host h { kernel dcd-v11 }\n');
        const run = await cli('check', clean, '--format', 'json');
        expect(JSON.parse(run.stdout)).toEqual([]);
        expect(run.code).toBe(0);
    });

    test('sarif: valid against the SARIF 2.1.0 schema, one run, rules = the codes used, results with locations', async () => {
        const run = await cli('check', file, '--format', 'sarif');
        expect(run.code).toBe(1);
        const log = JSON.parse(run.stdout);
        const valid = validateSarif(log);
        expect(validateSarif.errors ?? []).toEqual([]);
        expect(valid).toBe(true);
        expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
        expect(log.version).toBe('2.1.0');
        expect(log.runs).toHaveLength(1);
        const [sarifRun] = log.runs;
        expect(sarifRun.tool.driver.name).toBe('dcdpolicy');
        const json = JSON.parse((await cli('check', file, '--format', 'json')).stdout) as Array<{ line: number; column: number; severity: string; code: string; message: string }>;
        const ruleIds = sarifRun.tool.driver.rules.map((r: { id: string }) => r.id);
        expect([...ruleIds].sort()).toEqual([...new Set(json.map(d => d.code))].sort());
        for (const rule of sarifRun.tool.driver.rules) expect(rule.shortDescription.text.length).toBeGreaterThan(0);
        expect(sarifRun.results).toHaveLength(json.length);
        sarifRun.results.forEach((r: any, i: number) => {
            expect(r.ruleId).toBe(json[i].code);
            expect(sarifRun.tool.driver.rules[r.ruleIndex].id).toBe(r.ruleId);
            expect(r.level).toBe({ error: 'error', warning: 'warning', info: 'note', hint: 'note' }[json[i].severity]);
            expect(r.message.text).toBe(json[i].message);
            const { artifactLocation, region } = r.locations[0].physicalLocation;
            expect(region.startLine).toBe(json[i].line);
            expect(region.startColumn).toBe(json[i].column);
            expect(region.endLine).toBeGreaterThanOrEqual(region.startLine);
            if (region.endLine === region.startLine) expect(region.endColumn).toBeGreaterThanOrEqual(region.startColumn);
            expect(artifactLocation.uri).toBe(relative(process.cwd(), file).split('/').map(encodeURIComponent).join('/'));
            expect(artifactLocation.uri).not.toMatch(/^\//);
        });
    });

    test('sarif: a file outside the working directory gets an absolute file:// URI', async () => {
        const outside = join(mkdtempSync(join(tmpdir(), 'dcdpolicy-check-')), 'bad.dcdpolicy');
        writeFileSync(outside, 'host h { kernel dcd-v11 memory_block_size 100MB }\n');
        const log = JSON.parse((await cli('check', outside, '--format', 'sarif')).stdout);
        expect(validateSarif(log)).toBe(true);
        expect(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation).toEqual({ uri: `file://${outside}` });
    });

    test('sarif: the samples (warnings, no errors) validate too', async () => {
        const run = await cli('check', join(import.meta.dirname, '..', '..', 'samples'), '--format', 'sarif');
        expect(run.code).toBe(0);
        const log = JSON.parse(run.stdout);
        expect(validateSarif(log), JSON.stringify(validateSarif.errors)).toBe(true);
    });

    test('sarif: an empty result set is a valid log', async () => {
        const clean = join(dir, 'clean2.dcdpolicy');
        writeFileSync(clean, 'host h { kernel dcd-v11 }\n');
        const log = JSON.parse((await cli('check', clean, '--format', 'sarif')).stdout);
        expect(validateSarif(log)).toBe(true);
        expect(log.runs[0].results).toEqual([]);
        expect(log.runs[0].tool.driver.rules).toEqual([]);
    });

    test('the schema rejects what it should (the validator is live)', () => {
        expect(validateSarif({ version: '2.1.0', runs: [{ tool: { driver: {} } }] })).toBe(false);
        expect(validateSarif({ version: '2.0.0', runs: [] })).toBe(false);
        expect(validateSarif({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ message: { text: 'm' }, level: 'fatal' }] }] })).toBe(false);
    });

    test('an unknown format is refused by the argument parser', async () => {
        const run = await cli('check', file, '--format', 'xml');
        expect(run.code).toBe(2);
        expect(run.stderr).toMatch(/option '-f, --format <format>' argument 'xml' is invalid\. Allowed choices are text, json, sarif\./);
    });
});
