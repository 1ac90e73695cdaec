/** The staff menu names each page's main API and its permission; both must match the server. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MENU_ENTRIES } from '../../src/web/layouts/menu.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('menu ↔ routes', () => {
  it('every menu entry names a registered route whose access rule is the entry permission', () => {
    for (const e of MENU_ENTRIES) {
      const [method, url] = e.api.split(' ');
      const route = t.app.routeAccess.find((r) => r.method === method && r.url === url);
      expect(route, e.api).toBeDefined();
      expect(route!.access, e.api).toBe(e.permission);
    }
  });

  it('cs1 (area administrator) is refused the daily close; the cashier and the director get it', async () => {
    const estateId = (await t.db.selectFrom('estates').select('id').executeTakeFirstOrThrow()).id;
    const q = `/api/v1/fees/close/cashiers?estateId=${estateId}&date=2026-01-05`;
    expect((await t.as('cs1', 'GET', q)).statusCode).toBe(403);
    expect((await t.as('cs1', 'GET', `/api/v1/fees/close?estateId=${estateId}&date=2026-01-05`)).statusCode).toBe(403);
    expect((await t.as('director', 'GET', q)).statusCode).toBe(200);
  });
});
