/**
 * Mail, newspapers and parcels (design B.3.5) through the API: every state, role and bad input
 * the design names. Runs on SQLite, and on PostgreSQL with DATABASE_URL.
 */
import sharp from 'sharp';
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

const sig = (n = 40) => ({ strokes: [Array.from({ length: n }, (_, i) => [20 + i * 8, 80 + (i % 7) * 6])] });
const parcel = (over: Record<string, unknown> = {}) => ({ estateId: ids.estate, kind: 'parcel', carrier: 'sf', trackingNo: null, addressee: '陈建国', unitId: ids.owner1Unit.id, shelf: 'A-01', pieces: 1, ...over });
const register = async (over: Record<string, unknown> = {}, user = 'desk1') => {
  const res = await t.as(user, 'POST', '/api/v1/mail/items', parcel(over));
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: number; number: string; status: string; nameMatched: boolean; unitId: number | null; hasPortalUser: boolean };
};
const codeOf = async (id: number) => (await t.db.selectFrom('mail_items').select('pickup_code').where('id', '=', id).executeTakeFirstOrThrow()).pickup_code;
const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');
const advanceDays = async (days: number) => expect((await t.as('admin', 'POST', '/api/v1/clock', { advanceMinutes: days * 24 * 60 })).statusCode).toBe(200);
const runJob = async (name: string) => {
  const res = await t.as('admin', 'POST', `/api/v1/clock/jobs/${name}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().result;
};
const png = () => sharp({ create: { width: 40, height: 30, channels: 3, background: '#c33' } }).png().toBuffer();
async function upload(user: string, id: number, data: Buffer) {
  const boundary = '----label';
  const payload = Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="label.png"\r\nContent-Type: image/png\r\n\r\n`), data, Buffer.from(`\r\n--${boundary}--\r\n`)]);
  return t.app.inject({ method: 'POST', url: `/api/v1/mail/items/${id}/photo`, payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, cookie: await t.login(user) } });
}

describe('registration', () => {
  it('numbers the item MMDD-nnn, matches the name, notifies a unit with a portal user, and hides the code from staff', async () => {
    const member = await t.db.selectFrom('household_members').select('name').where('id', '=', ids.owner1Unit.member).executeTakeFirstOrThrow();
    const item = await register({ addressee: member.name });
    expect(item.number).toMatch(/^\d{4}-\d{3}$/);
    expect(item.status).toBe('notified');
    expect(item.nameMatched).toBe(true);
    expect(item.hasPortalUser).toBe(true);
    expect(JSON.stringify(item)).not.toContain(await codeOf(item.id));
    const notes = (await t.as('owner1', 'GET', '/api/v1/notifications')).json();
    expect(notes.items[0].body).toContain(await codeOf(item.id));
    const audit = await t.db.selectFrom('audit_log').select('entity').where('entity', '=', 'mail_item').where('entity_id', '=', String(item.id)).execute();
    expect(audit.length).toBe(1);
  });

  it('a unit without a portal user stays "received" and is on the mailbox-slip list until the slip is printed', async () => {
    const item = await register({ unitId: ids.eastUnit.id, addressee: '不在册的人' });
    expect(item.status).toBe('received');
    expect(item.nameMatched).toBe(false);
    const slips = (await t.as('desk1', 'GET', `/api/v1/mail/slips?estateId=${ids.estate}`)).json();
    expect(slips.map((s: { id: number }) => s.id)).toContain(item.id);
    const printed = await t.as('cs1', 'POST', '/api/v1/mail/slips', { estateId: ids.estate, itemIds: [item.id] });
    expect(printed.statusCode, printed.body).toBe(200);
    expect(printed.json()[0].pickupCode).toBe(await codeOf(item.id));
    expect((await t.as('desk1', 'GET', `/api/v1/mail/items/${item.id}`)).json().status).toBe('notified');
  });

  it('refuses bad input naming the field, and writes nothing', async () => {
    const before = await t.db.selectFrom('mail_items').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const bad = async (body: Record<string, unknown>, field: string, status = 400, user = 'desk1') => {
      const res = await t.as(user, 'POST', '/api/v1/mail/items', body);
      expect(res.statusCode, res.body).toBe(status);
      if (field) expect(Object.keys(res.json().error.fields ?? {})).toContain(field);
    };
    await bad(parcel({ unitId: null }), 'unitId');
    await bad(parcel({ unknownRecipient: true }), 'unknownRecipient');
    await bad(parcel({ kind: 'pizza' }), 'kind');
    await bad(parcel({ carrier: 'dhl' }), 'carrier');
    await bad(parcel({ pieces: 0 }), 'pieces');
    await bad(parcel({ shelf: '  ' }), 'shelf');
    await bad(parcel({ addressee: '' }), 'addressee');
    await bad(parcel({ phoneLast4: '12a4' }), 'phoneLast4');
    await bad(parcel({ extra: 1 }), 'extra');
    await bad(parcel({ unitId: 999999 }), 'unitId');
    // cs2 looks after the west area only: an east unit is not his to see
    await bad(parcel({ unitId: ids.eastUnit.id }), '', 404, 'cs2');
    const other = (await t.as('admin', 'POST', '/api/v1/estates', { code: 'MAILX', name: '别的项目' })).json().id;
    await bad(parcel({ estateId: other }), '', 403, 'cs1');
    // not the front desk's work
    await bad(parcel(), '', 403, 'cashier1');
    await bad(parcel(), '', 403, 'assistant');
    await bad(parcel(), '', 403, 'owner1');
    const after = await t.db.selectFrom('mail_items').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('an unknown recipient goes without a unit; the same carrier and tracking number within 30 days asks for confirmation', async () => {
    const unknown = await register({ unitId: null, unknownRecipient: true, addressee: '王小姐' });
    expect(unknown.unitId).toBeNull();
    await register({ trackingNo: 'SF1234567890' });
    const twice = await t.as('desk1', 'POST', '/api/v1/mail/items', parcel({ trackingNo: 'SF1234567890' }));
    expect(twice.statusCode).toBe(409);
    expect(Object.keys(twice.json().error.fields)).toContain('trackingNo');
    await register({ trackingNo: 'SF1234567890', confirmDuplicate: true });
    await register({ trackingNo: 'SF1234567890', carrier: 'zto' });
    // found later: the unit is assigned, the owner notified; twice is refused
    expect((await t.as('cs2', 'POST', `/api/v1/mail/items/${unknown.id}/assign`, { unitId: ids.owner1Unit.id })).statusCode).toBe(404);
    expect((await t.as('desk1', 'POST', `/api/v1/mail/items/${unknown.id}/assign`, { unitId: 999999 })).statusCode).toBe(400);
    const assigned = await t.as('desk1', 'POST', `/api/v1/mail/items/${unknown.id}/assign`, { unitId: ids.owner1Unit.id });
    expect(assigned.statusCode, assigned.body).toBe(200);
    expect(assigned.json()).toMatchObject({ unitId: ids.owner1Unit.id, status: 'notified' });
    expect((await t.as('owner1', 'GET', '/api/v1/portal/mail')).json().items.map((i: { id: number }) => i.id)).toContain(unknown.id);
    expect((await t.as('desk1', 'POST', `/api/v1/mail/items/${unknown.id}/assign`, { unitId: ids.eastUnit.id })).statusCode).toBe(409);
  });
});

describe('scope', () => {
  it('staff see their areas only; owners see their own units only', async () => {
    const west = await register({ unitId: ids.westUnit.id, addressee: '西区住户' });
    expect((await t.as('cs1', 'GET', `/api/v1/mail/items/${west.id}`)).statusCode).toBe(404);
    expect((await t.as('cs2', 'GET', `/api/v1/mail/items/${west.id}`)).statusCode).toBe(200);
    const cs1List = (await t.as('cs1', 'GET', `/api/v1/mail/items?estateId=${ids.estate}&pageSize=200`)).json();
    expect(cs1List.items.some((i: { id: number }) => i.id === west.id)).toBe(false);
    expect((await t.as('owner1', 'GET', '/api/v1/mail/items')).statusCode).toBe(403);
    const mine = (await t.as('owner1', 'GET', '/api/v1/portal/mail')).json();
    expect(mine.items.length).toBeGreaterThan(0);
    expect(mine.items.every((i: { unitId: number }) => i.unitId === ids.owner1Unit.id)).toBe(true);
    expect(mine.items.some((i: { id: number }) => i.id === west.id)).toBe(false);
    const waiting = mine.items.find((i: { status: string }) => i.status === 'notified');
    expect(waiting.pickupCode).toBe(await codeOf(waiting.id));
    expect((await t.as('desk1', 'GET', '/api/v1/portal/mail')).statusCode).toBe(403);
  });
});

describe('pickup', () => {
  it('by code with a signature; a wrong code is refused; an item cannot be picked up twice', async () => {
    const item = await register();
    const code = await codeOf(item.id);
    const body = (over: Record<string, unknown> = {}) => ({ estateId: ids.estate, items: [{ id: item.id, code }], method: 'code', pickerName: '陈建国', relation: 'self', signature: sig(), ...over });
    const miss = await t.as('desk1', 'POST', '/api/v1/mail/pickups', body({ items: [{ id: item.id, code: wrong(code) }] }));
    expect(miss.statusCode).toBe(400);
    expect(Object.keys(miss.json().error.fields)).toContain('items.0.code');
    for (const [over, field] of [
      [{ signature: { strokes: [] } }, 'signature'],
      [{ signature: sig(5) }, 'signature'],
      [{ pickerName: ' ' }, 'pickerName'],
      [{ items: [{ id: item.id }] }, 'items.0.code'],
      [{ items: [{ id: item.id, code: '12' }] }, 'items.0.code'],
      [{ relation: 'authorised' }, 'authorizationId'],
      [{ method: 'id' }, 'idType'],
    ] as const) {
      const res = await t.as('desk1', 'POST', '/api/v1/mail/pickups', body(over));
      expect(res.statusCode, `${JSON.stringify(over)} ${res.body}`).toBe(400);
      expect(Object.keys(res.json().error.fields)).toContain(field);
    }
    expect((await t.as('desk1', 'GET', `/api/v1/mail/items/${item.id}`)).json().status).toBe('notified');
    const ok = await t.as('desk1', 'POST', '/api/v1/mail/pickups', body());
    expect(ok.statusCode, ok.body).toBe(201);
    const p = ok.json();
    expect(p.statement).toContain('陈建国');
    expect(p.statement).toContain(item.number);
    expect(p.items.map((i: { id: number }) => i.id)).toEqual([item.id]);
    const sigPng = await t.as('assistant', 'GET', `/api/v1/mail/pickups/${p.id}/signature`);
    expect(sigPng.statusCode).toBe(200);
    expect((await sharp(sigPng.rawPayload).metadata()).format).toBe('png');
    const again = await t.as('desk1', 'POST', '/api/v1/mail/pickups', body());
    expect(again.statusCode).toBe(409);
    expect((await t.as('owner1', 'GET', '/api/v1/portal/mail')).json().items.find((i: { id: number }) => i.id === item.id)).toMatchObject({ status: 'picked_up', pickupCode: null, pickerName: '陈建国' });
    // the day's ledger, for the pickup sheet
    const day = new Date(p.at).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
    const ledger = (await t.as('director', 'GET', `/api/v1/mail/pickups?estateId=${ids.estate}&date=${day}`)).json();
    expect(ledger.items.map((x: { id: number }) => x.id)).toContain(p.id);
    // a pickup is a fact: the database refuses to change it
    await expect(t.db.updateTable('mail_pickups').set({ picker_name: 'x' }).where('id', '=', p.id).execute()).rejects.toThrow();
  });

  it('several items of one unit, one signature, by ID; items of two units are refused', async () => {
    const a = await register({ kind: 'letter', carrier: 'ems' });
    const b = await register({ kind: 'registered_letter', carrier: 'ems' });
    const other = await register({ unitId: ids.eastUnit.id });
    const base = { estateId: ids.estate, method: 'id', pickerName: '陈太太', relation: 'family', idType: 'id_card', idLast4: '002X', signature: sig() };
    const two = await t.as('desk1', 'POST', '/api/v1/mail/pickups', { ...base, items: [{ id: a.id }, { id: other.id }] });
    expect(two.statusCode).toBe(400);
    expect(Object.keys(two.json().error.fields)).toContain('items');
    const dup = await t.as('desk1', 'POST', '/api/v1/mail/pickups', { ...base, items: [{ id: a.id }, { id: a.id }] });
    expect(dup.statusCode).toBe(400);
    const ok = await t.as('desk1', 'POST', '/api/v1/mail/pickups', { ...base, items: [{ id: a.id }, { id: b.id }] });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().items).toHaveLength(2);
    expect(ok.json().idLast4).toBe('002X');
  });

  it('a registered letter needs an ID check even with the right code', async () => {
    const letter = await register({ kind: 'registered_letter', carrier: 'ems' });
    const code = await codeOf(letter.id);
    const res = await t.as('desk1', 'POST', '/api/v1/mail/pickups', { estateId: ids.estate, items: [{ id: letter.id, code }], method: 'code', pickerName: '陈建国', relation: 'self', signature: sig() });
    expect(res.statusCode).toBe(400);
    expect(Object.keys(res.json().error.fields)).toContain('idType');
  });

  it('five wrong codes lock the unit for 15 minutes, even for the right code', async () => {
    const item = await register({ unitId: ids.eastUnit.id });
    const code = await codeOf(item.id);
    const body = (c: string) => ({ estateId: ids.estate, items: [{ id: item.id, code: c }], method: 'code', pickerName: '某某', relation: 'self', signature: sig() });
    for (let i = 0; i < 5; i++) expect((await t.as('cs1', 'POST', '/api/v1/mail/pickups', body(wrong(code)))).statusCode).toBe(400);
    const locked = await t.as('desk1', 'POST', '/api/v1/mail/pickups', body(code));
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.code).toBe('RATE_LIMITED');
    await t.as('admin', 'POST', '/api/v1/clock', { advanceMinutes: 16 });
    expect((await t.as('desk1', 'POST', '/api/v1/mail/pickups', body(code))).statusCode).toBe(201);
  });

  it('looking up by code finds the household\'s waiting items; wrong codes lock the person looking', async () => {
    const item = await register({ unitId: ids.westUnit.id, addressee: '西区住户' });
    const code = await codeOf(item.id);
    const found = await t.as('cs2', 'POST', '/api/v1/mail/lookup', { estateId: ids.estate, code });
    expect(found.statusCode, found.body).toBe(200);
    expect(found.json().items.find((i: { id: number }) => i.id === item.id).codeMatched).toBe(true);
    // cs1 cannot see the west area: the code finds nothing for him, which counts as a miss
    expect((await t.as('cs1', 'POST', '/api/v1/mail/lookup', { estateId: ids.estate, code })).statusCode).toBe(400);
    expect((await t.as('cs2', 'POST', '/api/v1/mail/lookup', { estateId: ids.estate, code: 'abc' })).statusCode).toBe(400);
    for (let i = 0; i < 5; i++) await t.as('cs2', 'POST', '/api/v1/mail/lookup', { estateId: ids.estate, code: wrong(code) });
    expect((await t.as('cs2', 'POST', '/api/v1/mail/lookup', { estateId: ids.estate, code })).statusCode).toBe(429);
    expect((await t.as('director', 'POST', '/api/v1/mail/lookup', { estateId: ids.estate, code })).statusCode).toBe(403);
  });
});

describe('authorisations', () => {
  it('the owner authorises a person for his unit; the front desk hands over to that person only while it holds', async () => {
    const now = (await t.as('admin', 'GET', '/api/v1/clock')).json();
    const localToday = new Date(now.now).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
    const create = await t.as('owner1', 'POST', '/api/v1/portal/mail/authorizations', { unitId: ids.owner1Unit.id, name: '李阿姨', phoneLast4: '5678', fromDate: localToday, toDate: '2099-12-31' });
    expect(create.statusCode, create.body).toBe(201);
    const a = create.json();
    expect(a.active).toBe(true);
    expect((await t.as('owner1', 'POST', '/api/v1/portal/mail/authorizations', { unitId: ids.eastUnit.id, name: '李阿姨', phoneLast4: '5678', fromDate: localToday, toDate: '2099-12-31' })).statusCode).toBe(404);
    const order = await t.as('owner1', 'POST', '/api/v1/portal/mail/authorizations', { unitId: ids.owner1Unit.id, name: '李阿姨', phoneLast4: '5678', fromDate: '2099-12-31', toDate: '2099-01-01' });
    expect(order.statusCode).toBe(400);
    expect(Object.keys(order.json().error.fields)).toContain('toDate');
    const list = (await t.as('desk1', 'GET', `/api/v1/mail/authorizations?unitId=${ids.owner1Unit.id}`)).json();
    expect(list.items.map((x: { id: number }) => x.id)).toContain(a.id);

    const item = await register();
    const body = (name: string) => ({ estateId: ids.estate, items: [{ id: item.id }], method: 'id', pickerName: name, relation: 'authorised', authorizationId: a.id, idType: 'id_card', idLast4: '1234', signature: sig() });
    const wrongName = await t.as('desk1', 'POST', '/api/v1/mail/pickups', body('张三'));
    expect(wrongName.statusCode).toBe(400);
    expect(Object.keys(wrongName.json().error.fields)).toContain('pickerName');
    const revoked = await t.as('owner1', 'POST', `/api/v1/portal/mail/authorizations/${a.id}/revoke`, undefined);
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect(revoked.json().active).toBe(false);
    expect((await t.as('owner1', 'POST', `/api/v1/portal/mail/authorizations/${a.id}/revoke`)).statusCode).toBe(409);
    const after = await t.as('desk1', 'POST', '/api/v1/mail/pickups', body('李阿姨'));
    expect(after.statusCode).toBe(400);
    expect(Object.keys(after.json().error.fields)).toContain('authorizationId');
    const again = (await t.as('owner1', 'POST', '/api/v1/portal/mail/authorizations', { unitId: ids.owner1Unit.id, name: '李阿姨', phoneLast4: '5678', fromDate: localToday, toDate: '2099-12-31' })).json();
    const ok = await t.as('desk1', 'POST', '/api/v1/mail/pickups', { ...body('李阿姨'), authorizationId: again.id });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().authorizationName).toBe('李阿姨');
  });
});

describe('photos', () => {
  it('front desk and administrators see the label; others do not; the file goes 90 days after pickup, the record stays', async () => {
    const item = await register();
    expect((await upload('desk1', item.id, await png())).statusCode).toBe(201);
    expect((await upload('desk1', item.id, Buffer.from('not an image'))).statusCode).toBe(400);
    expect((await upload('assistant', item.id, await png())).statusCode).toBe(403);
    const seen = await t.as('desk1', 'GET', `/api/v1/mail/items/${item.id}/photo`);
    expect(seen.statusCode).toBe(200);
    expect(seen.headers['content-type']).toMatch(/image/);
    expect((await t.as('director', 'GET', `/api/v1/mail/items/${item.id}/photo`)).statusCode).toBe(403);
    expect((await t.as('cs2', 'GET', `/api/v1/mail/items/${item.id}/photo`)).statusCode).toBe(404); // owner1's unit is in the east area
    const code = await codeOf(item.id);
    expect((await t.as('desk1', 'POST', '/api/v1/mail/pickups', { estateId: ids.estate, items: [{ id: item.id, code }], method: 'code', pickerName: '陈建国', relation: 'self', signature: sig() })).statusCode).toBe(201);
    await advanceDays(89);
    await runJob('mail-photo-purge');
    expect((await t.as('desk1', 'GET', `/api/v1/mail/items/${item.id}/photo`)).statusCode).toBe(200);
    await advanceDays(1);
    expect(await runJob('mail-photo-purge')).toBeGreaterThanOrEqual(1);
    expect((await t.as('desk1', 'GET', `/api/v1/mail/items/${item.id}/photo`)).statusCode).toBe(404);
    const row = (await t.as('desk1', 'GET', `/api/v1/mail/items/${item.id}`)).json();
    expect(row).toMatchObject({ status: 'picked_up', hasPhoto: false });
    expect(row.photoDeletedAt).not.toBeNull();
    const audit = await t.db.selectFrom('audit_log').select('action').where('entity', '=', 'mail_item').where('entity_id', '=', String(item.id)).where('action', '=', 'delete_file').execute();
    expect(audit).toHaveLength(1);
    await t.as('admin', 'POST', '/api/v1/clock', { reset: true });
  });
});

describe('reminders and the return list', () => {
  it('day 3 and day 7 remind the owner (day 7 also the area administrator); day 14 lists parcels, never registered letters', async () => {
    await t.as('admin', 'POST', '/api/v1/clock', { reset: true });
    const p = await register({ shelf: 'R-14' });
    const letter = await register({ kind: 'registered_letter', carrier: 'ems', shelf: 'R-14' });
    const official = await register({ kind: 'official_document', carrier: 'ems', shelf: 'R-14' });
    const reminders = async () => (await t.db.selectFrom('mail_items').select('reminders_sent').where('id', '=', p.id).executeTakeFirstOrThrow()).reminders_sent;
    await advanceDays(2);
    await runJob('mail-reminders');
    expect(await reminders()).toBe(0);
    await advanceDays(1);
    await runJob('mail-reminders');
    expect(await reminders()).toBe(1);
    await runJob('mail-reminders');
    expect(await reminders()).toBe(1);
    const ownerNotes = await t.db.selectFrom('notifications').select('dedupe_key').where('user_id', '=', ids.users.owner1!).where('dedupe_key', 'like', `mail:${p.id}:%`).execute();
    expect(ownerNotes.map((n) => n.dedupe_key).sort()).toEqual([`mail:${p.id}:arrived`, `mail:${p.id}:reminder1`]);
    await advanceDays(4);
    await runJob('mail-reminders');
    expect(await reminders()).toBe(2);
    const call = await t.db.selectFrom('notifications').select('user_id').where('dedupe_key', '=', `mail:${p.id}:call`).execute();
    expect(call.map((c) => c.user_id)).toContain(ids.users.cs1);
    expect(call.map((c) => c.user_id)).not.toContain(ids.users.cs2);
    const list = async () => (await t.as('director', 'GET', `/api/v1/mail/returns?estateId=${ids.estate}`)).json().items.map((i: { id: number }) => i.id);
    expect(await list()).not.toContain(p.id);
    await advanceDays(7);
    const due = await list();
    expect(due).toContain(p.id);
    expect(due).not.toContain(letter.id);
    expect(due).not.toContain(official.id);
    expect((await t.as('desk1', 'POST', `/api/v1/mail/items/${letter.id}/close`, { outcome: 'returned_to_carrier' })).statusCode).toBe(409);
    expect((await t.as('desk1', 'POST', `/api/v1/mail/items/${p.id}/close`, { outcome: 'disposed' })).statusCode).toBe(409);
    expect((await t.as('desk1', 'POST', `/api/v1/mail/items/${p.id}/close`, { outcome: 'lost' })).statusCode).toBe(400);
    expect((await t.as('assistant', 'POST', `/api/v1/mail/items/${p.id}/close`, { outcome: 'returned_to_carrier' })).statusCode).toBe(403);
    const back = await t.as('desk1', 'POST', `/api/v1/mail/items/${p.id}/close`, { outcome: 'returned_to_carrier', note: '顺丰快递员取回' });
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json()).toMatchObject({ status: 'returned_to_carrier', leftNote: '顺丰快递员取回' });
    expect(await list()).not.toContain(p.id);
    expect((await t.as('desk1', 'POST', `/api/v1/mail/items/${p.id}/close`, { outcome: 'returned_to_carrier' })).statusCode).toBe(409);
    const code = await codeOf(p.id);
    expect((await t.as('desk1', 'POST', '/api/v1/mail/pickups', { estateId: ids.estate, items: [{ id: p.id, code }], method: 'code', pickerName: '陈建国', relation: 'self', signature: sig() })).statusCode).toBe(409);
    await t.as('admin', 'POST', '/api/v1/clock', { reset: true });
  });
});

describe('newspapers', () => {
  it('subscriptions give the day\'s delivery list; delivered in bulk, once; an ended one drops off', async () => {
    const sub = await t.as('desk1', 'POST', '/api/v1/mail/subscriptions', { unitId: ids.eastUnit.id, publication: '深圳特区报', copies: 1, fromDate: '2026-01-01', toDate: '2099-12-31', delivery: 'mailbox' });
    expect(sub.statusCode, sub.body).toBe(201);
    const s = sub.json();
    const s2 = (await t.as('desk1', 'POST', '/api/v1/mail/subscriptions', { unitId: ids.owner1Unit.id, publication: '南方都市报', copies: 2, fromDate: '2026-01-01', toDate: '2099-12-31', delivery: 'door' })).json();
    const bad = await t.as('desk1', 'POST', '/api/v1/mail/subscriptions', { unitId: ids.eastUnit.id, publication: '报', copies: 1, fromDate: '2026-02-01', toDate: '2026-01-01', delivery: 'mailbox' });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields)).toContain('toDate');
    expect((await t.as('cs2', 'POST', '/api/v1/mail/subscriptions', { unitId: ids.eastUnit.id, publication: '报', copies: 1, fromDate: '2026-01-01', toDate: '2026-12-31', delivery: 'mailbox' })).statusCode).toBe(404);
    const now = (await t.as('admin', 'GET', '/api/v1/clock')).json();
    const today = new Date(now.now).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
    const day = async () => (await t.as('desk1', 'GET', `/api/v1/mail/deliveries?estateId=${ids.estate}&date=${today}`)).json();
    expect((await day()).items.map((i: { id: number }) => i.id)).toEqual(expect.arrayContaining([s.id, s2.id]));
    const done = await t.as('desk1', 'POST', '/api/v1/mail/deliveries', { estateId: ids.estate, date: today, subscriptionIds: [s.id, s2.id] });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().delivered).toBe(2);
    expect((await t.as('desk1', 'POST', '/api/v1/mail/deliveries', { estateId: ids.estate, date: today, subscriptionIds: [s.id] })).json().delivered).toBe(0);
    expect((await day()).items.find((i: { id: number }) => i.id === s.id).deliveredAt).not.toBeNull();
    expect((await t.as('desk1', 'POST', '/api/v1/mail/deliveries', { estateId: ids.estate, date: '2099-01-01', subscriptionIds: [s.id] })).statusCode).toBe(400);
    const ended = await t.as('desk1', 'POST', `/api/v1/mail/subscriptions/${s.id}/end`, { endedOn: today });
    expect(ended.statusCode, ended.body).toBe(200);
    expect((await day()).items.map((i: { id: number }) => i.id)).not.toContain(s.id);
    expect((await t.as('desk1', 'POST', `/api/v1/mail/subscriptions/${s.id}/end`, { endedOn: today })).statusCode).toBe(409);
  });
});

describe('dwell report', () => {
  it('median and percentiles by kind from arrival to pickup', async () => {
    await t.as('admin', 'POST', '/api/v1/clock', { reset: true });
    const fresh = await createTestApp();
    try {
      const fids = await demoIds(fresh);
      const reg = async (kind: string) => (await fresh.as('desk1', 'POST', '/api/v1/mail/items', { estateId: fids.estate, kind, carrier: 'ems', trackingNo: null, addressee: '某', unitId: fids.eastUnit.id, shelf: 'B', pieces: 1 })).json().id as number;
      const a = await reg('parcel');
      const b = await reg('parcel');
      const c = await reg('letter');
      const take = async (id: number) => expect((await fresh.as('desk1', 'POST', '/api/v1/mail/pickups', { estateId: fids.estate, items: [{ id }], method: 'id', pickerName: '某', relation: 'self', idType: 'id_card', idLast4: '1234', signature: sig() })).statusCode).toBe(201);
      await fresh.as('admin', 'POST', '/api/v1/clock', { advanceMinutes: 120 });
      await take(a);
      await take(c);
      await fresh.as('admin', 'POST', '/api/v1/clock', { advanceMinutes: 240 });
      await take(b);
      const now = (await fresh.as('admin', 'GET', '/api/v1/clock')).json();
      const today = new Date(now.now).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
      const r = await fresh.as('director', 'GET', `/api/v1/mail/reports/dwell?estateId=${fids.estate}&from=2000-01-01&to=${today}`);
      expect(r.statusCode, r.body).toBe(200);
      const body = r.json();
      expect(body.overall).toMatchObject({ count: 3, median: 2, max: 6 });
      expect(body.kinds.find((k: { kind: string }) => k.kind === 'parcel')).toMatchObject({ count: 2, median: 4, p90: 5.6 });
      expect(body.received.reduce((n: number, d: { count: number }) => n + d.count, 0)).toBeGreaterThanOrEqual(3);
      expect((await fresh.as('director', 'GET', `/api/v1/mail/reports/dwell?estateId=${fids.estate}&from=2026-02-01&to=2026-01-01`)).statusCode).toBe(400);
      expect((await fresh.as('cashier1', 'GET', `/api/v1/mail/reports/dwell?estateId=${fids.estate}&from=2026-01-01&to=2026-01-31`)).statusCode).toBe(403);
    } finally {
      await fresh.close();
    }
  });
});
