/**
 * POST /api/v1/clock/sweep: a scenario test moves the controllable clock and runs the desk sweep
 * at once, instead of waiting for the minute's scheduled run. Same access as the clock itself.
 */
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

describe('sweep through the clock API', () => {
  it('moves a ticket past its deadline and sweeps: breached and escalated once, then nothing more', async () => {
    const created = await t.as('desk1', 'POST', '/api/v1/tickets', { unitId: ids.eastUnit.id, type: 'complaint', channel: 'phone', title: '楼上噪音', description: '晚上十一点后仍有装修噪音' });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as number;

    const moved = await t.as('admin', 'POST', '/api/v1/clock', { advanceMinutes: 24 * 60 + 1 });
    expect(moved.statusCode, moved.body).toBe(200);
    const first = await t.as('admin', 'POST', '/api/v1/clock/sweep');
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().ran).toBe(true);
    expect(Date.parse(first.json().now)).toBeGreaterThanOrEqual(Date.parse(moved.json().now));
    expect(first.json().escalated).toBeGreaterThanOrEqual(1);

    const tk = (await t.as('director', 'GET', `/api/v1/tickets/${id}`)).json();
    expect(tk).toMatchObject({ agreement: 'breached', escalationLevel: 1 });
    const notices = await t.db.selectFrom('notifications').select('kind').where('ticket_id', '=', id).where('kind', '=', 'escalation').execute();
    expect(notices.length).toBeGreaterThanOrEqual(1);

    // A second sweep at the same moment changes nothing (the sweep's own rule), and says so.
    const second = await t.as('admin', 'POST', '/api/v1/clock/sweep');
    expect(second.json()).toMatchObject({ ran: true, warned: 0, escalated: 0, autoConfirmed: 0 });
    expect((await t.as('director', 'GET', `/api/v1/tickets/${id}`)).json().escalationLevel).toBe(1);

    const audit = await t.db.selectFrom('audit_log').select(['action', 'entity']).where('action', '=', 'sweep').execute();
    expect(audit).toHaveLength(2);
    await t.as('admin', 'POST', '/api/v1/clock', { reset: true });
  });

  it('runs any registered job by name; an unknown name is 404', async () => {
    const res = await t.as('admin', 'POST', '/api/v1/clock/jobs/desk-sweep');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ name: 'desk-sweep', ran: true, result: { warned: expect.any(Number) } });
    const unknown = await t.as('admin', 'POST', '/api/v1/clock/jobs/no-such-job');
    expect(unknown.statusCode).toBe(404);
    expect((await t.as('director', 'POST', '/api/v1/clock/jobs/desk-sweep')).statusCode).toBe(403);
  });

  it('is for whoever may move the clock: others 403, anonymous 401', async () => {
    expect((await t.as(null, 'POST', '/api/v1/clock/sweep')).statusCode).toBe(401);
    for (const user of ['director', 'desk1', 'owner1']) {
      const res = await t.as(user, 'POST', '/api/v1/clock/sweep');
      expect(res.statusCode, user).toBe(403);
      expect(res.json().error.code).toBe('FORBIDDEN');
    }
  });
});

describe('without CLOCK_CONTROL', () => {
  it('refuses, and sweeps nothing', async () => {
    const off = await createTestApp({ config: { clockControl: false } });
    try {
      const before = await off.db.selectFrom('job_locks').selectAll().execute();
      const res = await off.as('admin', 'POST', '/api/v1/clock/sweep');
      expect(res.statusCode).toBe(403);
      expect(res.json().error.message).toMatch(/可调时钟未开启/);
      expect(await off.db.selectFrom('job_locks').selectAll().execute()).toEqual(before);
    } finally {
      await off.close();
    }
  });
});
