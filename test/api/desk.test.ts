import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { demoIds } from '../helpers/fixtures.ts';
import { withLock } from '../../src/server/jobs/lock.ts';

let t: TestApp;
let ids: Awaited<ReturnType<typeof demoIds>>;
beforeAll(async () => {
  t = await createTestApp();
  ids = await demoIds(t);
});
afterAll(() => t.close());

const HOUR = 3_600_000;
const register = async (body: Record<string, unknown>, user = 'desk1') => {
  const res = await t.as(user, 'POST', '/api/v1/tickets', { type: 'complaint', channel: 'phone', title: '楼上噪音', description: '晚上十一点后仍有装修噪音', ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as number;
};
const get = async (id: number, user = 'director') => (await t.as(user, 'GET', `/api/v1/tickets/${id}`)).json();
const act = (id: number, action: string, body: Record<string, unknown> = {}, user = 'cs1') => t.as(user, 'POST', `/api/v1/tickets/${id}/${action}`, body);
const notificationsOf = async (username: string) => (await t.db.selectFrom('notifications as n').innerJoin('users as u', 'u.id', 'n.user_id').select(['n.kind', 'n.title', 'n.ticket_id', 'n.dedupe_key']).where('u.username', '=', username).execute());

describe('registration', () => {
  it('pre-fills the reporter from the archive, numbers the ticket per estate and sets both due times', async () => {
    const id = await register({ unitId: ids.owner1Unit.id });
    const tk = await get(id);
    expect(tk).toMatchObject({ reporterName: '陈建国', reporterPhone: '139****5678', unitLabel: '1-1-1201', status: 'registered', areaId: ids.east, agreement: 'on_track', priority: 'normal' });
    expect(tk.number).toMatch(/^\d{6}-\d{4}$/);
    expect(Date.parse(tk.responseDueAt) - Date.parse(tk.createdAt)).toBe(24 * HOUR);
    expect(Date.parse(tk.resolutionDueAt) - Date.parse(tk.createdAt)).toBe(24 * HOUR);
    expect(tk.events.map((e: { kind: string }) => e.kind)).toEqual(['created']);
    const complex = await get(await register({ unitId: ids.owner1Unit.id, complex: true }));
    expect(Date.parse(complex.resolutionDueAt) - Date.parse(complex.createdAt)).toBe(48 * HOUR);
    expect(Number(complex.number.slice(-4))).toBe(Number(tk.number.slice(-4)) + 1);
  });

  it('reveals the reporter’s full phone to the roles that may, and audits it', async () => {
    const id = await register({ unitId: ids.owner1Unit.id });
    expect((await t.as('desk1', 'POST', `/api/v1/tickets/${id}/reveal-phone`)).statusCode).toBe(403);
    const res = await t.as('cs1', 'POST', `/api/v1/tickets/${id}/reveal-phone`);
    expect(res.json().value).toBe('13912345678');
    const entry = await t.db.selectFrom('audit_log').selectAll().where('action', '=', 'reveal').where('entity', '=', 'ticket').where('entity_id', '=', String(id)).executeTakeFirstOrThrow();
    expect(entry.actor_name).toBe('cs1');
    expect((await t.as('cs2', 'POST', `/api/v1/tickets/${id}/reveal-phone`)).statusCode).toBe(404);
  });

  it('needs a unit or an estate, and refuses a unit outside the caller’s area', async () => {
    const none = await t.as('desk1', 'POST', '/api/v1/tickets', { type: 'report', channel: 'patrol', title: '路灯不亮', description: '中心广场路灯' });
    expect(none.statusCode).toBe(400);
    expect(Object.keys(none.json().error.fields)).toEqual(['unitId']);
    const pub = await register({ estateId: ids.estate, type: 'report', channel: 'patrol', title: '路灯不亮', description: '中心广场路灯' });
    expect((await get(pub)).unitId).toBeNull();
    const out = await t.as('cs1', 'POST', '/api/v1/tickets', { unitId: ids.westUnit.id, type: 'repair', channel: 'phone', title: 'x', description: 'x' });
    expect(out.statusCode).toBe(404);
  });

  it('shows the unit’s open tickets to the front desk', async () => {
    const list = (await t.as('desk1', 'GET', `/api/v1/tickets?unitId=${ids.owner1Unit.id}&open=1`)).json();
    expect(list.total).toBeGreaterThanOrEqual(2);
    expect(list.items.every((x: { unitId: number }) => x.unitId === ids.owner1Unit.id)).toBe(true);
  });
});

describe('lifecycle', () => {
  it('walks registered → responded → dispatched → in progress → resolved → confirmed → return visit → closed', async () => {
    const id = await register({ unitId: ids.eastUnit.id, type: 'repair', title: '厨房漏水', description: '水槽下方漏水' });
    expect((await act(id, 'respond', { note: '已联系业主' }, 'desk1')).statusCode).toBe(200);
    const noDept = await act(id, 'dispatch', {}, 'desk1');
    expect(noDept.statusCode).toBe(400);
    expect((await act(id, 'dispatch', { department: 'engineering' }, 'desk1')).json().status).toBe('dispatched');
    // eng1 sees it in the engineering pool and picks it up
    const pool = (await t.as('eng1', 'GET', '/api/v1/tickets?pool=1')).json();
    expect(pool.items.map((x: { id: number }) => x.id)).toContain(id);
    expect((await act(id, 'accept', {}, 'eng1')).json().status).toBe('in_progress');
    expect((await get(id)).assigneeName).toContain('周强');
    expect((await act(id, 'resolve', {}, 'eng1')).statusCode).toBe(400);
    expect((await act(id, 'resolve', { note: '更换水槽下水管' }, 'eng1')).json().status).toBe('resolved');
    expect((await act(id, 'confirm', { note: '业主电话确认' }, 'desk1')).json().status).toBe('confirmed');
    const tk = await get(id);
    expect(tk.visit).toMatchObject({ doneAt: null, assigneeId: ids.users.cs1 });
    const visits = (await t.as('cs1', 'GET', '/api/v1/return-visits?done=0&mine=1')).json();
    const visit = visits.items.find((v: { ticketId: number }) => v.ticketId === id);
    expect(visit).toBeTruthy();
    const rec = await t.as('cs1', 'POST', `/api/v1/return-visits/${visit.id}`, { score: 5, comment: '很满意' });
    expect(rec.json().status).toBe('closed');
    const closed = await get(id);
    expect(closed.events.map((e: { kind: string }) => e.kind)).toEqual(['created', 'respond', 'dispatch', 'accept', 'resolve', 'confirm', 'visit', 'close']);
    expect(closed.agreement).toBe('met');
    expect((await t.as('cs1', 'POST', `/api/v1/return-visits/${visit.id}`, { score: 4 })).statusCode).toBe(409);
  });

  it('two people taking the same step at once: exactly one succeeds, the other gets 409', async () => {
    const id = await register({ unitId: ids.eastUnit.id });
    await t.login('cs1');
    await t.login('desk1');
    const [a, b] = await Promise.all([act(id, 'resolve', { note: '甲处理' }, 'cs1'), act(id, 'resolve', { note: '乙处理' }, 'desk1')]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const tk = await get(id);
    expect(tk.events.filter((e: { kind: string }) => e.kind === 'resolve')).toHaveLength(1);
  });

  it('answers an illegal step with 409 and a clear message', async () => {
    const id = await register({ unitId: ids.eastUnit.id });
    const res = await act(id, 'close', {}, 'desk1');
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toBe('工单当前状态为“已登记”，不能“关闭”');
    const en = await t.as('desk1', 'POST', `/api/v1/tickets/${id}/confirm`, {}, { 'accept-language': 'en' });
    expect(en.json().error.message).toBe('The ticket is “Registered”; it cannot be “confirmed”');
  });

  it('keeps each role to its steps', async () => {
    const id = await register({ unitId: ids.eastUnit.id });
    expect((await act(id, 'dispatch', { department: 'engineering' }, 'eng1')).statusCode).toBe(403);
    expect((await act(id, 'accept', {}, 'desk1')).statusCode).toBe(403);
    expect((await act(id, 'reopen', {}, 'desk1')).statusCode).toBe(403);
    // eng1 does not even see a ticket that is not his department's
    expect((await t.as('eng1', 'GET', `/api/v1/tickets/${id}`)).statusCode).toBe(404);
    await act(id, 'dispatch', { department: 'cleaning' }, 'desk1');
    expect((await t.as('eng1', 'GET', `/api/v1/tickets/${id}`)).statusCode).toBe(404);
    await act(id, 'dispatch', { department: 'engineering', assigneeId: ids.users.eng1 }, 'desk1');
    expect((await t.as('eng1', 'GET', `/api/v1/tickets/${id}`)).statusCode).toBe(200);
    const n = await notificationsOf('eng1');
    expect(n.some((x) => x.ticket_id === id && x.kind === 'ticket.dispatch')).toBe(true);
  });

  it('pauses the resolution clock and moves its due time by the paused span', async () => {
    const id = await register({ unitId: ids.eastUnit.id, type: 'repair' });
    await act(id, 'respond', {}, 'desk1');
    const before = await get(id);
    expect((await act(id, 'pause', {}, 'desk1')).statusCode).toBe(400);
    expect((await act(id, 'pause', { note: '等待配件' }, 'desk1')).json().status).toBe('paused');
    expect((await get(id)).agreement).toBe('paused');
    t.clock.advance(30 * HOUR);
    expect((await act(id, 'resume', {}, 'desk1')).json().status).toBe('responded');
    const after = await get(id);
    const moved = Date.parse(after.resolutionDueAt) - Date.parse(before.resolutionDueAt);
    expect(moved).toBeGreaterThanOrEqual(30 * HOUR - 1000);
    expect(moved).toBeLessThan(30 * HOUR + 5000);
    expect(after.agreement).toBe('on_track');
  });

  it('cancels with a reason; a cancelled ticket accepts no further step', async () => {
    const id = await register({ unitId: ids.eastUnit.id });
    expect((await act(id, 'cancel', {}, 'desk1')).statusCode).toBe(400);
    expect((await act(id, 'cancel', { note: '业主重复登记' }, 'desk1')).json().status).toBe('cancelled');
    expect((await act(id, 'respond', {}, 'desk1')).statusCode).toBe(409);
    expect((await get(id)).cancelReason).toBe('业主重复登记');
  });

  it('a return visit of 2 or less reopens the ticket and alerts the assistant', async () => {
    const id = await register({ unitId: ids.eastUnit.id, type: 'repair' });
    await act(id, 'resolve', { note: '已处理' }, 'cs1');
    await act(id, 'confirm', {}, 'cs1');
    const visit = (await t.as('cs1', 'GET', '/api/v1/return-visits?done=0')).json().items.find((v: { ticketId: number }) => v.ticketId === id);
    const res = await t.as('cs1', 'POST', `/api/v1/return-visits/${visit.id}`, { score: 2, comment: '仍然漏水', tags: ['quality'] });
    expect(res.json().status).toBe('reopened');
    const tk = await get(id);
    expect(tk).toMatchObject({ status: 'reopened', reopenCount: 1, resolvedAt: null });
    expect((await notificationsOf('assistant')).some((n) => n.ticket_id === id)).toBe(true);
    // and it can be worked again
    expect((await act(id, 'dispatch', { department: 'engineering' }, 'cs1')).json().status).toBe('dispatched');
  });
});

describe('the SLA sweep under the controllable clock', () => {
  it('a complaint left unanswered 24 h is breached and escalated exactly once per level', async () => {
    const id = await register({ unitId: ids.eastUnit.id, title: '保安态度差' });
    await t.services.deskSweep.run();
    expect((await get(id)).escalationLevel).toBe(0);

    t.clock.advance(23 * HOUR);
    await t.services.deskSweep.run();
    let tk = await get(id);
    expect(tk.agreement).toBe('at_risk');
    expect(tk.events.filter((e: { kind: string }) => e.kind === 'at_risk')).toHaveLength(1);

    t.clock.advance(1 * HOUR + 60_000);
    await t.services.deskSweep.run();
    await t.services.deskSweep.run(); // a second run (or a restart) changes nothing
    tk = await get(id);
    expect(tk.agreement).toBe('breached');
    expect(tk.escalationLevel).toBe(1);
    expect(tk.events.filter((e: { kind: string }) => e.kind === 'escalate')).toHaveLength(1);
    expect((await notificationsOf('cs1')).filter((n) => n.ticket_id === id && n.kind === 'escalation')).toHaveLength(1);

    t.clock.advance(4 * HOUR);
    await t.services.deskSweep.run();
    t.clock.advance(20 * HOUR);
    await t.services.deskSweep.run();
    await t.services.deskSweep.run();
    tk = await get(id);
    expect(tk.escalationLevel).toBe(3);
    expect(tk.events.filter((e: { kind: string }) => e.kind === 'escalate')).toHaveLength(3);
    expect((await notificationsOf('assistant')).filter((n) => n.ticket_id === id && n.kind === 'escalation')).toHaveLength(1);
    expect((await notificationsOf('director')).filter((n) => n.ticket_id === id && n.kind === 'escalation')).toHaveLength(1);
    const breached = (await t.as('director', 'GET', `/api/v1/tickets?agreement=breached&estateId=${ids.estate}&pageSize=200`)).json();
    expect(breached.items.map((x: { id: number }) => x.id)).toContain(id);
  });

  it('only one of two concurrent sweeps does the work', async () => {
    // Another instance holds the sweep's lease while this one tries: this one does nothing.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let entered!: () => void;
    const inside = new Promise<void>((r) => (entered = r));
    const other = withLock(t.db, t.clock, 'desk-sweep', 5 * 60_000, async () => {
      entered();
      await held;
      return 'other';
    });
    await inside;
    expect(await t.services.deskSweep.run()).toBeNull();
    release();
    expect(await other).toBe('other');
    // The lease is given back: the next sweep runs.
    expect(await t.services.deskSweep.run()).not.toBeNull();
  });

  it('confirms a resolved ticket the resident did not answer within the configured days', async () => {
    const id = await register({ unitId: ids.eastUnit.id, type: 'inquiry', title: '快递柜位置', description: '问快递柜在哪' });
    await act(id, 'resolve', { note: '已告知在南门' }, 'desk1');
    t.clock.advance(3 * 24 * HOUR + 60_000);
    await t.services.deskSweep.run();
    const tk = await get(id);
    expect(tk.status).toBe('closed'); // an inquiry needs no return visit
    expect(tk.events.map((e: { kind: string }) => e.kind)).toEqual(expect.arrayContaining(['confirm', 'close']));
  });
});

describe('scheduled reports', () => {
  it('sends last week’s statistics to the assistant on Monday morning and the month’s to the director on the 1st, once', async () => {
    await t.as('admin', 'POST', '/api/v1/clock', { set: '2026-12-01T01:30:00.000Z' }); // Tuesday 1 December, 09:30 China time
    await t.services.deskSweep.run();
    await t.services.deskSweep.run();
    const director = (await notificationsOf('director')).filter((n) => n.kind === 'report.monthly');
    expect(director).toHaveLength(1);
    expect(director[0].title).toContain('2026-11');
    await t.as('admin', 'POST', '/api/v1/clock', { set: '2026-12-07T00:30:00.000Z' }); // Monday 08:30
    await t.services.deskSweep.run();
    await t.services.deskSweep.run();
    // earlier tests moved the clock past another Monday: that week has its own report
    const weekly = (await notificationsOf('assistant')).filter((n) => n.kind === 'report.weekly' && n.dedupe_key?.includes('2026-11-30'));
    expect(weekly).toHaveLength(1);
    await t.as('admin', 'POST', '/api/v1/clock', { reset: true });
  });
});

describe('working calendar', () => {
  it('counts only working hours when the estate uses its calendar', async () => {
    expect((await t.as('director', 'PATCH', `/api/v1/desk/settings?estateId=${ids.estate}`, { calendar: 'working', workStart: '09:00', workEnd: '18:00' })).statusCode).toBe(200);
    // Friday 2026-11-27 16:00 China time
    await t.as('admin', 'POST', '/api/v1/clock', { set: '2026-11-27T08:00:00.000Z' });
    const id = await register({ unitId: ids.eastUnit.id });
    const tk = await get(id);
    expect(tk.responseDueAt.slice(0, 16)).toBe('2026-12-02T05:00'); // Wednesday 13:00 China time
    await t.as('director', 'PATCH', `/api/v1/desk/settings?estateId=${ids.estate}`, { calendar: 'wall' });
    await t.as('admin', 'POST', '/api/v1/clock', { reset: true });
  });
});

describe('desk configuration', () => {
  it('edits a time-limit rule and takes it out of use without deleting it', async () => {
    const before = await get(await register({ unitId: ids.eastUnit.id, type: 'suggestion' }));
    const id = (await t.as('director', 'POST', '/api/v1/desk/sla-policies', { estateId: ids.estate, type: 'suggestion', responseMinutes: 120, resolutionMinutes: 4320 })).json().id;
    const withRule = await get(await register({ unitId: ids.eastUnit.id, type: 'suggestion' }));
    expect(Date.parse(withRule.responseDueAt) - Date.parse(withRule.createdAt)).toBe(2 * HOUR);
    expect((await t.as('director', 'PATCH', `/api/v1/desk/sla-policies/${id}`, { responseMinutes: 240 })).statusCode).toBe(200);
    const edited = await get(await register({ unitId: ids.eastUnit.id, type: 'suggestion' }));
    expect(Date.parse(edited.responseDueAt) - Date.parse(edited.createdAt)).toBe(4 * HOUR);
    expect((await t.as('director', 'PATCH', `/api/v1/desk/sla-policies/${id}`, { archived: true })).statusCode).toBe(200);
    const after = await get(await register({ unitId: ids.eastUnit.id, type: 'suggestion' }));
    expect(Date.parse(after.responseDueAt) - Date.parse(after.createdAt)).toBe(Date.parse(before.responseDueAt) - Date.parse(before.createdAt));
    const rules = (await t.as('director', 'GET', `/api/v1/desk/sla-policies?estateId=${ids.estate}`)).json().items;
    expect(rules.map((r: { id: number }) => r.id)).not.toContain(id);
    expect(await t.db.selectFrom('sla_policies').select('archived_at').where('id', '=', id).executeTakeFirstOrThrow()).toMatchObject({ archived_at: expect.any(String) });
    expect((await t.as('cs1', 'PATCH', `/api/v1/desk/sla-policies/${id}`, { archived: false })).statusCode).toBe(403);
  });

  it('takes a date off the calendar and puts it back', async () => {
    const holidays = (await t.as('director', 'GET', `/api/v1/desk/holidays?estateId=${ids.estate}`)).json().items;
    const day = holidays.find((h: { date: string }) => h.date === '2026-10-10');
    expect(day).toMatchObject({ kind: 'work' });
    expect((await t.as('director', 'PATCH', `/api/v1/desk/holidays/${day.id}`, { archived: true })).statusCode).toBe(200);
    expect((await t.as('director', 'GET', `/api/v1/desk/holidays?estateId=${ids.estate}`)).json().items.map((h: { date: string }) => h.date)).not.toContain('2026-10-10');
    expect((await t.as('director', 'POST', '/api/v1/desk/holidays', { estateId: ids.estate, date: '2026-10-10', kind: 'work', name: '国庆节调休' })).statusCode).toBe(201);
    expect((await t.as('director', 'GET', `/api/v1/desk/holidays?estateId=${ids.estate}`)).json().items.map((h: { date: string }) => h.date)).toContain('2026-10-10');
  });

  it('an edit with nothing in it changes nothing and is no error', async () => {
    const cat = await t.db.selectFrom('ticket_categories').selectAll().where('estate_id', '=', ids.estate).orderBy('id').executeTakeFirstOrThrow();
    const res = await t.as('director', 'PATCH', `/api/v1/desk/categories/${cat.id}`, {});
    expect(res.statusCode, res.body).toBe(200);
    expect(await t.db.selectFrom('ticket_categories').selectAll().where('id', '=', cat.id).executeTakeFirstOrThrow()).toEqual(cat);
    const rule = (await t.as('director', 'GET', `/api/v1/desk/sla-policies?estateId=${ids.estate}`)).json().items[0];
    expect((await t.as('director', 'PATCH', `/api/v1/desk/sla-policies/${rule.id}`, {})).statusCode).toBe(200);
    const day = (await t.as('director', 'GET', `/api/v1/desk/holidays?estateId=${ids.estate}`)).json().items[0];
    expect((await t.as('director', 'PATCH', `/api/v1/desk/holidays/${day.id}`, {})).statusCode).toBe(200);
  });
});

describe('emergencies (manual 5.1–5.2)', () => {
  it('starts the estate’s plan, tells the director and assistant at once, and records each step', async () => {
    const noType = await t.as('desk1', 'POST', '/api/v1/tickets', { estateId: ids.estate, type: 'report', channel: 'phone', emergency: true, title: '电梯困人', description: '2栋1号梯' });
    expect(noType.statusCode).toBe(400);
    const id = await register({ estateId: ids.estate, areaId: ids.east, type: 'report', emergency: true, incidentType: 'lift_entrapment', title: '电梯困人', description: '2栋1号梯困 2 人' });
    const tk = await get(id);
    expect(tk.priority).toBe('urgent');
    expect(Date.parse(tk.responseDueAt) - Date.parse(tk.createdAt)).toBe(30 * 60_000);
    expect(Date.parse(tk.resolutionDueAt) - Date.parse(tk.createdAt)).toBe(4 * HOUR);
    expect(tk.steps.length).toBeGreaterThanOrEqual(4);
    expect(tk.steps[0].title).toContain('安抚');
    for (const u of ['director', 'assistant']) expect((await notificationsOf(u)).some((n) => n.ticket_id === id && n.kind === 'emergency'), u).toBe(true);
    const done = await t.as('desk1', 'POST', `/api/v1/tickets/${id}/steps/${tk.steps[0].id}/done`, { note: '2 人情绪稳定' });
    expect(done.statusCode).toBe(200);
    expect((await t.as('desk1', 'POST', `/api/v1/tickets/${id}/steps/${tk.steps[0].id}/done`, {})).statusCode).toBe(409);
    const after = await get(id);
    expect(after.steps[0]).toMatchObject({ doneBy: '赵婷（前台）', note: '2 人情绪稳定' });
    expect(after.events.at(-1).kind).toBe('step');
  });
});

describe('owner portal', () => {
  it('submits for his unit only, follows it without internal notes, cancels before work starts', async () => {
    const other = await t.as('owner1', 'POST', '/api/v1/portal/tickets', { unitId: ids.eastUnit.id, type: 'repair', title: 'x', description: 'x' });
    expect(other.statusCode).toBe(400);
    const res = await t.as('owner1', 'POST', '/api/v1/portal/tickets', { unitId: ids.owner1Unit.id, type: 'repair', title: '卫生间灯不亮', description: '主卫吸顶灯' });
    expect(res.statusCode).toBe(201);
    const id = res.json().id;
    expect((await notificationsOf('cs1')).some((n) => n.ticket_id === id && n.kind === 'new_ticket')).toBe(true);
    await t.as('cs1', 'POST', `/api/v1/tickets/${id}/comments`, { note: '业主脾气急，注意沟通', internal: true });
    await t.as('cs1', 'POST', `/api/v1/tickets/${id}/comments`, { note: '已安排明天上午上门', internal: false });
    const mine = (await t.as('owner1', 'GET', `/api/v1/portal/tickets/${id}`)).json();
    expect(mine.events.map((e: { note: string | null }) => e.note)).toContain('已安排明天上午上门');
    expect(JSON.stringify(mine)).not.toContain('脾气急');
    expect(mine.actions).toEqual([]);
    expect((await t.as('owner1', 'POST', `/api/v1/portal/tickets/${id}/cancel`, { reason: '自己修好了' })).json().status).toBe('cancelled');

    const list = (await t.as('owner1', 'GET', '/api/v1/portal/tickets')).json();
    expect(list.items.map((x: { id: number }) => x.id)).toContain(id);
    expect(list.items.every((x: { unitId: number }) => x.unitId === ids.owner1Unit.id)).toBe(true);
    const someoneElses = await register({ unitId: ids.eastUnit.id });
    expect((await t.as('owner1', 'GET', `/api/v1/portal/tickets/${someoneElses}`)).statusCode).toBe(404);
  });

  it('cannot cancel once work started; confirms and rates the resolution', async () => {
    const id = (await t.as('owner1', 'POST', '/api/v1/portal/tickets', { unitId: ids.owner1Unit.id, type: 'repair', title: '门锁坏了', description: '入户门锁' })).json().id;
    await act(id, 'dispatch', { department: 'engineering', assigneeId: ids.users.eng1 }, 'desk1');
    await act(id, 'accept', {}, 'eng1');
    expect((await t.as('owner1', 'POST', `/api/v1/portal/tickets/${id}/cancel`, {})).statusCode).toBe(409);
    expect((await t.as('owner1', 'POST', `/api/v1/portal/tickets/${id}/rate`, { score: 5 })).statusCode).toBe(409);
    await act(id, 'resolve', { note: '更换锁芯' }, 'eng1');
    expect((await notificationsOf('owner1')).some((n) => n.ticket_id === id && n.kind === 'ticket.resolve')).toBe(true);
    expect((await t.as('owner1', 'POST', `/api/v1/portal/tickets/${id}/rate`, { score: 5, comment: '师傅很专业' })).statusCode).toBe(200);
    expect((await t.as('owner1', 'POST', `/api/v1/portal/tickets/${id}/confirm`)).json().status).toBe('closed');
    const tk = await get(id);
    // the visit queued at 处理完成 is answered by the rating (policy unless_rated): nothing left to call
    expect(tk).toMatchObject({ rating: 5, ratingComment: '师傅很专业', visit: { score: 5, doneAt: expect.any(String) } });
  });
});

describe('photos', () => {
  const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
  const upload = async (id: number, user: string, files: Array<{ name: string; data: Buffer }>) => {
    const boundary = '----photo';
    const parts = files.map((f) => Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${f.name}"\r\nContent-Type: image/png\r\n\r\n`), f.data, Buffer.from('\r\n')]));
    const payload = Buffer.concat([...parts, Buffer.from(`--${boundary}--\r\n`)]);
    return t.app.inject({ method: 'POST', url: `/api/v1/tickets/${id}/photos`, payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, cookie: await t.login(user) } });
  };

  it('stores real images, refuses anything else, and serves them to those who may see the ticket', async () => {
    const id = await register({ unitId: ids.owner1Unit.id, type: 'repair' });
    const bad = await upload(id, 'desk1', [{ name: 'x.png', data: Buffer.from('<script>') }]);
    expect(bad.statusCode).toBe(400);
    const ok = await upload(id, 'desk1', [{ name: 'a.png', data: png }, { name: 'b.png', data: png }]);
    expect(ok.statusCode).toBe(201);
    const [photo] = ok.json().ids;
    const got = await t.as('owner1', 'GET', `/api/v1/photos/${photo}`);
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toBe('image/png');
    // Stored re-encoded (photos-limits.test.ts covers how): the same picture, not the same bytes.
    expect(await sharp(got.rawPayload).metadata()).toMatchObject({ format: 'png', width: 1, height: 1, hasAlpha: true });
    expect((await t.as('cs2', 'GET', `/api/v1/photos/${photo}`)).statusCode).toBe(404);
    expect((await get(id)).photos).toHaveLength(2);
    const tooMany = await upload(id, 'desk1', Array.from({ length: 7 }, (_, i) => ({ name: `${i}.png`, data: png })));
    expect(tooMany.statusCode).toBe(400);
  });
});

describe('notification center', () => {
  it('lists a user’s notifications with an unread count and marks them read', async () => {
    const before = (await t.as('cs1', 'GET', '/api/v1/notifications')).json();
    expect(before.unread).toBeGreaterThan(0);
    const first = before.items[0];
    expect((await t.as('cs1', 'POST', `/api/v1/notifications/${first.id}/read`)).statusCode).toBe(200);
    expect((await t.as('cs1', 'GET', '/api/v1/notifications')).json().unread).toBe(before.unread - 1);
    expect((await t.as('cs2', 'POST', `/api/v1/notifications/${first.id}/read`)).statusCode).toBe(404);
    await t.as('cs1', 'POST', '/api/v1/notifications/read-all');
    expect((await t.as('cs1', 'GET', '/api/v1/notifications?unread=1')).json()).toMatchObject({ unread: 0, items: [] });
  });
});

describe('notifications in the reader’s language', () => {
  it('renders the same notification in Chinese and in English', async () => {
    const id = await register({ estateId: ids.estate, areaId: ids.east, type: 'report', emergency: true, incidentType: 'power_outage', title: '2栋停电', description: '2栋全楼停电' });
    const zh = (await t.as('director', 'GET', '/api/v1/notifications')).json().items.find((n: { ticketId: number }) => n.ticketId === id);
    const en = (await t.as('director', 'GET', '/api/v1/notifications', undefined, { 'accept-language': 'en-US' })).json().items.find((n: { ticketId: number }) => n.ticketId === id);
    expect(zh.title).toBe('【应急】2栋停电');
    await t.as('owner1', 'POST', '/api/v1/portal/tickets', { unitId: ids.owner1Unit.id, type: 'inquiry', title: '快递柜', description: '快递柜在哪' });
    const mine = (await t.as('owner1', 'GET', '/api/v1/portal/tickets')).json().items[0];
    await t.as('owner1', 'POST', `/api/v1/portal/tickets/${mine.id}/cancel`, {});
    const zhTimeline = (await t.as('owner1', 'GET', `/api/v1/portal/tickets/${mine.id}`)).json().events;
    const enTimeline = (await t.as('owner1', 'GET', `/api/v1/portal/tickets/${mine.id}`, undefined, { 'accept-language': 'en' })).json().events;
    expect(zhTimeline.at(-1).note).toBe('业主撤回');
    expect(enTimeline.at(-1).note).toBe('Withdrawn by the owner');
    expect(en.title).toBe('[Emergency] 2栋停电');
    expect(en.body).toBe('2栋全楼停电');
  });
});
