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

describe('demo estate', () => {
  it('has several buildings in two areas and about 300 units of every status', async () => {
    const buildings = (await t.as('director', 'GET', `/api/v1/buildings?estateId=${ids.estate}`)).json();
    expect(buildings.total).toBeGreaterThanOrEqual(3);
    const units = (await t.as('director', 'GET', '/api/v1/units?pageSize=1')).json();
    expect(units.total).toBeGreaterThanOrEqual(280);
    for (const status of ['occupied', 'rented', 'vacant', 'renovating']) {
      expect((await t.as('director', 'GET', `/api/v1/units?status=${status}&pageSize=1`)).json().total, status).toBeGreaterThan(5);
    }
    const care = (await t.as('director', 'GET', '/api/v1/units?care=1&pageSize=100')).json();
    expect(care.total).toBeGreaterThan(3);
    expect(care.items.every((u: { careFlags: string[] }) => u.careFlags.length > 0)).toBe(true);
    const facilities = (await t.as('director', 'GET', `/api/v1/facilities?estateId=${ids.estate}`)).json();
    expect(facilities.items.map((f: { kind: string }) => f.kind)).toEqual(expect.arrayContaining(['clubhouse', 'pool', 'sports', 'plaza', 'playground', 'business_center', 'office']));
  });
});

describe('buildings', () => {
  it('creates, renames and archives a building; a duplicate code is 409', async () => {
    const created = await t.as('director', 'POST', '/api/v1/buildings', { estateId: ids.estate, areaId: ids.east, code: '9', name: '9栋', kind: 'high_rise', floors: 30, entrances: 2, builtYear: 2020 });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    const dup = await t.as('director', 'POST', '/api/v1/buildings', { estateId: ids.estate, code: '9', name: '另一个9栋', kind: 'high_rise', floors: 30, entrances: 2 });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.fields.code).toContain('9');
    expect((await t.as('director', 'PATCH', `/api/v1/buildings/${id}`, { name: '九栋' })).statusCode).toBe(200);
    expect((await t.as('director', 'GET', `/api/v1/buildings/${id}`)).json()).toMatchObject({ name: '九栋', areaName: '东区', floors: 30, unitCount: 0 });
    expect((await t.as('director', 'PATCH', `/api/v1/buildings/${id}`, { archived: true })).statusCode).toBe(200);
    const list = (await t.as('director', 'GET', `/api/v1/buildings?estateId=${ids.estate}`)).json();
    expect(list.items.map((b: { id: number }) => b.id)).not.toContain(id);
    const withArchived = (await t.as('director', 'GET', `/api/v1/buildings?estateId=${ids.estate}&includeArchived=1`)).json();
    expect(withArchived.items.find((b: { id: number }) => b.id === id).archived).toBe(true);
  });

  it('rejects an area of another estate', async () => {
    const other = (await t.as('admin', 'POST', '/api/v1/estates', { code: 'OTHER1', name: '其他小区' })).json().id;
    const res = await t.as('admin', 'POST', '/api/v1/buildings', { estateId: other, areaId: ids.east, code: '1', name: '1栋', kind: 'high_rise', floors: 10, entrances: 1 });
    expect(res.statusCode).toBe(400);
    expect(Object.keys(res.json().error.fields)).toEqual(['areaId']);
  });
});

describe('units', () => {
  it('creates a unit with exact area in hundredths, edits its status and structure notes', async () => {
    const res = await t.as('cs1', 'POST', '/api/v1/units', { buildingId: ids.eastUnit.buildingId, entrance: '2', floor: 18, number: '1808', buildingArea: 128.66, status: 'vacant', structure: '剪力墙结构', qualityNotes: '阳台栏杆松动' });
    expect(res.statusCode).toBe(201);
    const id = res.json().id;
    const row = await t.db.selectFrom('units').select('building_area').where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.building_area).toBe(12866);
    expect((await t.as('cs1', 'PATCH', `/api/v1/units/${id}`, { status: 'renovating' })).statusCode).toBe(200);
    expect((await t.as('cs1', 'GET', `/api/v1/units/${id}`)).json()).toMatchObject({ label: '2-2-1808', buildingArea: 128.66, status: 'renovating', qualityNotes: '阳台栏杆松动' });
  });

  it('refuses a duplicate unit number in the same building and entrance with 409 naming the field', async () => {
    const { buildingId } = (await t.as('cs1', 'GET', `/api/v1/units/${ids.owner1Unit.id}`)).json();
    const res = await t.as('cs1', 'POST', '/api/v1/units', { buildingId, entrance: '1', floor: 12, number: '1201', buildingArea: 89.52 });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.fields.number).toMatch(/1201/);
  });

  it('refuses a floor above the building and more than two decimals of area', async () => {
    const res = await t.as('cs1', 'POST', '/api/v1/units', { buildingId: ids.eastUnit.buildingId, entrance: '1', floor: 99, number: '9901', buildingArea: 80.123 });
    expect(res.statusCode).toBe(400);
    expect(Object.keys(res.json().error.fields)).toContain('buildingArea');
    const floor = await t.as('cs1', 'POST', '/api/v1/units', { buildingId: ids.eastUnit.buildingId, entrance: '1', floor: 99, number: '9901', buildingArea: 80.12 });
    expect(floor.statusCode).toBe(400);
    expect(floor.json().error.fields.floor).toContain('18');
  });
});

describe('one search box', () => {
  const search = async (q: string, user = 'desk1') => (await t.as(user, 'GET', `/api/v1/units?q=${encodeURIComponent(q)}`)).json();

  it('finds a unit by owner name, full phone, last four digits and address', async () => {
    for (const q of ['陈建国', '13912345678', '5678', '1-1-1201']) {
      const found = await search(q);
      expect(found.items.map((u: { id: number }) => u.id), q).toContain(ids.owner1Unit.id);
    }
    const byName = await search('陈建国');
    expect(byName.items[0]).toMatchObject({ label: '1-1-1201', contactPhone: '139****5678', ownerNames: ['陈建国'] });
  });

  it('treats % and _ literally', async () => {
    expect((await search('%')).total).toBe(0);
    expect((await search('_')).total).toBe(0);
  });

  it('finds a tenant by name', async () => {
    const tenant = await t.db.selectFrom('tenancies').select(['tenant_name', 'unit_id']).orderBy('id').executeTakeFirstOrThrow();
    expect((await search(tenant.tenant_name, 'director')).items.map((u: { id: number }) => u.id)).toContain(tenant.unit_id);
  });

  it('pages and filters', async () => {
    const p1 = (await t.as('director', 'GET', `/api/v1/units?buildingId=${ids.eastUnit.buildingId}&page=1&pageSize=10`)).json();
    const p2 = (await t.as('director', 'GET', `/api/v1/units?buildingId=${ids.eastUnit.buildingId}&page=2&pageSize=10`)).json();
    expect(p1.items).toHaveLength(10);
    expect(p1.total).toBe(p2.total);
    expect(p1.items.map((u: { id: number }) => u.id)).not.toEqual(expect.arrayContaining(p2.items.map((u: { id: number }) => u.id)));
    expect(p1.items.every((u: { buildingId: number }) => u.buildingId === ids.eastUnit.buildingId)).toBe(true);
  });
});

describe('areas and facilities', () => {
  it('director assigns an area manager; cs1 sees only his area', async () => {
    const areas = (await t.as('cs1', 'GET', `/api/v1/areas?estateId=${ids.estate}`)).json();
    expect(areas.items.map((a: { name: string }) => a.name)).toEqual(['东区']);
    expect(areas.items[0].managerName).toContain('张敏');
    const res = await t.as('director', 'POST', '/api/v1/areas', { estateId: ids.estate, name: '北区' });
    expect(res.statusCode).toBe(201);
    expect((await t.as('director', 'POST', '/api/v1/areas', { estateId: ids.estate, name: '北区' })).statusCode).toBe(409);
    expect((await t.as('director', 'PATCH', `/api/v1/areas/${res.json().id}`, { managerUserId: ids.users.cs2 })).statusCode).toBe(200);
    expect((await t.as('director', 'PATCH', `/api/v1/areas/${res.json().id}`, { managerUserId: ids.users.owner1 })).statusCode).toBe(400);
  });

  it('records a public facility and refuses a duplicate name', async () => {
    const res = await t.as('assistant', 'POST', '/api/v1/facilities', { estateId: ids.estate, kind: 'other', name: '快递柜', location: '南门' });
    expect(res.statusCode).toBe(201);
    expect((await t.as('assistant', 'POST', '/api/v1/facilities', { estateId: ids.estate, kind: 'other', name: '快递柜' })).statusCode).toBe(409);
    expect((await t.as('cs1', 'POST', '/api/v1/facilities', { estateId: ids.estate, kind: 'other', name: '信报箱' })).statusCode).toBe(403);
  });
});
