/**
 * One owner's month through every part, with nothing inserted by hand: the cashier's billing run
 * issues the bill → it falls due → the administrator's reminder → the deadline notice starts the
 * late fee → it grows day by day → the cashier takes payment at the counter → the late fee stops,
 * the board drops the unit, the statistics count the money and the owner sees his receipt.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { areaCharge } from '../../src/core/fees.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { demoIds } from '../helpers/fixtures.ts';

let t: TestApp;
let ids: Awaited<ReturnType<typeof demoIds>>;
let pmf: { id: number; price: number };
let principal: number;
const at = (date: string) => t.clock.setTo(new Date(`${date}T04:00:00.000Z`)); // noon in China

const account = async () => {
  const res = await t.as('cashier1', 'GET', `/api/v1/fees/units/${ids.owner1Unit.id}/account`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

beforeAll(async () => {
  t = await createTestApp();
  ids = await demoIds(t);
  const items = (await t.as('director', 'GET', `/api/v1/fees/items?estateId=${ids.estate}`)).json().items as any[];
  const item = items.find((i) => i.code === 'PMF');
  pmf = { id: item.id, price: item.currentPrice?.price ?? item.prices.at(-1).price };
  const unit = await t.db.selectFrom('units').select('building_area').where('id', '=', ids.owner1Unit.id).executeTakeFirstOrThrow();
  principal = areaCharge(unit.building_area, pmf.price, 1);
});
afterAll(() => t.close());

describe('a bill from the run to the receipt', () => {
  it('the run bills the month; the line is owed from its due date', async () => {
    at('2026-03-05');
    const run = await t.as('cashier1', 'POST', '/api/v1/fees/runs', { estateId: ids.estate, period: '2026-03', feeItemIds: [pmf.id] });
    expect(run.statusCode, run.body).toBe(202);
    let status = '';
    for (let i = 0; i < 100 && status !== 'done'; i++) {
      status = (await t.as('cashier1', 'GET', `/api/v1/fees/runs/${run.json().runId}`)).json().status;
      if (status !== 'done') await new Promise((r) => setTimeout(r, 20));
    }
    expect(status).toBe('done');
    const a = await account();
    expect(a.openLines).toHaveLength(1);
    expect(a.openLines[0]).toMatchObject({ feeItemId: pmf.id, period: '2026-03', amount: principal, dueOn: '2026-03-20', lateDue: 0 });
    expect(a.totalDue).toBe(principal);
  });

  it('overdue: a reminder, then the deadline notice starts the late fee, which grows 0.05 % a day', async () => {
    at('2026-04-25');
    const rem = await t.as('cs1', 'POST', '/api/v1/fees/arrears/reminders', { estateId: ids.estate, minDays: 30, areaId: ids.east });
    expect(rem.statusCode).toBe(200);
    expect(rem.json().units.map((u: any) => u.unitId)).toContain(ids.owner1Unit.id);
    expect((await account()).openLines[0].lateDue).toBe(0);

    at('2026-05-01');
    const step = await t.as('cs1', 'POST', `/api/v1/fees/arrears/${ids.owner1Unit.id}/steps`, { step: 2, deadline: '2026-05-15', channel: 'notice', outcome: '业主签收' });
    expect(step.statusCode, step.body).toBe(201);
    const daily = (days: number) => Math.round((principal * days * 500) / 1_000_000);
    for (const [day, days] of [['2026-05-02', 1], ['2026-05-03', 2], ['2026-05-11', 10]] as const) {
      at(day);
      const a = await account();
      expect(a.openLines[0].lateDue, day).toBe(daily(days));
      expect(a.totalDue).toBe(principal + daily(days));
    }
  });

  it('the cashier takes the whole amount: the late fee stops, the board drops the unit, the statistics count it', async () => {
    const due = (await account()).totalDue;
    const pay = await t.as('cashier1', 'POST', '/api/v1/fees/payments', { unitId: ids.owner1Unit.id, amount: due, expectedDue: due, method: 'wechat', reference: 'WX20260511001', idempotencyKey: 'flow-payment-0001' });
    expect(pay.statusCode, pay.body).toBe(201);
    const receipt = pay.json();
    expect(receipt.receiptNo).toMatch(/^CUIHU-2026-\d{6}$/);
    expect(receipt.allocations).toEqual([expect.objectContaining({ principal, lateFee: due - principal })]);

    at('2026-05-20');
    const a = await account();
    expect(a.openLines).toHaveLength(0);
    expect(a.totalDue).toBe(0);
    const board = (await t.as('cs1', 'GET', `/api/v1/fees/arrears?estateId=${ids.estate}`)).json();
    expect(board.items.map((r: any) => r.unitId)).not.toContain(ids.owner1Unit.id);

    const stats = (await t.as('director', 'GET', `/api/v1/fees/stats?estateId=${ids.estate}&period=2026-03&groupBy=item`)).json();
    const row = stats.rows.find((r: any) => r.key === pmf.id);
    expect(row).toMatchObject({ billed: expect.any(Number), collected: expect.any(Number) });
    const billed = await t.db.selectFrom('bill_lines').select((eb) => eb.fn.sum<number>('amount').as('s')).where('fee_item_id', '=', pmf.id).where('period', '=', '2026-03').executeTakeFirstOrThrow();
    expect(row.billed).toBe(Number(billed.s));
    expect(row.collected).toBe(principal);

    const close = (await t.as('cashier1', 'GET', `/api/v1/fees/close?estateId=${ids.estate}&date=2026-05-11`)).json();
    expect(close).toMatchObject({ amount: due, reconciled: true });
    expect(close.byMethod.wechat).toBe(due);
  });

  it('the owner sees the receipt in his portal and nothing owed', async () => {
    const portal = await t.as('owner1', 'GET', '/api/v1/portal/fees');
    expect(portal.statusCode, portal.body).toBe(200);
    const unit = portal.json().units.find((u: any) => u.unitId === ids.owner1Unit.id);
    expect(unit.totalDue).toBe(0);
    expect(unit.payments).toHaveLength(1);
    const receipt = await t.as('owner1', 'GET', `/api/v1/portal/fees/payments/${unit.payments[0].id}`);
    expect(receipt.statusCode, receipt.body).toBe(200);
  });
});

describe('a late-fee rule changed later does not reach back', () => {
  const run = async (period: string) => {
    at(`${period}-05`);
    const res = await t.as('cashier1', 'POST', '/api/v1/fees/runs', { estateId: ids.estate, period, feeItemIds: [pmf.id] });
    expect(res.statusCode, res.body).toBe(202);
    for (let i = 0; i < 100; i++) {
      if ((await t.as('cashier1', 'GET', `/api/v1/fees/runs/${res.json().runId}`)).json().status === 'done') return;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error('run did not finish');
  };

  it('lines issued under "from the deadline notice" keep it when the item switches to "from the due date"', async () => {
    await run('2026-06');
    const patch = await t.as('director', 'PATCH', `/api/v1/fees/items/${pmf.id}`, { lateStart: 'due', lateRatePpm: 1000 });
    expect(patch.statusCode, patch.body).toBe(200);
    await run('2026-07');
    at('2026-08-01');
    const lines = (await account()).openLines as any[];
    const june = lines.find((l) => l.period === '2026-06');
    const july = lines.find((l) => l.period === '2026-07');
    // June waits for a deadline notice, as when it was issued; July accrues 0.1 % a day from 07-21.
    expect(june.lateDue).toBe(0);
    expect(july.lateDue).toBe(Math.round((july.amount * 11 * 1000) / 1_000_000));
  });
});
