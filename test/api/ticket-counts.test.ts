/**
 * ticket_counts (migration 027) stays exact: after registrations and steps
 * through the API, and after random sequences of raw inserts, updates of every kept column (and
 * of one it does not keep), deletions and rolled-back transactions, its non-zero rows equal the
 * tickets grouped afresh. The desk list's totals read from it equal a count of the tickets.
 * Two estates, so a trigger that ignored a ticket's move to another estate fails (checked by
 * dropping estate_id from the update trigger's change test).
 */
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { demoIds } from '../helpers/fixtures.ts';

let t: TestApp;
let ids: Awaited<ReturnType<typeof demoIds>>;
beforeAll(async () => {
  t = await createTestApp();
  ids = await demoIds(t);
  // A second estate: tickets move between the two, so a trigger that forgot estate_id would show.
  await t.db.insertInto('estates').values({ code: 'CNT2', name: '计数测试苑', address: null, time_zone: 'Asia/Shanghai', phone: null, notes: null, archived_at: null, created_at: new Date().toISOString() }).execute();
});
afterAll(() => t.close());

type Row = { estate_id: number; area_key: number; department: string; type: string; status: string; n: number };
const norm = (rows: Row[]) =>
  rows
    .map((r) => ({ ...r, estate_id: Number(r.estate_id), area_key: Number(r.area_key), n: Number(r.n) }))
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

async function expectExact() {
  const kept = await t.db.selectFrom('ticket_counts').selectAll().where('n', '<>', 0).execute();
  const raw = await sql<Row>`select estate_id, coalesce(area_id, 0) as area_key, coalesce(department, '') as department, type, status, count(*) as n
    from tickets group by estate_id, coalesce(area_id, 0), coalesce(department, ''), type, status`.execute(t.db);
  expect(norm(kept)).toEqual(norm(raw.rows));
}

const STATUSES = ['registered', 'responded', 'dispatched', 'in_progress', 'paused', 'resolved', 'confirmed', 'closed', 'cancelled', 'reopened'];
const TYPES = ['repair', 'complaint', 'suggestion', 'inquiry'];
const DEPARTMENTS = [null, 'engineering', 'security', 'cleaning'] as const;

describe('ticket_counts', () => {
  it('follows registrations and steps through the API, and the list totals match a count', async () => {
    const created: number[] = [];
    for (const type of ['repair', 'complaint', 'repair']) {
      const res = await t.as('desk1', 'POST', '/api/v1/tickets', { unitId: ids.eastUnit.id, type, channel: 'phone', title: '计数', description: '测试' });
      expect(res.statusCode, res.body).toBe(201);
      created.push(res.json().id);
    }
    expect((await t.as('cs1', 'POST', `/api/v1/tickets/${created[0]}/respond`, {})).statusCode).toBe(200);
    expect((await t.as('cs1', 'POST', `/api/v1/tickets/${created[1]}/cancel`, { note: '重复登记' })).statusCode).toBeLessThan(300);
    await expectExact();
    const count = async (where: Record<string, unknown>) =>
      Number((await t.db.selectFrom('tickets').select((eb) => eb.fn.countAll<number>().as('n')).where((eb) => eb.and(where)).executeTakeFirstOrThrow()).n);
    for (const [query, where] of [
      [`estateId=${ids.estate}&type=repair`, { estate_id: ids.estate, type: 'repair' }],
      [`estateId=${ids.estate}&status=registered`, { estate_id: ids.estate, status: 'registered' }],
      [`estateId=${ids.estate}&areaId=${ids.east}&type=complaint&status=cancelled`, { estate_id: ids.estate, area_id: ids.east, type: 'complaint', status: 'cancelled' }],
    ] as const) {
      const list = (await t.as('director', 'GET', `/api/v1/tickets?${query}&pageSize=1`)).json();
      expect(list.total, query).toBe(await count(where));
    }
  });

  it('stays exact under random inserts, updates, deletions and rollbacks', async () => {
    const estates = (await t.db.selectFrom('estates').select('id').execute()).map((e) => e.id);
    expect(estates.length).toBeGreaterThan(1);
    const areas = [null, ids.east, ids.west];
    const ticketIds = async () => (await t.db.selectFrom('tickets').select('id').orderBy('id', 'desc').limit(50).execute()).map((r) => r.id);
    const now = new Date().toISOString();
    let serial = 0;
    const insert = (db: typeof t.db, v: { estate: number; area: number | null; department: string | null; type: string; status: string }) =>
      db
        .insertInto('tickets')
        .values({
          estate_id: v.estate, area_id: v.area, department: v.department, type: v.type, status: v.status, number: `CNT${++serial}`, channel: 'phone', reporter_name: '业主', priority: 'low', complex: 0, emergency: 0,
          title: '计数', description: '随机', response_due_at: now, resolution_due_at: now, reopen_count: 0, escalation_level: 0, warned: 0, created_at: now, updated_at: now,
        })
        .execute();
    const values = fc.record({ estate: fc.constantFrom(...estates), area: fc.constantFrom(...areas), department: fc.constantFrom(...DEPARTMENTS), type: fc.constantFrom(...TYPES), status: fc.constantFrom(...STATUSES) });
    const step = fc.oneof(
      values.map((v) => ({ kind: 'insert' as const, v })),
      // One kept column at a time (each must move the count on its own), or several at once.
      fc.record({
        kind: fc.constant('update' as const),
        pick: fc.nat(49),
        patch: fc.oneof(
          fc.record({ estate_id: fc.constantFrom(...estates) }),
          fc.record({ area_id: fc.constantFrom(...areas) }),
          fc.record({ department: fc.constantFrom(...DEPARTMENTS) }),
          fc.record({ type: fc.constantFrom(...TYPES) }),
          fc.record({ status: fc.constantFrom(...STATUSES) }),
          fc.record({ area_id: fc.constantFrom(...areas), department: fc.constantFrom(...DEPARTMENTS), type: fc.constantFrom(...TYPES), status: fc.constantFrom(...STATUSES) }, { requiredKeys: [] }),
        ),
      }),
      fc.record({ kind: fc.constant('title' as const), pick: fc.nat(49) }),
      fc.record({ kind: fc.constant('delete' as const), pick: fc.nat(49) }),
      values.map((v) => ({ kind: 'rollback' as const, v })),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 12 }), async (steps) => {
        for (const s of steps) {
          if (s.kind === 'insert') await insert(t.db, s.v);
          else if (s.kind === 'rollback') {
            await t.db
              .transaction()
              .execute(async (trx) => {
                await insert(trx, s.v);
                throw new Error('rolled back on purpose');
              })
              .catch((e: Error) => expect(e.message).toBe('rolled back on purpose'));
          } else {
            const all = await ticketIds();
            const id = all[s.pick % all.length]!;
            if (s.kind === 'update') {
              if (Object.keys(s.patch).length) await t.db.updateTable('tickets').set(s.patch).where('id', '=', id).execute();
            } else if (s.kind === 'title') await t.db.updateTable('tickets').set({ title: '改标题' }).where('id', '=', id).execute();
            // Only tickets this test inserted (the demo's have events and photos pointing at them).
            else await t.db.deleteFrom('tickets').where('id', '=', id).where('number', 'like', 'CNT%').execute();
          }
        }
        await expectExact();
      }),
      { numRuns: 40 },
    );
  }, 120_000);
});
