/** Demo meters and a year of readings: consistent chains the reading screens and billing can use. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDate } from '../../src/core/clock.ts';
import { addMonths } from '../../src/core/fees.ts';
import { seedDemoMeters } from '../../src/server/modules/fees/items/meters.demo.ts';
import { readingsForPeriod } from '../../src/server/modules/fees/items/readings.repository.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { demoIds } from '../helpers/fixtures.ts';

let t: TestApp;
let ids: Awaited<ReturnType<typeof demoIds>>;
let today: string;

beforeAll(async () => {
  t = await createTestApp();
  ids = await demoIds(t);
  today = localDate(t.clock.now());
});
afterAll(() => t.close());

describe('demo meters', () => {
  it('installs meters for every unit and building and reads twelve periods', async () => {
    const res = await seedDemoMeters(t.db, ids.estate, today);
    const units = (await t.db.selectFrom('units').select('id').where('estate_id', '=', ids.estate).execute()).length;
    expect(res.meters).toBeGreaterThan(units * 2);
    expect(res.readings).toBe(res.meters * 12);
    const last = addMonths(today.slice(0, 7), -1);
    const rows = await readingsForPeriod(t.db, ids.estate, last);
    expect(rows).toHaveLength(res.meters);
    expect(rows.some((r) => r.unitId == null && r.meterKind === 'electricity')).toBe(true);
    expect(rows.every((r) => r.usage === r.value - r.previous && r.usage >= 0)).toBe(true);
  });

  it('each chain continues: the previous value is the last reading, and the next reading is accepted', async () => {
    const period = today.slice(0, 7);
    const sheet = (await t.as('cs1', 'GET', `/api/v1/fees/readings?estateId=${ids.estate}&period=${period}&buildingId=${ids.eastUnit.buildingId}&kind=water`)).json().items as any[];
    expect(sheet.length).toBeGreaterThan(10);
    const last = await readingsForPeriod(t.db, ids.estate, addMonths(period, -1));
    for (const row of sheet) expect(row.previous).toBe(last.find((r) => r.meterId === row.meterId)!.value);
    const res = await t.as('cs1', 'POST', '/api/v1/fees/readings', { estateId: ids.estate, period, readOn: today, rows: sheet.map((r) => ({ meterId: r.meterId, value: r.previous + 12 })) });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().saved).toBe(sheet.length);
  });
});
