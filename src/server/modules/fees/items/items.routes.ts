import { z } from 'zod';
import type { App, Deps } from '../../../app.ts';
import { actorOf, authOf } from '../../../http/access.ts';
import { idParam, queryId } from '../../../http/fields.ts';
import { archiveInput, feeItem, itemCreate, itemUpdate, priceInput } from './items.schemas.ts';

export async function feeItemRoutes(app: App, { services }: Deps) {
  const svc = services.fees.items;
  const tags = ['fees-config'];

  app.get('/api/v1/fees/items', {
    config: { access: 'fee.read' },
    schema: { tags, summary: '收费项目（含历次价格；已停用的带 archivedAt）', querystring: z.object({ estateId: queryId }), response: { 200: z.object({ items: z.array(feeItem), total: z.number() }) } },
  }, async (req) => {
    const items = await svc.list(authOf(req).scope, req.query.estateId);
    return { items, total: items.length };
  });

  app.get('/api/v1/fees/items/:id', {
    config: { access: 'fee.read' },
    schema: { tags, summary: '一个收费项目', params: idParam, response: { 200: feeItem } },
  }, async (req) => svc.get(authOf(req).scope, req.params.id));

  app.post('/api/v1/fees/items', {
    config: { access: 'fee.config' },
    schema: { tags, summary: '新增收费项目（含首个价格）', body: itemCreate, response: { 201: feeItem } },
  }, async (req, reply) => reply.status(201).send(await svc.create(actorOf(req), authOf(req).scope, req.body)));

  app.patch('/api/v1/fees/items/:id', {
    config: { access: 'fee.config' },
    schema: { tags, summary: '修改收费项目（价格请用“调整价格”）', params: idParam, body: itemUpdate, response: { 200: feeItem } },
  }, async (req) => svc.update(actorOf(req), authOf(req).scope, req.params.id, req.body));

  app.post('/api/v1/fees/items/:id/archive', {
    config: { access: 'fee.config' },
    schema: { tags, summary: '停用收费项目（记录保留）', params: idParam, body: archiveInput, response: { 200: feeItem } },
  }, async (req) => svc.archive(actorOf(req), authOf(req).scope, req.params.id, req.body));

  app.post('/api/v1/fees/items/:id/prices', {
    config: { access: 'fee.config' },
    schema: { tags, summary: '调整价格：新增一个自某日起执行的价格，旧价格和已开账单不变', params: idParam, body: priceInput, response: { 201: feeItem } },
  }, async (req, reply) => reply.status(201).send(await svc.addPrice(actorOf(req), authOf(req).scope, req.params.id, req.body)));
}
