import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { demoIds } from '../helpers/fixtures.ts';

let t: TestApp;
let ids: Awaited<ReturnType<typeof demoIds>>;
let eastTicket: number;
let westTicket: number;
let jpeg: Buffer;
const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

beforeAll(async () => {
  t = await createTestApp();
  ids = await demoIds(t);
  const ticketIn = async (unitId: number) => {
    const res = await t.as('desk1', 'POST', '/api/v1/tickets', { unitId, type: 'complaint', channel: 'phone', title: '投诉噪音', description: '楼上装修太吵' });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as number;
  };
  eastTicket = await ticketIn(ids.eastUnit.id);
  westTicket = await ticketIn(ids.westUnit.id);
  jpeg = await sharp({ create: { width: 40, height: 60, channels: 3, background: '#ffffff' } }).jpeg().toBuffer();
});
afterAll(() => t.close());

function upload(user: string, form: string, record: string, file: { name: string; type: string; data: Buffer } | null, note?: string) {
  const boundary = '----scan';
  const parts: Buffer[] = [];
  if (note !== undefined) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="note"\r\n\r\n${note}\r\n`));
  if (file) parts.push(Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`), file.data, Buffer.from('\r\n')]));
  const payload = Buffer.concat([...parts, Buffer.from(`--${boundary}--\r\n`)]);
  return t.login(user).then((cookie) =>
    t.app.inject({ method: 'POST', url: `/api/v1/forms/${form}/${record}/scans`, payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, cookie } }),
  );
}

describe('form kit: catalog and samples', () => {
  it('lists every registered form with its manual number', async () => {
    const res = await t.as('cs1', 'GET', '/api/v1/forms');
    expect(res.statusCode).toBe(200);
    const codes = res.json().items.map((f: { code: string }) => f.code);
    expect(codes).toEqual(expect.arrayContaining(['complaint', 'incident', 'notice', 'reminder', 'receipt', 'close', 'stats']));
    expect(res.json().items.find((f: { code: string }) => f.code === 'complaint').number).toBe('5.8');
  });

  it('names a sample record per form that the caller can open, and 404 outside scope', async () => {
    const res = await t.as('director', 'GET', `/api/v1/forms/samples?estateId=${ids.estate}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().complaint).toMatch(/^\d+$/);
    const cs1 = (await t.as('cs1', 'GET', `/api/v1/forms/samples?estateId=${ids.estate}`)).json();
    // cs1 (east area) is never offered the west ticket as a sample
    expect(cs1.complaint).not.toBe(String(westTicket));
    expect((await t.as('cs1', 'GET', '/api/v1/forms/samples?estateId=999999')).statusCode).toBe(404);
    expect((await t.as('cs1', 'GET', '/api/v1/forms/samples')).statusCode).toBe(400);
    expect((await t.as('owner1', 'GET', `/api/v1/forms/samples?estateId=${ids.estate}`)).statusCode).toBe(403);
  });
});

describe('form kit: signed scans', () => {
  it('files a PDF and a photo against a record, lists and serves them, and audits the upload', async () => {
    const a = await upload('cs1', 'complaint', String(eastTicket), { name: 'signed.pdf', type: 'application/pdf', data: pdf }, '业主已签字');
    expect(a.statusCode).toBe(201);
    const b = await upload('desk1', 'complaint', String(eastTicket), { name: 'photo.jpg', type: 'image/jpeg', data: jpeg });
    expect(b.statusCode).toBe(201);
    const list = await t.as('cs1', 'GET', `/api/v1/forms/complaint/${eastTicket}/scans`);
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toHaveLength(2);
    expect(list.json().items[1]).toMatchObject({ mime: 'application/pdf', note: '业主已签字', fileName: 'signed.pdf', uploadedBy: expect.any(String) });
    const file = await t.as('cs1', 'GET', `/api/v1/form-scans/${a.json().id}`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.rawPayload.equals(pdf)).toBe(true);
    // a photo is re-encoded: same picture, metadata gone
    const photo = await t.as('cs1', 'GET', `/api/v1/form-scans/${b.json().id}`);
    expect(await sharp(photo.rawPayload).metadata()).toMatchObject({ format: 'jpeg', width: 40, height: 60 });
    const audit = await t.db.selectFrom('audit_log').selectAll().where('entity', '=', 'form_scan').execute();
    expect(audit).toHaveLength(2);
    expect(audit[0]!.summary).toContain('业主投诉记录表');
  });

  it('keeps scans in the record scope: 404 for a record or a scan outside it', async () => {
    const west = await upload('cs2', 'complaint', String(westTicket), { name: 's.pdf', type: 'application/pdf', data: pdf });
    expect(west.statusCode).toBe(201);
    expect((await upload('cs1', 'complaint', String(westTicket), { name: 's.pdf', type: 'application/pdf', data: pdf })).statusCode).toBe(404);
    expect((await t.as('cs1', 'GET', `/api/v1/forms/complaint/${westTicket}/scans`)).statusCode).toBe(404);
    expect((await t.as('cs1', 'GET', `/api/v1/form-scans/${west.json().id}`)).statusCode).toBe(404);
    expect((await t.as('director', 'GET', `/api/v1/form-scans/${west.json().id}`)).statusCode).toBe(200);
  });

  it('works for unit, payment and estate keyed forms', async () => {
    const period = (await t.db.selectFrom('bill_lines').select('period').where('unit_id', '=', ids.eastUnit.id).executeTakeFirst())?.period ?? '2026-01';
    expect((await upload('cs1', 'notice', `${ids.eastUnit.id}@${period}`, { name: 'n.pdf', type: 'application/pdf', data: pdf })).statusCode).toBe(201);
    expect((await upload('cs1', 'reminder', String(ids.westUnit.id), { name: 'r.pdf', type: 'application/pdf', data: pdf })).statusCode).toBe(404);
    expect((await upload('assistant', 'close', `${ids.estate}@2026-01-05`, { name: 'c.pdf', type: 'application/pdf', data: pdf })).statusCode).toBe(201);
    // an area administrator does not see the whole estate's day close
    expect((await upload('cs1', 'close', `${ids.estate}@2026-01-05`, { name: 'c.pdf', type: 'application/pdf', data: pdf })).statusCode).toBe(404);
    const pay = await t.db.selectFrom('payments').select('id').orderBy('id').executeTakeFirst();
    if (pay) expect((await upload('director', 'receipt', String(pay.id), { name: 'p.pdf', type: 'application/pdf', data: pdf })).statusCode).toBe(201);
  });

  it('files scans of the management, renovation, vacant-unit, sign and mail forms within their scope', async () => {
    const codes = (await t.as('director', 'GET', '/api/v1/forms')).json().items.map((f: { code: string }) => f.code);
    expect(codes).toEqual(expect.arrayContaining(['appraisal', 'devplan', 'pack', 'reno-permit', 'reno-sheet', 'reno-notice', 'reno-approval', 'reno-report', 'vacant-register', 'vacant-signin', 'vacant-record', 'sign-labels', 'mail-delivery', 'mail-pickup']));
    const file = { name: 's.pdf', type: 'application/pdf', data: pdf };
    // appraisals: cs1 files his own, not cs2's; the director any
    const month = '2026-01';
    expect((await t.as('director', 'POST', '/api/v1/appraisals/generate', { estateId: ids.estate, month })).statusCode).toBe(200);
    const list = (await t.as('director', 'GET', `/api/v1/appraisals?estateId=${ids.estate}&period=${month}`)).json().items as Array<{ id: number; userId: number }>;
    const own = list.find((a) => a.userId === ids.users.cs1)!;
    const other = list.find((a) => a.userId === ids.users.cs2)!;
    expect((await upload('cs1', 'appraisal', String(own.id), file)).statusCode).toBe(201);
    expect((await upload('cs1', 'appraisal', String(other.id), file)).statusCode).toBe(404);
    expect((await upload('director', 'appraisal', String(other.id), file)).statusCode).toBe(201);
    expect((await upload('cs1', 'devplan', String(ids.users.cs1), file)).statusCode).toBe(201);
    expect((await upload('cs1', 'devplan', String(ids.users.cs2), file)).statusCode).toBe(404);
    // the pack and estate-wide sheets
    expect((await upload('director', 'pack', `${ids.estate}@${month}`, file)).statusCode).toBe(201);
    expect((await upload('cs1', 'pack', `${ids.estate}@${month}`, file)).statusCode).toBe(404);
    expect((await upload('cs1', 'mail-pickup', `${ids.estate}@2026-01-05`, file)).statusCode).toBe(201);
    expect((await upload('cs1', 'mail-pickup', `999999@2026-01-05`, file)).statusCode).toBe(404);
    expect((await upload('cs1', 'vacant-register', `${ids.estate}@2026-01`, file)).statusCode).toBe(404);
    // samples name records the caller can open
    const samples = (await t.as('director', 'GET', `/api/v1/forms/samples?estateId=${ids.estate}`)).json();
    expect(samples.appraisal).toMatch(/^\d+$/);
    expect(samples.devplan).toMatch(/^\d+$/);
    expect(samples['reno-sheet']).toMatch(new RegExp(`^${ids.estate}@\\d{4}-\\d{2}-\\d{2}$`));
    const cs1 = (await t.as('cs1', 'GET', `/api/v1/forms/samples?estateId=${ids.estate}`)).json();
    expect(cs1.devplan).toBe(String(ids.users.cs1));
    expect(cs1.pack).toBeNull();
  });

  it('files scans of the 5.2 visit record within its area, and of the activity sign-in sheet', async () => {
    const forms = (await t.as('cs1', 'GET', '/api/v1/forms')).json().items as Array<{ code: string; number: string | null }>;
    expect(forms.find((f) => f.code === 'visit')?.number).toBe('5.2');
    expect(forms.map((f) => f.code)).toContain('activity-signin');
    const file = { name: 's.pdf', type: 'application/pdf', data: pdf };
    const visitBy = async (user: string, householdId: number | null) => {
      const res = await t.as(user, 'POST', '/api/v1/home-visits', { householdId, purpose: 'routine', method: 'in_home', outcome: 'met', visitedAt: new Date(t.clock.now().getTime() - 3600_000).toISOString(), membersMet: '户主' });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id as number;
    };
    const east = await visitBy('cs1', ids.eastUnit.householdId);
    const west = await visitBy('cs2', ids.westUnit.householdId);
    expect((await upload('cs1', 'visit', String(east), file)).statusCode).toBe(201);
    expect((await upload('cs1', 'visit', String(west), file)).statusCode).toBe(404);
    expect((await t.as('cs1', 'GET', `/api/v1/forms/visit/${west}/scans`)).statusCode).toBe(404);
    expect((await upload('director', 'visit', String(west), file)).statusCode).toBe(201);
    const audit = await t.db.selectFrom('audit_log').select('summary').where('entity', '=', 'form_scan').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(audit.summary).toContain('巡访、回访记录表');
    expect(audit.summary).toContain(`HV-${west}`);
    // cs1 is offered an east visit as the gallery sample, never the west one
    expect((await t.as('cs1', 'GET', `/api/v1/forms/samples?estateId=${ids.estate}`)).json().visit).toBe(String(east));

    const act = await t.as('assistant', 'POST', '/api/v1/activities', { estateId: ids.estate, title: '中秋游园', type: 'elderly', agenda: '安排', budget: [{ item: '茶点', amount: 5000 }], staffing: [{ role: '主持', name: '王丽' }], facilityId: ids.facility, venue: '会所', startsAt: '2099-01-10T02:00:00.000Z', endsAt: '2099-01-10T04:00:00.000Z', opensAt: '2099-01-01T00:00:00.000Z', closesAt: '2099-01-09T00:00:00.000Z', capacity: 30, perUnitLimit: 3, audienceKind: 'areas', audienceIds: [ids.east] });
    expect(act.statusCode, act.body).toBe(201);
    const actId = act.json().id as number;
    expect((await upload('cs1', 'activity-signin', String(actId), file)).statusCode).toBe(201);
    expect((await t.as('cs1', 'GET', `/api/v1/forms/activity-signin/${actId}/scans`)).json().items).toHaveLength(1);
    expect((await upload('cs1', 'activity-signin', '999999', file)).statusCode).toBe(404);
    expect((await upload('owner1', 'activity-signin', String(actId), file)).statusCode).toBe(403);
    expect((await t.as('director', 'GET', `/api/v1/forms/samples?estateId=${ids.estate}`)).json()['activity-signin']).toMatch(/^\d+$/);
  });

  it('refuses bad input naming the field, and writes nothing', async () => {
    const before = await t.db.selectFrom('form_scans').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const notImage = await upload('cs1', 'complaint', String(eastTicket), { name: 'x.jpg', type: 'image/jpeg', data: Buffer.from('<script>alert(1)</script>') });
    expect(notImage.statusCode).toBe(400);
    expect(notImage.json().error.fields.file).toBeTruthy();
    const noFile = await upload('cs1', 'complaint', String(eastTicket), null, 'only a note');
    expect(noFile.statusCode).toBe(400);
    expect(noFile.json().error.fields.file).toBeTruthy();
    expect((await upload('cs1', 'nosuchform', '1', { name: 's.pdf', type: 'application/pdf', data: pdf })).statusCode).toBe(404);
    expect((await upload('cs1', 'complaint', 'abc', { name: 's.pdf', type: 'application/pdf', data: pdf })).statusCode).toBe(404);
    expect((await upload('cs1', 'notice', `${ids.eastUnit.id}`, { name: 's.pdf', type: 'application/pdf', data: pdf })).statusCode).toBe(404);
    expect((await upload('cs1', 'BAD CODE', '1', { name: 's.pdf', type: 'application/pdf', data: pdf })).statusCode).toBe(400);
    const json = await t.as('cs1', 'POST', `/api/v1/forms/complaint/${eastTicket}/scans`, { file: 'x' });
    expect(json.statusCode).toBe(415);
    // the administrator reads but files nothing; an owner neither
    expect((await upload('admin', 'complaint', String(eastTicket), { name: 's.pdf', type: 'application/pdf', data: pdf })).statusCode).toBe(403);
    expect((await upload('owner1', 'complaint', String(eastTicket), { name: 's.pdf', type: 'application/pdf', data: pdf })).statusCode).toBe(403);
    const after = await t.db.selectFrom('form_scans').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });
});
