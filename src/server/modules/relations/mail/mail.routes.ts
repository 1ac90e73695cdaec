import { z } from 'zod';
import type { App, Deps } from '../../../app.ts';
import { actorOf, authOf } from '../../../http/access.ts';
import { langOf } from '../../../http/error-handler.ts';
import { AppError } from '../../../http/errors.ts';
import { idParam, list } from '../../../http/fields.ts';
import {
  assignInput, authorization, authorizationInput, authorizationQuery, closeInput, deliveredInput, deliveryQuery, deliveryRow, dwell, dwellQuery, endInput, estateQuery, item, itemQuery,
  lookupInput, matchAnswer, matchQuery, pickup, pickupInput, pickupQuery, portalMail, registered, registerInput, slip, slipsInput, subscription, subscriptionInput, subscriptionQuery,
} from './mail.schemas.ts';

/** A label photo: one image, as large as a ticket photo may be. */
const MAX_PHOTO_BYTES = 5 * 1024 * 1024;

export async function mailRoutes(app: App, { services }: Deps) {
  const tags = ['mail'];
  const work = { access: 'mail.work' as const };
  const read = { access: 'mail.read' as const };
  const mail = () => services.mail;

  app.post('/api/v1/mail/items', {
    config: work,
    schema: { tags, summary: '登记到件（信件、报刊、快递）：编号、取件码，有业主门户账号的房屋即时通知', body: registerInput, response: { 201: registered } },
  }, async (req, reply) => reply.status(201).send(await mail().items.register(actorOf(req), authOf(req), req.body)));

  app.get('/api/v1/mail/items', {
    config: read,
    schema: { tags, summary: '邮件快递列表（按状态、类别、房屋、日期、编号/收件人/单号筛选；不含取件码）', querystring: itemQuery, response: { 200: list(item) } },
  }, async (req) => mail().items.list(authOf(req), req.query));

  app.get('/api/v1/mail/items/:id', {
    config: read,
    schema: { tags, summary: '邮件快递详情', params: idParam, response: { 200: item } },
  }, async (req) => mail().items.get(authOf(req), req.params.id));

  app.post('/api/v1/mail/items/:id/close', {
    config: work,
    schema: { tags, summary: '退回快递公司 / 报刊作废 / 投错件（挂号信、公文不退回）', params: idParam, body: closeInput, response: { 200: item } },
  }, async (req) => mail().items.close(actorOf(req), authOf(req), req.params.id, req.body));

  app.post('/api/v1/mail/items/:id/assign', {
    config: work,
    schema: { tags, summary: '收件人不明的物品找到房屋后关联（核对姓名，有门户账号即通知）', params: idParam, body: assignInput, response: { 200: item } },
  }, async (req) => mail().items.assign(actorOf(req), authOf(req), req.params.id, req.body.unitId));

  app.post('/api/v1/mail/items/:id/photo', {
    config: work,
    schema: { tags, summary: '面单照片（multipart，字段 file，一张，≤ 5 MB；重新编码去掉元数据；领取 90 天后删除文件）', params: idParam, consumes: ['multipart/form-data'], response: { 201: z.object({ id: z.number() }) } },
  }, async (req, reply) => {
    if (!req.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA', { key: 'error.unsupportedMedia' });
    const part = await req.file({ limits: { fileSize: MAX_PHOTO_BYTES, files: 1 } });
    if (!part) throw new AppError('VALIDATION', { key: 'error.validation' }, { file: { key: 'field.required' } });
    const data = await part.toBuffer();
    if (part.file.truncated) throw new AppError('PAYLOAD_TOO_LARGE', { key: 'error.payloadTooLarge' });
    return reply.status(201).send(await mail().items.addPhoto(actorOf(req), authOf(req), req.params.id, { data, mime: part.mimetype, name: part.filename }));
  });

  app.get('/api/v1/mail/items/:id/photo', {
    config: work,
    schema: { tags, summary: '面单照片（仅前台与客服中心管理员）', params: idParam },
  }, async (req, reply) => {
    const photo = await mail().items.photo(authOf(req), req.params.id);
    reply.header('content-type', photo.mime);
    return reply.send(photo.data);
  });

  app.get('/api/v1/mail/match', {
    config: work,
    schema: { tags, summary: '按房屋核对收件人姓名（住户成员），是否有门户账号，待领件数', querystring: matchQuery, response: { 200: matchAnswer } },
  }, async (req) => mail().items.match(authOf(req), req.query.unitId, req.query.name));

  app.post('/api/v1/mail/lookup', {
    config: work,
    schema: {
      tags, summary: '凭取件码查找（同户待领件一并列出）；错误 5 次锁定 15 分钟', body: lookupInput,
      response: { 200: list(item.extend({ codeMatched: z.boolean() })) },
    },
  }, async (req) => mail().items.lookup(authOf(req), req.body.estateId, req.body.code));

  app.post('/api/v1/mail/pickups', {
    config: work,
    schema: { tags, summary: '领取：取件码或证件核对，正楷姓名，签名（同户多件一次签名，签署声明一并保存）', body: pickupInput, response: { 201: pickup } },
  }, async (req, reply) => reply.status(201).send(await mail().pickups.pickup(actorOf(req), authOf(req), req.body, req.body.lang ?? langOf(req))));

  app.get('/api/v1/mail/pickups', {
    config: read,
    schema: { tags, summary: '某日领取登记（签收单）', querystring: pickupQuery, response: { 200: list(pickup) } },
  }, async (req) => mail().pickups.day(authOf(req), req.query.estateId, req.query.date));

  app.get('/api/v1/mail/pickups/:id', {
    config: read,
    schema: { tags, summary: '领取记录', params: idParam, response: { 200: pickup } },
  }, async (req) => mail().pickups.get(authOf(req), req.params.id));

  app.get('/api/v1/mail/pickups/:id/signature', {
    config: read,
    schema: { tags, summary: '领取签名（PNG）', params: idParam },
  }, async (req, reply) => {
    const png = await mail().pickups.signature(authOf(req), req.params.id);
    reply.header('content-type', 'image/png');
    return reply.send(png);
  });

  app.get('/api/v1/mail/returns', {
    config: read,
    schema: { tags, summary: '待退回清单：到件满 14 天未领（挂号信、公文除外）', querystring: estateQuery, response: { 200: list(item) } },
  }, async (req) => mail().items.returnList(authOf(req), req.query.estateId));

  app.get('/api/v1/mail/slips', {
    config: work,
    schema: { tags, summary: '无门户账号房屋的待领件（打印信箱通知单）', querystring: estateQuery, response: { 200: z.array(slip) } },
  }, async (req) => mail().items.slips(authOf(req), req.query.estateId));

  app.post('/api/v1/mail/slips', {
    config: work,
    schema: { tags, summary: '打印信箱通知单（含取件码；记为已通知）', body: slipsInput, response: { 200: z.array(slip) } },
  }, async (req) => mail().items.printSlips(actorOf(req), authOf(req), req.body.estateId, req.body.itemIds));

  app.get('/api/v1/mail/authorizations', {
    config: work,
    schema: { tags, summary: '房屋的代领授权（业主在门户设置）', querystring: authorizationQuery, response: { 200: list(authorization) } },
  }, async (req) => mail().household.unitAuthorizations(authOf(req), req.query.unitId));

  app.get('/api/v1/mail/subscriptions', {
    config: read,
    schema: { tags, summary: '报刊订阅', querystring: subscriptionQuery, response: { 200: list(subscription) } },
  }, async (req) => mail().household.subscriptions(authOf(req), req.query));

  app.post('/api/v1/mail/subscriptions', {
    config: work,
    schema: { tags, summary: '登记报刊订阅', body: subscriptionInput, response: { 201: subscription } },
  }, async (req, reply) => reply.status(201).send(await mail().household.subscribe(actorOf(req), authOf(req), req.body)));

  app.post('/api/v1/mail/subscriptions/:id/end', {
    config: work,
    schema: { tags, summary: '终止报刊订阅（自某日起）', params: idParam, body: endInput, response: { 200: subscription } },
  }, async (req) => mail().household.endSubscription(actorOf(req), authOf(req), req.params.id, req.body.endedOn));

  app.get('/api/v1/mail/deliveries', {
    config: read,
    schema: { tags, summary: '某日报刊投递清单', querystring: deliveryQuery, response: { 200: list(deliveryRow) } },
  }, async (req) => mail().household.deliveries(authOf(req), req.query.estateId, req.query.date));

  app.post('/api/v1/mail/deliveries', {
    config: work,
    schema: { tags, summary: '报刊已投递（批量）', body: deliveredInput, response: { 200: z.object({ delivered: z.number() }) } },
  }, async (req) => mail().household.delivered(actorOf(req), authOf(req), req.body));

  app.get('/api/v1/mail/reports/dwell', {
    config: read,
    schema: { tags, summary: '滞留时长：按类别、按日的中位数与百分位（小时）', querystring: dwellQuery, response: { 200: dwell } },
  }, async (req) => mail().items.dwell(authOf(req), req.query.estateId, req.query.from, req.query.to));

  // ---- owner portal ----------------------------------------------------------------------------
  const portal = { access: 'portal.self' as const };
  app.get('/api/v1/portal/mail', {
    config: portal,
    schema: { tags: ['portal'], summary: '我的快递/信件：状态、货架、取件码；代领授权', response: { 200: portalMail } },
  }, async (req) => mail().household.portal(authOf(req)));

  app.post('/api/v1/portal/mail/authorizations', {
    config: portal,
    schema: { tags: ['portal'], summary: '授权他人代领本户邮件快递', body: authorizationInput, response: { 201: authorization } },
  }, async (req, reply) => reply.status(201).send(await mail().household.authorize(actorOf(req), authOf(req), req.body)));

  app.post('/api/v1/portal/mail/authorizations/:id/revoke', {
    config: portal,
    schema: { tags: ['portal'], summary: '撤销代领授权', params: idParam, response: { 200: authorization } },
  }, async (req) => mail().household.revoke(actorOf(req), authOf(req), req.params.id));
}
