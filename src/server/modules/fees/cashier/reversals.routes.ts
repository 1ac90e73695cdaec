/** HTTP of reversals (冲正): the cashier asks, the assistant or director decides. */
import type { App, Deps } from '../../../app.ts';
import { actorOf, authOf } from '../../../http/access.ts';
import { idParam, list } from '../../../http/fields.ts';
import { decideInput, reasonInput, requestQuery, reversal } from './cashier.schemas.ts';

export async function reversalRoutes(app: App, { services }: Deps) {
  const svc = services.fees.reversals;
  const tags = ['fees'];

  app.post('/api/v1/fees/payments/:id/reversal', {
    config: { access: 'fee.request' },
    schema: { tags, summary: '申请冲正（须说明原因）', params: idParam, body: reasonInput, response: { 201: reversal } },
  }, async (req, reply) => reply.status(201).send(await svc.request(actorOf(req), authOf(req), req.params.id, req.body.reason)));

  app.get('/api/v1/fees/reversals', {
    config: { access: 'fee.read' },
    schema: { tags, summary: '冲正申请', querystring: requestQuery, response: { 200: list(reversal) } },
  }, async (req) => svc.list(authOf(req), req.query));

  app.post('/api/v1/fees/reversals/:id/decide', {
    config: { access: 'fee.approve' },
    schema: { tags, summary: '审批冲正（助理、主任）', params: idParam, body: decideInput, response: { 200: reversal } },
  }, async (req) => svc.decide(actorOf(req), authOf(req), req.params.id, req.body.approve, req.body.note));
}
