import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ config: { login: { maxFailuresPerUserIp: 3, maxFailuresPerUser: 3, maxFailuresPerIp: 6, windowMinutes: 15 } } });
});
afterAll(() => t.close());

const login = (username: string, password: string, ip = '10.0.0.1') =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password }, remoteAddress: ip });

describe('login', () => {
  it('sets an httpOnly SameSite session cookie and returns the user, role and scope', async () => {
    const res = await login('cs1', 'demo1234');
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'wd_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    expect(cookie.path).toBe('/');
    const body = res.json();
    expect(body.user).toMatchObject({ username: 'cs1', role: 'cs_admin' });
    expect(body.roles).toEqual(['cs_admin']);
    expect(body.estates).toHaveLength(1);
    expect(body.estates[0].whole).toBe(false);
    expect(body.estates[0].areas.map((a: { name: string }) => a.name)).toEqual(['东区']);

    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: `wd_session=${cookie.value}` } });
    expect(me.statusCode).toBe(200);
    expect(me.json().user.username).toBe('cs1');
  });

  it('answers a wrong password or unknown user with the same 401', async () => {
    const a = await login('cs2', 'wrong-password', '10.0.0.2');
    const b = await login('no-such-user', 'demo1234', '10.0.0.2');
    expect(a.statusCode).toBe(401);
    expect(b.statusCode).toBe(401);
    expect(a.json()).toEqual(b.json());
    expect(a.json().error.message).toBe('用户名或密码错误');
  });

  it('speaks English when asked', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'x', password: 'y' }, headers: { 'accept-language': 'en-US,en;q=0.9' } });
    expect(res.json().error.message).toBe('Wrong username or password');
  });

  it('refuses a forged or tampered cookie', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: 'wd_session=abc.def' } });
    expect(res.statusCode).toBe(401);
  });

  it('rate-limits repeated failures for one user with 429, even with the right password', async () => {
    for (let i = 0; i < 3; i++) expect((await login('assistant', 'bad', `10.1.0.${i}`)).statusCode).toBe(401);
    const blocked = await login('assistant', 'demo1234', '10.1.0.9');
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error.code).toBe('RATE_LIMITED');
    // the window passes
    t.clock.advance(16 * 60_000);
    expect((await login('assistant', 'demo1234', '10.1.0.9')).statusCode).toBe(200);
  });

  it('rate-limits repeated failures from one address across users', async () => {
    for (let i = 0; i < 6; i++) await login(`guess${i}`, 'bad', '10.9.9.9');
    expect((await login('cashier1', 'demo1234', '10.9.9.9')).statusCode).toBe(429);
    expect((await login('cashier1', 'demo1234', '10.9.9.8')).statusCode).toBe(200);
  });
});

describe('sessions', () => {
  it('logout revokes the session on the server', async () => {
    const res = await login('eng1', 'demo1234', '10.2.0.1');
    const cookie = `wd_session=${res.cookies.find((c) => c.name === 'wd_session')!.value}`;
    const out = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie, 'content-type': 'application/json' } });
    expect(out.statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } })).statusCode).toBe(401);
  });

  it('a session expires after its lifetime', async () => {
    const res = await login('desk1', 'demo1234', '10.2.0.2');
    const cookie = `wd_session=${res.cookies.find((c) => c.name === 'wd_session')!.value}`;
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } })).statusCode).toBe(200);
    t.clock.advance((t.config.sessionHours + 1) * 3_600_000);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } })).statusCode).toBe(401);
  });

  it('a deactivated user is signed out at once and cannot sign in', async () => {
    const res = await login('cs2', 'demo1234', '10.2.0.3');
    const cookie = `wd_session=${res.cookies.find((c) => c.name === 'wd_session')!.value}`;
    const id = (await t.db.selectFrom('users').select('id').where('username', '=', 'cs2').executeTakeFirstOrThrow()).id;
    const admin = await login('admin', 'demo1234', '10.2.0.4');
    const adminCookie = `wd_session=${admin.cookies.find((c) => c.name === 'wd_session')!.value}`;
    const off = await t.app.inject({ method: 'PATCH', url: `/api/v1/users/${id}`, payload: { active: false }, headers: { cookie: adminCookie } });
    expect(off.statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } })).statusCode).toBe(401);
    expect((await login('cs2', 'demo1234', '10.2.0.3')).statusCode).toBe(401);
  });

  it('a user changes his own password with the old one', async () => {
    const res = await login('director', 'demo1234', '10.3.0.1');
    const cookie = `wd_session=${res.cookies.find((c) => c.name === 'wd_session')!.value}`;
    const weak = await t.app.inject({ method: 'POST', url: '/api/v1/auth/password', payload: { oldPassword: 'demo1234', newPassword: 'short' }, headers: { cookie } });
    expect(weak.statusCode).toBe(400);
    expect(Object.keys(weak.json().error.fields)).toEqual(['newPassword']);
    const wrongOld = await t.app.inject({ method: 'POST', url: '/api/v1/auth/password', payload: { oldPassword: 'nope', newPassword: 'NewPass2026' }, headers: { cookie } });
    expect(wrongOld.statusCode).toBe(400);
    const ok = await t.app.inject({ method: 'POST', url: '/api/v1/auth/password', payload: { oldPassword: 'demo1234', newPassword: 'NewPass2026' }, headers: { cookie } });
    expect(ok.statusCode).toBe(200);
    expect((await login('director', 'NewPass2026', '10.3.0.1')).statusCode).toBe(200);
  });
});
