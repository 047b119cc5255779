/**
 * Checks tested through langium/test's helpers: where a diagnostic lands, the data a quick fix
 * reads, and the cross-file behaviour; plus the fixture runner's own contract.
 */
import { EmptyFileSystem, GrammarAST, AstUtils, type Grammar } from 'langium';
import { clearDocuments, expectError, expectNoIssues, expectWarning, validationHelper } from 'langium/test';
import { afterEach, describe, expect, it } from 'vitest';
import { createDcdPolicyServices } from '../../language/dcdpolicy-module.js';
import {
    isAddAction, isEvent, isEventExpectation, isExpectation, isHost, isMemoryBlockSizeSetting, isPartition, isDevice,
    isBlockSizeSetting, isScenario, type PolicyFile
} from '../../language/generated/ast.js';
import {
    EXPECT_UNKNOWN_REASON, PARTITION_BLOCK_SIZE_NOT_POWER_OF_TWO, SCENARIO_MISALIGNED, SIZE_DECIMAL_UNIT, CODE_DOCS, ALL_CODES
} from '../../language/validation/codes.js';
import { DURATION_TYPES, NUMBER_PROPERTIES } from '../../language/validation/literals.js';
import { loadWorkspace } from '../../language/workspace.js';
import { FixtureError, codeOf, messageOf, parseExpectations } from './fixture-runner.js';

const services = createDcdPolicyServices(EmptyFileSystem);
const validate = validationHelper<PolicyFile>(services.DcdPolicy);

afterEach(async () => {
    await clearDocuments(services.shared);
});

const DEVICE = 'device mem0 { static_capacity 2GiB partition dc0 { base 0x80000000 length 1GiB block_size 2MiB } }';

describe('literal checks', () => {
    it('a decimal unit is an error on the size, with the replacement for the quick fix', async () => {
        const result = await validate('host h { kernel dcd-v11 memory_block_size 512MB }');
        const host = result.document.parseResult.value.elements.find(isHost)!;
        const setting = host.properties.find(isMemoryBlockSizeSetting)!;
        expectError(result, /512MB uses the decimal unit MB; sizes are binary: write 512MiB/, {
            node: setting, property: 'size', code: SIZE_DECIMAL_UNIT,
            data: { code: SIZE_DECIMAL_UNIT, replacement: '512MiB', unit: 'MB', binaryUnit: 'MiB' }
        });
    });

    it('binary units and bare integers are fine', async () => {
        const result = await validate(`host h { kernel dcd-v11 memory_block_size 0x8000000 } ${DEVICE}`);
        expectNoIssues(result);
    });
});

describe('partition checks', () => {
    it('block size not a power of two lands on the block_size value', async () => {
        const result = await validate('host h { kernel dcd-v11 } device d { static_capacity 2GiB model cxl_test partition p { base 0x80000000 length 1GiB block_size 3MiB } }');
        const partition = result.document.parseResult.value.elements.find(isDevice)!.properties.find(isPartition)!;
        expectError(result, /block size 3MiB is not a power of two .* use 2MiB or 4MiB/, {
            node: partition.properties.find(isBlockSizeSetting)!, property: 'value', code: PARTITION_BLOCK_SIZE_NOT_POWER_OF_TWO
        });
    });
});

describe('scenario checks', () => {
    it('a QEMU refusal is a warning on the offending extent, naming the expectation that would silence it', async () => {
        const result = await validate(`host h { kernel dcd-v11 } ${DEVICE} region r { partition mem0.dc0 driver dax accept any }
            scenario s { at 0s add mem0.dc0 untagged extents { 0x0 size 2MiB, 0x201000 size 2MiB } as grow }`);
        const scenario = result.document.parseResult.value.elements.find(isScenario)!;
        const add = scenario.members.find(isEvent)!.action;
        if (!isAddAction(add)) throw new Error('not an add');
        expectWarning(result, /misaligned .* add `expect grow refused misaligned`/, { node: add.extents[1], code: SCENARIO_MISALIGNED });
    });

    it('the expectation silences it', async () => {
        const result = await validate(`host h { kernel dcd-v11 } ${DEVICE} region r { partition mem0.dc0 driver dax accept any }
            scenario s { at 0s add mem0.dc0 untagged extent 0x1000 size 2MiB as grow expect grow refused misaligned }`);
        expectNoIssues(result);
    });

    it('an unknown reason offers the closest code as quick-fix data', async () => {
        const result = await validate(`host h { kernel dcd-v11 } ${DEVICE} region r { partition mem0.dc0 driver dax accept any }
            scenario s { at 0s add mem0.dc0 tag 5be13bce-ae34-4a77-b6c3-16df975fcf1a extent 0x0 size 2MiB as grow expect grow rejected tag-in-usee }`);
        const scenario = result.document.parseResult.value.elements.find(isScenario)!;
        const body = scenario.members.find(isExpectation)!.body;
        if (!isEventExpectation(body)) throw new Error('not an event expectation');
        expectError(result, /did you mean `tag-in-use`/, {
            node: body, property: 'reason', code: EXPECT_UNKNOWN_REASON, data: { code: EXPECT_UNKNOWN_REASON, replacement: 'tag-in-use' }
        });
    });
});

describe('workspace-wide checks', () => {
    it('see the other files of the workspace, and go away when the other file does', async () => {
        const a = { path: '/ws/a.dcdpolicy', text: `host h { kernel dcd-v11 } ${DEVICE} region r0 { partition mem0.dc0 driver dax }` };
        const b = { path: '/ws/b.dcdpolicy', text: 'region r0 { partition mem0.dc0 driver dax }' };
        const both = await loadWorkspace(services.shared, [a, b]);
        const codes = both.documents.map(d => (d.diagnostics ?? []).map(codeOf));
        expect(codes[0]).toContain('name/duplicate');
        expect(codes[0]).toContain('region/overlap');
        expect(codes[1]).toContain('name/duplicate');
        await clearDocuments(services.shared);
        const alone = await loadWorkspace(services.shared, [a]);
        expect((alone.documents[0].diagnostics ?? []).map(codeOf)).toEqual([]);
    });

    it('judge a region under every host of the workspace', async () => {
        const hosts = { path: '/ws/hosts.dcdpolicy', text: 'host new { kernel sysram-rfc } host old { kernel dcd-v9 }' };
        const regions = { path: '/ws/regions.dcdpolicy', text: `${DEVICE} region r { partition mem0.dc0 driver sysram zone movable }` };
        const ws = await loadWorkspace(services.shared, [hosts, regions]);
        const messages = (ws.documents[1].diagnostics ?? []).filter(d => codeOf(d) === 'policy/unsupported-by-kernel').map(messageOf);
        expect(messages).toHaveLength(1);
        expect(messages[0]).toMatch(/kernel dcd-v9 of host old/);
    });
});

describe('codes', () => {
    it('every code is area/what and documented', () => {
        for (const code of ALL_CODES) {
            expect(code).toMatch(/^[a-z]+\/[a-z0-9-]+$/);
            expect(CODE_DOCS[code]?.length ?? 0).toBeGreaterThan(10);
        }
    });

    it('every NUMBER property of the grammar is classified for the literal checks', () => {
        const grammar = services.DcdPolicy.Grammar as Grammar;
        const missing: string[] = [];
        for (const rule of grammar.rules.filter(GrammarAST.isParserRule)) {
            for (const node of AstUtils.streamAllContents(rule)) {
                if (!GrammarAST.isAssignment(node) || !GrammarAST.isRuleCall(node.terminal) || node.terminal.rule.ref?.name !== 'NUMBER') continue;
                if (!NUMBER_PROPERTIES[rule.name]?.[node.feature]) missing.push(`${rule.name}.${node.feature}`);
            }
        }
        expect(missing).toEqual([]);
    });

    it('every DURATION property of the grammar is checked', () => {
        const grammar = services.DcdPolicy.Grammar as Grammar;
        const found: string[] = [];
        for (const rule of grammar.rules.filter(GrammarAST.isParserRule)) {
            for (const node of AstUtils.streamAllContents(rule)) {
                if (GrammarAST.isAssignment(node) && GrammarAST.isRuleCall(node.terminal) && node.terminal.rule.ref?.name === 'DURATION') {
                    found.push(`${rule.name}.${node.feature}`);
                }
            }
        }
        expect(found.sort()).toEqual(DURATION_TYPES.map(t => `${t}.time`).sort());
    });
});

describe('fixture runner', () => {
    it('reads $TEST$ comments onto the next line with content', () => {
        const text = '// $TEST$ error "size/decimal-unit"\n\n// a comment\nhost h { }\n// $TEST$ syntax-error\n  x';
        expect(parseExpectations('f', text).map(e => [e.kind, e.code, e.line])).toEqual([
            ['error', 'size/decimal-unit', 3], ['syntax-error', undefined, 5]
        ]);
    });

    it('fails loudly on a malformed comment, an unknown code, or nothing below', () => {
        expect(() => parseExpectations('f', '// $TEST$ eror "size/decimal-unit"\nx')).toThrow(FixtureError);
        expect(() => parseExpectations('f', '// $TEST$ error size/decimal-unit\nx')).toThrow(/malformed/);
        expect(() => parseExpectations('f', '// $TEST$ error "size/no-such-code"\nx')).toThrow(/unknown diagnostic code/);
        expect(() => parseExpectations('f', 'x\n// $TEST$ error "size/decimal-unit"\n')).toThrow(/no line below/);
    });
});
