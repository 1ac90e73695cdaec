import { describe, expect, it } from 'vitest';
import { reminderWording } from '../../src/core/arrears-notice.ts';
import { defaultMonth, monthDays, rateOf, seriesEnd } from '../../src/core/periods.ts';

describe('default period of the statistics pages', () => {
  it('opens on the last complete month during days 1–5, on the current month afterwards', () => {
    expect(defaultMonth('2026-12-01')).toBe('2026-11');
    expect(defaultMonth('2026-12-05')).toBe('2026-11');
    expect(defaultMonth('2026-12-06')).toBe('2026-12');
    expect(defaultMonth('2026-12-31')).toBe('2026-12');
    expect(defaultMonth('2027-01-03')).toBe('2026-12');
    expect(defaultMonth('2026-10-02')).toBe('2026-09');
  });

  it('month days, rates with a minimum base, series end at today', () => {
    expect(monthDays('2026-02')).toEqual(['2026-02-01', '2026-02-28']);
    expect(monthDays('2028-02')).toEqual(['2028-02-01', '2028-02-29']);
    expect(monthDays('2026-12')).toEqual(['2026-12-01', '2026-12-31']);
    expect(rateOf(0, 2)).toBeNull();
    expect(rateOf(0, 0)).toBeNull();
    expect(rateOf(4, 5)).toBe(0.8);
    expect(seriesEnd('2026-12-31', '2026-12-10')).toBe('2026-12-10');
    expect(seriesEnd('2026-11-30', '2026-12-10')).toBe('2026-11-30');
  });
});

describe('printed arrears notice follows the ladder step', () => {
  it('reminder up to step 1, the deadline notice at step 2, a final demand after the visits', () => {
    expect([0, 1, 2, 3, 4, 5].map(reminderWording)).toEqual(['reminder', 'reminder', 'deadline', 'final', 'final', 'final']);
  });
});
