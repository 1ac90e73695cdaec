import { z } from 'zod';
import type { App, Deps } from '../../app.ts';
import { actorOf, authOf } from '../../http/access.ts';
import { AppError } from '../../http/errors.ts';
import { langOf } from '../../http/error-handler.ts';
import { idParam, optionalText, pageQuery } from '../../http/fields.ts';
import { portalTicketCreate, rateInput, ticketDetail, ticketPage } from './desk.schemas.ts';

/** The owner's side of the desk: report for his own unit, follow it, cancel, confirm, rate. */
export async function portalTicketRoutes(app: App, { services }: Deps) {
  const svc = services.tickets;
  const tags = ['portal'];
  const config = { access: 'portal.self' as const };
  const result = z.object({ id: z.number(), status: z.string() });

  app.get('/api/v1/portal/tickets', {
    config,
    schema: { tags, summary: '我的报事', querystring: z.object({ ...pageQuery }), response: { 200: ticketPage } },
  }, async (req) => svc.list(authOf(req), { page: req.query.page, pageSize: req.query.pageSize }));

  app.get('/api/v1/portal/tickets/:id', {
    config,
    schema: { tags, summary: '我的报事详情（不含内部备注）', params: idParam, response: { 200: ticketDetail } },
  }, async (req) => svc.get(authOf(req), req.params.id, langOf(req)));

  app.post('/api/v1/portal/tickets', {
    config,
    schema: { tags, summary: '业主报事', body: portalTicketCreate, response: { 201: z.object({ id: z.number() }) } },
  }, async (req, reply) => {
    const auth = authOf(req);
    if (!auth.scope.units.includes(req.body.unitId)) throw new AppError('VALIDATION', { key: 'error.validation' }, { unitId: { key: 'field.notOwnUnit' } });
    const id = await svc.create(actorOf(req), auth, { ...req.body, channel: 'portal', priority: 'normal', complex: false, emergency: false, reporterName: auth.user.displayName, reporterPhone: null }, auth.user.id);
    return reply.status(201).send({ id });
  });

  app.post('/api/v1/portal/tickets/:id/cancel', {
    config,
    schema: { tags, summary: '撤回尚未开始处理的报事', params: idParam, body: z.object({ reason: optionalText(200) }).strict(), response: { 200: result } },
  }, async (req) => {
    const r = await svc.ownerCancel(actorOf(req), authOf(req), req.params.id, req.body.reason);
    return { id: r.id, status: r.status };
  });

  app.post('/api/v1/portal/tickets/:id/confirm', {
    config,
    schema: { tags, summary: '确认问题已解决', params: idParam, response: { 200: result } },
  }, async (req) => {
    const r = await svc.ownerConfirm(actorOf(req), authOf(req), req.params.id);
    return { id: r.id, status: r.status };
  });

  app.post('/api/v1/portal/tickets/:id/rate', {
    config,
    schema: { tags, summary: '评价处理结果（1–5 分）', params: idParam, body: rateInput, response: { 200: z.object({ ok: z.boolean() }) } },
  }, async (req) => {
    await svc.rate(actorOf(req), authOf(req), req.params.id, req.body.score, req.body.comment);
    return { ok: true };
  });
}
