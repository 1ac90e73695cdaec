import { describe, expect, it } from 'vitest';
import { type Candidate, coverage, DEFAULT_VISIT_SETTINGS as S, overdueDays, ownerVisitStatus, planFor, SOURCE_RANK, sourceOf, switchToPhone, visitProblems } from '../../src/core/visits.ts';

const base: Candidate = { householdId: 1, unitId: 1, specialCare: false, lastVisitOn: '2026-11-20', movedInOn: '2020-01-01', followUp: false, notice: false, surveyPending: false, carriedOver: false };
const c = (over: Partial<Candidate>): Candidate => ({ ...base, ...over });
const today = '2026-12-01';

describe('visit plan order', () => {
  it('ranks special care, follow-up, notice, survey, move-in, then the most overdue', () => {
    const plan = planFor(
      [
        c({ householdId: 6, lastVisitOn: '2026-01-01' }),
        c({ householdId: 7, lastVisitOn: '2025-06-01' }),
        c({ householdId: 5, movedInOn: '2026-11-28', lastVisitOn: null }),
        c({ householdId: 4, surveyPending: true }),
        c({ householdId: 3, notice: true }),
        c({ householdId: 2, followUp: true }),
        c({ householdId: 1, specialCare: true, lastVisitOn: '2026-11-20' }),
        c({ householdId: 8 }), // visited 11 days ago, regular: not due
      ],
      S,
      today,
    );
    expect(plan.map((p) => [p.householdId, p.source])).toEqual([
      [1, 'special_care'],
      [2, 'follow_up'],
      [3, 'notice'],
      [4, 'survey'],
      [5, 'new_move_in'],
      [7, 'regular'],
      [6, 'regular'],
    ]);
  });
  it('special care inside its cycle is not due; a carried-over item stays and goes first in its rank', () => {
    expect(sourceOf(c({ specialCare: true, lastVisitOn: '2026-11-28' }), S, today)).toBeNull();
    const plan = planFor([c({ householdId: 9, lastVisitOn: '2025-01-01' }), c({ householdId: 10, lastVisitOn: '2026-11-30', carriedOver: true })], S, today);
    expect(plan.map((p) => p.householdId)).toEqual([10, 9]);
  });
  it('keeps to the daily capacity', () => {
    const many = Array.from({ length: 30 }, (_, i) => c({ householdId: i + 1, lastVisitOn: '2025-01-01' }));
    expect(planFor(many, { ...S, dailyCapacity: 4 }, today)).toHaveLength(4);
  });
  it('counts overdue from move-in when never visited', () => {
    expect(overdueDays(c({ lastVisitOn: null, movedInOn: '2026-09-01' }), S, today)).toBe(1);
  });
});

describe('coverage', () => {
  it('divides households visited within their cycle by households, special care separately', () => {
    const r = coverage(
      [
        { specialCare: true, lastVisitOn: '2026-11-28' },
        { specialCare: true, lastVisitOn: '2026-11-01' },
        { specialCare: false, lastVisitOn: '2026-10-01' },
        { specialCare: false, lastVisitOn: null },
      ],
      S,
      today,
    );
    expect(r).toEqual({ households: 4, visited: 2, rate: 50, special: 2, specialVisited: 1, specialRate: 50 });
    expect(coverage([], S, today).rate).toBeNull();
  });
});

describe('visit record rules', () => {
  const now = new Date('2026-12-01T08:00:00Z');
  const ok = { visitedAt: '2026-12-01T07:00:00Z', outcome: 'met' as const, membersMet: '王阿姨', careConcern: false, careNote: null };
  it('accepts a proper record', () => expect(visitProblems(ok, now, [])).toEqual({}));
  it('refuses the future, met without whom, a concern without text and a duplicate within 10 minutes', () => {
    expect(visitProblems({ ...ok, visitedAt: '2026-12-01T09:00:00Z' }, now, [])).toEqual({ visitedAt: 'field.visitFuture' });
    expect(visitProblems({ ...ok, membersMet: null }, now, [])).toEqual({ membersMet: 'field.visitMetWho' });
    expect(visitProblems({ ...ok, careConcern: true }, now, [])).toEqual({ careNote: 'field.visitCareNote' });
    expect(visitProblems(ok, now, ['2026-12-01T07:05:00Z'])).toEqual({ visitedAt: 'field.visitDuplicate' });
    expect(visitProblems(ok, now, ['2026-12-01T07:15:00Z'])).toEqual({});
  });
  it('switches to the phone after three not-home calls in a row', () => {
    expect(switchToPhone(['not_home', 'not_home', 'not_home'], S)).toBe(true);
    expect(switchToPhone(['not_home', 'met', 'not_home', 'not_home'], S)).toBe(false);
  });
});

describe('owner visit request status (请管家上门)', () => {
  it('reads visited and dropped from the plan item; declined stays declined', () => {
    expect(ownerVisitStatus('pending', null)).toBe('pending');
    expect(ownerVisitStatus('scheduled', { visitId: null, droppedAt: null })).toBe('scheduled');
    expect(ownerVisitStatus('scheduled', { visitId: 7, droppedAt: null })).toBe('visited');
    expect(ownerVisitStatus('scheduled', { visitId: null, droppedAt: '2026-12-01T01:00:00Z' })).toBe('pending');
    expect(ownerVisitStatus('declined', null)).toBe('declined');
    expect(SOURCE_RANK.owner_request).toBeLessThan(SOURCE_RANK.notice);
    expect(SOURCE_RANK.owner_request).toBeGreaterThan(SOURCE_RANK.special_care);
  });
});
