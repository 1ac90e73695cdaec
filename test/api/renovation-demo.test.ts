/** The full demo (with the histories) seeds three renovations in different states and a report. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDate } from '../../src/core/clock.ts';
import { seedDemo } from '../../src/server/demo/seed.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ demo: false });
  await seedDemo(t.services, localDate(t.clock.now()), { clock: t.clock, db: t.db });
}, 300_000);
afterAll(() => t.close());

describe('renovation demo', () => {
  it('has an application to approve, works under way with a notice, and a closed one', async () => {
    const list = (await t.as('assistant', 'GET', '/api/v1/renovations')).json();
    expect(list.items.map((r: { status: string }) => r.status).sort()).toEqual(['closed', 'in_progress', 'submitted']);
    const violations = (await t.as('assistant', 'GET', '/api/v1/renovation-violations')).json();
    expect(violations.items.map((v: { status: string }) => v.status).sort()).toEqual(['notice_issued', 'rectified_on_site']);
    expect((await t.as('assistant', 'GET', '/api/v1/renovation-reports')).json().items).toHaveLength(1);
  });
});
