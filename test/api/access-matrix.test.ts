/**
 * Every API route × every role: the route's declared permission decides, and nothing else.
 * New routes join the matrix automatically because the list comes from the app itself.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { can, PERMISSIONS, ROLES, type Role } from '../../src/core/roles.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { demoIds } from '../helpers/fixtures.ts';

const USER_OF: Record<Role, string> = {
  admin: 'admin',
  director: 'director',
  assistant: 'assistant',
  cs_admin: 'cs1',
  front_desk: 'desk1',
  cashier: 'cashier1',
  dept_staff: 'eng1',
  owner: 'owner1',
};

let t: TestApp;
let ids: Awaited<ReturnType<typeof demoIds>>;
beforeAll(async () => {
  t = await createTestApp();
  ids = await demoIds(t);
});
afterAll(() => t.close());

const concrete = (url: string) => url.replace(/:id\b/g, '999999').replace(/:(\w+)/g, '999999');

describe('role matrix', () => {
  it('every API route declares an access rule that exists', () => {
    expect(t.app.routeAccess.length).toBeGreaterThan(30);
    for (const r of t.app.routeAccess) expect(['public', 'authenticated', ...Object.keys(PERMISSIONS)]).toContain(r.access);
  });

  it('anonymous callers get 401 on every non-public route', async () => {
    for (const r of t.app.routeAccess.filter((x) => x.access !== 'public')) {
      const res = await t.as(null, r.method as any, concrete(r.url), r.method === 'GET' ? undefined : {});
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(401);
      expect(res.json().error.code).toBe('UNAUTHENTICATED');
    }
  });

  for (const role of ROLES) {
    it(`${role}: allowed routes pass the role check, the others are 403`, async () => {
      for (const r of t.app.routeAccess) {
        if (r.url === '/api/v1/auth/logout') continue; // would end the session the rest of the loop uses
        const res = await t.as(USER_OF[role], r.method as any, concrete(r.url), r.method === 'GET' ? undefined : {});
        const allowed = r.access === 'public' || r.access === 'authenticated' || can(role, r.access);
        const label = `${role} ${r.method} ${r.url} → ${res.statusCode} ${res.body.slice(0, 120)}`;
        if (allowed) {
          expect(res.statusCode, label).not.toBe(401);
          expect(res.statusCode === 403 && res.json().error.code === 'FORBIDDEN', label).toBe(false);
          expect(res.statusCode, label).toBeLessThan(500);
        } else {
          expect(res.statusCode, label).toBe(403);
          expect(res.json().error.code, label).toBe('FORBIDDEN');
        }
      }
    });
  }
});

describe('data scope', () => {
  const reads = (unit: { id: number; householdId: number | null; buildingId: number }) => [
    `/api/v1/units/${unit.id}`,
    `/api/v1/units/${unit.id}/archive`,
    `/api/v1/buildings/${unit.buildingId}`,
    `/api/v1/households/${unit.householdId}`,
  ];

  const staff: Array<[string, boolean, boolean]> = [
    // user, sees east, sees west
    ['admin', true, true],
    ['director', true, true],
    ['assistant', true, true],
    ['cs1', true, false],
    ['cs2', false, true],
    ['desk1', true, true],
    ['cashier1', true, true],
    ['eng1', true, true],
  ];

  for (const [user, east, west] of staff) {
    it(`${user} sees ${[east && 'east', west && 'west'].filter(Boolean).join(' and ')} records only`, async () => {
      for (const [unit, visible] of [
        [ids.eastUnit, east],
        [ids.westUnit, west],
      ] as const) {
        for (const url of reads(unit)) {
          const res = await t.as(user, 'GET', url);
          expect(res.statusCode, `${user} ${url}`).toBe(visible ? 200 : 404);
        }
      }
      const list = await t.as(user, 'GET', '/api/v1/units?pageSize=200');
      const areas = new Set(list.json().items.map((u: { areaId: number }) => u.areaId));
      expect(areas.has(ids.east)).toBe(east);
      expect(areas.has(ids.west)).toBe(west);
    });
  }

  it('a cs_admin cannot write outside his area (403/404, nothing changes)', async () => {
    const before = await t.as('admin', 'GET', `/api/v1/units/${ids.westUnit.id}`);
    const res = await t.as('cs1', 'PATCH', `/api/v1/units/${ids.westUnit.id}`, { status: 'vacant' });
    expect(res.statusCode).toBe(404);
    const building = await t.as('cs1', 'POST', '/api/v1/buildings', { estateId: ids.estate, areaId: ids.west, code: 'X9', name: 'X9栋', kind: 'high_rise', floors: 10, entrances: 1 });
    expect(building.statusCode).toBe(403);
    expect((await t.as('admin', 'GET', `/api/v1/units/${ids.westUnit.id}`)).json()).toEqual(before.json());
  });

  it('nobody but the administrator sees a second estate he is not assigned to', async () => {
    const created = await t.as('admin', 'POST', '/api/v1/estates', { code: 'JINXIU', name: '锦绣园' });
    expect(created.statusCode).toBe(201);
    const estateId = created.json().id;
    const b = await t.as('admin', 'POST', '/api/v1/buildings', { estateId, code: 'A1', name: 'A1栋', kind: 'multi_storey', floors: 6, entrances: 1 });
    expect(b.statusCode).toBe(201);
    for (const user of ['director', 'cs1', 'desk1', 'eng1']) {
      expect((await t.as(user, 'GET', `/api/v1/estates/${estateId}`)).statusCode, user).toBe(404);
      expect((await t.as(user, 'GET', `/api/v1/buildings/${b.json().id}`)).statusCode, user).toBe(404);
      const estates = (await t.as(user, 'GET', '/api/v1/estates')).json().items.map((e: { id: number }) => e.id);
      expect(estates).not.toContain(estateId);
    }
    expect((await t.as('admin', 'GET', `/api/v1/estates/${estateId}`)).statusCode).toBe(200);
  });

  it('an owner sees only his own units, through the portal', async () => {
    const home = await t.as('owner1', 'GET', '/api/v1/portal/home');
    expect(home.statusCode).toBe(200);
    expect(home.json().units.map((u: { unit: { id: number } }) => u.unit.id)).toEqual([ids.owner1Unit.id]);
    expect((await t.as('owner1', 'GET', `/api/v1/portal/units/${ids.owner1Unit.id}`)).statusCode).toBe(200);
    expect((await t.as('owner1', 'GET', `/api/v1/portal/units/${ids.eastUnit.id}`)).statusCode).toBe(404);
    expect((await t.as('owner1', 'GET', `/api/v1/units/${ids.eastUnit.id}`)).statusCode).toBe(403);
    expect((await t.as('owner1', 'GET', `/api/v1/units/${ids.owner1Unit.id}`)).statusCode).toBe(403);
  });
});
