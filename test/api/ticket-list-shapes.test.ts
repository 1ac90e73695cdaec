/** Staff lists run queries compiled once per filter shape (tickets.repository.ts): each call with its own values. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { demoIds } from '../helpers/fixtures.ts';

let t: TestApp;
let ids: Awaited<ReturnType<typeof demoIds>>;
const made: Record<string, number[]> = { east: [], west: [] };
beforeAll(async () => {
  t = await createTestApp();
  ids = await demoIds(t);
  for (let i = 0; i < 5; i++) {
    for (const [side, unitId] of [['east', ids.eastUnit.id], ['west', ids.westUnit.id]] as const) {
      const res = await t.as('desk1', 'POST', '/api/v1/tickets', { unitId, type: i % 2 ? 'repair' : 'complaint', channel: 'phone', title: `${side} ${i}`, description: '列表' });
      expect(res.statusCode, res.body).toBe(201);
      made[side].push(res.json().id);
    }
  }
  await t.as('desk1', 'POST', `/api/v1/tickets/${made.east[0]}/cancel`, { note: '重复登记' });
});
afterAll(() => t.close());

const list = async (user: string, query: string) => {
  const res = await t.as(user, 'GET', `/api/v1/tickets?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { items: Array<{ id: number; type: string; status: string; areaId: number }>; total: number; more: boolean };
};

describe('ticket list by filter shape', () => {
  it('the same filters with other values give their own tickets, pages and totals', async () => {
    const repairs = await list('director', `estateId=${ids.estate}&type=repair&pageSize=100`);
    const complaints = await list('director', `estateId=${ids.estate}&type=complaint&pageSize=100`);
    expect(repairs.items.every((i) => i.type === 'repair')).toBe(true);
    expect(complaints.items.every((i) => i.type === 'complaint')).toBe(true);
    expect(repairs.items.map((i) => i.id)).toEqual(expect.arrayContaining([made.east[1], made.west[3]]));
    expect(complaints.items.map((i) => i.id)).toEqual(expect.arrayContaining([made.east[2], made.west[4]]));

    const cancelled = await list('director', `estateId=${ids.estate}&status=cancelled&pageSize=100`);
    const registered = await list('director', `estateId=${ids.estate}&status=registered&pageSize=100`);
    expect(cancelled.items.map((i) => i.id)).toContain(made.east[0]);
    expect(registered.items.map((i) => i.id)).not.toContain(made.east[0]);

    // Full pages: the total comes from the count, with this call's values.
    const first = await list('director', `estateId=${ids.estate}&type=complaint&pageSize=2`);
    const second = await list('director', `estateId=${ids.estate}&type=complaint&pageSize=2&page=2`);
    expect(first.items).toHaveLength(2);
    expect(first.total).toBe(complaints.total);
    expect(second.items.map((i) => i.id)).toEqual(complaints.items.slice(2, 4).map((i) => i.id));
    const repairsFull = await list('director', `estateId=${ids.estate}&type=repair&pageSize=2`);
    expect(repairsFull.total).toBe(repairs.total);
  });

  it('a caller who sees some areas gets only theirs, each with his own scope', async () => {
    const eastOnly = await t.as('admin', 'POST', '/api/v1/users', { username: 'easty', displayName: '东区客服', password: 'Counter2026', role: 'front_desk', scopes: [{ estateId: ids.estate, areaId: ids.east }] });
    const westOnly = await t.as('admin', 'POST', '/api/v1/users', { username: 'westy', displayName: '西区客服', password: 'Counter2026', role: 'front_desk', scopes: [{ estateId: ids.estate, areaId: ids.west }] });
    expect(eastOnly.statusCode, eastOnly.body).toBe(201);
    expect(westOnly.statusCode, westOnly.body).toBe(201);
    await t.login('easty', 'Counter2026');
    await t.login('westy', 'Counter2026');
    const east = await list('easty', `estateId=${ids.estate}&pageSize=100`);
    const west = await list('westy', `estateId=${ids.estate}&pageSize=100`);
    expect(east.items.map((i) => i.id)).toEqual(expect.arrayContaining(made.east));
    expect(east.items.some((i) => made.west.includes(i.id))).toBe(false);
    expect(west.items.map((i) => i.id)).toEqual(expect.arrayContaining(made.west));
    expect(west.items.some((i) => made.east.includes(i.id))).toBe(false);
    const all = await list('director', `estateId=${ids.estate}&pageSize=100`);
    expect(all.total).toBe(east.total + west.total + all.items.filter((i) => i.areaId !== ids.east && i.areaId !== ids.west).length);
  });
});
