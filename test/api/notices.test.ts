/**
 * Resident notices (design B.3.3): every state, the approval rule, roles, the owner's view, read
 * and 签收, the coverage board, the job (release, expiry, daily reminder), the outage notice from a
 * desk ticket, and the bad inputs the design names.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { demoIds } from '../helpers/fixtures.ts';

let t: TestApp;
let ids: Awaited<ReturnType<typeof demoIds>>;
let b1: number;
let b3: number;
const now = () => t.clock.now().getTime();
const inH = (h: number) => new Date(now() + h * 3600_000).toISOString();

beforeAll(async () => {
  t = await createTestApp();
  ids = await demoIds(t);
  const bs = await t.db.selectFrom('buildings').select(['id', 'code']).execute();
  b1 = bs.find((b) => b.code === '1')!.id;
  b3 = bs.find((b) => b.code === '3')!.id;
});
afterAll(() => t.close());

const draft = (body: Record<string, unknown> = {}) => ({ estateId: ids.estate, category: 'notice', title: '电梯年检', body: '1栋电梯本周三年检，请走楼梯。', audienceKind: 'buildings', audienceIds: [b1], ...body });
async function create(user: string, body: Record<string, unknown> = {}) {
  const res = await t.as(user, 'POST', '/api/v1/notices', draft(body));
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as number;
}
const submit = (user: string, id: number) => t.as(user, 'POST', `/api/v1/notices/${id}/submit`);
const job = () => t.as('admin', 'POST', '/api/v1/clock/jobs/notices-sweep');

describe('notice life', () => {
  it('a building notice by the area administrator is published at once to every unit', async () => {
    const id = await create('cs1', { requireAck: true });
    const res = await submit('cs1', id);
    expect(res.json()).toMatchObject({ status: 'published', number: expect.stringMatching(/^TZ-\d{4}-\d{4}$/) });
    const n = (await t.as('cs1', 'GET', `/api/v1/notices/${id}`)).json();
    expect(n.coverage.total).toBe(72);
    expect(n.coverage.unread).toBe(1); // owner1's unit has a portal account
    expect(n.coverage.unreachable).toBe(71);
    const board = (await t.as('cs1', 'GET', `/api/v1/notices/${id}/coverage`)).json();
    expect(board.items[0].coverage).toBe('unreachable');
    expect(board.items.at(-1)).toMatchObject({ unitId: ids.owner1Unit.id, coverage: 'unread', portalUsers: 1 });
  });

  it('the owner reads and signs; the board turns green; a published notice cannot be edited', async () => {
    const id = await create('cs1', { requireAck: true, title: '签收测试' });
    await submit('cs1', id);
    const list = (await t.as('owner1', 'GET', '/api/v1/portal/notices')).json();
    expect(list.items.some((x: { id: number }) => x.id === id)).toBe(true);
    expect(list.unread).toBeGreaterThan(0);
    const read = await t.as('owner1', 'POST', `/api/v1/portal/notices/${id}/read`);
    expect(read.json()).toMatchObject({ read: true, acknowledged: false });
    const ack = await t.as('owner1', 'POST', `/api/v1/portal/notices/${id}/ack`);
    expect(ack.json()).toMatchObject({ read: true, acknowledged: true });
    const board = (await t.as('cs1', 'GET', `/api/v1/notices/${id}/coverage`)).json();
    const mine = board.items.find((r: { unitId: number }) => r.unitId === ids.owner1Unit.id);
    expect(mine.coverage).toBe('read');
    expect(mine.ackAt).toBeTruthy();
    const patch = await t.as('cs1', 'PATCH', `/api/v1/notices/${id}`, { title: '改标题' });
    expect(patch.statusCode).toBe(409);
    const row = await t.db.selectFrom('resident_notices').select('title').where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.title).toBe('签收测试');
    // a correction is a new draft linked to it
    const corr = await t.as('cs1', 'POST', `/api/v1/notices/${id}/correct`);
    expect(corr.statusCode).toBe(201);
    const c = (await t.as('cs1', 'GET', `/api/v1/notices/${corr.json().id}`)).json();
    expect(c).toMatchObject({ status: 'draft', correctsId: id, title: '更正：签收测试' });
  });

  it('the owner sees only notices addressed to his units, and cannot read others by id', async () => {
    const other = await create('cs2', { audienceIds: [b3], title: '3栋停车场' });
    expect((await submit('cs2', other)).json().status).toBe('published');
    const list = (await t.as('owner1', 'GET', '/api/v1/portal/notices')).json();
    expect(list.items.some((x: { id: number }) => x.id === other)).toBe(false);
    expect((await t.as('owner1', 'GET', `/api/v1/portal/notices/${other}`)).statusCode).toBe(404);
    expect((await t.as('owner1', 'POST', `/api/v1/portal/notices/${other}/ack`)).statusCode).toBe(404);
    // a draft is not his either
    const d = await create('cs1', { title: '草稿' });
    expect((await t.as('owner1', 'GET', `/api/v1/portal/notices/${d}`)).statusCode).toBe(404);
    // staff-only notices never reach the portal
    const staff = await create('cs1', { audiencePeople: 'staff', title: '员工通知' });
    await submit('cs1', staff);
    expect((await t.as('owner1', 'GET', '/api/v1/portal/notices')).json().items.some((x: { id: number }) => x.id === staff)).toBe(false);
  });

  it('estate-wide notices and announcements wait for the assistant; reject returns the draft', async () => {
    const id = await create('desk1', { audienceKind: 'estate', audienceIds: [] });
    expect((await submit('desk1', id)).json().status).toBe('pending_approval');
    expect((await t.as('desk1', 'POST', `/api/v1/notices/${id}/approve`)).statusCode).toBe(403);
    const rej = await t.as('assistant', 'POST', `/api/v1/notices/${id}/reject`, { reason: '措辞再改' });
    expect(rej.json().status).toBe('draft');
    expect((await t.as('desk1', 'PATCH', `/api/v1/notices/${id}`, { body: '改后的正文' })).statusCode).toBe(200);
    await submit('desk1', id);
    const ok = await t.as('assistant', 'POST', `/api/v1/notices/${id}/approve`);
    expect(ok.json().status).toBe('published');
    expect((await t.as('assistant', 'POST', `/api/v1/notices/${id}/approve`)).statusCode).toBe(409);

    const ann = await create('cs1', { category: 'announcement' });
    expect((await submit('cs1', ann)).json().status).toBe('pending_approval');
    // the director publishes his own announcement without a second approval
    const dir = await create('director', { category: 'announcement', audienceKind: 'estate', audienceIds: [] });
    expect((await submit('director', dir)).json().status).toBe('published');
  });

  it('schedules, releases on time, expires, and reminds at most once a day', async () => {
    const id = await create('assistant', { publishAt: inH(2), expiresAt: inH(80), requireAck: true, title: '定时通知' });
    expect((await submit('assistant', id)).json().status).toBe('scheduled');
    await job();
    expect((await t.as('assistant', 'GET', `/api/v1/notices/${id}`)).json().status).toBe('scheduled');
    await t.as('admin', 'POST', '/api/v1/clock', { advanceMinutes: 121 });
    await job();
    expect((await t.as('assistant', 'GET', `/api/v1/notices/${id}`)).json().status).toBe('published');
    await t.as('admin', 'POST', '/api/v1/clock', { advanceMinutes: 24 * 60 + 1 });
    await job();
    const reminded = await t.db.selectFrom('notice_recipients').select(['unit_id', 'reminders']).where('notice_id', '=', id).where('reminders', '>', 0).execute();
    expect(reminded).toEqual([{ unit_id: ids.owner1Unit.id, reminders: 1 }]);
    await t.as('admin', 'POST', '/api/v1/clock', { advanceMinutes: 60 });
    await job();
    const again = await t.db.selectFrom('notice_recipients').select('reminders').where('notice_id', '=', id).where('unit_id', '=', ids.owner1Unit.id).executeTakeFirstOrThrow();
    expect(again.reminders).toBe(1);
    const notes = await t.db.selectFrom('notifications').select('kind').where('user_id', '=', ids.users.owner1!).where('kind', '=', 'notice_reminder').execute();
    expect(notes.length).toBeGreaterThanOrEqual(1);
    // only the expiry moves after publication
    const ext = await t.as('assistant', 'POST', `/api/v1/notices/${id}/extend`, { expiresAt: inH(200) });
    expect(ext.statusCode).toBe(200);
    await t.as('admin', 'POST', '/api/v1/clock', { advanceMinutes: 201 * 60 });
    await job();
    expect((await t.as('assistant', 'GET', `/api/v1/notices/${id}`)).json().status).toBe('expired');
    expect((await t.as('owner1', 'GET', '/api/v1/portal/notices?history=1')).json().items.some((x: { id: number }) => x.id === id)).toBe(true);
    expect((await t.as('owner1', 'POST', `/api/v1/portal/notices/${id}/ack`)).statusCode).toBe(409);
    await t.as('admin', 'POST', '/api/v1/clock', { reset: true });
  });

  it('withdraws with a reason, keeping the record', async () => {
    const id = await create('cs1', { title: '将撤回' });
    await submit('cs1', id);
    await t.as('owner1', 'POST', `/api/v1/portal/notices/${id}/read`);
    expect((await t.as('cs1', 'POST', `/api/v1/notices/${id}/withdraw`, { reason: '' })).statusCode).toBe(400);
    const w = await t.as('cs1', 'POST', `/api/v1/notices/${id}/withdraw`, { reason: '时间有误' });
    expect(w.json().status).toBe('withdrawn');
    const h = (await t.as('owner1', 'GET', '/api/v1/portal/notices?history=1')).json().items.find((x: { id: number }) => x.id === id);
    expect(h).toMatchObject({ status: 'withdrawn', withdrawReason: '时间有误' });
    // the owner who had read it is told
    expect(await t.db.selectFrom('notifications').select('id').where('user_id', '=', ids.users.owner1!).where('kind', '=', 'notice_withdrawn').execute()).toHaveLength(1);
    expect((await t.as('cs1', 'POST', `/api/v1/notices/${id}/withdraw`, { reason: '再撤' })).statusCode).toBe(409);
  });

  it('marks units informed offline and adds them to the visit plan, once each', async () => {
    const id = await create('cs1');
    await submit('cs1', id);
    const board = (await t.as('cs1', 'GET', `/api/v1/notices/${id}/coverage`)).json();
    const red = board.items[0].unitId as number;
    const off = await t.as('cs1', 'POST', `/api/v1/notices/${id}/units/${red}/offline`, { method: 'phone', note: '已电话告知业主' });
    expect(off.statusCode).toBe(200);
    expect((await t.as('cs1', 'POST', `/api/v1/notices/${id}/units/${red}/offline`, { method: 'phone' })).statusCode).toBe(409);
    expect((await t.as('cs1', 'POST', `/api/v1/notices/${id}/units/${red}/offline`, { method: 'fax' })).statusCode).toBe(400);
    const red2 = board.items[1].unitId as number;
    expect((await t.as('cs1', 'POST', `/api/v1/notices/${id}/units/${red2}/visit`)).statusCode).toBe(200);
    expect((await t.as('cs1', 'POST', `/api/v1/notices/${id}/units/${red2}/visit`)).statusCode).toBe(409);
    const req = await t.db.selectFrom('notice_visit_requests').selectAll().where('notice_id', '=', id).execute();
    expect(req).toHaveLength(1);
    expect(req[0]).toMatchObject({ unit_id: red2, reason: 'notice_delivery' });
    // ...and the unit's household is queued for the area administrator's visit plan (relations/visits)
    const household = await t.db.selectFrom('households').select('id').where('unit_id', '=', red2).where('moved_out_on', 'is', null).executeTakeFirst();
    if (household) {
      expect(req[0]!.taken_at).not.toBeNull();
      const queued = await t.db.selectFrom('visit_requests').selectAll().where('household_id', '=', household.id).where('source', '=', 'notice').execute();
      expect(queued).toHaveLength(1);
      expect(queued[0]!.done_visit_id).toBeNull();
    } else {
      expect(req[0]!.taken_at).toBeNull();
    }
    const after = (await t.as('cs1', 'GET', `/api/v1/notices/${id}`)).json();
    expect(after.coverage.offline).toBe(1);
    // west area's administrator cannot touch east units
    expect((await t.as('cs2', 'POST', `/api/v1/notices/${id}/units/${red2}/offline`, { method: 'visit' })).statusCode).toBe(404);
    expect((await t.as('cs1', 'POST', `/api/v1/notices/${id}/units/999999/visit`)).statusCode).toBe(404);
  });
});

describe('roles and bad input', () => {
  it('refuses who may not draft, and audiences outside the author’s areas', async () => {
    expect((await t.as('cashier1', 'POST', '/api/v1/notices', draft())).statusCode).toBe(403);
    expect((await t.as('owner1', 'POST', '/api/v1/notices', draft())).statusCode).toBe(403);
    expect((await t.as('cs2', 'POST', '/api/v1/notices', draft())).statusCode).toBe(403); // building 1 is east
    expect((await t.as('cs1', 'POST', '/api/v1/notices', draft({ audienceKind: 'estate', audienceIds: [] }))).statusCode).toBe(403);
    expect((await t.as('eng1', 'GET', '/api/v1/notices')).statusCode).toBe(200);
    expect((await t.as('owner1', 'GET', '/api/v1/notices')).statusCode).toBe(403);
  });

  it('answers 400 naming the field', async () => {
    const bad = async (body: Record<string, unknown>, field: string) => {
      const res = await t.as('assistant', 'POST', '/api/v1/notices', draft(body));
      expect(res.statusCode, res.body).toBe(400);
      expect(Object.keys(res.json().error.fields ?? {})).toContain(field);
    };
    await bad({ category: 'emergency' }, 'expiresAt');
    await bad({ publishAt: inH(10), expiresAt: inH(5) }, 'expiresAt');
    await bad({ body: 'x'.repeat(20_001) }, 'body');
    await bad({ audienceIds: [] }, 'audienceIds');
    await bad({ audienceIds: [999999] }, 'audienceIds');
    await bad({ audienceKind: 'entrances', audienceIds: [b1] }, 'audienceIds');
    await bad({ category: 'memo' }, 'category');
    await bad({ title: '   ' }, 'title');
    const strict = await t.as('assistant', 'POST', '/api/v1/notices', { ...draft(), status: 'published' });
    expect(strict.statusCode).toBe(400);
    // a past publication time is refused when it is submitted
    const id = await create('assistant', { publishAt: new Date(now() - 3 * 3600_000).toISOString() });
    const res = await submit('assistant', id);
    expect(res.statusCode).toBe(400);
    expect(Object.keys(res.json().error.fields)).toContain('publishAt');
    expect((await t.as('assistant', 'GET', `/api/v1/notices/${id}`)).json().status).toBe('draft');
  });

  it('addresses one entrance', async () => {
    const id = await create('cs1', { audienceKind: 'entrances', audienceIds: [`${b1}:1`] });
    await submit('cs1', id);
    expect((await t.as('cs1', 'GET', `/api/v1/notices/${id}`)).json().coverage.total).toBe(36);
  });
});

describe('outage notice from the desk', () => {
  it('prefills from a water-outage emergency ticket and shows as the desk script while live', async () => {
    const tk = await t.as('desk1', 'POST', '/api/v1/tickets', { unitId: ids.owner1Unit.id, type: 'report', channel: 'phone', emergency: true, incidentType: 'water_outage', title: '1栋水管爆裂', description: '1栋地下室水管爆裂' });
    expect(tk.statusCode, tk.body).toBe(201);
    const fire = await t.as('desk1', 'POST', '/api/v1/tickets', { type: 'report', channel: 'phone', estateId: ids.estate, emergency: true, incidentType: 'fire', title: '火警', description: '3栋' });
    expect((await t.as('desk1', 'POST', `/api/v1/notices/from-ticket/${fire.json().id}`)).statusCode).toBe(409);
    const made = await t.as('desk1', 'POST', `/api/v1/notices/from-ticket/${tk.json().id}`);
    expect(made.json()).toMatchObject({ existing: false });
    const n = (await t.as('desk1', 'GET', `/api/v1/notices/${made.json().id}`)).json();
    expect(n).toMatchObject({ category: 'emergency', audienceKind: 'buildings', audienceIds: [b1], ticketId: tk.json().id, title: '停水通知' });
    expect(n.expiresAt).toBeTruthy();
    // again: the same draft
    expect((await t.as('desk1', 'POST', `/api/v1/notices/from-ticket/${tk.json().id}`)).json()).toMatchObject({ id: n.id, existing: true });
    expect((await submit('desk1', n.id)).json().status).toBe('pending_approval');
    expect((await t.as('desk1', 'GET', '/api/v1/notices/live')).json().items.some((x: { id: number }) => x.id === n.id)).toBe(false);
    await t.as('assistant', 'POST', `/api/v1/notices/${n.id}/approve`);
    const live = (await t.as('desk1', 'GET', '/api/v1/notices/live')).json();
    expect(live.items.find((x: { id: number }) => x.id === n.id)?.body).toContain('停水');
    // emergencies are pushed to the owner at once and listed first
    expect(await t.db.selectFrom('notifications').select('id').where('user_id', '=', ids.users.owner1!).where('kind', '=', 'notice').execute()).not.toHaveLength(0);
    const first = (await t.as('owner1', 'GET', '/api/v1/portal/notices')).json().items[0];
    expect(first.category).toBe('emergency');
  });
});
