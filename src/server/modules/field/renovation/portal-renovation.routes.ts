import { z } from 'zod';
import type { App, Deps } from '../../../app.ts';
import { actorOf, authOf } from '../../../http/access.ts';
import { idParam, list, queryId, text } from '../../../http/fields.ts';
import type { RenoAction } from '../../../../core/renovation.ts';
import { onePhoto } from './renovation.routes.ts';
import { anyOut, extensionRequest, renoDetailOut, renoOut, renoPortalCreate, renoPortalRevise, stepBody, violationOut } from './renovation.schemas.ts';

/**
 * The owner portal's renovation (design A.3.1 "Portal"): he applies for his own unit, follows it,
 * asks for the acceptance, signs for a notice and reports it put right with photos, and sees his
 * deposit with every deduction itemised. Scope: his current units (households/portal-scope.ts).
 */
export async function portalRenovationRoutes(app: App, { services }: Deps) {
  const svc = services.renovation;
  const tags = ['portal'];

  app.get('/api/v1/portal/renovations', {
    config: { access: 'portal.self' },
    schema: { tags, summary: '我的装修', response: { 200: list(renoOut) } },
  }, async (req) => svc.renovations.list(authOf(req), { page: 1, pageSize: 200 }));

  app.post('/api/v1/portal/renovations', {
    config: { access: 'portal.self' },
    schema: { tags, summary: '业主申请装修（租户须写明同意的业主）', body: renoPortalCreate, response: { 201: renoDetailOut } },
  }, async (req, reply) => reply.status(201).send(await svc.renovations.create(actorOf(req), authOf(req), { ...req.body, submit: true }, true)));

  app.get('/api/v1/portal/renovations/:id', {
    config: { access: 'portal.self' },
    schema: { tags, summary: '我的装修详情', params: idParam, response: { 200: renoDetailOut } },
  }, async (req) => svc.renovations.get(authOf(req), req.params.id));

  const steps: Array<[string, RenoAction, z.ZodType, string]> = [
    ['request-completion', 'request_completion', stepBody.empty, '申请竣工验收'],
    ['cancel', 'cancel', stepBody.reason, '撤销装修申请（开工前）'],
  ];
  for (const [path, action, body, summary] of steps) {
    app.post(`/api/v1/portal/renovations/:id/${path}`, {
      config: { access: 'portal.self' },
      schema: { tags, summary, params: idParam, body, response: { 200: renoDetailOut } },
    }, async (req) => svc.renovations.step(actorOf(req), authOf(req), req.params.id, action, (req.body ?? {}) as Record<string, string | null>, true));
  }

  app.post('/api/v1/portal/renovations/:id/revise', {
    config: { access: 'portal.self' },
    schema: { tags, summary: '修改被退回的装修申请并重新提交（仅申请人本人）', params: idParam, body: renoPortalRevise, response: { 200: renoDetailOut } },
  }, async (req) => svc.revisions.revise(actorOf(req), authOf(req), req.params.id, req.body, true));

  app.post('/api/v1/portal/renovations/:id/extensions', {
    config: { access: 'portal.self' },
    schema: { tags, summary: '申请装修延期（新的完工日期与原因）', params: idParam, body: extensionRequest, response: { 200: renoDetailOut } },
  }, async (req) => svc.extensions.request(actorOf(req), authOf(req), req.params.id, req.body, true));

  app.post('/api/v1/portal/renovations/:id/photos', {
    config: { access: 'portal.self' },
    schema: { tags, summary: '上传整改照片（multipart，字段 file，一张）', params: idParam, consumes: ['multipart/form-data'], response: { 201: z.object({ name: z.string() }) } },
  }, async (req, reply) => reply.status(201).send(await svc.violations.addPhoto(authOf(req), req.params.id, await onePhoto(req))));

  app.get('/api/v1/portal/renovations/:id/photos/:name', {
    config: { access: 'portal.self' },
    schema: { tags, summary: '查看装修照片', params: z.object({ id: queryId, name: z.string().max(64) }) },
  }, async (req, reply) => {
    const p = await svc.violations.photo(authOf(req), req.params.id, req.params.name);
    reply.header('content-type', p.mime);
    return reply.send(p.data);
  });

  app.post('/api/v1/portal/renovation-violations/:id/ack', {
    config: { access: 'portal.self' },
    schema: { tags, summary: '签收整改通知书', params: idParam, body: z.object({ name: text(64) }).strict(), response: { 200: violationOut } },
  }, async (req) => svc.violations.acknowledge(actorOf(req), authOf(req), req.params.id, req.body.name));

  app.post('/api/v1/portal/renovation-violations/:id/rectified', {
    config: { access: 'portal.self' },
    schema: { tags, summary: '报告已整改（附整改后照片，等待复查）', params: idParam, body: z.object({ photos: z.array(text(200)).min(1).max(9), note: text(500).optional() }).strict(), response: { 200: violationOut } },
  }, async (req) => svc.violations.step(actorOf(req), authOf(req), req.params.id, { action: 'report_rectified', photos: req.body.photos, note: req.body.note ?? null, escalatedTo: null }, true));

  app.get('/api/v1/portal/deposits/:id', {
    config: { access: 'portal.self' },
    schema: { tags, summary: '我的装修押金（流水及扣除明细）', params: idParam, response: { 200: anyOut } },
  }, async (req) => svc.deposits.get(authOf(req), req.params.id));
}
