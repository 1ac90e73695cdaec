import { describe, expect, it } from 'vitest';
import { activitySummary, activityTarget, admit, canActivity, checkActivityPlan, checkinAnswer, checkinCode, promote, registrationOpen } from '../../src/core/activities.ts';

const a = { status: 'published' as const, startsAt: '2026-06-10T02:00:00Z', endsAt: '2026-06-10T05:00:00Z' };

describe('activity state machine', () => {
  it('follows plan → approval → publication → activity → review', () => {
    expect(canActivity('approve', 'draft')).toBe(true);
    expect(canActivity('publish', 'draft')).toBe(false);
    expect(canActivity('publish', 'approved')).toBe(true);
    expect(canActivity('start', 'registration_closed')).toBe(true);
    expect(canActivity('finish', 'published')).toBe(false);
    expect(canActivity('cancel', 'in_progress')).toBe(false);
    expect(canActivity('review', 'finished')).toBe(true);
    expect(activityTarget('close_registration')).toBe('registration_closed');
  });
  it('checks the plan', () => {
    expect(checkActivityPlan({ startsAt: a.startsAt, endsAt: a.endsAt, opensAt: '2026-06-01T00:00:00Z', closesAt: '2026-06-09T00:00:00Z', capacity: 10, perUnitLimit: 2 })).toEqual({});
    const bad = checkActivityPlan({ startsAt: a.startsAt, endsAt: a.startsAt, opensAt: '2026-06-11T00:00:00Z', closesAt: '2026-06-11T00:00:00Z', capacity: 0, perUnitLimit: 1 });
    expect(Object.keys(bad).sort()).toEqual(['capacity', 'closesAt', 'endsAt', 'opensAt', 'perUnitLimit']);
  });
  it('opens registration inside the window only', () => {
    const w = { status: 'published' as const, opensAt: '2026-06-01T00:00:00Z', closesAt: '2026-06-09T00:00:00Z' };
    expect(registrationOpen(w, new Date('2026-06-05T00:00:00Z'))).toBe(true);
    expect(registrationOpen(w, new Date('2026-06-09T00:00:00Z'))).toBe(false);
    expect(registrationOpen({ ...w, status: 'registration_closed' }, new Date('2026-06-05T00:00:00Z'))).toBe(false);
  });
});

describe('registration', () => {
  it('refuses over the unit limit, waitlists when full', () => {
    expect(admit({ capacity: 10, perUnitLimit: 3, taken: 0, unitActive: 2, waiting: 0 }, 2)).toBe('over_limit');
    expect(admit({ capacity: 10, perUnitLimit: 3, taken: 9, unitActive: 0, waiting: 0 }, 2)).toBe('waitlisted');
    expect(admit({ capacity: 10, perUnitLimit: 3, taken: 8, unitActive: 0, waiting: 0 }, 2)).toBe('registered');
    // one place is left but someone waits for two: the newcomer queues behind
    expect(admit({ capacity: 10, perUnitLimit: 3, taken: 9, unitActive: 0, waiting: 1 }, 1)).toBe('waitlisted');
  });
  it('promotes the waitlist first-in-first-out without queue jumping', () => {
    expect(promote(10, 7, [{ id: 5, headcount: 2 }, { id: 6, headcount: 1 }, { id: 7, headcount: 1 }])).toEqual([5, 6]);
    expect(promote(10, 8, [{ id: 5, headcount: 3 }, { id: 6, headcount: 1 }])).toEqual([]);
  });
  it('answers check-in like a scanner', () => {
    const at = new Date('2026-06-10T01:00:00Z');
    expect(checkinAnswer(a, null, at)).toBe('invalid');
    expect(checkinAnswer(a, { status: 'cancelled' }, at)).toBe('cancelled');
    expect(checkinAnswer(a, { status: 'waitlisted' }, at)).toBe('waitlisted');
    expect(checkinAnswer(a, { status: 'attended' }, at)).toBe('already');
    expect(checkinAnswer(a, { status: 'registered' }, at)).toBe('confirmed');
    expect(checkinAnswer(a, { status: 'registered' }, new Date('2026-06-09T23:59:00Z'))).toBe('not_ongoing');
    expect(checkinAnswer(a, { status: 'registered' }, new Date('2026-06-10T05:01:00Z'))).toBe('not_ongoing');
    expect(checkinAnswer({ ...a, status: 'cancelled' }, { status: 'registered' }, at)).toBe('not_ongoing');
  });
  it('makes eight-digit codes', () => {
    expect(checkinCode(() => 0)).toBe('10000000');
    expect(checkinCode(() => 0.999999999)).toMatch(/^\d{8}$/);
  });
  it('computes attendance rate over confirmed registrations', () => {
    const s = activitySummary(
      [
        { status: 'attended', headcount: 2 },
        { status: 'attended', headcount: 1 },
        { status: 'no_show', headcount: 1 },
        { status: 'registered', headcount: 1 },
        { status: 'cancelled', headcount: 1 },
        { status: 'waitlisted', headcount: 1 },
        { status: 'walk_in', headcount: 3 },
      ],
      [5, 4, 4],
    );
    expect(s.attendanceRate).toBe(50);
    expect(s.confirmed).toBe(4);
    expect(s.walkIns).toBe(1);
    expect(s.people).toBe(6);
    expect(s.averageRating).toBe(4.3);
    expect(activitySummary([], []).attendanceRate).toBeNull();
  });
});
