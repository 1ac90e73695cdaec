/**
 * Every business date and period is on the estate's wall clock (Asia/Shanghai): between 00:00 and
 * 08:00 Beijing time the UTC date is still the day before, and these tests live in that gap.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { insertFeeItem, insertLine } from '../helpers/fees.ts';
import { demoIds } from '../helpers/fixtures.ts';

let t: TestApp;
let ids: Awaited<ReturnType<typeof demoIds>>;
beforeAll(async () => {
  t = await createTestApp();
  ids = await demoIds(t);
});
afterAll(() => t.close());

const at = (iso: string) => t.clock.setTo(new Date(iso));
const register = async (title: string) => {
  const res = await t.as('desk1', 'POST', '/api/v1/tickets', { unitId: ids.eastUnit.id, type: 'complaint', channel: 'phone', title, description: title });
  expect(res.statusCode, res.body).toBe(201);
  return (await t.as('director', 'GET', `/api/v1/tickets/${res.json().id}`)).json() as { id: number; number: string };
};
const registered = async (from: string, to: string) =>
  (await t.as('director', 'GET', `/api/v1/reports/desk?estateId=${ids.estate}&from=${from}&to=${to}`)).json().totals.registered as number;
const reportKeys = async () =>
  (await t.db.selectFrom('notifications').select('dedupe_key').distinct().where('dedupe_key', 'like', 'report:%').execute()).map((r) => r.dedupe_key).sort();

describe('the estate’s wall clock between 00:00 and 08:00 Beijing time', () => {
  it('numbers a ticket registered 06:04 on the 1st in that month, and reports it there', async () => {
    at('2027-01-31T15:59:00Z'); // 23:59 on 31 January in Beijing
    const late = await register('一月最后一分钟');
    at('2027-01-31T22:04:00Z'); // 06:04 on 1 February in Beijing, still 31 January in UTC
    const early = await register('二月第一单');
    expect(late.number).toMatch(/^202701-/);
    expect(early.number).toMatch(/^202702-\d{4}$/);
    expect(await registered('2027-02-01', '2027-02-28')).toBe(1);
    expect(await registered('2027-01-31', '2027-01-31')).toBe(1);
  });

  it('sends the weekly and monthly reports on Monday the 1st from 08:00 Beijing time, for the weeks and months ending the day before', async () => {
    const before = await reportKeys();
    at('2027-01-31T16:30:00Z'); // 00:30 on Monday 1 February in Beijing: not morning yet
    await t.services.deskSweep.run();
    at('2027-01-31T23:30:00Z'); // 07:30
    await t.services.deskSweep.run();
    expect(await reportKeys()).toEqual(before);
    at('2027-02-01T00:30:00Z'); // 08:30 on Monday 1 February in Beijing
    await t.services.deskSweep.run();
    const sent = (await reportKeys()).filter((k) => !before.includes(k));
    expect(sent).toEqual([`report:monthly:${ids.estate}:2027-01-01`, `report:weekly:${ids.estate}:2027-01-25`]);
  });

  it('books a payment at 07:00 on 1 January in the new year: business date, receipt number and daily close', async () => {
    const item = await insertFeeItem(t, ids.estate);
    const line = await insertLine(t, ids.eastUnit.id, item, { amount: 5_000, period: '2027-11', due_on: '2027-11-15' });
    at('2027-12-31T23:00:00Z'); // 07:00 on 1 January 2028 in Beijing
    const paid = await t.as('cashier1', 'POST', '/api/v1/fees/payments', { unitId: ids.eastUnit.id, lineIds: [line], amount: 5_000, expectedDue: 5_000, method: 'cash', idempotencyKey: randomUUID() });
    expect(paid.statusCode, paid.body).toBe(201);
    expect(paid.json().receiptNo).toMatch(/^CUIHU-2028-\d{6}$/);
    const row = await t.db.selectFrom('payments').select('business_date').where('id', '=', paid.json().id).executeTakeFirstOrThrow();
    expect(row.business_date).toBe('2028-01-01');
    const close = await t.as('cashier1', 'POST', '/api/v1/fees/close', { estateId: ids.estate, date: '2028-01-01' });
    expect(close.statusCode, close.body).toBe(201);
    expect(close.json()).toMatchObject({ date: '2028-01-01', payments: 1, amount: 5_000 });
  });
});
