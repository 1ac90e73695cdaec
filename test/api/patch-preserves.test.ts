/**
 * A PATCH changes the fields it names and nothing else. zod 4 fills a `.default()` even inside
 * `.partial()`, so an update schema built from a create schema with defaults used to reset those
 * fields (a unit back to residential and vacant, a member's head/owner/care flags cleared, a
 * user's scopes emptied by the activate toggle). Every PATCH route of the app is walked: its body
 * schema carries no default, and one-field updates of a real demo record leave every other
 * column (and the rows hanging off it) as they were. A new PATCH route fails this file until it
 * has a case below.
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

/** Columns a write is expected to move besides the field itself. */
const BOOKKEEPING = new Set(['updated_at']);

type Row = Record<string, unknown>;
interface Case {
  /** The demo record (its key value), chosen so its defaulted fields hold non-default values. */
  record: () => Promise<number>;
  user: string;
  url: (key: number) => string;
  table: string;
  key: string;
  /** Set first through the API, where the demo holds a field's default value already. */
  prepare?: Row;
  /** One-field bodies, each with the column it must change and that column's new value. */
  edits: Array<{ body: Row; column: string; value: unknown }>;
  /** Rows kept in other tables that the update must not touch either. */
  related?: (key: number) => Promise<unknown>;
}

const one = async (table: string, where: (qb: any) => any) => ((await where(t.db.selectFrom(table as any).select('id' as any)).orderBy('id').executeTakeFirstOrThrow()) as { id: number }).id;
const userId = (name: string) => async () => ids.users[name]!;
const userRelated = async (id: number) => ({
  scopes: await t.db.selectFrom('user_scopes').select(['estate_id', 'area_id']).where('user_id', '=', id).orderBy('estate_id').orderBy('area_id').execute(),
  units: await t.db.selectFrom('owner_units').select(['estate_id', 'unit_id']).where('user_id', '=', id).orderBy('unit_id').execute(),
});

const CASES: Record<string, Case[]> = {
  'PATCH /api/v1/estates/:id': [
    {
      record: async () => ids.estate,
      user: 'admin',
      url: (id) => `/api/v1/estates/${id}`,
      table: 'estates',
      key: 'id',
      prepare: { timeZone: 'Asia/Urumqi' },
      edits: [
        { body: { name: '翠湖花园（改）' }, column: 'name', value: '翠湖花园（改）' },
        { body: { notes: '补充说明' }, column: 'notes', value: '补充说明' },
      ],
    },
  ],
  'PATCH /api/v1/areas/:id': [
    {
      record: async () => ids.east,
      user: 'director',
      url: (id) => `/api/v1/areas/${id}`,
      table: 'areas',
      key: 'id',
      edits: [{ body: { notes: '东区说明' }, column: 'notes', value: '东区说明' }],
    },
  ],
  'PATCH /api/v1/buildings/:id': [
    {
      record: async () => ids.eastUnit.buildingId,
      user: 'director',
      url: (id) => `/api/v1/buildings/${id}`,
      table: 'buildings',
      key: 'id',
      edits: [
        { body: { notes: '外墙翻新' }, column: 'notes', value: '外墙翻新' },
        { body: { name: '二号楼' }, column: 'name', value: '二号楼' },
      ],
    },
  ],
  'PATCH /api/v1/units/:id': [
    {
      // A rented shop: both defaulted fields (usage residential, status vacant) differ.
      record: () => one('units', (q) => q.where('usage', '=', 'commercial').where('status', '=', 'rented').where('structure', 'is not', null)),
      user: 'director',
      url: (id) => `/api/v1/units/${id}`,
      table: 'units',
      key: 'id',
      edits: [
        { body: { qualityNotes: '墙面轻微渗水' }, column: 'quality_notes', value: '墙面轻微渗水' },
        { body: { structure: '框架（改）' }, column: 'structure', value: '框架（改）' },
      ],
    },
  ],
  'PATCH /api/v1/facilities/:id': [
    {
      record: async () => ids.facility,
      user: 'director',
      url: (id) => `/api/v1/facilities/${id}`,
      table: 'facilities',
      key: 'id',
      edits: [{ body: { location: '地下一层' }, column: 'location', value: '地下一层' }],
    },
  ],
  'PATCH /api/v1/households/:id': [
    {
      record: async () => ids.eastUnit.householdId!,
      user: 'director',
      url: (id) => `/api/v1/households/${id}`,
      table: 'households',
      key: 'id',
      edits: [{ body: { notes: '常住三人' }, column: 'notes', value: '常住三人' }],
    },
  ],
  'PATCH /api/v1/members/:id': [
    {
      // A head of household who owns the unit and needs care: every defaulted field is set.
      record: () => one('household_members', (q) => q.where('is_head', '=', 1).where('is_owner', '=', 1).where('care_flags', '<>', '').where('moved_out_on', 'is', null)),
      user: 'director',
      url: (id) => `/api/v1/members/${id}`,
      table: 'household_members',
      key: 'id',
      edits: [
        { body: { occupation: '教师' }, column: 'occupation', value: '教师' },
        { body: { hobbies: '书法' }, column: 'hobbies', value: '书法' },
      ],
    },
  ],
  'PATCH /api/v1/ownerships/:id': [
    {
      record: async () => ids.eastUnit.ownership,
      user: 'director',
      url: (id) => `/api/v1/ownerships/${id}`,
      table: 'ownerships',
      key: 'id',
      edits: [{ body: { certificateNo: '粤(2026)深圳市不动产权第0000001号' }, column: 'certificate_no', value: '粤(2026)深圳市不动产权第0000001号' }],
    },
  ],
  'PATCH /api/v1/users/:id': [
    {
      // The users page's activate toggle sends only `active`.
      record: userId('cs1'),
      user: 'admin',
      url: (id) => `/api/v1/users/${id}`,
      table: 'users',
      key: 'id',
      edits: [
        { body: { active: false }, column: 'active', value: 0 },
        { body: { active: true }, column: 'active', value: 1 },
        { body: { displayName: '张敏' }, column: 'display_name', value: '张敏' },
      ],
      related: userRelated,
    },
    {
      record: userId('owner1'),
      user: 'admin',
      url: (id) => `/api/v1/users/${id}`,
      table: 'users',
      key: 'id',
      edits: [{ body: { active: false }, column: 'active', value: 0 }],
      related: userRelated,
    },
  ],
  'PATCH /api/v1/desk/categories/:id': [
    {
      record: () => one('ticket_categories', (q) => q.where('estate_id', '=', ids.estate)),
      user: 'director',
      url: (id) => `/api/v1/desk/categories/${id}`,
      table: 'ticket_categories',
      key: 'id',
      edits: [{ body: { visitPolicy: 'always' }, column: 'visit_policy', value: 'always' }],
    },
  ],
  'PATCH /api/v1/desk/sla-policies/:id': [
    {
      record: () => one('sla_policies', (q) => q.where('complex', '=', 1)),
      user: 'director',
      url: (id) => `/api/v1/desk/sla-policies/${id}`,
      table: 'sla_policies',
      key: 'id',
      edits: [{ body: { responseMinutes: 600 }, column: 'response_minutes', value: 600 }],
    },
  ],
  'PATCH /api/v1/desk/settings': [
    {
      record: async () => ids.estate,
      user: 'director',
      url: (id) => `/api/v1/desk/settings?estateId=${id}`,
      table: 'desk_settings',
      key: 'estate_id',
      edits: [
        { body: { warnMinutes: 90 }, column: 'warn_minutes', value: 90 },
        { body: { calendar: 'working' }, column: 'calendar', value: 'working' },
      ],
    },
  ],
  'PATCH /api/v1/desk/holidays/:id': [
    {
      record: () => one('holidays', (q) => q.where('estate_id', '=', ids.estate)),
      user: 'director',
      url: (id) => `/api/v1/desk/holidays/${id}`,
      table: 'holidays',
      key: 'id',
      edits: [{ body: { name: '元旦假期' }, column: 'name', value: '元旦假期' }],
    },
  ],
  'PATCH /api/v1/fees/items/:id': [
    {
      record: () => one('fee_items', (q) => q.where('usages', 'is not', null).where('estate_id', '=', ids.estate)),
      user: 'director',
      url: (id) => `/api/v1/fees/items/${id}`,
      table: 'fee_items',
      key: 'id',
      edits: [
        { body: { lateGraceDays: 5 }, column: 'late_grace_days', value: 5 },
        { body: { name: '物业管理费（商铺）' }, column: 'name', value: '物业管理费（商铺）' },
      ],
    },
  ],
  // Rounds (field/rounds): the demo's lobby checkpoint, area route and patrol plan.
  'PATCH /api/v1/rounds/checkpoints/:id': [
    {
      record: () => one('checkpoints', (q) => q.where('code', '=', 'B1')),
      user: 'director',
      url: (id) => `/api/v1/rounds/checkpoints/${id}`,
      table: 'checkpoints',
      key: 'id',
      prepare: { nfcUid: '04A1B2C3', lat: 22.5, lng: 113.9 },
      edits: [
        { body: { name: '1栋大堂（北门）' }, column: 'name', value: '1栋大堂（北门）' },
        { body: { active: false }, column: 'active', value: 0 },
        { body: { location: '北门内侧' }, column: 'location', value: '北门内侧' },
      ],
    },
  ],
  'PATCH /api/v1/rounds/routes/:id': [
    {
      record: () => one('round_routes', (q) => q.where('name', '=', '东区楼宇日巡路线')),
      user: 'director',
      url: (id) => `/api/v1/rounds/routes/${id}`,
      table: 'round_routes',
      key: 'id',
      edits: [{ body: { name: '东区楼宇巡查路线' }, column: 'name', value: '东区楼宇巡查路线' }],
      related: async (id) => t.db.selectFrom('round_route_points').select(['seq', 'checkpoint_id']).where('route_id', '=', id).orderBy('seq').execute(),
    },
  ],
  'PATCH /api/v1/rounds/plans/:id': [
    {
      record: () => one('round_plans', (q) => q.where('name', '=', '每周设施巡检')),
      user: 'director',
      url: (id) => `/api/v1/rounds/plans/${id}`,
      table: 'round_plans',
      key: 'id',
      edits: [
        { body: { name: '设施巡检（每周两次）' }, column: 'name', value: '设施巡检（每周两次）' },
        { body: { graceMin: 45 }, column: 'grace_min', value: 45 },
        { body: { enabled: false }, column: 'enabled', value: 0 },
      ],
    },
  ],
  'PATCH /api/v1/field/vacant/:id': [
    {
      record: () => one('vacant_registrations', (q) => q.where('ended_on', 'is', null).where('key_held', '=', 1)),
      user: 'director',
      url: (id) => `/api/v1/field/vacant/${id}`,
      table: 'vacant_registrations',
      key: 'id',
      edits: [
        { body: { keyStorage: '钥匙柜 C3' }, column: 'key_storage', value: '钥匙柜 C3' },
        { body: { ownerContact: '业主之子 王先生' }, column: 'owner_contact', value: '业主之子 王先生' },
      ],
    },
  ],
  'PATCH /api/v1/field/settings': [
    {
      record: async () => ids.estate,
      user: 'director',
      url: (id) => `/api/v1/field/settings?estateId=${id}`,
      table: 'field_settings',
      key: 'estate_id',
      prepare: { vacantDiscountGate: false },
      edits: [
        { body: { vacantDiscountGate: true }, column: 'vacant_discount_gate', value: 1 },
        { body: { signCheckSlots: [{ start: '07:30', windowMin: 180 }, { start: '13:30', windowMin: 240 }] }, column: 'sign_check_slots', value: JSON.stringify([{ start: '07:30', windowMin: 180 }, { start: '13:30', windowMin: 240 }]) },
      ],
    },
  ],
  'PATCH /api/v1/visit-settings/:id': [
    {
      record: async () => ids.estate,
      user: 'assistant',
      url: (id) => `/api/v1/visit-settings/${id}`,
      table: 'visit_settings',
      key: 'estate_id',
      prepare: { regularDays: 60, notHomeAttempts: 4 },
      edits: [
        { body: { dailyCapacity: 12 }, column: 'daily_capacity', value: 12 },
        { body: { specialDays: 14 }, column: 'special_days', value: 14 },
      ],
    },
  ],
  'PATCH /api/v1/surveys/:id': [
    {
      record: async () => {
        const res = await t.as('assistant', 'POST', '/api/v1/surveys', {
          estateId: ids.estate, title: '住户问卷', kind: 'resident', anonymous: true, targetReturn: 75, audience: { areaIds: [ids.east] }, channels: ['paper', 'visit'], opensOn: '2026-01-01', closesOn: '2099-01-01',
          questions: [{ type: 'yes_no', text: '是否需要上门服务？', required: false }],
        });
        expect(res.statusCode, res.body).toBe(201);
        return res.json().id;
      },
      user: 'assistant',
      url: (id) => `/api/v1/surveys/${id}`,
      table: 'surveys',
      key: 'id',
      edits: [
        { body: { title: '住户问卷（修订）' }, column: 'title', value: '住户问卷（修订）' },
        { body: { closesOn: '2098-06-30' }, column: 'closes_on', value: '2098-06-30' },
      ],
      related: async (id) => t.db.selectFrom('survey_questions').selectAll().where('survey_id', '=', id).orderBy('id').execute(),
    },
  ],
  // A resident notice's draft, made here (the small demo has none) with non-default flags set.
  'PATCH /api/v1/notices/:id': [
    {
      record: async () =>
        (await t.as('assistant', 'POST', '/api/v1/notices', { estateId: ids.estate, category: 'notice', title: '草稿通知', body: '正文', audienceKind: 'units', audienceIds: [ids.eastUnit.id], audiencePeople: 'owners', requireAck: true, pinned: true, expiresAt: '2099-01-01T00:00:00.000Z' })).json().id,
      user: 'assistant',
      url: (id) => `/api/v1/notices/${id}`,
      table: 'resident_notices',
      key: 'id',
      edits: [
        { body: { title: '新标题' }, column: 'title', value: '新标题' },
        { body: { category: 'propaganda' }, column: 'category', value: 'propaganda' },
      ],
    },
  ],
  'PATCH /api/v1/activities/:id': [
    {
      record: async () =>
        (await t.as('assistant', 'POST', '/api/v1/activities', { estateId: ids.estate, title: '草稿活动', type: 'elderly', agenda: '安排', budget: [{ item: '茶点', amount: 5000 }], staffing: [{ role: '主持', name: '王丽' }], facilityId: ids.facility, venue: '会所', startsAt: '2099-01-10T02:00:00.000Z', endsAt: '2099-01-10T04:00:00.000Z', opensAt: '2099-01-01T00:00:00.000Z', closesAt: '2099-01-09T00:00:00.000Z', capacity: 30, perUnitLimit: 3, audienceKind: 'areas', audienceIds: [ids.east] })).json().id,
      user: 'assistant',
      url: (id) => `/api/v1/activities/${id}`,
      table: 'activities',
      key: 'id',
      edits: [
        { body: { title: '重阳敬老茶话会' }, column: 'title', value: '重阳敬老茶话会' },
        { body: { capacity: 40 }, column: 'capacity', value: 40 },
      ],
    },
  ],
};

const patchRoutes = () => [...new Set(t.app.routeAccess.filter((r) => r.method === 'PATCH' || r.method === 'PUT').map((r) => `${r.method} ${r.url}`))].sort();

describe('PATCH routes change only what they name', () => {
  it('every PATCH (and PUT) route of the app has a case here', () => {
    expect(patchRoutes().length).toBeGreaterThan(10);
    expect(patchRoutes()).toEqual(Object.keys(CASES).sort());
  });

  it('no PATCH body schema fills a default', () => {
    // The OpenAPI document is generated from the same zod schemas the routes validate with.
    const doc = t.app.swagger() as { paths: Record<string, Record<string, any>> };
    const defaults = (node: unknown, path: string, out: string[]) => {
      if (!node || typeof node !== 'object') return;
      for (const [k, v] of Object.entries(node)) {
        if (k === 'default') out.push(path);
        else defaults(v, `${path}.${k}`, out);
      }
    };
    for (const route of patchRoutes()) {
      const [method, url] = route.split(' ');
      const op = doc.paths[url!.replace(/:(\w+)/g, '{$1}')]?.[method!.toLowerCase()];
      expect(op, route).toBeDefined();
      const found: string[] = [];
      defaults(op.requestBody, 'body', found);
      expect(found, route).toEqual([]);
    }
  });

  for (const [route, cases] of Object.entries(CASES)) {
    it(`${route}: a one-field update leaves the other columns as they were`, async () => {
      for (const c of cases) {
        const key = await c.record();
        const read = async () => (await t.db.selectFrom(c.table as any).selectAll().where(c.key as any, '=', key).executeTakeFirstOrThrow()) as Row;
        if (c.prepare) {
          const res = await t.as(c.user, 'PATCH', c.url(key), c.prepare);
          expect(res.statusCode, res.body).toBe(200);
        }
        for (const edit of c.edits) {
          const before = await read();
          const relatedBefore = await c.related?.(key);
          expect(before[edit.column], `${route} ${edit.column} must change`).not.toEqual(edit.value);
          const res = await t.as(c.user, 'PATCH', c.url(key), edit.body);
          expect(res.statusCode, `${route} ${JSON.stringify(edit.body)} → ${res.body}`).toBe(200);
          const after = await read();
          expect(after[edit.column], `${route} ${edit.column}`).toEqual(edit.value);
          const unchanged = (row: Row) => Object.fromEntries(Object.entries(row).filter(([k]) => k !== edit.column && !BOOKKEEPING.has(k)));
          expect(unchanged(after), `${route} ${JSON.stringify(edit.body)}`).toEqual(unchanged(before));
          if (c.related) expect(await c.related(key), `${route} ${JSON.stringify(edit.body)}: related rows`).toEqual(relatedBefore);
        }
      }
    });
  }
});
