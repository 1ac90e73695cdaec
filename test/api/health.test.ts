import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('system', () => {
  it('reports health and the database in use', async () => {
    const res = await t.as(null, 'GET', '/api/health');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', database: process.env.DATABASE_URL ? 'postgres' : 'sqlite' });
  });

  it('is ready when the database takes a write and DATA_DIR has room', async () => {
    const res = await t.as(null, 'GET', '/api/health/ready');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', database: process.env.DATABASE_URL ? 'postgres' : 'sqlite', checks: { database: 'ok', write: 'ok', disk: 'ok' } });
    const probe = await t.db.selectFrom('settings').select('value').where('key', '=', 'health.ready').executeTakeFirst();
    expect(probe?.value).toMatch(/^\d{4}-/);
  });

  it('is not ready when DATA_DIR has less free space than the floor', async () => {
    const full = await createTestApp({ demo: false, config: { minFreeDiskMb: Number.MAX_SAFE_INTEGER } });
    try {
      const res = await full.as(null, 'GET', '/api/health/ready');
      expect(res.statusCode).toBe(503);
      expect(res.json()).toMatchObject({ status: 'error', checks: { database: 'ok', write: 'ok', disk: 'error' } });
      expect((await full.as(null, 'GET', '/api/health')).statusCode).toBe(200);
    } finally {
      await full.close();
    }
  });

  it('publishes an OpenAPI 3 document covering every API route', async () => {
    const res = await t.as(null, 'GET', '/api/openapi.json');
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    const documented = new Set<string>();
    for (const [path, ops] of Object.entries<Record<string, unknown>>(doc.paths)) for (const m of Object.keys(ops)) documented.add(`${m.toUpperCase()} ${path}`);
    const routes = t.app.routeAccess.filter((r) => r.url !== '/api/openapi.json');
    expect(routes.length).toBeGreaterThan(30);
    for (const r of routes) expect(documented, `${r.method} ${r.url}`).toContain(`${r.method} ${r.url.replace(/:(\w+)/g, '{$1}')}`);
  });

  it('answers unknown API routes with a JSON 404', async () => {
    const res = await t.as(null, 'GET', '/api/v1/nope');
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('NOT_FOUND');
  });
});
