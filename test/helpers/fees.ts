/**
 * Fee fixtures written straight to the database, so a part's tests can start from bills without
 * going through the billing run (which has its own tests). Defaults follow core/fees.ts.
 */
import type { Insertable } from 'kysely';
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
