/**
 * The owner's fees in the portal: only his units; open lines with the late fee to date, prepaid
 * balance, payments, delivered notices and the ladder's steps without the staff's notes; his
 * receipts only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { insertFeeItem, insertLine, payLines } from '../helpers/fees.ts';
import { demoIds } from '../helpers/fixtures.ts';

let t: TestApp;
let ids: Awaited<ReturnType<typeof demoIds>>;
let l1: number;
let l2: number;
let mine: number;
let theirs: number;

beforeAll(async () => {
  t = await createTestApp();
  ids = await demoIds(t);
  const own = ids.owner1Unit.id;
  const M = await insertFeeItem(t, ids.estate, { name: '物业管理费' });
  l1 = await insertLine(t, own, M, { period: '2026-01', amount: 10_000, due_on: '2026-01-15' });
  l2 = await insertLine(t, own, M, { period: '2026-02', amount: 10_000, due_on: '2026-02-15' });
  mine = await payLines(t, own, '2026-02-10', [{ lineId: l2, principal: 10_000 }]);
  const other = await insertLine(t, ids.eastUnit.id, M, { period: '2026-02', amount: 8_000, due_on: '2026-02-15' });
  theirs = await payLines(t, ids.eastUnit.id, '2026-02-10', [{ lineId: other, principal: 8_000 }]);
  await t.db.insertInto('notice_deliveries').values({ estate_id: ids.estate, unit_id: own, period: '2026-01', delivered_at: '2026-01-03T02:00:00.000Z', delivered_by: null, delivered_by_name: '张敏', note: null }).execute();
  await t.db.insertInto('prepaid_entries').values({ estate_id: ids.estate, unit_id: own, kind: 'deposit', amount: 5_000, payment_id: null, line_id: null, run_id: null, note: null, at: '2026-02-10T02:00:00.000Z' }).execute();

  t.clock.setTo(new Date('2026-03-01T04:00:00.000Z'));
  expect((await t.as('cs1', 'POST', '/api/v1/fees/arrears/reminders', { estateId: ids.estate, minDays: 1 })).statusCode).toBe(200);
  expect((await t.as('cs1', 'POST', `/api/v1/fees/arrears/${own}/steps`, { step: 2, deadline: '2026-03-04', outcome: '业主态度冷淡' })).statusCode).toBe(201);
  t.clock.setTo(new Date('2026-03-05T04:00:00.000Z'));
  const visit = await t.as('cs1', 'POST', `/api/v1/fees/arrears/${own}/steps`, { step: 3, reason: '嫌电梯常坏', dissatisfaction: '电梯维修太慢', outcome: '内部备注：难沟通' });
  expect(visit.statusCode, visit.body).toBe(201);
});
afterAll(() => t.close());

describe('the owner portal', () => {
  it('shows only his units: open lines with late fee to date, total due, prepaid balance, payments, notices, steps', async () => {
    const res = await t.as('owner1', 'GET', '/api/v1/portal/fees');
    expect(res.statusCode, res.body).toBe(200);
    const { units } = res.json();
    const owned = (await t.db.selectFrom('owner_units as o').innerJoin('users as u', 'u.id', 'o.user_id').select('o.unit_id').where('u.username', '=', 'owner1').execute()).map((r) => r.unit_id);
    expect(units.map((u: any) => u.unitId).sort()).toEqual(owned.sort());
    expect(units.map((u: any) => u.unitId)).not.toContain(ids.eastUnit.id);
    const u = units.find((x: any) => x.unitId === ids.owner1Unit.id);
    // late fee from the deadline notice on 1 March: 4 days × 100.00 元 × 0.05 % = 0.20 元
    expect(u.openLines.map((l: any) => [l.id, l.lateFee, l.totalDue])).toEqual([[l1, 20, 10_020]]);
    expect(u).toMatchObject({ unitLabel: '1-1-1201', totalDue: 10_020, prepaidBalance: 5_000 });
    expect(u.payments.map((p: any) => [p.id, p.amount, p.status])).toEqual([[mine, 10_000, 'valid']]);
    expect(u.notices).toEqual([{ period: '2026-01', deliveredAt: '2026-01-03T02:00:00.000Z' }]);
    expect(u.arrearsSteps).toEqual([
      { step: 1, onDate: '2026-03-01', channel: 'notice', deadline: null, resolution: null },
      { step: 2, onDate: '2026-03-01', channel: 'notice', deadline: '2026-03-04', resolution: null },
      { step: 3, onDate: '2026-03-05', channel: 'visit', deadline: null, resolution: null },
    ]);
    for (const staffText of ['嫌电梯常坏', '电梯维修太慢', '难沟通', '态度冷淡', '张敏']) expect(res.body).not.toContain(staffText);
  });

  it('shows his receipt, and not another unit\'s', async () => {
    const res = await t.as('owner1', 'GET', `/api/v1/portal/fees/payments/${mine}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id: mine, unitId: ids.owner1Unit.id, unitLabel: '1-1-1201', amount: 10_000, allocations: [{ lineId: l2, itemName: '物业管理费', period: '2026-02', principal: 10_000, lateFee: 0 }] });
    // 交款人 as on the staff's print: the typed payer, else the owner (none was typed here)
    const staff = (await t.as('cashier1', 'GET', `/api/v1/fees/payments/${mine}`)).json();
    expect(staff.payerName).toBeNull();
    expect(staff.ownerName).toBeTruthy();
    expect(res.json()).toMatchObject({ payerName: null, ownerName: staff.ownerName, estateName: staff.estateName });
    const other = await t.as('owner1', 'GET', `/api/v1/portal/fees/payments/${theirs}`);
    expect(other.statusCode).toBe(404);
    expect(other.json().error.message).toContain('收据');
    expect((await t.as('owner1', 'GET', '/api/v1/portal/fees/payments/999999')).statusCode).toBe(404);
    expect((await t.as('cashier1', 'GET', `/api/v1/portal/fees/payments/${mine}`)).statusCode).toBe(403);
    expect((await t.as('cs1', 'GET', '/api/v1/portal/fees')).statusCode).toBe(403);
  });

  it('shows a reversed receipt as the staff see it: what the payment paid, not the reversal\'s negative rows; payments as the contract\'s Payment', async () => {
    const own = ids.owner1Unit.id;
    const M = await insertFeeItem(t, ids.estate, { name: '水费' });
    const line = await insertLine(t, own, M, { period: '2026-03', amount: 3_000, due_on: '2026-03-20' });
    const paid = await payLines(t, own, '2026-03-05', [{ lineId: line, principal: 3_000 }]);
    const asked = await t.as('cashier1', 'POST', `/api/v1/fees/payments/${paid}/reversal`, { reason: '收错户' });
    expect(asked.statusCode, asked.body).toBe(201);
    const decided = await t.as('director', 'POST', `/api/v1/fees/reversals/${asked.json().id}/decide`, { approve: true });
    expect(decided.statusCode, decided.body).toBe(200);
    const staff = (await t.as('cashier1', 'GET', `/api/v1/fees/payments/${paid}`)).json();
    const res = await t.as('owner1', 'GET', `/api/v1/portal/fees/payments/${paid}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id: paid, status: 'reversed', closeId: null });
    expect(res.json().allocations).toEqual([{ lineId: line, itemName: '水费', period: '2026-03', principal: 3_000, lateFee: 0 }]);
    expect(res.json().allocations).toEqual(staff.allocations);
    const u = (await t.as('owner1', 'GET', '/api/v1/portal/fees')).json().units.find((x: any) => x.unitId === own);
    const listed = (await t.as('cashier1', 'GET', `/api/v1/fees/payments?estateId=${ids.estate}&unitId=${own}`)).json().items.find((p: any) => p.id === paid);
    expect(u.payments.find((p: any) => p.id === paid)).toEqual(listed);
  });
});
