/** Registrations that arrive together share a commit on SQLite (db/commit-group.ts): each still whole or absent. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CommitGroup } from '../../src/server/db/commit-group.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { demoIds } from '../helpers/fixtures.ts';

let t: TestApp;
let ids: Awaited<ReturnType<typeof demoIds>>;
beforeAll(async () => {
  t = await createTestApp();
  ids = await demoIds(t);
});
afterAll(() => t.close());

describe('registrations arriving together', () => {
  it('each gets its own number, timeline entry and audit entry; a refused one leaves nothing and the others stand', async () => {
    const cookie = await t.login('desk1');
    const before = await t.db.selectFrom('tickets').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const post = (payload: Record<string, unknown>) =>
      t.app.inject({ method: 'POST', url: '/api/v1/tickets', headers: { cookie, 'content-type': 'application/json' }, payload });
    const good = (i: number) => ({ unitId: ids.eastUnit.id, type: 'complaint', channel: 'phone', title: `同时登记 ${i}`, description: '并发' });
    // Refused inside the registration, after the unit was read: an emergency without its incident type.
    const bad = { ...good(99), emergency: true };
    const answers = await Promise.all([...Array.from({ length: 10 }, (_, i) => post(good(i))), post(bad), post(good(10))]);
    expect(answers.map((a) => a.statusCode)).toEqual([...Array(10).fill(201), 400, 201]);
    expect(answers[10].json().fields?.incidentType ?? answers[10].body).toBeTruthy();

    const created = answers.filter((a) => a.statusCode === 201).map((a) => a.json().id as number);
    const rows = await t.db.selectFrom('tickets').select(['id', 'number', 'title']).where('id', 'in', created).execute();
    expect(rows).toHaveLength(11);
    expect(new Set(rows.map((r) => r.number)).size).toBe(11);
    const after = await t.db.selectFrom('tickets').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n) - Number(before.n)).toBe(11);
    const events = await t.db.selectFrom('ticket_events').select('ticket_id').where('ticket_id', 'in', created).where('kind', '=', 'created').execute();
    expect(events).toHaveLength(11);
    const audits = await t.db.selectFrom('audit_log').select('entity_id').where('entity', '=', 'ticket').where('action', '=', 'create').where('entity_id', 'in', created.map(String)).execute();
    expect(audits).toHaveLength(11);
    const stray = await t.db.selectFrom('tickets').select('id').where('title', '=', '同时登记 99').execute();
    expect(stray).toHaveLength(0);
  });

  it('work that fails after writing is rolled back to its savepoint; the commit keeps the rest', async () => {
    const group = new CommitGroup(t.database);
    const at = t.clock.now().toISOString();
    const write = (name: string) => (trx: TestApp['db']) =>
      trx.insertInto('counters').values({ estate_id: ids.estate, name, value: 1 }).returning('value').executeTakeFirstOrThrow();
    const results = await Promise.allSettled([
      group.run(write(`group-a-${at}`)),
      group.run(async (trx) => {
        await write(`group-b-${at}`)(trx);
        throw new Error('refused after writing');
      }),
      group.run(write(`group-c-${at}`)),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason.message).toBe('refused after writing');
    const names = (await t.db.selectFrom('counters').select('name').where('name', 'like', `group-%-${at}`).execute()).map((r) => r.name).sort();
    expect(names).toEqual([`group-a-${at}`, `group-c-${at}`]);
  });
});
