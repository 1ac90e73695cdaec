/**
 * What changes money already taken or owed: reversals (冲正) and waivers (减免), asked for with a
 * reason and decided by the assistant or director; the daily close (日结) and its reconciliation;
 * and the ledger invariant per unit after it all (lines against allocations and waivers).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDate } from '../../src/core/clock.ts';
import { lateAccrued } from '../../src/core/fees.ts';
import { dueOf, linesWithRule, moneyOf, ruleOf } from '../../src/server/modules/fees/ledger.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { eastUnits, insertFeeItem, insertLine, paymentKey } from '../helpers/fees.ts';
import { demoIds } from '../helpers/fixtures.ts';

let t: TestApp;
let ids: Awaited<ReturnType<typeof demoIds>>;
let item: number;
let spare: number[];
let today: string;
const key = paymentKey;
const unit = () => spare.shift()!;

beforeAll(async () => {
  t = await createTestApp();
  t.clock.setTo(new Date('2026-12-10T02:00:00Z'));
  today = localDate(t.clock.now());
  ids = await demoIds(t);
  item = await insertFeeItem(t, ids.estate);
  spare = await eastUnits(t);
  for (const username of ['cashier2', 'cashier3']) {
    const res = await t.as('admin', 'POST', '/api/v1/users', { username, displayName: `${username} 收银`, role: 'cashier', password: 'Counter2026pw', scopes: [{ estateId: ids.estate }] });
    expect(res.statusCode, res.body).toBe(201);
    await t.login(username, 'Counter2026pw');
  }
});
afterAll(() => t.close());

const pay = async (body: Record<string, unknown>, user = 'cashier1') => {
  const res = await t.as(user, 'POST', '/api/v1/fees/payments', { method: 'cash', idempotencyKey: key(), ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
};
const dueNow = async (unitId: number) => (await t.as('cashier1', 'GET', `/api/v1/fees/units/${unitId}/account`)).json().totalDue as number;
const lineRow = (id: number) => t.db.selectFrom('bill_lines').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const balance = async (unitId: number) => (await t.as('cashier1', 'GET', `/api/v1/fees/units/${unitId}/account`)).json().prepaidBalance as number;

/**
 * billed + late fees − waived − paid = outstanding, for every line of the unit, with "paid" and
 * "waived" taken from the allocation and waiver tables rather than the line's own columns; and
 * the prepaid balance equals what valid payments put in less what they took out.
 */
async function checkLedger(unitId: number) {
  const lines = await linesWithRule(t.db).where('l.unit_id', '=', unitId).execute();
  for (const l of lines) {
    const alloc = await t.db
      .selectFrom('payment_allocations')
      .select((eb) => [eb.fn.coalesce(eb.fn.sum<number>('principal'), eb.lit(0)).as('p'), eb.fn.coalesce(eb.fn.sum<number>('late_fee'), eb.lit(0)).as('l')])
      .where('line_id', '=', l.id)
      .executeTakeFirstOrThrow();
    const waived = await t.db
      .selectFrom('fee_waivers')
      .select((eb) => [eb.fn.coalesce(eb.fn.sum<number>('principal'), eb.lit(0)).as('p'), eb.fn.coalesce(eb.fn.sum<number>('late_fee'), eb.lit(0)).as('l')])
      .where('line_id', '=', l.id)
      .where('status', '=', 'approved')
      .executeTakeFirstOrThrow();
    const late = lateAccrued(moneyOf(l), ruleOf(l), today);
    const outstanding = l.amount - l.credited + late - Number(waived.p) - Number(waived.l) - Number(alloc.p) - Number(alloc.l);
    expect(dueOf(l, today).total, `line ${l.id}`).toBe(outstanding);
    expect(l.paid).toBe(Number(alloc.p));
    expect(l.late_paid).toBe(Number(alloc.l));
    expect(l.waived).toBe(Number(waived.p));
    expect(l.late_waived).toBe(Number(waived.l));
    expect(l.open, `line ${l.id} open`).toBe(outstanding > 0 ? 1 : 0);
  }
  const valid = await t.db.selectFrom('payments').select(['method', 'amount', 'to_prepaid']).where('unit_id', '=', unitId).where('status', '=', 'valid').execute();
  const expected = valid.reduce((s, p) => s + p.to_prepaid - (p.method === 'prepaid' ? p.amount : 0), 0);
  expect(await balance(unitId)).toBe(expected);
}

describe('reversals', () => {
  it('the cashier asks, the cashier cannot approve, the assistant approves; lines reopen, deposit taken back, nothing deleted', async () => {
    const u = unit();
    const l1 = await insertLine(t, u, item, { amount: 10_000, period: '2026-09', due_on: '2026-09-15', late_from: '2026-11-03' });
    const l2 = await insertLine(t, u, item, { amount: 4_000, period: '2026-10', due_on: '2026-10-15' });
    const p = await pay({ unitId: u, amount: 15_000, expectedDue: 14_185, toPrepaid: true, method: 'card' });
    expect(p.toPrepaid).toBe(815);
    await checkLedger(u);

    const noReason = await t.as('cashier1', 'POST', `/api/v1/fees/payments/${p.id}/reversal`, { reason: '  ' });
    expect(noReason.statusCode).toBe(400);
    const req = await t.as('cashier1', 'POST', `/api/v1/fees/payments/${p.id}/reversal`, { reason: '刷错卡，业主改用微信支付' });
    expect(req.statusCode, req.body).toBe(201);
    const r = req.json();
    expect(r).toMatchObject({ status: 'pending', paymentId: p.id, receiptNo: p.receiptNo, amount: 15_000, requestedByName: '孙丽（收银员）', businessDate: null });
    expect((await t.as('cashier1', 'POST', `/api/v1/fees/payments/${p.id}/reversal`, { reason: '再次申请' })).statusCode).toBe(409);
    expect((await t.as('cashier1', 'POST', `/api/v1/fees/reversals/${r.id}/decide`, { approve: true })).statusCode).toBe(403);
    expect((await t.as('cs1', 'POST', `/api/v1/fees/reversals/${r.id}/decide`, { approve: true })).statusCode).toBe(403);
    const pending = await t.as('assistant', 'GET', `/api/v1/fees/reversals?estateId=${ids.estate}&status=pending`);
    expect(pending.json().items.map((x: any) => x.id)).toContain(r.id);

    const ok = await t.as('assistant', 'POST', `/api/v1/fees/reversals/${r.id}/decide`, { approve: true, note: '核实无误' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'approved', decidedByName: expect.any(String), decisionNote: '核实无误', businessDate: today });
    expect((await t.as('director', 'POST', `/api/v1/fees/reversals/${r.id}/decide`, { approve: false })).statusCode).toBe(409);

    const receipt = (await t.as('cashier1', 'GET', `/api/v1/fees/payments/${p.id}`)).json();
    expect(receipt).toMatchObject({ status: 'reversed', reversal: { id: r.id, status: 'approved', businessDate: today } });
    expect(receipt.allocations).toHaveLength(2); // the receipt keeps what was paid
    expect(await lineRow(l1)).toMatchObject({ paid: 0, late_paid: 0, open: 1 });
    expect(await lineRow(l2)).toMatchObject({ paid: 0, open: 1 });
    expect(await dueNow(u)).toBe(14_185);
    expect(await balance(u)).toBe(0);
    const rows = await t.db.selectFrom('payment_allocations').select(['principal', 'late_fee', 'reversal_id']).where('payment_id', '=', p.id).orderBy('id').execute();
    expect(rows).toEqual([
      { principal: 10_000, late_fee: 185, reversal_id: null },
      { principal: 4_000, late_fee: 0, reversal_id: null },
      { principal: -10_000, late_fee: -185, reversal_id: r.id },
      { principal: -4_000, late_fee: 0, reversal_id: r.id },
    ]);
    expect((await t.as('cashier1', 'POST', `/api/v1/fees/payments/${p.id}/reversal`, { reason: '已冲正的再冲' })).statusCode).toBe(409);
    await checkLedger(u);

    // Paid again properly, then the ladder goes on.
    await pay({ unitId: u, amount: 14_185, expectedDue: 14_185, method: 'wechat' });
    expect(await dueNow(u)).toBe(0);
    await checkLedger(u);
  });

  it('a rejected request changes nothing; nobody decides his own request', async () => {
    const u = unit();
    const l = await insertLine(t, u, item, { amount: 2_000, period: '2026-10', due_on: '2026-10-15' });
    const p = await pay({ unitId: u, amount: 2_000, expectedDue: 2_000 });
    const r = (await t.as('cashier1', 'POST', `/api/v1/fees/payments/${p.id}/reversal`, { reason: '误操作' })).json();
    const no = await t.as('director', 'POST', `/api/v1/fees/reversals/${r.id}/decide`, { approve: false, note: '收款无误' });
    expect(no.statusCode).toBe(200);
    expect(no.json().status).toBe('rejected');
    expect(await lineRow(l)).toMatchObject({ paid: 2_000, open: 0 });
    expect((await t.as('cashier1', 'GET', `/api/v1/fees/payments/${p.id}`)).json().status).toBe('valid');

    const own = (await t.as('assistant', 'POST', `/api/v1/fees/payments/${p.id}/reversal`, { reason: '助理发现重复收款' })).json();
    const self = await t.as('assistant', 'POST', `/api/v1/fees/reversals/${own.id}/decide`, { approve: true });
    expect(self.statusCode).toBe(409);
    expect(self.json().error.message).toContain('自己');
    expect((await t.as('director', 'POST', `/api/v1/fees/reversals/${own.id}/decide`, { approve: true })).statusCode).toBe(200);
    await checkLedger(u);
  });

  it('two approvers deciding at once: one decision, the payment reversed once', async () => {
    const u = unit();
    const l = await insertLine(t, u, item, { amount: 2_200, period: '2026-10', due_on: '2026-10-15' });
    const p = await pay({ unitId: u, amount: 2_200, expectedDue: 2_200 });
    const r = (await t.as('cashier1', 'POST', `/api/v1/fees/payments/${p.id}/reversal`, { reason: '收错户' })).json();
    await Promise.all([t.login('assistant'), t.login('director')]);
    const res = await Promise.all(['assistant', 'director'].map((user) => t.as(user, 'POST', `/api/v1/fees/reversals/${r.id}/decide`, { approve: true })));
    expect(res.map((x) => x.statusCode).sort()).toEqual([200, 409]);
    expect(await lineRow(l)).toMatchObject({ paid: 0, open: 1 });
    expect(await t.db.selectFrom('payment_allocations').select('id').where('reversal_id', '=', r.id).execute()).toHaveLength(1);
    await checkLedger(u);
  });

  it('a deposit already used cannot be reversed (409 with the balance), and a payment from prepaid returns it', async () => {
    const u = unit();
    const dep = (await t.as('cashier1', 'POST', '/api/v1/fees/prepaid', { unitId: u, amount: 3_000, method: 'cash', idempotencyKey: key() })).json();
    await insertLine(t, u, item, { amount: 2_000, period: '2026-10', due_on: '2026-10-15' });
    const used = await pay({ unitId: u, amount: 2_000, expectedDue: 2_000, method: 'prepaid' });
    expect(await balance(u)).toBe(1_000);
    const r1 = (await t.as('cashier1', 'POST', `/api/v1/fees/payments/${dep.id}/reversal`, { reason: '退预存' })).json();
    const refused = await t.as('assistant', 'POST', `/api/v1/fees/reversals/${r1.id}/decide`, { approve: true });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toContain('10.00');
    expect((await t.as('cashier1', 'GET', `/api/v1/fees/payments/${dep.id}`)).json().status).toBe('valid');
    // reverse the use first: the balance comes back, then the deposit can go
    const r2 = (await t.as('cashier1', 'POST', `/api/v1/fees/payments/${used.id}/reversal`, { reason: '业主要求现金缴' })).json();
    expect((await t.as('assistant', 'POST', `/api/v1/fees/reversals/${r2.id}/decide`, { approve: true })).statusCode).toBe(200);
    expect(await balance(u)).toBe(3_000);
    expect((await t.as('assistant', 'POST', `/api/v1/fees/reversals/${r1.id}/decide`, { approve: true })).statusCode).toBe(200);
    expect(await balance(u)).toBe(0);
    expect(await dueNow(u)).toBe(2_000);
    await checkLedger(u);
  });
});

describe('waivers', () => {
  it('asks with a reason, refuses more than is owed, approval waives through the ledger', async () => {
    const u = unit();
    const l = await insertLine(t, u, item, { amount: 10_000, period: '2026-09', due_on: '2026-09-15', late_from: '2026-11-03' });
    const above = await t.as('cs1', 'POST', '/api/v1/fees/waivers', { lineId: l, principal: 0, lateFee: 186, reason: '服务不到位' });
    expect(above.statusCode).toBe(400);
    expect(Object.keys(above.json().error.fields)).toEqual(['lateFee']);
    const empty = await t.as('cs1', 'POST', '/api/v1/fees/waivers', { lineId: l, principal: 0, lateFee: 0, reason: '服务不到位' });
    expect(empty.statusCode).toBe(400);
    const w = await t.as('cs1', 'POST', '/api/v1/fees/waivers', { lineId: l, principal: 1_000, lateFee: 185, reason: '电梯停运一个月，主任协商减免' });
    expect(w.statusCode, w.body).toBe(201);
    expect(w.json()).toMatchObject({ status: 'pending', principal: 1_000, lateFee: 185, lineId: l, period: '2026-09' });
    expect((await t.as('cs1', 'POST', '/api/v1/fees/waivers', { lineId: l, principal: 1, lateFee: 0, reason: '再申请' })).statusCode).toBe(409);
    expect((await t.as('cashier1', 'POST', `/api/v1/fees/waivers/${w.json().id}/decide`, { approve: true })).statusCode).toBe(403);
    const ok = await t.as('director', 'POST', `/api/v1/fees/waivers/${w.json().id}/decide`, { approve: true, note: '同意' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().status).toBe('approved');
    expect((await t.as('assistant', 'POST', `/api/v1/fees/waivers/${w.json().id}/decide`, { approve: true })).statusCode).toBe(409);
    expect(await lineRow(l)).toMatchObject({ waived: 1_000, late_waived: 185, late_fee: 185, late_until: today });
    expect(await dueNow(u)).toBe(9_000);
    await checkLedger(u);
    // the late fee keeps accruing on what is left: a day later 9000 × 0.05 % = 4.50 → 5 fen
    t.clock.advance(86_400_000);
    today = localDate(t.clock.now());
    expect(await dueNow(u)).toBe(9_005);
    await checkLedger(u);
    t.clock.advance(-86_400_000);
    today = localDate(t.clock.now());
  });

  it('a payment after the request leaves less to waive: the approval answers 409', async () => {
    const u = unit();
    const l = await insertLine(t, u, item, { amount: 3_000, period: '2026-10', due_on: '2026-10-15' });
    const w = (await t.as('assistant', 'POST', '/api/v1/fees/waivers', { lineId: l, principal: 2_000, lateFee: 0, reason: '空置期' })).json();
    await pay({ unitId: u, amount: 2_000, expectedDue: 3_000 });
    const res = await t.as('director', 'POST', `/api/v1/fees/waivers/${w.id}/decide`, { approve: true });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toContain('10.00');
    expect((await lineRow(l)).waived).toBe(0);
    const no = await t.as('director', 'POST', `/api/v1/fees/waivers/${w.id}/decide`, { approve: false, note: '已部分缴费' });
    expect(no.json().status).toBe('rejected');
    const list = await t.as('cashier1', 'GET', `/api/v1/fees/waivers?estateId=${ids.estate}&status=rejected`);
    expect(list.json().items.map((x: any) => x.id)).toContain(w.id);
    await checkLedger(u);
  });
});

describe('daily close 日结', () => {
  it('totals by method, reversals as negatives, reconciles, closes once; later payments go to the next day', async () => {
    const [u1, u2] = [unit(), unit()];
    await insertLine(t, u1, item, { amount: 5_000, period: '2026-10', due_on: '2026-10-15' });
    await insertLine(t, u2, item, { amount: 3_000, period: '2026-10', due_on: '2026-10-15' });
    const a = await pay({ unitId: u1, amount: 5_500, expectedDue: 5_000, toPrepaid: true, method: 'cash' }, 'cashier2');
    const b = await pay({ unitId: u2, amount: 3_000, expectedDue: 3_000, method: 'wechat' }, 'cashier2');
    const c = (await t.as('cashier2', 'POST', '/api/v1/fees/prepaid', { unitId: u2, amount: 2_000, method: 'alipay', idempotencyKey: key() })).json();
    const rv = (await t.as('cashier2', 'POST', `/api/v1/fees/payments/${b.id}/reversal`, { reason: '重复收款' })).json();
    expect((await t.as('assistant', 'POST', `/api/v1/fees/reversals/${rv.id}/decide`, { approve: true })).statusCode).toBe(200);

    const day = await t.as('cashier2', 'GET', `/api/v1/fees/close?estateId=${ids.estate}&date=${today}`);
    expect(day.statusCode, day.body).toBe(200);
    const d = day.json();
    expect(d).toMatchObject({
      date: today,
      cashierName: 'cashier2 收银',
      payments: 3,
      amount: 10_500,
      reversed: 3_000,
      byMethod: { cash: 5_500, wechat: 0, alipay: 2_000 },
      allocated: 5_000,
      toPrepaid: 2_500,
      reconciled: true,
      closed: null,
    });
    expect(d.items.map((p: any) => p.id)).toEqual([a.id, b.id, c.id]);
    expect(d.reversals.map((r: any) => r.id)).toEqual([rv.id]);
    // the assistant looks at cashier2's day too
    const other = await t.as('assistant', 'GET', `/api/v1/fees/close?estateId=${ids.estate}&date=${today}&cashierId=${await userId("cashier2")}`);
    expect(other.json().amount).toBe(10_500);

    expect((await t.as('cashier2', 'POST', '/api/v1/fees/close', { estateId: ids.estate, date: '2099-01-01' })).statusCode).toBe(400);
    const closed = await t.as('cashier2', 'POST', '/api/v1/fees/close', { estateId: ids.estate, date: today });
    expect(closed.statusCode, closed.body).toBe(201);
    expect(closed.json()).toMatchObject({ date: today, payments: 3, amount: 10_500, reversed: 3_000, byMethod: { cash: 5_500, wechat: 0, alipay: 2_000 } });
    const again = await t.as('cashier2', 'POST', '/api/v1/fees/close', { estateId: ids.estate, date: today });
    expect(again.statusCode).toBe(409);
    const stamped = await t.db.selectFrom('payments').select('close_id').where('id', 'in', [a.id, b.id, c.id]).execute();
    expect(stamped.every((p) => p.close_id === closed.json().id)).toBe(true);
    expect((await t.as('cashier2', 'GET', `/api/v1/fees/close?estateId=${ids.estate}&date=${today}`)).json().closed.id).toBe(closed.json().id);
    // the assistant finds cashier2 among the day's cashiers, closed
    const cashiers = (await t.as('assistant', 'GET', `/api/v1/fees/close/cashiers?estateId=${ids.estate}&date=${today}`)).json().items;
    expect(cashiers).toContainEqual({ cashierId: await userId('cashier2'), cashierName: expect.any(String), payments: 3, amount: 10_500, closed: true });
    expect((await t.as('cs1', 'GET', `/api/v1/fees/close/cashiers?estateId=${ids.estate}&date=${today}`)).statusCode).toBe(403); // an area administrator has no daily close (fee.close)

    // after the close, cashier2's payments and reversals of his payments are booked on the next day
    await insertLine(t, u2, item, { amount: 1_000, period: '2026-11', due_on: '2026-11-15' });
    const late = await pay({ unitId: u2, amount: 1_000, expectedDue: 4_000 }, 'cashier2');
    expect(late.businessDate).toBe('2026-12-11');
    const rv2 = (await t.as('cashier2', 'POST', `/api/v1/fees/payments/${a.id}/reversal`, { reason: '金额有误' })).json();
    const dec = await t.as('director', 'POST', `/api/v1/fees/reversals/${rv2.id}/decide`, { approve: true });
    expect(dec.json().businessDate).toBe('2026-12-11');
    const closedDay = (await t.as('cashier2', 'GET', `/api/v1/fees/close?estateId=${ids.estate}&date=${today}`)).json();
    expect(closedDay).toMatchObject({ payments: 3, amount: 10_500, reversed: 3_000, reconciled: true });
    const next = (await t.as('cashier2', 'GET', `/api/v1/fees/close?estateId=${ids.estate}&date=2026-12-11`)).json();
    expect(next).toMatchObject({ payments: 1, amount: 1_000, reversed: 5_500, byMethod: { cash: -4_500 }, allocated: -4_000, toPrepaid: -500, reconciled: true });
    await checkLedger(u1);
    await checkLedger(u2);
  });

  it('the check can fail: a payment whose money did not reach the ledger stops the close', async () => {
    const u = unit();
    await insertLine(t, u, item, { amount: 2_000, period: '2026-10', due_on: '2026-10-15' });
    const p = await pay({ unitId: u, amount: 2_000, expectedDue: 2_000 }, 'cashier3');
    // someone edits the payment behind the application's back
    await t.db.updateTable('payments').set({ amount: 2_100 }).where('id', '=', p.id).execute();
    const d = (await t.as('cashier3', 'GET', `/api/v1/fees/close?estateId=${ids.estate}&date=${today}`)).json();
    expect(d).toMatchObject({ amount: 2_100, allocated: 2_000, toPrepaid: 0, reconciled: false });
    const res = await t.as('cashier3', 'POST', '/api/v1/fees/close', { estateId: ids.estate, date: today });
    expect(res.statusCode).toBe(409);
    expect(await t.db.selectFrom('daily_closes').select('id').where('cashier_id', '=', await userId('cashier3')).execute()).toHaveLength(0);
    await t.db.updateTable('payments').set({ amount: 2_000 }).where('id', '=', p.id).execute();
    // two closes at once: one wins
    await t.login('cashier3');
    const both = await Promise.all([1, 2].map(() => t.as('cashier3', 'POST', '/api/v1/fees/close', { estateId: ids.estate, date: today })));
    expect(both.map((r) => r.statusCode).sort()).toEqual([201, 409]);
  });
});

async function userId(username: string) {
  return (await t.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
}
