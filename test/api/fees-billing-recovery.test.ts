/**
 * The billing run's robustness: money past 2^31 fen on both databases, a run left "running" by a
 * server that died (kill -9) no longer blocks its period and the rerun completes it without
 * duplicates, and prepaid balances settle every open line of the unit, oldest first.
 */
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INSTANCE_HOST, RUN_LEASE_MS } from '../../src/server/modules/fees/billing/billing.lease.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { insertFeeItem, insertLine, insertPrepaid, insertPrice } from '../helpers/fees.ts';
import { demoIds } from '../helpers/fixtures.ts';

let t: TestApp;
let ids: Awaited<ReturnType<typeof demoIds>>;
const AT = '2026-03-01T00:00:00.000Z';

beforeAll(async () => {
  t = await createTestApp();
  ids = await demoIds(t);
  t.clock.setTo(new Date('2026-03-05T02:00:00Z'));
});
afterAll(() => t.close());

/** A building of the east area with `n` units and a fixed monthly item billed only there. */
async function building(code: string, n: number, amount: number) {
  const b = await t.db
    .insertInto('buildings')
    .values({ estate_id: ids.estate, area_id: ids.east, code, name: `${code}栋`, kind: 'high_rise', floors: 10, entrances: 1, built_year: 2020, notes: null, archived_at: null, created_at: AT })
    .returning('id')
    .executeTakeFirstOrThrow();
  const units: number[] = [];
  for (let i = 1; i <= n; i++) {
    const u = await t.db
      .insertInto('units')
      .values({ estate_id: ids.estate, building_id: b.id, entrance: null, floor: 1, number: String(100 + i), building_area: 10_000, usage: 'residential', status: 'occupied', structure: null, quality_notes: null, delivered_on: null, archived_at: null, created_at: AT, updated_at: AT })
      .returning('id')
      .executeTakeFirstOrThrow();
    units.push(u.id);
  }
  const item = await insertFeeItem(t, ids.estate, { building_ids: String(b.id), name: `固定费 ${code}`, kind: 'fixed' });
  await insertPrice(t, item, { effective_from: '2026-01-01', amount });
  return { id: b.id, units, item, run: (period: string) => ({ estateId: ids.estate, period, buildingId: b.id, feeItemIds: [item] }) };
}

async function finished(runId: number) {
  for (let i = 0; i < 800; i++) {
    const r = (await t.as('cashier1', 'GET', `/api/v1/fees/runs/${runId}`)).json();
    if (r.status !== 'running') return r;
    await new Promise((res) => setTimeout(res, 25));
  }
  throw new Error('run did not finish');
}

async function runOf(body: object) {
  const res = await t.as('cashier1', 'POST', '/api/v1/fees/runs', body);
  expect(res.statusCode, res.body).toBe(202);
  return finished(res.json().runId);
}

/** A run row as a server that died mid-run leaves it. */
async function crashedRun(period: string, owner: string, heartbeatAgoMs: number, unitsDone = 0) {
  const at = new Date(t.clock.now().getTime() - heartbeatAgoMs).toISOString();
  const { id } = await t.db
    .insertInto('billing_runs')
    .values({ estate_id: ids.estate, period, area_id: null, building_id: null, fee_item_ids: null, status: 'running', units_total: 6, units_done: unitsDone, lines_created: 0, amount_created: 0, prepaid_used: 0, summary: null, error: null, created_by: null, created_by_name: 'x', created_at: at, finished_at: null, owner, heartbeat_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}
const statusOf = async (id: number) => (await t.db.selectFrom('billing_runs').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;

describe('money past 2^31 fen', () => {
  it('sums a run past 2^31 fen of lines that each fit in 32 bits', async () => {
    const b = await building('SUM', 3, 1_000_000_000);
    const run = await runOf(b.run('2026-03'));
    expect(run).toMatchObject({ status: 'done', linesCreated: 3, amountCreated: 3_000_000_000 });
    const list = (await t.as('cashier1', 'GET', `/api/v1/fees/runs?estateId=${ids.estate}`)).json();
    expect(list.items.find((r: { id: number }) => r.id === run.id).amountCreated).toBe(3_000_000_000);
  });

  it('bills, sums and settles amounts above 32 bits exactly', async () => {
    const big = 2_500_000_000; // 2,500 万元 a line: more than 2^31 fen on its own
    const b = await building('BIG', 3, big);
    await insertPrepaid(t, b.units[0]!, big + 123);
    const run = await runOf(b.run('2026-03'));
    expect(run).toMatchObject({ status: 'done', linesCreated: 3, amountCreated: 3 * big, prepaidUsed: big });
    const lines = await t.db.selectFrom('bill_lines').select(['amount', 'paid', 'open']).where('building_id', '=', b.id).orderBy('unit_id').execute();
    expect(lines).toEqual([
      { amount: big, paid: big, open: 0 },
      { amount: big, paid: 0, open: 1 },
      { amount: big, paid: 0, open: 1 },
    ]);
    const sum = await t.db.selectFrom('bill_lines').select((eb) => eb.fn.sum<number>('amount').as('s')).where('building_id', '=', b.id).executeTakeFirstOrThrow();
    expect(Number(sum.s)).toBe(7_500_000_000);
    const balance = await t.db.selectFrom('prepaid_entries').select((eb) => eb.fn.sum<number>('amount').as('s')).where('unit_id', '=', b.units[0]!).executeTakeFirstOrThrow();
    expect(Number(balance.s)).toBe(123);
  });
});

describe('a run interrupted by a dead server', () => {
  it('is marked interrupted at start-up and the rerun completes the period without duplicates', async () => {
    const b = await building('CR', 6, 10_000);
    const period = '2026-04';
    const crashed = await crashedRun(period, 'gone-host:4242:dead', RUN_LEASE_MS + 60_000, 3);
    // Its first chunk had committed: three of the six lines.
    for (const u of b.units.slice(0, 3)) await insertLine(t, u, b.item, { amount: 10_000, period, due_on: `${period}-15`, run_id: crashed });
    expect(await t.services.fees.billing.recoverInterrupted()).toBeGreaterThanOrEqual(1);
    expect(await statusOf(crashed)).toBe('interrupted');
    expect((await t.as('cashier1', 'GET', `/api/v1/fees/runs/${crashed}`)).json().status).toBe('interrupted');

    const rerun = await runOf(b.run(period));
    expect(rerun).toMatchObject({ status: 'done', linesCreated: 3, amountCreated: 30_000 });
    const lines = await t.db.selectFrom('bill_lines').select(['unit_id', 'charge_key', 'amount']).where('building_id', '=', b.id).execute();
    expect(lines).toHaveLength(6);
    expect(new Set(lines.map((l) => `${l.unit_id}|${l.charge_key}`)).size).toBe(6);
    expect(lines.reduce((s, l) => s + l.amount, 0)).toBe(60_000);
  });

  it('blocks its period while its owner is alive, until the lease expires', async () => {
    const b = await building('LV', 2, 10_000);
    const period = '2026-05';
    const live = await crashedRun(period, 'other-host:1:alive', 0);
    expect(await t.services.fees.billing.recoverInterrupted()).toBe(0);
    const refused = await t.as('cashier1', 'POST', '/api/v1/fees/runs', b.run(period));
    expect(refused.statusCode).toBe(409);
    expect(await statusOf(live)).toBe('running');
    t.clock.advance(RUN_LEASE_MS + 1000);
    try {
      // No restart needed: the new run of the period finds the lease expired itself.
      expect((await runOf(b.run(period))).status).toBe('done');
      expect(await statusOf(live)).toBe('interrupted');
    } finally {
      t.clock.setTo(new Date('2026-03-05T02:00:00Z'));
    }
  });

  it('frees the period at once when its owner was a process of this host that is gone', async () => {
    const b = await building('PD', 2, 10_000);
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!; // exited: its pid names no process now
    const gone = await crashedRun('2026-06', `${INSTANCE_HOST}:${dead}:boot1`, 0);
    const previousLife = await crashedRun('2026-06', `${INSTANCE_HOST}:${process.pid}:boot0`, 0);
    expect(await t.services.fees.billing.recoverInterrupted()).toBe(2);
    expect([await statusOf(gone), await statusOf(previousLife)]).toEqual(['interrupted', 'interrupted']);
    expect((await runOf(b.run('2026-06'))).status).toBe('done');
  });
});

describe('prepaid settlement', () => {
  it('pays every open line of the unit oldest first, not only the run’s', async () => {
    const b = await building('PP', 1, 58_700);
    const unit = b.units[0]!;
    const january = await insertLine(t, unit, b.item, { amount: 58_700, period: '2026-01', due_on: '2026-01-15' });
    await insertPrepaid(t, unit, 100_000);
    const run = await runOf(b.run('2026-03'));
    expect(run).toMatchObject({ status: 'done', linesCreated: 1, prepaidUsed: 100_000 });
    const lines = await t.db.selectFrom('bill_lines').select(['id', 'period', 'paid', 'open']).where('unit_id', '=', unit).orderBy('period').execute();
    expect(lines).toEqual([
      { id: january, period: '2026-01', paid: 58_700, open: 0 },
      { id: expect.any(Number), period: '2026-03', paid: 41_300, open: 1 },
    ]);
    const uses = await t.db.selectFrom('prepaid_entries').select(['line_id', 'amount']).where('unit_id', '=', unit).where('kind', '=', 'use').orderBy('id').execute();
    expect(uses).toEqual([
      { line_id: january, amount: -58_700 },
      { line_id: lines[1]!.id, amount: -41_300 },
    ]);
  });
});
