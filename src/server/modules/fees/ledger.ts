/**
 * The bill lines' money, shared by billing, the cashier, waivers, the arrears ladder, statistics
 * and the owner portal. Every change to a line's paid/waived/late columns goes through `updateLine`,
 * which applies the pure rules of core/fees.ts and writes only if the line is still as it was read,
 * so two cashiers paying the same line cannot both win. It also moves the statistics' summary.
 */
import { type LateRule, type LineMoney, lateDue, lateFromOf, principalDue } from '../../../core/fees.ts';
import type { Executor } from '../../db/database.ts';
import type { BillLineTable } from '../../db/schema-fees.ts';
import type { Selectable } from 'kysely';
import { addToSummary } from './stats.summary.ts';

export type LineRow = Selectable<BillLineTable> & { item_name: string; item_kind: string; late_rate_ppm: number; late_cap_bp: number; late_grace_days: number; late_start: string };

/**
 * A line's money. Given a line read with its item's rule (a LineRow), a `due`-rule line that has
 * not been written since it fell due gets its late start from core `lateFromOf`; every change
 * through `updateLine` then stores it.
 */
export function moneyOf(r: Selectable<BillLineTable> & { late_start?: string; late_grace_days?: number }): LineMoney {
  return {
    amount: r.amount,
    paid: r.paid,
    credited: r.credited,
    waived: r.waived,
    lateFee: r.late_fee,
    latePaid: r.late_paid,
    lateWaived: r.late_waived,
    lateFrom: r.late_start != null ? lateFromOf(r.late_from, r.late_start, r.late_grace_days ?? 0, r.due_on) : r.late_from,
    lateUntil: r.late_until,
  };
}

export function ruleOf(r: Pick<LineRow, 'late_rate_ppm' | 'late_cap_bp'>): LateRule {
  return { ratePpm: r.late_rate_ppm, capBp: r.late_cap_bp };
}

/** Lines with their fee item's late-fee rule; callers add their own where clauses. */
export function linesWithRule(db: Executor) {
  return db
    .selectFrom('bill_lines as l')
    .innerJoin('fee_items as i', 'i.id', 'l.fee_item_id')
    .selectAll('l')
    // The rule the line was issued under, not the item's current one.
    .select(['i.name as item_name', 'i.kind as item_kind', 'l.rule_rate_ppm as late_rate_ppm', 'l.rule_cap_bp as late_cap_bp', 'l.rule_grace_days as late_grace_days', 'l.rule_start as late_start']);
}

/** A unit's open lines, oldest first (due date, then id): the cashier's default allocation order. */
export async function openLines(db: Executor, unitId: number): Promise<LineRow[]> {
  return linesWithRule(db).where('l.unit_id', '=', unitId).where('l.open', '=', 1).orderBy('l.due_on').orderBy('l.id').execute();
}

/** What a line owes today: principal, late fee to date, and both together. */
export function dueOf(r: LineRow, today: string) {
  const m = moneyOf(r);
  const rule = ruleOf(r);
  const principal = principalDue(m);
  const late = lateDue(m, rule, today);
  return { principal, late, total: principal + late };
}

/**
 * Write a line's new money state if nobody changed it since `before` was read. Returns false when
 * someone did (the caller answers 409). Closes the line when nothing is owed any more.
 */
export async function updateLine(db: Executor, before: Selectable<BillLineTable>, after: LineMoney, rule: LateRule, today: string, now: string): Promise<boolean> {
  const owed = principalDue(after) + lateDue(after, rule, today);
  const open = principalDue(after) > 0 || owed > 0 ? 1 : 0;
  const res = await db
    .updateTable('bill_lines')
    .set({
      paid: after.paid,
      credited: after.credited,
      waived: after.waived,
      late_fee: after.lateFee,
      late_paid: after.latePaid,
      late_waived: after.lateWaived,
      late_from: after.lateFrom,
      late_until: after.lateUntil,
      open,
      settled_at: open ? null : now,
    })
    .where('id', '=', before.id)
    .where('paid', '=', before.paid)
    .where('credited', '=', before.credited)
    .where('waived', '=', before.waived)
    .where('late_paid', '=', before.late_paid)
    .where('late_waived', '=', before.late_waived)
    .where('late_fee', '=', before.late_fee)
    .executeTakeFirst();
  const written = Number(res.numUpdatedRows) === 1;
  // The statistics' collected sum follows in the same transaction (stats.summary.ts).
  if (written && after.paid !== before.paid) await addToSummary(db, [{ ...before, billed: 0, collected: after.paid - before.paid }]);
  return written;
}

/** A unit's prepaid balance (预存余额): the sum of its prepaid entries. */
export async function prepaidBalance(db: Executor, unitId: number): Promise<number> {
  const row = await db
    .selectFrom('prepaid_entries')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amount'), eb.lit(0)).as('balance'))
    .where('unit_id', '=', unitId)
    .executeTakeFirstOrThrow();
  return Number(row.balance);
}
