/**
 * The management steps that take no body (design part C, M 6.2): a development plan marked done,
 * an improvement action cancelled, and one found not effective by the data planned again. Each:
 * the happy path, the wrong state (409), a role without the permission (403), out of scope (404),
 * and the audit entry. Runs on both databases.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { demoIds } from '../helpers/fixtures.ts';

let t: TestApp;
let ids: Awaited<ReturnType<typeof demoIds>>;

const audited = async (entity: string, id: number) =>
  (await t.db.selectFrom('audit_log').select(['actor_id as user_id', 'action']).where('entity', '=', entity).where('entity_id', '=', String(id)).orderBy('id').execute());
const ticket = async (title: string) => {
  const res = await t.as('desk1', 'POST', '/api/v1/tickets', { unitId: ids.eastUnit.id, type: 'repair', channel: 'phone', title, description: '厨房下水管漏水' });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as number;
};

beforeAll(async () => {
  t = await createTestApp();
  ids = await demoIds(t);
  t.clock.setTo(new Date('2026-03-10T02:00:00Z'));
  // A director of another estate: improve.manage and perf.read, but nothing of this estate in scope.
  const other = (await t.as('admin', 'POST', '/api/v1/estates', { code: 'OTHER', name: '锦绣园' })).json().id;
  const made = await t.as('admin', 'POST', '/api/v1/users', { username: 'director9', displayName: '外项目主任', role: 'director', password: 'Welcome2026', scopes: [{ estateId: other }] });
  expect(made.statusCode, made.body).toBe(201);
  await t.login('director9', 'Welcome2026');
});
afterAll(() => t.close());

describe('development plan done (M 6.2)', () => {
  let plan: number;

  it('a weak month gives cs1 a plan; cs1 marks it done once, audited', async () => {
    // March: six east tickets, none resolved — the resolution KPI is weak.
    for (let i = 0; i < 6; i++) await ticket(`三月报修 ${i}`);
    t.clock.setTo(new Date('2026-04-10T02:00:00Z'));
    await t.as('director', 'POST', '/api/v1/appraisals/generate', { estateId: ids.estate, month: '2026-03' });
    const appraisal = (await t.as('director', 'GET', `/api/v1/appraisals?estateId=${ids.estate}&period=2026-03&userId=${ids.users.cs1}`)).json().items[0].id as number;
    for (const [user, step, body] of [['cs1', 'self-assess', { text: '有待改进' }], ['assistant', 'review', { text: '同意' }], ['director', 'confirm', {}]] as const) {
      const res = await t.as(user, 'POST', `/api/v1/appraisals/${appraisal}/${step}`, body);
      expect(res.statusCode, `${step}: ${res.body}`).toBe(200);
    }
    const plans = (await t.as('cs1', 'GET', `/api/v1/development-plans?estateId=${ids.estate}`)).json().items as Array<{ id: number; userId: number; status: string }>;
    expect(plans.length, 'a plan for each weak KPI').toBeGreaterThan(0);
    expect(plans.every((p) => p.userId === ids.users.cs1 && p.status === 'open')).toBe(true);
    plan = plans[0]!.id;

    const ok = await t.as('cs1', 'POST', `/api/v1/development-plans/${plan}/done`);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toEqual({ id: plan, status: 'done' });
    const row = await t.db.selectFrom('development_plans').select(['status', 'done_at']).where('id', '=', plan).executeTakeFirstOrThrow();
    expect(row.status).toBe('done');
    expect(row.done_at).toBeTruthy();
    expect(await audited('development_plan', plan)).toEqual([{ user_id: ids.users.cs1, action: 'update' }]);
  });

  it('refuses a second time (409), a role without perf.read (403), another area or estate (404), changing nothing', async () => {
    expect((await t.as('cs1', 'POST', `/api/v1/development-plans/${plan}/done`)).statusCode).toBe(409);
    const open = (await t.as('assistant', 'GET', `/api/v1/development-plans?estateId=${ids.estate}&userId=${ids.users.cs1}`)).json().items.find((p: { status: string }) => p.status === 'open');
    expect(open, 'cs1 has more than one weak KPI').toBeTruthy();
    expect((await t.as('cashier1', 'POST', `/api/v1/development-plans/${open.id}/done`)).statusCode).toBe(403);
    // cs2 runs the west area: cs1's plan is not his to read (the list hides it) nor to close
    expect((await t.as('cs2', 'GET', `/api/v1/development-plans?estateId=${ids.estate}`)).json().items.map((p: { id: number }) => p.id)).not.toContain(open.id);
    expect((await t.as('cs2', 'POST', `/api/v1/development-plans/${open.id}/done`)).statusCode).toBe(404);
    expect((await t.as('director9', 'POST', `/api/v1/development-plans/${open.id}/done`)).statusCode).toBe(404);
    // nor does the director of another estate read this estate's plans
    expect((await t.as('director9', 'GET', `/api/v1/development-plans?estateId=${ids.estate}`)).statusCode).toBe(404);
    expect((await t.as('cs1', 'POST', '/api/v1/development-plans/999999/done')).statusCode).toBe(404);
    expect((await t.db.selectFrom('development_plans').select('status').where('id', '=', open.id).executeTakeFirstOrThrow()).status).toBe('open');
    expect(await audited('development_plan', open.id)).toEqual([]);
    // the assistant, who sees the whole estate, may close it for him
    expect((await t.as('assistant', 'POST', `/api/v1/development-plans/${open.id}/done`)).json().status).toBe('done');
    expect(await audited('development_plan', open.id)).toEqual([{ user_id: ids.users.assistant, action: 'update' }]);
  });
});

describe('improvement action cancel and replan', () => {
  const base = () => ({ estateId: ids.estate, areaId: ids.east, source: 'weakness', type: 'corrective', dimension: '其他', problem: '东区报修解决率偏低', rootCause: '夜间无人值守', metric: 'desk.resolutionRate', target: 0.95, reviewMonth: '2026-05', rows: [{ what: '安排夜间值班', ownerId: ids.users.cs1, dueOn: '2026-04-30' }] });
  const create = async () => {
    const res = await t.as('assistant', 'POST', '/api/v1/improvement-actions', base());
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as number;
  };
  const step = (user: string, id: number, path: string) => t.as(user, 'POST', `/api/v1/improvement-actions/${id}/${path}`);
  const status = async (id: number) => (await t.db.selectFrom('improvement_actions').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;
  let notEffective: number;

  it('cancels from proposed, approved or in progress; never twice; only a manager in scope', async () => {
    const proposed = await create();
    const approved = await create();
    expect((await step('director', approved, 'approve')).json().status).toBe('approved');
    const running = await create();
    await step('director', running, 'approve');
    expect((await step('assistant', running, 'start')).json().status).toBe('in_progress');

    expect((await step('cs1', proposed, 'cancel')).statusCode).toBe(403);
    expect((await step('director9', proposed, 'cancel')).statusCode).toBe(404);
    expect((await step('director', 999999, 'cancel')).statusCode).toBe(404);
    expect(await status(proposed)).toBe('proposed');
    expect((await audited('improvement_action', proposed)).map((a) => a.action)).toEqual(['create']);

    for (const id of [proposed, approved, running]) {
      const res = await step('assistant', id, 'cancel');
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({ id, status: 'cancelled' });
      expect(await status(id)).toBe('cancelled');
      expect((await audited('improvement_action', id)).at(-1)).toEqual({ user_id: ids.users.assistant, action: 'update' });
      expect((await step('director', id, 'cancel')).statusCode).toBe(409);
    }
    // a cancelled action is not planned again either
    expect((await step('director', proposed, 'replan')).statusCode).toBe(409);
  });

  it('an action the data finds not effective is planned again (proposed); nothing else is', async () => {
    notEffective = await create();
    await step('director', notEffective, 'approve');
    await step('assistant', notEffective, 'start');
    // replan only after a verification that failed
    expect((await step('assistant', notEffective, 'replan')).statusCode).toBe(409);
    expect((await step('assistant', notEffective, 'submit')).json().status).toBe('verifying');
    expect((await step('assistant', notEffective, 'replan')).statusCode).toBe(409);
    // May: two east tickets, neither resolved; on June 1st the review month is over.
    t.clock.setTo(new Date('2026-05-10T02:00:00Z'));
    await ticket('五月报修 1');
    await ticket('五月报修 2');
    t.clock.setTo(new Date('2026-06-01T04:00:00Z'));
    const verified = await step('director', notEffective, 'verify');
    expect(verified.statusCode, verified.body).toBe(200);
    expect(await status(notEffective)).toBe('not_effective');
    // the effective/cancelled ends stay ends; a role without improve.manage and another estate are refused
    expect((await step('cs1', notEffective, 'replan')).statusCode).toBe(403);
    expect((await step('director9', notEffective, 'replan')).statusCode).toBe(404);
    expect(await status(notEffective)).toBe('not_effective');
    const before = (await audited('improvement_action', notEffective)).length;

    const res = await step('assistant', notEffective, 'replan');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ id: notEffective, status: 'proposed' });
    expect(await status(notEffective)).toBe('proposed');
    const log = await audited('improvement_action', notEffective);
    expect(log).toHaveLength(before + 1);
    expect(log.at(-1)).toEqual({ user_id: ids.users.assistant, action: 'update' });
    expect((await step('assistant', notEffective, 'replan')).statusCode).toBe(409);
    // planned again, it goes round the loop once more from the director's approval
    expect((await step('director', notEffective, 'approve')).json().status).toBe('approved');
  });
});
