/** HTTP of waivers (减免): asked for with a reason, decided by the assistant or director. */
import type { App, Deps } from '../../../app.ts';
import { actorOf, authOf } from '../../../http/access.ts';
import { idParam, list } from '../../../http/fields.ts';
import { decideInput, requestQuery, waiver, waiverInput } from './cashier.schemas.ts';

export async function waiverRoutes(app: App, { services }: Deps) {
  const svc = services.fees.waivers;
  const tags = ['fees'];

  app.post('/api/v1/fees/waivers', {
    config: { access: 'fee.request' },
    schema: { tags, summary: '申请减免本金或滞纳金', body: waiverInput, response: { 201: waiver } },
  }, async (req, reply) => reply.status(201).send(await svc.request(actorOf(req), authOf(req), req.body)));

  app.get('/api/v1/fees/waivers', {
    config: { access: 'fee.read' },
    schema: { tags, summary: '减免申请', querystring: requestQuery, response: { 200: list(waiver) } },
  }, async (req) => svc.list(authOf(req), req.query));

  app.post('/api/v1/fees/waivers/:id/decide', {
    config: { access: 'fee.approve' },
    schema: { tags, summary: '审批减免（助理、主任）', params: idParam, body: decideInput, response: { 200: waiver } },
  }, async (req) => svc.decide(actorOf(req), authOf(req), req.params.id, req.body.approve, req.body.note));
}
