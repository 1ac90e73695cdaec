/** Return visits: queued at 处理完成, once; a score of 2 or less reopens — from the call or the portal rating. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { demoIds } from '../helpers/fixtures.ts';

let t: TestApp;
let ids: Awaited<ReturnType<typeof demoIds>>;
beforeAll(async () => {
  t = await createTestApp();
  ids = await demoIds(t);
});
afterAll(() => t.close());

const act = async (id: number, action: string, body: Record<string, unknown> = {}, user = 'cs1') => {
  const res = await t.as(user, 'POST', `/api/v1/tickets/${id}/${action}`, body);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const get = async (id: number) => (await t.as('director', 'GET', `/api/v1/tickets/${id}`)).json();
const visitsOf = async (id: number) => t.db.selectFrom('return_visits').selectAll().where('ticket_id', '=', id).orderBy('id').execute();
const openVisit = async (id: number) =>
  (await t.as('cs1', 'GET', '/api/v1/return-visits?done=0&pageSize=100')).json().items.find((v: { ticketId: number }) => v.ticketId === id);
const notices = async (username: string, ticketId: number) =>
  (await t.db.selectFrom('notifications as n').innerJoin('users as u', 'u.id', 'n.user_id').select('n.kind').where('u.username', '=', username).where('n.ticket_id', '=', ticketId).execute()).map((n) => n.kind);

/** owner1 reports; engineering fixes it. */
const portalTicketResolved = async () => {
  const res = await t.as('owner1', 'POST', '/api/v1/portal/tickets', { unitId: ids.owner1Unit.id, type: 'repair', title: '水龙头滴水', description: '厨房水龙头关不紧' });
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json().id as number;
  await act(id, 'dispatch', { department: 'engineering', assigneeId: ids.users.eng1 }, 'desk1');
  await act(id, 'accept', {}, 'eng1');
  await act(id, 'resolve', { note: '更换阀芯' }, 'eng1');
  return id;
};

describe('the return visit is queued at 处理完成', () => {
  it('appears in the return-visit list at resolve, and confirming does not queue another', async () => {
    const id = await portalTicketResolved();
    const visit = await openVisit(id);
    expect(visit).toMatchObject({ ticketId: id, assigneeId: ids.users.cs1, doneAt: null });
    expect(await notices('cs1', id)).toContain('visit');
    expect((await t.as('owner1', 'POST', `/api/v1/portal/tickets/${id}/confirm`)).json().status).toBe('confirmed');
    expect(await visitsOf(id)).toHaveLength(1);
    expect((await t.as('cs1', 'POST', `/api/v1/return-visits/${visit.id}`, { score: 5 })).json().status).toBe('closed');
    expect(await visitsOf(id)).toHaveLength(1);
  });

  it('a good call before the resident confirmed stands for the confirmation and closes the ticket', async () => {
    const id = await portalTicketResolved();
    const visit = await openVisit(id);
    expect((await t.as('cs1', 'POST', `/api/v1/return-visits/${visit.id}`, { score: 4, comment: '已修好' })).json().status).toBe('closed');
    const kinds = (await get(id)).events.map((e: { kind: string }) => e.kind);
    expect(kinds.slice(-4)).toEqual(['resolve', 'visit', 'confirm', 'close']);
  });

  it('queues none for an inquiry, and a reopened ticket gets a new one at its next resolution', async () => {
    const inquiry = (await t.as('desk1', 'POST', '/api/v1/tickets', { unitId: ids.eastUnit.id, type: 'inquiry', channel: 'phone', title: '停车费标准', description: '问停车费' })).json().id;
    await act(inquiry, 'resolve', { note: '已告知' }, 'desk1');
    expect(await visitsOf(inquiry)).toHaveLength(0);

    const id = await portalTicketResolved();
    const first = await openVisit(id);
    expect((await t.as('cs1', 'POST', `/api/v1/return-visits/${first.id}`, { score: 1, comment: '还在滴' })).json().status).toBe('reopened');
    await act(id, 'resolve', { note: '更换整个龙头' }, 'cs1');
    const visits = await visitsOf(id);
    expect(visits.map((v) => v.done_at == null)).toEqual([false, true]);
    // reopened by hand before the call: the pending visit serves the next resolution, no second one
    await act(id, 'reopen', { note: '业主来电说又漏了' }, 'cs1');
    await act(id, 'resolve', { note: '重新密封' }, 'cs1');
    expect((await visitsOf(id)).map((v) => v.done_at == null)).toEqual([false, true]);
    await act(id, 'confirm', {}, 'desk1');
    expect((await get(id)).status).toBe('confirmed');
  });
});

describe('a score of 2 or less reopens, from the call or the portal', () => {
  it('the owner’s portal rating of 2 reopens the ticket, alerts the assistant and answers the pending visit', async () => {
    const id = await portalTicketResolved();
    const rated = await t.as('owner1', 'POST', `/api/v1/portal/tickets/${id}/rate`, { score: 2, comment: '还是滴水' });
    expect(rated.statusCode, rated.body).toBe(200);
    const tk = await get(id);
    expect(tk).toMatchObject({ status: 'reopened', reopenCount: 1, rating: 2, resolvedAt: null });
    expect(tk.events.map((e: { kind: string }) => e.kind).slice(-2)).toEqual(['rate', 'reopen']);
    expect(await notices('assistant', id)).toContain('ticket.reopen');
    expect(await openVisit(id)).toBeUndefined();
    expect((await visitsOf(id))[0]).toMatchObject({ score: 2, comment: '还是滴水' });
    // it is worked again like any reopened ticket
    expect((await act(id, 'resolve', { note: '更换整个龙头' }, 'cs1')).status).toBe('resolved');
  });

  it('a good rating leaves the ticket to be confirmed; a low one after closing alerts the assistant', async () => {
    const id = await portalTicketResolved();
    expect((await t.as('owner1', 'POST', `/api/v1/portal/tickets/${id}/rate`, { score: 4 })).statusCode).toBe(200);
    expect((await get(id)).status).toBe('resolved');
    expect((await t.as('owner1', 'POST', `/api/v1/portal/tickets/${id}/confirm`)).json().status).toBe('closed');
    expect((await t.as('owner1', 'POST', `/api/v1/portal/tickets/${id}/rate`, { score: 1, comment: '又坏了' })).statusCode).toBe(200);
    expect((await get(id)).status).toBe('closed');
    expect(await notices('assistant', id)).toContain('ticket.lowRating');
  });
});
