import type { ValidationChecks } from 'langium';
import type { DcdPolicyAstType } from '../generated/ast.js';
import type { DcdPolicyServices } from '../dcdpolicy-module.js';
import * as device from './device.js';
import * as expectation from './expectation.js';
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
 * Wires every static check of LANGUAGE.md §6 into Langium's validation registry, one map keyed
 * by AST type. Each check is a named function in a file of its concern under `validation/`;
 * checks that need the rest of the workspace get the workspace view, rebuilt once per document.
 */
export function registerValidationChecks(services: DcdPolicyServices): void {
    const registry = services.validation.ValidationRegistry;
    const views = new WorkspaceViews(services);
    const unique = names.namesMustBeUniqueInTheWorkspace(services);
    const checks: ValidationChecks<DcdPolicyAstType> = {
        AstNode: [
            literals.sizesMustUseBinaryUnits, literals.countsMustHaveNoUnit, literals.numbersMustBeExact,
            literals.durationsMustFitInNanoseconds, literals.durationsMustBeWholeNanoseconds
        ],
        Host: [unique, names.hostPropertiesMustAppearOnce, host.hostMustNameAKernel, host.nodeIdsMustBeUniqueOnAHost],
        MemoryBlockSizeSetting: [
            host.memoryBlockSizeMustBeAPowerOfTwo, host.memoryBlockSizeMustBeAtLeastOneSection, host.memoryBlockSizeShouldBeInTheX86Range
        ],
        Device: [
            unique, names.devicePropertiesMustAppearOnce, names.partitionNamesMustBeUniqueInADevice,
            device.partitionsMustBeInIncreasingDpaOrder, device.aDeviceHasAtMostEightPartitions,
            device.firstPartitionMustStartAtStaticCapacity, device.deviceShouldHaveAPartition
        ],
        MaxExtentsSetting: [device.maxExtentsMustNotBeZero],
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
            region.regionMustBeSupportedByEveryHostKernel(views), region.privateNodeMustNotHaveMemory(views),
            region.privateNodeShouldHaveOneRegion(views), region.regionNodeShouldBeDeclaredOnTheHost(views),
            region.zoneNormalShouldNotBeReleased(views), region.sysramRegionMustHoldAMemoryBlock(views),
            region.sysramRegionShouldBeWholeMemoryBlocks(views), region.regionShouldUseTheFirstPartition(views),
            region.untaggedRegionShouldNotBeOnASharablePartition(views)
        ],
        Scenario: [
            unique, names.scenarioClausesMustAppearOnce, names.labelsMustBeUniqueInAScenario,
            scenario.scenarioMustNameAHostWhenThereAreSeveral(views), scenario.scenarioShouldHaveAHost(views),
            scenario.eventsShouldBeWrittenInTimeOrder, scenario.requestsShouldNotFollowTheDeviceRemoval
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
    registry.register(checks);
    registry.registerBeforeDocument(() => views.reset());
}
