/**
 * The HTTP edge: security headers that follow the scheme (a LAN over plain http must work),
 * cross-site writes refused, no caching of personal data, query values out of the logs, strict
 * JSON types in bodies, normalised text, and years within bounds.
 */
import fs from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, tableCounts, type TestApp } from '../helpers/app.ts';
import { demoIds } from '../helpers/fixtures.ts';

let t: TestApp;
let ids: Awaited<ReturnType<typeof demoIds>>;
beforeAll(async () => {
  t = await createTestApp();
  ids = await demoIds(t);
});
afterAll(() => t.close());

const upgrades = (csp: unknown) => /upgrade-insecure-requests/.test(String(csp));

/** Answers `GET url` of `app` through a real TLS socket, so request.protocol is https by itself. */
async function overHttps(app: TestApp['app'], url: string): Promise<Record<string, string | string[] | undefined>> {
  // A throw-away self-signed certificate for localhost, committed so the test needs no openssl.
  const fixture = (name: string) => fs.readFileSync(path.join(import.meta.dirname, '../fixtures', name));
  const server = https.createServer({ key: fixture('tls-localhost.key'), cert: fixture('tls-localhost.crt') }, (req, res) => app.routing(req, res));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  try {
    const { port } = server.address() as AddressInfo;
    return await new Promise((resolve, reject) => {
      https.get({ host: '127.0.0.1', port, path: url, rejectUnauthorized: false }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.headers));
      }).on('error', reject);
    });
  } finally {
    await new Promise((r) => server.close(r));
  }
}

describe('HSTS and upgrade-insecure-requests follow the scheme', () => {
  it('are not sent over plain http, even when an untrusted client claims https', async () => {
    for (const headers of [{}, { 'x-forwarded-proto': 'https' }]) {
      const res = await t.app.inject({ method: 'GET', url: '/api/health', headers });
      expect(res.headers['content-security-policy']).toContain("default-src 'self'");
      expect(upgrades(res.headers['content-security-policy'])).toBe(false);
      expect(res.headers['strict-transport-security']).toBeUndefined();
    }
  });

  it('are sent over https', async () => {
    const headers = await overHttps(t.app, '/api/health');
    expect(headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    expect(upgrades(headers['content-security-policy'])).toBe(true);
    expect(headers['content-security-policy']).toContain("default-src 'self'");
  });

  it('are sent over http too when COOKIE_SECURE declares the site HTTPS-only', async () => {
    const s = await createTestApp({ demo: false, config: { cookieSecure: true } });
    try {
      const res = await s.app.inject({ method: 'GET', url: '/api/health' });
      expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
      expect(upgrades(res.headers['content-security-policy'])).toBe(true);
    } finally {
      await s.close();
    }
  });
});

describe('cross-site writes are refused', () => {
  const unread = async (username: string) =>
    Number(
      (
        await t.db
          .selectFrom('notifications as n')
          .innerJoin('users as u', 'u.id', 'n.user_id')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('u.username', '=', username)
          .where('n.read_at', 'is', null)
          .executeTakeFirstOrThrow()
      ).n,
    );
  const audits = async () => Number((await t.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const raw = async (user: string, url: string, headers: Record<string, string>, payload?: string | Buffer) =>
    t.app.inject({ method: 'POST', url, payload, headers: { cookie: await t.login(user), ...headers } });
  const multipart = (boundary: string, name: string, data: Buffer | string) =>
    Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: image/png\r\n\r\n`), Buffer.from(data), Buffer.from(`\r\n--${boundary}--\r\n`)]);

  it('a text/plain write (what a cross-site form can send) gets 415, nothing read', async () => {
    // an owner's request notifies the area's customer service
    await t.as('owner1', 'POST', '/api/v1/portal/tickets', { unitId: ids.owner1Unit.id, type: 'repair', title: '灯不亮', description: '客厅' });
    const before = await unread('cs1');
    expect(before).toBeGreaterThan(0);
    const res = await raw('cs1', '/api/v1/notifications/read-all', { 'content-type': 'text/plain' }, '');
    expect(res.statusCode).toBe(415);
    expect(res.json().error.message).toBe('请求内容类型应为 application/json');
    expect(await unread('cs1')).toBe(before);
    const none = await raw('cs1', '/api/v1/notifications/read-all', {});
    expect(none.statusCode).toBe(415);
    expect(await unread('cs1')).toBe(before);
  });

  it('multipart to a JSON route gets 415, nothing revealed or audited', async () => {
    await t.login('director'); // a sign-in is audited: before counting
    const before = await audits();
    const res = await raw('director', '/api/v1/reveal', { 'content-type': 'multipart/form-data; boundary=x' }, multipart('x', 'a.png', 'kind=member'));
    expect(res.statusCode).toBe(415);
    expect(await audits()).toBe(before);
  });

  it('a foreign Origin gets 403 with a clear message, the ticket stays as it was', async () => {
    const id = (await t.as('owner1', 'POST', '/api/v1/portal/tickets', { unitId: ids.owner1Unit.id, type: 'repair', title: '水龙头漏水', description: '厨房' })).json().id;
    await t.as('desk1', 'POST', `/api/v1/tickets/${id}/dispatch`, { department: 'engineering', assigneeId: ids.users.eng1 });
    await t.as('eng1', 'POST', `/api/v1/tickets/${id}/accept`, {});
    expect((await t.as('eng1', 'POST', `/api/v1/tickets/${id}/resolve`, { note: '已换阀芯' })).statusCode).toBe(200);
    const confirm = `/api/v1/portal/tickets/${id}/confirm`;
    const json = { 'content-type': 'application/json' };
    for (const origin of ['http://evil.example', 'http://localhost.evil.example', 'null']) {
      const res = await raw('owner1', confirm, { ...json, origin }, '{}');
      expect(res.statusCode, origin).toBe(403);
      expect(res.json().error.message).toContain('请求来自其他网站');
    }
    const en = await raw('owner1', confirm, { ...json, origin: 'http://evil.example', 'accept-language': 'en' }, '{}');
    expect(en.json().error.message).toContain('the request came from another site');
    expect((await t.db.selectFrom('tickets').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status).toBe('resolved');
    // the same page's own request (Origin of this host, as a browser sends it) goes through
    const own = await raw('owner1', confirm, { ...json, origin: 'http://localhost', 'sec-fetch-site': 'same-origin' }, '');
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json().status).not.toBe('resolved');
  });

  it('Sec-Fetch-Site: cross-site gets 403: logout does not end the session', async () => {
    for (const site of ['cross-site', 'same-site']) {
      const res = await raw('desk1', '/api/v1/auth/logout', { 'content-type': 'application/json', 'sec-fetch-site': site });
      expect(res.statusCode, site).toBe(403);
    }
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: await t.login('desk1') } });
    expect(me.statusCode).toBe(200);
  });

  it('an upload from another site gets 403, an upload as JSON 415; the own page uploads', async () => {
    const id = (await t.as('desk1', 'POST', '/api/v1/tickets', { unitId: ids.owner1Unit.id, type: 'repair', channel: 'phone', title: '墙面渗水', description: '卧室' })).json().id;
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
    const url = `/api/v1/tickets/${id}/photos`;
    const form = { 'content-type': 'multipart/form-data; boundary=b' };
    const photos = async () => (await t.db.selectFrom('ticket_photos').select('id').where('ticket_id', '=', id).execute()).length;
    expect((await raw('desk1', url, { ...form, origin: 'http://evil.example' }, multipart('b', 'a.png', png))).statusCode).toBe(403);
    expect((await raw('desk1', url, { ...form, 'sec-fetch-site': 'cross-site' }, multipart('b', 'a.png', png))).statusCode).toBe(403);
    const asJson = await raw('desk1', url, { 'content-type': 'application/json' }, '{}');
    expect(asJson.statusCode).toBe(415);
    expect(asJson.json().error.message).toContain('multipart/form-data');
    expect(await photos()).toBe(0);
    const own = await raw('desk1', url, { ...form, origin: 'http://localhost:80', 'sec-fetch-site': 'same-origin' }, multipart('b', 'a.png', png));
    expect(own.statusCode, own.body).toBe(201);
    expect(await photos()).toBe(1);
  });

  it('a login from another site is refused too (login CSRF)', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'desk1', password: 'demo1234' }, headers: { origin: 'http://evil.example' } });
    expect(res.statusCode).toBe(403);
    expect(res.cookies.find((c) => c.name === 'wd_session')).toBeUndefined();
  });
});

describe('personal data is not cached', () => {
  it('every /api answer is Cache-Control: no-store: JSON, errors, exports and photos', async () => {
    const id = (await t.as('desk1', 'POST', '/api/v1/tickets', { unitId: ids.owner1Unit.id, type: 'repair', channel: 'phone', title: '门铃坏了', description: '门口' })).json().id;
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
    const body = Buffer.concat([Buffer.from('--b\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n'), png, Buffer.from('\r\n--b--\r\n')]);
    const up = await t.app.inject({ method: 'POST', url: `/api/v1/tickets/${id}/photos`, payload: body, headers: { cookie: await t.login('desk1'), 'content-type': 'multipart/form-data; boundary=b' } });
    expect(up.statusCode, up.body).toBe(201);
    const photo = await t.db.selectFrom('ticket_photos').select('id').where('ticket_id', '=', id).executeTakeFirstOrThrow();
    const month = new Date().toISOString().slice(0, 7);
    const urls = [
      `/api/v1/units/${ids.owner1Unit.id}/archive`,
      `/api/v1/units?estateId=${ids.estate}&q=陈`,
      `/api/v1/tickets/${id}`,
      `/api/v1/photos/${photo.id}`,
      `/api/v1/fees/notices.xlsx?estateId=${ids.estate}&period=${month}`,
      '/api/v1/imports/template',
      '/api/v1/units/999999',
    ];
    for (const url of urls) {
      const res = await t.as('director', 'GET', url);
      expect(res.statusCode, `${url} ${res.body.slice(0, 100)}`).toBeLessThan(url.endsWith('999999') ? 500 : 300);
      expect(res.headers['cache-control'], url).toBe('no-store');
    }
    expect((await t.as(null, 'GET', '/api/v1/auth/me')).headers['cache-control']).toBe('no-store');
  });
});

describe('request logs', () => {
  it('never carry query values: a searched phone number is not written', async () => {
    const lines: string[] = [];
    const s = await createTestApp({ demo: false, logger: { level: 'info', stream: { write: (l: string) => void lines.push(l) } } });
    try {
      await s.app.inject({ method: 'GET', url: '/api/v1/units?q=13800138000&page=1' });
      await s.app.inject({ method: 'GET', url: '/api/v1/fees/units/search?13800138000' });
    } finally {
      await s.close();
    }
    const log = lines.join('');
    expect(log).toContain('"url":"/api/v1/units?q=~&page=~"');
    expect(log).toContain('"url":"/api/v1/fees/units/search?~"');
    expect(log).not.toContain('13800138000');
  });
});

describe('ids in JSON bodies are JSON numbers', () => {
  it('true, "12" and 1.5 get 400 naming the field, nothing revealed', async () => {
    const before = await tableCounts(t.db);
    const audits = async () => Number((await t.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const auditsBefore = await audits();
    for (const id of [true, String(ids.owner1Unit.member), ids.owner1Unit.member + 0.5]) {
      const res = await t.as('director', 'POST', '/api/v1/reveal', { kind: 'member', id, field: 'phone' });
      expect(res.statusCode, JSON.stringify(id)).toBe(400);
      expect(Object.keys(res.json().error.fields)).toEqual(['id']);
    }
    const ticket = await t.as('desk1', 'POST', '/api/v1/tickets', { unitId: String(ids.owner1Unit.id), type: 'repair', channel: 'phone', title: '灯不亮', description: '客厅' });
    expect(ticket.statusCode).toBe(400);
    expect(Object.keys(ticket.json().error.fields)).toEqual(['unitId']);
    expect(await tableCounts(t.db)).toEqual(before);
    expect(await audits()).toBe(auditsBefore);
    // a number is a number, and ids in a query string are still read from text
    expect((await t.as('director', 'POST', '/api/v1/reveal', { kind: 'member', id: ids.owner1Unit.member, field: 'phone' })).statusCode).toBe(200);
    expect((await t.as('director', 'GET', `/api/v1/units?estateId=${ids.estate}`)).statusCode).toBe(200);
  });
});

describe('text is normalised', () => {
  const ticket = (fields: Record<string, unknown>) =>
    t.as('desk1', 'POST', '/api/v1/tickets', { unitId: ids.owner1Unit.id, type: 'repair', channel: 'phone', title: '灯不亮', description: '客厅', ...fields });

  it('refuses a title of only invisible characters and any control character, naming the field', async () => {
    const before = await tableCounts(t.db);
    for (const [fields, field] of [
      [{ title: '\u200b\u202e' }, 'title'],
      [{ title: '\ufeff\u2060 \u2066\u2069' }, 'title'],
      [{ title: '\u0000' }, 'title'],
      [{ title: '灯\u0000不亮' }, 'title'],
      [{ description: '客厅\u0007' }, 'description'],
      [{ reporterName: '张\u001b三' }, 'reporterName'],
    ] as const) {
      const res = await ticket(fields);
      expect(res.statusCode, JSON.stringify(fields)).toBe(400);
      expect(Object.keys(res.json().error.fields), JSON.stringify(fields)).toEqual([field]);
    }
    const blank = await ticket({ title: '\u200b\u202e' });
    expect(blank.json().error.fields.title).toBe('不能只有空白或不可见字符');
    expect((await ticket({ title: '\u0000' })).json().error.fields.title).toBe('含有不允许的控制字符');
    const unit = await t.as('admin', 'POST', '/api/v1/units', { buildingId: ids.eastUnit.buildingId, floor: 1, number: '\u200b', buildingArea: 50 });
    expect(unit.statusCode).toBe(400);
    expect(await tableCounts(t.db)).toEqual(before);
  });

  it('stores text trimmed, composed (NFC) and with \\n line ends; invisible-only notes are empty', async () => {
    const res = await ticket({ title: '  Cafe\u0301 灯不亮\u3000', description: '第一行\r\n第二行\r第三行\t完', reporterName: '\u200b' });
    expect(res.statusCode, res.body).toBe(201);
    const row = await t.db.selectFrom('tickets').select(['title', 'description', 'reporter_name']).where('id', '=', res.json().id).executeTakeFirstOrThrow();
    expect(row.title).toBe('Café 灯不亮');
    expect(row.title.length).toBe(8);
    expect(row.description).toBe('第一行\n第二行\n第三行\t完');
    expect(row.reporter_name).not.toContain('\u200b');
  });

  it('a NUL anywhere in a JSON body is a 400 naming it, also in fields that are not free text', async () => {
    const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'desk1\u0000', password: 'demo1234' } });
    expect(login.statusCode).toBe(400);
    expect(login.json().error.fields).toEqual({ username: '含有不允许的控制字符' });
    const nested = await t.as('director', 'POST', '/api/v1/households', { unitId: ids.eastUnit.id, name: '王家', members: [{ name: '王\u0000五', relation: 'self' }] });
    expect(nested.statusCode).toBe(400);
    expect(Object.keys(nested.json().error.fields)).toEqual(['members.0.name']);
  });

  it('a search box with a NUL is a 400, not a database error', async () => {
    const res = await t.as('director', 'GET', `/api/v1/units?estateId=${ids.estate}&q=${encodeURIComponent('陈\u0000')}`);
    expect(res.statusCode).toBe(400);
    expect(Object.keys(res.json().error.fields)).toEqual(['q']);
  });
});

describe('dates and periods are real and within bounds', () => {
  it('collection statistics of year 0000 or 9999 get 400 naming the period', async () => {
    for (const period of ['0000-01', '9999-12', '0000', '9999-Q4', '1999-H1', '2101']) {
      const res = await t.as('director', 'GET', `/api/v1/fees/stats?estateId=${ids.estate}&period=${period}`);
      expect(res.statusCode, period).toBe(400);
      expect(Object.keys(res.json().error.fields), period).toEqual(['period']);
    }
    expect((await t.as('director', 'GET', `/api/v1/fees/stats?estateId=${ids.estate}&period=2100-12`)).statusCode).toBe(200);
  });

  it('billing, notices and readings refuse a period outside 2000–2100', async () => {
    for (const period of ['0000-01', '9999-12', '1999-12']) {
      const res = await t.as('director', 'POST', '/api/v1/fees/runs/preview', { estateId: ids.estate, period });
      expect(res.statusCode, period).toBe(400);
      expect(res.json().error.fields.period).toBe('年份应在 2000–2100 之间');
      expect((await t.as('director', 'GET', `/api/v1/fees/notices?estateId=${ids.estate}&period=${period}`)).statusCode).toBe(400);
      expect((await t.as('director', 'GET', `/api/v1/fees/readings?estateId=${ids.estate}&period=${period}`)).statusCode).toBe(400);
    }
  });

  it('a billing run may go a year ahead of the current month, not to 2099', async () => {
    const before = await tableCounts(t.db);
    t.clock.setTo(new Date('2026-06-15T04:00:00.000Z'));
    try {
      for (const url of ['/api/v1/fees/runs/preview', '/api/v1/fees/runs']) {
        const res = await t.as('director', 'POST', url, { estateId: ids.estate, period: '2099-12' });
        expect(res.statusCode, url).toBe(400);
        expect(res.json().error.fields).toEqual({ period: '只能为 2027-06 及以前的期间计费（最多提前 12 个月）' });
        expect((await t.as('director', 'POST', url, { estateId: ids.estate, period: '2027-07' })).statusCode, url).toBe(400);
      }
      expect(await tableCounts(t.db)).toEqual(before);
      expect((await t.as('director', 'POST', '/api/v1/fees/runs/preview', { estateId: ids.estate, period: '2027-06' })).statusCode).toBe(200);
    } finally {
      t.clock.setOffset(0);
    }
  });

  it('dates must exist in the calendar and lie within 1900–2100, in bodies and query strings', async () => {
    const before = await tableCounts(t.db);
    for (const date of ['2026-02-30', '2026-13-01', '0000-01-01', '9999-12-31', '2101-01-01']) {
      const holiday = await t.as('admin', 'POST', '/api/v1/desk/holidays', { estateId: ids.estate, date, kind: 'off', name: '假日' });
      expect(holiday.statusCode, date).toBe(400);
      expect(Object.keys(holiday.json().error.fields)).toEqual(['date']);
      const list = await t.as('director', 'GET', `/api/v1/tickets?from=${date}`);
      expect(list.statusCode, date).toBe(400);
      const report = await t.as('director', 'GET', `/api/v1/reports/desk?estateId=${ids.estate}&from=${date}&to=${date}`);
      expect(report.statusCode, date).toBe(400);
      expect(Object.keys(report.json().error.fields)).toContain('from');
    }
    const appointment = await t.as('desk1', 'POST', '/api/v1/tickets', { unitId: ids.owner1Unit.id, type: 'repair', channel: 'phone', title: '灯', description: '灯', appointmentAt: '9999-01-01T00:00:00Z' });
    expect(appointment.statusCode).toBe(400);
    expect(Object.keys(appointment.json().error.fields)).toEqual(['appointmentAt']);
    expect(await tableCounts(t.db)).toEqual(before);
    expect((await t.as('director', 'GET', '/api/v1/tickets?from=2024-02-29')).statusCode).toBe(200);
  });
});
