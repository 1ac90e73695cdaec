import { z } from 'zod';
import type { App } from '../../../app.ts';
import { actorOf, authOf } from '../../../http/access.ts';
import { idParam, list } from '../../../http/fields.ts';
import { declineInput, ownerVisit, ownerVisitInput, ownerVisitQuery, scheduleInput } from './owner-requests.schemas.ts';
import type { HomeVisitService } from './visits.service.ts';

/** 请管家上门: the owner asks in the portal; the steward schedules it onto a visit plan or declines. */
export async function ownerVisitRoutes(app: App, visits: HomeVisitService) {
  const svc = visits.owner;
  const tags = ['visits'];
  const ptags = ['portal'];

  app.get('/api/v1/portal/visit-requests', {
    config: { access: 'portal.self' },
    schema: { tags: ptags, summary: '我的请管家上门', response: { 200: list(ownerVisit) } },
  }, async (req) => svc.portalList(authOf(req)));

  app.post('/api/v1/portal/visit-requests', {
    config: { access: 'portal.self' },
    schema: { tags: ptags, summary: '请管家上门（本人的房屋）', body: ownerVisitInput, response: { 201: z.object({ id: z.number() }) } },
  }, async (req, reply) => reply.code(201).send(await svc.request(actorOf(req), authOf(req), req.body)));

  app.get('/api/v1/owner-visit-requests', {
    config: { access: 'visit.read' },
    schema: { tags, summary: '业主请管家上门的请求', querystring: ownerVisitQuery, response: { 200: list(ownerVisit) } },
  }, async (req) => svc.list(authOf(req), req.query));

  app.post('/api/v1/owner-visit-requests/:id/schedule', {
    config: { access: 'visit.write' },
    schema: { tags, summary: '排入某日走访计划', params: idParam, body: scheduleInput, response: { 200: z.object({ id: z.number(), status: z.literal('scheduled'), planId: z.number(), planItemId: z.number() }) } },
  }, async (req) => svc.schedule(actorOf(req), authOf(req), req.params.id, req.body));

  app.post('/api/v1/owner-visit-requests/:id/decline', {
    config: { access: 'visit.write' },
    schema: { tags, summary: '不安排上门（原因告知业主）', params: idParam, body: declineInput, response: { 200: z.object({ id: z.number(), status: z.literal('declined') }) } },
  }, async (req) => svc.decline(actorOf(req), authOf(req), req.params.id, req.body));
}
