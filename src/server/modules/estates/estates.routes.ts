import { z } from 'zod';
import type { App, Deps } from '../../app.ts';
import { actorOf, authOf } from '../../http/access.ts';
import { idParam } from '../../http/fields.ts';
import { area, areaCreate, areaQuery, areaUpdate, estate, estateCreate, estateUpdate } from './estates.schemas.ts';

const created = z.object({ id: z.number() });
const tags = ['estates'];

export async function estateRoutes(app: App, { services }: Deps) {
  const svc = services.estates;

  app.get('/api/v1/estates', {
    config: { access: 'property.read' },
    schema: { tags, summary: '项目（小区）列表', response: { 200: z.object({ items: z.array(estate), total: z.number() }) } },
  }, async (req) => {
    const items = await svc.list(authOf(req).scope);
    return { items, total: items.length };
  });

  app.get('/api/v1/estates/:id', {
    config: { access: 'property.read' },
    schema: { tags, summary: '项目详情', params: idParam, response: { 200: estate } },
  }, async (req) => svc.get(authOf(req).scope, req.params.id));

  app.post('/api/v1/estates', {
    config: { access: 'estate.write' },
    schema: { tags, summary: '新建项目', body: estateCreate, response: { 201: created } },
  }, async (req, reply) => reply.status(201).send({ id: await svc.create(actorOf(req), req.body) }));

  app.patch('/api/v1/estates/:id', {
    config: { access: 'estate.write' },
    schema: { tags, summary: '修改或归档项目', params: idParam, body: estateUpdate, response: { 200: estate } },
  }, async (req) => {
    await svc.update(actorOf(req), authOf(req).scope, req.params.id, req.body);
    return svc.get(authOf(req).scope, req.params.id);
  });

  app.get('/api/v1/areas', {
    config: { access: 'property.read' },
    schema: { tags, summary: '片区列表', querystring: areaQuery, response: { 200: z.object({ items: z.array(area), total: z.number() }) } },
  }, async (req) => {
    const all = await svc.listAreas(authOf(req).scope, req.query.estateId);
    const start = (req.query.page - 1) * req.query.pageSize;
    return { items: all.slice(start, start + req.query.pageSize), total: all.length };
  });

  app.post('/api/v1/areas', {
    config: { access: 'area.write' },
    schema: { tags, summary: '新建片区', body: areaCreate, response: { 201: created } },
  }, async (req, reply) => reply.status(201).send({ id: await svc.createArea(actorOf(req), authOf(req).scope, req.body) }));

  app.patch('/api/v1/areas/:id', {
    config: { access: 'area.write' },
    schema: { tags, summary: '修改片区（负责人、名称、归档）', params: idParam, body: areaUpdate, response: { 200: z.object({ ok: z.boolean() }) } },
  }, async (req) => {
    await svc.updateArea(actorOf(req), authOf(req).scope, req.params.id, req.body);
    return { ok: true };
  });
}
