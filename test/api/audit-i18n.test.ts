/**
 * Audit summaries are stored as message keys and read in the reader's language, naming the
 * operator by display name and the record by its business number, never by table#id.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDate } from '../../src/core/clock.ts';
import { auditActionLabel, auditEntityLabel } from '../../src/server/modules/audit/audit.labels.ts';
import { renderAudit } from '../../src/server/modules/audit/audit.service.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { eastUnits, insertFeeItem, insertLine, paymentKey } from '../helpers/fees.ts';
import { demoIds } from '../helpers/fixtures.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  t.clock.setTo(new Date('2026-12-10T02:00:00Z'));
  const ids = await demoIds(t);
  const today = localDate(t.clock.now());
  // A payment, the cashier's daily close and a dispatched ticket, all through the API.
  const item = await insertFeeItem(t, ids.estate);
  const [unit] = await eastUnits(t, [ids.owner1Unit.id]);
  await insertLine(t, unit!, item, { amount: 10_000, period: '2026-11', due_on: '2026-12-31' });
  const paid = await t.as('cashier1', 'POST', '/api/v1/fees/payments', { unitId: unit, amount: 10_000, expectedDue: 10_000, method: 'wechat', idempotencyKey: paymentKey() });
  expect(paid.statusCode, paid.body).toBe(201);
  const closed = await t.as('cashier1', 'POST', '/api/v1/fees/close', { estateId: ids.estate, date: today });
  expect(closed.statusCode, closed.body).toBe(201);
  const ticket = await t.as('desk1', 'POST', '/api/v1/tickets', { type: 'complaint', channel: 'phone', title: '楼上噪音', description: '晚上十一点后仍有装修噪音', estateId: ids.estate });
  expect(ticket.statusCode, ticket.body).toBe(201);
  const dispatched = await t.as('desk1', 'POST', `/api/v1/tickets/${ticket.json().id}/dispatch`, { department: 'engineering' });
  expect(dispatched.statusCode, dispatched.body).toBe(200);
});
afterAll(() => t.close());

type Entry = { id: number; actorName: string; actorDisplayName: string; entity: string; entityId: string | null; entityRef: string | null; summary: string };

async function read(query: string, lang: string, user = 'director'): Promise<Entry[]> {
  const res = await t.as(user, 'GET', `/api/v1/audit-log?${query}`, undefined, { 'accept-language': lang });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items;
}

const HAN = /[\u4e00-\u9fff]/;

describe('audit summaries in the reader language', () => {
  it('a payment reads in English and in Chinese, with the receipt number and the cashier display name', async () => {
    const [en] = await read('entity=payment&pageSize=1', 'en-US');
    const [zh] = await read('entity=payment&pageSize=1', 'zh-CN,zh;q=0.9');
    expect(en!.id).toBe(zh!.id);
    const receipt = (await t.db.selectFrom('payments').select('receipt_no').where('id', '=', Number(en!.entityId)).executeTakeFirstOrThrow()).receipt_no;
    const cashier = await t.db.selectFrom('users').select(['display_name', 'username']).where('username', '=', en!.actorName).executeTakeFirstOrThrow();

    expect(en!.summary).toMatch(/^Payment /);
    expect(en!.summary).toContain(receipt);
    expect(en!.summary).toMatch(/¥\d+\.\d{2} \((cash|card|WeChat Pay|Alipay|bank transfer|prepaid balance)\)/);
    expect(en!.summary).not.toMatch(/收款|元/);
    expect(zh!.summary).toMatch(/^收款 /);
    expect(zh!.summary).toContain(receipt);
    expect(zh!.summary).toMatch(/元（(现金|刷卡|微信|支付宝|转账|预存款)）/);
    for (const e of [en!, zh!]) {
      expect(e.summary).not.toMatch(/#\d/);
      expect(e.entityRef).toBe(receipt);
      expect(e.actorDisplayName).toBe(cashier.display_name);
    }
    expect(cashier.display_name).not.toBe(cashier.username);
  });

  it('a daily close names its date, not daily_close #id', async () => {
    const [en] = await read('entity=daily_close&pageSize=1', 'en-US');
    const [zh] = await read('entity=daily_close&pageSize=1', 'zh-CN');
    const close = await t.db.selectFrom('daily_closes').select(['business_date', 'cashier_name']).where('id', '=', Number(en!.entityId)).executeTakeFirstOrThrow();
    expect(en!.summary).toMatch(new RegExp(`^Daily close ${close.business_date}: \\d+ payments, collected ¥`));
    expect(zh!.summary).toMatch(new RegExp(`^日结 ${close.business_date}：\\d+ 笔`));
    expect(en!.entityRef).toBe(close.business_date);
    expect(en!.actorDisplayName).toBe(close.cashier_name);
  });

  it('ticket steps translate the event and both states; logins name the person', async () => {
    const [en] = await read('entity=ticket&action=ticket.dispatch&pageSize=1', 'en-US');
    const [zh] = await read('entity=ticket&action=ticket.dispatch&pageSize=1', 'zh-CN');
    const number = (await t.db.selectFrom('tickets').select('number').where('id', '=', Number(en!.entityId)).executeTakeFirstOrThrow()).number;
    expect(en!.summary).toBe(`Ticket ${number}: Dispatched (${en!.summary.match(/\((.+) → /)![1]} → ${en!.summary.match(/→ (.+)\)$/)![1]})`);
    expect(en!.summary).not.toMatch(HAN);
    expect(zh!.summary).toMatch(new RegExp(`^工单 ${number}：派工（.+ → .+）$`));
    expect(en!.entityRef).toBe(number);

    await t.login('cs1');
    const [login] = await read('action=login&actor=cs1&pageSize=1', 'en-US', 'admin');
    expect(login!.summary).toBe('Signed in: 张敏（东区片区管理员）');
    expect(login!.actorDisplayName).toBe('张敏（东区片区管理员）');
  });

  it('no new entry of the demo carries a #<id> code in either language', async () => {
    for (const lang of ['en-US', 'zh-CN']) {
      const items = await read('pageSize=200', lang);
      expect(items.length).toBeGreaterThan(50);
      for (const e of items) expect(e.summary, e.summary).not.toMatch(/#\d/);
    }
    // English summaries carry Chinese only inside names and free text (the demo's people and places).
    const [unit] = await read('entity=unit&action=create&pageSize=1', 'en-US');
    expect(unit!.summary).toMatch(/^Created unit [\w-]+$/);
  });

  it('names every entity and plain action code the modules write, in both languages', async () => {
    // The codes as the services spell them (`entity: 'x'`, `action: 'y'`), so a new module's codes fail here until named.
    const src = fs.readdirSync(path.join(ROOT, 'src/server/modules'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    const text = src.map((f) => fs.readFileSync(path.join(ROOT, 'src/server/modules', f), 'utf8')).join('\n');
    const codes = (re: RegExp) => [...new Set([...text.matchAll(re)].map((m) => m[1]!))];
    const entities = codes(/\bentity: '([a-z_]+)'/g);
    const actions = codes(/\baction: '([a-z_]+)'/g);
    expect(entities.length).toBeGreaterThan(50);
    for (const lang of ['zh-CN', 'en-US']) {
      expect(entities.filter((e) => !auditEntityLabel(e, lang))).toEqual([]);
      expect(actions.filter((a) => !auditActionLabel(a, lang))).toEqual([]);
    }
    const [ticket] = await read('entity=ticket&pageSize=1', 'en-US');
    expect(ticket).toMatchObject({ entityLabel: 'Ticket' });
  });

  it('rows written before the message keys keep their stored text', async () => {
    const estateId = (await t.db.selectFrom('estates').select('id').executeTakeFirstOrThrow()).id;
    await t.db.insertInto('audit_log').values({ at: new Date().toISOString(), estate_id: estateId, actor_id: null, actor_name: 'legacy', action: 'update', entity: 'unit', entity_id: '1', summary: '旧记录 原文', detail: null, ip: null }).execute();
    const [e] = await read('actor=legacy', 'en-US');
    expect(e!.summary).toBe('旧记录 原文');
    expect(e!.actorDisplayName).toBe('legacy');
    expect(e!.entityRef).toBeNull();
  });

  it('optional parts appear only with their values', () => {
    const m = (prepaid: string) => ({ key: 'audit.payment', params: { receipt: 'R1', unit: '1-101', amount: '10.00', method: 'audit.method.wechat', prepaid } });
    expect(renderAudit('en-US', m(''))).toBe('Payment R1: 1-101 ¥10.00 (WeChat Pay)');
    expect(renderAudit('en-US', m('2.00'))).toBe('Payment R1: 1-101 ¥10.00 (WeChat Pay), ¥2.00 to prepaid');
    expect(renderAudit('zh-CN', m('2.00'))).toBe('收款 R1：1-101 10.00 元（微信），转入预存 2.00 元');
  });
});
