/** Accounts: own role and scope, the last administrator, case-insensitive names, the password rule. */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authHardening } from '../../src/server/db/migrations/005_auth_hardening.ts';
import { hashPassword } from '../../src/server/modules/auth/password.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { demoIds } from '../helpers/fixtures.ts';

let t: TestApp;
let ids: Awaited<ReturnType<typeof demoIds>>;
beforeAll(async () => {
  t = await createTestApp();
  ids = await demoIds(t);
});
afterAll(() => t.close());

const activeAdmins = async () =>
  (await t.db.selectFrom('users').select('username').where('role', '=', 'admin').where('active', '=', 1).orderBy('id').execute()).map((u) => u.username);

describe('own role and scope', () => {
  it('nobody changes his own role or scope, but an administrator may save his own form unchanged', async () => {
    const self = ids.users.admin;
    const demote = await t.as('admin', 'PATCH', `/api/v1/users/${self}`, { role: 'director' });
    expect(demote.statusCode).toBe(403);
    expect(demote.json().error.message).toBe('不能修改自己的角色或数据范围，请由另一位系统管理员修改');
    // nor anyone else his own estates, areas or units
    const cs1 = { id: ids.users.cs1, name: 'cs1', ip: null };
    await expect(t.services.users.update(cs1, ids.users.cs1, { scopes: [{ estateId: ids.estate }] })).rejects.toMatchObject({ code: 'FORBIDDEN', msg: { key: 'error.selfRole' } });
    await t.services.users.update(cs1, ids.users.cs1, { displayName: '张敏', scopes: [{ estateId: ids.estate, areaId: ids.east }] });
    // an administrator made with an estate (CLI --estate) saves his own form, which sends no scope for an administrator
    await t.db.insertInto('user_scopes').values({ user_id: self, estate_id: ids.estate, area_id: null }).execute();
    // what the web form sends when he edits his own name: role and scope as they are
    const same = await t.as('admin', 'PATCH', `/api/v1/users/${self}`, { displayName: '系统管理员（总部）', role: 'admin', scopes: [], unitIds: [] });
    expect(same.statusCode, same.body).toBe(200);
    expect(same.json().displayName).toBe('系统管理员（总部）');
    expect((await t.db.selectFrom('users').select('role').where('id', '=', self).executeTakeFirstOrThrow()).role).toBe('admin');
  });
});

describe('the last administrator', () => {
  it('is neither deactivated nor given another role (409)', async () => {
    expect(await activeAdmins()).toEqual(['admin']);
    const other = { id: ids.users.director, name: 'director', ip: null };
    await expect(t.services.users.update(other, ids.users.admin, { active: false })).rejects.toMatchObject({ code: 'CONFLICT', msg: { key: 'conflict.lastAdmin' } });
    await expect(t.services.users.update(other, ids.users.admin, { role: 'director' })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await activeAdmins()).toEqual(['admin']);
  });

  it('two administrators demoting each other at once leave one', async () => {
    const res = await t.as('admin', 'POST', '/api/v1/users', { username: 'admin2', displayName: '第二管理员', role: 'admin', password: 'Second2026pw' });
    expect(res.statusCode).toBe(201);
    const admin2 = res.json().id;
    await t.login('admin2', 'Second2026pw');
    const [a, b] = await Promise.all([
      t.as('admin', 'PATCH', `/api/v1/users/${admin2}`, { role: 'director', scopes: [{ estateId: ids.estate }] }),
      t.as('admin2', 'PATCH', `/api/v1/users/${ids.users.admin}`, { role: 'director', scopes: [{ estateId: ids.estate }] }),
    ]);
    expect([a.statusCode, b.statusCode].filter((c) => c === 200)).toHaveLength(1);
    const loser = a.statusCode === 200 ? b : a;
    expect([401, 409]).toContain(loser.statusCode);
    if (loser.statusCode === 409) expect(loser.json().error.message).toContain('最后一位');
    expect(await activeAdmins()).toHaveLength(1);
    // put "admin" back for the tests below
    if ((await activeAdmins())[0] === 'admin2') expect((await t.as('admin2', 'PATCH', `/api/v1/users/${ids.users.admin}`, { role: 'admin', scopes: [] })).statusCode).toBe(200);
  });
});

describe('usernames ignore case', () => {
  it('refuses a name that differs only in case, and signs in whatever the case typed', async () => {
    const created = await t.as('admin', 'POST', '/api/v1/users', { username: 'Zhang.Wei', displayName: '张伟', role: 'front_desk', password: 'Counter2026', scopes: [{ estateId: ids.estate }] });
    expect(created.statusCode).toBe(201);
    const twin = await t.as('admin', 'POST', '/api/v1/users', { username: 'zhang.wei', displayName: '张伟二', role: 'front_desk', password: 'Counter2026', scopes: [{ estateId: ids.estate }] });
    expect(twin.statusCode).toBe(409);
    expect(Object.keys(twin.json().error.fields)).toEqual(['username']);
    const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'ZHANG.WEI', password: 'Counter2026' } });
    expect(login.statusCode).toBe(200);
    expect(login.json().user.username).toBe('Zhang.Wei');
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'Cs1', password: 'demo1234' } })).statusCode).toBe(200);
  });

  it('the database itself refuses a second name in another case', async () => {
    const now = new Date().toISOString();
    await expect(
      t.db.insertInto('users').values({ username: 'ADMIN', display_name: 'x', password_hash: 'x', role: 'admin', active: 1, created_at: now, updated_at: now }).execute(),
    ).rejects.toThrow();
  });

  it('the upgrade stops, naming them, when existing names differ only in case', async () => {
    const other = await createTestApp({ demo: false });
    try {
      await sql`drop index users_username_lower`.execute(other.db);
      const now = new Date().toISOString();
      const row = { display_name: 'x', password_hash: await hashPassword('Whatever2026'), role: 'cs_admin', active: 1, created_at: now, updated_at: now };
      await other.db.insertInto('users').values([{ ...row, username: 'Boss' }, { ...row, username: 'boss' }]).execute();
      await expect(authHardening.up(other.db as never, other.database.dialect)).rejects.toThrow(/boss/);
    } finally {
      await other.close();
    }
  });
});

describe('password rule for accounts', () => {
  it('applies to a new user, an administrator’s reset and the owner of the name', async () => {
    const base = { displayName: '测试', role: 'cs_admin', scopes: [{ estateId: ids.estate }] };
    const short = await t.as('admin', 'POST', '/api/v1/users', { ...base, username: 'rule1', password: 'Short2026' });
    expect(short.json().error.fields.password).toBe('密码至少 10 位，且包含字母和数字');
    const common = await t.as('admin', 'POST', '/api/v1/users', { ...base, username: 'rule2', password: 'Password123' });
    expect(common.json().error.fields.password).toBe('这个密码太常见，容易被猜中，请换一个');
    const named = await t.as('admin', 'POST', '/api/v1/users', { ...base, username: 'liming', password: 'LiMing20261' });
    expect(named.json().error.fields.password).toBe('密码不能包含用户名');
    const en = await t.as('admin', 'POST', '/api/v1/users', { ...base, username: 'rule3', password: 'qwertyuiop' }, { 'accept-language': 'en-US' });
    expect(en.json().error.fields.password).toBe('This password is too common and easy to guess; choose another');
    expect(await t.db.selectFrom('users').select('id').where('username', 'in', ['rule1', 'rule2', 'liming', 'rule3']).execute()).toEqual([]);

    const reset = await t.as('admin', 'POST', `/api/v1/users/${ids.users.cs2}/password`, { password: 'admin12345' });
    expect(reset.statusCode).toBe(400);
    expect(reset.json().error.fields.password).toBe('这个密码太常见，容易被猜中，请换一个');
    expect((await t.as('admin', 'POST', `/api/v1/users/${ids.users.cashier1}/password`, { password: 'Cashier1-2026' })).json().error.fields.password).toBe('密码不能包含用户名');
    expect((await t.login('cs2')).length).toBeGreaterThan(10);
  });
});
