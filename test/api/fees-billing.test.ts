/**
 * The billing run (manual 4.1.2): every kind of fee item computed by hand, tiers, 公摊 that adds
 * up, vacant discount, skip reasons, preview = commit, idempotent rerun, progress, prepaid
 * settlement on the ledger, roles and scope.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { billingFixture, insertFeeItem, insertMeter, insertPrepaid, insertReading } from '../helpers/fees.ts';
import type { demoIds } from '../helpers/fixtures.ts';

let t: TestApp;
let ids: Awaited<ReturnType<typeof demoIds>>;
/** The test building F1 (east area) and its units. */
let b: number;
let u: { big: number; small: number; zero: number; park: number; archived: number };
let it_: { area: number; water: number; shared: number; parking: number; service: number; noPrice: number; quarterly: number; archived: number };
let ticket: number;

async function finished(runId: number) {
  for (let i = 0; i < 400; i++) {
    const r = (await t.as('cashier1', 'GET', `/api/v1/fees/runs/${runId}`)).json();
    if (r.status !== 'running') return r;
    await new Promise((res) => setTimeout(res, 25));
  }
  throw new Error('run did not finish');
}

const body = (over: Record<string, unknown> = {}) => ({ estateId: ids.estate, period: '2026-03', buildingId: b, ...over });

beforeAll(async () => {
  t = await createTestApp();
  const s = await billingFixture(t);
  ids = s.d;
  b = s.building;
  u = s.units;
  it_ = s.items;
  ticket = s.ticket;
});
afterAll(() => t.close());

describe('preview', () => {
  it('computes every kind of fee item by hand and lists the units it skips', async () => {
    const res = await t.as('cashier1', 'POST', '/api/v1/fees/runs/preview', body());
    expect(res.statusCode, res.body).toBe(200);
    const p = res.json();
    const item = (id: number) => p.byItem.find((x: { feeItemId: number }) => x.feeItemId === id);
    // 物业管理费 100.50 m² × 2.50 = 251.25; 80.25 m² × 2.50 = 200.625 → 200.63, half off (vacant) → 100.31
    expect(item(it_.area)).toMatchObject({ lines: 2, amount: 25_125 + (20_063 - 10_032) });
    // water 15 吨: 10 × 3.50 + 5 × 5.00 = 60.00
    expect(item(it_.water)).toMatchObject({ lines: 1, amount: 6_000 });
    // 1001 度 × 0.60 = 600.60 split by area 100.50 : 80.25 : 0 → 333.94 + 266.66 (largest remainder)
    expect(item(it_.shared)).toMatchObject({ lines: 2, amount: 60_060 });
    expect(item(it_.parking)).toMatchObject({ lines: 1, amount: 30_000 });
    expect(item(it_.service)).toMatchObject({ lines: 1, amount: 8_800 });
    expect(item(it_.noPrice)).toMatchObject({ lines: 0, amount: 0 });
    expect(p.byItem.map((x: { feeItemId: number }) => x.feeItemId)).not.toContain(it_.quarterly); // bills in Jan/Apr/Jul/Oct
    expect(p.byItem.map((x: { feeItemId: number }) => x.feeItemId)).not.toContain(it_.archived);
    expect(p.lines).toBe(7);
    expect(p.amount).toBe(25_125 + 10_031 + 6_000 + 60_060 + 30_000 + 8_800);
    expect(p.units).toBe(4); // the archived unit is not billed
    expect(p.existing).toBe(0);
    const skips = p.skipped.map((s: { unitId: number; feeItemId: number; reason: string }) => `${s.unitId}:${s.feeItemId}:${s.reason}`).sort();
    expect(skips).toEqual(
      [
        `${u.zero}:${it_.area}:zeroArea`,
        `${u.small}:${it_.water}:noReading`,
        `${u.zero}:${it_.water}:noMeter`,
        `${u.zero}:${it_.shared}:zeroArea`,
        `${u.big}:${it_.noPrice}:noPrice`,
        `${u.small}:${it_.noPrice}:noPrice`,
        `${u.zero}:${it_.noPrice}:noPrice`,
      ].sort(),
    );
    expect(p.skippedCount).toBe(7);
    expect(p.skipped.find((s: { reason: string }) => s.reason === 'noReading').message).toBe('本期未抄表');
    // nothing written
    expect(await t.db.selectFrom('bill_lines').select('id').where('building_id', '=', b).execute()).toEqual([]);
  });

  it('uses the price in force on the first day and bills quarterly items in their month', async () => {
    const p = (await t.as('cashier1', 'POST', '/api/v1/fees/runs/preview', body({ period: '2026-04', feeItemIds: [it_.area, it_.quarterly] }))).json();
    const item = (id: number) => p.byItem.find((x: { feeItemId: number }) => x.feeItemId === id);
    // April: 3.00 元/m²; 100.50 × 3.00 = 301.50; 80.25 × 3.00 = 240.75, half off → 120.37 (discount 120.38)
    expect(item(it_.area)).toMatchObject({ lines: 2, amount: 30_150 + (24_075 - 12_038) });
    // 0.05 元/m²/月 × 3 months: 100.50 × 0.15 = 15.075 → 15.08; 80.25 × 0.15 = 12.0375 → 12.04
    expect(item(it_.quarterly)).toMatchObject({ lines: 2, amount: 1_508 + 1_204 });
  });

  it('sums a replaced meter’s final reading and the new meter’s reading of the period', async () => {
    const old = await t.db.selectFrom('meters').select('id').where('unit_id', '=', u.small).where('kind', '=', 'water').executeTakeFirstOrThrow();
    await insertReading(t, old.id, '2026-05', 0, 4, 'final');
    const fresh = await insertMeter(t, ids.estate, { unit_id: u.small, kind: 'water' });
    await insertReading(t, fresh, '2026-05', 0, 8);
    const p = (await t.as('cashier1', 'POST', '/api/v1/fees/runs/preview', body({ period: '2026-05', feeItemIds: [it_.water] }))).json();
    // 4 + 8 = 12 吨: 10 × 3.50 + 2 × 5.00 = 45.00; the big unit has no May reading
    expect(p).toMatchObject({ lines: 1, amount: 4_500, skippedCount: 2 });
  });

  it('refuses bad input and callers without the right or the scope', async () => {
    expect((await t.as('cashier1', 'POST', '/api/v1/fees/runs/preview', body({ period: '2026-13' }))).statusCode).toBe(400);
    const wrongArea = await t.as('cashier1', 'POST', '/api/v1/fees/runs/preview', body({ buildingId: b, areaId: ids.west }));
    expect(wrongArea.statusCode).toBe(400);
    expect(Object.keys(wrongArea.json().error.fields)).toEqual(['buildingId']);
    const other = (await t.as('admin', 'POST', '/api/v1/estates', { code: 'OTH', name: '锦绣园' })).json().id;
    const foreign = await insertFeeItem(t, other);
    expect((await t.as('cashier1', 'POST', '/api/v1/fees/runs/preview', body({ feeItemIds: [foreign] }))).statusCode).toBe(400);
    expect((await t.as('cashier1', 'POST', '/api/v1/fees/runs/preview', { estateId: other, period: '2026-03' })).statusCode).toBe(403);
    expect((await t.as('cashier1', 'POST', '/api/v1/fees/runs/preview', { estateId: 99_999, period: '2026-03' })).statusCode).toBe(404);
    for (const user of ['cs1', 'desk1', 'owner1', 'admin']) expect((await t.as(user, 'POST', '/api/v1/fees/runs', body())).statusCode, user).toBe(403);
  });
});

describe('commit', () => {
  let runId: number;
  it('runs in the background to done, with the preview totals, progress and one audit entry', async () => {
    await insertPrepaid(t, u.park, 50_000); // covers the parking fee and keeps 200.00
    await insertPrepaid(t, u.big, 10_000); // pays part of the first line
    const preview = (await t.as('cashier1', 'POST', '/api/v1/fees/runs/preview', body())).json();
    const res = await t.as('cashier1', 'POST', '/api/v1/fees/runs', body());
    expect(res.statusCode, res.body).toBe(202);
    runId = res.json().runId;
    const run = await finished(runId);
    expect(run).toMatchObject({ status: 'done', period: '2026-03', unitsTotal: 4, unitsDone: 4, linesCreated: preview.lines, amountCreated: preview.amount, prepaidUsed: 40_000, createdByName: '孙丽（收银员）' });
    expect(run.summary.byItem).toEqual(preview.byItem);
    expect(run.summary.skippedCount).toBe(7);
    const audit = await t.db.selectFrom('audit_log').selectAll().where('entity', '=', 'billing_run').where('entity_id', '=', String(runId)).execute();
    expect(audit).toHaveLength(1);
    const list = (await t.as('cs1', 'GET', `/api/v1/fees/runs?estateId=${ids.estate}`)).json();
    expect(list.items.map((r: { id: number }) => r.id)).toContain(runId);
  });

  it('writes the lines with their quantities, prices, readings, tickets and due dates', async () => {
    const lines = await t.db.selectFrom('bill_lines').selectAll().where('run_id', '=', runId).orderBy('id').execute();
    const of = (unit: number, item: number) => lines.find((l) => l.unit_id === unit && l.fee_item_id === item)!;
    expect(of(u.big, it_.area)).toMatchObject({ kind: 'charge', charge_key: `${it_.area}:2026-03`, quantity: 10_050, price: 25_000, gross: 25_125, discount: 0, amount: 25_125, due_on: '2026-03-15', area_id: ids.east, building_id: b });
    expect(of(u.small, it_.area)).toMatchObject({ gross: 20_063, discount: 10_032, amount: 10_031 });
    const reading = await t.db.selectFrom('meter_readings').select('id').where('period', '=', '2026-03').where('usage', '=', 15).executeTakeFirstOrThrow();
    // water's late fee starts on the due date + 1 + 5 grace days
    expect(of(u.big, it_.water)).toMatchObject({ quantity: 15, amount: 6_000, reading_id: reading.id, late_from: '2026-03-21' });
    expect(of(u.big, it_.shared).amount + of(u.small, it_.shared).amount).toBe(60_060);
    expect([of(u.big, it_.shared).amount, of(u.small, it_.shared).amount]).toEqual([33_394, 26_666]);
    expect(of(u.big, it_.service)).toMatchObject({ kind: 'service', charge_key: `t:${ticket}`, ticket_id: ticket, amount: 8_800 });
  });

  it('settles new lines from prepaid balances, each deduction on the prepaid ledger', async () => {
    const park = await t.db.selectFrom('bill_lines').selectAll().where('run_id', '=', runId).where('unit_id', '=', u.park).executeTakeFirstOrThrow();
    expect(park).toMatchObject({ paid: 30_000, open: 0 });
    expect(park.settled_at).not.toBeNull();
    const first = await t.db.selectFrom('bill_lines').selectAll().where('run_id', '=', runId).where('unit_id', '=', u.big).orderBy('due_on').orderBy('id').executeTakeFirstOrThrow();
    expect(first).toMatchObject({ fee_item_id: it_.area, paid: 10_000, open: 1 });
    const uses = await t.db.selectFrom('prepaid_entries').selectAll().where('kind', '=', 'use').where('run_id', '=', runId).orderBy('id').execute();
    expect(uses.map((e) => [e.unit_id, e.line_id, e.amount]).sort()).toEqual([[u.big, first.id, -10_000], [u.park, park.id, -30_000]].sort());
    const lines = (await t.as('cashier1', 'GET', `/api/v1/fees/lines?unitId=${u.park}`)).json();
    expect(lines.items[0]).toMatchObject({ paid: 30_000, principalDue: 0, open: false });
  });

  it('a rerun creates nothing; the preview then reports the lines as existing', async () => {
    const before = await t.db.selectFrom('bill_lines').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const p = (await t.as('cashier1', 'POST', '/api/v1/fees/runs/preview', body())).json();
    expect(p).toMatchObject({ lines: 0, amount: 0, existing: 7 });
    const res = await t.as('director', 'POST', '/api/v1/fees/runs', { estateId: ids.estate, period: '2026-03' });
    expect(res.statusCode).toBe(202);
    const rerun = await finished(res.json().runId);
    expect(rerun).toMatchObject({ status: 'done', linesCreated: 0, amountCreated: 0, prepaidUsed: 0 });
    expect(rerun.unitsDone).toBe(rerun.unitsTotal);
    expect(rerun.unitsTotal).toBeGreaterThan(200); // the whole demo estate, where only F1 has items
    const after = await t.db.selectFrom('bill_lines').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    // the next period neither bills the special service again nor counts it as existing
    const april = (await t.as('cashier1', 'POST', '/api/v1/fees/runs/preview', body({ period: '2026-04' }))).json();
    expect(april.byItem.find((x: { feeItemId: number }) => x.feeItemId === it_.service)).toMatchObject({ lines: 0 });
    expect(april.existing).toBe(0);
  });

  it('refuses a second run of a period while one is running', async () => {
    const now = t.clock.now().toISOString();
    const { id } = await t.db
      .insertInto('billing_runs')
      .values({ estate_id: ids.estate, period: '2026-07', area_id: null, building_id: null, fee_item_ids: null, status: 'running', units_total: 1, units_done: 0, lines_created: 0, amount_created: 0, prepaid_used: 0, summary: null, error: null, created_by: null, created_by_name: 'x', created_at: now, finished_at: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    const res = await t.as('cashier1', 'POST', '/api/v1/fees/runs', body({ period: '2026-07' }));
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toBe('2026-07 的计费正在进行中，请等待完成');
    await t.db.updateTable('billing_runs').set({ status: 'failed' }).where('id', '=', id).execute();
    const ok = await t.as('cashier1', 'POST', '/api/v1/fees/runs', body({ period: '2026-07' }));
    expect(ok.statusCode).toBe(202);
    expect((await finished(ok.json().runId)).status).toBe('done');
  });

  it('a run the caller may not see is not found', async () => {
    expect((await t.as('cashier1', 'GET', `/api/v1/fees/runs/${runId}`)).statusCode).toBe(200);
    expect((await t.as('cs1', 'GET', `/api/v1/fees/runs/${runId}`)).statusCode).toBe(403); // no fee.bill
    expect((await t.as('cashier1', 'GET', '/api/v1/fees/runs/999999')).statusCode).toBe(404);
  });
});
