/**
 * The director's pack sums its year to date from the packs frozen on each 1st (plus the month live)
 * instead of rescanning the year. This checks on the demo estate, on both databases, that the sum
 * equals the year to date recomputed from the records, with every earlier month frozen, with a gap
 * of unfrozen months in the middle, and with none; and that a frozen month is what the year to date
 * reads (the director's reports add up), while non-additive figures stay computed over the year.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDate } from '../../src/core/clock.ts';
import { nextMonth, prevMonth } from '../../src/server/modules/management/period.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { demoIds } from '../helpers/fixtures.ts';

let t: TestApp;
let estate: number;
let month: string;

beforeAll(async () => {
  t = await createTestApp();
  const ids = await demoIds(t);
  estate = ids.estate;
  // Tickets in January to April (some answered, some resolved on time, some open), then the pack for May.
  const year = localDate(t.clock.now()).slice(0, 4);
  for (const [k, m] of ['01', '02', '03', '04', '05'].entries()) {
    t.clock.setTo(new Date(`${year}-${m}-10T02:00:00Z`));
    for (let i = 0; i <= k % 3 + 1; i++) {
      const res = await t.as('desk1', 'POST', '/api/v1/tickets', { unitId: (i % 2 ? ids.westUnit : ids.eastUnit).id, type: i === 0 ? 'complaint' : 'repair', channel: 'phone', title: `报修 ${m}-${i}`, description: '厨房下水管漏水', ...(i === 2 ? { complex: true } : {}) });
      expect(res.statusCode, res.body).toBe(201);
      const id = res.json().id as number;
      if (i !== 1) await t.as('desk1', 'POST', `/api/v1/tickets/${id}/respond`, { note: '已联系' });
      if (i === 0 || i === 3) await t.as(i % 2 ? 'cs2' : 'cs1', 'POST', `/api/v1/tickets/${id}/resolve`, { note: '已修好' });
    }
  }
  t.clock.setTo(new Date(`${year}-05-20T02:00:00Z`));
  month = `${year}-05`;
});
afterAll(() => t.close());

const pack = () => t.services.management.pack;

async function freeze(months: string[]) {
  await t.db.deleteFrom('monthly_reports').where('kind', '=', 'pack').execute();
  for (const m of months) {
    const p = await pack().compute(estate, m);
    await t.db.insertInto('monthly_reports').values({ estate_id: estate, area_key: 0, kind: 'pack', month: m, data: JSON.stringify(p), created_at: t.clock.now().toISOString() }).execute();
  }
}

function earlier() {
  const out: string[] = [];
  for (let m = `${month.slice(0, 4)}-01`; m < month; m = nextMonth(m)) out.push(m);
  return out;
}

const figures = (p: Awaited<ReturnType<ReturnType<typeof pack>['compute']>>) => p.rows.map((r) => ({ code: r.code, ytd: r.ytd }));

describe('pack year to date from frozen months', () => {
  it('equals the raw recomputation with all, some and none of the earlier months frozen', async () => {
    const raw = await pack().compute(estate, month, { ytd: 'raw' });
    // the data is there: tickets in earlier months of the year count in the year to date
    const resolution = raw.rows.find((r) => r.code === 'resolution')!;
    expect(resolution.ytd.denominator).toBeGreaterThan(resolution.month.denominator);
    const all = earlier();
    const scenarios = [all, all.filter((_, i) => i % 2 === 0), all.slice(-1), []];
    for (const frozen of scenarios) {
      await freeze(frozen);
      const p = await pack().compute(estate, month);
      expect(p.frozenMonths).toEqual(frozen);
      expect(figures(p), `frozen ${frozen.join(',')}`).toEqual(figures(raw));
    }
  });

  it('reads a frozen month as it was delivered', async () => {
    const last = prevMonth(month);
    await freeze([last]);
    const before = await pack().compute(estate, month);
    // the stored pack of last month says one more resolved ticket than the records: the year to date follows it
    const row = await t.db.selectFrom('monthly_reports').select(['id', 'data']).where('kind', '=', 'pack').where('month', '=', last).executeTakeFirstOrThrow();
    const data = JSON.parse(row.data);
    const stored = data.rows.find((r: { code: string }) => r.code === 'resolution');
    stored.month.numerator += 1;
    stored.month.denominator += 1;
    // a non-additive figure (survey satisfaction) is never read from the stored months
    const survey = data.rows.find((r: { code: string }) => r.code === 'satisfaction');
    survey.month.numerator += 7;
    survey.month.denominator += 7;
    await t.db.updateTable('monthly_reports').set({ data: JSON.stringify(data) }).where('id', '=', row.id).execute();
    const after = await pack().compute(estate, month);
    const b = before.rows.find((r) => r.code === 'resolution')!.ytd;
    const a = after.rows.find((r) => r.code === 'resolution')!.ytd;
    expect([a.numerator, a.denominator]).toEqual([b.numerator + 1, b.denominator + 1]);
    expect(after.rows.find((r) => r.code === 'satisfaction')!.ytd).toEqual(before.rows.find((r) => r.code === 'satisfaction')!.ytd);
    // the month itself is always live
    expect(after.rows.map((r) => r.month)).toEqual(before.rows.map((r) => r.month));
  });
});
