import { describe, expect, it } from 'vitest';
import { ARREARS_STEP_ROLES, lateAccrued, lateFromOf, stepAllowed, statsRange, weightedTarget } from '../../src/core/fees.ts';
import { can } from '../../src/core/roles.ts';

describe('late start of a line', () => {
  it('keeps a stored start; a "due" item starts the day after the due date plus grace; a notice item waits', () => {
    expect(lateFromOf('2026-03-01', 'due', 5, '2026-02-15')).toBe('2026-03-01');
    expect(lateFromOf(null, 'due', 0, '2026-02-28')).toBe('2026-03-01');
    expect(lateFromOf(null, 'due', 5, '2026-02-20')).toBe('2026-02-26');
    expect(lateFromOf(null, 'deadline_notice', 5, '2026-02-20')).toBeNull();
  });

  it('accrues from that start: 3 days × 30.00 元 × 0.05 % = 4.5 fen → 5', () => {
    const m = { amount: 3000, paid: 0, credited: 0, waived: 0, lateFee: 0, latePaid: 0, lateWaived: 0, lateFrom: lateFromOf(null, 'due', 5, '2026-02-20'), lateUntil: null };
    expect(lateAccrued(m, { ratePpm: 500, capBp: 10_000 }, '2026-03-01')).toBe(5);
    expect(lateAccrued(m, { ratePpm: 500, capBp: 10_000 }, '2026-02-26')).toBe(0);
  });
});

describe('the ladder', () => {
  it('a step may repeat or follow the highest reached, never skip one', () => {
    expect(stepAllowed(0, 1)).toBe(true);
    expect(stepAllowed(0, 2)).toBe(false);
    expect(stepAllowed(1, 2)).toBe(true);
    expect(stepAllowed(2, 4)).toBe(false);
    expect(stepAllowed(3, 2)).toBe(true);
    expect(stepAllowed(5, 5)).toBe(true);
    expect(stepAllowed(5, 6)).toBe(false);
  });

  it('every role allowed a step may work the arrears at all', () => {
    for (const roles of Object.values(ARREARS_STEP_ROLES)) for (const r of roles) expect(can(r as any, 'arrears.work'), r).toBe(true);
    expect(ARREARS_STEP_ROLES[4]).not.toContain('cs_admin');
    expect(ARREARS_STEP_ROLES[5]).not.toContain('cs_admin');
  });
});

describe('statistics periods', () => {
  it('reads a month, a quarter, a half-year and a year', () => {
    expect(statsRange('2026-02')).toEqual({ from: '2026-02', to: '2026-02', fromDate: '2026-02-01', toDate: '2026-02-28', months: ['2026-02'] });
    expect(statsRange('2024-02')!.toDate).toBe('2024-02-29');
    expect(statsRange('2026-Q4')).toMatchObject({ from: '2026-10', to: '2026-12', fromDate: '2026-10-01', toDate: '2026-12-31' });
    expect(statsRange('2026-H1')).toMatchObject({ from: '2026-01', to: '2026-06', toDate: '2026-06-30' });
    expect(statsRange('2026')!.months).toHaveLength(12);
    for (const bad of ['2026-00', '2026-13', '2026-Q0', '2026-Q5', '2026-H0', '2026-H3', '26', '2026-1', '2026-q1', '']) expect(statsRange(bad), bad).toBeNull();
  });

  it('weights each item\'s target by what it billed', () => {
    expect(weightedTarget([{ billed: 23_000, target: 9500 }, { billed: 2_000, target: 10_000 }])).toBe(9540);
    expect(weightedTarget([{ billed: 100, target: 9500 }, { billed: 0, target: 10_000 }])).toBe(9500);
    expect(weightedTarget([{ billed: 0, target: 9500 }])).toBeNull();
  });
});
