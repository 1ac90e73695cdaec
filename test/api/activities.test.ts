/**
 * Community activities (design B.3.4): plan → approval → publication (an activity notice) →
 * registration with the per-unit limit and a first-in-first-out waitlist → check-in answers and
 * walk-ins → finish (no-shows, feedback) → summary; roles and bad inputs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { demoIds } from '../helpers/fixtures.ts';

let t: TestApp;
let ids: Awaited<ReturnType<typeof demoIds>>;
let units: number[];
const at = (h: number) => new Date(t.clock.now().getTime() + h * 3600_000).toISOString();

beforeAll(async () => {
  t = await createTestApp();
  ids = await demoIds(t);
  const b1 = await t.db.selectFrom('buildings').select('id').where('code', '=', '1').executeTakeFirstOrThrow();
  units = (await t.db.selectFrom('units').select('id').where('building_id', '=', b1.id).where('id', '!=', ids.owner1Unit.id).orderBy('id').limit(5).execute()).map((u) => u.id);
});
afterAll(() => t.close());

const plan = (o: Record<string, unknown> = {}) => ({
  estateId: ids.estate,
  title: '中秋游园会',
  type: 'festival',
  agenda: '19:00 开场\n19:30 猜灯谜',
  budget: [{ item: '灯笼', amount: 80000 }, { item: '奖品', amount: 120000 }],
  staffing: [{ role: '主持', name: '王丽' }],
  facilityId: ids.facility,
  startsAt: at(72),
  endsAt: at(75),
  opensAt: at(-1),
  closesAt: at(48),
  capacity: 5,
  perUnitLimit: 2,
  audienceKind: 'areas',
  audienceIds: [ids.east],
  ...o,
});

async function published(o: Record<string, unknown> = {}) {
  const res = await t.as('cs1', 'POST', '/api/v1/activities', plan(o));
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json().id as number;
  expect((await t.as('assistant', 'POST', `/api/v1/activities/${id}/approve`)).json().status).toBe('approved');
  expect((await t.as('cs1', 'POST', `/api/v1/activities/${id}/publish`)).json().status).toBe('published');
  return id;
}
const reg = (user: string, id: number, unitId: number, adults: number, children = 0) =>
  t.as(user, user === 'owner1' ? 'POST' : 'POST', user === 'owner1' ? `/api/v1/portal/activities/${id}/register` : `/api/v1/activities/${id}/registrations`, { unitId, names: '住户', adults, children, phone: '13800001111' });

describe('activity life', () => {
  it('needs approval before publication; publication makes an activity notice and ticks the checklist', async () => {
    const res = await t.as('cs1', 'POST', '/api/v1/activities', plan());
    const id = res.json().id;
    expect((await t.as('cs1', 'POST', `/api/v1/activities/${id}/publish`)).statusCode).toBe(409);
    expect((await t.as('cs1', 'POST', `/api/v1/activities/${id}/approve`)).statusCode).toBe(403);
    expect((await t.as('cs1', 'PATCH', `/api/v1/activities/${id}`, { capacity: 6 })).statusCode).toBe(200);
    await t.as('assistant', 'POST', `/api/v1/activities/${id}/approve`);
    expect((await t.as('cs1', 'PATCH', `/api/v1/activities/${id}`, { capacity: 7 })).statusCode).toBe(409);
    await t.as('cs1', 'POST', `/api/v1/activities/${id}/publish`);
    const a = (await t.as('cs1', 'GET', `/api/v1/activities/${id}`)).json();
    expect(a.capacity).toBe(6);
    expect(a.tasks).toHaveLength(9);
    expect(a.tasks.find((x: { key: string }) => x.key === 'notify').doneAt).toBeTruthy();
    const n = (await t.as('cs1', 'GET', `/api/v1/notices/${a.noticeId}`)).json();
    expect(n).toMatchObject({ category: 'activity', status: 'published', activityId: id });
    expect((await t.as('owner1', 'GET', '/api/v1/portal/notices')).json().items.some((x: { id: number }) => x.id === a.noticeId)).toBe(true);
    expect((await t.as('owner1', 'GET', '/api/v1/portal/activities')).json().items.some((x: { id: number }) => x.id === id)).toBe(true);
  });

  it('refuses over the unit limit, waitlists when full, promotes first-in-first-out', async () => {
    const id = await published();
    expect((await reg('owner1', id, ids.owner1Unit.id, 3)).statusCode).toBe(409); // limit 2
    const mine = await reg('owner1', id, ids.owner1Unit.id, 1, 1);
    expect(mine.json()).toMatchObject({ status: 'registered', code: expect.stringMatching(/^\d{8}$/) });
    expect((await reg('owner1', id, ids.owner1Unit.id, 1)).statusCode).toBe(409); // unit already has 2
    expect((await reg('cs1', id, units[0]!, 2)).json().status).toBe('registered'); // 4 of 5
    const w1 = (await reg('cs1', id, units[1]!, 2)).json(); // does not fit
    const w2 = (await reg('cs1', id, units[2]!, 2)).json();
    expect([w1.status, w2.status]).toEqual(['waitlisted', 'waitlisted']);
    // one place frees: the head needs two, so nobody jumps the queue
    const list = (await t.as('cs1', 'GET', `/api/v1/activities/${id}/registrations`)).json().items;
    expect(list.filter((r: { status: string }) => r.status === 'waitlisted').map((r: { id: number; waitlistPosition: number }) => [r.id, r.waitlistPosition])).toEqual([[w1.id, 1], [w2.id, 2]]);
    expect(list[0].phone).toBe('138****1111');
    const c = await t.as('owner1', 'POST', `/api/v1/portal/activities/${id}/registrations/${mine.json().id}/cancel`);
    expect(c.json().promoted).toEqual([w1.id]); // two freed: the head (2) comes in
    const after = (await t.as('cs1', 'GET', `/api/v1/activities/${id}/registrations`)).json().items;
    expect(after.find((r: { id: number }) => r.id === w2.id).status).toBe('waitlisted');
    expect((await t.as('owner1', 'POST', `/api/v1/portal/activities/${id}/registrations/${mine.json().id}/cancel`)).statusCode).toBe(409);
    // the owner cannot cancel other units' registrations
    expect((await t.as('owner1', 'POST', `/api/v1/portal/activities/${id}/registrations/${w2.id}/cancel`)).statusCode).toBe(404);
    // nor register someone else's unit
    expect((await reg('owner1', id, units[3]!, 1)).statusCode).toBe(403);
  });

  it('answers check-in: invalid, waitlisted, not ongoing, confirmed, already, cancelled; walk-ins; summary and feedback', async () => {
    const id = await published({ capacity: 3 });
    const mine = (await reg('owner1', id, ids.owner1Unit.id, 2)).json();
    const other = (await reg('cs1', id, units[0]!, 1)).json();
    const waiting = (await reg('cs1', id, units[1]!, 1)).json();
    const gone = (await reg('cs1', id, units[2]!, 1)).json(); // waitlisted too, then cancelled
    await t.as('cs1', 'POST', `/api/v1/activities/${id}/registrations/${gone.id}/cancel`);
    const scan = (code: string) => t.as('desk1', 'POST', `/api/v1/activities/${id}/checkin`, { code });
    expect((await scan(mine.code)).json().result).toBe('not_ongoing'); // three days early
    // registration window closes, the day comes
    await t.as('cs1', 'POST', `/api/v1/activities/${id}/close-registration`);
    expect((await reg('owner1', id, ids.owner1Unit.id, 1)).statusCode).toBe(409);
    await t.as('admin', 'POST', '/api/v1/clock', { advanceMinutes: 71 * 60 });
    expect((await scan('00000000')).json().result).toBe('invalid');
    expect((await scan('not-a-code')).json().result).toBe('invalid');
    expect((await scan(waiting.code)).json().result).toBe('waitlisted');
    expect((await scan(gone.code)).json().result).toBe('cancelled');
    const ok = (await scan(mine.code)).json();
    expect(ok.result).toBe('confirmed');
    expect(ok.registration.status).toBe('attended');
    expect((await scan(mine.code)).json().result).toBe('already');
    await t.as('cs1', 'POST', `/api/v1/activities/${id}/start`);
    expect((await t.as('cs1', 'POST', `/api/v1/activities/${id}/registrations/${other.id}/cancel`)).statusCode).toBe(409);
    const walk = await t.as('desk1', 'POST', `/api/v1/activities/${id}/walk-ins`, { names: '路过的李阿姨', adults: 1, children: 1 });
    expect(walk.statusCode).toBe(201);
    expect((await t.as('desk1', 'POST', `/api/v1/activities/${id}/walk-ins`, { names: '零人', adults: 0, children: 0 })).statusCode).toBe(400);
    // the owner's QR code is in the portal
    const p = (await t.as('owner1', 'GET', `/api/v1/portal/activities/${id}`)).json();
    expect(p.mine[0]).toMatchObject({ code: mine.code, status: 'attended' });
    expect((await t.as('owner1', 'POST', `/api/v1/portal/activities/${id}/feedback`, { registrationId: mine.id, rating: 5 })).statusCode).toBe(409); // not finished
    await t.as('cs1', 'POST', `/api/v1/activities/${id}/finish`);
    expect((await scan(other.code)).json().result).toBe('not_ongoing');
    expect((await t.as('owner1', 'POST', `/api/v1/portal/activities/${id}/feedback`, { registrationId: mine.id, rating: 6 })).statusCode).toBe(400);
    expect((await t.as('owner1', 'POST', `/api/v1/portal/activities/${id}/feedback`, { registrationId: mine.id, rating: 4, liked: '灯谜有趣' })).statusCode).toBe(201);
    expect((await t.as('owner1', 'POST', `/api/v1/portal/activities/${id}/feedback`, { registrationId: mine.id, rating: 4 })).statusCode).toBe(409);
    expect(await t.db.selectFrom('notifications').select('id').where('user_id', '=', ids.users.owner1!).where('kind', '=', 'activity_feedback').execute()).toHaveLength(1);
    const a = (await t.as('cs1', 'GET', `/api/v1/activities/${id}`)).json();
    expect(a.summary).toMatchObject({ attended: 1, confirmed: 2, noShow: 1, walkIns: 1, attendanceRate: 50, averageRating: 4, budgetTotal: 200000 });
    expect(a.feedback).toEqual([expect.objectContaining({ rating: 4, liked: '灯谜有趣', suggestions: null })]);
    // The feedback is a survey to the units that came (manual 4.10.5): one slot, answered, counted.
    const survey = (await t.as('assistant', 'GET', `/api/v1/surveys/${a.feedbackSurveyId}`)).json();
    expect(survey).toMatchObject({ kind: 'activity_feedback', status: 'published' });
    const report = (await t.as('assistant', 'GET', `/api/v1/surveys/${a.feedbackSurveyId}/report`)).json();
    expect(report).toMatchObject({ issued: 1, returned: 1, returnRate: 100 });
    expect(report.byDimension).toContainEqual(expect.objectContaining({ dimension: '社区文化', answered: 1, satisfied: 1 }));
    expect((await t.as('owner1', 'GET', `/api/v1/portal/activities/${id}`)).json().mine[0].rated).toBe(true);
    expect((await t.as('cs1', 'POST', `/api/v1/activities/${id}/review`, { actualCost: 185000, lessons: '灯笼不够' })).json().status).toBe('reviewed');
    expect((await t.as('cs1', 'POST', `/api/v1/activities/${id}/cancel`, { reason: '晚了' })).statusCode).toBe(409);
    await t.as('admin', 'POST', '/api/v1/clock', { reset: true });
  });

  it('a unit that is no home (surveys ask homes) gives its feedback on the activity’s own record', async () => {
    const id = await published();
    const mine = (await reg('owner1', id, ids.owner1Unit.id, 1)).json();
    await t.as('admin', 'POST', '/api/v1/clock', { advanceMinutes: 71 * 60 });
    expect((await t.as('desk1', 'POST', `/api/v1/activities/${id}/checkin`, { code: mine.code })).json().result).toBe('confirmed');
    await t.as('cs1', 'POST', `/api/v1/activities/${id}/start`);
    const usage = (await t.db.selectFrom('units').select('usage').where('id', '=', ids.owner1Unit.id).executeTakeFirstOrThrow()).usage;
    await t.db.updateTable('units').set({ usage: 'commercial' }).where('id', '=', ids.owner1Unit.id).execute();
    try {
      await t.as('cs1', 'POST', `/api/v1/activities/${id}/finish`);
      const feedback = await t.as('owner1', 'POST', `/api/v1/portal/activities/${id}/feedback`, { registrationId: mine.id, rating: 3, suggestions: '场地太小' });
      expect(feedback.statusCode, feedback.body).toBe(201);
      expect((await t.as('owner1', 'POST', `/api/v1/portal/activities/${id}/feedback`, { registrationId: mine.id, rating: 3 })).statusCode).toBe(409);
      const a = (await t.as('cs1', 'GET', `/api/v1/activities/${id}`)).json();
      expect(a.feedbackSurveyId).toBeNull();
      expect(a.summary.averageRating).toBe(3);
      expect(a.feedback).toEqual([expect.objectContaining({ rating: 3, suggestions: '场地太小' })]);
      expect((await t.as('owner1', 'GET', `/api/v1/portal/activities/${id}`)).json().mine[0].rated).toBe(true);
    } finally {
      await t.db.updateTable('units').set({ usage }).where('id', '=', ids.owner1Unit.id).execute();
      await t.as('admin', 'POST', '/api/v1/clock', { reset: true });
    }
  });

  it('cancels with a reason, telling the registrants and withdrawing its notice', async () => {
    const id = await published();
    await reg('owner1', id, ids.owner1Unit.id, 1);
    const c = await t.as('cs1', 'POST', `/api/v1/activities/${id}/cancel`, { reason: '台风' });
    expect(c.json().status).toBe('cancelled');
    expect(await t.db.selectFrom('notifications').select('id').where('user_id', '=', ids.users.owner1!).where('kind', '=', 'activity_cancelled').execute()).toHaveLength(1);
    const a = (await t.as('cs1', 'GET', `/api/v1/activities/${id}`)).json();
    expect((await t.as('cs1', 'GET', `/api/v1/notices/${a.noticeId}`)).json().status).toBe('withdrawn');
  });

  it('keeps the checklist: owner, due, done', async () => {
    const id = await published();
    const a = (await t.as('cs1', 'GET', `/api/v1/activities/${id}`)).json();
    const task = a.tasks.find((x: { key: string }) => x.key === 'venue');
    expect((await t.as('cs1', 'POST', `/api/v1/activities/${id}/tasks/${task.id}`, { ownerId: ids.users.cs1, done: true })).statusCode).toBe(200);
    expect((await t.as('cs1', 'POST', `/api/v1/activities/${id}/tasks/${task.id}`, { done: false })).statusCode).toBe(409);
    expect((await t.as('cs1', 'POST', `/api/v1/activities/${id}/tasks/${task.id}`, { ownerId: ids.users.owner1 })).statusCode).toBe(400);
    const b = (await t.as('cs1', 'GET', `/api/v1/activities/${id}`)).json().tasks.find((x: { id: number }) => x.id === task.id);
    expect(b).toMatchObject({ ownerId: ids.users.cs1, doneAt: expect.any(String) });
  });
});

describe('roles and bad input', () => {
  it('refuses the plan’s impossible dates and numbers, naming the field', async () => {
    const bad = async (o: Record<string, unknown>, field: string) => {
      const res = await t.as('assistant', 'POST', '/api/v1/activities', plan(o));
      expect(res.statusCode, res.body).toBe(400);
      expect(Object.keys(res.json().error.fields ?? {})).toContain(field);
    };
    await bad({ closesAt: at(73) }, 'closesAt');
    await bad({ opensAt: at(50) }, 'opensAt');
    await bad({ capacity: 0 }, 'capacity');
    await bad({ endsAt: at(70) }, 'endsAt');
    await bad({ perUnitLimit: 9 }, 'perUnitLimit');
    await bad({ facilityId: 999999 }, 'facilityId');
    await bad({ type: 'party' }, 'type');
    await bad({ budget: [{ item: '灯笼', amount: 1.5 }] }, 'budget.0.amount');
  });
  it('keeps roles apart', async () => {
    expect((await t.as('desk1', 'POST', '/api/v1/activities', plan())).statusCode).toBe(403);
    expect((await t.as('cashier1', 'GET', '/api/v1/activities')).statusCode).toBe(403);
    expect((await t.as('owner1', 'GET', '/api/v1/activities')).statusCode).toBe(403);
    expect((await t.as('cs2', 'POST', '/api/v1/activities', plan({ audienceKind: 'buildings', audienceIds: [ids.eastUnit.buildingId] }))).statusCode).toBe(403);
    const id = (await t.as('cs1', 'POST', '/api/v1/activities', plan())).json().id;
    expect((await t.as('owner1', 'GET', `/api/v1/portal/activities/${id}`)).statusCode).toBe(404); // a draft is not shown
    expect((await t.as('desk1', 'POST', `/api/v1/activities/${id}/checkin`, { code: '12345678' })).json().result).toBe('invalid');
  });
});
