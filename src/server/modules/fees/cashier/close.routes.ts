/** HTTP of the daily close (日结). */
import type { App, Deps } from '../../../app.ts';
import { actorOf, authOf } from '../../../http/access.ts';
import { z } from 'zod';
import { close, closeDay, closeInput, closeQuery } from './cashier.schemas.ts';

const dayCashiers = z.object({ items: z.array(z.object({ cashierId: z.number(), cashierName: z.string(), payments: z.number(), amount: z.number(), closed: z.boolean() })) });

export async function closeRoutes(app: App, { services }: Deps) {
  const svc = services.fees.close;
  const tags = ['fees'];

  app.get('/api/v1/fees/close', {
    config: { access: 'fee.close' },
    schema: { tags, summary: '收银员当日收款：分方式合计、冲正、对账（不填 cashierId 为本人）', querystring: closeQuery, response: { 200: closeDay } },
  }, async (req) => svc.day(authOf(req), req.query.estateId, req.query.date, req.query.cashierId ?? authOf(req).user.id));

  app.get('/api/v1/fees/close/cashiers', {
    config: { access: 'fee.close' },
    schema: { tags, summary: '当日收过款或已日结的收银员', querystring: closeQuery.omit({ cashierId: true }), response: { 200: dayCashiers } },
  }, async (req) => svc.cashiers(authOf(req), req.query.estateId, req.query.date));

  app.post('/api/v1/fees/close', {
    config: { access: 'fee.collect' },
    schema: { tags, summary: '日结（本人当日；不能重复）', body: closeInput, response: { 201: close } },
  }, async (req, reply) => reply.status(201).send(await svc.close(actorOf(req), authOf(req), req.body.estateId, req.body.date)));
}
