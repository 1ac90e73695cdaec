/** Rounds rules (core/rounds.ts): recurrence, slot maths across zones, due slots, timing, status, skew. */
import { describe, expect, it } from 'vitest';
import {
  addDays,
  corrected,
  countsForSlot,
  daysBetween,
  dueSlots,
  isFar,
  isHhmm,
  isoWeekday,
  observationRefusal,
  occursOn,
  type PlanRule,
  qualityScore,
  rate,
  skewOf,
  slotsOn,
  taskStatus,
  timingOf,
  zonedInstant,
} from '../../src/core/rounds.ts';

const rule = (over: Partial<PlanRule> = {}): PlanRule => ({ recurrence: 'daily', days: [], everyN: null, startsOn: '2026-12-01', endsOn: null, slots: [{ start: '09:00', windowMin: 60 }], ...over });

describe('calendar helpers', () => {
  it('counts days and weekdays', () => {
    expect(daysBetween('2026-12-01', '2026-12-31')).toBe(30);
    expect(daysBetween('2026-03-01', '2026-02-28')).toBe(-1);
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(isoWeekday('2026-12-07')).toBe(1); // Monday
    expect(isoWeekday('2026-12-06')).toBe(7); // Sunday
  });
  it('validates HH:MM strictly', () => {
    for (const ok of ['00:00', '08:30', '23:59']) expect(isHhmm(ok)).toBe(true);
    for (const bad of ['24:00', '8:30', '08:60', '0830', '', '08:30:00']) expect(isHhmm(bad)).toBe(false);
  });
});

describe('recurrence', () => {
  it('daily within starts/ends', () => {
    const r = rule({ endsOn: '2026-12-10' });
    expect(occursOn(r, '2026-11-30')).toBe(false);
    expect(occursOn(r, '2026-12-01')).toBe(true);
    expect(occursOn(r, '2026-12-10')).toBe(true);
    expect(occursOn(r, '2026-12-11')).toBe(false);
  });
  it('weekdays by ISO number', () => {
    const r = rule({ recurrence: 'weekdays', days: [1, 4] });
    expect(['2026-12-07', '2026-12-08', '2026-12-10', '2026-12-13'].map((d) => occursOn(r, d))).toEqual([true, false, true, false]);
  });
  it('month days; the 31st falls on a shorter month\'s last day', () => {
    const r = rule({ recurrence: 'month_days', days: [1, 31], startsOn: '2026-01-01' });
    expect(occursOn(r, '2026-02-01')).toBe(true);
    expect(occursOn(r, '2026-02-28')).toBe(true);
    expect(occursOn(r, '2026-02-27')).toBe(false);
    expect(occursOn(r, '2026-03-30')).toBe(false);
    expect(occursOn(r, '2026-03-31')).toBe(true);
    expect(occursOn(r, '2026-04-30')).toBe(true);
  });
  it('every n days counted from the start', () => {
    const r = rule({ recurrence: 'every_n_days', everyN: 3 });
    expect(['2026-12-01', '2026-12-02', '2026-12-04', '2026-12-07'].map((d) => occursOn(r, d))).toEqual([true, false, true, true]);
    expect(occursOn(rule({ recurrence: 'every_n_days', everyN: null }), '2026-12-01')).toBe(false);
  });
});

describe('slot maths', () => {
  it('places a wall time in the estate zone', () => {
    expect(zonedInstant('2026-12-01', '09:00').toISOString()).toBe('2026-12-01T01:00:00.000Z');
    expect(zonedInstant('2026-12-01', '00:00').toISOString()).toBe('2026-11-30T16:00:00.000Z');
    expect(zonedInstant('2026-12-01', '09:00', 'Asia/Urumqi').toISOString()).toBe('2026-12-01T03:00:00.000Z');
    // a zone with summer time: 09:00 in Berlin is 07:00Z in July, 08:00Z in December
    expect(zonedInstant('2026-07-01', '09:00', 'Europe/Berlin').toISOString()).toBe('2026-07-01T07:00:00.000Z');
    expect(zonedInstant('2026-12-01', '09:00', 'Europe/Berlin').toISOString()).toBe('2026-12-01T08:00:00.000Z');
  });
  it('gives each slot its window', () => {
    const s = slotsOn(rule({ slots: [{ start: '08:30', windowMin: 540 }, { start: '20:00', windowMin: 60 }] }), '2026-12-02');
    expect(s.map((x) => [x.start.toISOString(), x.end.toISOString()])).toEqual([
      ['2026-12-02T00:30:00.000Z', '2026-12-02T09:30:00.000Z'],
      ['2026-12-02T12:00:00.000Z', '2026-12-02T13:00:00.000Z'],
    ]);
    expect(slotsOn(rule({ recurrence: 'weekdays', days: [1] }), '2026-12-02')).toEqual([]);
  });
  it('a slot is due from start − lead until end + grace', () => {
    const r = rule();
    const at = (hhmm: string) => dueSlots(r, zonedInstant('2026-12-02', hhmm), 30, 30).map((s) => s.start.toISOString());
    expect(at('08:29')).toEqual([]);
    expect(at('08:30')).toEqual(['2026-12-02T01:00:00.000Z']);
    expect(at('10:29')).toEqual(['2026-12-02T01:00:00.000Z']);
    expect(at('10:30')).toEqual([]);
  });
  it('a night slot crossing midnight stays due after midnight', () => {
    const r = rule({ slots: [{ start: '23:30', windowMin: 120 }] });
    const due = dueSlots(r, zonedInstant('2026-12-03', '01:00'), 30, 30);
    expect(due.map((s) => s.start.toISOString())).toEqual(['2026-12-02T15:30:00.000Z']);
  });
});

describe('timing and counting', () => {
  const start = new Date('2026-12-02T01:00:00Z');
  const end = new Date('2026-12-02T02:00:00Z');
  it('early, on time, late against the slot', () => {
    expect(timingOf(new Date('2026-12-02T00:59:59Z'), start, end)).toBe('early');
    expect(timingOf(start, start, end)).toBe('on_time');
    expect(timingOf(end, start, end)).toBe('on_time');
    expect(timingOf(new Date('2026-12-02T02:00:01Z'), start, end)).toBe('late');
  });
  it('counts within [start − lead, end + grace]', () => {
    expect(countsForSlot(new Date('2026-12-02T00:30:00Z'), start, end, 30, 30)).toBe(true);
    expect(countsForSlot(new Date('2026-12-02T00:29:59Z'), start, end, 30, 30)).toBe(false);
    expect(countsForSlot(new Date('2026-12-02T02:30:00Z'), start, end, 30, 30)).toBe(true);
    expect(countsForSlot(new Date('2026-12-02T02:30:01Z'), start, end, 30, 30)).toBe(false);
  });
});

describe('task status', () => {
  it('follows the checkpoints, before and after the sweep', () => {
    expect(taskStatus(3, 0, false)).toBe('pending');
    expect(taskStatus(3, 1, false)).toBe('in_progress');
    expect(taskStatus(3, 3, false)).toBe('done');
    expect(taskStatus(3, 3, true)).toBe('done');
    expect(taskStatus(3, 1, true)).toBe('partial');
    expect(taskStatus(3, 0, true)).toBe('missed');
    expect(taskStatus(3, 3, true, true)).toBe('cancelled');
    expect(taskStatus(0, 0, true)).toBe('missed');
  });
});

describe('device clock', () => {
  const server = new Date('2026-12-02T01:00:00Z');
  it('measures skew and corrects device times', () => {
    const device = new Date('2026-12-02T01:10:00Z');
    const skew = skewOf(device, server);
    expect(skew).toBe(600_000);
    expect(corrected(new Date('2026-12-02T01:05:00Z'), skew).toISOString()).toBe('2026-12-02T00:55:00.000Z');
    expect(skewOf(new Date('2026-12-02T00:58:00Z'), server)).toBe(-120_000);
  });
  it('refuses the future (beyond a minute) and a day before the slot', () => {
    expect(observationRefusal(new Date(server.getTime() + 60_000), server, null)).toBeNull();
    expect(observationRefusal(new Date(server.getTime() + 60_001), server, null)).toBe('future');
    const slot = new Date('2026-12-02T00:30:00Z');
    expect(observationRefusal(new Date(slot.getTime() - 86_400_000), server, slot)).toBeNull();
    expect(observationRefusal(new Date(slot.getTime() - 86_400_001), server, slot)).toBe('too_early');
  });
});

describe('far flag and rates', () => {
  it('flags far only with a good fix', () => {
    const p = { lat: 22.5, lng: 113.9 };
    expect(isFar(p, { lat: 22.5, lng: 113.9, accuracy: 10 })).toBe(false);
    expect(isFar(p, { lat: 22.502, lng: 113.9, accuracy: 10 })).toBe(true); // ~222 m
    expect(isFar(p, { lat: 22.502, lng: 113.9, accuracy: 80 })).toBe(false);
    expect(isFar({ lat: null, lng: null }, { lat: 22.6, lng: 113.9, accuracy: 5 })).toBe(false);
  });
  it('a rate needs five cases', () => {
    expect(rate(3, 4)).toBeNull();
    expect(rate(4, 5)).toBe(80);
    expect(rate(2, 3, 1)).toBe(66.7);
    expect(qualityScore(9, 1)).toBe(90);
    expect(qualityScore(0, 0)).toBeNull();
  });
});
