import { describe, expect, it } from 'vitest';
import {
  canMove, CODE_LOCK_MINUTES, codeLockedUntil, codeMatches, dailyNumber, dueForReturn, dwellHours, dwellReport, dwellStats,
  mayReturnToCarrier, percentile, pickupCode, reminderDue, requiresSignature, signatureProblem, signatureSvg,
} from '../../src/core/mail.ts';

const at = (iso: string) => new Date(iso);
const received = '2026-03-01T02:00:00.000Z';
const plusDays = (d: number, hours = 0) => new Date(new Date(received).getTime() + d * 86_400_000 + hours * 3_600_000);

describe('pickup code', () => {
  it('is six digits, zero-padded, from the random source', () => {
    expect(pickupCode(() => 42)).toBe('000042');
    expect(pickupCode(() => 123_456_789)).toBe('456789');
  });
  it('draws again above the unbiased range and around codes already taken', () => {
    const values = [0xffff_ffff, 7, 8];
    let i = 0;
    expect(pickupCode(() => values[i++]!, new Set(['000007']))).toBe('000008');
  });
  it('gives up rather than loop for ever when every draw is taken', () => {
    expect(() => pickupCode(() => 1, new Set(['000001']))).toThrow();
  });
  it('matches only the exact code', () => {
    expect(codeMatches('012345', '012345')).toBe(true);
    expect(codeMatches('012345', '012346')).toBe(false);
    expect(codeMatches('012345', '12345')).toBe(false);
  });
  it('locks at the fifth failure within 15 minutes, until 15 minutes after it', () => {
    const now = at('2026-03-01T10:00:00Z');
    const f = (min: number) => new Date(now.getTime() - min * 60_000).toISOString();
    expect(codeLockedUntil([f(1), f(2), f(3), f(4)], now)).toBeNull();
    expect(codeLockedUntil([f(1), f(2), f(3), f(4), f(16)], now)).toBeNull();
    const until = codeLockedUntil([f(5), f(1), f(2), f(3), f(4)], now);
    expect(until?.toISOString()).toBe(new Date(now.getTime() + (CODE_LOCK_MINUTES - 1) * 60_000).toISOString());
  });
});

describe('states', () => {
  it('moves only forward, and only newspapers are disposed', () => {
    expect(canMove('received', 'notified', 'parcel')).toBe(true);
    expect(canMove('notified', 'picked_up', 'parcel')).toBe(true);
    expect(canMove('picked_up', 'picked_up', 'parcel')).toBe(false);
    expect(canMove('picked_up', 'returned_to_carrier', 'parcel')).toBe(false);
    expect(canMove('notified', 'disposed', 'parcel')).toBe(false);
    expect(canMove('notified', 'disposed', 'newspaper')).toBe(true);
  });
  it('registered letters and official documents are signed for and never returned', () => {
    expect(requiresSignature('registered_letter')).toBe(true);
    expect(requiresSignature('official_document')).toBe(true);
    expect(requiresSignature('parcel')).toBe(false);
    expect(mayReturnToCarrier('registered_letter')).toBe(false);
    expect(canMove('notified', 'returned_to_carrier', 'official_document')).toBe(false);
    expect(canMove('notified', 'returned_to_carrier', 'parcel')).toBe(true);
  });
  it('numbers items MMDD-nnn', () => {
    expect(dailyNumber('2026-03-07', 4)).toBe('0307-004');
    expect(dailyNumber('2026-12-31', 123)).toBe('1231-123');
  });
});

describe('reminders and returns', () => {
  const item = (over: Partial<Parameters<typeof reminderDue>[0]> = {}) => ({ kind: 'parcel' as const, status: 'notified' as const, receivedAt: received, remindersSent: 0, ...over });
  it('first reminder at day 3, second at day 7, none before or twice', () => {
    expect(reminderDue(item(), plusDays(2, 23))).toBeNull();
    expect(reminderDue(item(), plusDays(3))).toBe(1);
    expect(reminderDue(item({ remindersSent: 1 }), plusDays(6))).toBeNull();
    expect(reminderDue(item({ remindersSent: 1 }), plusDays(7))).toBe(2);
    expect(reminderDue(item({ remindersSent: 2 }), plusDays(20))).toBeNull();
  });
  it('an item first seen late gets the second reminder only', () => {
    expect(reminderDue(item(), plusDays(9))).toBe(2);
  });
  it('nothing for items that left or for newspapers', () => {
    expect(reminderDue(item({ status: 'picked_up' as never }), plusDays(5))).toBeNull();
    expect(reminderDue(item({ kind: 'newspaper' as never }), plusDays(5))).toBeNull();
  });
  it('day 14 puts a parcel on the return list, never a registered letter', () => {
    expect(dueForReturn({ kind: 'parcel', status: 'notified', receivedAt: received }, plusDays(13, 23))).toBe(false);
    expect(dueForReturn({ kind: 'parcel', status: 'notified', receivedAt: received }, plusDays(14))).toBe(true);
    expect(dueForReturn({ kind: 'registered_letter', status: 'notified', receivedAt: received }, plusDays(60))).toBe(false);
    expect(dueForReturn({ kind: 'official_document', status: 'received', receivedAt: received }, plusDays(60))).toBe(false);
    expect(dueForReturn({ kind: 'parcel', status: 'picked_up', receivedAt: received }, plusDays(60))).toBe(false);
  });
});

describe('dwell time', () => {
  it('percentiles interpolate between ranks', () => {
    expect(percentile([], 50)).toBeNull();
    expect(percentile([5], 90)).toBe(5);
    expect(percentile([1, 2, 3, 4], 50)).toBe(2.5);
    expect(percentile([10, 1, 4, 3, 2], 50)).toBe(3);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBeCloseTo(9.1);
  });
  it('hours from arrival to pickup', () => {
    expect(dwellHours('2026-03-01T02:00:00Z', '2026-03-01T05:30:00Z')).toBe(3.5);
  });
  it('groups by kind and by day of pickup', () => {
    const r = dwellReport([
      { kind: 'parcel', receivedAt: '2026-03-01T00:00:00Z', pickedUpAt: '2026-03-01T02:00:00Z', pickedOn: '2026-03-01' },
      { kind: 'parcel', receivedAt: '2026-03-01T00:00:00Z', pickedUpAt: '2026-03-02T00:00:00Z', pickedOn: '2026-03-02' },
      { kind: 'letter', receivedAt: '2026-03-01T00:00:00Z', pickedUpAt: '2026-03-01T10:00:00Z', pickedOn: '2026-03-01' },
    ]);
    expect(r.overall).toEqual(dwellStats([2, 24, 10]));
    expect(r.overall.median).toBe(10);
    expect(r.kinds.map((k) => [k.kind, k.count, k.median])).toEqual([['parcel', 2, 13], ['letter', 1, 10]]);
    expect(r.days.map((d) => [d.day, d.count, d.median])).toEqual([['2026-03-01', 2, 6], ['2026-03-02', 1, 24]]);
  });
});

describe('signature', () => {
  const line = (n: number, len = 200): Array<[number, number]> => Array.from({ length: n }, (_, i) => [10 + (i * len) / n, 50 + (i % 5)]);
  it('refuses empty, a dot, and too few points', () => {
    expect(signatureProblem([])).toBe('field.signatureEmpty');
    expect(signatureProblem([[]])).toBe('field.signatureEmpty');
    expect(signatureProblem([line(30, 5)])).toBe('field.signatureShort');
    expect(signatureProblem([line(10)])).toBe('field.signatureShort');
    expect(signatureProblem([line(6000)])).toBe('field.signatureTooLong');
    expect(signatureProblem([line(15), line(15)])).toBeNull();
  });
  it('draws strokes as SVG paths with clamped numbers only', () => {
    const svg = signatureSvg([[[1, 2], [3.14159, -5]], [[7, 8]]]);
    expect(svg).toContain('<path d="M1 2 L3.1 0"/>');
    expect(svg).toContain('<circle cx="7" cy="8"');
  });
});
