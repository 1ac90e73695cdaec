/**
 * Management (design part C): KPI sets, appraisals from generation to acknowledgement with the
 * frozen snapshot, the weakness report and improvement actions verified by the data, the
 * director's pack with its drill-down, xlsx and PDF, and the monthly job. Runs on both databases.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDate } from '../../src/core/clock.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { demoIds } from '../helpers/fixtures.ts';

let t: TestApp;
let ids: Awaited<ReturnType<typeof demoIds>>;
let month: string;
let estate: number;

const act = (id: number, action: string, body: Record<string, unknown> = {}, user = 'cs1') => t.as(user, 'POST', `/api/v1/tickets/${id}/${action}`, body);

beforeAll(async () => {
  t = await createTestApp();
  ids = await demoIds(t);
  estate = ids.estate;
  // Mid-month, so the month's tickets and the 1st's job are both ahead of us.
  t.clock.setTo(new Date('2026-03-10T02:00:00Z'));
  month = localDate(t.clock.now()).slice(0, 7);
  // A few tickets in cs1's east area: resolved, one attitude complaint, one left open.
  for (let i = 0; i < 6; i++) {
    const res = await t.as('desk1', 'POST', '/api/v1/tickets', { unitId: ids.eastUnit.id, type: i === 0 ? 'complaint' : 'repair', channel: 'phone', title: `东区报修 ${i}`, description: '厨房下水管漏水' });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id as number;
    await act(id, 'respond', { note: '已联系' }, 'desk1');
    if (i < 5) expect((await act(id, 'resolve', { note: '已修好' }, 'cs1')).statusCode).toBe(200);
  }
});
afterAll(() => t.close());

describe('KPI sets', () => {
  it('starts from the default set and saves a new version; refuses weights ≠ 100, floor = target, wrong direction', async () => {
    const cur = await t.as('director', 'GET', `/api/v1/kpi-sets?estateId=${estate}&role=cs_admin`);
    expect(cur.statusCode).toBe(200);
    const items = cur.json().current.items as Array<Record<string, unknown>>;
    expect(items.reduce((s, i) => s + (i.weight as number), 0)).toBe(100);
    expect(items.find((i) => i.metric === 'field.roundsCompletion')!.hasSource).toBe(true);
    expect(items.find((i) => i.metric === 'desk.resolutionRate')!.hasSource).toBe(true);
    const strip = items.map(({ hasSource: _h, ...rest }) => rest);
    const bad = await t.as('director', 'POST', '/api/v1/kpi-sets', { estateId: estate, role: 'cs_admin', effectiveFrom: month, items: strip.map((i, k) => (k === 0 ? { ...i, weight: (i.weight as number) + 1 } : i)) });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.items).toBeTruthy();
    const same = await t.as('director', 'POST', '/api/v1/kpi-sets', { estateId: estate, role: 'cs_admin', effectiveFrom: month, items: strip.map((i, k) => (k === 0 ? { ...i, target: i.floor } : i)) });
    expect(same.json().error.fields['items.0.target']).toBeTruthy();
    const wrong = await t.as('director', 'POST', '/api/v1/kpi-sets', { estateId: estate, role: 'cs_admin', effectiveFrom: month, items: strip.map((i, k) => (k === 0 ? { ...i, target: 0.1 } : i)) });
    expect(wrong.json().error.fields['items.0.target']).toBeTruthy();
    expect((await t.as('director', 'POST', '/api/v1/kpi-sets', { estateId: estate, role: 'cs_admin', effectiveFrom: month, items: strip, extra: 1 })).statusCode).toBe(400);
    expect((await t.as('assistant', 'POST', '/api/v1/kpi-sets', { estateId: estate, role: 'cs_admin', effectiveFrom: month, items: strip })).statusCode).toBe(403);
    const ok = await t.as('director', 'POST', '/api/v1/kpi-sets', { estateId: estate, role: 'cs_admin', effectiveFrom: month, note: '首版', items: strip });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().version).toBe(1);
    const after = (await t.as('assistant', 'GET', `/api/v1/kpi-sets?estateId=${estate}&role=cs_admin`)).json();
    expect(after.current.version).toBe(1);
    expect(after.versions).toHaveLength(1);
  });
});

describe('live metrics', () => {
  it('shows cs1 his own sheet with dropped KPIs renormalised; not cs2 sheet', async () => {
    const res = await t.as('cs1', 'GET', `/api/v1/performance/live?estateId=${estate}&userId=${ids.users.cs1}&month=${month}`);
    expect(res.statusCode, res.body).toBe(200);
    const s = res.json().sheet;
    const resolution = s.lines.find((l: { metric: string }) => l.metric === 'desk.resolutionRate');
    expect(resolution).toMatchObject({ numerator: 5, denominator: 6, dropped: false });
    expect(s.lines.find((l: { metric: string }) => l.metric === 'field.roundsCompletion')).toMatchObject({ hasSource: true }); // field-relations.metrics.ts
    expect(s.droppedWeight).toBeGreaterThan(0);
    expect(s.lines.reduce((x: number, l: { effectiveWeight: number }) => x + l.effectiveWeight, 0)).toBeCloseTo(100);
    expect((await t.as('cs1', 'GET', `/api/v1/performance/live?estateId=${estate}&userId=${ids.users.cs2}&month=${month}`)).statusCode).toBe(404);
    expect((await t.as('director', 'GET', `/api/v1/performance/live?estateId=${estate}&userId=${ids.users.cs2}&month=${month}`)).statusCode).toBe(200);
    expect((await t.as('cs1', 'GET', `/api/v1/performance/live?estateId=${estate}&userId=${ids.users.cs1}&month=2026-13`)).statusCode).toBe(400);
    const staff = (await t.as('cs1', 'GET', `/api/v1/performance/staff?estateId=${estate}`)).json().items;
    expect(staff.map((s: { id: number }) => s.id)).toEqual([ids.users.cs1]);
  });
});

describe('appraisal: cs1 from self-assessment to acknowledgement', () => {
  let id: number;
  it('is generated with a frozen snapshot and a notification', async () => {
    expect((await t.as('assistant', 'POST', '/api/v1/appraisals/generate', { estateId: estate, month })).statusCode).toBe(403);
    const gen = await t.as('director', 'POST', '/api/v1/appraisals/generate', { estateId: estate, month });
    expect(gen.statusCode, gen.body).toBe(200);
    expect(gen.json().created.length).toBeGreaterThan(0);
    expect((await t.as('director', 'POST', '/api/v1/appraisals/generate', { estateId: estate, month })).json().created).toEqual([]);
    const list = (await t.as('cs1', 'GET', `/api/v1/appraisals?estateId=${estate}&period=${month}`)).json().items;
    expect(list).toHaveLength(1);
    id = list[0].id;
    const a = (await t.as('cs1', 'GET', `/api/v1/appraisals/${id}`)).json();
    expect(a.status).toBe('draft');
    expect(a.sheet.lines.find((l: { metric: string }) => l.metric === 'desk.resolutionRate')).toMatchObject({ numerator: 5, denominator: 6, formula: { zh: expect.stringContaining('已解决') } });
    const notes = await t.db.selectFrom('notifications').select('kind').where('user_id', '=', ids.users.cs1).where('kind', '=', 'appraisal').execute();
    expect(notes.length).toBe(1);
    expect((await t.as('cs2', 'GET', `/api/v1/appraisals/${id}`)).statusCode).toBe(404);
  });

  it('refuses steps out of order, by the wrong person, and adjustments beyond ±10 or without reason and evidence', async () => {
    expect((await t.as('assistant', 'POST', `/api/v1/appraisals/${id}/review`, { text: '太早' })).statusCode).toBe(409);
    expect((await t.as('director', 'POST', `/api/v1/appraisals/${id}/confirm`, {})).statusCode).toBe(409);
    expect((await t.as('cs1', 'POST', `/api/v1/appraisals/${id}/acknowledge`)).statusCode).toBe(409);
    expect((await t.as('cs2', 'POST', `/api/v1/appraisals/${id}/self-assess`, { text: '代自评' })).statusCode).toBe(404);
    expect((await t.as('cs1', 'POST', `/api/v1/appraisals/${id}/self-assess`, { text: '' })).statusCode).toBe(400);
    const self = await t.as('cs1', 'POST', `/api/v1/appraisals/${id}/self-assess`, { text: '本月东区报修基本按时处理，一单投诉需改进', score: 85 });
    expect(self.json()).toEqual({ id, status: 'self_assessed' });
    expect((await t.as('cs1', 'POST', `/api/v1/appraisals/${id}/self-assess`, { text: '再来' })).statusCode).toBe(409);
    expect((await t.as('assistant', 'POST', `/api/v1/appraisals/${id}/review`, { text: '同意', adjustment: 12, reason: 'x', evidence: 'y' })).statusCode).toBe(400);
    const noReason = await t.as('assistant', 'POST', `/api/v1/appraisals/${id}/review`, { text: '同意', adjustment: 5 });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.fields.reason).toBeTruthy();
    expect((await t.as('cs1', 'POST', `/api/v1/appraisals/${id}/review`, { text: '自己评' })).statusCode).toBe(403);
  });

  it('walks review (+5 with reason) → confirm → appeal → re-review → confirm → acknowledge, snapshot frozen', async () => {
    const before = (await t.as('director', 'GET', `/api/v1/appraisals/${id}`)).json();
    const rev = await t.as('assistant', 'POST', `/api/v1/appraisals/${id}/review`, { text: '态度认真', adjustment: 5, reason: '业主来信表扬', evidence: '表扬信 2026-03-05' });
    expect(rev.json().status).toBe('reviewed');
    const reviewed = (await t.as('cs1', 'GET', `/api/v1/appraisals/${id}`)).json();
    expect(reviewed.adjustment).toBe(5);
    expect(reviewed.final).toBeCloseTo(Math.min(100, before.computed + 5), 1);
    expect((await t.as('assistant', 'POST', `/api/v1/appraisals/${id}/confirm`, {})).statusCode).toBe(403);
    expect((await t.as('director', 'POST', `/api/v1/appraisals/${id}/confirm`, {})).json().status).toBe('confirmed');
    // New data after confirmation never changes the appraisal.
    const extra = await t.as('desk1', 'POST', '/api/v1/tickets', { unitId: ids.eastUnit.id, type: 'repair', channel: 'phone', title: '又一单', description: '灯坏了' });
    expect(extra.statusCode).toBe(201);
    const frozen = (await t.as('cs1', 'GET', `/api/v1/appraisals/${id}`)).json();
    expect(frozen.sheet).toEqual(before.sheet);
    expect((await t.as('cs1', 'POST', `/api/v1/appraisals/${id}/appeal`, { text: '投诉非本人责任' })).json().status).toBe('appealed');
    expect((await t.as('assistant', 'POST', `/api/v1/appraisals/${id}/review`, { text: '复评维持', adjustment: 0 })).json().status).toBe('reviewed');
    expect((await t.as('director', 'POST', `/api/v1/appraisals/${id}/confirm`, {})).json().status).toBe('confirmed');
    expect((await t.as('cs1', 'POST', `/api/v1/appraisals/${id}/acknowledge`)).json().status).toBe('acknowledged');
    expect((await t.as('cs1', 'POST', `/api/v1/appraisals/${id}/appeal`, { text: '再申诉' })).statusCode).toBe(409);
    const audit = await t.db.selectFrom('audit_log').select('summary').where('entity', '=', 'appraisal').where('entity_id', '=', String(id)).execute();
    expect(audit.length).toBe(8);
    const done = (await t.as('cs1', 'GET', `/api/v1/appraisals/${id}`)).json();
    // M 6.2: plans for weak KPIs (grade below A) or a recognition (A)
    expect(done.plans.length + done.recognitions.length).toBeGreaterThan(0);
  });

  it('annual appraisal from the confirmed months plus the review; training records', async () => {
    const bad = await t.as('director', 'POST', '/api/v1/appraisals/annual', { estateId: estate, userId: ids.users.cs1, year: '2026', review: 101 });
    expect(bad.statusCode).toBe(400);
    const res = await t.as('director', 'POST', '/api/v1/appraisals/annual', { estateId: estate, userId: ids.users.cs1, year: '2026', review: 90, note: '全年表现良好' });
    expect(res.statusCode, res.body).toBe(201);
    expect((await t.as('director', 'POST', '/api/v1/appraisals/annual', { estateId: estate, userId: ids.users.cs1, year: '2026', review: 90 })).statusCode).toBe(409);
    expect((await t.as('director', 'POST', '/api/v1/appraisals/annual', { estateId: estate, userId: ids.users.cs2, year: '2026', review: 90 })).statusCode).toBe(409);
    const tr = await t.as('assistant', 'POST', '/api/v1/training-records', { estateId: estate, course: '投诉处理技巧', heldOn: '2026-03-08', hours: 2, trainer: '李助理', attendees: [ids.users.cs1, ids.users.cs2], result: '合格' });
    expect(tr.statusCode, tr.body).toBe(201);
    expect((await t.as('assistant', 'POST', '/api/v1/training-records', { estateId: estate, course: 'x', heldOn: '2026-03-08', hours: 2, trainer: 'y', attendees: [999999] })).statusCode).toBe(400);
    expect((await t.as('cs1', 'GET', `/api/v1/training-records?estateId=${estate}`)).json().items).toHaveLength(1);
  });
});

describe("director's pack", () => {
  it('lists every manual target red/green, "no data source yet" where no module provides it, with drill-down', async () => {
    const res = await t.as('director', 'GET', `/api/v1/management/pack?estateId=${estate}&month=${month}`);
    expect(res.statusCode, res.body).toBe(200);
    const rows = res.json().rows as Array<{ code: string; month: { status: string; value: number | null }; formula: unknown; drill: boolean }>;
    const by = Object.fromEntries(rows.map((r) => [r.code, r]));
    expect(by.resolution!.month.status).toBe('red'); // 6/7 resolved < 95 %
    expect(by.signs!.month.status).not.toBe('no_source'); // a source now (field-relations.metrics.ts)
    expect(by.renovation!.month.status).toBe('no_data'); // a source now, no renovation in the small demo
    expect(by.surveyReturn!.month.status).toBe('no_data'); // a source (field-relations.metrics.ts), no survey in the small demo
    expect(by.resolution!.formula).toBeTruthy();
    const drill = await t.as('director', 'GET', `/api/v1/management/records?estateId=${estate}&month=${month}&metric=desk.resolutionRate`);
    expect(drill.statusCode).toBe(200);
    expect(drill.json().items[0].ok).toBe(false);
    expect(drill.json().items.length).toBe(drill.json().denominator);
    expect((await t.as('cs1', 'GET', `/api/v1/management/pack?estateId=${estate}&month=${month}`)).statusCode).toBe(403);
    expect((await t.as('assistant', 'GET', `/api/v1/management/pack?estateId=${estate}&month=${month}`)).statusCode).toBe(200);
    expect((await t.as('director', 'GET', `/api/v1/management/pack?estateId=${estate}&month=2026-3`)).statusCode).toBe(400);
    expect((await t.as('director', 'GET', `/api/v1/management/records?estateId=${estate}&month=${month}&metric=no.such.metric`)).statusCode).toBe(404);
    const xlsx = await t.as('director', 'GET', `/api/v1/management/pack.xlsx?estateId=${estate}&month=${month}`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('prints the pack to an A4 PDF on the server', async () => {
    const pdf = await t.as('director', 'GET', `/api/v1/management/pack.pdf?estateId=${estate}&month=${month}`);
    expect(pdf.statusCode, pdf.body.slice(0, 200)).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  }, 60_000);

  it('answers 503 naming the missing browser when the server has no Chromium', async () => {
    const before = process.env.CHROMIUM_PATH;
    process.env.CHROMIUM_PATH = '/nonexistent/chromium';
    try {
      const zh = await t.as('director', 'GET', `/api/v1/management/pack.pdf?estateId=${estate}&month=${month}`);
      expect(zh.statusCode).toBe(503);
      expect(zh.json().error.message).toContain('服务器未安装 Chromium（/nonexistent/chromium）');
      const en = await t.as('director', 'GET', `/api/v1/management/pack.pdf?estateId=${estate}&month=${month}`, undefined, { 'accept-language': 'en-US' });
      expect(en.json().error.message).toContain('Chromium is not installed on the server');
    } finally {
      if (before === undefined) delete process.env.CHROMIUM_PATH;
      else process.env.CHROMIUM_PATH = before;
    }
  });
});

describe('weakness report and improvement actions', () => {
  it('ranks the dimensions with every component and drills into tickets', async () => {
    const res = await t.as('cs1', 'GET', `/api/v1/improvement/weakness?estateId=${estate}&areaId=${ids.east}&month=${month}`);
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r.dimensions.some((d: { dimension: string }) => d.dimension === '标识')).toBe(true);
    const first = r.dimensions[0];
    expect(Object.keys(first.components).sort()).toEqual(['badVisits', 'complaints', 'repeats', 'score', 'timeliness']);
    expect((await t.as('cs1', 'GET', `/api/v1/improvement/weakness?estateId=${estate}&areaId=${ids.west}&month=${month}`)).statusCode).toBe(404);
    expect((await t.as('cs1', 'GET', `/api/v1/improvement/weakness?estateId=${estate}&month=${month}`)).statusCode).toBe(404);
    const drill = await t.as('director', 'GET', `/api/v1/improvement/weakness/tickets?estateId=${estate}&month=${month}&dimension=${encodeURIComponent(first.dimension)}`);
    expect(drill.statusCode).toBe(200);
  });

  it('proposed → approved (director only) → in progress → verifying → verified by the data after the review month', async () => {
    const next = '2026-04';
    const base = { estateId: estate, areaId: ids.east, source: 'weakness', type: 'corrective', dimension: '其他', problem: '东区报修解决率偏低', rootCause: '夜间无人值守，次日才派工', metric: 'desk.resolutionRate', target: 0.95, reviewMonth: next, rows: [{ what: '安排夜间值班', ownerId: ids.users.cs1, dueOn: '2026-03-31' }] };
    expect((await t.as('director', 'POST', '/api/v1/improvement-actions', { ...base, reviewMonth: month })).statusCode).toBe(400);
    expect((await t.as('director', 'POST', '/api/v1/improvement-actions', { ...base, metric: 'no.suchMetric' })).statusCode).toBe(400);
    expect((await t.as('cs1', 'POST', '/api/v1/improvement-actions', base)).statusCode).toBe(403);
    const created = await t.as('assistant', 'POST', '/api/v1/improvement-actions', base);
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id;
    expect((await t.as('assistant', 'POST', `/api/v1/improvement-actions/${id}/approve`)).statusCode).toBe(403);
    expect((await t.as('director', 'POST', `/api/v1/improvement-actions/${id}/start`)).statusCode).toBe(409);
    expect((await t.as('director', 'POST', `/api/v1/improvement-actions/${id}/approve`)).json().status).toBe('approved');
    expect((await t.as('assistant', 'POST', `/api/v1/improvement-actions/${id}/start`)).json().status).toBe('in_progress');
    const a = (await t.as('cs1', 'GET', `/api/v1/improvement-actions/${id}`)).json();
    expect((await t.as('cs1', 'POST', `/api/v1/improvement-actions/${id}/rows/${a.rows[0].id}/done`)).statusCode).toBe(200);
    expect((await t.as('cs1', 'POST', `/api/v1/improvement-actions/${id}/rows/${a.rows[0].id}/done`)).statusCode).toBe(409);
    expect((await t.as('assistant', 'POST', `/api/v1/improvement-actions/${id}/submit`)).json().status).toBe('verifying');
    expect((await t.as('director', 'POST', `/api/v1/improvement-actions/${id}/verify`)).statusCode).toBe(409);
    // April: every east ticket resolved; then May 1st 03:00 the monthly job verifies.
    t.clock.setTo(new Date('2026-04-10T02:00:00Z'));
    for (let i = 0; i < 5; i++) {
      const r = await t.as('desk1', 'POST', '/api/v1/tickets', { unitId: ids.eastUnit.id, type: 'repair', channel: 'phone', title: `四月 ${i}`, description: '水龙头坏' });
      await act(r.json().id, 'resolve', { note: '已换' }, 'cs1');
    }
    t.clock.setTo(new Date('2026-04-30T19:30:00Z')); // 2026-05-01 03:30 in Shanghai
    const run = await t.as('admin', 'POST', '/api/v1/clock/jobs/management-monthly');
    expect(run.statusCode, run.body).toBe(200);
    const verified = (await t.as('director', 'GET', `/api/v1/improvement-actions/${id}`)).json();
    expect(verified.status).toBe('effective');
    expect(verified.verified).toBe(1);
    // The same run delivered April's pack to the director and froze April's appraisals and weakness reports.
    const pack = await t.db.selectFrom('monthly_reports').select(['kind', 'area_key']).where('month', '=', '2026-04').execute();
    expect(pack.map((p) => p.kind)).toContain('pack');
    expect(pack.filter((p) => p.kind === 'weakness').length).toBeGreaterThan(1);
    const note = await t.db.selectFrom('notifications').select('title').where('user_id', '=', ids.users.director).where('kind', '=', 'pack').execute();
    expect(note).toHaveLength(1);
    expect((await t.db.selectFrom('appraisals').select('id').where('period', '=', '2026-04').execute()).length).toBeGreaterThan(0);
    // once only
    await t.as('admin', 'POST', '/api/v1/clock/jobs/management-monthly');
    expect(await t.db.selectFrom('notifications').select('title').where('user_id', '=', ids.users.director).where('kind', '=', 'pack').execute()).toHaveLength(1);
  });

  it('summarises special services on the 28th (M 4.11.4)', async () => {
    t.clock.setTo(new Date('2026-05-28T04:00:00Z'));
    await t.as('admin', 'POST', '/api/v1/clock/jobs/management-monthly');
    const rows = await t.db.selectFrom('monthly_reports').select('kind').where('month', '=', '2026-05').where('kind', '=', 'special').execute();
    expect(rows).toHaveLength(1);
  });
});
