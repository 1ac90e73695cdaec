/**
 * Masked phones stay masked in search boxes: without the reveal right a phone matches only by its
 * whole number or by the four digits the mask shows, so growing a suffix digit by digit
 * ("05678", "15678", ...) learns nothing. Whole-number searches are limited per user in the
 * database (so across instances) and audited with the number masked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maskPhone, PHONE_PATTERN } from '../../src/core/mask.ts';
import { buildApp } from '../../src/server/app.ts';
import { PHONE_SEARCH_LIMIT } from '../../src/server/http/phone-search.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { demoIds } from '../helpers/fixtures.ts';

let t: TestApp;
let ids: Awaited<ReturnType<typeof demoIds>>;
let phone: string;
let idNumber: string;
beforeAll(async () => {
  t = await createTestApp();
  ids = await demoIds(t);
  const m = await t.db
    .selectFrom('household_members')
    .select(['phone', 'id_number'])
    .where('household_id', '=', ids.owner1Unit.householdId!)
    .where('phone', 'is not', null)
    .orderBy('id')
    .executeTakeFirstOrThrow();
  phone = m.phone!;
  const withId = await t.db.selectFrom('household_members').select('id_number').where('household_id', '=', ids.owner1Unit.householdId!).where('id_number', 'is not', null).executeTakeFirstOrThrow();
  idNumber = withId.id_number!;
});
afterAll(() => t.close());

type Search = (user: string, q: string) => Promise<{ status: number; unitIds: number[]; body: string }>;
const units: Search = async (user, q) => {
  const res = await t.as(user, 'GET', `/api/v1/units?q=${encodeURIComponent(q)}&pageSize=200`);
  return { status: res.statusCode, body: res.body, unitIds: res.statusCode === 200 ? res.json().items.map((u: { id: number }) => u.id) : [] };
};
const fees: Search = async (user, q) => {
  const res = await t.as(user, 'GET', `/api/v1/fees/units/search?estateId=${ids.estate}&q=${encodeURIComponent(q)}`);
  return { status: res.statusCode, body: res.body, unitIds: res.statusCode === 200 ? res.json().items.map((u: { unitId: number }) => u.unitId) : [] };
};
const households: Search = async (user, q) => {
  const res = await t.as(user, 'GET', `/api/v1/households?q=${encodeURIComponent(q)}&pageSize=200`);
  return { status: res.statusCode, body: res.body, unitIds: res.statusCode === 200 ? res.json().items.map((h: { unitId: number }) => h.unitId) : [] };
};
const phoneAudits = async (user: string) =>
  t.db.selectFrom('audit_log').selectAll().where('action', '=', 'search').where('entity', '=', 'phone').where('actor_name', '=', user).orderBy('id').execute();

describe('searching phones without the reveal right', () => {
  const cases: Array<[string, string, Search]> = [
    ['desk1', 'units', units],
    ['eng1', 'units', units],
    ['desk1', 'fees', fees],
    ['cashier1', 'fees', fees],
    ['eng1', 'households', households],
  ];
  for (const [user, where, search] of cases) {
    it(`${user} on ${where}: growing the visible suffix digit by digit finds nothing`, async () => {
      expect(phone).toMatch(/^1\d{10}$/);
      const before = (await phoneAudits(user)).length;
      const tried: string[] = [];
      const attempt = async (q: string) => {
        tried.push(q);
        const res = await search(user, q);
        expect(res.status, res.body).toBe(200);
        expect(res.unitIds, q).not.toContain(ids.owner1Unit.id);
      };
      // The attacker knows the last four (the mask shows them) and tries each digit before them;
      // even told the right digit at each step, no guess of 5–10 digits ever finds the unit.
      for (let known = 4; known < 10; known++) for (let d = 0; d <= 9; d++) await attempt(`${d}${phone.slice(-known)}`);
      expect(tried).toHaveLength(60);
      // Nor any other run of 5–10 digits of the number (its start, its middle).
      for (let len = 5; len <= 10; len++) for (let at = 0; at + len <= 11; at++) await attempt(phone.slice(at, at + len));
      // ID numbers are not searched at all: neither their middle nor the whole number finds the unit.
      await attempt(idNumber.slice(6, 14));
      await attempt(idNumber);
      // Only guesses shaped like a whole number (a landline such as 0912345678) count as
      // whole-number searches: audited, and found nothing since no phone is exactly that.
      const whole = tried.filter((q) => PHONE_PATTERN.test(q));
      expect(whole.length).toBeLessThan(5);
      expect((await phoneAudits(user)).slice(before).map((e) => e.summary)).toEqual(whole.map((q) => `按完整电话号码搜索 ${maskPhone(q)}`));
    });

    it(`${user} on ${where}: the visible four digits find the unit, unaudited`, async () => {
      const before = (await phoneAudits(user)).length;
      expect((await search(user, phone.slice(-4))).unitIds).toContain(ids.owner1Unit.id);
      expect(await phoneAudits(user)).toHaveLength(before);
    });

    it(`${user} on ${where}: the whole number finds the unit and is audited, masked`, async () => {
      const before = (await phoneAudits(user)).length;
      const res = await search(user, phone);
      expect(res.unitIds).toContain(ids.owner1Unit.id);
      expect(res.body).not.toContain(phone);
      const entries = await phoneAudits(user);
      expect(entries).toHaveLength(before + 1);
      const entry = entries.at(-1)!;
      expect(entry.summary).toContain(maskPhone(phone)!);
      expect(entry.summary).not.toContain(phone);
      expect(entry.detail ?? '').not.toContain(phone);
      expect(entry.estate_id).toBe(ids.estate);
    });
  }
});

describe('the households search', () => {
  it('finds a household by its room, as its placeholder says (房号 / 姓名 / 电话后四位)', async () => {
    for (const q of ['1-1-1201', '1201']) expect((await households('desk1', q)).unitIds, q).toContain(ids.owner1Unit.id);
  });
});

describe('searching phones with the reveal right', () => {
  it('cs1 finds by any part; the whole number is audited, the parts are not', async () => {
    for (const q of [phone.slice(-7), phone.slice(2, 9), phone.slice(0, 6)]) expect((await units('cs1', q)).unitIds, q).toContain(ids.owner1Unit.id);
    expect(await phoneAudits('cs1')).toHaveLength(0);
    expect((await units('cs1', phone)).unitIds).toContain(ids.owner1Unit.id);
    expect((await fees('director', phone.slice(1, 8))).unitIds).toContain(ids.owner1Unit.id);
    expect((await fees('director', phone)).unitIds).toContain(ids.owner1Unit.id);
    expect((await households('director', phone.slice(3, 10))).unitIds).toContain(ids.owner1Unit.id);
    expect(await phoneAudits('cs1')).toHaveLength(1);
    expect(await phoneAudits('director')).toHaveLength(1);
  });
});

describe('the whole-number search limit', () => {
  it(`answers 429 after ${PHONE_SEARCH_LIMIT.searches} whole-number searches in ${PHONE_SEARCH_LIMIT.windowMinutes} minutes, counted across instances, per user`, async () => {
    const created = await t.as('admin', 'POST', '/api/v1/users', { username: 'desk9', displayName: '前台九', role: 'front_desk', password: 'Front9-search-2026', scopes: [{ estateId: ids.estate }] });
    expect(created.statusCode, created.body).toBe(201);
    // A second instance over the same database: the count is shared, not per process.
    const other = await buildApp({ config: t.config, database: t.database, clock: t.clock });
    await other.app.ready();
    try {
      const cookie = await t.login('desk9', 'Front9-search-2026');
      const onOther = (q: string) => other.app.inject({ method: 'GET', url: `/api/v1/units?q=${encodeURIComponent(q)}`, headers: { cookie } });
      const half = Math.floor(PHONE_SEARCH_LIMIT.searches / 2);
      for (let i = 0; i < half; i++) expect((await units('desk9', phone)).status).toBe(200);
      for (let i = half; i < PHONE_SEARCH_LIMIT.searches; i++) expect((await onOther(phone)).statusCode).toBe(200);
      const refused = await units('desk9', phone);
      expect(refused.status).toBe(429);
      expect(JSON.parse(refused.body).error.code).toBe('RATE_LIMITED');
      expect((await onOther('13800000000')).statusCode).toBe(429);
      expect((await fees('desk9', phone)).status).toBe(429);
      // Refused searches are not audited as searches; the allowed ones all are.
      expect(await phoneAudits('desk9')).toHaveLength(PHONE_SEARCH_LIMIT.searches);
      // The visible four digits and names are not whole-number searches: still answered.
      expect((await units('desk9', phone.slice(-4))).unitIds).toContain(ids.owner1Unit.id);
      // Another user is not affected.
      expect((await units('desk1', phone)).status).toBe(200);
      // Once the window has passed, searching works again.
      t.clock.advance((PHONE_SEARCH_LIMIT.windowMinutes + 1) * 60_000);
      expect((await units('desk9', phone)).unitIds).toContain(ids.owner1Unit.id);
    } finally {
      await other.app.close();
    }
  });
});
