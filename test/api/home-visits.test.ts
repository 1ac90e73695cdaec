/**
 * Home visits (design B.3.1): settings, the daily plan (special care first, carry-over, add/drop),
 * visit records and their bad inputs, care-note privacy, the arrears ladder's visits, coverage.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { insertFeeItem, insertLine } from '../helpers/fees.ts';
import { demoIds } from '../helpers/fixtures.ts';
import { registerHomeVisitSync } from '../../src/server/modules/relations/visits/visits.sync.ts';

let t: TestApp;
let ids: Awaited<ReturnType<typeof demoIds>>;
const today = () => t.services.homeVisits.today();
beforeAll(async () => {
  t = await createTestApp();
  ids = await demoIds(t);
});
afterAll(() => t.close());

const visit = (over: Record<string, unknown> = {}) => ({
  householdId: ids.eastUnit.householdId,
  purpose: 'routine',
  method: 'in_home',
  outcome: 'met',
  visitedAt: new Date(t.clock.now().getTime() - 3600_000).toISOString(),
  membersMet: '户主',
  ...over,
});

describe('visit settings', () => {
  it('has defaults, is changed by the assistant, refused to an area administrator and on bad input', async () => {
    const got = await t.as('cs1', 'GET', `/api/v1/visit-settings?estateId=${ids.estate}`);
    expect(got.statusCode, got.body).toBe(200);
    expect(got.json()).toMatchObject({ regularDays: 90, specialDays: 7, moveInDays: 7, dailyCapacity: 10, notHomeAttempts: 3, updatedAt: null });
    const url = `/api/v1/visit-settings/${ids.estate}`;
    expect((await t.as('cs1', 'PATCH', url, { regularDays: 60 })).statusCode).toBe(403);
    expect((await t.as('desk1', 'GET', `/api/v1/visit-settings?estateId=${ids.estate}`)).statusCode).toBe(403);
    const put = await t.as('assistant', 'PATCH', url, { regularDays: 60, dailyCapacity: 12 });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({ regularDays: 60, dailyCapacity: 12, specialDays: 7 });
    const bad = await t.as('assistant', 'PATCH', url, { specialDays: 90 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.specialDays).toBeDefined();
    const wrongType = await t.as('assistant', 'PATCH', url, { regularDays: '60', colour: 1 });
    expect(wrongType.statusCode).toBe(400);
    expect((await t.as('assistant', 'PATCH', '/api/v1/visit-settings/99999', { regularDays: 60 })).statusCode).toBe(404);
  });
});

describe('daily plan', () => {
  it('is generated once per administrator and area, special-care households first', async () => {
    const gen = await t.as('director', 'POST', '/api/v1/visit-plans/generate', { estateId: ids.estate });
    expect(gen.statusCode, gen.body).toBe(200);
    expect(gen.json().created).toBe(2);
    expect((await t.as('director', 'POST', '/api/v1/visit-plans/generate', { estateId: ids.estate })).json().created).toBe(0);
    const plans = await t.as('cs1', 'GET', `/api/v1/visit-plans?estateId=${ids.estate}`);
    expect(plans.statusCode, plans.body).toBe(200);
    const mine = plans.json().items;
    expect(mine).toHaveLength(1); // cs1 sees only the east area's plan
    const items = mine[0].items;
    expect(items.length).toBe(12);
    const ranks = items.map((i: { source: string }) => ['special_care', 'follow_up', 'notice', 'survey', 'new_move_in', 'regular', 'added'].indexOf(i.source));
    expect([...ranks].sort((a, b) => a - b)).toEqual(ranks);
    expect(items[0].source).toBe('special_care');
    expect(items[0].specialCare).toBe(true);
  });

  it('adds with a reason, drops with a reason, and carries an unvisited item to the next day', async () => {
    const plan = (await t.as('cs1', 'GET', `/api/v1/visit-plans?estateId=${ids.estate}`)).json().items[0];
    const add = await t.as('cs1', 'POST', `/api/v1/visit-plans/${plan.id}/items`, { householdId: ids.eastUnit.householdId, note: '住户来电请上门' });
    expect([201, 409]).toContain(add.statusCode);
    expect((await t.as('cs1', 'POST', `/api/v1/visit-plans/${plan.id}/items`, { householdId: ids.eastUnit.householdId, note: '再次' })).statusCode).toBe(409);
    expect((await t.as('cs1', 'POST', `/api/v1/visit-plans/${plan.id}/items`, { householdId: ids.westUnit.householdId, note: '西区' })).statusCode).toBe(404);
    expect((await t.as('director', 'POST', `/api/v1/visit-plans/${plan.id}/items`, { householdId: ids.westUnit.householdId, note: '西区' })).statusCode).toBe(400);
    expect((await t.as('cs1', 'POST', `/api/v1/visit-plans/${plan.id}/items`, { householdId: ids.eastUnit.householdId })).statusCode).toBe(400);
    expect((await t.as('cs2', 'POST', `/api/v1/visit-plans/${plan.id}/items`, { householdId: ids.eastUnit.householdId, note: 'x' })).statusCode).toBe(404);
    const drop = plan.items[1];
    expect((await t.as('cs1', 'POST', `/api/v1/visit-plan-items/${drop.id}/drop`, {})).statusCode).toBe(400);
    const dropped = await t.as('cs1', 'POST', `/api/v1/visit-plan-items/${drop.id}/drop`, { reason: '住户外出探亲' });
    expect(dropped.statusCode, dropped.body).toBe(200);
    expect((await t.as('cs1', 'POST', `/api/v1/visit-plan-items/${drop.id}/drop`, { reason: '再次' })).statusCode).toBe(409);
    expect((await t.as('cs2', 'POST', `/api/v1/visit-plan-items/${plan.items[2].id}/drop`, { reason: 'x' })).statusCode).toBe(404);
    const confirm = await t.as('cs1', 'POST', `/api/v1/visit-plans/${plan.id}/confirm`);
    expect(confirm.statusCode, confirm.body).toBe(200);
    expect((await t.as('cs1', 'POST', `/api/v1/visit-plans/${plan.id}/confirm`)).statusCode).toBe(409);

    // visit the first item; the third stays unvisited and carries over
    const first = plan.items[0];
    const rec = await t.as('cs1', 'POST', '/api/v1/home-visits', visit({ householdId: first.householdId, planItemId: first.id, purpose: 'special_care', careConcern: true, careNote: '老人独居，行动不便，需要送餐' }));
    expect(rec.statusCode, rec.body).toBe(201);
    const assistantNote = await t.db.selectFrom('notifications').select('kind').where('kind', '=', 'care_concern').execute();
    expect(assistantNote.length).toBeGreaterThanOrEqual(1);

    await t.as('admin', 'POST', '/api/v1/clock', { advanceMinutes: 24 * 60 });
    await t.as('director', 'POST', '/api/v1/visit-plans/generate', { estateId: ids.estate });
    const next = (await t.as('cs1', 'GET', `/api/v1/visit-plans?estateId=${ids.estate}`)).json().items[0];
    expect(next.date).toBe(today());
    const carried = next.items.filter((i: { carriedOver: boolean }) => i.carriedOver).map((i: { householdId: number }) => i.householdId);
    expect(carried).toContain(plan.items[2].householdId);
    expect(carried).not.toContain(first.householdId);
    expect(carried).not.toContain(drop.householdId);
    const old = await t.db.selectFrom('visit_plans').select('status').where('id', '=', plan.id).executeTakeFirstOrThrow();
    expect(old.status).toBe('closed');
    expect((await t.as('cs1', 'POST', `/api/v1/visit-plan-items/${plan.items[3].id}/drop`, { reason: '过期' })).statusCode).toBe(409);
  });
});

describe('visit records', () => {
  it('refuses the future, met without whom, a concern without text, a duplicate, unknown tags, another area', async () => {
    const future = await t.as('cs1', 'POST', '/api/v1/home-visits', visit({ visitedAt: new Date(t.clock.now().getTime() + 3600_000).toISOString() }));
    expect(future.statusCode).toBe(400);
    expect(future.json().error.fields.visitedAt).toBeDefined();
    const who = await t.as('cs1', 'POST', '/api/v1/home-visits', visit({ membersMet: null }));
    expect(who.json().error.fields.membersMet).toBeDefined();
    const care = await t.as('cs1', 'POST', '/api/v1/home-visits', visit({ careConcern: true }));
    expect(care.json().error.fields.careNote).toBeDefined();
    const tag = await t.as('cs1', 'POST', '/api/v1/home-visits', visit({ tags: ['不存在的类别'] }));
    expect(tag.json().error.fields['tags.0']).toBeDefined();
    const bad = await t.as('cs1', 'POST', '/api/v1/home-visits', visit({ purpose: 'party', extra: 1 }));
    expect(bad.statusCode).toBe(400);
    expect((await t.as('cs1', 'POST', '/api/v1/home-visits', visit({ householdId: ids.westUnit.householdId }))).statusCode).toBe(404);
    expect((await t.as('desk1', 'POST', '/api/v1/home-visits', visit())).statusCode).toBe(403);
    const ok = await t.as('cs1', 'POST', '/api/v1/home-visits', visit({ tags: ['收费'], opinions: '希望公示收费明细', satisfaction: 4 }));
    expect(ok.statusCode, ok.body).toBe(201);
    const dup = await t.as('cs1', 'POST', '/api/v1/home-visits', visit({ visitedAt: new Date(t.clock.now().getTime() - 3300_000).toISOString() }));
    expect(dup.statusCode).toBe(400);
    expect(dup.json().error.fields.visitedAt).toBeDefined();
  });

  it('files a prefilled ticket from a need in the same transaction', async () => {
    const res = await t.as('cs1', 'POST', '/api/v1/home-visits', visit({ visitedAt: new Date(t.clock.now().getTime() - 60_000).toISOString(), needs: '厨房水龙头漏水', needType: 'repair', createTicket: true }));
    expect(res.statusCode, res.body).toBe(201);
    const tk = await t.as('cs1', 'GET', `/api/v1/tickets/${res.json().ticketId}`);
    expect(tk.json()).toMatchObject({ type: 'repair', channel: 'visit', unitId: ids.eastUnit.id });
    const missing = await t.as('cs1', 'POST', '/api/v1/home-visits', visit({ visitedAt: new Date(t.clock.now().getTime() - 120_000).toISOString(), createTicket: true, needs: '门铃坏了' }));
    expect(missing.json().error.fields.needType).toBeDefined();
  });

  it('refuses a moved-out household with 409', async () => {
    const h = await t.db.selectFrom('households as h').innerJoin('units as u', 'u.id', 'h.unit_id').innerJoin('buildings as b', 'b.id', 'u.building_id').select('h.id').where('b.area_id', '=', ids.east).where('h.moved_out_on', 'is', null).where('h.id', '<>', ids.eastUnit.householdId!).orderBy('h.id', 'desc').executeTakeFirstOrThrow();
    const out = await t.as('director', 'POST', `/api/v1/households/${h.id}/move-out`, { movedOutOn: today() });
    expect(out.statusCode, out.body).toBe(200);
    expect((await t.as('cs1', 'POST', '/api/v1/home-visits', visit({ householdId: h.id }))).statusCode).toBe(409);
  });

  it('keeps care notes out of lists and out of other areas; reading one is audited', async () => {
    const list = await t.as('cs1', 'GET', `/api/v1/home-visits?estateId=${ids.estate}&purpose=special_care`);
    expect(list.statusCode, list.body).toBe(200);
    const v = list.json().items.find((x: { careConcern: boolean }) => x.careConcern);
    expect(v).toMatchObject({ hasCareNote: true });
    expect(JSON.stringify(list.json())).not.toContain('送餐');
    expect((await t.as('cs2', 'GET', `/api/v1/home-visits/${v.id}`)).statusCode).toBe(404);
    expect((await t.as('cs2', 'POST', `/api/v1/home-visits/${v.id}/care-note`)).statusCode).toBe(404);
    expect((await t.as('desk1', 'POST', `/api/v1/home-visits/${v.id}/care-note`)).statusCode).toBe(403);
    expect((await t.as('admin', 'GET', `/api/v1/home-visits/${v.id}`)).statusCode).toBe(403);
    const note = await t.as('assistant', 'POST', `/api/v1/home-visits/${v.id}/care-note`);
    expect(note.json().careNote).toContain('送餐');
    const audit = await t.db.selectFrom('audit_log').select('action').where('entity', '=', 'home_visit').where('action', '=', 'reveal').execute();
    expect(audit.length).toBe(1);
  });

  it('an arrears ladder visit (step 3) writes a collection visit on the same household', async () => {
    const M = await insertFeeItem(t, ids.estate, { name: '物业管理费' });
    await insertLine(t, ids.eastUnit.id, M, { period: '2026-01', amount: 10_000, due_on: '2026-01-15' });
    const row = { unitId: ids.eastUnit.id };
    expect((await t.as('cs1', 'POST', '/api/v1/fees/arrears/reminders', { estateId: ids.estate, minDays: 1, areaId: ids.east })).statusCode).toBe(200);
    expect((await t.as('cs1', 'POST', `/api/v1/fees/arrears/${row.unitId}/steps`, { step: 2, deadline: '2099-12-31', outcome: '已送达' })).statusCode).toBe(201);
    const before = await t.db.selectFrom('home_visits').select('id').where('purpose', '=', 'collection').execute();
    const res = await t.as('cs1', 'POST', `/api/v1/fees/arrears/${row.unitId}/steps`, { step: 3, outcome: '业主答应月底缴清', reason: '资金周转' });
    expect(res.statusCode, res.body).toBe(201);
    const after = await t.db.selectFrom('home_visits').select(['id', 'arrears_step_id', 'unit_id', 'opinions']).where('purpose', '=', 'collection').orderBy('id').execute();
    expect(after.length).toBe(before.length + 1);
    expect(after.at(-1)).toMatchObject({ unit_id: row.unitId, opinions: '资金周转' });
    expect(after.at(-1)!.arrears_step_id).toBeGreaterThan(0);
  });
});

describe('coverage', () => {
  it('reports visited within cycle ÷ households with its formula; area administrators see their area only', async () => {
    const r = await t.as('director', 'GET', `/api/v1/visit-reports/coverage?estateId=${ids.estate}`);
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json();
    expect(body.households).toBeGreaterThan(0);
    expect(body.visited).toBeGreaterThan(0);
    expect(body.rate).toBeCloseTo((body.visited / body.households) * 100, 0);
    expect(body.formulas[0]).toContain('走访覆盖率');
    const east = await t.as('cs1', 'GET', `/api/v1/visit-reports/coverage?estateId=${ids.estate}`);
    expect(east.json().households).toBeLessThan(body.households);
    expect((await t.as('cs1', 'GET', `/api/v1/visit-reports/coverage?estateId=${ids.estate}&areaId=${ids.west}`)).statusCode).toBe(404);
    const en = await t.as('director', 'GET', `/api/v1/visit-reports/coverage?estateId=${ids.estate}`, undefined, { 'accept-language': 'en-US' });
    expect(en.json().formulas[0]).toContain('Coverage');
  });
});

describe('offline sync kind', () => {
  it('registers home_visit with the visit schema; the handler corrects the device clock and keeps every rule', async () => {
    const kinds = new Map<string, { schema: { safeParse: (v: unknown) => { success: boolean } }; handler: any }>();
    registerHomeVisitSync({ registerSyncKind: (kind, schema, handler) => kinds.set(kind, { schema, handler }) }, t.services.homeVisits);
    const k = kinds.get('home_visit')!;
    expect(k.schema.safeParse({ householdId: 1 }).success).toBe(false);
    const c = { actor: { id: ids.users.cs1!, name: 'cs1', ip: null, displayName: '张敏' }, auth: { sessionId: '', user: { id: ids.users.cs1!, username: 'cs1', displayName: '张敏', role: 'cs_admin', department: null }, scope: { all: false, estates: [], areas: [{ estateId: ids.estate, areaId: ids.east }], units: [] } } };
    const deviceAhead = 5 * 60_000;
    const seen = new Date(t.clock.now().getTime() - 20 * 60_000);
    const out: { estateId: number; ids: { visitId: number } } = await t.db.transaction().execute((trx) => k.handler(trx, { ...c, skewMs: deviceAhead }, visit({ visitedAt: new Date(seen.getTime() + deviceAhead).toISOString(), outcome: 'not_home', membersMet: null })));
    expect(out.estateId).toBe(ids.estate);
    const row = await t.db.selectFrom('home_visits').select(['visited_at', 'outcome']).where('id', '=', out.ids.visitId).executeTakeFirstOrThrow();
    expect(row).toEqual({ visited_at: seen.toISOString(), outcome: 'not_home' });
    await expect(t.db.transaction().execute((trx) => k.handler(trx, { ...c, skewMs: 0 }, visit({ householdId: ids.westUnit.householdId })))).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('the job', () => {
  it('waits until 06:00 local time, then plans every area once', async () => {
    t.clock.setTo(new Date('2027-01-10T20:00:00Z')); // 04:00 on 11 January in Beijing
    const early = await t.as('admin', 'POST', '/api/v1/clock/jobs/visit-plans');
    expect(early.statusCode, early.body).toBe(200);
    expect(early.json().result).toEqual({ created: 0 });
    t.clock.setTo(new Date('2027-01-10T23:00:00Z')); // 07:00
    expect((await t.as('admin', 'POST', '/api/v1/clock/jobs/visit-plans')).json().result).toEqual({ created: 2 });
    expect((await t.as('admin', 'POST', '/api/v1/clock/jobs/visit-plans')).json().result).toEqual({ created: 0 });
    const plans = await t.db.selectFrom('visit_plans').select('id').where('plan_date', '=', '2027-01-11').execute();
    expect(plans).toHaveLength(2);
  });
});
