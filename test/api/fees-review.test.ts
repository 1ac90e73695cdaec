/**
 * Review findings of the fees module: each test failed before its fix.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chunks } from '../../src/server/db/codec.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { eastUnits, insertFeeItem, insertLine, paymentKey } from '../helpers/fees.ts';
import { demoIds } from '../helpers/fixtures.ts';

let t: TestApp;
let ids: Awaited<ReturnType<typeof demoIds>>;
let spare: number[];

beforeAll(async () => {
  t = await createTestApp();
  t.clock.setTo(new Date('2026-06-10T02:00:00Z'));
  ids = await demoIds(t);
  spare = await eastUnits(t);
});
afterAll(() => t.close());

describe('late fee rule changed after a late fee was paid', () => {
  it('a lower cap never takes back a late fee already charged: the line still owes its principal', async () => {
    const unitId = spare.shift()!;
    const item = await insertFeeItem(t, ids.estate, { late_start: 'due', late_cap_bp: 10_000 });
    // Due 2026-03-31, late from 04-01: 70 days × 0.05 % of 100.00 元 = 3.50 元 by 06-10.
    const lineId = await insertLine(t, unitId, item, { period: '2026-03', amount: 10_000, due_on: '2026-03-31', late_from: '2026-04-01' });
    const acc = (await t.as('cashier1', 'GET', `/api/v1/fees/units/${unitId}/account`)).json();
    const line = acc.openLines.find((l: any) => l.id === lineId);
    expect(line.lateDue).toBe(350);
    // Half the principal and the whole late fee paid.
    const pay = await t.as('cashier1', 'POST', '/api/v1/fees/payments', { unitId, lineIds: [lineId], amount: 5350, expectedDue: 10_350, method: 'cash', idempotencyKey: paymentKey() });
    expect(pay.statusCode, pay.body).toBe(201);
    // The late-fee cap is lowered to 1 % (1.00 元) for the future.
    const patch = await t.as('assistant', 'PATCH', `/api/v1/fees/items/${item}`, { lateCapBp: 100 });
    expect(patch.statusCode, patch.body).toBe(200);
    const after = (await t.as('cashier1', 'GET', `/api/v1/fees/units/${unitId}/account`)).json();
    const l2 = after.openLines.find((l: any) => l.id === lineId);
    expect(l2.principalDue).toBe(5000);
    expect(l2.lateDue).toBeGreaterThanOrEqual(0);
    expect(after.totalDue).toBe(l2.principalDue + l2.lateDue);
    expect(l2.lateFee).toBeGreaterThanOrEqual(350);
  });
});

describe('notices delivered for a large area', () => {
  it('marks 5000 units at once (the schema allows 5000) without a 500', async () => {
    const b = await t.db
      .insertInto('buildings')
      .values({ estate_id: ids.estate, area_id: ids.east, code: 'RV1', name: 'RV1栋', kind: 'high_rise', floors: 50, entrances: 1, built_year: 2020, notes: null, archived_at: null, created_at: '2026-01-01T00:00:00.000Z' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const rows = Array.from({ length: 5000 }, (_, i) => ({
      estate_id: ids.estate, building_id: b.id, entrance: null, floor: 1 + Math.floor(i / 100), number: String(10_000 + i), building_area: 8000, usage: 'residential', status: 'vacant',
      structure: null, quality_notes: null, delivered_on: null, archived_at: null, created_at: '2026-01-01T00:00:00.000Z', updated_at: '2026-01-01T00:00:00.000Z',
    }));
    const unitIds: number[] = [];
    for (const part of chunks(rows, 500)) unitIds.push(...(await t.db.insertInto('units').values(part).returning('id').execute()).map((r) => r.id));
    const res = await t.as('cs1', 'POST', '/api/v1/fees/notices/delivered', { period: '2026-06', unitIds });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().marked).toBe(5000);
    const again = await t.as('cs1', 'POST', '/api/v1/fees/notices/delivered', { period: '2026-06', unitIds });
    expect(again.json().marked).toBe(0);
  });
});
