/**
 * Fee fixtures written straight to the database, so a part's tests can start from bills without
 * going through the billing run (which has its own tests). Defaults follow core/fees.ts.
 */
import type { Insertable } from 'kysely';
import { applyPayment } from '../../src/core/fees.ts';
import { linesWithRule, moneyOf, ruleOf, updateLine } from '../../src/server/modules/fees/ledger.ts';
import { addRecovered, addToSummary } from '../../src/server/modules/fees/stats.summary.ts';
import type { BillLineTable, FeeItemTable } from '../../src/server/db/schema-fees.ts';
import type { TestApp } from './app.ts';
import { demoIds } from './fixtures.ts';

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

/** An issued bill line for a unit; area and building are taken from the unit, the late-fee rule from the item. */
export async function insertLine(t: TestApp, unitId: number, feeItemId: number, over: Partial<Insertable<BillLineTable>> & { amount: number; period: string; due_on: string }) {
  const u = await t.db
    .selectFrom('units as u')
    .innerJoin('buildings as b', 'b.id', 'u.building_id')
    .select(['u.estate_id', 'u.building_id', 'b.area_id'])
    .where('u.id', '=', unitId)
    .executeTakeFirstOrThrow();
  const item = await t.db.selectFrom('fee_items').select(['late_rate_ppm', 'late_cap_bp', 'late_grace_days', 'late_start']).where('id', '=', feeItemId).executeTakeFirstOrThrow();
  const row = await t.db
    .insertInto('bill_lines')
    .values({
      rule_rate_ppm: item.late_rate_ppm,
      rule_cap_bp: item.late_cap_bp,
      rule_grace_days: item.late_grace_days,
      rule_start: item.late_start,
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
    .returning(['id', 'estate_id', 'period', 'fee_item_id', 'area_id', 'building_id', 'amount', 'paid'])
    .executeTakeFirstOrThrow();
  // as the app does when it writes a line: the statistics' summary follows
  await addToSummary(t.db, [{ ...row, billed: row.amount, collected: row.paid }]);
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
      await addRecovered(trx, { line_id: part.lineId, principal: part.principal, on_date: onDate });
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
      await addRecovered(trx, { line_id: a.line_id, principal: -a.principal, on_date: onDate });
    }
    await trx.updateTable('payments').set({ status: 'reversed' }).where('id', '=', paymentId).execute();
  });
}

/** A dated price of a fee item (price in 1/100 fen; amount in fen for fixed charges). */
export async function insertPrice(t: TestApp, feeItemId: number, over: { effective_from: string; price?: number; tiers?: Array<{ upTo: number | null; price: number }> | null; amount?: number | null }) {
  const item = await t.db.selectFrom('fee_items').select('estate_id').where('id', '=', feeItemId).executeTakeFirstOrThrow();
  const row = await t.db
    .insertInto('fee_prices')
    .values({ estate_id: item.estate_id, fee_item_id: feeItemId, effective_from: over.effective_from, price: over.price ?? 0, tiers: over.tiers ? JSON.stringify(over.tiers) : null, amount: over.amount ?? null, note: null, created_by: null, created_at: NOW })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A meter of a unit or (with building_id and no unit) of a building. */
export async function insertMeter(t: TestApp, estateId: number, over: { unit_id?: number | null; building_id?: number | null; kind: string; number?: string }) {
  const row = await t.db
    .insertInto('meters')
    .values({ estate_id: estateId, unit_id: over.unit_id ?? null, building_id: over.building_id ?? null, kind: over.kind, number: over.number ?? `M${Math.random().toString(36).slice(2, 10)}`, installed_on: '2025-01-01', initial_reading: 0, replaced_at: null, replaced_by: null, created_at: NOW })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A reading of a meter for a period; `usage` = value − previous. */
export async function insertReading(t: TestApp, meterId: number, period: string, previous: number, value: number, kind = 'regular') {
  const m = await t.db.selectFrom('meters').select('estate_id').where('id', '=', meterId).executeTakeFirstOrThrow();
  const row = await t.db
    .insertInto('meter_readings')
    .values({ estate_id: m.estate_id, meter_id: meterId, period, read_on: `${period}-25`, previous, value, usage: value - previous, kind, note: null, entered_by: null, created_at: NOW })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A discount (approved unless said otherwise) of a unit. */
export async function insertDiscount(t: TestApp, unitId: number, over: { percent_bp: number; from_date: string; to_date: string; fee_item_id?: number | null; status?: string }) {
  const u = await t.db.selectFrom('units').select('estate_id').where('id', '=', unitId).executeTakeFirstOrThrow();
  const row = await t.db
    .insertInto('fee_discounts')
    .values({ estate_id: u.estate_id, unit_id: unitId, fee_item_id: over.fee_item_id ?? null, kind: 'vacant', percent_bp: over.percent_bp, from_date: over.from_date, to_date: over.to_date, reason: '空置', status: over.status ?? 'approved', requested_by: null, decided_by: null, decided_at: null, decision_note: null, created_at: NOW })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A prepaid deposit (预存) of a unit, straight onto the prepaid ledger. */
export async function insertPrepaid(t: TestApp, unitId: number, amount: number) {
  const u = await t.db.selectFrom('units').select('estate_id').where('id', '=', unitId).executeTakeFirstOrThrow();
  await t.db.insertInto('prepaid_entries').values({ estate_id: u.estate_id, unit_id: unitId, kind: 'deposit', amount, payment_id: null, line_id: null, run_id: null, note: null, at: NOW }).execute();
}

const FIXTURE_AT = '2026-03-01T00:00:00.000Z';

/**
 * A building F1 in the demo estate's east area with units of known areas (100.50, 80.25, 0 m², a
 * parking space, an archived unit) and fee items of every kind restricted to it, with prices,
 * meters, readings for 2026-03, a vacant discount, an owner and a resolved special service.
 * The estate's other fee items are archived. The clock is set to 2026-03-05.
 */
export async function billingFixture(app: TestApp) {
  const d = await demoIds(app);
  app.clock.setTo(new Date('2026-03-05T02:00:00Z'));
  // The estate's default fee items (items.defaults.ts) would bill F1 too: they are archived, so
  // a run bills exactly the fixture's items below.
  await app.db.updateTable('fee_items').set({ archived_at: FIXTURE_AT }).where('estate_id', '=', d.estate).where('archived_at', 'is', null).execute();
  const building = await app.db
    .insertInto('buildings')
    .values({ estate_id: d.estate, area_id: d.east, code: 'F1', name: 'F1栋', kind: 'high_rise', floors: 10, entrances: 1, built_year: 2020, notes: null, archived_at: null, created_at: FIXTURE_AT })
    .returning('id')
    .executeTakeFirstOrThrow();
  const unit = async (number: string, area: number, usage = 'residential', archived = false) =>
    (
      await app.db
        .insertInto('units')
        .values({ estate_id: d.estate, building_id: building.id, entrance: null, floor: 1, number, building_area: area, usage, status: 'occupied', structure: null, quality_notes: null, delivered_on: null, archived_at: archived ? FIXTURE_AT : null, created_at: FIXTURE_AT, updated_at: FIXTURE_AT })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const units = { big: await unit('101', 10050), small: await unit('102', 8025), zero: await unit('103', 0), park: await unit('P01', 1200, 'parking'), archived: await unit('104', 9000, 'residential', true) };
  const only = { building_ids: String(building.id) };
  const items = {
    area: await insertFeeItem(app, d.estate, { ...only, name: '物业管理费', kind: 'area', usages: 'residential', sort: 1 }),
    water: await insertFeeItem(app, d.estate, { ...only, name: '水费', kind: 'metered', meter_kind: 'water', usages: 'residential', sort: 2, late_start: 'due', late_grace_days: 5 }),
    shared: await insertFeeItem(app, d.estate, { ...only, name: '公共电费分摊', kind: 'shared', meter_kind: 'electricity', usages: 'residential', sort: 3 }),
    parking: await insertFeeItem(app, d.estate, { ...only, name: '车位管理费', kind: 'fixed', usages: 'parking', sort: 4 }),
    service: await insertFeeItem(app, d.estate, { ...only, name: '特约服务费', kind: 'service', sort: 5 }),
    noPrice: await insertFeeItem(app, d.estate, { ...only, name: '垃圾清运费', kind: 'area', usages: 'residential', sort: 6 }),
    quarterly: await insertFeeItem(app, d.estate, { ...only, name: '本体维修金', kind: 'area', usages: 'residential', cycle_months: 3, sort: 7 }),
    archived: await insertFeeItem(app, d.estate, { ...only, name: '旧收费', kind: 'fixed', archived_at: FIXTURE_AT, sort: 8 }),
  };
  // prices: 2.50 元/m²/月 until March, 3.00 from April; water 3.50 元/吨 up to 10 吨, 5.00 above
  await insertPrice(app, items.area, { effective_from: '2026-01-01', price: 25_000 });
  await insertPrice(app, items.area, { effective_from: '2026-04-01', price: 30_000 });
  await insertPrice(app, items.water, { effective_from: '2026-01-01', price: 35_000, tiers: [{ upTo: 10, price: 35_000 }, { upTo: null, price: 50_000 }] });
  await insertPrice(app, items.shared, { effective_from: '2026-01-01', price: 6_000 });
  await insertPrice(app, items.parking, { effective_from: '2026-01-01', amount: 30_000 });
  await insertPrice(app, items.noPrice, { effective_from: '2026-04-01', price: 1_000 });
  await insertPrice(app, items.quarterly, { effective_from: '2026-01-01', price: 500 });
  await insertPrice(app, items.archived, { effective_from: '2026-01-01', amount: 100 });
  const water = await insertMeter(app, d.estate, { unit_id: units.big, kind: 'water' });
  await insertMeter(app, d.estate, { unit_id: units.small, kind: 'water' }); // no reading in March
  await insertReading(app, water, '2026-02', 100, 108);
  await insertReading(app, water, '2026-03', 108, 123); // 15 吨
  const elec = await insertMeter(app, d.estate, { building_id: building.id, kind: 'electricity' });
  await insertReading(app, elec, '2026-03', 5000, 6001); // 1001 度
  await insertDiscount(app, units.small, { percent_bp: 5000, from_date: '2026-03-01', to_date: '2026-06-30', fee_item_id: items.area });
  await insertDiscount(app, units.big, { percent_bp: 5000, from_date: '2026-03-01', to_date: '2026-06-30', status: 'pending' });
  await app.db.insertInto('ownerships').values({ estate_id: d.estate, unit_id: units.big, owner_name: '周明', phone: null, id_number: null, share_percent: 100, acquired_on: '2020-01-01', acquired_how: 'purchase', certificate_no: null, ended_on: null, end_reason: null, notes: null, created_at: FIXTURE_AT }).execute();
  const tk = (await app.as('desk1', 'POST', '/api/v1/tickets', { unitId: units.big, type: 'special_service', channel: 'phone', title: '疏通下水道', description: '厨房下水道堵塞', price: 8_800 })).json().id as number;
  const resolved = await app.as('cs1', 'POST', `/api/v1/tickets/${tk}/resolve`, { note: '已疏通' });
  if (resolved.statusCode !== 200) throw new Error(resolved.body);
  return { d, building: building.id, units, items, ticket: tk };
}

let keys = 0;
/** A fresh idempotency key for a payment or deposit at the counter. */
export const paymentKey = () => `test-key-${++keys}-${Math.random().toString(36).slice(2, 8)}`;

/** Units of the demo estate's east area (cs1's), oldest first, but `except`: a file hands them out one per case. */
export async function eastUnits(app: TestApp, except: number[] = []): Promise<number[]> {
  const d = await demoIds(app);
  let q = app.db.selectFrom('units as u').innerJoin('buildings as b', 'b.id', 'u.building_id').select('u.id').where('b.area_id', '=', d.east);
  if (except.length) q = q.where('u.id', 'not in', except);
  return (await q.orderBy('u.id').execute()).map((r) => r.id);
}
