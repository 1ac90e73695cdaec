import { z } from 'zod';
import type { App, Deps } from '../../app.ts';
import { actorOf, authOf } from '../../http/access.ts';
import { idParam, list } from '../../http/fields.ts';
import {
  building,
  buildingCreate,
  buildingQuery,
  buildingUpdate,
  facility,
  facilityCreate,
  facilityQuery,
  facilityUpdate,
  unit,
  unitCreate,
  unitQuery,
  unitUpdate,
} from './property.schemas.ts';

const created = z.object({ id: z.number() });
const ok = z.object({ ok: z.boolean() });

export async function propertyRoutes(app: App, { services }: Deps) {
  const svc = services.property;
  const tags = ['property'];

  app.get('/api/v1/buildings', {
    config: { access: 'property.read' },
    schema: { tags, summary: '楼栋列表', querystring: buildingQuery, response: { 200: list(building) } },
  }, async (req) => svc.listBuildings({ ...req.query, includeArchived: req.query.includeArchived === '1', scope: authOf(req).scope }));

  app.get('/api/v1/buildings/:id', {
    config: { access: 'property.read' },
    schema: { tags, summary: '楼栋详情', params: idParam, response: { 200: building } },
  }, async (req) => svc.getBuilding(authOf(req).scope, req.params.id));

  app.post('/api/v1/buildings', {
    config: { access: 'property.write' },
    schema: { tags, summary: '新建楼栋', body: buildingCreate, response: { 201: created } },
  }, async (req, reply) => reply.status(201).send({ id: await svc.createBuilding(actorOf(req), authOf(req).scope, req.body) }));

  app.patch('/api/v1/buildings/:id', {
    config: { access: 'property.write' },
    schema: { tags, summary: '修改或归档楼栋', params: idParam, body: buildingUpdate, response: { 200: ok } },
  }, async (req) => {
    await svc.updateBuilding(actorOf(req), authOf(req).scope, req.params.id, req.body);
    return { ok: true };
  });

  app.get('/api/v1/units', {
    config: { access: 'property.read' },
    schema: { tags, summary: '房屋列表（按房号、姓名、电话搜索）', querystring: unitQuery, response: { 200: list(unit) } },
  }, async (req) => svc.listUnits({ ...req.query, care: req.query.care === '1', scope: authOf(req).scope }, { actor: actorOf(req), auth: authOf(req) }));

  app.get('/api/v1/units/:id', {
    config: { access: 'property.read' },
    schema: { tags, summary: '房屋详情', params: idParam, response: { 200: unit } },
  }, async (req) => svc.getUnit(authOf(req).scope, req.params.id));

  app.post('/api/v1/units', {
    config: { access: 'property.write' },
    schema: { tags, summary: '新建房屋', body: unitCreate, response: { 201: created } },
  }, async (req, reply) => reply.status(201).send({ id: await svc.createUnit(actorOf(req), authOf(req).scope, req.body) }));

  app.patch('/api/v1/units/:id', {
    config: { access: 'property.write' },
    schema: { tags, summary: '修改房屋（状态、面积、结构与质量）', params: idParam, body: unitUpdate, response: { 200: ok } },
  }, async (req) => {
    await svc.updateUnit(actorOf(req), authOf(req).scope, req.params.id, req.body);
    return { ok: true };
  });

  app.get('/api/v1/facilities', {
    config: { access: 'property.read' },
    schema: { tags, summary: '配套设施与公共区域', querystring: facilityQuery, response: { 200: list(facility) } },
  }, async (req) => svc.listFacilities(authOf(req).scope, req.query));

  app.post('/api/v1/facilities', {
    config: { access: 'property.write' },
    schema: { tags, summary: '新建设施', body: facilityCreate, response: { 201: created } },
  }, async (req, reply) => reply.status(201).send({ id: await svc.createFacility(actorOf(req), authOf(req).scope, req.body) }));

  app.patch('/api/v1/facilities/:id', {
    config: { access: 'property.write' },
    schema: { tags, summary: '修改或归档设施', params: idParam, body: facilityUpdate, response: { 200: ok } },
  }, async (req) => {
    await svc.updateFacility(actorOf(req), authOf(req).scope, req.params.id, req.body);
    return { ok: true };
  });
}
