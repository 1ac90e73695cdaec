import { z } from 'zod';
import type { App, Deps } from '../../../app.ts';
import { actorOf, authOf } from '../../../http/access.ts';
import { idParam } from '../../../http/fields.ts';
import { actionInput, actionsQuery, drillQuery, rowParams, weaknessQuery } from './improvement.schemas.ts';

const any = z.any();
const step = z.object({ id: z.number(), status: z.string() });

export async function improvementRoutes(app: App, { services }: Deps) {
  const tags = ['improvement'];
  const svc = services.management.improvement;

  app.get('/api/v1/improvement/weakness', {
    config: { access: 'improve.read' },
    schema: { tags, summary: '服务短板月报（各服务维度的短板分及其构成，前 5 名、环比、3 个月趋势）', querystring: weaknessQuery, response: { 200: any } },
  }, async (req) => svc.report(authOf(req), req.query.estateId, req.query.areaId ?? null, req.query.month));

  app.get('/api/v1/improvement/weakness/tickets', {
    config: { access: 'improve.read' },
    schema: { tags, summary: '短板下钻：该维度本月的工单及回访评价', querystring: drillQuery, response: { 200: any } },
  }, async (req) => svc.tickets(authOf(req), req.query.estateId, req.query.areaId ?? null, req.query.month, req.query.dimension));

  app.get('/api/v1/improvement-actions', {
    config: { access: 'improve.read' },
    schema: { tags, summary: '改进措施', querystring: actionsQuery, response: { 200: any } },
  }, async (req) => svc.actions(authOf(req), req.query.estateId, req.query.status));

  app.get('/api/v1/improvement-actions/:id', {
    config: { access: 'improve.read' },
    schema: { tags, summary: '改进措施详情', params: idParam, response: { 200: any } },
  }, async (req) => svc.action(authOf(req), req.params.id));

  app.post('/api/v1/improvement-actions', {
    config: { access: 'improve.manage' },
    schema: { tags, summary: '提出改进措施（纠正/预防，根本原因，措施明细，目标指标与复核月份）', body: actionInput, response: { 201: z.object({ id: z.number() }) } },
  }, async (req, reply) => reply.status(201).send(await svc.createAction(actorOf(req), authOf(req), { ...req.body, areaId: req.body.areaId ?? null, rows: req.body.rows.map((r) => ({ ...r, ownerId: r.ownerId ?? null })) })));

  app.post('/api/v1/improvement-actions/:id/approve', {
    config: { access: 'improve.approve' },
    schema: { tags, summary: '主任批准', params: idParam, response: { 200: step } },
  }, async (req) => svc.move(actorOf(req), authOf(req), req.params.id, 'approved'));

  for (const [path, to, summary] of [
    ['start', 'in_progress', '开始实施'],
    ['submit', 'verifying', '实施完毕，待数据验证'],
    ['cancel', 'cancelled', '取消'],
    ['replan', 'proposed', '无效后重新制定'],
  ] as const) {
    app.post(`/api/v1/improvement-actions/:id/${path}`, {
      config: { access: 'improve.manage' },
      schema: { tags, summary, params: idParam, response: { 200: step } },
    }, async (req) => svc.move(actorOf(req), authOf(req), req.params.id, to));
  }

  app.post('/api/v1/improvement-actions/:id/rows/:rowId/done', {
    config: { access: 'improve.read' },
    schema: { tags, summary: '措施明细完成（责任人或助理、主任）', params: rowParams, response: { 200: z.object({ id: z.number() }) } },
  }, async (req) => svc.rowDone(actorOf(req), authOf(req), req.params.id, req.params.rowId));

  app.post('/api/v1/improvement-actions/:id/verify', {
    config: { access: 'improve.approve' },
    schema: { tags, summary: '按复核月份的数据验证（复核月结束后；每日任务也会自动验证）', params: idParam, response: { 200: any } },
  }, async (req) => {
    const a = await svc.action(authOf(req), req.params.id);
    return svc.verify(actorOf(req), a.id);
  });
}
