/**
 * Bill lines after a run: the list with late fees to date, one-off and special-service charges,
 * adjustments of both signs (never an edit), payment notices 缴费通知单, the billing list 缴费清单
 * as .xlsx, and delivery marking.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { billingFixture, insertFeeItem, insertLine, insertPrepaid } from '../helpers/fees.ts';

let t: TestApp;
let f: Awaited<ReturnType<typeof billingFixture>>;
let oneOff: number;
let earlier: number;

const line = async (unit: number, item: number) =>
  t.db.selectFrom('bill_lines').selectAll().where('unit_id', '=', unit).where('fee_item_id', '=', item).where('kind', '=', 'charge').where('period', '=', '2026-03').executeTakeFirstOrThrow();

beforeAll(async () => {
  t = await createTestApp();
  f = await billingFixture(t);
  oneOff = await insertFeeItem(t, f.d.estate, { name: '钥匙补办', kind: 'one_off', building_ids: String(f.building) });
  // an unpaid February bill with late fees running since 2026-02-20 (13 days by 2026-03-05)
  earlier = await insertLine(t, f.units.big, f.items.area, { period: '2026-02', amount: 5_000, due_on: '2026-02-15', late_from: '2026-02-20' });
  await insertPrepaid(t, f.units.park, 50_000);
  const res = await t.as('cashier1', 'POST', '/api/v1/fees/runs', { estateId: f.d.estate, period: '2026-03', buildingId: f.building });
  for (let i = 0; i < 400; i++) {
    const r = (await t.as('cashier1', 'GET', `/api/v1/fees/runs/${res.json().runId}`)).json();
    if (r.status === 'done') break;
    if (r.status === 'failed') throw new Error(r.error);
    await new Promise((ok) => setTimeout(ok, 25));
  }
});
afterAll(() => t.close());

describe('lines', () => {
  it('lists lines with filters, the late fee to date and what is owed', async () => {
    const res = await t.as('cashier1', 'GET', `/api/v1/fees/lines?estateId=${f.d.estate}&unitId=${f.units.big}&pageSize=50`);
    expect(res.statusCode, res.body).toBe(200);
    const { items, total } = res.json();
    expect(total).toBe(5); // February's bill + area, water, shared, service of March
    const feb = items.find((l: { id: number }) => l.id === earlier);
    // 5000 × 13 days × 0.05 % = 32.5 → 33 fen
    expect(feb).toMatchObject({ period: '2026-02', amount: 5_000, lateFee: 33, principalDue: 5_000, lateDue: 33, totalDue: 5_033, open: true, unitLabel: 'F1-101', itemName: '物业管理费', itemKind: 'area' });
    const march = (await t.as('cashier1', 'GET', `/api/v1/fees/lines?estateId=${f.d.estate}&period=2026-03&buildingId=${f.building}&feeItemId=${f.items.area}`)).json();
    expect(march.items.map((l: { amount: number }) => l.amount).sort()).toEqual([10_031, 25_125]);
    const open = (await t.as('cashier1', 'GET', `/api/v1/fees/lines?unitId=${f.units.park}&open=0`)).json();
    expect(open.items).toHaveLength(1);
    const q = (await t.as('cashier1', 'GET', `/api/v1/fees/lines?estateId=${f.d.estate}&q=F1-102`)).json();
    expect(q.items.length).toBeGreaterThan(0);
    expect(q.items.every((l: { unitLabel: string }) => l.unitLabel === 'F1-102')).toBe(true);
  });

  it('shows lines only within the caller’s scope', async () => {
    expect((await t.as('cs1', 'GET', `/api/v1/fees/lines?unitId=${f.units.big}`)).json().total).toBe(5);
    expect((await t.as('cs2', 'GET', `/api/v1/fees/lines?unitId=${f.units.big}`)).json().total).toBe(0);
    expect((await t.as('owner1', 'GET', '/api/v1/fees/lines')).statusCode).toBe(403);
  });
});

describe('one-off and special-service charges', () => {
  it('enters a one-off charge as a new line owed, audited', async () => {
    const res = await t.as('cashier1', 'POST', '/api/v1/fees/lines', { unitId: f.units.small, feeItemId: oneOff, amount: 1_500, description: '补办门禁卡' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ kind: 'one_off', amount: 1_500, gross: 1_500, period: '2026-03', description: '补办门禁卡', totalDue: 1_500, open: true, dueOn: '2026-03-15' });
    const audit = await t.db.selectFrom('audit_log').select('id').where('entity', '=', 'bill_line').where('entity_id', '=', String(res.json().id)).execute();
    expect(audit).toHaveLength(1);
  });

  it('bills a special service once: the run has billed it already', async () => {
    const res = await t.as('cashier1', 'POST', '/api/v1/fees/lines', { unitId: f.units.big, feeItemId: f.items.service, amount: 8_800, description: '疏通下水道', ticketId: f.ticket });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toBe('该特约服务已计费');
  });

  it('refuses an item of another kind, a ticket of another unit, and units out of scope', async () => {
    const kind = await t.as('cashier1', 'POST', '/api/v1/fees/lines', { unitId: f.units.small, feeItemId: f.items.area, amount: 100, description: 'x' });
    expect(kind.statusCode).toBe(400);
    expect(Object.keys(kind.json().error.fields)).toEqual(['feeItemId']);
    const tk = await t.as('cashier1', 'POST', '/api/v1/fees/lines', { unitId: f.units.small, feeItemId: f.items.service, amount: 100, description: 'x', ticketId: f.ticket });
    expect(tk.statusCode).toBe(400);
    expect(Object.keys(tk.json().error.fields)).toEqual(['ticketId']);
    expect((await t.as('cs1', 'POST', '/api/v1/fees/lines', { unitId: f.units.small, feeItemId: oneOff, amount: 100, description: 'x' })).statusCode).toBe(403);
    const other = (await t.as('admin', 'POST', '/api/v1/estates', { code: 'OTH2', name: '别处' })).json().id;
    const building = (await t.as('admin', 'POST', '/api/v1/buildings', { estateId: other, code: 'Z', name: 'Z栋', kind: 'multi_storey', floors: 6, entrances: 1 })).json().id;
    const unit = (await t.as('admin', 'POST', '/api/v1/units', { buildingId: building, floor: 1, number: '101', buildingArea: 50 })).json().id;
    expect((await t.as('cashier1', 'POST', '/api/v1/fees/lines', { unitId: unit, feeItemId: oneOff, amount: 100, description: 'x' })).statusCode).toBe(404);
  });
});

describe('adjustments', () => {
  it('a positive adjustment is a new line owed; the original is unchanged', async () => {
    const orig = await line(f.units.big, f.items.area);
    const res = await t.as('cashier1', 'POST', `/api/v1/fees/lines/${orig.id}/adjust`, { amount: 500, reason: '面积复核后补收' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ kind: 'adjustment', amount: 500, adjustsId: orig.id, reason: '面积复核后补收', period: '2026-03', feeItemId: f.items.area, totalDue: 500, open: true });
    expect(await line(f.units.big, f.items.area)).toEqual(orig);
  });

  it('a negative adjustment is a credit line that credits the original, never more than it owes', async () => {
    const orig = await line(f.units.big, f.items.water);
    const big = await t.as('cashier1', 'POST', `/api/v1/fees/lines/${orig.id}/adjust`, { amount: -6_001, reason: '抄表错误' });
    expect(big.statusCode).toBe(400);
    expect(Object.keys(big.json().error.fields)).toEqual(['amount']);
    const res = await t.as('cashier1', 'POST', `/api/v1/fees/lines/${orig.id}/adjust`, { amount: -1_000, reason: '抄表错误，多计 2 吨' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ kind: 'adjustment', amount: -1_000, adjustsId: orig.id, open: false, totalDue: 0 });
    const after = await line(f.units.big, f.items.water);
    expect(after).toMatchObject({ amount: 6_000, credited: 1_000, open: 1 });
    const shown = (await t.as('cashier1', 'GET', `/api/v1/fees/lines?unitId=${f.units.big}&feeItemId=${f.items.water}`)).json();
    expect(shown.items.find((l: { id: number }) => l.id === orig.id)).toMatchObject({ credited: 1_000, principalDue: 5_000 });
    // crediting the rest settles the line
    await t.as('cashier1', 'POST', `/api/v1/fees/lines/${orig.id}/adjust`, { amount: -5_000, reason: '整月免收' });
    expect(await line(f.units.big, f.items.water)).toMatchObject({ credited: 6_000, open: 0 });
    // a credit line itself cannot be adjusted
    expect((await t.as('cashier1', 'POST', `/api/v1/fees/lines/${res.json().id}/adjust`, { amount: 100, reason: 'x' })).statusCode).toBe(409);
    const audit = await t.db.selectFrom('audit_log').select('id').where('action', '=', 'adjust').where('entity_id', '=', String(orig.id)).execute();
    expect(audit).toHaveLength(2);
  });

  it('requires a reason and a non-zero amount', async () => {
    const orig = await line(f.units.small, f.items.area);
    expect((await t.as('cashier1', 'POST', `/api/v1/fees/lines/${orig.id}/adjust`, { amount: 100 })).statusCode).toBe(400);
    const zero = await t.as('cashier1', 'POST', `/api/v1/fees/lines/${orig.id}/adjust`, { amount: 0, reason: 'x' });
    expect(zero.statusCode).toBe(400);
    expect(zero.json().error.fields.amount).toBe('金额不能为 0');
    expect((await t.as('cs2', 'POST', `/api/v1/fees/lines/${orig.id}/adjust`, { amount: 100, reason: 'x' })).statusCode).toBe(403);
    expect((await t.as('director', 'POST', '/api/v1/fees/lines/999999/adjust', { amount: 100, reason: 'x' })).statusCode).toBe(404);
  });
});

describe('notices', () => {
  it('one notice per unit: lines of the period, arrears brought forward, late fees, prepaid balance, owner', async () => {
    const res = await t.as('cs1', 'GET', `/api/v1/fees/notices?estateId=${f.d.estate}&period=2026-03&buildingId=${f.building}`);
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items;
    // P01's parking fee is settled from its prepaid balance: nothing due, so no "应缴 ¥0.00" notice.
    expect(items.map((n: { unitLabel: string }) => n.unitLabel)).toEqual(['F1-101', 'F1-102']);
    expect(res.json().skipped).toBe(1);
    for (const n of items) expect(n.totalDue).toBeGreaterThan(0);
    const big = items[0];
    // March: area 251.25 + 5.00 adjustment, water 60.00 − 10.00 − 50.00 credited, shared 333.94, service 88.00
    expect(big).toMatchObject({ ownerName: '周明', buildingName: 'F1栋', areaName: '东区', period: '2026-03', arrears: 5_033, lateFees: 33, prepaidBalance: 0, dueOn: '2026-03-15', deliveredAt: null });
    expect(big.periodAmount).toBe(25_125 + 500 + 6_000 - 1_000 - 5_000 + 33_394 + 8_800);
    expect(big.totalDue).toBe(25_125 + 500 + 33_394 + 8_800 + 5_033);
    expect(big.lines).toHaveLength(7);
    expect((await t.as('cs2', 'GET', `/api/v1/fees/notices?estateId=${f.d.estate}&period=2026-03&buildingId=${f.building}`)).json().items).toEqual([]);
  });

  it('exports the billing list 缴费清单 as .xlsx with Chinese headers and the right totals; English on request', async () => {
    const url = `/api/v1/fees/notices.xlsx?estateId=${f.d.estate}&period=2026-03&buildingId=${f.building}`;
    const res = await t.as('cashier1', 'GET', url);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('缴费清单')!;
    expect(ws.getRow(2).getCell(1).value).toBe('房号');
    expect(ws.getRow(2).getCell(9).value).toBe('应缴(元)');
    const rows: Array<Array<unknown>> = [];
    ws.eachRow((r, n) => {
      if (n > 2) rows.push((r.values as unknown[]).slice(1));
    });
    const totalRow = rows.find((r) => r[0] === '合计')!;
    const detail = rows.filter((r) => r[0] !== '合计');
    const notices = (await t.as('cashier1', 'GET', url.replace('.xlsx', ''))).json().items;
    const billed = notices.reduce((a: number, n: { periodAmount: number }) => a + n.periodAmount, 0);
    expect(Math.round((totalRow[8] as number) * 100)).toBe(billed);
    expect(Math.round(detail.reduce((a, r) => a + (r[8] as number), 0) * 100)).toBe(billed);
    // one row per unit and item: 101 has area, water, shared, service; 102 area, shared, one-off (P01 owes nothing)
    expect(detail).toHaveLength(7);
    const area101 = detail.find((r) => r[0] === 'F1-101' && r[2] === '物业管理费')!;
    expect(area101.slice(4, 9)).toEqual([100.5, 2.5, 256.25, 0, 256.25]);
    const sum = wb.getWorksheet('缴费通知汇总')!;
    const last = (sum.getRow(sum.rowCount).values as unknown[]).slice(1);
    expect(last[0]).toBe('合计');
    expect(Math.round((last[8] as number) * 100)).toBe(notices.reduce((a: number, n: { totalDue: number }) => a + n.totalDue, 0));

    const en = await t.as('cashier1', 'GET', url, undefined, { 'accept-language': 'en-US' });
    const wbEn = new ExcelJS.Workbook();
    await wbEn.xlsx.load(en.rawPayload as unknown as ArrayBuffer);
    expect(wbEn.getWorksheet('Billing list')!.getRow(2).getCell(1).value).toBe('Unit');
  });

  it('the administrator marks notices delivered; a repeat changes nothing', async () => {
    const body = { period: '2026-03', unitIds: [f.units.big, f.units.small], note: '已投递信箱' };
    const first = await t.as('cs1', 'POST', '/api/v1/fees/notices/delivered', body);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toEqual({ marked: 2 });
    expect((await t.as('cs1', 'POST', '/api/v1/fees/notices/delivered', body)).json()).toEqual({ marked: 0 });
    const rows = await t.db.selectFrom('notice_deliveries').selectAll().where('period', '=', '2026-03').execute();
    expect(rows).toHaveLength(2);
    const audit = await t.db.selectFrom('audit_log').select('id').where('entity', '=', 'notice').execute();
    expect(audit).toHaveLength(1);
    const items = (await t.as('cs1', 'GET', `/api/v1/fees/notices?estateId=${f.d.estate}&period=2026-03&buildingId=${f.building}`)).json().items;
    expect(items[0].deliveredAt).toBe(rows[0]!.delivered_at);
    expect(items[1].deliveredAt).toBe(rows[0]!.delivered_at);
    expect((await t.as('cs2', 'POST', '/api/v1/fees/notices/delivered', body)).statusCode).toBe(404);
    expect((await t.as('cashier1', 'POST', '/api/v1/fees/notices/delivered', body)).statusCode).toBe(403);
  });
});
