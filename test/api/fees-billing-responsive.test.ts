/**
 * A large billing run does not stall the server: over real HTTP, a health check and a progress
 * poll sent right after the run starts are answered while the run is still running (SQLite runs
 * every statement synchronously, so this holds only if the run gives the event loop turns).
 */
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { insertFeeItem, insertPrice } from '../helpers/fees.ts';
import { demoIds } from '../helpers/fixtures.ts';

const UNITS = 20_000;
const AT = '2026-03-01T00:00:00.000Z';
let t: TestApp;
let base: string;
let body: object;

beforeAll(async () => {
  t = await createTestApp();
  const ids = await demoIds(t);
  t.clock.setTo(new Date('2026-03-05T02:00:00Z'));
  const b = await t.db
    .insertInto('buildings')
    .values({ estate_id: ids.estate, area_id: ids.east, code: 'BULK', name: 'BULK栋', kind: 'high_rise', floors: 99, entrances: 1, built_year: 2020, notes: null, archived_at: null, created_at: AT })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (let i = 0; i < UNITS; i += 1000) {
    const rows = Array.from({ length: 1000 }, (_, k) => ({ estate_id: ids.estate, building_id: b.id, entrance: null, floor: 1, number: String(i + k + 1), building_area: 9_000, usage: 'residential', status: 'occupied', structure: null, quality_notes: null, delivered_on: null, archived_at: null, created_at: AT, updated_at: AT }));
    await t.db.insertInto('units').values(rows).execute();
  }
  const area = await insertFeeItem(t, ids.estate, { building_ids: String(b.id), name: '物业管理费', kind: 'area' });
  await insertPrice(t, area, { effective_from: '2026-01-01', price: 22_343 });
  const fixed = await insertFeeItem(t, ids.estate, { building_ids: String(b.id), name: '垃圾清运费', kind: 'fixed' });
  await insertPrice(t, fixed, { effective_from: '2026-01-01', amount: 1_500 });
  body = { estateId: ids.estate, period: '2026-03', buildingId: b.id, feeItemIds: [area, fixed] };
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
}, 300_000);
afterAll(() => t.close());

describe('a billing run of many units', () => {
  it('lets health checks and progress polls through while it runs', async () => {
    const cookie = await t.login('cashier1');
    const headers = { cookie, 'content-type': 'application/json' };
    const started = await fetch(`${base}/api/v1/fees/runs`, { method: 'POST', headers, body: JSON.stringify(body) });
    expect(started.status).toBe(202);
    const { runId } = (await started.json()) as { runId: number };

    const [health, progress] = await Promise.all([fetch(`${base}/api/health`), fetch(`${base}/api/v1/fees/runs/${runId}`, { headers })]);
    // Read at once, before anything else: the run must not have finished yet.
    const row = await t.db.selectFrom('billing_runs').select(['status', 'units_done']).where('id', '=', runId).executeTakeFirstOrThrow();
    expect(health.status).toBe(200);
    expect(row.status).toBe('running');
    const seen = (await progress.json()) as { status: string; unitsDone: number; unitsTotal: number };
    expect(seen.status).toBe('running');
    expect(seen.unitsTotal).toBe(UNITS);
    expect(seen.unitsDone).toBeLessThan(UNITS);

    for (;;) {
      const r = await t.db.selectFrom('billing_runs').select(['status', 'lines_created']).where('id', '=', runId).executeTakeFirstOrThrow();
      if (r.status !== 'running') {
        expect(r).toEqual({ status: 'done', lines_created: 2 * UNITS });
        break;
      }
      await new Promise((res) => setTimeout(res, 50));
    }
  });
});
