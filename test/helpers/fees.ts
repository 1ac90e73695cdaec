/**
 * Fee fixtures written straight to the database, so a part's tests can start from bills without
 * going through the billing run (which has its own tests). Defaults follow core/fees.ts.
 */
import type { Insertable } from 'kysely';
import { applyPayment } from '../../src/core/fees.ts';
import { linesWithRule, moneyOf, ruleOf, updateLine } from '../../src/server/modules/fees/ledger.ts';
import type { BillLineTable, FeeItemTable } from '../../src/server/db/schema-fees.ts';
import type { TestApp } from './app.ts';

const NOW = '2026-01-01T00:00:00.000Z';

export async function insertFeeItem(t: TestApp, estateId: number, over: Partial<Insertable<FeeItemTable>> = {}) {
  const row = await t.db
    .insertInto('fee_items')
    .values({
      estate_id: estateId,
      code: `T${Math.random().toString(36).slice(2, 8)}`,
      name: '物业管理费',
      kind: 'area',
      meter_kind: null,
      cycle_months: 1,
      bill_day: 1,
      due_day: 15,
      usages: null,
      building_ids: null,
      target_rate: 9500,
      late_rate_ppm: 500,
      late_grace_days: 0,
      late_start: 'deadline_notice',
      late_cap_bp: 10_000,
      sort: 0,
      archived_at: null,
      created_at: NOW,
      updated_at: NOW,
      ...over,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** An issued bill line for a unit; area and building are taken from the unit. */
export async function insertLine(t: TestApp, unitId: number, feeItemId: number, over: Partial<Insertable<BillLineTable>> & { amount: number; period: string; due_on: string }) {
  const u = await t.db
    .selectFrom('units as u')
    .innerJoin('buildings as b', 'b.id', 'u.building_id')
    .select(['u.estate_id', 'u.building_id', 'b.area_id'])
    .where('u.id', '=', unitId)
    .executeTakeFirstOrThrow();
  const row = await t.db
    .insertInto('bill_lines')
    .values({
      estate_id: u.estate_id,
      area_id: u.area_id,
      building_id: u.building_id,
      unit_id: unitId,
      fee_item_id: feeItemId,
      kind: 'charge',
      charge_key: `${feeItemId}:${over.period}`,
      run_id: null,
      description: null,
      quantity: null,
      price: null,
      gross: over.amount,
      discount: 0,
      adjusts_id: null,
      ticket_id: null,
      reading_id: null,
      reason: null,
      paid: 0,
      credited: 0,
      waived: 0,
      late_from: null,
      late_until: null,
      late_fee: 0,
      late_paid: 0,
      late_waived: 0,
      open: 1,
      created_by: null,
      created_at: NOW,
      settled_at: null,
      ...over,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * A payment at the counter, written the way the cashier's part does it: the payment row, one
 * allocation per line (late fee and principal), and each line through ledger `updateLine` with
 * core `applyPayment`, all on `onDate` (the business date). Returns the payment id.
 */
export async function payLines(t: TestApp, unitId: number, onDate: string, parts: Array<{ lineId: number; principal: number; late?: number }>, over: { method?: string; cashierName?: string } = {}) {
  const amount = parts.reduce((a, p) => a + p.principal + (p.late ?? 0), 0);
  const paidAt = `${onDate}T02:00:00.000Z`;
  return t.db.transaction().execute(async (trx) => {
    const unit = await trx.selectFrom('units').select('estate_id').where('id', '=', unitId).executeTakeFirstOrThrow();
    const key = `test-${Math.random().toString(36).slice(2, 12)}`;
    const p = await trx
      .insertInto('payments')
      .values({
        estate_id: unit.estate_id, unit_id: unitId, receipt_no: key, idempotency_key: key, method: over.method ?? 'cash', reference: null, payer_name: null,
        amount, to_prepaid: 0, status: 'valid', business_date: onDate, cashier_id: null, cashier_name: over.cashierName ?? '收银员', close_id: null, note: null, paid_at: paidAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const part of parts) {
      const row = await linesWithRule(trx).where('l.id', '=', part.lineId).executeTakeFirstOrThrow();
      const after = applyPayment(moneyOf(row), ruleOf(row), onDate, part.principal, part.late ?? 0);
      if (!(await updateLine(trx, row, after, ruleOf(row), onDate, paidAt))) throw new Error('line changed');
      await trx.insertInto('payment_allocations').values({ estate_id: unit.estate_id, payment_id: p.id, line_id: part.lineId, principal: part.principal, late_fee: part.late ?? 0, on_date: onDate, reversal_id: null }).execute();
    }
    return p.id;
  });
}

/** A reversal of an earlier allocation, dated `onDate`: negative allocations and the lines paid back. */
export async function reverseAllocation(t: TestApp, paymentId: number, onDate: string) {
  await t.db.transaction().execute(async (trx) => {
    const allocations = await trx.selectFrom('payment_allocations').selectAll().where('payment_id', '=', paymentId).execute();
    for (const a of allocations) {
      const row = await linesWithRule(trx).where('l.id', '=', a.line_id).executeTakeFirstOrThrow();
      const after = applyPayment(moneyOf(row), ruleOf(row), onDate, -a.principal, -a.late_fee);
      if (!(await updateLine(trx, row, after, ruleOf(row), onDate, `${onDate}T02:00:00.000Z`))) throw new Error('line changed');
      await trx.insertInto('payment_allocations').values({ estate_id: a.estate_id, payment_id: paymentId, line_id: a.line_id, principal: -a.principal, late_fee: -a.late_fee, on_date: onDate, reversal_id: 1 }).execute();
    }
    await trx.updateTable('payments').set({ status: 'reversed' }).where('id', '=', paymentId).execute();
  });
}
