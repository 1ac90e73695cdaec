/**
 * Every write route against malformed, missing, oversized, wrong-typed, unknown and
 * out-of-scope input: the right 4xx, a message naming the field, and not one row changed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, tableCounts } from '../helpers/app.ts';
import { demoIds } from '../helpers/fixtures.ts';

let t: TestApp;
let ids: Awaited<ReturnType<typeof demoIds>>;
let spare: { household: number; member: number; otherEstate: number; otherBuilding: number };

interface WriteCase {
  method: 'POST' | 'PATCH';
  route: string;
  url: () => string;
  user: string;
  valid: () => Record<string, unknown>;
  /** false when every field is optional, so {} is a valid request */
  required?: boolean;
  outOfScope?: Array<{ user: string; url?: () => string; body?: () => Record<string, unknown>; status: number }>;
}

const CASES: WriteCase[] = [
  { method: 'POST', route: '/api/v1/auth/login', url: () => '/api/v1/auth/login', user: '', valid: () => ({ username: 'desk1', password: 'demo1234' }) },
  { method: 'POST', route: '/api/v1/auth/password', url: () => '/api/v1/auth/password', user: 'assistant', valid: () => ({ oldPassword: 'demo1234', newPassword: 'Assist2026x' }) },
  { method: 'POST', route: '/api/v1/clock', url: () => '/api/v1/clock', user: 'admin', valid: () => ({ advanceMinutes: 1 }), required: false },
  { method: 'POST', route: '/api/v1/estates', url: () => '/api/v1/estates', user: 'admin', valid: () => ({ code: 'NEW1', name: '新项目', address: '某路 1 号', phone: '0755-26880000' }) },
  { method: 'PATCH', route: '/api/v1/estates/:id', url: () => `/api/v1/estates/${ids.estate}`, user: 'admin', valid: () => ({ name: '翠湖花园', notes: '备注' }), required: false },
  {
    method: 'POST', route: '/api/v1/areas', url: () => '/api/v1/areas', user: 'director', valid: () => ({ estateId: ids.estate, name: '南区', notes: '新片区' }),
    outOfScope: [{ user: 'director', body: () => ({ estateId: spare.otherEstate, name: '南区' }), status: 403 }],
  },
  { method: 'PATCH', route: '/api/v1/areas/:id', url: () => `/api/v1/areas/${ids.east}`, user: 'director', valid: () => ({ notes: '东区说明' }), required: false },
  {
    method: 'POST', route: '/api/v1/buildings', url: () => '/api/v1/buildings', user: 'cs1',
    valid: () => ({ estateId: ids.estate, areaId: ids.east, code: 'E7', name: 'E7栋', kind: 'high_rise', floors: 20, entrances: 2, builtYear: 2024, notes: '新建' }),
    outOfScope: [
      { user: 'cs1', body: () => ({ estateId: ids.estate, areaId: ids.west, code: 'W7', name: 'W7栋', kind: 'high_rise', floors: 20, entrances: 2 }), status: 403 },
      { user: 'director', body: () => ({ estateId: spare.otherEstate, code: 'Z1', name: 'Z1栋', kind: 'high_rise', floors: 20, entrances: 2 }), status: 403 },
    ],
  },
  {
    method: 'PATCH', route: '/api/v1/buildings/:id', url: () => `/api/v1/buildings/${ids.eastUnit.buildingId}`, user: 'cs1', valid: () => ({ notes: '外墙翻新' }), required: false,
    outOfScope: [{ user: 'cs1', url: () => `/api/v1/buildings/${ids.westUnit.buildingId}`, body: () => ({ notes: 'x' }), status: 404 }],
  },
  {
    method: 'POST', route: '/api/v1/units', url: () => '/api/v1/units', user: 'cs1',
    valid: () => ({ buildingId: ids.eastUnit.buildingId, entrance: '1', floor: 2, number: '299', buildingArea: 66.6, usage: 'residential', status: 'vacant', structure: '剪力墙结构', qualityNotes: '无', deliveredOn: '2016-06-30' }),
    outOfScope: [
      { user: 'cs1', body: () => ({ buildingId: ids.westUnit.buildingId, floor: 2, number: '299', buildingArea: 66.6 }), status: 404 },
      { user: 'director', body: () => ({ buildingId: spare.otherBuilding, floor: 2, number: '299', buildingArea: 66.6 }), status: 404 },
    ],
  },
  {
    method: 'PATCH', route: '/api/v1/units/:id', url: () => `/api/v1/units/${ids.eastUnit.id}`, user: 'cs1', valid: () => ({ status: 'occupied', qualityNotes: '厨房吊顶已修复' }), required: false,
    outOfScope: [{ user: 'cs1', url: () => `/api/v1/units/${ids.westUnit.id}`, body: () => ({ status: 'vacant' }), status: 404 }],
  },
  {
    method: 'POST', route: '/api/v1/facilities', url: () => '/api/v1/facilities', user: 'director', valid: () => ({ estateId: ids.estate, kind: 'other', name: '垃圾分类站', location: '北门', notes: '' }),
    outOfScope: [{ user: 'director', body: () => ({ estateId: spare.otherEstate, kind: 'other', name: 'x' }), status: 403 }],
  },
  { method: 'PATCH', route: '/api/v1/facilities/:id', url: () => `/api/v1/facilities/${ids.facility}`, user: 'director', valid: () => ({ location: '中心湖畔东侧' }), required: false },
  {
    method: 'POST', route: '/api/v1/households', url: () => '/api/v1/households', user: 'cs1',
    valid: () => ({ unitId: spare.household, name: '测试家', movedInOn: '2026-11-01', members: [{ name: '测试', relation: 'head', phone: '13700002222' }] }),
    outOfScope: [{ user: 'cs1', body: () => ({ unitId: ids.westUnit.id, name: 'x', members: [{ name: 'x', relation: 'head' }] }), status: 404 }],
  },
  {
    method: 'PATCH', route: '/api/v1/households/:id', url: () => `/api/v1/households/${ids.eastUnit.householdId}`, user: 'cs1', valid: () => ({ notes: '重点巡访' }), required: false,
    outOfScope: [{ user: 'cs1', url: () => `/api/v1/households/${ids.westUnit.householdId}`, body: () => ({ notes: 'x' }), status: 404 }],
  },
  {
    method: 'POST', route: '/api/v1/households/:id/move-out', url: () => `/api/v1/households/${ids.eastUnit.householdId}`.replace(/$/, '/move-out'), user: 'cs1', valid: () => ({ movedOutOn: '2026-11-26', reason: '搬家' }),
    outOfScope: [{ user: 'cs1', url: () => `/api/v1/households/${ids.westUnit.householdId}/move-out`, body: () => ({ movedOutOn: '2026-11-26' }), status: 404 }],
  },
  {
    method: 'POST', route: '/api/v1/households/:id/members', url: () => `/api/v1/households/${ids.owner1Unit.householdId}/members`, user: 'cs1',
    valid: () => ({ name: '陈小宝', relation: 'grandchild', gender: 'M', birthYear: 2020, careFlags: ['child'], hobbies: '积木' }),
    outOfScope: [{ user: 'cs1', url: () => `/api/v1/households/${ids.westUnit.householdId}/members`, body: () => ({ name: 'x', relation: 'other' }), status: 404 }],
  },
  {
    method: 'PATCH', route: '/api/v1/members/:id', url: () => `/api/v1/members/${ids.owner1Unit.member}`, user: 'cs1', valid: () => ({ hobbies: '太极拳', employer: '退休' }), required: false,
    outOfScope: [{ user: 'cs1', url: () => `/api/v1/members/${ids.westUnit.member}`, body: () => ({ hobbies: 'x' }), status: 404 }],
  },
  {
    method: 'POST', route: '/api/v1/members/:id/move-out', url: () => `/api/v1/members/${spare.member}/move-out`, user: 'cs1', valid: () => ({ movedOutOn: '2026-11-26' }),
    outOfScope: [{ user: 'cs1', url: () => `/api/v1/members/${ids.westUnit.member}/move-out`, body: () => ({ movedOutOn: '2026-11-26' }), status: 404 }],
  },
  {
    method: 'POST', route: '/api/v1/units/:id/ownership-transfer', url: () => `/api/v1/units/${ids.eastUnit.id}/ownership-transfer`, user: 'cs1',
    valid: () => ({ date: '2026-11-26', how: 'transfer', reason: '过户', owners: [{ ownerName: '新业主', phone: '13500001111', sharePercent: 100, certificateNo: '粤(2026)第1号' }] }),
    outOfScope: [{ user: 'cs1', url: () => `/api/v1/units/${ids.westUnit.id}/ownership-transfer`, body: () => ({ date: '2026-11-26', how: 'transfer', owners: [{ ownerName: 'x', sharePercent: 100 }] }), status: 404 }],
  },
  {
    method: 'PATCH', route: '/api/v1/ownerships/:id', url: () => `/api/v1/ownerships/${ids.owner1Unit.ownership}`, user: 'cs1', valid: () => ({ certificateNo: '粤(2016)深圳市不动产权第0000001号' }), required: false,
    outOfScope: [{ user: 'cs1', url: () => `/api/v1/ownerships/${ids.westUnit.ownership}`, body: () => ({ notes: 'x' }), status: 404 }],
  },
  {
    method: 'POST', route: '/api/v1/tenancies', url: () => '/api/v1/tenancies', user: 'cs1',
    valid: () => ({ unitId: ids.eastUnit.id, tenantName: '租客甲', phone: '13600003333', startOn: '2026-12-01', endOn: '2027-11-30', monthlyRent: 420000, deposit: 840000, agent: '中原地产' }),
    outOfScope: [{ user: 'cs1', body: () => ({ unitId: ids.westUnit.id, tenantName: 'x', startOn: '2026-12-01', endOn: '2027-11-30', monthlyRent: 1 }), status: 404 }],
  },
  {
    method: 'POST', route: '/api/v1/tenancies/:id/terminate', url: () => `/api/v1/tenancies/${ids.westRented.tenancy}/terminate`, user: 'cs2', valid: () => ({ terminatedOn: '2026-11-26', reason: '到期' }),
    outOfScope: [{ user: 'cs1', body: () => ({ terminatedOn: '2026-11-26' }), status: 404 }],
  },
  {
    method: 'POST', route: '/api/v1/reveal', url: () => '/api/v1/reveal', user: 'cs1', valid: () => ({ kind: 'member', id: ids.owner1Unit.member, field: 'phone' }),
    outOfScope: [{ user: 'cs1', body: () => ({ kind: 'member', id: ids.westUnit.member, field: 'phone' }), status: 404 }],
  },
  {
    method: 'POST', route: '/api/v1/users', url: () => '/api/v1/users', user: 'admin',
    valid: () => ({ username: 'cs3', displayName: '新管理员', role: 'cs_admin', password: 'Welcome2026', phone: '13900004444', department: '客服中心', scopes: [{ estateId: ids.estate, areaId: ids.east }] }),
  },
  { method: 'PATCH', route: '/api/v1/users/:id', url: () => `/api/v1/users/${ids.users.cs2}`, user: 'admin', valid: () => ({ displayName: '刘洋', department: '客服中心' }), required: false },
  { method: 'POST', route: '/api/v1/users/:id/password', url: () => `/api/v1/users/${ids.users.eng1}/password`, user: 'admin', valid: () => ({ password: 'Reset2026pw' }) },
];

/** Write routes covered elsewhere, with the reason. */
const ELSEWHERE: Record<string, string> = {
  'POST /api/v1/auth/logout': 'takes no body (test/api/auth.test.ts)',
  'POST /api/v1/imports': 'multipart upload (test/api/imports.test.ts)',
};

beforeAll(async () => {
  t = await createTestApp();
  ids = await demoIds(t);
  const other = (await t.as('admin', 'POST', '/api/v1/estates', { code: 'OTHER', name: '锦绣园' })).json().id;
  const otherBuilding = (await t.as('admin', 'POST', '/api/v1/buildings', { estateId: other, code: 'A', name: 'A栋', kind: 'multi_storey', floors: 6, entrances: 1 })).json().id;
  const vacant = await t.db
    .selectFrom('units as u')
    .innerJoin('buildings as b', 'b.id', 'u.building_id')
    .leftJoin('households as h', (j) => j.onRef('h.unit_id', '=', 'u.id').on('h.moved_out_on', 'is', null))
    .select('u.id')
    .where('b.area_id', '=', ids.east)
    .where('h.id', 'is', null)
    .orderBy('u.id')
    .executeTakeFirstOrThrow();
  const member = (await t.as('cs1', 'POST', `/api/v1/households/${ids.owner1Unit.householdId}/members`, { name: '临时成员', relation: 'other' })).json().id;
  spare = { household: vacant.id, member, otherEstate: other, otherBuilding };
});
afterAll(() => t.close());

async function snapshot() {
  const audit = await t.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return { ...(await tableCounts(t.db)), audit: Number(audit.n) };
}

async function send(c: WriteCase, user: string, url: string, payload: string | Record<string, unknown>, headers: Record<string, string> = {}) {
  const cookie = user ? await t.login(user) : undefined;
  return t.app.inject({
    method: c.method,
    url,
    payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}), ...headers },
  });
}

describe('every write route is covered', () => {
  it('the table lists every POST/PATCH route of the app', () => {
    const writes = t.app.routeAccess.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.url}`);
    const covered = new Set([...CASES.map((c) => `${c.method} ${c.route}`), ...Object.keys(ELSEWHERE)]);
    expect(writes.filter((w) => !covered.has(w))).toEqual([]);
  });
});

describe.each(CASES)('$method $route', (c) => {
  it('rejects bad input with a 4xx that names the field, and changes nothing', async () => {
    // signing in writes an audit entry: do it before the snapshot
    for (const user of [c.user, ...(c.outOfScope ?? []).map((o) => o.user)]) if (user) await t.login(user);
    const before = await snapshot();
    const valid = c.valid();
    const check = async (payload: string | Record<string, unknown>, status: number, field?: string, headers?: Record<string, string>) => {
      const res = await send(c, c.user, c.url(), payload, headers);
      const label = `${JSON.stringify(payload).slice(0, 80)} → ${res.statusCode} ${res.body.slice(0, 200)}`;
      expect(res.statusCode, label).toBe(status);
      const body = res.json();
      expect(typeof body.error.message, label).toBe('string');
      if (field) expect(Object.keys(body.error.fields ?? {}).some((k) => k === field || k.startsWith(`${field}.`)), label).toBe(true);
    };

    await check('{"broken json', 400);
    await check('[]', 400);
    if (c.required !== false) await check({}, 400);
    for (const [key, value] of Object.entries(valid)) {
      await check({ ...valid, [key]: { wrong: 'type' } }, 400, key);
      if (typeof value === 'string') await check({ ...valid, [key]: 'x'.repeat(5000) }, 400, key);
      if (typeof value === 'number') await check({ ...valid, [key]: -1e12 }, 400, key);
    }
    await check({ ...valid, unexpectedField: 1 }, 400, 'unexpectedField');
    await check(JSON.stringify({ ...valid, padding: 'x'.repeat(1_100_000) }), 413);
    for (const o of c.outOfScope ?? []) {
      const res = await send(c, o.user, o.url?.() ?? c.url(), o.body?.() ?? valid);
      expect(res.statusCode, `${o.user} out of scope → ${res.body}`).toBe(o.status);
    }
    expect(await snapshot()).toEqual(before);

    // and the valid request itself is accepted, so the failures above were about the input
    const ok = await send(c, c.user, c.url(), valid);
    expect(ok.statusCode, ok.body).toBeLessThan(300);
  });
});
