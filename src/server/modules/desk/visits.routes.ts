import { z } from 'zod';
import type { App, Deps } from '../../app.ts';
import { actorOf, authOf } from '../../http/access.ts';
import { idParam, list } from '../../http/fields.ts';
import { visit, visitInput, visitQuery } from './desk.schemas.ts';

export async function visitRoutes(app: App, { services }: Deps) {
  const tags = ['desk'];

  app.get('/api/v1/return-visits', {
    config: { access: 'desk.visit' },
    schema: { tags, summary: '回访任务', querystring: visitQuery, response: { 200: list(visit) } },
  }, async (req) => services.visits.list(authOf(req), { ...req.query, done: req.query.done === undefined ? undefined : req.query.done === '1', mine: req.query.mine === '1' }));

  app.post('/api/v1/return-visits/:id', {
    config: { access: 'desk.visit' },
    schema: { tags, summary: '记录回访结果（≤ 2 分重新处理并通知助理）', params: idParam, body: visitInput, response: { 200: z.object({ id: z.number(), status: z.string() }) } },
  }, async (req) => {
    const { id, status } = await services.visits.record(actorOf(req), authOf(req), req.params.id, req.body);
    return { id, status };
  });
}
