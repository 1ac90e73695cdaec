import { sql } from 'kysely';
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

describe('user administration', () => {
  it('creates a cs_admin for one area; he signs in and sees that area only', async () => {
    const res = await t.as('admin', 'POST', '/api/v1/users', { username: 'cs9', displayName: '新片区管理员', role: 'cs_admin', password: 'Area2026pw', scopes: [{ estateId: ids.estate, areaId: ids.west }] });
    expect(res.statusCode).toBe(201);
    await t.login('cs9', 'Area2026pw');
    const me = (await t.as('cs9', 'GET', '/api/v1/auth/me')).json();
    expect(me.estates[0].areas.map((a: { name: string }) => a.name)).toEqual(['西区']);
    const list = (await t.as('admin', 'GET', '/api/v1/users?role=cs_admin')).json();
    expect(list.items.find((u: { username: string }) => u.username === 'cs9').scopes).toEqual([{ estateId: ids.estate, areaId: ids.west }]);
  });

  it('moves a user to the whole estate by editing his scope', async () => {
    const id = ids.users.cs1;
    expect((await t.as('admin', 'PATCH', `/api/v1/users/${id}`, { scopes: [{ estateId: ids.estate }] })).statusCode).toBe(200);
    expect((await t.as('cs1', 'GET', `/api/v1/units/${ids.westUnit.id}`)).statusCode).toBe(200);
    await t.as('admin', 'PATCH', `/api/v1/users/${id}`, { scopes: [{ estateId: ids.estate, areaId: ids.east }] });
    expect((await t.as('cs1', 'GET', `/api/v1/units/${ids.westUnit.id}`)).statusCode).toBe(404);
  });

  it('refuses an area of another estate, a duplicate username, a weak password and an owner without a unit', async () => {
    const other = (await t.as('admin', 'POST', '/api/v1/estates', { code: 'U2', name: '第二小区' })).json().id;
    const badScope = await t.as('admin', 'POST', '/api/v1/users', { username: 'x1x', displayName: 'x', role: 'cs_admin', password: 'Passw0rdXY', scopes: [{ estateId: other, areaId: ids.east }] });
    expect(badScope.statusCode).toBe(400);
    expect(Object.keys(badScope.json().error.fields)).toEqual(['scopes.0.areaId']);
    expect((await t.as('admin', 'POST', '/api/v1/users', { username: 'cs1', displayName: 'x', role: 'cs_admin', password: 'Passw0rdXY' })).statusCode).toBe(409);
    const weak = await t.as('admin', 'POST', '/api/v1/users', { username: 'x2x', displayName: 'x', role: 'cs_admin', password: 'password' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.fields.password).toContain('字母和数字');
    const owner = await t.as('admin', 'POST', '/api/v1/users', { username: 'x3x', displayName: 'x', role: 'owner', password: 'Passw0rdXY' });
    expect(owner.statusCode).toBe(400);
    expect(Object.keys(owner.json().error.fields)).toEqual(['unitIds']);
  });

  it('creates an owner account for a unit; the portal shows that unit', async () => {
    const res = await t.as('admin', 'POST', '/api/v1/users', { username: 'owner9', displayName: '业主九', role: 'owner', password: 'Owner2026x', unitIds: [ids.westUnit.id] });
    expect(res.statusCode).toBe(201);
    await t.login('owner9', 'Owner2026x');
    const home = (await t.as('owner9', 'GET', '/api/v1/portal/home')).json();
    expect(home.units.map((u: { unit: { id: number } }) => u.unit.id)).toEqual([ids.westUnit.id]);
  });

  it('resets a password and ends the user’s sessions; an admin cannot deactivate himself', async () => {
    const cookie = await t.login('eng1');
    expect((await t.as('admin', 'POST', `/api/v1/users/${ids.users.eng1}/password`, { password: 'Fresh2026pw' })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } })).statusCode).toBe(401);
    expect((await t.login('eng1', 'Fresh2026pw')).length).toBeGreaterThan(10);
    const self = await t.as('admin', 'PATCH', `/api/v1/users/${ids.users.admin}`, { active: false });
    expect(self.statusCode).toBe(409);
  });
});

describe('audit log (R-AUDIT)', () => {
  it('records changes with actor, entity and a masked diff; director browses his estate with filters', async () => {
    await t.as('cs1', 'PATCH', `/api/v1/units/${ids.eastUnit.id}`, { status: 'renovating' });
    const res = await t.as('director', 'GET', `/api/v1/audit-log?actor=cs1&entity=unit&entityId=${ids.eastUnit.id}`);
    expect(res.statusCode).toBe(200);
    const [entry] = res.json().items;
    expect(entry).toMatchObject({ actorName: 'cs1', action: 'update', entity: 'unit', entityId: String(ids.eastUnit.id), estateId: ids.estate });
    expect(entry.detail.status[1]).toBe('renovating');
  });

  it('filters by action and date range, and pages', async () => {
    await t.as('cs1', 'POST', '/api/v1/reveal', { kind: 'member', id: ids.owner1Unit.member, field: 'phone' });
    const reveals = (await t.as('director', 'GET', '/api/v1/audit-log?action=reveal')).json();
    expect(reveals.total).toBeGreaterThan(0);
    expect(reveals.items.every((e: { action: string }) => e.action === 'reveal')).toBe(true);
    const future = (await t.as('director', 'GET', '/api/v1/audit-log?from=2099-01-01')).json();
    expect(future.total).toBe(0);
    const page = (await t.as('director', 'GET', '/api/v1/audit-log?pageSize=5&page=2')).json();
    expect(page.items).toHaveLength(5);
    expect(page.total).toBeGreaterThan(10);
  });

  it('shows a director only his estates; logins and user administration only to the administrator', async () => {
    const director = (await t.as('director', 'GET', '/api/v1/audit-log?pageSize=200')).json();
    expect(director.items.every((e: { estateId: number | null }) => e.estateId === ids.estate)).toBe(true);
    const admin = (await t.as('admin', 'GET', '/api/v1/audit-log?entity=user&pageSize=200')).json();
    expect(admin.items.some((e: { action: string }) => e.action === 'login')).toBe(true);
    expect((await t.as('cs1', 'GET', '/api/v1/audit-log')).statusCode).toBe(403);
  });

  it('refuses UPDATE and DELETE at the database itself', async () => {
    await expect(sql`update audit_log set summary = 'tampered'`.execute(t.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log`.execute(t.db)).rejects.toThrow(/append-only/);
  });
});

describe('controllable clock', () => {
  it('moves time for tests and demos, and is audited', async () => {
    const before = (await t.as('cs1', 'GET', '/api/v1/clock')).json();
    expect(before.controllable).toBe(true);
    expect((await t.as('cs1', 'POST', '/api/v1/clock', { reset: true })).statusCode).toBe(403);
    const moved = (await t.as('admin', 'POST', '/api/v1/clock', { advanceMinutes: 60 })).json();
    expect(Date.parse(moved.now) - Date.parse(before.now)).toBeGreaterThanOrEqual(3_600_000 - 5_000);
    expect((await t.as('admin', 'POST', '/api/v1/clock', { reset: true })).json().offsetMs).toBe(0);
    const entry = await t.db.selectFrom('audit_log').selectAll().where('action', '=', 'clock').executeTakeFirstOrThrow();
    expect(entry.actor_name).toBe('admin');
  });
});

describe('clock switched off', () => {
  it('refuses to move time when the clock is not controllable', async () => {
    const off = await createTestApp({ demo: false, config: { clockControl: false } });
    try {
      await off.services.users.create(null, { username: 'root', displayName: 'root', role: 'admin', password: 'Root2026pw', phone: null, department: null, scopes: [], unitIds: [] });
      const cookie = await off.login('root', 'Root2026pw');
      const res = await off.app.inject({ method: 'POST', url: '/api/v1/clock', payload: { advanceMinutes: 60 }, headers: { cookie } });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.message).toContain('可调时钟未开启');
    } finally {
      await off.close();
    }
  });
});
