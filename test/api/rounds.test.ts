/**
 * The rounds office API: versioned templates, checkpoints (token never the id, rotation), routes,
 * plans and their checks, the task board, transfer and make-up by role, reports and quality by
 * role and scope, the daily summary, and new estates getting the default patrol templates.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { demoIds } from '../helpers/fixtures.ts';
import { answers, dayAfterDemo, patrolSetup, setChinaTime, sync } from '../helpers/rounds.ts';

let t: TestApp;
let ids: Awaited<ReturnType<typeof demoIds>>;
beforeAll(async () => {
  t = await createTestApp();
  ids = await demoIds(t);
});
afterAll(() => t.close());

const E = () => ids.estate;

describe('templates', () => {
  it('a draft is edited, published, then immutable; revising makes the next version', async () => {
    const made = await t.as('assistant', 'POST', '/api/v1/rounds/templates', { estateId: E(), kind: 'sign_check', name: '标识检查', items: [{ label: '楼号牌', answer: 'ok_issue' }] });
    expect(made.statusCode, made.body).toBe(201);
    const id = made.json().id;
    const draft = await t.as('assistant', 'POST', `/api/v1/rounds/templates/${id}/draft`, { name: '标识检查表', items: [{ label: '楼号牌', answer: 'ok_issue' }, { label: '亮度', answer: 'number', min: 0, max: 100, unit: '%' }, { label: '状态', answer: 'choice', options: ['完好', '破损'] }] });
    expect(draft.statusCode, draft.body).toBe(200);
    expect((await t.as('assistant', 'GET', `/api/v1/rounds/templates/${id}`)).json()).toMatchObject({ name: '标识检查表', version: 1, status: 'draft', itemCount: 3 });
    expect((await t.as('assistant', 'POST', `/api/v1/rounds/templates/${id}/publish`)).statusCode).toBe(200);
    // Published: no more edits, no second publish.
    const edit = await t.as('assistant', 'POST', `/api/v1/rounds/templates/${id}/draft`, { name: 'x', items: [{ label: 'x', answer: 'text' }] });
    expect(edit.statusCode).toBe(409);
    expect((await t.as('assistant', 'POST', `/api/v1/rounds/templates/${id}/publish`)).statusCode).toBe(409);
    const rev = await t.as('assistant', 'POST', `/api/v1/rounds/templates/${id}/revise`);
    expect(rev.statusCode, rev.body).toBe(201);
    const v2 = (await t.as('assistant', 'GET', `/api/v1/rounds/templates/${rev.json().id}`)).json();
    expect(v2).toMatchObject({ familyId: id, version: 2, status: 'draft', itemCount: 3 });
    expect(v2.items[2]).toMatchObject({ answer: 'choice', options: ['完好', '破损'] });
    expect((await t.as('assistant', 'POST', `/api/v1/rounds/templates/${id}/revise`)).statusCode).toBe(409); // one draft at a time
    // The published version is unchanged.
    const v1 = (await t.as('assistant', 'GET', `/api/v1/rounds/templates/${id}`)).json();
    expect(v1.items.map((i: any) => i.label)).toEqual(['楼号牌', '亮度', '状态']);
  });

  it('refuses bad items with the field named, and other roles', async () => {
    const bad = async (items: unknown, field: string) => {
      const r = await t.as('director', 'POST', '/api/v1/rounds/templates', { estateId: E(), kind: 'patrol', name: 'x', items });
      expect(r.statusCode, r.body).toBe(400);
      expect(Object.keys(r.json().error.fields).some((k) => k.startsWith(field)), r.body).toBe(true);
    };
    await bad([], 'items');
    await bad([{ label: '选项', answer: 'choice', options: ['一'] }], 'items.0.options');
    await bad([{ label: '范围', answer: 'number', min: 5, max: 1 }], 'items.0.max');
    await bad([{ label: ' ', answer: 'ok_issue' }], 'items.0.label');
    expect((await t.as('cs1', 'POST', '/api/v1/rounds/templates', { estateId: E(), kind: 'patrol', name: 'x', items: [{ label: 'x', answer: 'text' }] })).statusCode).toBe(403);
    expect((await t.as('desk1', 'GET', `/api/v1/rounds/templates?estateId=${E()}`)).statusCode).toBe(200);
    expect((await t.as('cashier1', 'GET', `/api/v1/rounds/templates?estateId=${E()}`)).statusCode).toBe(403);
    expect((await t.as('director', 'GET', '/api/v1/rounds/templates/999999')).statusCode).toBe(404);
  });

  it('a new estate gets the building patrol and facility check templates', async () => {
    const est = (await t.as('admin', 'POST', '/api/v1/estates', { code: 'RND2', name: '锦绣园' })).json().id;
    const list = (await t.as('admin', 'GET', `/api/v1/rounds/templates?estateId=${est}`)).json().items;
    expect(list.map((x: any) => [x.kind, x.status])).toEqual(expect.arrayContaining([['patrol', 'published'], ['facility_check', 'published']]));
    const facility = (await t.as('admin', 'GET', `/api/v1/rounds/templates/${list.find((x: any) => x.kind === 'facility_check').id}`)).json();
    expect(facility.items.map((i: any) => i.label.slice(0, 2))).toEqual(['供水', '供电', '燃气', '通讯', '有线']);
  });
});

describe('checkpoints and labels', () => {
  it('uses a random token, not the id; rotation replaces it; labels only for config roles', async () => {
    const r = await t.as('director', 'POST', '/api/v1/rounds/checkpoints', { estateId: E(), areaId: ids.east, code: 'LBL-1', name: '东门岗亭', target: 'area' });
    expect(r.statusCode, r.body).toBe(201);
    const id = r.json().id;
    const label = () => t.as('director', 'GET', `/api/v1/rounds/labels?estateId=${E()}&ids=${id}`).then((x) => x.json().items[0]);
    const first = await label();
    const token = new URL(first.url, 'http://x').searchParams.get('t')!;
    expect(first.url).toMatch(/^\/field\/scan\?t=[A-Za-z0-9_-]{22}$/);
    expect(token).not.toContain(String(id));
    expect((await t.as('director', 'POST', `/api/v1/rounds/checkpoints/${id}/rotate`)).statusCode).toBe(200);
    expect((await label()).url).not.toBe(first.url);
    expect((await t.as('cs1', 'GET', `/api/v1/rounds/labels?estateId=${E()}`)).statusCode).toBe(403);
    // The list never carries the token.
    const list = await t.as('cs1', 'GET', `/api/v1/rounds/checkpoints?estateId=${E()}`);
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain(token);
    // Duplicate code → 409 naming it; another estate's area → 400.
    const dup = await t.as('director', 'POST', '/api/v1/rounds/checkpoints', { estateId: E(), code: 'LBL-1', name: 'x', target: 'area' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.fields).toHaveProperty('code');
    expect((await t.as('director', 'PATCH', `/api/v1/rounds/checkpoints/${id}`, { areaId: 999999 })).statusCode).toBe(400);
    expect((await t.as('director', 'PATCH', '/api/v1/rounds/checkpoints/999999', { name: 'x' })).statusCode).toBe(404);
  });

  it('area staff see only their area\'s checkpoints', async () => {
    await t.as('director', 'POST', '/api/v1/rounds/checkpoints', { estateId: E(), areaId: ids.west, code: 'W-ONLY', name: '西区岗亭', target: 'area' });
    const east = (await t.as('cs1', 'GET', `/api/v1/rounds/checkpoints?estateId=${E()}`)).json().items.map((c: any) => c.code);
    expect(east).not.toContain('W-ONLY');
    const all = (await t.as('director', 'GET', `/api/v1/rounds/checkpoints?estateId=${E()}`)).json().items.map((c: any) => c.code);
    expect(all).toContain('W-ONLY');
  });
});

describe('plans', () => {
  it('checks the plan as a whole', async () => {
    const cp = (await t.as('director', 'POST', '/api/v1/rounds/checkpoints', { estateId: E(), code: 'PL-1', name: '路口', target: 'area' })).json().id;
    const empty = (await t.as('director', 'POST', '/api/v1/rounds/routes', { estateId: E(), name: '空路线', ordered: false, checkpointIds: [] })).json().id;
    const full = (await t.as('director', 'POST', '/api/v1/rounds/routes', { estateId: E(), name: '路线', ordered: false, checkpointIds: [cp] })).json().id;
    const base = { estateId: E(), name: '计划', kind: 'patrol', recurrence: 'daily', slots: [{ start: '09:00', windowMin: 60 }], startsOn: '2026-12-01' };
    const field = async (body: Record<string, unknown>, status = 400) => {
      const r = await t.as('director', 'POST', '/api/v1/rounds/plans', { ...base, ...body });
      expect(r.statusCode, r.body).toBe(status);
      return status === 400 ? Object.keys(r.json().error.fields ?? {}) : [];
    };
    expect(await field({})).toContain('routeId');
    expect(await field({ routeId: empty })).toContain('routeId');
    expect(await field({ routeId: full, generator: 'active_signs' })).toContain('generator');
    expect(await field({ generator: 'no_such' })).toContain('generator');
    expect(await field({ routeId: full, recurrence: 'weekdays', days: [] })).toContain('days');
    expect(await field({ routeId: full, recurrence: 'weekdays', days: [8] })).toContain('days');
    expect(await field({ routeId: full, recurrence: 'every_n_days' })).toContain('everyN');
    expect(await field({ routeId: full, slots: [{ start: '9:00', windowMin: 60 }] })).toContain('slots.0.start');
    expect(await field({ routeId: full, slots: [{ start: '09:00', windowMin: 10 }] })).toContain('slots.0.windowMin');
    expect(await field({ routeId: full, assigneeRule: 'user' })).toContain('assigneeId');
    expect(await field({ routeId: full, assigneeRule: 'user', assigneeId: ids.users.owner1 })).toContain('assigneeId');
    expect(await field({ routeId: full, endsOn: '2026-11-30' })).toContain('endsOn');
    await field({ routeId: empty, enabled: false }, 201); // a plan may wait disabled for its checkpoints
    await field({ routeId: full, assigneeRule: 'user', assigneeId: ids.users.eng1 }, 201);
  });
});

describe('tasks: transfer, make-up, board, roles', () => {
  let setup: Awaited<ReturnType<typeof patrolSetup>>;
  let taskId: number;
  let day: string;
  beforeAll(async () => {
    setup = await patrolSetup(t, E(), ids.east, 'TB');
    day = dayAfterDemo(t, 5);
    setChinaTime(t, day, '08:45');
    await t.as('admin', 'POST', '/api/v1/clock/jobs/rounds');
    const board = (await t.as('cs1', 'GET', `/api/v1/rounds/tasks?estateId=${E()}&date=${day}&planId=${setup.planId}`)).json();
    expect(board.items).toHaveLength(1);
    taskId = board.items[0].id;
  });

  it('shows the board to readers, by day and status, and not outside the scope', async () => {
    expect((await t.as('desk1', 'GET', `/api/v1/rounds/tasks?estateId=${E()}&date=${day}`)).json().items.some((x: any) => x.id === taskId)).toBe(true);
    expect((await t.as('cs2', 'GET', `/api/v1/rounds/tasks/${taskId}`)).statusCode).toBe(404); // east task, west admin
    expect((await t.as('cs1', 'GET', `/api/v1/rounds/tasks?estateId=${E()}&date=${day}&status=done`)).json().items.some((x: any) => x.id === taskId)).toBe(false);
    expect((await t.as('cs1', 'GET', `/api/v1/rounds/tasks?estateId=${E()}&date=2026-02-30`)).statusCode).toBe(400);
    expect((await t.as('owner1', 'GET', `/api/v1/rounds/tasks?estateId=${E()}`)).statusCode).toBe(403);
  });

  it('transfer: by the assignee or a supervisor, with a reason, to someone who may do rounds', async () => {
    expect((await t.as('eng1', 'POST', `/api/v1/rounds/tasks/${taskId}/transfer`, { toUserId: ids.users.eng1, reason: '我来' })).statusCode).toBe(403);
    expect((await t.as('cs1', 'POST', `/api/v1/rounds/tasks/${taskId}/transfer`, { toUserId: ids.users.eng1 })).statusCode).toBe(400);
    expect((await t.as('cs1', 'POST', `/api/v1/rounds/tasks/${taskId}/transfer`, { toUserId: ids.users.cashier1, reason: '请假' })).statusCode).toBe(400);
    expect((await t.as('cs1', 'POST', `/api/v1/rounds/tasks/${taskId}/transfer`, { toUserId: ids.users.cs1, reason: '请假' })).statusCode).toBe(400);
    const ok = await t.as('cs1', 'POST', `/api/v1/rounds/tasks/${taskId}/transfer`, { toUserId: ids.users.eng1, reason: '片区管理员外出培训' });
    expect(ok.statusCode, ok.body).toBe(200);
    const detail = (await t.as('cs1', 'GET', `/api/v1/rounds/tasks/${taskId}`)).json();
    expect(detail.assigneeId).toBe(ids.users.eng1);
    expect(detail.transfers[0]).toMatchObject({ reason: '片区管理员外出培训' });
    expect(await t.db.selectFrom('notifications').select('id').where('user_id', '=', ids.users.eng1).where('kind', '=', 'rounds.transfer').execute()).toHaveLength(1);
    // The pack follows the task; a result from the previous assignee is kept and flagged.
    const pack = (await t.as('eng1', 'GET', `/api/v1/field/pack?estateId=${E()}`)).json();
    expect(pack.tasks.some((x: any) => x.id === taskId)).toBe(true);
    setChinaTime(t, day, '09:10');
    const res = await sync(t, 'cs1', [{ clientUuid: randomUUID(), payload: { taskId, checkpointId: setup.cps[0], scanMethod: 'qr', scannedToken: setup.token(setup.cps[0]!), observedAt: t.clock.now().toISOString(), answers: answers(setup.items) } }]);
    const out = res.json().results[0];
    expect(out.status, out.reason).toBe('accepted');
    const row = await t.db.selectFrom('round_results').select(['after_reassignment', 'counts', 'out_of_sequence']).where('id', '=', out.ids.resultId).executeTakeFirstOrThrow();
    expect(row).toEqual({ after_reassignment: 1, counts: 1, out_of_sequence: 0 });
    // Out of the route's order: checkpoint 2 before 1 would be flagged; here 2 after 1 is in order.
  });

  it('make-up only for partial or missed tasks, only supervisors, within 24 hours', async () => {
    expect((await t.as('cs1', 'POST', `/api/v1/rounds/tasks/${taskId}/makeup`, {})).statusCode).toBe(409); // still in progress
    setChinaTime(t, day, '10:40');
    await t.as('admin', 'POST', '/api/v1/clock/jobs/rounds');
    expect((await t.as('cs1', 'GET', `/api/v1/rounds/tasks/${taskId}`)).json().status).toBe('partial');
    expect((await t.as('eng1', 'POST', `/api/v1/rounds/tasks/${taskId}/makeup`, {})).statusCode).toBe(403);
    expect((await t.as('cs1', 'POST', `/api/v1/rounds/tasks/${taskId}/transfer`, { toUserId: ids.users.cs1, reason: 'x' })).statusCode).toBe(409);
    t.clock.advance(25 * 3600_000);
    expect((await t.as('cs1', 'POST', `/api/v1/rounds/tasks/${taskId}/makeup`, {})).statusCode).toBe(409);
  });

  it('reports and quality: rates by day, staff and plan; refused outside the scope and for bad ranges', async () => {
    const r = await t.as('director', 'GET', `/api/v1/rounds/reports?estateId=${E()}&from=${day}&to=${day}`);
    expect(r.statusCode, r.body).toBe(200);
    const plan = r.json().byPlan.find((p: any) => p.planId === setup.planId);
    expect(plan).toMatchObject({ scheduled: 2, done: 1, missed: 1, completionRate: null });
    expect(r.json().missed.some((m: any) => m.checkpointCode === 'TB-2')).toBe(true);
    expect(r.json().byDay.map((d: any) => d.date)).toEqual([day]);
    const q = await t.as('assistant', 'GET', `/api/v1/rounds/quality?estateId=${E()}&from=${day}&to=${day}`);
    expect(q.json().items.find((x: any) => x.dept === 'repair')).toMatchObject({ ok: 5, issues: 0, score: 100 });
    expect((await t.as('director', 'GET', `/api/v1/rounds/reports?estateId=${E()}&from=${day}&to=2026-01-01`)).statusCode).toBe(400);
    expect((await t.as('director', 'GET', `/api/v1/rounds/reports?estateId=${E()}&from=2020-01-01&to=2026-12-31`)).statusCode).toBe(400);
    expect((await t.as('director', 'GET', `/api/v1/rounds/reports?estateId=999999&from=${day}&to=${day}`)).statusCode).toBe(404);
    expect((await t.as('cashier1', 'GET', `/api/v1/rounds/reports?estateId=${E()}&from=${day}&to=${day}`)).statusCode).toBe(403);
  });

  it('sends the daily summary at 18:00 once', async () => {
    setChinaTime(t, day, '17:55');
    await t.as('admin', 'POST', '/api/v1/clock/jobs/rounds');
    const key = `rounds-summary:${E()}:${day}`;
    expect(await t.db.selectFrom('notifications').select('id').where('dedupe_key', '=', key).execute()).toHaveLength(0);
    setChinaTime(t, day, '18:05');
    await t.as('admin', 'POST', '/api/v1/clock/jobs/rounds');
    setChinaTime(t, day, '18:10');
    await t.as('admin', 'POST', '/api/v1/clock/jobs/rounds');
    const sent = await t.db.selectFrom('notifications').select(['user_id']).where('dedupe_key', '=', key).execute();
    expect(sent.map((s) => s.user_id)).toEqual(expect.arrayContaining([ids.users.director, ids.users.assistant, ids.users.cs1]));
    expect(new Set(sent.map((s) => s.user_id)).size).toBe(sent.length);
  });

  it('lists the staff who may do rounds', async () => {
    const staff = (await t.as('cs1', 'GET', `/api/v1/rounds/staff?estateId=${E()}`)).json().items;
    expect(staff.map((s: any) => s.id)).toEqual(expect.arrayContaining([ids.users.cs1, ids.users.eng1]));
    expect(staff.map((s: any) => s.id)).not.toContain(ids.users.cashier1);
  });
});
