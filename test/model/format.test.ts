import { describe, expect, it } from 'vitest';
import {
    ACTION_RESULTS, DEVICE_REFUSALS, ERRNO_NAMES, HOST_REJECTIONS, KERNEL_PROFILES, REASON_CODES, REASON_DESCRIPTIONS,
    acceptFormAllowed, driverAllowed, errnoOf, extentId, formatDuration, formatHex, formatSize, groupAlignment,
    isErrnoName, isReasonCode, memmapBytes, profileRules,
} from '../../language/model/index.js';
import { GiB, MiB } from './builder.js';

describe('formatSize', () => {
    it('prints exact binary units, else bytes', () => {
        expect(formatSize(128 * MiB)).toBe('128MiB');
        expect(formatSize(1 * GiB)).toBe('1GiB');
        expect(formatSize(1536 * MiB)).toBe('1536MiB');
        expect(formatSize(2 ** 40)).toBe('1TiB');
        expect(formatSize(4096)).toBe('4KiB');
        expect(formatSize(100)).toBe('100B');
        expect(formatSize(0)).toBe('0B');
    });
    it('never rounds: an odd size stays exact', () => {
        expect(formatSize(128 * MiB + 1)).toBe('134217729B');
        expect(formatSize(GiB + 4096)).toBe('1048580KiB');
    });
});

describe('formatDuration', () => {
    it('prints the largest readable unit', () => {
        expect(formatDuration(0)).toBe('0s');
        expect(formatDuration(1.5e9)).toBe('1.5s');
        expect(formatDuration(20e6)).toBe('20ms');
        expect(formatDuration(21e9)).toBe('21s');
        expect(formatDuration(250e3)).toBe('250us');
        expect(formatDuration(7)).toBe('7ns');
        expect(formatDuration(1_000_500_000)).toBe('1000.5ms');
        expect(formatDuration(20.02e9)).toBe('20.02s');
        expect(formatDuration(1_000_000_500)).toBe('1000000.5us');
    });
});

describe('extent ids and hex', () => {
    it('names an extent partition@0xOFFSET, also past 2^32', () => {
        expect(extentId('mem0.dc0', 0x8000000)).toBe('mem0.dc0@0x8000000');
        expect(extentId('mem0.dc0', 0)).toBe('mem0.dc0@0x0');
        expect(extentId('mem0.dc0', 0x1_2345_6789)).toBe('mem0.dc0@0x123456789');
        expect(formatHex(0x80000000)).toBe('0x80000000');
        expect(formatHex(2 ** 50 + 5)).toBe('0x4000000000005');
    });
});

describe('memmap', () => {
    it('costs 64 B per 4 KiB page: 1/64, 16 GiB per TiB (DOMAIN.md §11)', () => {
        expect(memmapBytes(128 * MiB)).toBe(2 * MiB);
        expect(memmapBytes(2 ** 40)).toBe(16 * GiB);
        expect(memmapBytes(2 * MiB)).toBe(32 * 1024);
        expect(memmapBytes(0)).toBe(0);
    });
});

describe('reason codes', () => {
    it('holds every code of LANGUAGE.md §5.1–§5.3 once', () => {
        expect(DEVICE_REFUSALS).toHaveLength(11);
        expect(HOST_REJECTIONS).toHaveLength(19);
        expect(ACTION_RESULTS).toHaveLength(10);
        expect(REASON_CODES).toHaveLength(40);
        expect(new Set(REASON_CODES).size).toBe(40);
        for (const code of REASON_CODES) {
            expect(isReasonCode(code)).toBe(true);
            expect(REASON_DESCRIPTIONS[code]).toBeTruthy();
        }
        expect(isReasonCode('nonsense')).toBe(false);
        expect(isReasonCode('EPERM')).toBe(false);
    });

    it('maps reasons to the errno the kernel returns', () => {
        expect(errnoOf('chain-too-long')).toBe('ENOSPC');
        expect(errnoOf('no-match')).toBe('ENOENT');
        expect(errnoOf('offline-busy')).toBe('EBUSY');
        expect(errnoOf('overlap')).toBe('ENXIO');
        expect(errnoOf('tag-mismatch')).toBe('EINVAL');
        expect(errnoOf('zero-length')).toBeNull();
        expect(errnoOf('chain-timeout')).toBeNull();
        expect(errnoOf(null)).toBeNull();
        for (const e of ERRNO_NAMES) {
            expect(isErrnoName(e)).toBe(true);
            expect(errnoOf(e)).toBe(e);
        }
    });
});

describe('profileRules (LANGUAGE.md §4 table)', () => {
    it('has a column for every profile', () => {
        for (const k of KERNEL_PROFILES) expect(profileRules(k).kernel).toBe(k);
    });

    it('drivers', () => {
        expect(profileRules('dcd-v9').drivers).toEqual(['dax']);
        expect(profileRules('dcd-v11').drivers).toEqual(['dax']);
        expect(profileRules('sysram-rfc').drivers).toEqual(['dax', 'sysram', 'virtio']);
        expect(driverAllowed('dcd-v11', 'sysram')).toBe(false);
        expect(driverAllowed('sysram-rfc', 'virtio')).toBe(true);
    });

    it('accept clause forms and defaults', () => {
        expect(acceptFormAllowed('dcd-v9', { kind: 'untagged' })).toBe(true);
        expect(acceptFormAllowed('dcd-v9', { kind: 'any' })).toBe(false);
        expect(acceptFormAllowed('dcd-v11', { kind: 'any' })).toBe(true);
        expect(acceptFormAllowed('dcd-v11', { kind: 'tags', tags: ['x'] })).toBe(false);
        expect(acceptFormAllowed('sysram-rfc', { kind: 'tags', tags: ['x'] })).toBe(true);
        expect(profileRules('dcd-v9').defaultAccept).toEqual({ kind: 'untagged' });
        expect(profileRules('dcd-v11').defaultAccept).toEqual({ kind: 'any' });
        expect(profileRules('sysram-rfc').defaultAccept).toEqual({ kind: 'any' });
        expect(profileRules('sysram-rfc').exclusiveTagging).toBe(true);
    });

    it('group alignment, release granularity, forced release, claims, chain limits', () => {
        const h = { memoryBlockSize: 256 * MiB };
        expect(groupAlignment('dcd-v9', 'dax', h)).toBe(2 * MiB);
        expect(groupAlignment('dcd-v11', 'dax', h)).toBe(2 * MiB);
        expect(groupAlignment('sysram-rfc', 'dax', h)).toBe(2 * MiB);
        expect(groupAlignment('sysram-rfc', 'sysram', h)).toBe(256 * MiB);
        expect(profileRules('dcd-v9').releaseGranularity).toBe('extent');
        expect(profileRules('dcd-v11').releaseGranularity).toBe('group');
        expect(profileRules('sysram-rfc').releaseGranularity).toBe('group-if-tagged');
        expect(KERNEL_PROFILES.map(k => profileRules(k).forcedReleaseHonoured)).toEqual([false, false, true]);
        expect(KERNEL_PROFILES.map(k => profileRules(k).claimBySize)).toEqual([true, false, false]);
        expect(KERNEL_PROFILES.map(k => profileRules(k).claimByUuid)).toEqual([false, true, true]);
        expect(KERNEL_PROFILES.map(k => profileRules(k).chainWatchdogNs)).toEqual([null, 20e9, 20e9]);
        expect(KERNEL_PROFILES.map(k => profileRules(k).maxStagedExtents)).toEqual([null, 100, 100]);
        expect(KERNEL_PROFILES.map(k => profileRules(k).tagReuseRejected)).toEqual([false, true, true]);
    });
});
