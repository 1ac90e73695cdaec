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

const auditOf = (action: string) => t.db.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('id', 'desc').execute();

async function vacantEastUnit() {
  const u = await t.db
    .selectFrom('units as u')
    .innerJoin('buildings as b', 'b.id', 'u.building_id')
    .leftJoin('households as h', (j) => j.onRef('h.unit_id', '=', 'u.id').on('h.moved_out_on', 'is', null))
    .select('u.id')
    .where('b.area_id', '=', ids.east)
    .where('h.id', 'is', null)
    .where('u.usage', '=', 'residential')
    .orderBy('u.id')
    .executeTakeFirstOrThrow();
  return u.id;
}

describe('household archive (manual 4.5)', () => {
  it('shows every field of the archive, with phone and ID numbers masked', async () => {
    const res = await t.as('cs1', 'GET', `/api/v1/units/${ids.owner1Unit.id}/archive`);
    expect(res.statusCode).toBe(200);
    const a = res.json();
    expect(a.unit.label).toBe('1-1-1201');
    const head = a.household.members.find((m: { isHead: boolean }) => m.isHead);
    expect(head).toMatchObject({ name: '陈建国', relation: 'head', isOwner: true, phone: '139****5678' });
    expect(head.idNumber).toMatch(/^\d{4}\*{10}\d{3}[\dX]$/);
    for (const key of ['occupation', 'employer', 'specialties', 'hobbies', 'careFlags', 'birthYear', 'gender']) expect(head).toHaveProperty(key);
    expect(a.ownerships[0]).toMatchObject({ ownerName: '陈建国', phone: '139****5678', endedOn: null });
    expect(JSON.stringify(a)).not.toContain('13912345678');
  });

  it('registers a household with members; the first member is head when none is marked', async () => {
    const unitId = await vacantEastUnit();
    const res = await t.as('cs1', 'POST', '/api/v1/households', {
      unitId,
      name: '吴家',
      movedInOn: '2026-10-01',
      members: [
        { name: '吴刚', relation: 'head', isOwner: true, gender: 'M', birthYear: 1980, phone: '13700001111', idNumber: '11010519491231002X', occupation: '工程师', employer: '中建三局', specialties: '电工', hobbies: '钓鱼' },
        { name: '吴奶奶', relation: 'parent', gender: 'F', birthYear: 1942, careFlags: ['elderly_alone', 'sick'] },
      ],
    });
    expect(res.statusCode).toBe(201);
    const a = (await t.as('cs1', 'GET', `/api/v1/units/${unitId}/archive`)).json();
    expect(a.household.name).toBe('吴家');
    expect(a.household.members).toHaveLength(2);
    expect(a.household.members[0]).toMatchObject({ name: '吴刚', isHead: true, idNumber: '1101**********002X' });
    expect(a.household.members[1].careFlags).toEqual(['elderly_alone', 'sick']);
    expect(a.unit.careFlags).toEqual(expect.arrayContaining(['elderly_alone', 'sick']));

    const again = await t.as('cs1', 'POST', '/api/v1/households', { unitId, name: '另一家', members: [{ name: '某人', relation: 'head' }] });
    expect(again.statusCode).toBe(409);
  });

  it('rejects an ID number with a wrong check digit and a malformed phone, naming each field', async () => {
    const unitId = await vacantEastUnit();
    const res = await t.as('cs1', 'POST', '/api/v1/households', {
      unitId,
      name: '错误家',
      members: [{ name: '甲', relation: 'head', phone: '1234', idNumber: '110105194912310021' }],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toEqual({ 'members.0.phone': expect.stringContaining('电话'), 'members.0.idNumber': expect.stringContaining('身份证') });
  });

  it('adds, edits and moves out a member; a new head replaces the old one; nothing is deleted', async () => {
    const hid = ids.eastUnit.householdId!;
    const add = await t.as('cs1', 'POST', `/api/v1/households/${hid}/members`, { name: '新户主', relation: 'other', isHead: true });
    expect(add.statusCode).toBe(201);
    let members = (await t.as('cs1', 'GET', `/api/v1/households/${hid}`)).json().members;
    expect(members.filter((m: { isHead: boolean }) => m.isHead).map((m: { name: string }) => m.name)).toEqual(['新户主']);
    expect((await t.as('cs1', 'PATCH', `/api/v1/members/${add.json().id}`, { occupation: '律师', careFlags: ['disabled'] })).statusCode).toBe(200);
    expect((await t.as('cs1', 'POST', `/api/v1/members/${add.json().id}/move-out`, { movedOutOn: '2026-11-01' })).statusCode).toBe(200);
    expect((await t.as('cs1', 'POST', `/api/v1/members/${add.json().id}/move-out`, { movedOutOn: '2026-11-02' })).statusCode).toBe(409);
    members = (await t.as('cs1', 'GET', `/api/v1/households/${hid}`)).json().members;
    expect(members.find((m: { id: number }) => m.id === add.json().id)).toMatchObject({ occupation: '律师', careFlags: ['disabled'], movedOutOn: '2026-11-01' });
  });

  it('keeps ownership history through a transfer; shares must add up to 100', async () => {
    const unitId = ids.eastUnit.id;
    const bad = await t.as('cs1', 'POST', `/api/v1/units/${unitId}/ownership-transfer`, { date: '2026-11-20', how: 'transfer', owners: [{ ownerName: '甲', sharePercent: 60 }] });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields)).toEqual(['owners']);
    const before = (await t.as('cs1', 'GET', `/api/v1/units/${unitId}/archive`)).json().ownerships.filter((o: { endedOn: string | null }) => !o.endedOn);
    const res = await t.as('cs1', 'POST', `/api/v1/units/${unitId}/ownership-transfer`, {
      date: '2026-11-20',
      how: 'transfer',
      reason: '二手房交易',
      owners: [
        { ownerName: '郑新', phone: '13600002222', sharePercent: 50 },
        { ownerName: '钱新', sharePercent: 50 },
      ],
    });
    expect(res.statusCode).toBe(201);
    const after = (await t.as('cs1', 'GET', `/api/v1/units/${unitId}/archive`)).json().ownerships;
    expect(after.filter((o: { endedOn: string | null }) => !o.endedOn).map((o: { ownerName: string }) => o.ownerName).sort()).toEqual(['郑新', '钱新'].sort());
    for (const old of before) expect(after.find((o: { id: number }) => o.id === old.id)).toMatchObject({ endedOn: '2026-11-20', endReason: '二手房交易' });
    const entry = (await auditOf('transfer'))[0];
    expect(entry.summary).toContain('郑新');
    expect(entry.detail).not.toContain('13600002222');
  });

  it('records a tenancy with rent in fen and terminates it', async () => {
    const unitId = ids.eastUnit.id;
    const bad = await t.as('cs1', 'POST', '/api/v1/tenancies', { unitId, tenantName: '租客', startOn: '2026-12-01', endOn: '2026-11-01', monthlyRent: 350000 });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields)).toEqual(['endOn']);
    const float = await t.as('cs1', 'POST', '/api/v1/tenancies', { unitId, tenantName: '租客', startOn: '2026-12-01', endOn: '2027-11-30', monthlyRent: 3500.5 });
    expect(float.statusCode).toBe(400);
    const res = await t.as('cs1', 'POST', '/api/v1/tenancies', { unitId, tenantName: '租客', phone: '13811112222', startOn: '2026-12-01', endOn: '2027-11-30', monthlyRent: 350000, deposit: 700000, agent: '链家地产' });
    expect(res.statusCode).toBe(201);
    expect((await t.as('cs1', 'POST', `/api/v1/tenancies/${res.json().id}/terminate`, { terminatedOn: '2026-12-31', reason: '提前退租' })).statusCode).toBe(200);
    const tn = (await t.as('cs1', 'GET', `/api/v1/units/${unitId}/archive`)).json().tenancies.find((x: { id: number }) => x.id === res.json().id);
    expect(tn).toMatchObject({ monthlyRent: 350000, deposit: 700000, phone: '138****2222', terminatedOn: '2026-12-31', active: false });
  });

  it('moves a household out and keeps it as history', async () => {
    const unitId = await vacantEastUnit();
    const hid = (await t.as('cs1', 'POST', '/api/v1/households', { unitId, name: '临时家', members: [{ name: '临时', relation: 'head' }] })).json().id;
    expect((await t.as('cs1', 'POST', `/api/v1/households/${hid}/move-out`, { movedOutOn: '2026-11-25' })).statusCode).toBe(200);
    const a = (await t.as('cs1', 'GET', `/api/v1/units/${unitId}/archive`)).json();
    expect(a.household).toBeNull();
    expect(a.pastHouseholds.map((h: { id: number }) => h.id)).toContain(hid);
  });
});

describe('privacy (R-HH-PRIV)', () => {
  it('reveals the full phone to cs1 and writes an audit entry', async () => {
    const res = await t.as('cs1', 'POST', '/api/v1/reveal', { kind: 'member', id: ids.owner1Unit.member, field: 'phone' });
    expect(res.statusCode).toBe(200);
    expect(res.json().value).toBe('13912345678');
    const entry = (await auditOf('reveal'))[0];
    expect(entry).toMatchObject({ actor_name: 'cs1', entity: 'member', entity_id: String(ids.owner1Unit.member), estate_id: ids.estate });
    expect(entry.summary).toContain('陈建国');
  });

  it('reveals an owner ID number and a tenant phone the same way', async () => {
    const id = await t.as('director', 'POST', '/api/v1/reveal', { kind: 'ownership', id: ids.owner1Unit.ownership, field: 'idNumber' });
    expect(id.json().value).toMatch(/^\d{17}[\dX]$/);
    const tenant = await t.as('director', 'POST', '/api/v1/reveal', { kind: 'tenancy', id: ids.westRented.tenancy, field: 'phone' });
    expect(tenant.json().value).toMatch(/^1\d{10}$/);
  });

  it('refuses the roles without the privilege and writes nothing', async () => {
    const before = (await auditOf('reveal')).length;
    for (const user of ['desk1', 'cashier1', 'eng1', 'admin', 'owner1']) {
      expect((await t.as(user, 'POST', '/api/v1/reveal', { kind: 'member', id: ids.owner1Unit.member, field: 'phone' })).statusCode, user).toBe(403);
    }
    expect((await auditOf('reveal')).length).toBe(before);
  });

  it('refuses a reveal outside the caller’s area as not found', async () => {
    const before = (await auditOf('reveal')).length;
    const res = await t.as('cs1', 'POST', '/api/v1/reveal', { kind: 'member', id: ids.westUnit.member, field: 'phone' });
    expect(res.statusCode).toBe(404);
    expect((await auditOf('reveal')).length).toBe(before);
  });

  it('never sends a full phone number in lists, pages or the portal', async () => {
    const bodies = [
      (await t.as('desk1', 'GET', '/api/v1/units?pageSize=200')).body,
      (await t.as('desk1', 'GET', '/api/v1/households?pageSize=200')).body,
      (await t.as('desk1', 'GET', `/api/v1/units/${ids.owner1Unit.id}/archive`)).body,
      (await t.as('owner1', 'GET', '/api/v1/portal/home')).body,
    ];
    for (const body of bodies) expect(body).not.toMatch(/1\d{10}/);
  });

  it('keeps numbers masked in the audit log of an edit', async () => {
    await t.as('cs1', 'PATCH', `/api/v1/members/${ids.owner1Unit.member}`, { phone: '13912345679' });
    const entry = (await t.db.selectFrom('audit_log').selectAll().where('entity', '=', 'member').where('action', '=', 'update').orderBy('id', 'desc').executeTakeFirstOrThrow());
    expect(entry.detail).toContain('139****5679');
    expect(entry.detail).not.toContain('13912345679');
    await t.as('cs1', 'PATCH', `/api/v1/members/${ids.owner1Unit.member}`, { phone: '13912345678' });
  });
});

describe('owner portal', () => {
  it('shows the owner his household as it is now, not previous owners', async () => {
    const home = (await t.as('owner1', 'GET', '/api/v1/portal/home')).json();
    expect(home.units).toHaveLength(1);
    const [u] = home.units;
    expect(u.unit.label).toBe('1-1-1201');
    expect(u.pastHouseholds).toEqual([]);
    expect(u.ownerships.every((o: { endedOn: string | null }) => o.endedOn === null)).toBe(true);
    expect(u.household.members.map((m: { name: string }) => m.name)).toContain('陈建国');
  });
});

describe('households list', () => {
  it('filters special-care households and searches by member name', async () => {
    const care = (await t.as('cs1', 'GET', '/api/v1/households?care=elderly_alone&pageSize=100')).json();
    expect(care.total).toBeGreaterThan(0);
    expect(care.items.every((h: { careFlags: string[] }) => h.careFlags.includes('elderly_alone'))).toBe(true);
    const any = (await t.as('cs1', 'GET', '/api/v1/households?care=any&pageSize=100')).json();
    expect(any.total).toBeGreaterThan(care.total);
    expect(any.items.every((h: { careFlags: string[] }) => h.careFlags.length > 0)).toBe(true);
    const found = (await t.as('cs1', 'GET', `/api/v1/households?q=${encodeURIComponent('陈建国')}`)).json();
    expect(found.items[0]).toMatchObject({ unitLabel: '1-1-1201', headName: '陈建国', headPhone: '139****5678' });
  });
});
