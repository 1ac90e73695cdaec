import { z } from 'zod';
import type { App, Deps } from '../../../app.ts';
import { actorOf, authOf } from '../../../http/access.ts';
import { langOf } from '../../../http/error-handler.ts';
import { idParam, list } from '../../../http/fields.ts';
import { preview, run, runInput, runQuery } from './billing.schemas.ts';

/** The billing run: preview, commit (202, in the background), progress and the list of runs. */
export async function billingRoutes(app: App, { services }: Deps) {
  const svc = services.fees.billing;
  const tags = ['fees'];

  app.post('/api/v1/fees/runs/preview', {
    config: { access: 'fee.bill' },
    schema: { tags, summary: '计费预览：按收费项目汇总、跳过的房屋及原因、已计费的行（不写入）', body: runInput, response: { 200: preview } },
  }, async (req) => svc.preview(authOf(req), req.body, langOf(req)));

  app.post('/api/v1/fees/runs', {
    config: { access: 'fee.bill' },
    schema: { tags, summary: '执行计费（后台运行，返回任务号，轮询进度）；同一期间重复执行不会重复计费', body: runInput, response: { 202: z.object({ runId: z.number() }) } },
  }, async (req, reply) => {
    const { runId } = await svc.start(actorOf(req), authOf(req), req.body);
    return reply.status(202).send({ runId });
  });

  app.get('/api/v1/fees/runs/:id', {
    config: { access: 'fee.bill' },
    schema: { tags, summary: '计费任务进度与结果', params: idParam, response: { 200: run } },
  }, async (req) => svc.get(authOf(req), req.params.id, langOf(req)));

  app.get('/api/v1/fees/runs', {
    config: { access: 'fee.read' },
    schema: { tags, summary: '计费任务列表', querystring: runQuery, response: { 200: list(run) } },
  }, async (req) => svc.list(authOf(req), req.query, langOf(req)));
}
