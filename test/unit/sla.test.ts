import { describe, expect, it } from 'vitest';
import { addDuration, agreement, countedMinutes, isWorkingDay, type WorkCalendar, zoneOffset } from '../../src/core/sla.ts';
import { allowedActions, IllegalTransition, pickPolicy, DEFAULT_POLICIES, transition } from '../../src/core/tickets.ts';

// 2026 (国务院办公厅 2025-11-04): National Day 10/1–10/7 off, Sun 9/20 and Sat 10/10 worked.
const cal: WorkCalendar = {
  timeZone: 'Asia/Shanghai',
  workStart: 9 * 60,
  workEnd: 18 * 60,
  weekdays: [1, 2, 3, 4, 5],
  holidays: new Set(['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07']),
  workdays: new Set(['2026-09-20', '2026-10-10']),
};
const cst = (s: string) => new Date(`${s}+08:00`);

describe('working calendar', () => {
  it('knows holidays and make-up workdays', () => {
    expect(isWorkingDay('2026-10-01', cal)).toBe(false);
    expect(isWorkingDay('2026-10-10', cal)).toBe(true); // a Saturday, worked
    expect(isWorkingDay('2026-09-20', cal)).toBe(true); // a Sunday, worked
    expect(isWorkingDay('2026-10-11', cal)).toBe(false); // an ordinary Sunday
    expect(isWorkingDay('2026-10-12', cal)).toBe(true);
  });

  it('adds 24 working hours across a night and a weekend', () => {
    // Friday 16:00 + 24 working hours: Fri 2 h, Mon 9 h, Tue 9 h, Wed 4 h → Wed 13:00
    expect(addDuration(cst('2026-11-27T16:00:00'), 24 * 60, cal).toISOString()).toBe(cst('2026-12-02T13:00:00').toISOString());
  });

  it('skips the National Day holiday and counts the make-up Saturday', () => {
    // Wed 9/30 17:00 + 2 h: 1 h on 9/30, holidays to 10/7, then Thu 10/8 09:00 + 1 h
    expect(addDuration(cst('2026-09-30T17:00:00'), 120, cal).toISOString()).toBe(cst('2026-10-08T10:00:00').toISOString());
    // Fri 10/9 17:00 + 2 h → Sat 10/10 (worked) 10:00
    expect(addDuration(cst('2026-10-09T17:00:00'), 120, cal).toISOString()).toBe(cst('2026-10-10T10:00:00').toISOString());
  });

  it('starts at opening time when registered outside hours, and ends exactly at closing time', () => {
    expect(addDuration(cst('2026-11-23T07:00:00'), 60, cal).toISOString()).toBe(cst('2026-11-23T10:00:00').toISOString());
    expect(addDuration(cst('2026-11-23T17:00:00'), 60, cal).toISOString()).toBe(cst('2026-11-23T18:00:00').toISOString());
    expect(addDuration(cst('2026-11-23T18:30:00'), 1, cal).toISOString()).toBe(cst('2026-11-24T09:01:00').toISOString());
  });

  it('counts working minutes between instants, the inverse of adding them', () => {
    expect(countedMinutes(cst('2026-11-27T16:00:00'), cst('2026-12-02T13:00:00'), cal)).toBe(24 * 60);
    expect(countedMinutes(cst('2026-10-01T10:00:00'), cst('2026-10-03T10:00:00'), cal)).toBe(0);
    expect(countedMinutes(cst('2026-11-23T10:00:00'), cst('2026-11-23T09:00:00'), cal)).toBe(0);
    for (const minutes of [1, 59, 540, 541, 1440, 2880]) {
      const start = cst('2026-09-29T11:17:00');
      expect(countedMinutes(start, addDuration(start, minutes, cal), cal), String(minutes)).toBe(minutes);
    }
  });

  it('wall clock without a calendar', () => {
    expect(addDuration(cst('2026-10-01T10:00:00'), 24 * 60, null).toISOString()).toBe(cst('2026-10-02T10:00:00').toISOString());
    expect(countedMinutes(cst('2026-10-01T10:00:00'), cst('2026-10-02T10:00:00'), null)).toBe(1440);
  });

  it('reads the zone offset', () => {
    expect(zoneOffset(new Date('2026-11-27T00:00:00Z'), 'Asia/Shanghai')).toBe(8 * 3_600_000);
  });
});

describe('agreement status', () => {
  const base = { status: 'registered', responseDueAt: '2026-11-28T10:00:00.000Z', resolutionDueAt: '2026-11-29T10:00:00.000Z', respondedAt: null, resolvedAt: null };
  const at = (s: string) => new Date(s);
  it('is on track, then at risk inside the warning window, then breached', () => {
    expect(agreement(base, at('2026-11-28T07:00:00Z'), 120)).toBe('on_track');
    expect(agreement(base, at('2026-11-28T08:00:00Z'), 120)).toBe('at_risk');
    expect(agreement(base, at('2026-11-28T10:00:01Z'), 120)).toBe('breached');
  });
  it('after a timely response only the resolution clock counts', () => {
    const t = { ...base, status: 'in_progress', respondedAt: '2026-11-28T09:00:00.000Z' };
    expect(agreement(t, at('2026-11-28T11:00:00Z'), 120)).toBe('on_track');
    expect(agreement(t, at('2026-11-29T09:00:00Z'), 120)).toBe('at_risk');
  });
  it('a late response stays breached even when resolved in time', () => {
    const t = { ...base, status: 'resolved', respondedAt: '2026-11-28T11:00:00.000Z', resolvedAt: '2026-11-28T12:00:00.000Z' };
    expect(agreement(t, at('2026-12-01T00:00:00Z'), 120)).toBe('breached');
    expect(agreement({ ...t, respondedAt: '2026-11-28T09:00:00.000Z' }, at('2026-12-01T00:00:00Z'), 120)).toBe('met');
  });
  it('is paused while the clock stops, and nothing for a cancelled ticket', () => {
    expect(agreement({ ...base, status: 'paused', respondedAt: '2026-11-28T09:00:00.000Z' }, at('2026-11-30T00:00:00Z'), 120)).toBe('paused');
    expect(agreement({ ...base, status: 'cancelled' }, at('2026-11-30T00:00:00Z'), 120)).toBeNull();
  });
});

describe('state machine', () => {
  it('walks the manual’s lifecycle', () => {
    let s = transition('respond', 'registered');
    s = transition('dispatch', s);
    s = transition('accept', s);
    s = transition('pause', s);
    s = transition('resume', s, 'in_progress');
    expect(s).toBe('in_progress');
    s = transition('resolve', s);
    s = transition('confirm', s);
    expect(transition('close', s)).toBe('closed');
    expect(transition('reopen', s)).toBe('reopened');
    expect(transition('dispatch', 'reopened')).toBe('dispatched');
  });
  it('refuses illegal steps', () => {
    expect(() => transition('close', 'registered')).toThrow(IllegalTransition);
    expect(() => transition('accept', 'registered')).toThrow(IllegalTransition);
    expect(() => transition('cancel', 'closed')).toThrow(IllegalTransition);
    expect(() => transition('confirm', 'in_progress')).toThrow(IllegalTransition);
    expect(allowedActions('closed')).toEqual([]);
    expect(allowedActions('resolved').sort()).toEqual(['confirm', 'reopen']);
  });
  it('picks the most specific SLA policy, emergencies first', () => {
    const t = { type: 'repair' as const, priority: 'normal' as const, complex: false, emergency: false };
    expect(pickPolicy(DEFAULT_POLICIES, t).resolutionMinutes).toBe(1440);
    expect(pickPolicy(DEFAULT_POLICIES, { ...t, complex: true }).resolutionMinutes).toBe(2880);
    expect(pickPolicy(DEFAULT_POLICIES, { ...t, complex: true, emergency: true }).resolutionMinutes).toBe(240);
    const custom = [...DEFAULT_POLICIES, { type: 'complaint' as const, priority: null, complex: null, emergency: null, responseMinutes: 120, resolutionMinutes: 1440 }];
    expect(pickPolicy(custom, { ...t, type: 'complaint' }).responseMinutes).toBe(120);
  });
});
