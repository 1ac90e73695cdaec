/** The short per-process session cache: edits here count at once, elsewhere within its TTL. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SessionCache } from '../../src/server/modules/auth/session-cache.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { demoIds } from '../helpers/fixtures.ts';

let t: TestApp;
let ids: Awaited<ReturnType<typeof demoIds>>;
beforeAll(async () => {
  t = await createTestApp();
  ids = await demoIds(t);
});
afterAll(() => t.close());

const get = (cookie: string, url: string) => t.app.inject({ method: 'GET', url, headers: { cookie } });

describe('session cache', () => {
  it('an edit of name, department or scope on this instance shows on the next request', async () => {
    const cookie = await t.login('cs1');
    expect((await get(cookie, '/api/v1/auth/me')).statusCode).toBe(200);
    const res = await t.as('admin', 'PATCH', `/api/v1/users/${ids.users.cs1}`, { displayName: '张敏（西区）', scopes: [{ estateId: ids.estate, areaId: ids.west }] });
    expect(res.statusCode, res.body).toBe(200);
    const me = (await get(cookie, '/api/v1/auth/me')).json();
    expect(me.displayName ?? me.user?.displayName).toBe('张敏（西区）');
    expect(JSON.stringify(me)).toContain(String(ids.west));
    expect(JSON.stringify(me)).not.toContain(`"areaId":${ids.east}`);
  });

  it('a logout on this instance ends the session at once; one made by another instance within the TTL', async () => {
    const cookie = await t.login('desk1');
    expect((await get(cookie, '/api/v1/tickets?pageSize=1')).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie, 'content-type': 'application/json' } })).statusCode).toBe(200);
    expect((await get(cookie, '/api/v1/tickets?pageSize=1')).statusCode).toBe(401);

    // Another instance revokes in the shared database, which this process's cache does not hear of.
    const again = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'desk1', password: 'demo1234' } });
    const second = `wd_session=${again.cookies.find((c) => c.name === 'wd_session')!.value}`;
    expect((await get(second, '/api/v1/tickets?pageSize=1')).statusCode).toBe(200);
    await t.db.updateTable('sessions').set({ revoked_at: t.clock.now().toISOString() }).where('revoked_at', 'is', null).execute();
    t.clock.advance(SessionCache.TTL_MS);
    expect((await get(second, '/api/v1/tickets?pageSize=1')).statusCode).toBe(401);
  });

  it('a password change ends the other sessions of the user at once', async () => {
    const login = async () => {
      const r = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'director', password: 'demo1234' } });
      return `wd_session=${r.cookies.find((c) => c.name === 'wd_session')!.value}`;
    };
    const [phone, desk] = [await login(), await login()];
    expect((await get(phone, '/api/v1/auth/me')).statusCode).toBe(200);
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/password', headers: { cookie: desk }, payload: { oldPassword: 'demo1234', newPassword: 'Quiet-Harbor-2026' } });
    expect(res.statusCode, res.body).toBe(200);
    expect((await get(phone, '/api/v1/auth/me')).statusCode).toBe(401);
    expect((await get(desk, '/api/v1/auth/me')).statusCode).toBe(200);
  });
});
