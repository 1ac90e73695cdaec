import type { App, Deps } from '../../../app.ts';
import { actorOf, authOf } from '../../../http/access.ts';
import { idParam, list } from '../../../http/fields.ts';
import { anyOut } from '../renovation/renovation.schemas.ts';
import { depositDecide, depositQuery, depositReceive, depositRequest, depositSummaryQuery } from './deposits.schemas.ts';

/** Held deposits 押金 (X4): own ledger, not revenue, never in the fee statistics. */
export async function depositRoutes(app: App, { services }: Deps) {
  const svc = services.renovation.deposits;
  const tags = ['deposits'];

  app.get('/api/v1/deposits', {
    config: { access: 'reno.read' },
    schema: { tags, summary: '押金台账', querystring: depositQuery, response: { 200: list(anyOut) } },
  }, async (req) => svc.list(authOf(req), req.query));

  app.get('/api/v1/deposits/summary', {
    config: { access: 'reno.read' },
    schema: { tags, summary: '押金结存（收取、退还、扣除、在押余额；不计入收缴率）', querystring: depositSummaryQuery, response: { 200: anyOut } },
  }, async (req) => svc.summary(authOf(req), req.query.estateId));

  app.get('/api/v1/deposits/:id', {
    config: { access: 'reno.read' },
    schema: { tags, summary: '押金详情（流水、退还及扣除申请）', params: idParam, response: { 200: anyOut } },
  }, async (req) => svc.get(authOf(req), req.params.id));

  app.post('/api/v1/deposits', {
    config: { access: 'deposit.collect' },
    schema: { tags, summary: '收取装修押金（开押金收据 YJ；同一请求编号重复提交只收一次）', body: depositReceive, response: { 201: anyOut, 200: anyOut } },
  }, async (req, reply) => {
    const d = await svc.receive(actorOf(req), authOf(req), req.body);
    return reply.status(d.duplicate ? 200 : 201).send(d);
  });

  app.post('/api/v1/deposits/:id/requests', {
    config: { access: 'deposit.request' },
    schema: { tags, summary: '申请退还或扣除押金（扣除须写明原因和依据；验收合格且无未整改严重违规方可退还）', params: idParam, body: depositRequest, response: { 201: anyOut } },
  }, async (req, reply) => reply.status(201).send(await svc.request(actorOf(req), authOf(req), req.params.id, req.body)));

  app.post('/api/v1/deposit-requests/:id/decide', {
    config: { access: 'deposit.decide' },
    schema: { tags, summary: '审批押金退还/扣除（扣除及退给他人须管理处主任）', params: idParam, body: depositDecide, response: { 200: anyOut } },
  }, async (req) => svc.decide(actorOf(req), authOf(req), req.params.id, req.body.approve, req.body.note));
}
