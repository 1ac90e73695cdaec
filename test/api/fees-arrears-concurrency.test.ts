/**
 * Two people sending the reminder batch at the same moment: each unit is reminded once. On
 * PostgreSQL this needs the estate lock (locks.ts); on SQLite writers queue anyway.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { insertFeeItem, insertLine } from '../helpers/fees.ts';
import { demoIds } from '../helpers/fixtures.ts';

let t: TestApp;
let ids: Awaited<ReturnType<typeof demoIds>>;

beforeAll(async () => {
  t = await createTestApp();
  ids = await demoIds(t);
  const item = await insertFeeItem(t, ids.estate);
  await insertLine(t, ids.owner1Unit.id, item, { period: '2026-01', amount: 20_000, due_on: '2026-01-20' });
  await insertLine(t, ids.eastUnit.id, item, { period: '2026-01', amount: 18_000, due_on: '2026-01-20' });
  t.clock.setTo(new Date('2026-04-01T04:00:00.000Z'));
});
afterAll(() => t.close());

describe('arrears at the same moment', () => {
  it('two reminder batches at once remind each unit once', async () => {
    const body = { estateId: ids.estate, minDays: 30, areaId: ids.east };
    const [a, b] = await Promise.all([t.as('cs1', 'POST', '/api/v1/fees/arrears/reminders', body), t.as('assistant', 'POST', '/api/v1/fees/arrears/reminders', body)]);
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    const reminded = [...a.json().units, ...b.json().units].map((u: any) => u.unitId).sort();
    expect(reminded).toEqual([ids.owner1Unit.id, ids.eastUnit.id].sort());
    const rows = await t.db.selectFrom('arrears_steps').select('unit_id').where('step', '=', 1).execute();
    expect(rows).toHaveLength(2);
  });

});
