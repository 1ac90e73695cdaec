import { z } from 'zod';
import type { App, Deps } from '../../app.ts';
import { actorOf, authOf } from '../../http/access.ts';
import { idParam, list } from '../../http/fields.ts';
import {
  archive,
  household,
  householdCreate,
  householdQuery,
  householdSummary,
  householdUpdate,
  memberInput,
  memberUpdate,
  moveOut,
  ownershipTransfer,
  ownershipUpdate,
  revealInput,
  tenancyCreate,
  tenancyTerminate,
} from './households.schemas.ts';

const created = z.object({ id: z.number() });
const ok = z.object({ ok: z.boolean() });

export async function householdRoutes(app: App, { services }: Deps) {
  const svc = services.households;
  const tags = ['households'];
  const read = { access: 'household.read' as const };
  const write = { access: 'household.write' as const };

  app.get('/api/v1/households', {
    config: read,
    schema: { tags, summary: '住户档案列表', querystring: householdQuery, response: { 200: list(householdSummary) } },
  }, async (req) => svc.list({ ...req.query, scope: authOf(req).scope }, { actor: actorOf(req), auth: authOf(req) }));

  app.get('/api/v1/households/:id', {
    config: read,
    schema: { tags, summary: '住户档案（含家庭成员）', params: idParam, response: { 200: household } },
  }, async (req) => svc.get(authOf(req).scope, req.params.id));

  app.get('/api/v1/units/:id/archive', {
    config: read,
    schema: { tags, summary: '房屋档案：住户、成员、产权及变更、租赁', params: idParam, response: { 200: archive } },
  }, async (req) => svc.archive(authOf(req).scope, req.params.id));

  app.post('/api/v1/households', {
    config: write,
    schema: { tags, summary: '登记入住住户', body: householdCreate, response: { 201: created } },
  }, async (req, reply) => reply.status(201).send({ id: await svc.create(actorOf(req), authOf(req).scope, req.body) }));

  app.patch('/api/v1/households/:id', {
    config: write,
    schema: { tags, summary: '修改住户', params: idParam, body: householdUpdate, response: { 200: ok } },
  }, async (req) => {
    await svc.update(actorOf(req), authOf(req).scope, req.params.id, req.body);
    return { ok: true };
  });

  app.post('/api/v1/households/:id/move-out', {
    config: write,
    schema: { tags, summary: '住户迁出（档案保留）', params: idParam, body: moveOut, response: { 200: ok } },
  }, async (req) => {
    await svc.moveOut(actorOf(req), authOf(req).scope, req.params.id, req.body);
    return { ok: true };
  });

  app.post('/api/v1/households/:id/members', {
    config: write,
    schema: { tags, summary: '添加家庭成员', params: idParam, body: memberInput, response: { 201: created } },
  }, async (req, reply) => reply.status(201).send({ id: await svc.addMember(actorOf(req), authOf(req).scope, req.params.id, req.body) }));

  app.patch('/api/v1/members/:id', {
    config: write,
    schema: { tags, summary: '修改家庭成员', params: idParam, body: memberUpdate, response: { 200: ok } },
  }, async (req) => {
    await svc.updateMember(actorOf(req), authOf(req).scope, req.params.id, req.body);
    return { ok: true };
  });

  app.post('/api/v1/members/:id/move-out', {
    config: write,
    schema: { tags, summary: '家庭成员迁出', params: idParam, body: moveOut, response: { 200: ok } },
  }, async (req) => {
    await svc.moveOutMember(actorOf(req), authOf(req).scope, req.params.id, req.body);
    return { ok: true };
  });

  app.post('/api/v1/units/:id/ownership-transfer', {
    config: write,
    schema: { tags, summary: '产权登记或变更', params: idParam, body: ownershipTransfer, response: { 201: z.object({ ids: z.array(z.number()) }) } },
  }, async (req, reply) => reply.status(201).send({ ids: await svc.transferOwnership(actorOf(req), authOf(req).scope, req.params.id, req.body) }));

  app.patch('/api/v1/ownerships/:id', {
    config: write,
    schema: { tags, summary: '修改产权人联系方式、证号', params: idParam, body: ownershipUpdate, response: { 200: ok } },
  }, async (req) => {
    await svc.updateOwnership(actorOf(req), authOf(req).scope, req.params.id, req.body);
    return { ok: true };
  });

  app.post('/api/v1/tenancies', {
    config: write,
    schema: { tags, summary: '登记房屋租赁', body: tenancyCreate, response: { 201: created } },
  }, async (req, reply) => reply.status(201).send({ id: await svc.createTenancy(actorOf(req), authOf(req).scope, req.body) }));

  app.post('/api/v1/tenancies/:id/terminate', {
    config: write,
    schema: { tags, summary: '终止租赁', params: idParam, body: tenancyTerminate, response: { 200: ok } },
  }, async (req) => {
    await svc.terminateTenancy(actorOf(req), authOf(req).scope, req.params.id, req.body);
    return { ok: true };
  });

  app.post('/api/v1/reveal', {
    config: { access: 'pii.reveal' },
    schema: { tags, summary: '查看完整电话或身份证号（记入审计日志）', body: revealInput, response: { 200: z.object({ value: z.string().nullable() }) } },
  }, async (req) => svc.reveal(actorOf(req), authOf(req).scope, req.body));
}
