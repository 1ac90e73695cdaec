/**
 * Review findings of the fees module: each test failed before its fix.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
