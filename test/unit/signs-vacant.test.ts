import { describe, expect, it } from 'vitest';
import { canMoveDefect, defectSettled, dueBy, inWarranty, warrantyEnd } from '../../src/core/handover.ts';
import { canMoveSign, compliance, DEFAULT_SIGN_SLOTS, defectDepartment, requestNext, SIGN_CATEGORIES, SIGN_PLACES, signCode, slotAt, slotsProblem, temporaryEndProblem } from '../../src/core/signs.ts';
import { checkResult, discountProblem, isDue, judgeReading, nextCheckOn } from '../../src/core/vacant.ts';

describe('signs', () => {
  it('has the manual 4.3.1 categories and 4.3.2 places', () => {
    expect(SIGN_CATEGORIES).toHaveLength(11);
    expect(SIGN_PLACES).toHaveLength(6);
  });
  it('moves a request draft → submitted → approved | rejected only', () => {
    expect(requestNext('draft', 'submit')).toBe('submitted');
    expect(requestNext('submitted', 'approve')).toBe('approved');
    expect(requestNext('submitted', 'reject')).toBe('rejected');
    expect(requestNext('draft', 'approve')).toBeNull();
    expect(requestNext('approved', 'reject')).toBeNull();
    expect(requestNext('rejected', 'submit')).toBeNull();
  });
  it('never brings a removed sign back', () => {
    expect(canMoveSign('approved', 'active')).toBe(true);
    expect(canMoveSign('active', 'defective')).toBe(true);
    expect(canMoveSign('defective', 'active')).toBe(true);
    expect(canMoveSign('removed', 'active')).toBe(false);
    expect(canMoveSign('approved', 'defective')).toBe(false);
  });
  it('bounds a temporary sign to 30 days ahead', () => {
    expect(temporaryEndProblem('2026-03-01', null)).toBe('sign.expiresRequired');
    expect(temporaryEndProblem('2026-03-01', '2026-02-28')).toBe('sign.expiresPast');
    expect(temporaryEndProblem('2026-03-01', '2026-03-31')).toBeNull();
    expect(temporaryEndProblem('2026-03-01', '2026-04-01')).toBe('sign.expiresTooFar');
  });
  it('checks the slots and finds the slot of a time', () => {
    expect(slotsProblem(DEFAULT_SIGN_SLOTS)).toBeNull();
    expect(slotsProblem([{ start: '08:00', windowMin: 60 }])).toEqual([0, 'sign.slotsTwice']);
    expect(slotsProblem([{ start: '08:00', windowMin: 60 }, { start: '10:00', windowMin: 60 }])).toEqual([1, 'sign.slotGap']);
    expect(slotsProblem([{ start: '08:00', windowMin: 10 }, { start: '14:00', windowMin: 60 }])).toEqual([0, 'sign.slotWindow']);
    expect(slotsProblem([{ start: '8:00', windowMin: 60 }, { start: '14:00', windowMin: 60 }])).toEqual([0, 'sign.slotTime']);
    expect(slotsProblem([{ start: '08:00', windowMin: 60 }, { start: '22:00', windowMin: 180 }])).toEqual([1, 'sign.slotPastMidnight']);
    expect(slotAt(DEFAULT_SIGN_SLOTS, '07:59')).toBeNull();
    expect(slotAt(DEFAULT_SIGN_SLOTS, '08:00')).toBe(0);
    expect(slotAt(DEFAULT_SIGN_SLOTS, '10:59')).toBe(0);
    expect(slotAt(DEFAULT_SIGN_SLOTS, '11:00')).toBeNull();
    expect(slotAt(DEFAULT_SIGN_SLOTS, '16:30')).toBe(1);
  });
  it('counts two checks in one slot once', () => {
    expect(compliance([{ groupId: 1, slot: 0 }, { groupId: 1, slot: 0 }, { groupId: 2, slot: 1 }, { groupId: 2, slot: null }], [1, 2], 2)).toBe(0.5);
    expect(compliance([], [], 2)).toBe(1);
  });
  it('sends dirt to cleaning and the rest to engineering; codes are BS-0001', () => {
    expect(defectDepartment('dirty')).toBe('cleaning');
    expect(defectDepartment('missing')).toBe('engineering');
    expect(signCode(7)).toBe('BS-0007');
  });
});

describe('vacant units', () => {
  it('dates the next check from the last one, else registration', () => {
    expect(nextCheckOn(null, '2026-03-01', 7)).toBe('2026-03-08');
    expect(nextCheckOn('2026-03-05', '2026-03-01', 7)).toBe('2026-03-12');
    expect(isDue('2026-03-08', '2026-03-08')).toBe(true);
    expect(isDue('2026-03-09', '2026-03-08')).toBe(false);
  });
  it('flags use above the threshold and a meter running backwards', () => {
    expect(judgeReading('water', null, 10)).toEqual({ usage: 0, backwards: false, used: false });
    expect(judgeReading('water', 10, 11)).toEqual({ usage: 1, backwards: false, used: false });
    expect(judgeReading('water', 10, 12)).toEqual({ usage: 2, backwards: false, used: true });
    expect(judgeReading('electricity', 100, 104)).toMatchObject({ used: false });
    expect(judgeReading('electricity', 100, 106)).toMatchObject({ used: true });
    expect(judgeReading('electricity', 100, 99)).toMatchObject({ backwards: true });
    expect(checkResult(0, 0)).toBe('pass');
    expect(checkResult(1, 0)).toBe('issue');
    expect(checkResult(0, 1)).toBe('issue');
  });
  it('grants a discount only with an active registration and a passed check within 30 days', () => {
    expect(discountProblem(null, '2026-03-01', '2026-03-02')).toBe('vacant.discountNoRegistration');
    expect(discountProblem({ ended_on: '2026-03-01' }, '2026-03-01', '2026-03-02')).toBe('vacant.discountNoRegistration');
    expect(discountProblem({ ended_on: null }, null, '2026-03-02')).toBe('vacant.discountNoRecentCheck');
    expect(discountProblem({ ended_on: null }, '2026-01-30', '2026-03-02')).toBe('vacant.discountNoRecentCheck');
    expect(discountProblem({ ended_on: null }, '2026-01-31', '2026-03-02')).toBeNull();
  });
});

describe('handover defects', () => {
  it('moves defects through fix and verification; verified and closed settle', () => {
    expect(canMoveDefect('open', 'fixed')).toBe(true);
    expect(canMoveDefect('fixed', 'verified')).toBe(true);
    expect(canMoveDefect('fixed', 'open')).toBe(true);
    expect(canMoveDefect('open', 'verified')).toBe(false);
    expect(canMoveDefect('closed', 'open')).toBe(false);
    expect(defectSettled('verified')).toBe(true);
    expect(defectSettled('fixed')).toBe(false);
  });
  it('computes warranty ends per art. 40 and due dates', () => {
    expect(warrantyEnd('waterproofing', '2024-02-29')).toBe('2029-02-28');
    expect(warrantyEnd('electrical', '2024-06-01')).toBe('2026-06-01');
    expect(warrantyEnd('electrical', null)).toBeNull();
    expect(inWarranty('electrical', '2024-06-01', '2026-06-02')).toBe(false);
    expect(inWarranty('waterproofing', '2024-06-01', '2026-06-02')).toBe(true);
    expect(dueBy('waterproofing', '2026-03-01')).toBe('2026-03-16');
    expect(dueBy('decoration', '2026-03-01')).toBe('2026-03-31');
  });
});
