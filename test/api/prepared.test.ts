/** Compiled queries (db/prepared.ts): in a transaction they run on its connection, outside it through the driver's lock. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepared } from '../../src/server/db/prepared.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { demoIds } from '../helpers/fixtures.ts';

let t: TestApp;
let estate: number;
beforeAll(async () => {
  t = await createTestApp();
  estate = (await demoIds(t)).estate;
});
afterAll(() => t.close());

const bump = prepared<{ estateId: number; name: string }, { value: number }>((db, arg) =>
  db
    .insertInto('counters')
    .values({ estate_id: arg('estateId'), name: arg('name'), value: 1 })
    .onConflict((oc) => oc.columns(['estate_id', 'name']).doUpdateSet((eb) => ({ value: eb('counters.value', '+', 1) })))
    .returning('value'),
);
const read = prepared<{ estateId: number; name: string }, { value: number }>((db, arg) =>
  db.selectFrom('counters').select('value').where('estate_id', '=', arg('estateId')).where('name', '=', arg('name')),
);
const plainInsert = prepared<{ estateId: number; name: string }, never>((db, arg) => db.insertInto('counters').values({ estate_id: arg('estateId'), name: arg('name'), value: 7 }));
const rolledBack = new Error('rolled back on purpose');

describe('compiled queries', () => {
  it('in a transaction they see its own writes and are undone with it', async () => {
    const name = `prepared-trx-${Date.now()}`;
    const seen: number[] = [];
    await expect(
      t.db.transaction().execute(async (trx) => {
        seen.push((await bump.execute(trx, { estateId: estate, name }))[0].value);
        seen.push((await bump.execute(trx, { estateId: estate, name }))[0].value);
        seen.push((await read.execute(trx, { estateId: estate, name }))[0].value);
        throw rolledBack;
      }),
    ).rejects.toBe(rolledBack);
    expect(seen).toEqual([1, 2, 2]);
    expect(await read.execute(t.db, { estateId: estate, name })).toEqual([]);
  });

  it('a write without returning gives no rows, in a transaction and outside', async () => {
    const name = `prepared-plain-${Date.now()}`;
    expect(await t.db.transaction().execute((trx) => plainInsert.execute(trx, { estateId: estate, name: `${name}-in` }))).toEqual([]);
    expect(await plainInsert.execute(t.db, { estateId: estate, name: `${name}-out` })).toEqual([]);
    expect(await read.execute(t.db, { estateId: estate, name: `${name}-in` })).toEqual([{ value: 7 }]);
    expect(await read.execute(t.db, { estateId: estate, name: `${name}-out` })).toEqual([{ value: 7 }]);
  });

  it('outside a transaction they never see the writes of one another request has open', async () => {
    const name = `prepared-open-${Date.now()}`;
    let outside: Promise<Array<{ value: number }>> | undefined;
    await expect(
      t.db.transaction().execute(async (trx) => {
        await bump.execute(trx, { estateId: estate, name });
        // Asked while the transaction is open and waiting: on SQLite it must wait for the one connection.
        outside = read.execute(t.db, { estateId: estate, name });
        await new Promise((resolve) => setTimeout(resolve, 20));
        throw rolledBack;
      }),
    ).rejects.toBe(rolledBack);
    expect(await outside).toEqual([]);
  });
});
