import type { App, Deps } from '../../../app.ts';
import { actorOf, authOf } from '../../../http/access.ts';
import { idParam, list } from '../../../http/fields.ts';
import { adjustInput, line, lineCreate, lineQuery } from './billing.schemas.ts';

/** Bill lines: the list with late fees to date, one-off / special-service charges, adjustments. */
export async function lineRoutes(app: App, { services }: Deps) {
  const svc = services.fees.lines;
  const tags = ['fees'];

  app.get('/api/v1/fees/lines', {
    config: { access: 'fee.read' },
    schema: { tags, summary: '账单明细（滞纳金计至今日）', querystring: lineQuery, response: { 200: list(line) } },
  }, async (req) => {
    const { open, ...q } = req.query;
    return svc.list(authOf(req), { ...q, open: open === undefined ? undefined : open === '1' });
  });

  app.post('/api/v1/fees/lines', {
    config: { access: 'fee.bill' },
    schema: { tags, summary: '录入一次性收费或特约服务费', body: lineCreate, response: { 201: line } },
  }, async (req, reply) => reply.status(201).send(await svc.create(actorOf(req), authOf(req), req.body)));

  app.post('/api/v1/fees/lines/:id/adjust', {
    config: { access: 'fee.bill' },
    schema: { tags, summary: '调整账单（正数补收、负数冲减原账单；须填原因，不修改原账单金额）', params: idParam, body: adjustInput, response: { 201: line } },
  }, async (req, reply) => reply.status(201).send(await svc.adjust(actorOf(req), authOf(req), req.params.id, req.body)));
}
