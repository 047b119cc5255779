/**
 * The QMP log reader (cli/interop/qmp-log.ts): JSON objects on one or several lines, QEMU's
 * doc arrows, qmp-shell lines, replies, timestamps, and unreadable lines reported by number.
 */
import { describe, expect, test } from 'vitest';
import { parseQmpLog } from '../../cli/interop/qmp-log.js';

const ADD = '{"execute": "cxl-add-dynamic-capacity", "arguments": {"path": "/machine/peripheral/cxl-dcd0", "host-id": 0, "selection-policy": "prescriptive", "region": 0, "extents": [{"offset": 0, "len": 134217728}]}}';
const RELEASE = '{"execute": "cxl-release-dynamic-capacity", "arguments": {"path": "/machine/peripheral/cxl-dcd0", "host-id": 0, "removal-policy": "tag-based", "forced-removal": true, "region": 1, "tag": "5be13bce-ae34-4a77-b6c3-16df975fcf1a", "extents": []}}';

describe('parseQmpLog', () => {
    test('one object per line, with replies matched in order', () => {
        const log = parseQmpLog([ADD, '{"return": {}}', RELEASE, '{"error": {"class": "GenericError", "desc": "Forced removal not supported yet"}}'].join('\n'));
        expect(log.issues).toEqual([]);
        expect(log.commands).toHaveLength(2);
        expect(log.commands[0]).toMatchObject({ line: 1, execute: 'cxl-add-dynamic-capacity', path: '/machine/peripheral/cxl-dcd0', hostId: 0, region: 0, selectionPolicy: 'prescriptive', extents: [{ offset: 0, len: 134217728 }], reply: { kind: 'return', line: 2 } });
        expect(log.commands[1]).toMatchObject({ line: 3, removalPolicy: 'tag-based', forcedRemoval: true, region: 1, tag: '5be13bce-ae34-4a77-b6c3-16df975fcf1a', extents: [], reply: { kind: 'error', line: 4, errorClass: 'GenericError', desc: 'Forced removal not supported yet' } });
        expect(log.hasTimestamps).toBe(false);
    });

    test('objects spread over lines, after -> and <- arrows, with CRLF line ends', () => {
        const text = ['{"QMP": {"version": {}, "capabilities": []}}', '-> { "execute": "qmp_capabilities" }', '<- { "return": {} }',
            '-> { "execute": "cxl-add-dynamic-capacity",', '     "arguments": { "path": "/machine/peripheral/d",', '       "host-id": 0, "selection-policy": "prescriptive", "region": 2,',
            '       "extents": [ { "offset": 0,', '                      "len": 2097152 } ] } }', '<- {', '  "return": {}', '}'].join('\r\n');
        const log = parseQmpLog(text);
        expect(log.issues).toEqual([]);
        expect(log.otherCommands).toBe(1);
        expect(log.commands).toHaveLength(1);
        expect(log.commands[0]).toMatchObject({ line: 4, region: 2, reply: { kind: 'return', line: 9 } });
    });

    test('qmp-shell lines, with its banner and prompt', () => {
        const log = parseQmpLog([
            'Welcome to the QMP low-level shell!', 'Connected to QEMU 10.2.0', '',
            '(QEMU) cxl-add-dynamic-capacity path=/machine/peripheral/cxl-dcd0 host-id=0 selection-policy=prescriptive region=0 tag="5be13bce-ae34-4a77-b6c3-16df975fcf1a" extents=[{"offset": 0, "len": 2097152}, {"offset":4194304,"len":2097152}]',
            '{"return": {}}',
            "(QEMU) cxl-release-dynamic-capacity path=/machine/peripheral/cxl-dcd0 host-id=0 removal-policy=prescriptive region=0 extents=[{'offset': 0, 'len': 2097152}]",
            '(QEMU) ',
        ].join('\n'));
        expect(log.issues).toEqual([]);
        expect(log.commands.map(c => [c.line, c.execute, c.tag, c.extents.length])).toEqual([
            [4, 'cxl-add-dynamic-capacity', '5be13bce-ae34-4a77-b6c3-16df975fcf1a', 2],
            [6, 'cxl-release-dynamic-capacity', undefined, 1],
        ]);
        expect(log.commands[0].reply).toEqual({ kind: 'return', line: 5 });
        expect(log.commands[1].reply).toBeUndefined();
    });

    test('times come from timestamps, relative to the first', () => {
        const log = parseQmpLog([
            '{"timestamp": {"seconds": 1700000000, "microseconds": 250000}, "event": "RESUME"}',
            ADD,
            '{"timestamp": {"seconds": 1700000002, "microseconds": 0}, "event": "X"}',
            ADD.replace('"offset": 0', '"offset": 134217728'),
        ].join('\n'));
        expect(log.hasTimestamps).toBe(true);
        expect(log.commands.map(c => c.timeNs)).toEqual([0, 1_750_000_000]);
    });

    test('replies are matched by id when commands carry one', () => {
        const log = parseQmpLog([
            ADD.replace('{"execute"', '{"id": "a", "execute"'), ADD.replace('{"execute"', '{"id": "b", "execute"'),
            '{"id": "b", "error": {"class": "GenericError", "desc": "cannot add DPA again while still pending"}}', '{"id": "a", "return": {}}',
        ].join('\n'));
        expect(log.commands.map(c => c.reply?.kind)).toEqual(['return', 'error']);
    });

    test('lines it cannot read are reported with their numbers; reading goes on', () => {
        const log = parseQmpLog([
            'garbage here',                                                   // 1
            ADD,                                                              // 2
            '{"execute": "cxl-add-dynamic-capacity", "arguments": {"path": "p"}}', // 3: missing arguments
            '{"execute": "cxl-add-dynamic-capacity", "arguments": {"path": "p", "host-id": 0, "selection-policy": "prescriptive", "region": 300, "extents": []}}', // 4
            '{"oops": 1}',                                                    // 5
            "{'single': 'quotes'}",                                           // 6
            '{ "unterminated": ',                                             // 7
            RELEASE,                                                          // 8
        ].join('\n'));
        expect(log.commands.map(c => c.line)).toEqual([2, 8]);
        expect(log.issues.map(i => i.line)).toEqual([1, 3, 4, 5, 6, 7]);
        expect(log.issues[0].message).toMatch(/not a QMP object or qmp-shell command: 'garbage here'/);
        expect(log.issues[1].message).toMatch(/missing argument 'extents'/);
        expect(log.issues[2].message).toMatch(/'region' 300 is out of range for uint8/);
        expect(log.issues[3].message).toMatch(/not a QMP command, reply or event/);
        expect(log.issues[4].message).toMatch(/invalid JSON/);
        expect(log.issues[5].message).toMatch(/unterminated JSON object/);
    });

    test('numbers beyond 2^53, wrong types and unknown members are reported', () => {
        const log = parseQmpLog([
            ADD.replace('"len": 134217728', '"len": 18446744073709551615'),
            ADD.replace('"host-id": 0', '"host-id": "zero"'),
            ADD.replace('"region": 0', '"region": 0, "bogus": 1'),
            ADD.replace('"prescriptive"', '"sideways"'),
        ].join('\n'));
        expect(log.commands).toEqual([]);
        expect(log.issues.map(i => i.message)).toEqual([
            "'len' 18446744073709552000 is beyond 2^53 and cannot be read exactly",
            expect.stringMatching(/'host-id' must be a non-negative integer/),
            "cxl-add-dynamic-capacity has no argument 'bogus'",
            expect.stringMatching(/'selection-policy' must be one of free, contiguous, prescriptive, enable-shared-access/),
        ]);
    });

    test('deep nesting is refused without recursion', () => {
        const log = parseQmpLog('{'.repeat(10_000) + '}'.repeat(10_000) + '\n' + ADD);
        expect(log.issues).toEqual([{ line: 1, message: 'the object nests deeper than 64 levels' }]);
        expect(log.commands).toHaveLength(1);
    });
});
