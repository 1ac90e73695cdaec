/**
 * Gaps of issue 10 closed later: 请管家上门 (an owner's visit request from the portal, scheduled onto
 * a visit plan or declined with a reason he reads) and the survey builder's audiences by building,
 * picked units and pasted unit labels, with the audience size before publishing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { demoIds } from '../helpers/fixtures.ts';

let t: TestApp;
let ids: Awaited<ReturnType<typeof demoIds>>;
let steward: string;
let other: string;
const today = () => t.services.homeVisits.today();
const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  t = await createTestApp();
  ids = await demoIds(t);
  const unit = await t.db.selectFrom('units as u').innerJoin('buildings as b', 'b.id', 'u.building_id').select('b.area_id').where('u.id', '=', ids.owner1Unit.id).executeTakeFirstOrThrow();
  steward = unit.area_id === ids.east ? 'cs1' : 'cs2';
  other = steward === 'cs1' ? 'cs2' : 'cs1';
});
afterAll(() => t.close());

const ask = (over: Record<string, unknown> = {}) => ({ unitId: ids.owner1Unit.id, preferredDates: [addDays(today(), 2)], timeBand: 'morning', topic: 'opinion', note: '想当面谈谈楼道堆物的事', ...over });

describe('请管家上门', () => {
  let first = 0;
  it('an owner asks for his own unit only; bad input names the field; the steward is told', async () => {
    const notFor = await t.as('owner1', 'POST', '/api/v1/portal/visit-requests', ask({ unitId: ids.eastUnit.id === ids.owner1Unit.id ? ids.westUnit.id : ids.eastUnit.id }));
    expect(notFor.statusCode, notFor.body).toBe(404);
    for (const [over, field] of [
      [{ preferredDates: [] }, 'preferredDates'],
      [{ preferredDates: ['2000-01-01'] }, 'preferredDates.0'],
      [{ timeBand: 'night' }, 'timeBand'],
      [{ topic: 'x' }, 'topic'],
      [{ unitId: 'a' }, 'unitId'],
    ] as const) {
      const r = await t.as('owner1', 'POST', '/api/v1/portal/visit-requests', ask(over));
      expect(r.statusCode, r.body).toBe(400);
      expect(Object.keys(r.json().error.fields), r.body).toContain(field);
    }
    expect((await t.as('cs1', 'POST', '/api/v1/portal/visit-requests', ask())).statusCode).toBe(403);
    const before = await t.db.selectFrom('notifications').select('id').where('user_id', '=', ids.users[steward]!).execute();
    const r = await t.as('owner1', 'POST', '/api/v1/portal/visit-requests', ask());
    expect(r.statusCode, r.body).toBe(201);
    first = r.json().id;
    expect((await t.as('owner1', 'POST', '/api/v1/portal/visit-requests', ask())).statusCode).toBe(409); // one waiting per unit
    const after = await t.db.selectFrom('notifications').select(['id', 'kind']).where('user_id', '=', ids.users[steward]!).execute();
    expect(after.length).toBe(before.length + 1);
    const audit = await t.db.selectFrom('audit_log').select('entity').where('entity', '=', 'owner_visit_request').where('entity_id', '=', String(first)).execute();
    expect(audit).toHaveLength(1);
    const mine = (await t.as('owner1', 'GET', '/api/v1/portal/visit-requests')).json();
    expect(mine.items[0]).toMatchObject({ id: first, status: 'pending', topic: 'opinion', timeBand: 'morning', householdName: null });
  });

  it('the steward sees it in his area only and schedules it onto that day\'s plan; the owner sees the date', async () => {
    const list = await t.as(steward, 'GET', `/api/v1/owner-visit-requests?estateId=${ids.estate}&status=pending`);
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().items.map((x: { id: number }) => x.id)).toContain(first);
    expect((await t.as(other, 'GET', `/api/v1/owner-visit-requests?estateId=${ids.estate}`)).json().items.map((x: { id: number }) => x.id)).not.toContain(first);
    expect((await t.as(other, 'POST', `/api/v1/owner-visit-requests/${first}/schedule`, { date: addDays(today(), 2) })).statusCode).toBe(404);
    expect((await t.as('owner1', 'POST', `/api/v1/owner-visit-requests/${first}/schedule`, { date: addDays(today(), 2) })).statusCode).toBe(403);
    const past = await t.as(steward, 'POST', `/api/v1/owner-visit-requests/${first}/schedule`, { date: '2001-01-01' });
    expect(past.statusCode).toBe(400);
    expect(past.json().error.fields.date).toBeDefined();
    const date = addDays(today(), 2);
    const s = await t.as(steward, 'POST', `/api/v1/owner-visit-requests/${first}/schedule`, { date });
    expect(s.statusCode, s.body).toBe(200);
    const plans = (await t.as(steward, 'GET', `/api/v1/visit-plans?estateId=${ids.estate}&date=${date}`)).json().items;
    const item = plans.flatMap((p: { items: Array<{ id: number; source: string; householdId: number }> }) => p.items).find((i: { id: number }) => i.id === s.json().planItemId);
    expect(item).toMatchObject({ source: 'owner_request', householdId: ids.owner1Unit.householdId });
    expect((await t.as(steward, 'POST', `/api/v1/owner-visit-requests/${first}/decline`, { reason: '晚了' })).statusCode).toBe(409);
    const mine = (await t.as('owner1', 'GET', '/api/v1/portal/visit-requests')).json().items[0];
    expect(mine).toMatchObject({ status: 'scheduled', scheduledOn: date });
    const told = await t.db.selectFrom('notifications').select('kind').where('user_id', '=', ids.users.owner1!).where('kind', '=', 'owner_visit').execute();
    expect(told.length).toBe(1);
  });

  it('a visit on that item shows as visited; a second request is declined with a reason the owner reads', async () => {
    const r = (await t.as('owner1', 'GET', '/api/v1/portal/visit-requests')).json().items[0];
    const row = await t.db.selectFrom('owner_visit_requests').select('plan_item_id').where('id', '=', r.id).executeTakeFirstOrThrow();
    const v = await t.as(steward, 'POST', '/api/v1/home-visits', { householdId: ids.owner1Unit.householdId, planItemId: row.plan_item_id, purpose: 'other', method: 'in_home', outcome: 'met', visitedAt: new Date(t.clock.now().getTime() - 60_000).toISOString(), membersMet: '户主' });
    expect(v.statusCode, v.body).toBe(201);
    expect((await t.as('owner1', 'GET', '/api/v1/portal/visit-requests')).json().items[0]).toMatchObject({ status: 'visited' });

    const second = (await t.as('owner1', 'POST', '/api/v1/portal/visit-requests', ask({ topic: 'fees', preferredDates: [addDays(today(), 1), addDays(today(), 3)] }))).json().id;
    expect((await t.as(steward, 'POST', `/api/v1/owner-visit-requests/${second}/decline`, { reason: '  ' })).statusCode).toBe(400);
    const d = await t.as('assistant', 'POST', `/api/v1/owner-visit-requests/${second}/decline`, { reason: '收费问题请到客服中心前台办理' });
    expect(d.statusCode, d.body).toBe(200);
    const mine = (await t.as('owner1', 'GET', '/api/v1/portal/visit-requests', undefined, { 'accept-language': 'en-US' })).json().items.find((x: { id: number }) => x.id === second);
    expect(mine).toMatchObject({ status: 'declined', declineReason: '收费问题请到客服中心前台办理', preferredDates: [addDays(today(), 1), addDays(today(), 3)] });
  });
});

describe('survey audiences', () => {
  const preview = (body: Record<string, unknown>) => t.as('assistant', 'POST', '/api/v1/surveys/audience', { estateId: ids.estate, audience: {}, ...body });
  it('counts buildings and picked units, resolves pasted labels, and names unknown ones', async () => {
    const whole = (await preview({})).json().count;
    const b = await preview({ audience: { buildingIds: [ids.eastUnit.buildingId] } });
    expect(b.statusCode, b.body).toBe(200);
    expect(b.json().count).toBeGreaterThan(0);
    expect(b.json().count).toBeLessThan(whole);
    const units = await t.db.selectFrom('units as u').innerJoin('buildings as bb', 'bb.id', 'u.building_id').select(['u.id', 'bb.code', 'u.entrance', 'u.number']).where('u.status', '<>', 'vacant').where('u.usage', '=', 'residential').orderBy('u.id').limit(3).execute();
    const label = (u: (typeof units)[number]) => [u.code, u.entrance, u.number].filter(Boolean).join('-');
    const pasted = await preview({ audience: { unitIds: [units[0]!.id] }, unitLabels: [label(units[1]!), ` ${label(units[2]!).replace(/-/g, '－')} `] });
    expect(pasted.statusCode, pasted.body).toBe(200);
    expect(pasted.json()).toMatchObject({ count: 3 });
    expect([...pasted.json().unitIds].sort()).toEqual(units.map((u) => u.id).sort());
    const bad = await preview({ unitLabels: [label(units[0]!), '99-9-999', '火星-1'] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.unitLabels).toContain('99-9-999');
    expect(bad.json().error.fields.unitLabels).toContain('火星-1');
    expect((await preview({ audience: { buildingIds: [999999] } })).json().error.fields['audience.buildingIds']).toBeDefined();
    expect((await t.as('cs1', 'POST', '/api/v1/surveys/audience', { estateId: ids.estate, audience: {} })).statusCode).toBe(403);
  });

  it('a draft by building shows its audience size, and publishing issues exactly that many', async () => {
    const c = await t.as('assistant', 'POST', '/api/v1/surveys', {
      estateId: ids.estate,
      title: '楼栋问卷',
      kind: 'opinion',
      audience: { buildingIds: [ids.eastUnit.buildingId] },
      channels: ['portal'],
      opensOn: today(),
      closesOn: '2099-12-31',
      questions: [{ type: 'yes_no', text: '是否同意？' }],
    });
    expect(c.statusCode, c.body).toBe(201);
    const s = (await t.as('assistant', 'GET', `/api/v1/surveys/${c.json().id}`)).json();
    expect(s.audienceSize).toBeGreaterThan(0);
    const p = await t.as('assistant', 'POST', `/api/v1/surveys/${c.json().id}/publish`);
    expect(p.json().slots).toBe(s.audienceSize);
    expect((await t.as('assistant', 'GET', `/api/v1/surveys/${c.json().id}`)).json().audienceSize).toBeNull();
  });
});
