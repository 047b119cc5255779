import type { AstNode, ValidationCheck, ValidationChecks } from 'langium';
import type { DcdPolicyAstType } from '../generated/ast.js';
import type { DcdPolicyServices } from '../dcdpolicy-module.js';
import * as device from './device.js';
import * as expectation from './expectation.js';
import * as holder from './holder.js';
import * as host from './host.js';
import * as literals from './literals.js';
import * as names from './names.js';
import * as region from './region.js';
import * as scenario from './scenario.js';
import * as tag from './tag.js';
import { WorkspaceViews } from './workspace-view.js';

export * from './codes.js';
export { WorkspaceViews, buildWorkspaceView, type WorkspaceView } from './workspace-view.js';

/**
 * Runs a type's checks in one registry entry: Langium awaits each registered check separately
 * (a promise and an exception guard per check per node), which on a 100k-line workspace costs
 * more than the checks themselves. Every check here is synchronous; a check that throws is
 * reported as Langium would report it and the others still run.
 */
function together<T extends AstNode>(checks: ReadonlyArray<ValidationCheck<T>>): ValidationCheck<T> {
    return (node, accept, cancelToken) => {
        for (const check of checks) {
            try {
                void check(node, accept, cancelToken);
            } catch (err) {
                const message = err instanceof Error ? err.message : String(err);
                accept('error', `An error occurred during validation: ${message}`, { node });
                console.error('An error occurred during validation:', err);
            }
        }
    };
}

/**
 * Wires every static check of LANGUAGE.md §6 into Langium's validation registry, one map keyed
 * by AST type. Each check is a named function in a file of its concern under `validation/`;
 * checks that need the rest of the workspace get the workspace view, built once per build.
 */
export function registerValidationChecks(services: DcdPolicyServices): void {
    const registry = services.validation.ValidationRegistry;
    const views = new WorkspaceViews(services);
    const unique = names.namesMustBeUniqueInTheWorkspace(views);
    const checks: ValidationChecks<DcdPolicyAstType> = {
        Host: [unique, names.hostPropertiesMustAppearOnce, host.hostMustNameAKernel, host.nodeIdsMustBeUniqueOnAHost],
        MemoryBlockSizeSetting: [
            host.memoryBlockSizeMustBeAPowerOfTwo, host.memoryBlockSizeMustBeAtLeastOneSection, host.memoryBlockSizeShouldBeInTheX86Range
        ],
        Device: [
            unique, names.devicePropertiesMustAppearOnce, names.partitionNamesMustBeUniqueInADevice,
            device.partitionsMustBeInIncreasingDpaOrder, device.aDeviceHasAtMostEightPartitions,
            device.firstPartitionMustStartAtStaticCapacity, device.deviceShouldHaveAPartition
        ],
        MaxExtentsSetting: [device.maxExtentsMustNotBeZero, device.qemuTracksExactly512Extents],
        Partition: [
            names.partitionPropertiesMustAppearOnce, device.partitionMustHaveABase, device.partitionMustHaveALength,
            device.blockSizeMustNotBeZero, device.blockSizeMustBeAPowerOfTwo, device.blockSizeMustBeAMultipleOf64Bytes,
            device.lengthMustNotBeZero, device.lengthMustBeAMultipleOfBlockSize, device.lengthMustNotExceedDecodeLength,
            device.decodeLengthMustNotBeZero, device.decodeLengthMustBeAMultipleOf256MiB,
            device.baseMustBe256MiBAligned, device.baseMustBeBlockAligned,
            device.qemuSupportsOnly2MiBBlocks, device.qemuPartitionLengthShouldBeA256MiBMultiple, device.qemuPartitionsAreNotSharable
        ],
        TagDecl: [unique, tag.tagMustNotBeTheNullUuid, tag.tagUuidsShouldBeUnique(views)],
        TagRef: [tag.tagLiteralMustNotBeTheNullUuid],
        Region: [
            unique, names.regionPropertiesMustAppearOnce, region.regionMustNameAPartition, region.regionMustNameADriver,
            region.regionRangeMustNotBeEmpty, region.regionMustLieInsideItsPartition(views), region.regionRangeMustBeBlockAligned(views),
            region.regionRangeShouldBe256MiBAligned(views), region.regionsMustNotOverlap(views), region.policyKnobsMustMatchTheDriver,
            region.regionMustBeSupportedByEveryHostKernel(views), region.privateNodeMustNotHaveMemory(views), region.regionNodeShouldBeDeclaredOnTheHost(views),
            region.zoneNormalShouldNotBeReleased(views), region.sysramRegionMustHoldAMemoryBlock(views),
            region.sysramRegionShouldBeWholeMemoryBlocks(views), region.regionShouldUseTheFirstPartition(views),
            region.untaggedRegionShouldNotBeOnASharablePartition(views)
        ],
        Scenario: [
            unique, names.scenarioClausesMustAppearOnce, names.labelsMustBeUniqueInAScenario,
            scenario.scenarioMustNameAHostWhenThereAreSeveral(views), scenario.scenarioShouldHaveAHost(views),
            scenario.eventsShouldBeWrittenInTimeOrder, scenario.requestsShouldNotFollowTheDeviceRemoval, scenario.moreChainsShouldClose,
            holder.sharedHoldersLeaveLaterFilesystemsUnnotified
        ],
        ScenarioKernel: [scenario.kernelOverrideMustSupportTheRegionsItTouches(views)],
        Event: [scenario.requestsShouldPassTheDeviceChecks(views), scenario.hostActionsShouldMatchTheRegionDriver(views)],
        AddAction: [
            scenario.sysramExtentsShouldHoldAMemoryBlock(views), scenario.seqBelongsToSharablePartitions,
            scenario.seqMustFitSixteenBits, scenario.untaggedExtentsShouldNotGoToSharablePartitions
        ],
        ReleaseAction: [scenario.releaseMustNameSomething],
        CreateDaxAction: [scenario.daxClaimMustBeSupportedByTheKernel(views), scenario.uuidClaimMustBeZero],
        Expectation: [expectation.expectationShouldNotPrecedeItsEvent],
        EventExpectation: [expectation.reasonsMustBeKnown, expectation.reasonsMustFitThePredicate, expectation.eventPredicateMustSuitTheAction],
        ExtentExpectation: [
            expectation.reasonsMustBeKnown, expectation.reasonsMustFitThePredicate, expectation.extentExpectationsShouldNameAnOfferedExtent
        ],
        RegionExpectation: [expectation.regionPredicateMustSuitTheDriver]
    };
    // Literal checks, on every AST type with a NUMBER property (literals.NUMBER_PROPERTIES) or a DURATION.
    const all = checks as Record<string, ValidationCheck[]>;
    const numberChecks = [literals.sizesMustUseBinaryUnits, literals.countsMustHaveNoUnit, literals.numbersMustBeExact];
    const durationChecks = [literals.durationsMustFitInNanoseconds, literals.durationsMustBeWholeNanoseconds];
    for (const type of Object.keys(literals.NUMBER_PROPERTIES)) all[type] = [...all[type] ?? [], ...numberChecks];
    for (const type of literals.DURATION_TYPES) all[type] = [...all[type] ?? [], ...durationChecks];
    const combined: Record<string, ValidationCheck> = {};
    for (const [type, list] of Object.entries(all)) combined[type] = together(list);
    registry.register(combined as ValidationChecks<DcdPolicyAstType>);
}
