import { z } from 'zod';
import type { App, Deps } from '../../../app.ts';
import { actorOf, authOf } from '../../../http/access.ts';
import { idParam, list, queryId } from '../../../http/fields.ts';
import { coverageRow, extendInput, notice, noticeCreate, noticeQuery, noticeUpdate, offlineInput, portalNotice, reasonInput, recipientParams, ticketParam } from './notices.schemas.ts';

const stateOut = z.object({ id: z.number(), status: z.string(), number: z.string().nullable() });
const ok = z.object({ ok: z.boolean() });
const liveNotice = z.object({ id: z.number(), number: z.string().nullable(), title: z.string(), body: z.string(), category: z.string(), ticketId: z.number().nullable(), publishedAt: z.string().nullable(), expiresAt: z.string().nullable() });

export async function noticeRoutes(app: App, { services }: Deps) {
  const tags = ['notices'];
  const svc = services.notices;

  app.get('/api/v1/notices', { config: { access: 'notice.read' }, schema: { tags, summary: '通知公告列表', querystring: noticeQuery, response: { 200: list(notice) } } }, async (req) => svc.list(authOf(req), req.query));
  app.get('/api/v1/notices/live', { config: { access: 'notice.read' }, schema: { tags, summary: '正在生效的紧急/停水停电通知（前台来电话术）', querystring: z.object({ estateId: queryId.optional() }), response: { 200: list(liveNotice) } } }, async (req) => svc.live(authOf(req), req.query.estateId));
  app.post('/api/v1/notices', { config: { access: 'notice.draft' }, schema: { tags, summary: '新建通知草稿', body: noticeCreate, response: { 201: z.object({ id: z.number() }) } } }, async (req, reply) => reply.code(201).send(await svc.create(actorOf(req), authOf(req), req.body)));
  app.post('/api/v1/notices/from-ticket/:ticketId', { config: { access: 'notice.draft' }, schema: { tags, summary: '由停水/停电紧急工单生成通知草稿', params: ticketParam, response: { 200: z.object({ id: z.number(), existing: z.boolean() }) } } }, async (req) => svc.fromTicket(actorOf(req), authOf(req), req.params.ticketId));
  app.get('/api/v1/notices/:id', { config: { access: 'notice.read' }, schema: { tags, summary: '通知详情', params: idParam, response: { 200: notice } } }, async (req) => svc.get(authOf(req), req.params.id));
  app.patch('/api/v1/notices/:id', { config: { access: 'notice.draft' }, schema: { tags, summary: '修改草稿（提交后不可改）', params: idParam, body: noticeUpdate, response: { 200: z.object({ id: z.number() }) } } }, async (req) => svc.update(actorOf(req), authOf(req), req.params.id, req.body));
  app.post('/api/v1/notices/:id/submit', { config: { access: 'notice.draft' }, schema: { tags, summary: '提交：需审批的送审，其余发布或定时', params: idParam, response: { 200: stateOut } } }, async (req) => svc.submit(actorOf(req), authOf(req), req.params.id));
  app.post('/api/v1/notices/:id/approve', { config: { access: 'notice.publish' }, schema: { tags, summary: '审批通过', params: idParam, response: { 200: stateOut } } }, async (req) => svc.approve(actorOf(req), authOf(req), req.params.id));
  app.post('/api/v1/notices/:id/reject', { config: { access: 'notice.publish' }, schema: { tags, summary: '退回修改', params: idParam, body: reasonInput, response: { 200: stateOut } } }, async (req) => svc.reject(actorOf(req), authOf(req), req.params.id, req.body.reason));
  app.post('/api/v1/notices/:id/withdraw', { config: { access: 'notice.draft' }, schema: { tags, summary: '撤回（保留记录并告知已读住户）', params: idParam, body: reasonInput, response: { 200: stateOut } } }, async (req) => svc.withdraw(actorOf(req), authOf(req), req.params.id, req.body.reason));
  app.post('/api/v1/notices/:id/extend', { config: { access: 'notice.publish' }, schema: { tags, summary: '延长有效期（发布后唯一可改项）', params: idParam, body: extendInput, response: { 200: stateOut } } }, async (req) => svc.extend(actorOf(req), authOf(req), req.params.id, req.body.expiresAt));
  app.post('/api/v1/notices/:id/correct', { config: { access: 'notice.draft' }, schema: { tags, summary: '发更正通知（新草稿，关联原通知）', params: idParam, response: { 201: z.object({ id: z.number() }) } } }, async (req, reply) => reply.code(201).send(await svc.correct(actorOf(req), authOf(req), req.params.id)));
  app.get('/api/v1/notices/:id/coverage', { config: { access: 'notice.read' }, schema: { tags, summary: '送达看板（无法线上送达的在前）', params: idParam, response: { 200: list(coverageRow) } } }, async (req) => svc.coverage(authOf(req), req.params.id));
  app.post('/api/v1/notices/:id/units/:unitId/offline', { config: { access: 'notice.draft' }, schema: { tags, summary: '登记已线下告知（电话/走访/张贴）', params: recipientParams, body: offlineInput, response: { 200: ok } } }, async (req) => svc.markOffline(actorOf(req), authOf(req), req.params.id, req.params.unitId, req.body));
  app.post('/api/v1/notices/:id/units/:unitId/visit', { config: { access: 'notice.draft' }, schema: { tags, summary: '加入走访计划', params: recipientParams, response: { 200: ok } } }, async (req) => svc.requestVisit(actorOf(req), authOf(req), req.params.id, req.params.unitId));

  // owner portal
  const ptags = ['portal'];
  app.get('/api/v1/portal/notices', { config: { access: 'portal.self' }, schema: { tags: ptags, summary: '我的通知（紧急、置顶在前）', querystring: z.object({ history: z.enum(['1']).optional() }), response: { 200: list(portalNotice).extend({ unread: z.number() }) } } }, async (req) => svc.portalList(authOf(req), req.query.history === '1'));
  app.get('/api/v1/portal/notices/:id', { config: { access: 'portal.self' }, schema: { tags: ptags, summary: '通知详情', params: idParam, response: { 200: portalNotice } } }, async (req) => svc.portalGet(authOf(req), req.params.id));
  app.post('/api/v1/portal/notices/:id/read', { config: { access: 'portal.self' }, schema: { tags: ptags, summary: '已阅', params: idParam, response: { 200: portalNotice } } }, async (req) => svc.portalRead(actorOf(req), authOf(req), req.params.id, false));
  app.post('/api/v1/portal/notices/:id/ack', { config: { access: 'portal.self' }, schema: { tags: ptags, summary: '签收', params: idParam, response: { 200: portalNotice } } }, async (req) => svc.portalRead(actorOf(req), authOf(req), req.params.id, true));
}
