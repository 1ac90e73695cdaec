/** Accepting a ticket: only its assignee, or a supervisor who takes it or names who does; the picker lists who can. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { demoIds } from '../helpers/fixtures.ts';

let t: TestApp;
let ids: Awaited<ReturnType<typeof demoIds>>;
let eng2: number;
beforeAll(async () => {
  t = await createTestApp();
  ids = await demoIds(t);
  const res = await t.as('admin', 'POST', '/api/v1/users', { username: 'eng2', displayName: '吴刚（工程部）', role: 'dept_staff', department: 'engineering', password: 'Workshop-2026x', scopes: [{ estateId: ids.estate }] });
  expect(res.statusCode, res.body).toBe(201);
  eng2 = res.json().id;
  await t.login('eng2', 'Workshop-2026x');
});
afterAll(() => t.close());

const dispatched = async (assigneeId: number | null = ids.users.eng1) => {
  const res = await t.as('desk1', 'POST', '/api/v1/tickets', { unitId: ids.eastUnit.id, type: 'complaint', channel: 'phone', title: '电梯异响', description: '2 号电梯运行有异响' });
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json().id as number;
  const d = await t.as('desk1', 'POST', `/api/v1/tickets/${id}/dispatch`, { department: 'engineering', ...(assigneeId ? { assigneeId } : {}) });
  expect(d.statusCode, d.body).toBe(200);
  return id;
};
const accept = (id: number, user: string, body: Record<string, unknown> = {}) => t.as(user, 'POST', `/api/v1/tickets/${id}/accept`, body);
const get = async (id: number) => (await t.as('director', 'GET', `/api/v1/tickets/${id}`)).json();
const lastEvent = async (id: number) => (await get(id)).events.at(-1);

describe('accepting a ticket', () => {
  it('refuses another department member: eng2 cannot accept eng1’s ticket, nor name eng1 in the pool', async () => {
    const id = await dispatched();
    expect((await accept(id, 'eng2')).statusCode).toBe(403);
    expect((await get(id)).status).toBe('dispatched');
    const pool = await dispatched(null);
    expect((await accept(pool, 'eng2', { assigneeId: ids.users.eng1 })).statusCode).toBe(403);
    expect((await accept(pool, 'eng2')).statusCode).toBe(200);
    expect((await get(pool)).assigneeId).toBe(eng2);
  });

  it('a supervisor who accepts without naming anyone becomes the assignee, and the timeline says so', async () => {
    const id = await dispatched();
    const res = await accept(id, 'cs1');
    expect(res.statusCode, res.body).toBe(200);
    const tk = await get(id);
    expect(tk).toMatchObject({ status: 'in_progress', assigneeId: ids.users.cs1 });
    expect(tk.assigneeName).toContain('张敏');
    const ev = await lastEvent(id);
    expect(ev).toMatchObject({ kind: 'accept', note: expect.stringContaining('张敏') });
  });

  it('a supervisor may name the assignee; someone who cannot do the work there is refused naming the field', async () => {
    const id = await dispatched();
    const wrong = await accept(id, 'assistant', { assigneeId: ids.users.cs2 }); // the west area's administrator
    expect(wrong.statusCode).toBe(400);
    expect(Object.keys(wrong.json().error.fields)).toEqual(['assigneeId']);
    const res = await accept(id, 'assistant', { assigneeId: eng2, note: '周强休假' });
    expect(res.statusCode, res.body).toBe(200);
    expect((await get(id)).assigneeId).toBe(eng2);
    const ev = await lastEvent(id);
    expect(ev.note).toContain('吴刚');
    expect(ev.note).toContain('周强休假');
    const en = (await t.as('director', 'GET', `/api/v1/tickets/${id}`, undefined, { 'accept-language': 'en' })).json().events.at(-1);
    expect(en.note).toMatch(/^Now handled by 吴刚/);
  });

  it('the assignee accepts his own ticket as before', async () => {
    const id = await dispatched();
    expect((await accept(id, 'eng1')).statusCode).toBe(200);
    expect((await get(id)).assigneeId).toBe(ids.users.eng1);
  });
});

describe('the assignee picker', () => {
  it('lists the department’s staff covering the area, then the supervisors; not another area’s administrator', async () => {
    const id = await dispatched(null);
    const res = await t.as('desk1', 'GET', `/api/v1/tickets/${id}/assignees`);
    expect(res.statusCode, res.body).toBe(200);
    const people = res.json().items.map((p: { id: number }) => p.id);
    expect(people.slice(0, 2)).toEqual([ids.users.eng1, eng2]);
    expect(people).toEqual(expect.arrayContaining([ids.users.cs1, ids.users.assistant, ids.users.director]));
    expect(people).not.toContain(ids.users.cs2);
    expect(people).not.toContain(ids.users.desk1);
    const cleaning = (await t.as('desk1', 'GET', `/api/v1/tickets/${id}/assignees?department=cleaning`)).json().items.map((p: { role: string }) => p.role);
    expect(cleaning).not.toContain('dept_staff');
    expect((await t.as('cs2', 'GET', `/api/v1/tickets/${id}/assignees`)).statusCode).toBe(404);
    expect((await t.as('eng1', 'GET', `/api/v1/tickets/${id}/assignees`)).statusCode).toBe(403);
    // dispatch accepts exactly those
    expect((await t.as('desk1', 'POST', `/api/v1/tickets/${id}/dispatch`, { department: 'engineering', assigneeId: ids.users.cs2 })).statusCode).toBe(400);
  });
});
