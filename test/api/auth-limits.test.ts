/** Sign-in limits: counted before the check, per user+address, per user, per address; sliding windows. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';

let t: TestApp;
beforeAll(async () => {
  // The defaults: 5 per user+address, 20 per user, 30 per address, 15 minutes.
  t = await createTestApp();
});
afterAll(() => t.close());

const login = (username: string, password: string, ip: string, lang?: string) =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password }, remoteAddress: ip, headers: lang ? { 'accept-language': lang } : {} });
const cookieOf = (res: Awaited<ReturnType<typeof login>>) => `wd_session=${res.cookies.find((c) => c.name === 'wd_session')!.value}`;
const changePassword = (cookie: string, oldPassword: string, newPassword: string, ip: string) =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/password', payload: { oldPassword, newPassword }, headers: { cookie }, remoteAddress: ip });
const statuses = (list: Array<{ statusCode: number }>) => list.map((r) => r.statusCode);

describe('parallel guesses', () => {
  it('checks at most 5 of 60 guesses sent at once for one user from one address; the right password among them gets no session past the limit', async () => {
    const guesses = Array.from({ length: 60 }, (_, i) => (i === 30 ? 'demo1234' : `wrong-${i}`));
    const res = await Promise.all(guesses.map((p) => login('assistant', p, '10.50.0.1')));
    const codes = statuses(res);
    const checked = codes.filter((c) => c !== 429);
    expect(checked.length).toBeLessThanOrEqual(5);
    expect(codes.filter((c) => c === 429).length).toBeGreaterThanOrEqual(55);
    expect(codes.every((c) => c === 200 || c === 401 || c === 429)).toBe(true);
    const rows = await t.db.selectFrom('login_attempts').select(['success', 'refused']).where('username', '=', 'assistant').where('ip', '=', '10.50.0.1').execute();
    expect(rows).toHaveLength(60);
    expect(rows.filter((r) => r.refused === 0).length).toBe(checked.length);
  });

  it('checks at most 20 of 60 guesses sent at once for one user from 60 addresses', async () => {
    const res = await Promise.all(Array.from({ length: 60 }, (_, i) => login('director', `wrong-${i}`, `10.51.0.${i + 1}`)));
    const codes = statuses(res);
    expect(codes.filter((c) => c === 401).length).toBeLessThanOrEqual(20);
    expect(codes.filter((c) => c === 429).length).toBeGreaterThanOrEqual(40);
  });
});

describe('per address', () => {
  it('a success from the address does not reset its failures (sliding window)', async () => {
    const ip = '10.52.0.1';
    // 29 wrong guesses at different accounts, his own sign-in in between, then the 30th guess
    for (let i = 0; i < 15; i++) expect((await login(`victim${i}`, 'wrong-password', ip)).statusCode).toBe(401);
    expect((await login('cs1', 'demo1234', ip)).statusCode).toBe(200);
    for (let i = 15; i < 30; i++) expect((await login(`victim${i}`, 'wrong-password', ip)).statusCode).toBe(401);
    expect((await login('cs1', 'demo1234', ip)).statusCode).toBe(429);
    expect((await login('cs1', 'demo1234', '10.52.0.2')).statusCode).toBe(200);
  });
});

describe('lockout per user and address, then per user', () => {
  it('5 failures lock that address out for that user only; 429 says when to come back in Chinese or English', async () => {
    for (let i = 0; i < 5; i++) expect((await login('desk1', 'wrong-password', '10.53.0.1')).statusCode).toBe(401);
    const zh = await login('desk1', 'demo1234', '10.53.0.1');
    expect(zh.statusCode).toBe(429);
    expect(zh.json().error.code).toBe('RATE_LIMITED');
    expect(zh.json().error.message).toContain('分钟后再试');
    const retry = Number(zh.headers['retry-after']);
    expect(retry).toBeGreaterThan(0);
    expect(retry).toBeLessThanOrEqual(15 * 60);
    const en = await login('desk1', 'demo1234', '10.53.0.1', 'en-US');
    expect(en.json().error.message).toMatch(/Too many failed sign-ins; sign-in is locked for \d+ minutes/);
    // the colleague at another desk still signs in
    expect((await login('desk1', 'demo1234', '10.53.0.2')).statusCode).toBe(200);
    // once 10 minutes have passed, the wait left is at most 5 minutes
    t.clock.advance(10 * 60_000);
    const later = await login('desk1', 'demo1234', '10.53.0.1');
    expect(later.statusCode).toBe(429);
    expect(Number(later.headers['retry-after'])).toBeLessThanOrEqual(5 * 60);
    t.clock.advance(6 * 60_000);
    expect((await login('desk1', 'demo1234', '10.53.0.1')).statusCode).toBe(200);
  });

  it('20 failures from several addresses lock the user out everywhere until the window passes', async () => {
    for (let a = 1; a <= 4; a++) for (let i = 0; i < 5; i++) expect((await login('cashier1', 'wrong-password', `10.54.0.${a}`)).statusCode).toBe(401);
    const res = await login('cashier1', 'demo1234', '10.54.0.9');
    expect(res.statusCode).toBe(429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    t.clock.advance(16 * 60_000);
    expect((await login('cashier1', 'demo1234', '10.54.0.9')).statusCode).toBe(200);
  });
});

describe('own password change', () => {
  it('counts wrong old passwords like failed sign-ins', async () => {
    const ip = '10.55.0.1';
    const cookie = cookieOf(await login('cs2', 'demo1234', ip));
    for (let i = 0; i < 3; i++) expect((await login('cs2', 'wrong-password', ip)).statusCode).toBe(401);
    for (let i = 0; i < 2; i++) {
      const wrong = await changePassword(cookie, 'wrong-password', 'Westside2026', ip);
      expect(wrong.statusCode).toBe(400);
      expect(Object.keys(wrong.json().error.fields)).toEqual(['oldPassword']);
    }
    const limited = await changePassword(cookie, 'demo1234', 'Westside2026', ip);
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect((await login('cs2', 'demo1234', ip)).statusCode).toBe(429);
    const rows = await t.db.selectFrom('login_attempts').select('kind').where('username', '=', 'cs2').where('ip', '=', ip).where('refused', '=', 0).execute();
    expect(rows.filter((r) => r.kind === 'password')).toHaveLength(2);
  });

  it('ends the other sessions and keeps the current one; refuses a weak, common or unchanged new password', async () => {
    const ip = '10.56.0.1';
    const here = cookieOf(await login('eng1', 'demo1234', ip));
    const there = cookieOf(await login('eng1', 'demo1234', '10.56.0.2'));
    const common = await changePassword(here, 'demo1234', 'Password123', ip);
    expect(common.statusCode).toBe(400);
    expect(common.json().error.fields.newPassword).toBe('这个密码太常见，容易被猜中，请换一个');
    expect((await changePassword(here, 'demo1234', 'Eng2026', ip)).json().error.fields.newPassword).toContain('10 位');
    expect((await changePassword(here, 'demo1234', 'Eng1pass2026', ip)).json().error.fields.newPassword).toBe('密码不能包含用户名');
    const ok = await changePassword(here, 'demo1234', 'Pipes2026ok', ip);
    expect(ok.statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: here } })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: there } })).statusCode).toBe(401);
    const same = await changePassword(here, 'Pipes2026ok', 'Pipes2026ok', ip);
    expect(same.json().error.fields.newPassword).toBe('新密码不能与旧密码相同');
  });
});
