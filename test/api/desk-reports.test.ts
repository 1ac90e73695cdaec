import ExcelJS from 'exceljs';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDate } from '../../src/core/clock.ts';
import { SmtpChannel } from '../../src/server/modules/notifications/channels.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { demoIds } from '../helpers/fixtures.ts';

let t: TestApp;
let ids: Awaited<ReturnType<typeof demoIds>>;
beforeAll(async () => {
  t = await createTestApp();
  ids = await demoIds(t);
});
afterAll(() => t.close());

const HOUR = 3_600_000;
const create = async (body: Record<string, unknown> = {}) =>
  (await t.as('desk1', 'POST', '/api/v1/tickets', { unitId: ids.eastUnit.id, type: 'repair', channel: 'phone', title: '报修', description: '测试', ...body })).json().id as number;
const act = (id: number, action: string, body: Record<string, unknown> = {}, user = 'cs1') => t.as(user, 'POST', `/api/v1/tickets/${id}/${action}`, body);
async function visit(id: number, score: number) {
  const v = await t.db.selectFrom('return_visits').select('id').where('ticket_id', '=', id).where('done_at', 'is', null).executeTakeFirstOrThrow();
  return t.as('cs1', 'POST', `/api/v1/return-visits/${v.id}`, { score });
}

describe('monthly report (manual 3.3, 4.12)', () => {
  it('counts, rates and formulas over a known set of tickets', async () => {
    await t.as('admin', 'POST', '/api/v1/clock', { set: '2026-10-12T02:00:00.000Z' });
    // A: on time, visited 5 → effective
    const a = await create({ type: 'repair' });
    await act(a, 'respond');
    await act(a, 'resolve', { note: '修好' });
    await act(a, 'confirm');
    await visit(a, 5);
    // B: late first response (25 h), resolved late, visited 2 → reopened → not effective
    const b = await create({ type: 'complaint' });
    t.clock.advance(25 * HOUR);
    await act(b, 'respond');
    await act(b, 'resolve', { note: '已处理' });
    await act(b, 'confirm');
    await visit(b, 2);
    await act(b, 'resolve', { note: '返工' });
    // C: cancelled (excluded from the resolution rate)
    const c = await create({ type: 'inquiry' });
    await act(c, 'cancel', { note: '重复' });
    // D: still open, past both due times
    await create({ type: 'report', unitId: null, estateId: ids.estate, areaId: ids.east });
    t.clock.advance(30 * HOUR);
    const res = await t.as('director', 'GET', `/api/v1/reports/desk?estateId=${ids.estate}&from=2026-10-01&to=2026-10-31`);
    expect(res.statusCode).toBe(200);
    const r = res.json();
    expect(r.totals).toMatchObject({ registered: 4, cancelled: 1, resolved: 2, reopened: 1, visited: 2, effective: 1 });
    // Four tickets are too few for a rate (MIN_RATE_BASE = 5): the rates are null ("not enough
    // data" on the page, never a red 0.0 %); the counts they would be computed from are all there.
    expect(r.rates).toMatchObject({ resolutionRate: null, responseTimeliness: null, resolutionTimeliness: null, effectiveness: null, satisfaction: null });
    expect(r.minRateBase).toBe(5);
    expect(r.totals.resolved / (r.totals.registered - r.totals.cancelled)).toBeCloseTo(2 / 3);
    expect(r.totals.responseMet / r.totals.responseMeasured).toBeCloseTo(1 / 3); // A on time; B late; D unanswered past due
    // A on time; B's rework is judged on the clock its reopening restarted (its reopening counts against effectiveness); D unresolved past due
    expect(r.totals.resolutionMet / r.totals.resolutionMeasured).toBeCloseTo(2 / 3);
    expect(r.totals.effective / r.totals.visited).toBeCloseTo(1 / 2);
    expect(r.targets.resolutionRate).toBe(0.95);
    expect(r.formulas.resolutionRate).toContain('不含已取消');
    expect(r.byType.map((x: { key: string }) => x.key).sort()).toEqual(['complaint', 'inquiry', 'repair', 'report']);
    expect(r.byBuilding.find((x: { key: string }) => x.key === '公共区域').count).toBe(1);
    // The month runs to the 31st but today is the 14th: the future is not in the series.
    expect(r.daily).toHaveLength(14);
    expect(r.daily.at(-1).day).toBe('2026-10-14');
    expect(r.daily.reduce((s: number, d: { registered: number }) => s + d.registered, 0)).toBe(4);
    expect(r.daily.filter((d: { registered: number }) => d.registered > 0).map((d: { day: string; registered: number }) => [d.day, d.registered])).toEqual([['2026-10-12', 2], ['2026-10-13', 2]]);
    expect(r.daily.reduce((s: number, d: { resolved: number }) => s + d.resolved, 0)).toBe(2);

    const en = (await t.as('director', 'GET', `/api/v1/reports/desk?estateId=${ids.estate}&from=2026-10-01&to=2026-10-31`, undefined, { 'accept-language': 'en' })).json();
    expect(en.formulas.resolutionRate).toContain('cancelled excluded');
    expect(en.byBuilding.map((x: { key: string }) => x.key)).toContain('Public areas');
    await t.as('admin', 'POST', '/api/v1/clock', { reset: true });
  });

  it('scopes the report to the caller’s area and exports it as .xlsx', async () => {
    const west = (await t.as('cs2', 'GET', `/api/v1/reports/desk?estateId=${ids.estate}&from=2026-10-01&to=2026-10-31`)).json();
    expect(west.totals.registered).toBe(0);
    expect((await t.as('desk1', 'GET', `/api/v1/reports/desk?estateId=${ids.estate}&from=2026-10-01&to=2026-10-31`)).statusCode).toBe(403);
    const bad = await t.as('director', 'GET', `/api/v1/reports/desk?estateId=${ids.estate}&from=2026-10-31&to=2026-10-01`);
    expect(bad.statusCode).toBe(400);
    const xlsx = await t.as('director', 'GET', `/api/v1/reports/desk.xlsx?estateId=${ids.estate}&from=2026-10-01&to=2026-10-31`);
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '按类型', '按分类', '按楼栋', '按部门', '每日']);
    const summary = wb.getWorksheet('汇总')!;
    const values = summary.getSheetValues().flat().map(String);
    expect(values).toEqual(expect.arrayContaining(['问题解决率', '数据不足', '有效率']));
    expect(values).not.toContain('0.0%');
  });
});

describe('e-mail channel', () => {
  it('delivers notifications through a real SMTP server', async () => {
    const received: Array<{ to: string; body: string }> = [];
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, session, done) {
        let body = '';
        stream.on('data', (c) => (body += c.toString()));
        stream.on('end', () => {
          received.push({ to: session.envelope.rcptTo.map((r) => r.address).join(','), body });
          done();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.server.address() as { port: number }).port;
    const mail = await createTestApp({ channelFactory: () => new SmtpChannel(`smtp://127.0.0.1:${port}`, 'desk@wuye.test') });
    try {
      const director = await mail.db.selectFrom('users').select('id').where('username', '=', 'director').executeTakeFirstOrThrow();
      await mail.db.updateTable('users').set({ email: 'director@wuye.test' }).where('id', '=', director.id).execute();
      const estate = await mail.db.selectFrom('estates').select('id').executeTakeFirstOrThrow();
      const res = await mail.as('desk1', 'POST', '/api/v1/tickets', { estateId: estate.id, type: 'report', channel: 'phone', emergency: true, incidentType: 'fire', title: '3栋烟雾报警', description: '3栋12层走廊有烟' });
      expect(res.statusCode).toBe(201);
      expect(received).toHaveLength(1);
      expect(received[0].to).toBe('director@wuye.test');
      expect(received[0].body).toContain('desk@wuye.test');
    } finally {
      await mail.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe('demo history', () => {
  it('three months of tickets in every state, with breaches, escalations, reopenings and emergencies', async () => {
    const demo = await createTestApp({ demo: false });
    try {
      const { seedDemo } = await import('../../src/server/demo/seed.ts');
      await seedDemo(demo.services, localDate(demo.clock.now()), { clock: demo.clock });
      const rows = await demo.db.selectFrom('tickets').select(['status', 'escalation_level', 'reopen_count', 'emergency', 'type', 'created_at']).execute();
      expect(rows.length).toBeGreaterThan(200);
      const statuses = new Set(rows.map((r) => r.status));
      for (const s of ['registered', 'responded', 'dispatched', 'in_progress', 'paused', 'resolved', 'confirmed', 'closed', 'cancelled']) expect(statuses, s).toContain(s);
      expect(new Set(rows.map((r) => r.type)).size).toBe(8);
      expect(rows.some((r) => r.escalation_level > 0)).toBe(true);
      expect(rows.some((r) => r.reopen_count > 0)).toBe(true);
      expect(rows.filter((r) => r.emergency === 1)).toHaveLength(2);
      const oldest = rows.map((r) => r.created_at).sort()[0];
      expect(Date.now() - Date.parse(oldest)).toBeGreaterThan(80 * 86_400_000);
      expect(Math.abs(demo.clock.offset)).toBe(0);
    } finally {
      await demo.close();
    }
  }, 120_000);
});

describe('large lists', () => {
  it('totals a filter on estate, area, department, type and status exactly; counts others up to 10,000 and says there are more', async () => {
    const now = new Date().toISOString();
    const rows = Array.from({ length: 10_050 }, (_, i) => ({
      estate_id: ids.estate, area_id: ids.east, number: `L${i}`, type: 'suggestion', channel: 'phone', reporter_name: '业主', priority: 'low', complex: 0, emergency: 0,
      title: `建议 ${i}`, description: '批量', status: 'closed', response_due_at: now, resolution_due_at: now, responded_at: now, resolved_at: now,
      reopen_count: 0, escalation_level: 0, warned: 0, created_at: now, updated_at: now,
    }));
    for (let i = 0; i < rows.length; i += 500) await t.db.insertInto('tickets').values(rows.slice(i, i + 500)).execute();
    const suggestions = async (where: Record<string, unknown>) => Number((await t.db.selectFrom('tickets').select((eb) => eb.fn.countAll<number>().as('n')).where('estate_id', '=', ids.estate).where('type', '=', 'suggestion').where((eb) => eb.and(where)).executeTakeFirstOrThrow()).n);
    // From ticket_counts (migration 027): the true total, past the cap.
    const exact = (await t.as('director', 'GET', `/api/v1/tickets?estateId=${ids.estate}&type=suggestion&pageSize=20`)).json();
    expect(exact).toMatchObject({ total: await suggestions({}), more: false });
    expect(exact.total).toBeGreaterThanOrEqual(10_050);
    expect(exact.items).toHaveLength(20);
    const closedEast = (await t.as('director', 'GET', `/api/v1/tickets?estateId=${ids.estate}&areaId=${ids.east}&type=suggestion&status=closed&pageSize=20`)).json();
    expect(closedEast).toMatchObject({ total: await suggestions({ area_id: ids.east, status: 'closed' }), more: false });
    // An area administrator's scope is summed the same way.
    const cs1 = (await t.as('cs1', 'GET', `/api/v1/tickets?type=suggestion&status=closed&pageSize=20`)).json();
    expect(cs1.total).toBe(closedEast.total);
    // A date range is not kept in ticket_counts: counted up to the cap.
    const big = (await t.as('director', 'GET', `/api/v1/tickets?estateId=${ids.estate}&type=suggestion&from=${localDate(new Date(Date.now() - 86_400_000))}&pageSize=20`)).json();
    expect(big).toMatchObject({ total: 10_000, more: true });
    expect(big.items).toHaveLength(20);
    const small = (await t.as('director', 'GET', `/api/v1/tickets?estateId=${ids.estate}&type=complaint&pageSize=20`)).json();
    expect(small.more).toBe(false);
    expect(small.total).toBeLessThan(100);
  });
});
