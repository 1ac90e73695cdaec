/**
 * A reversal approved while its cashier's day is being closed (日结), on PostgreSQL: the close
 * holds the estate's receipt counter; the reversal must wait for it before it picks its business
 * date, so it is booked on the next day and the closed day never changes. (SQLite runs one writer
 * at a time, so there the two cannot interleave.)
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/core/fees.ts';
import { localDate } from '../../src/core/clock.ts';
import { fromJson } from '../../src/server/db/codec.ts';
import { cashierRepository } from '../../src/server/modules/fees/cashier/cashier.repository.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { eastUnits, insertFeeItem, insertLine, paymentKey } from '../helpers/fees.ts';
import { demoIds } from '../helpers/fixtures.ts';

let t: TestApp;
let ids: Awaited<ReturnType<typeof demoIds>>;

beforeAll(async () => {
  t = await createTestApp();
  t.clock.setTo(new Date('2026-06-10T02:00:00Z'));
  ids = await demoIds(t);
});
afterAll(() => t.close());

describe.skipIf(!process.env.DATABASE_URL)('reversal approved while the day closes (PostgreSQL)', () => {
  it('books the reversal on the next day when the close took the counter first', async () => {
    const today = localDate(t.clock.now());
    const [unitId] = await eastUnits(t);
    const item = await insertFeeItem(t, ids.estate);
    const lineId = await insertLine(t, unitId!, item, { period: '2026-06', amount: 8000, due_on: '2026-06-30' });
    const pay = await t.as('cashier1', 'POST', '/api/v1/fees/payments', { unitId, lineIds: [lineId], amount: 8000, expectedDue: 8000, method: 'cash', idempotencyKey: paymentKey() });
    expect(pay.statusCode, pay.body).toBe(201);
    const rev = await t.as('cashier1', 'POST', `/api/v1/fees/payments/${pay.json().id}/reversal`, { reason: '收错房号' });
    expect(rev.statusCode, rev.body).toBe(201);
    const cashier = await t.db.selectFrom('users').select(['id', 'display_name']).where('username', '=', 'cashier1').executeTakeFirstOrThrow();

    let decided: Promise<any> | undefined;
    await t.db.transaction().execute(async (trx) => {
      // The close: it holds the counter while it writes the day.
      await cashierRepository.lockReceipts(trx, ids.estate, today.slice(0, 4));
      decided = t.as('assistant', 'POST', `/api/v1/fees/reversals/${rev.json().id}/decide`, { approve: true });
      // Wait until the decision waits on a lock.
      for (let i = 0; i < 200; i++) {
        const w = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock'`.execute(t.db);
        if (w.rows[0]!.n > 0) break;
        await new Promise((r) => setTimeout(r, 25));
      }
      await trx
        .insertInto('daily_closes')
        .values({ estate_id: ids.estate, cashier_id: cashier.id, cashier_name: cashier.display_name, business_date: today, payments: 1, amount: 8000, reversed: 0, by_method: fromJson({ cash: 8000 })!, closed_at: t.clock.now().toISOString() })
        .execute();
    });
    const res = await decided!;
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().businessDate).toBe(addDays(today, 1));
    // The closed day still reads as it was closed.
    const day = (await t.as('assistant', 'GET', `/api/v1/fees/close?estateId=${ids.estate}&date=${today}&cashierId=${cashier.id}`)).json();
    expect(day.reversed).toBe(0);
    expect(day.reconciled).toBe(true);
  });
});
