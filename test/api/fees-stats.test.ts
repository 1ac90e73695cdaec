/**
 * Collection statistics (manual 4.1.4–4.1.5) on a small data set worked out by hand: billed and
 * collected for the lines of the period, arrears of earlier periods recovered shown apart (net of
 * reversals), by fee item, area and building, for a month, quarter, half-year and year, against
 * the targets (management fee 95 %, utilities 100 %); and the same as a workbook.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { insertFeeItem, insertLine, payLines, reverseAllocation } from '../helpers/fees.ts';
import { demoIds } from '../helpers/fixtures.ts';

let t: TestApp;
let ids: Awaited<ReturnType<typeof demoIds>>;
let M: number;
let W: number;

beforeAll(async () => {
  t = await createTestApp();
  ids = await demoIds(t);
  t.clock.setTo(new Date('2026-08-01T04:00:00.000Z'));
  M = await insertFeeItem(t, ids.estate, { name: '物业管理费', kind: 'area', target_rate: 9500 });
  W = await insertFeeItem(t, ids.estate, { name: '水费', kind: 'metered', target_rate: 10_000 });
  const [o, e, w] = [ids.owner1Unit.id, ids.eastUnit.id, ids.westUnit.id];
  const line = (unit: number, item: number, period: string, amount: number) => insertLine(t, unit, item, { period, amount, due_on: `${period}-15` });
  const pay = (unit: number, lineId: number, principal: number, onDate: string) => payLines(t, unit, onDate, [{ lineId, principal }]);

  // the year's bills: unit, item, period, amount → paid (on)
  await pay(o, await line(o, M, '2026-01', 10_000), 10_000, '2026-01-20');
  await pay(o, await line(o, W, '2026-01', 2_000), 2_000, '2026-01-20');
  await pay(e, await line(e, M, '2026-01', 8_000), 6_000, '2026-02-05');
  await pay(w, await line(w, M, '2026-01', 5_000), 2_000, '2026-04-10'); // a January bill paid in April: collected for January, recovered in Q2
  await pay(o, await line(o, M, '2026-02', 10_000), 10_000, '2026-02-10');
  await pay(e, await line(e, W, '2026-02', 1_000), 1_000, '2026-02-10');
  await pay(w, await line(w, M, '2026-04', 5_000), 5_000, '2026-04-10');
  await line(o, M, '2026-07', 10_000);
  // last year's arrears
  await pay(w, await line(w, M, '2025-12', 4_000), 4_000, '2026-01-10');
  const reversed = await pay(e, await line(e, M, '2025-11', 3_000), 3_000, '2026-02-05');
  await reverseAllocation(t, reversed, '2026-02-06');
  await pay(w, await line(w, W, '2025-12', 1_500), 1_500, '2026-04-03');
});
afterAll(() => t.close());

const stats = async (period: string, groupBy = 'item', user = 'assistant') => {
  const res = await t.as(user, 'GET', `/api/v1/fees/stats?estateId=${ids.estate}&period=${period}&groupBy=${groupBy}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const row = (s: any, name: string) => s.rows.find((r: any) => r.name === name);

describe('collection statistics', () => {
  it('a month by fee item: rate against each item\'s target, earlier arrears recovered apart', async () => {
    const s = await stats('2026-01');
    expect(s).toMatchObject({ from: '2026-01-01', to: '2026-01-31' });
    expect(row(s, '物业管理费')).toEqual({ key: M, name: '物业管理费', kind: 'area', billed: 23_000, collected: 18_000, rate: 7826, target: 9500, met: false, recovered: 4_000 });
    expect(row(s, '水费')).toEqual({ key: W, name: '水费', kind: 'metered', billed: 2_000, collected: 2_000, rate: 10_000, target: 10_000, met: true, recovered: 0 });
    // the total's target is each item's target weighted by what it billed: (23000 × 95 % + 2000 × 100 %) ÷ 25000 = 95.40 %
    expect(s.total).toEqual({ billed: 25_000, collected: 20_000, rate: 8000, target: 9540, met: false, recovered: 4_000 });
    expect(s.monthly).toEqual([{ period: '2026-01', ...s.total }]);
  });

  it('a quarter: three months in the series, a payment and its reversal cancel out', async () => {
    const s = await stats('2026-Q1');
    expect(row(s, '物业管理费')).toMatchObject({ billed: 33_000, collected: 28_000, rate: 8484, met: false, recovered: 4_000 });
    expect(row(s, '水费')).toMatchObject({ billed: 3_000, collected: 3_000, rate: 10_000, met: true, recovered: 0 });
    expect(s.total).toEqual({ billed: 36_000, collected: 31_000, rate: 8611, target: 9542, met: false, recovered: 4_000 });
    expect(s.monthly.map((m: any) => [m.period, m.billed, m.collected, m.rate, m.met, m.recovered])).toEqual([
      ['2026-01', 25_000, 20_000, 8000, false, 4_000],
      ['2026-02', 11_000, 11_000, 10_000, true, 0],
      ['2026-03', 0, 0, null, null, 0],
    ]);
  });

  it('a quarter by area and by building', async () => {
    const byArea = await stats('2026-Q1', 'area');
    expect(row(byArea, '东区')).toEqual({ key: ids.east, name: '东区', kind: null, billed: 31_000, collected: 29_000, rate: 9354, target: 9548, met: false, recovered: 0 });
    expect(row(byArea, '西区')).toEqual({ key: ids.west, name: '西区', kind: null, billed: 5_000, collected: 2_000, rate: 4000, target: 9500, met: false, recovered: 4_000 });
    expect(byArea.total).toMatchObject({ billed: 36_000, collected: 31_000, recovered: 4_000 });
    const byBuilding = await stats('2026-Q1', 'building');
    expect(byBuilding.rows.map((r: any) => [r.name, r.billed, r.collected, r.rate, r.target, r.met, r.recovered])).toEqual([
      ['1栋', 22_000, 22_000, 10_000, 9545, true, 0],
      ['2栋', 9_000, 7_000, 7777, 9556, false, 0],
      ['3栋', 5_000, 2_000, 4000, 9500, false, 4_000],
    ]);
  });

  it('Q2, a half-year and the year', async () => {
    const q2 = await stats('2026-Q2');
    expect(row(q2, '物业管理费')).toMatchObject({ billed: 5_000, collected: 5_000, rate: 10_000, met: true, recovered: 2_000 });
    expect(row(q2, '水费')).toMatchObject({ billed: 0, collected: 0, rate: null, met: null, target: 10_000, recovered: 1_500 });
    expect(q2.total).toMatchObject({ billed: 5_000, collected: 5_000, target: 9500, met: true, recovered: 3_500 });
    const h1 = await stats('2026-H1');
    expect(h1).toMatchObject({ from: '2026-01-01', to: '2026-06-30' });
    expect(h1.total).toMatchObject({ billed: 41_000, collected: 36_000, rate: 8780, recovered: 5_500 });
    const h2 = await stats('2026-H2');
    expect(h2.total).toMatchObject({ billed: 10_000, collected: 0, rate: 0, met: false, recovered: 0 });
    const y = await stats('2026');
    expect(y).toMatchObject({ from: '2026-01-01', to: '2026-12-31' });
    expect(y.monthly).toHaveLength(12);
    expect(row(y, '物业管理费')).toMatchObject({ billed: 48_000, collected: 33_000, rate: 6875, recovered: 4_000 });
    expect(y.total).toMatchObject({ billed: 51_000, collected: 36_000, rate: 7058, recovered: 5_500 });
    expect(y.monthly.reduce((a: number, m: any) => a + m.billed, 0)).toBe(51_000);
    expect(y.monthly.reduce((a: number, m: any) => a + m.recovered, 0)).toBe(5_500);
  });

  it('is scoped to the caller\'s areas and refuses a malformed period', async () => {
    const cs1 = await stats('2026-Q1', 'area', 'cs1');
    expect(cs1.rows.map((r: any) => r.name)).toEqual(['东区']);
    expect(cs1.total).toMatchObject({ billed: 31_000, collected: 29_000 });
    expect((await stats('2026-Q1', 'item', 'cashier1')).total.billed).toBe(36_000);
    for (const user of ['desk1', 'owner1']) expect((await t.as(user, 'GET', `/api/v1/fees/stats?estateId=${ids.estate}&period=2026`)).statusCode).toBe(403);
    for (const period of ['2026-13', '2026-Q5', '2026-H3', '26', '2026-1']) {
      const res = await t.as('assistant', 'GET', `/api/v1/fees/stats?estateId=${ids.estate}&period=${period}`);
      expect(res.statusCode, period).toBe(400);
      expect(res.json().error.fields).toHaveProperty('period');
    }
    expect((await t.as('assistant', 'GET', `/api/v1/fees/stats?estateId=999999&period=2026`)).statusCode).toBe(404);
  });

  it('exports a workbook: Chinese headers, rates as percentages, green when met and red when not; English on request', async () => {
    const res = await t.as('assistant', 'GET', `/api/v1/fees/stats.xlsx?estateId=${ids.estate}&period=2026-Q1`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as any);
    const ws = wb.getWorksheet('收缴率')!;
    const values = (r: number) => (ws.getRow(r).values as unknown[]).slice(1);
    expect(values(5)).toEqual(['收费项目', '应收', '实收', '收缴率', '目标', '达标', '收回往期欠费']);
    const rows = [6, 7, 8].map((r) => ws.getRow(r));
    const mgmt = rows.find((r) => r.getCell(1).value === '物业管理费')!;
    expect([mgmt.getCell(2).value, mgmt.getCell(3).value, mgmt.getCell(4).value, mgmt.getCell(5).value, mgmt.getCell(6).value, mgmt.getCell(7).value]).toEqual([330, 280, 0.8484, 0.95, '否', 40]);
    expect(mgmt.getCell(4).numFmt).toBe('0.00%');
    expect((mgmt.getCell(4).fill as any).fgColor.argb).toBe('FFFFC7CE');
    const water = rows.find((r) => r.getCell(1).value === '水费')!;
    expect((water.getCell(4).fill as any).fgColor.argb).toBe('FFC6EFCE');
    expect(rows.find((r) => r.getCell(1).value === '合计')!.getCell(2).value).toBe(360);
    expect(wb.getWorksheet('按月')!.rowCount).toBe(4);

    const en = await t.as('assistant', 'GET', `/api/v1/fees/stats.xlsx?estateId=${ids.estate}&period=2026-Q1&groupBy=area`, undefined, { 'accept-language': 'en' });
    const wbEn = new ExcelJS.Workbook();
    await wbEn.xlsx.load(en.rawPayload as any);
    expect((wbEn.getWorksheet('Collection rate')!.getRow(5).values as unknown[]).slice(1, 3)).toEqual(['Area', 'Billed']);
  });
});
