import type { App, Deps } from '../../../app.ts';
import { actorOf, authOf } from '../../../http/access.ts';
import { idParam, list } from '../../../http/fields.ts';
import { decideInput, discount, discountCreate, discountEnd, discountQuery } from './items.schemas.ts';

export async function discountRoutes(app: App, { services }: Deps) {
  const svc = services.fees.discounts;
  const tags = ['fees-config'];

  app.get('/api/v1/fees/discounts', {
    config: { access: 'fee.read' },
    schema: { tags, summary: '空置房优惠申请', querystring: discountQuery, response: { 200: list(discount) } },
  }, async (req) => svc.list(authOf(req).scope, req.query));

  app.post('/api/v1/fees/discounts', {
    config: { access: 'fee.request' },
    schema: { tags, summary: '申请空置房优惠（待助理或主任审批）', body: discountCreate, response: { 201: discount } },
  }, async (req, reply) => reply.status(201).send(await svc.request(actorOf(req), authOf(req).scope, req.body)));

  app.post('/api/v1/fees/discounts/:id/end', {
    config: { access: 'fee.approve' },
    schema: { tags, summary: '空置房已入住：优惠提前结束（已出账单不变）', params: idParam, body: discountEnd, response: { 200: discount } },
  }, async (req) => svc.end(actorOf(req), authOf(req).scope, req.params.id, req.body));

  app.post('/api/v1/fees/discounts/:id/decide', {
    config: { access: 'fee.approve' },
    schema: { tags, summary: '审批空置房优惠（不批准须写理由）', params: idParam, body: decideInput, response: { 200: discount } },
  }, async (req) => svc.decide(actorOf(req), authOf(req).scope, req.params.id, req.body));
}
