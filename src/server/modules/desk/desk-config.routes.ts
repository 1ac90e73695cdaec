import { z } from 'zod';
import type { App, Deps } from '../../app.ts';
import { actorOf, authOf } from '../../http/access.ts';
import { DEPARTMENTS } from '../../../core/tickets.ts';
import { idParam, list, queryId } from '../../http/fields.ts';
import { category, categoryCreate, categoryUpdate, deskSettings, deskSettingsUpdate, holidayInput, holidayUpdate, slaPolicy, slaPolicyCreate, slaPolicyUpdate } from './desk.schemas.ts';

const estateQuery = z.object({ estateId: queryId });
const ok = z.object({ ok: z.boolean() });

export async function deskConfigRoutes(app: App, { services }: Deps) {
  const svc = services.deskConfig;
  const tags = ['desk-config'];

  app.get('/api/v1/desk/categories', {
    config: { access: 'desk.read' },
    schema: { tags, summary: '报事分类（地点 × 类别 × 问题）', querystring: estateQuery.extend({ includeArchived: z.enum(['0', '1']).optional() }), response: { 200: list(category) } },
  }, async (req) => {
    const items = await svc.categories(authOf(req).scope, req.query.estateId, req.query.includeArchived === '1');
    return { items, total: items.length };
  });

  app.post('/api/v1/desk/categories', {
    config: { access: 'desk.config' },
    schema: { tags, summary: '新增报事分类', body: categoryCreate, response: { 201: z.object({ id: z.number() }) } },
  }, async (req, reply) => reply.status(201).send({ id: await svc.createCategory(actorOf(req), authOf(req).scope, req.body) }));

  app.patch('/api/v1/desk/categories/:id', {
    config: { access: 'desk.config' },
    schema: { tags, summary: '修改回访策略或归档分类', params: idParam, body: categoryUpdate, response: { 200: ok } },
  }, async (req) => {
    await svc.updateCategory(actorOf(req), authOf(req).scope, req.params.id, req.body);
    return { ok: true };
  });

  app.get('/api/v1/desk/sla-policies', {
    config: { access: 'desk.read' },
    schema: { tags, summary: '时限规则（类型 × 优先级 × 复杂 × 应急）', querystring: estateQuery, response: { 200: list(slaPolicy) } },
  }, async (req) => {
    const items = await svc.listPolicies(authOf(req).scope, req.query.estateId);
    return { items, total: items.length };
  });

  app.post('/api/v1/desk/sla-policies', {
    config: { access: 'desk.config' },
    schema: { tags, summary: '新增时限规则', body: slaPolicyCreate, response: { 201: z.object({ id: z.number() }) } },
  }, async (req, reply) => reply.status(201).send({ id: await svc.addPolicy(actorOf(req), authOf(req).scope, req.body) }));

  app.patch('/api/v1/desk/sla-policies/:id', {
    config: { access: 'desk.config' },
    schema: { tags, summary: '修改或停用时限规则（停用的规则不再参与计算，记录保留）', params: idParam, body: slaPolicyUpdate, response: { 200: ok } },
  }, async (req) => {
    await svc.updatePolicy(actorOf(req), authOf(req).scope, req.params.id, req.body);
    return { ok: true };
  });

  app.get('/api/v1/desk/settings', {
    config: { access: 'desk.read' },
    schema: { tags, summary: '报事日历与升级设置', querystring: estateQuery, response: { 200: deskSettings } },
  }, async (req) => svc.settingsOf(authOf(req).scope, req.query.estateId));

  app.patch('/api/v1/desk/settings', {
    config: { access: 'desk.config' },
    schema: { tags, summary: '修改报事日历与升级设置', querystring: estateQuery, body: deskSettingsUpdate, response: { 200: deskSettings } },
  }, async (req) => {
    await svc.updateSettings(actorOf(req), authOf(req).scope, req.query.estateId, req.body);
    return svc.settingsOf(authOf(req).scope, req.query.estateId);
  });

  app.get('/api/v1/desk/holidays', {
    config: { access: 'desk.read' },
    schema: { tags, summary: '节假日与调休', querystring: estateQuery, response: { 200: list(z.object({ id: z.number(), date: z.string(), kind: z.string(), name: z.string() })) } },
  }, async (req) => {
    const items = await svc.holidays(authOf(req).scope, req.query.estateId);
    return { items, total: items.length };
  });

  app.post('/api/v1/desk/holidays', {
    config: { access: 'desk.config' },
    schema: { tags, summary: '新增节假日或调休上班日', body: holidayInput, response: { 201: ok } },
  }, async (req, reply) => {
    await svc.addHoliday(actorOf(req), authOf(req).scope, req.body);
    return reply.status(201).send({ ok: true });
  });

  app.patch('/api/v1/desk/holidays/:id', {
    config: { access: 'desk.config' },
    schema: { tags, summary: '修改或停用日历中的日期', params: idParam, body: holidayUpdate, response: { 200: ok } },
  }, async (req) => {
    await svc.updateHoliday(actorOf(req), authOf(req).scope, req.params.id, req.body);
    return { ok: true };
  });

  app.get('/api/v1/desk/staff', {
    config: { access: 'desk.dispatch' },
    schema: {
      tags,
      summary: '可派工人员（按部门）',
      querystring: estateQuery.extend({ department: z.enum(DEPARTMENTS).optional() }),
      response: { 200: list(z.object({ id: z.number(), displayName: z.string(), role: z.string(), department: z.string().nullable() })) },
    },
  }, async (req) => {
    const items = await svc.staff(authOf(req).scope, req.query.estateId, req.query.department);
    return { items, total: items.length };
  });

  app.get('/api/v1/desk/emergency-plans', {
    config: { access: 'desk.read' },
    schema: {
      tags,
      summary: '应急预案（按事件类型的步骤与责任角色）',
      querystring: estateQuery,
      response: { 200: list(z.object({ id: z.number(), incidentType: z.string(), steps: z.array(z.object({ seq: z.number(), title: z.string(), role: z.string() })) })) },
    },
  }, async (req) => {
    const items = await svc.plans(authOf(req).scope, req.query.estateId);
    return { items, total: items.length };
  });
}
