import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  allocate,
  apportion,
  applyPayment,
  applyWaiver,
  areaCharge,
  badTier,
  billsIn,
  daysBetween,
  discountOf,
  divRound,
  dueOn,
  type LateRule,
  lateAccrued,
  lateCap,
  lateDue,
  lateFeeFor,
  lateStartDate,
  type LineMoney,
  meteredCharge,
  principalDue,
  rateBp,
  startLateFee,
} from '../../src/core/fees.ts';

describe('rounding and charges', () => {
  it('rounds half away from zero, once', () => {
    expect(divRound(5, 10)).toBe(1);
    expect(divRound(4, 10)).toBe(0);
    expect(divRound(-5, 10)).toBe(-1);
    expect(divRound(-4, 10)).toBe(0);
    expect(divRound(15, 10)).toBe(2);
    expect(() => divRound(1, 0)).toThrow();
  });

  it('charges building area × price per m² per month × months', () => {
    // 89.50 m² × 2.50 元 = 223.75 元; a quarter is three times that.
    expect(areaCharge(8950, 25_000, 1)).toBe(22_375);
    expect(areaCharge(8950, 25_000, 3)).toBe(67_125);
    // 101.33 m² × 1.85 元 = 187.4605 元 → 187.46
    expect(areaCharge(10_133, 18_500, 1)).toBe(18_746);
  });

  it('charges metered usage flat or by tiers', () => {
    expect(meteredCharge(12, 34_500)).toBe(4140); // 12 吨 × 3.45
    const tiers = [
      { upTo: 260, price: 5283 },
      { upTo: 600, price: 5783 },
      { upTo: null, price: 8283 },
    ];
    // 300 度: 260 × 0.5283 + 40 × 0.5783 = 137.358 + 23.132 = 160.49 元
    expect(meteredCharge(300, 0, tiers)).toBe(16_049);
    // 700 度: 137.358 + 340 × 0.5783 + 100 × 0.8283 = 137.358 + 196.622 + 82.83 = 416.81
    expect(meteredCharge(700, 0, tiers)).toBe(41_681);
    expect(meteredCharge(0, 0, tiers)).toBe(0);
  });

  it('accepts rising tiers that end open and names the first bad one', () => {
    expect(badTier([{ upTo: 10, price: 1 }, { upTo: null, price: 2 }])).toBe(-1);
    expect(badTier([{ upTo: 10, price: 1 }, { upTo: 5, price: 2 }, { upTo: null, price: 2 }])).toBe(1);
    expect(badTier([{ upTo: 10, price: 1 }])).toBe(0);
    expect(badTier([{ upTo: null, price: 1 }, { upTo: null, price: 2 }])).toBe(0);
  });

  it('takes a discount off once and never more than the charge', () => {
    expect(discountOf(22_375, 5000)).toBe(11_188);
    expect(discountOf(100, 20_000)).toBe(100);
  });

  it('tiered charges grow with usage and equal the flat charge when there is one tier', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 1, max: 200_000 }), (usage, price) => {
        expect(meteredCharge(usage, 0, [{ upTo: null, price }])).toBe(meteredCharge(usage, price));
        const tiers = [
          { upTo: 100, price },
          { upTo: null, price: price * 2 },
        ];
        expect(meteredCharge(usage + 1, 0, tiers)).toBeGreaterThanOrEqual(meteredCharge(usage, 0, tiers));
      }),
    );
  });
});

describe('apportionment (公摊)', () => {
  it('splits by largest remainder so the parts add up to the whole', () => {
    expect(apportion(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(apportion(1000, [8950, 12_000, 0])).toEqual([427, 573, 0]);
    expect(apportion(7, [0, 0])).toEqual([4, 3]);
    expect(apportion(-100, [1, 1, 1])).toEqual([-34, -33, -33]);
    expect(apportion(5, [])).toEqual([]);
  });

  it('always adds up to the fen and stays within one fen of the exact share', () => {
    fc.assert(
      fc.property(fc.integer({ min: -10_000_000, max: 10_000_000 }), fc.array(fc.integer({ min: 0, max: 50_000 }), { minLength: 1, maxLength: 60 }), (total, weights) => {
        const parts = apportion(total, weights);
        expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
        const w = weights.every((x) => x === 0) ? weights.map(() => 1) : weights;
        const sum = w.reduce((a, b) => a + b, 0);
        parts.forEach((p, i) => expect(Math.abs(p - (total * w[i]!) / sum)).toBeLessThan(1));
      }),
    );
  });
});

describe('allocation (oldest first, late fee before principal)', () => {
  it('pays the oldest line first, its late fee before its principal', () => {
    const lines = [
      { id: 1, principal: 1000, late: 50 },
      { id: 2, principal: 2000, late: 0 },
    ];
    expect(allocate(1200, lines)).toEqual({ allocations: [{ id: 1, principal: 1000, late: 50 }, { id: 2, principal: 150, late: 0 }], rest: 0 });
    expect(allocate(30, lines)).toEqual({ allocations: [{ id: 1, principal: 0, late: 30 }], rest: 0 });
    expect(allocate(5000, lines).rest).toBe(1950);
  });

  it('adds up to the payment, never pays a line more than it owes, and reaches a line only when the older ones are paid', () => {
    const line = fc.record({ id: fc.nat(), principal: fc.integer({ min: 0, max: 1_000_000 }), late: fc.integer({ min: 0, max: 100_000 }) });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5_000_000 }), fc.array(line, { maxLength: 30 }), (amount, lines) => {
        const { allocations, rest } = allocate(amount, lines);
        const allocated = allocations.reduce((a, x) => a + x.principal + x.late, 0);
        expect(allocated + rest).toBe(amount);
        expect(rest).toBeGreaterThanOrEqual(0);
        const owed = lines.reduce((a, l) => a + l.principal + l.late, 0);
        expect(rest).toBe(Math.max(0, amount - owed));
        let j = 0;
        for (const [i, l] of lines.entries()) {
          if (l.principal + l.late === 0) continue;
          const a = allocations[j];
          if (!a) {
            // Nothing reached this line: the money ran out on an earlier one.
            expect(allocated).toBe(amount);
            continue;
          }
          j++;
          expect(a.id).toBe(l.id);
          expect(a.principal).toBeLessThanOrEqual(l.principal);
          expect(a.late).toBeLessThanOrEqual(l.late);
          if (a.principal > 0) expect(a.late).toBe(l.late);
          const full = a.principal === l.principal && a.late === l.late;
          if (!full) expect(allocations.length).toBe(j); // a partly paid line is the last one
          void i;
        }
      }),
    );
  });
});

describe('periods and dates', () => {
  it('moves by months and days, bills quarterly and yearly items in their months', () => {
    expect(addMonths('2026-11', 3)).toBe('2027-02');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(addDays('2026-02-27', 2)).toBe('2026-03-01');
    expect(daysBetween('2026-01-01', '2026-12-31')).toBe(364);
    expect(['2026-01', '2026-04', '2026-07', '2026-10'].every((p) => billsIn(p, 3))).toBe(true);
    expect(billsIn('2026-02', 3)).toBe(false);
    expect(billsIn('2026-01', 12) && !billsIn('2026-06', 12)).toBe(true);
  });

  it('puts the due day in the billing month or the next, clamped to the month end', () => {
    expect(dueOn('2026-03', 1, 15)).toBe('2026-03-15');
    expect(dueOn('2026-03', 25, 10)).toBe('2026-04-10');
    expect(dueOn('2026-01', 31, 30)).toBe('2026-02-28');
  });

  it('starts late fees from the deadline notice or the due date plus grace days', () => {
    expect(lateStartDate('deadline_notice', 0, '2026-03-15', null)).toBeNull();
    expect(lateStartDate('deadline_notice', 3, '2026-03-15', '2026-04-20')).toBe('2026-04-23');
    expect(lateStartDate('due', 5, '2026-03-15', null)).toBe('2026-03-21');
  });
});

const RULE: LateRule = { ratePpm: 500, capBp: 10_000 };
const fresh = (amount: number): LineMoney => ({ amount, paid: 0, credited: 0, waived: 0, lateFee: 0, latePaid: 0, lateWaived: 0, lateFrom: null, lateUntil: null });

describe('late fees (滞纳金)', () => {
  it('accrues 0.05 % a day on the outstanding principal from the start day', () => {
    const l = startLateFee(fresh(100_000), '2026-04-01');
    expect(lateAccrued(l, RULE, '2026-04-01')).toBe(0);
    expect(lateAccrued(l, RULE, '2026-04-02')).toBe(50);
    expect(lateAccrued(l, RULE, '2026-04-11')).toBe(500);
    // A partial payment on day 10 halves the principal: the next 10 days cost half as much.
    const paid = applyPayment(l, RULE, '2026-04-11', 50_000, 0);
    expect(paid.lateFee).toBe(500);
    expect(lateAccrued(paid, RULE, '2026-04-21')).toBe(750);
    expect(lateDue(paid, RULE, '2026-04-21')).toBe(750);
  });

  it('never passes the cap, also with a lower cap', () => {
    const l = startLateFee(fresh(10_000), '2020-01-01');
    expect(lateAccrued(l, RULE, '2026-01-01')).toBe(10_000);
    expect(lateAccrued(l, { ratePpm: 500, capBp: 3000 }, '2026-01-01')).toBe(3000);
    expect(lateFeeFor(0, 10, 500)).toBe(0);
    expect(rateBp(95, 100)).toBe(9500);
    expect(rateBp(0, 0)).toBeNull();
  });
});

type Op =
  | { op: 'bill'; amount: number }
  | { op: 'days'; n: number }
  | { op: 'late'; line: number }
  | { op: 'pay'; amount: number }
  | { op: 'reverse'; payment: number }
  | { op: 'waive'; line: number; share: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant('bill' as const), amount: fc.integer({ min: 1, max: 500_000 }) }),
  fc.record({ op: fc.constant('days' as const), n: fc.integer({ min: 1, max: 400 }) }),
  fc.record({ op: fc.constant('late' as const), line: fc.nat(20) }),
  fc.record({ op: fc.constant('pay' as const), amount: fc.integer({ min: 1, max: 800_000 }) }),
  fc.record({ op: fc.constant('reverse' as const), payment: fc.nat(20) }),
  fc.record({ op: fc.constant('waive' as const), line: fc.nat(20), share: fc.integer({ min: 0, max: 100 }) }),
);

describe('the ledger of a unit', () => {
  it('billed + late fees − waived − paid = outstanding after any sequence, with nothing negative and no fee over its cap', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 60 }), fc.integer({ min: 1, max: 2000 }), fc.integer({ min: 1000, max: 10_000 }), (ops, ratePpm, capBp) => {
        const rule = { ratePpm, capBp };
        let today = '2026-01-01';
        const lines: LineMoney[] = [];
        const payments: Array<{ allocations: ReturnType<typeof allocate>['allocations']; rest: number; reversed: boolean }> = [];
        let billed = 0;
        let waived = 0;
        let received = 0; // money taken at the counter, net of reversals
        let prepaid = 0;
        for (const o of ops) {
          if (o.op === 'bill') {
            lines.push(fresh(o.amount));
            billed += o.amount;
          } else if (o.op === 'days') {
            today = addDays(today, o.n);
          } else if (o.op === 'late' && lines[o.line]) {
            lines[o.line] = startLateFee(lines[o.line]!, today);
          } else if (o.op === 'pay') {
            const open = lines.map((l, id) => ({ id, principal: principalDue(l), late: lateDue(l, rule, today) }));
            const r = allocate(o.amount, open);
            for (const a of r.allocations) lines[a.id] = applyPayment(lines[a.id]!, rule, today, a.principal, a.late);
            prepaid += r.rest;
            received += o.amount;
            payments.push({ ...r, reversed: false });
          } else if (o.op === 'reverse') {
            const p = payments[o.payment];
            if (!p || p.reversed || prepaid < p.rest) continue;
            for (const a of p.allocations) lines[a.id] = applyPayment(lines[a.id]!, rule, today, -a.principal, -a.late);
            prepaid -= p.rest;
            received -= p.allocations.reduce((s, a) => s + a.principal + a.late, 0) + p.rest;
            p.reversed = true;
          } else if (o.op === 'waive' && lines[o.line]) {
            const l = lines[o.line]!;
            const principal = Math.floor((principalDue(l) * o.share) / 100);
            const late = Math.floor((lateDue(l, rule, today) * o.share) / 100);
            lines[o.line] = applyWaiver(l, rule, today, principal, late);
            waived += principal + late;
          }
          const late = lines.reduce((s, l) => s + lateAccrued(l, rule, today), 0);
          const outstanding = lines.reduce((s, l) => s + principalDue(l) + lateDue(l, rule, today), 0);
          expect(billed + late - waived - (received - prepaid)).toBe(outstanding);
          for (const l of lines) {
            expect(principalDue(l)).toBeGreaterThanOrEqual(0);
            expect(lateDue(l, rule, today)).toBeGreaterThanOrEqual(0);
            expect(lateAccrued(l, rule, today)).toBeLessThanOrEqual(lateCap(l, rule));
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('late fee cap lowered after a late fee was crystallized', () => {
  it('keeps the crystallized late fee, accrues no more, and never owes a negative late fee', () => {
    const l = startLateFee(fresh(10_000), '2026-04-01');
    // 70 days later: 3.50 元 paid with half the principal.
    const paid = applyPayment(l, RULE, '2026-06-10', 5000, 350);
    const lower: LateRule = { ratePpm: 500, capBp: 100 };
    expect(lateAccrued(paid, lower, '2026-06-20')).toBe(350);
    expect(lateDue(paid, lower, '2026-06-20')).toBe(0);
  });
});
