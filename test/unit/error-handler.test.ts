/**
 * The error edge: a database that cannot be reached answers 503 UNAVAILABLE with Retry-After
 * (a retry may well succeed), anything else unexpected 500; the log of a unique violation names
 * the constraint, never the row's values (pg's detail).
 */
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable, loggableError, registerErrorHandling } from '../../src/server/http/error-handler.ts';

const pgError = (code: string, message: string, extra: Record<string, unknown> = {}) => Object.assign(new Error(message), { severity: 'FATAL', code, ...extra });
const sysError = (code: string) => Object.assign(new Error(`connect ${code} 127.0.0.1:5432`), { code, errno: -111, syscall: 'connect' });
const uniqueViolation = () =>
  pgError('23505', 'duplicate key value violates unique constraint "users_phone_key"', { severity: 'ERROR', detail: 'Key (phone)=(13800138000) already exists.', constraint: 'users_phone_key', table: 'users' });

describe('isDatabaseUnavailable', () => {
  it('knows the connection class of errors', () => {
    for (const e of [
      pgError('57P01', 'terminating connection due to administrator command'),
      pgError('57P02', 'terminating connection due to crash of another server process'),
      pgError('57P03', 'the database system is starting up'),
      pgError('08006', 'connection failure'),
      pgError('08001', 'could not connect'),
      sysError('ECONNREFUSED'),
      sysError('ECONNRESET'),
      sysError('ETIMEDOUT'),
      new Error('Connection terminated unexpectedly'),
      new Error('Connection terminated due to connection timeout'),
      new Error('timeout exceeded when trying to connect'),
      Object.assign(new AggregateError([sysError('ECONNREFUSED'), sysError('ECONNREFUSED')]), { message: '' }),
      Object.assign(new Error('query failed'), { cause: sysError('ECONNRESET') }),
    ]) expect(isDatabaseUnavailable(e), String((e as Error).message)).toBe(true);
  });

  it('leaves every other error a 500', () => {
    for (const e of [uniqueViolation(), pgError('42P01', 'relation "x" does not exist'), pgError('57014', 'canceling statement due to statement timeout'), new TypeError('x is undefined'), new Error('SQLITE_BUSY: database is locked'), null, 'ECONNREFUSED', 42])
      expect(isDatabaseUnavailable(e)).toBe(false);
  });
});

describe('loggableError', () => {
  it('keeps a unique violation to code, constraint and table', () => {
    expect(loggableError(uniqueViolation())).toEqual({ type: 'DatabaseError', code: '23505', constraint: 'users_phone_key', table: 'users' });
    const sqlite = Object.assign(new Error('UNIQUE constraint failed: users.phone'), { code: 'SQLITE_CONSTRAINT_UNIQUE' });
    expect(loggableError(sqlite)).toEqual({ type: 'DatabaseError', code: 'SQLITE_CONSTRAINT_UNIQUE', constraint: undefined, table: undefined });
  });
});

describe('the error handler', () => {
  async function appThrowing(err: unknown) {
    const lines: string[] = [];
    const app = Fastify({ logger: { level: 'info', stream: { write: (l: string) => void lines.push(l) } } });
    registerErrorHandling(app, { enabled: false });
    app.get('/x', async () => {
      throw err;
    });
    const res = await app.inject({ method: 'GET', url: '/x', headers: { 'accept-language': 'en-US' } });
    await app.close();
    return { res, log: lines.join('') };
  }

  it('answers 503 UNAVAILABLE with Retry-After while the database is down, in both languages', async () => {
    const { res } = await appThrowing(pgError('57P01', 'terminating connection due to administrator command'));
    expect(res.statusCode).toBe(503);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(res.json()).toEqual({ error: { code: 'UNAVAILABLE', message: 'The database cannot be reached right now; please try again shortly' } });
    const app = Fastify();
    registerErrorHandling(app, { enabled: false });
    app.get('/x', async () => {
      throw sysError('ECONNREFUSED');
    });
    const zh = await app.inject({ method: 'GET', url: '/x', headers: { 'accept-language': 'zh-CN' } });
    expect(zh.statusCode).toBe(503);
    expect(zh.json().error).toEqual({ code: 'UNAVAILABLE', message: '数据库暂时无法连接，请稍后再试' });
  });

  it('answers a unique violation 500 and logs its constraint, not the values', async () => {
    const { res, log } = await appThrowing(uniqueViolation());
    expect(res.statusCode).toBe(500);
    expect(res.json().error.code).toBe('INTERNAL');
    expect(log).toContain('users_phone_key');
    expect(log).toContain('23505');
    expect(log).not.toContain('13800138000');
  });
});
