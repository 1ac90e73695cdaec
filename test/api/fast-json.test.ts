/** The ticket list is written by fast-json-stringify (http/fast-json.ts): the same text zod's serializer writes. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fastStringify } from '../../src/server/http/fast-json.ts';
import { ticketDetail, ticketPage } from '../../src/server/modules/desk/desk.schemas.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { demoIds } from '../helpers/fixtures.ts';

let t: TestApp;
let ids: Awaited<ReturnType<typeof demoIds>>;
beforeAll(async () => {
  t = await createTestApp();
  ids = await demoIds(t);
  // Tickets with and without unit, category, department, assignee, price, cancel reason.
  const category = await t.db.selectFrom('ticket_categories').select('id').where('estate_id', '=', ids.estate).orderBy('id').executeTakeFirstOrThrow();
  const create = async (body: Record<string, unknown>) => {
    const res = await t.as('desk1', 'POST', '/api/v1/tickets', { type: 'repair', channel: 'phone', title: '水管漏水', description: '厨房水管漏水', ...body });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as number;
  };
  const act = (id: number, action: string, body: Record<string, unknown> = {}) => t.as('desk1', 'POST', `/api/v1/tickets/${id}/${action}`, body);
  await create({ unitId: ids.eastUnit.id, categoryId: category.id });
  const dispatched = await create({ unitId: ids.westUnit.id, priority: 'high' });
  await act(dispatched, 'dispatch', { department: 'engineering', assigneeId: ids.users.eng1 });
  await create({ estateId: ids.estate, areaId: ids.east, type: 'special_service', price: 5000, appointmentAt: new Date(Date.now() + 86_400_000).toISOString() });
  const cancelled = await create({ unitId: ids.eastUnit.id, type: 'inquiry' });
  await act(cancelled, 'cancel', { note: '业主表示已自行解决' });
});
afterAll(() => t.close());

async function authOf(username: string) {
  const cookie = await t.login(username);
  const token = t.app.unsignCookie(decodeURIComponent(cookie.slice('wd_session='.length))).value!;
  return (await t.services.auth.resolve(token))!;
}

describe('fast ticket list serializer', () => {
  it('writes every demo page exactly as zod would, nulls, assignees, appointments and actions included', async () => {
    const write = fastStringify(ticketPage);
    let tickets = 0;
    for (const username of ['director', 'desk1', 'eng1']) {
      const auth = await authOf(username);
      for (const filter of [{}, { status: 'cancelled' }, { open: true }, { estateId: ids.estate, type: 'repair' }]) {
        const page = await t.services.tickets.list(auth, { page: 1, pageSize: 100, ...filter } as never);
        tickets += page.items.length;
        expect(write(page)).toBe(JSON.stringify(z.encode(ticketPage, page)));
      }
    }
    expect(tickets).toBeGreaterThan(4);
  });

  it('the route answers with that text', async () => {
    const res = await t.as('director', 'GET', `/api/v1/tickets?estateId=${ids.estate}&pageSize=50`);
    expect(res.statusCode).toBe(200);
    const page = ticketPage.parse(res.json());
    expect(page.items.some((i) => i.unitLabel === null)).toBe(true);
    expect(page.items.some((i) => i.appointmentAt !== null)).toBe(true);
    expect(page.items.some((i) => i.assigneeName !== null)).toBe(true);
    // A list row is the ticket's short form: the ticket page has the description and the rest.
    expect(Object.keys(page.items[0])).not.toContain('description');
    expect(res.body).toBe(JSON.stringify(z.encode(ticketPage, page)));
  });

  it('writes nested objects and arrays as zod would (a ticket with its category, timeline and steps)', async () => {
    const auth = await authOf('director');
    const write = fastStringify(ticketDetail);
    const page = await t.services.tickets.list(auth, { page: 1, pageSize: 100 } as never);
    let categorised = 0;
    for (const item of page.items) {
      const detail = await t.services.tickets.get(auth, item.id);
      if (detail.category) categorised++;
      expect(write(detail)).toBe(JSON.stringify(z.encode(ticketDetail, detail)));
    }
    expect(categorised).toBeGreaterThan(0);
  });

  it('refuses an answer that lacks a property the schema requires, as zod does', () => {
    const write = fastStringify(ticketPage);
    expect(() => write({ items: [], more: false })).toThrow(/total/);
  });
});
