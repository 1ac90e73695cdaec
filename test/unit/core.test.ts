import { describe, expect, it } from 'vitest';
import { localDate, OffsetClock } from '../../src/core/clock.ts';
import { CARE_FLAG_LABELS, codeOf, UNIT_STATUS_LABELS } from '../../src/core/labels.ts';
import { isValidIdNumber, maskIdNumber, maskPhone, PHONE_PATTERN } from '../../src/core/mask.ts';
import { can, PERMISSIONS, ROLES } from '../../src/core/roles.ts';
import { seesArea, seesEstate, seesWholeEstate, visibleEstateIds } from '../../src/core/scope.ts';
import { areaToHundredths, hundredthsToArea, unitLabel } from '../../src/core/units.ts';

describe('masks', () => {
  it('masks a mobile as 138****1234 and keeps short values unrecognisable', () => {
    expect(maskPhone('13812341234')).toBe('138****1234');
    expect(maskPhone('0755-26881234')).toBe('075****1234');
    expect(maskPhone('1234')).toBe('****');
    expect(maskPhone(null)).toBeNull();
    expect(maskPhone('')).toBe('');
  });

  it('masks an ID number leaving the first and last four', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('1101**********002X');
    expect(maskIdNumber('12345678')).toBe('********');
  });

  it('checks the ID check digit (GB 11643)', () => {
    expect(isValidIdNumber('11010519491231002X')).toBe(true);
    expect(isValidIdNumber('110105194912310021')).toBe(false);
    expect(isValidIdNumber('11010519491231002')).toBe(false);
  });

  it('accepts mobiles and landlines with area codes only', () => {
    for (const ok of ['13912345678', '0755-26881234', '01088886666', '0755-2688123-801']) expect(PHONE_PATTERN.test(ok), ok).toBe(true);
    for (const bad of ['1391234567', '23912345678', '26881234', 'abc']) expect(PHONE_PATTERN.test(bad), bad).toBe(false);
  });
});

describe('roles', () => {
  it('gives the reveal privilege only to the people who look after households', () => {
    expect(ROLES.filter((r) => can(r, 'pii.reveal'))).toEqual(['director', 'assistant', 'cs_admin']);
  });
  it('keeps owners out of every staff permission', () => {
    for (const p of Object.keys(PERMISSIONS) as (keyof typeof PERMISSIONS)[]) expect(can('owner', p), p).toBe(p === 'portal.self');
  });
});

describe('scope', () => {
  const cs = { all: false, estates: [], areas: [{ estateId: 1, areaId: 10 }], units: [] };
  const director = { all: false, estates: [1], areas: [], units: [] };
  it('an area manager sees his area, not the rest of the estate', () => {
    expect(seesEstate(cs, 1)).toBe(true);
    expect(seesWholeEstate(cs, 1)).toBe(false);
    expect(seesArea(cs, 1, 10)).toBe(true);
    expect(seesArea(cs, 1, 11)).toBe(false);
    expect(seesArea(cs, 1, null)).toBe(false);
    expect(seesArea(cs, 2, 10)).toBe(false);
  });
  it('an estate-wide user sees every area of it and nothing of others', () => {
    expect(seesArea(director, 1, 11)).toBe(true);
    expect(seesArea(director, 1, null)).toBe(true);
    expect(seesEstate(director, 2)).toBe(false);
    expect(visibleEstateIds({ ...cs, estates: [3] })).toEqual([3, 1]);
    expect(visibleEstateIds({ all: true, estates: [], areas: [], units: [] })).toBe('all');
  });
});

describe('units and labels', () => {
  it('stores building area in exact hundredths', () => {
    expect(areaToHundredths(89.52)).toBe(8952);
    expect(areaToHundredths(0.1 + 0.2)).toBe(30);
    expect(hundredthsToArea(12866)).toBe(128.66);
  });
  it('writes unit addresses the way the office says them', () => {
    expect(unitLabel('1', '2', '1502')).toBe('1-2-1502');
    expect(unitLabel('V', null, '08')).toBe('V-08');
  });
  it('reads labels in Chinese, English or as codes', () => {
    expect(codeOf(UNIT_STATUS_LABELS, '装修中')).toBe('renovating');
    expect(codeOf(UNIT_STATUS_LABELS, 'rented')).toBe('rented');
    expect(codeOf(CARE_FLAG_LABELS, 'Disabled')).toBe('disabled');
    expect(codeOf(UNIT_STATUS_LABELS, '出售')).toBeUndefined();
  });
});

describe('clock', () => {
  it('moves forward and keeps running', () => {
    const clock = new OffsetClock();
    const a = clock.now().getTime();
    clock.advance(86_400_000);
    expect(clock.now().getTime() - a).toBeGreaterThanOrEqual(86_400_000);
    clock.setTo(new Date('2026-01-01T00:00:00Z'));
    expect(Math.abs(clock.now().getTime() - Date.parse('2026-01-01T00:00:00Z'))).toBeLessThan(1000);
  });
  it('gives the calendar date in the estate’s zone', () => {
    expect(localDate(new Date('2026-11-27T17:00:00Z'))).toBe('2026-11-28');
    expect(localDate(new Date('2026-11-27T17:00:00Z'), 'UTC')).toBe('2026-11-27');
  });
});
