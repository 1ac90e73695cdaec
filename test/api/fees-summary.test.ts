/**
 * The collection statistics' summary (stats.summary.ts) stays exact: random sequences of billing
 * runs (with prepaid settlement), one-off charges, adjustments up and down, payments (partial,
 * over with the rest to prepaid, from prepaid), reversals, waivers and days passing with late
 * fees, all through the API, and after each sequence the statistics read from the summary equal
 * the ones summed from the lines (StatsService source 'lines', the reference) for every month,
 * quarter, half-year and year touched, by item, area and building, whole estate and one area.
 * Then migration 012, run again over the same data, backfills the same summary.
 */
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDate } from '../../src/core/clock.ts';
import type { Scope } from '../../src/core/scope.ts';
import { collectionSummary } from '../../src/server/db/migrations/012_collection_summary.ts';
import { rebuildCollectionSummary } from '../../src/server/db/migrations/012_collection_summary.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { billingFixture, insertFeeItem, paymentKey } from '../helpers/fees.ts';

let t: TestApp;
let f: Awaited<ReturnType<typeof billingFixture>>;
let units: number[];
let oneOff: number;
const payments: number[] = [];
const deposited: number[] = [];
const done: Record<string, number> = {};
const ok = (kind: string) => (done[kind] = (done[kind] ?? 0) + 1);

beforeAll(async () => {
  t = await createTestApp();
  f = await billingFixture(t);
  oneOff = await insertFeeItem(t, f.d.estate, { name: '钥匙补办', kind: 'one_off', late_start: 'due', late_grace_days: 0 });
  // a building without an area: its lines are key 0 in the summary, NULL in the lines
  const bare = await t.db
    .insertInto('buildings')
    .values({ estate_id: f.d.estate, area_id: null, code: 'N1', name: 'N1栋', kind: 'villa', floors: 2, entrances: 1, built_year: 2020, notes: null, archived_at: null, created_at: '2026-03-01T00:00:00Z' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const loose = await t.db
    .insertInto('units')
    .values({ estate_id: f.d.estate, building_id: bare.id, entrance: null, floor: 1, number: '01', building_area: 20000, usage: 'residential', status: 'occupied', structure: null, quality_notes: null, delivered_on: null, archived_at: null, created_at: '2026-03-01T00:00:00Z', updated_at: '2026-03-01T00:00:00Z' })
    .returning('id')
    .executeTakeFirstOrThrow();
  units = [f.units.big, f.units.small, f.units.park, f.d.owner1Unit.id, f.d.westUnit.id, loose.id];
});
afterAll(() => t.close());

const today = () => localDate(t.clock.now());
const no5xx = (res: { statusCode: number; body: string }, what: string) => {
  expect(res.statusCode, `${what}: ${res.body}`).toBeLessThan(500);
  return res.statusCode < 300;
};

async function billingRun(monthsBack: number) {
  const [y, m] = today().split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 - monthsBack, 1));
  const period = d.toISOString().slice(0, 7);
  const res = await t.as('cashier1', 'POST', '/api/v1/fees/runs', { estateId: f.d.estate, period, buildingId: f.building });
  if (!no5xx(res, `run ${period}`)) return;
  for (let i = 0; i < 400; i++) {
    const r = (await t.as('cashier1', 'GET', `/api/v1/fees/runs/${res.json().runId}`)).json();
    if (r.status === 'done') return ok('run');
    if (r.status === 'failed') throw new Error(r.error);
    await new Promise((wake) => setTimeout(wake, 20));
  }
  throw new Error('run did not finish');
}

const someLine = async (pick: number, open: boolean) => {
  let q = t.db.selectFrom('bill_lines').select(['id', 'amount', 'paid', 'credited', 'waived']).where('estate_id', '=', f.d.estate).where('amount', '>', 0);
  if (open) q = q.where('open', '=', 1);
  const lines = await q.orderBy('id').execute();
  return lines.length ? lines[pick % lines.length]! : null;
};

type Action =
  | { t: 'run'; back: number }
  | { t: 'charge'; unit: number; amount: number }
  | { t: 'adjust'; pick: number; amount: number }
  | { t: 'pay'; unit: number; frac: number; prepaid: boolean }
  | { t: 'deposit'; unit: number; amount: number }
  | { t: 'reverse'; pick: number }
  | { t: 'waive'; pick: number; frac: number }
  | { t: 'days'; n: number };

async function act(a: Action) {
  switch (a.t) {
    case 'run':
      return billingRun(a.back);
    case 'charge': {
      const res = await t.as('cashier1', 'POST', '/api/v1/fees/lines', { unitId: units[a.unit % units.length], feeItemId: oneOff, amount: a.amount, description: '钥匙补办' });
      if (no5xx(res, 'charge')) ok('charge');
      return;
    }
    case 'adjust': {
      const line = await someLine(a.pick, a.amount < 0);
      if (!line) return;
      const res = await t.as('cashier1', 'POST', `/api/v1/fees/lines/${line.id}/adjust`, { amount: a.amount, reason: '抄表有误' });
      if (no5xx(res, 'adjust')) ok(a.amount < 0 ? 'credit' : 'adjust');
      return;
    }
    case 'pay': {
      // from prepaid: a unit that has put money in, if any
      const from = a.prepaid && deposited.length ? deposited : units;
      const unitId = from[a.unit % from.length]!;
      const acc = (await t.as('cashier1', 'GET', `/api/v1/fees/units/${unitId}/account`)).json();
      if (!acc.totalDue) return;
      const amount = Math.min(Math.max(1, Math.round(acc.totalDue * a.frac)), a.prepaid ? acc.prepaidBalance : Infinity);
      if (amount <= 0) return;
      const res = await t.as('cashier1', 'POST', '/api/v1/fees/payments', {
        unitId, amount, expectedDue: acc.totalDue, method: a.prepaid ? 'prepaid' : 'cash', toPrepaid: amount > acc.totalDue, idempotencyKey: paymentKey(),
      });
      if (no5xx(res, 'pay')) {
        payments.push(res.json().id);
        if (amount > acc.totalDue) deposited.push(unitId);
        ok(a.prepaid ? 'pay from prepaid' : amount > acc.totalDue ? 'overpay' : 'pay');
      }
      return;
    }
    case 'deposit': {
      const unitId = units[a.unit % units.length]!;
      const res = await t.as('cashier1', 'POST', '/api/v1/fees/prepaid', { unitId, amount: a.amount, method: 'cash', idempotencyKey: paymentKey() });
      if (no5xx(res, 'deposit')) {
        deposited.push(unitId);
        ok('deposit');
      }
      return;
    }
    case 'reverse': {
      if (!payments.length) return;
      const id = payments[a.pick % payments.length];
      const req = await t.as('cashier1', 'POST', `/api/v1/fees/payments/${id}/reversal`, { reason: '收款有误' });
      if (!no5xx(req, 'reversal request')) return;
      const res = await t.as('assistant', 'POST', `/api/v1/fees/reversals/${req.json().id}/decide`, { approve: true });
      if (no5xx(res, 'reversal')) ok('reversal');
      return;
    }
    case 'waive': {
      const line = await someLine(a.pick, true);
      if (!line) return;
      const principal = Math.floor((line.amount - line.paid - line.credited - line.waived) * a.frac);
      const req = await t.as('cashier1', 'POST', '/api/v1/fees/waivers', { lineId: line.id, principal, lateFee: 0, reason: '困难减免' });
      if (!no5xx(req, 'waiver request')) return;
      const res = await t.as('assistant', 'POST', `/api/v1/fees/waivers/${req.json().id}/decide`, { approve: true });
      if (no5xx(res, 'waiver')) ok('waiver');
      return;
    }
    case 'days':
      t.clock.advance(a.n * 86_400_000);
      return ok('days');
  }
}

const action: fc.Arbitrary<Action> = fc.oneof(
  { arbitrary: fc.record({ t: fc.constant('run' as const), back: fc.nat(2) }), weight: 2 },
  { arbitrary: fc.record({ t: fc.constant('charge' as const), unit: fc.nat(), amount: fc.integer({ min: 1, max: 50_000 }) }), weight: 2 },
  { arbitrary: fc.record({ t: fc.constant('adjust' as const), pick: fc.nat(), amount: fc.oneof(fc.integer({ min: -3_000, max: -1 }), fc.integer({ min: 1, max: 3_000 })) }), weight: 2 },
  { arbitrary: fc.record({ t: fc.constant('pay' as const), unit: fc.nat(), frac: fc.constantFrom(0.01, 0.3, 0.5, 1, 1.2), prepaid: fc.boolean() }), weight: 4 },
  { arbitrary: fc.record({ t: fc.constant('deposit' as const), unit: fc.nat(), amount: fc.integer({ min: 1, max: 80_000 }) }), weight: 1 },
  { arbitrary: fc.record({ t: fc.constant('reverse' as const), pick: fc.nat() }), weight: 2 },
  { arbitrary: fc.record({ t: fc.constant('waive' as const), pick: fc.nat(), frac: fc.constantFrom(0.5, 1) }), weight: 1 },
  { arbitrary: fc.record({ t: fc.constant('days' as const), n: fc.integer({ min: 1, max: 40 }) }), weight: 3 },
);

const TOUR: Action[] = [
  { t: 'run', back: 0 },
  { t: 'charge', unit: 0, amount: 12_345 },
  { t: 'days', n: 25 },
  { t: 'pay', unit: 0, frac: 0.5, prepaid: false },
  { t: 'pay', unit: 0, frac: 1.2, prepaid: false },
  { t: 'deposit', unit: 1, amount: 500 },
  { t: 'pay', unit: 1, frac: 0.3, prepaid: true },
  { t: 'deposit', unit: 1, amount: 800 },
  { t: 'run', back: 1 },
  { t: 'adjust', pick: 1, amount: 2_000 },
  { t: 'adjust', pick: 2, amount: -1_000 },
  { t: 'reverse', pick: 0 },
  { t: 'waive', pick: 3, frac: 0.5 },
  { t: 'days', n: 40 },
  { t: 'pay', unit: 1, frac: 0.01, prepaid: false },
];

/** Every stats period of the years touched so far. */
async function periods(): Promise<string[]> {
  const rows = await t.db.selectFrom('bill_lines').select('period').distinct().where('estate_id', '=', f.d.estate).execute();
  const years = new Set([...rows.map((r) => r.period.slice(0, 4)), today().slice(0, 4)]);
  const out: string[] = [];
  for (const y of years) {
    out.push(y, `${y}-H1`, `${y}-H2`, `${y}-Q1`, `${y}-Q2`, `${y}-Q3`, `${y}-Q4`);
    for (let m = 1; m <= 12; m++) out.push(`${y}-${String(m).padStart(2, '0')}`);
  }
  return out;
}

const sorted = <T extends { rows: Array<{ key: number | null }> }>(s: T) => ({ ...s, rows: [...s.rows].sort((a, b) => (a.key ?? 0) - (b.key ?? 0)) });

async function compareAll() {
  const scopes: Scope[] = [
    { all: true, estates: [], areas: [], units: [] },
    { all: false, estates: [], areas: [{ estateId: f.d.estate, areaId: f.d.east }], units: [] },
  ];
  for (const period of await periods())
    for (const groupBy of ['item', 'area', 'building'] as const)
      for (const scope of scopes) {
        const q = { estateId: f.d.estate, period, groupBy };
        const [fromSummary, fromLines] = await Promise.all([t.services.fees.stats.build(scope, q, 'zh-CN', 'summary'), t.services.fees.stats.build(scope, q, 'zh-CN', 'lines')]);
        expect(sorted(fromSummary), `${period} by ${groupBy}${scope.all ? '' : ' (east area)'}`).toEqual(sorted(fromLines));
      }
}

describe('collection statistics summary', () => {
  it('equals the sums over the lines after any sequence of billing, payments, reversals, waivers, credits, prepaid and late fees', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 3, maxLength: 20 }), async (actions) => {
        for (const a of actions) await act(a);
        await compareAll();
      }),
      // one tour of every action first, so each path is taken whatever the random runs draw
      { numRuns: process.env.DATABASE_URL ? 15 : 30, endOnFailure: true, examples: [[TOUR]] },
    );
    // the sequences did reach every code path that moves a line's money
    for (const kind of ['run', 'charge', 'adjust', 'credit', 'pay', 'overpay', 'pay from prepaid', 'deposit', 'reversal', 'waiver', 'days']) expect(done[kind] ?? 0, kind).toBeGreaterThan(0);
    const late = await t.db.selectFrom('bill_lines').select('id').where('estate_id', '=', f.d.estate).where('late_fee', '>', 0).executeTakeFirst();
    expect(late, 'some line crystallized a late fee').toBeDefined();
    const settled = await t.db.selectFrom('prepaid_entries').select('id').where('estate_id', '=', f.d.estate).where('run_id', 'is not', null).executeTakeFirst();
    expect(settled, 'a billing run settled lines from prepaid').toBeDefined();
  }, 300_000);

  it('a late fee paid alone makes a row of its month with nothing recovered, in the summary too', async () => {
    const item = await insertFeeItem(t, f.d.estate, { name: '临时占道费', kind: 'one_off', late_start: 'due', late_grace_days: 0 });
    const res = await t.as('cashier1', 'POST', '/api/v1/fees/lines', { unitId: f.units.small, feeItemId: item, amount: 10_000, description: '占道' });
    expect(res.statusCode, res.body).toBe(201);
    t.clock.advance(70 * 86_400_000);
    const line = (await t.as('cashier1', 'GET', `/api/v1/fees/units/${f.units.small}/account`)).json().openLines.find((l: any) => l.id === res.json().id);
    expect(line.lateDue).toBeGreaterThan(0);
    const paid = await t.as('cashier1', 'POST', '/api/v1/fees/payments', { unitId: f.units.small, lineIds: [line.id], amount: line.lateDue, expectedDue: line.totalDue, method: 'cash', idempotencyKey: paymentKey() });
    expect(paid.statusCode, paid.body).toBe(201);
    const q = { estateId: f.d.estate, period: today().slice(0, 7), groupBy: 'item' as const };
    const all: Scope = { all: true, estates: [], areas: [], units: [] };
    const fromLines = await t.services.fees.stats.build(all, q, 'zh-CN', 'lines');
    expect(fromLines.rows.find((r) => r.key === item)).toMatchObject({ billed: 0, collected: 0, recovered: 0 });
    expect(sorted(await t.services.fees.stats.build(all, q, 'zh-CN', 'summary'))).toEqual(sorted(fromLines));
  });

  it('the backfill of migration 012 sums the same summary from the lines', async () => {
    const read = async () => ({
      summary: await t.db.selectFrom('collection_summary').selectAll().orderBy('estate_id').orderBy('period').orderBy('fee_item_id').orderBy('area_key').orderBy('building_key').execute(),
      recovered: await t.db.selectFrom('collection_recovered').selectAll().orderBy('estate_id').orderBy('month').orderBy('period').orderBy('fee_item_id').orderBy('area_key').orderBy('building_key').execute(),
    });
    const kept = await read();
    expect(kept.summary.length).toBeGreaterThan(3);
    expect(kept.recovered.length).toBeGreaterThan(0);
    // the migration itself, run again over today's lines: the tables made anew and filled
    await sql`drop table collection_summary`.execute(t.db);
    await sql`drop table collection_recovered`.execute(t.db);
    // (its up() directly: later migrations exist, so the migrator will not run 012 again out of order)
    await t.db.transaction().execute((trx) => collectionSummary.up(trx, t.database.dialect));
    expect(await read()).toEqual(kept);
    // and the function the bench uses for one estate
    await rebuildCollectionSummary(t.db, f.d.estate);
    expect(await read()).toEqual(kept);
    await compareAll();
  }, 120_000);
});
