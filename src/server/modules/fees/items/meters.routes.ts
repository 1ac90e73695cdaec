import type { App, Deps } from '../../../app.ts';
import { actorOf, authOf } from '../../../http/access.ts';
import { idParam, list } from '../../../http/fields.ts';
import { meter, meterCreate, meterQuery, meterReplace } from './meters.schemas.ts';

export async function meterRoutes(app: App, { services }: Deps) {
  const svc = services.fees.meters;
  const tags = ['fees-config'];

  app.get('/api/v1/fees/meters', {
    config: { access: 'fee.read' },
    schema: { tags, summary: '水、电、燃气表（户表和楼栋总表），带最近一次读数', querystring: meterQuery, response: { 200: list(meter) } },
  }, async (req) => svc.list(authOf(req).scope, req.query));

  app.post('/api/v1/fees/meters', {
    config: { access: 'fee.config' },
    schema: { tags, summary: '新装表（房屋户表或楼栋总表）', body: meterCreate, response: { 201: meter } },
  }, async (req, reply) => reply.status(201).send(await svc.create(actorOf(req), authOf(req).scope, req.body)));

  app.post('/api/v1/fees/meters/:id/replace', {
    config: { access: 'meter.read' },
    schema: { tags, summary: '换表：记录旧表止码并停用旧表，新表从起码开始', params: idParam, body: meterReplace, response: { 201: meter } },
  }, async (req, reply) => reply.status(201).send(await svc.replace(actorOf(req), authOf(req).scope, req.params.id, req.body)));
}
