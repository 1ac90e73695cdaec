/** HTTP of the charging center: unit search, the unit's account, payments, prepaid deposits and receipts. */
import type { App, Deps } from '../../../app.ts';
import { actorOf, authOf } from '../../../http/access.ts';
import { idParam, list } from '../../../http/fields.ts';
import { account, depositInput, payment, paymentInput, paymentQuery, receipt, unitHit, unitSearchQuery } from './cashier.schemas.ts';
import { z } from 'zod';

export async function cashierRoutes(app: App, { services }: Deps) {
  const { cashier, payments } = services.fees;
  const tags = ['fees'];

  app.get('/api/v1/fees/units/search', {
    config: { access: 'fee.read' },
    schema: { tags, summary: '收费处：按房号（1-1-1201）、业主姓名或电话查找房屋', querystring: unitSearchQuery, response: { 200: z.object({ items: z.array(unitHit) }) } },
  }, async (req) => cashier.search(actorOf(req), authOf(req), req.query.estateId, req.query.q));

  app.get('/api/v1/fees/units/:id/account', {
    config: { access: 'fee.read' },
    schema: { tags, summary: '房屋账户：未结费用（含至今滞纳金）、应收合计、预存余额、最近收款、催缴阶段', params: idParam, response: { 200: account } },
  }, async (req) => cashier.account(authOf(req), req.params.id));

  app.post('/api/v1/fees/payments', {
    config: { access: 'fee.collect' },
    schema: {
      tags,
      summary: '收款：先滞纳金后本金、先旧后新；应收变化 → 409；同一 idempotencyKey 重复提交返回第一次的收款（200）',
      body: paymentInput,
      response: { 200: receipt, 201: receipt },
    },
  }, async (req, reply) => {
    const { payment: p, created } = await payments.pay(actorOf(req), authOf(req), req.body);
    return reply.status(created ? 201 : 200).send(p);
  });

  app.post('/api/v1/fees/prepaid', {
    config: { access: 'fee.collect' },
    schema: { tags, summary: '预存款', body: depositInput, response: { 200: receipt, 201: receipt } },
  }, async (req, reply) => {
    const { payment: p, created } = await payments.deposit(actorOf(req), authOf(req), req.body);
    return reply.status(created ? 201 : 200).send(p);
  });

  app.get('/api/v1/fees/payments', {
    config: { access: 'fee.read' },
    schema: { tags, summary: '收款记录', querystring: paymentQuery, response: { 200: list(payment) } },
  }, async (req) => payments.list(authOf(req), req.query));

  app.get('/api/v1/fees/payments/:id', {
    config: { access: 'fee.read' },
    schema: { tags, summary: '收据（A4 / A5 打印）', params: idParam, response: { 200: receipt } },
  }, async (req) => payments.get(authOf(req), req.params.id));
}
