import { z } from 'zod';
import type { App, Deps } from '../../../app.ts';
import { actorOf, authOf } from '../../../http/access.ts';
import { idParam, list } from '../../../http/fields.ts';
import { activity, activityCreate, activityDetail, activityQuery, activityUpdate, cancelInput, checkinInput, checkinOut, feedbackInput, portalActivity, registerInput, registration, reviewInput, subParams, taskInput, walkInInput } from './activities.schemas.ts';

const stateOut = z.object({ id: z.number(), status: z.string(), number: z.string() });
const regOut = z.object({ id: z.number(), status: z.string(), code: z.string() });
const ok = z.object({ ok: z.boolean() });
const cancelOut = z.object({ ok: z.boolean(), promoted: z.array(z.number()) });
const STEPS = ['approve', 'publish', 'close-registration', 'start', 'finish'] as const;

export async function activityRoutes(app: App, { services }: Deps) {
  const tags = ['activities'];
  const svc = services.activities;

  app.get('/api/v1/activities', { config: { access: 'activity.read' }, schema: { tags, summary: '社区文化活动', querystring: activityQuery, response: { 200: list(activity) } } }, async (req) => svc.list(authOf(req), req.query));
  app.post('/api/v1/activities', { config: { access: 'activity.manage' }, schema: { tags, summary: '新建活动方案', body: activityCreate, response: { 201: z.object({ id: z.number() }) } } }, async (req, reply) => reply.code(201).send(await svc.create(actorOf(req), authOf(req), req.body)));
  app.get('/api/v1/activities/:id', { config: { access: 'activity.read' }, schema: { tags, summary: '活动详情（筹备清单、反馈、总结）', params: idParam, response: { 200: activityDetail } } }, async (req) => svc.get(authOf(req), req.params.id));
  app.patch('/api/v1/activities/:id', { config: { access: 'activity.manage' }, schema: { tags, summary: '修改方案（审批前）', params: idParam, body: activityUpdate, response: { 200: z.object({ id: z.number() }) } } }, async (req) => svc.update(actorOf(req), authOf(req), req.params.id, req.body));
  for (const step of STEPS) {
    const action = step === 'close-registration' ? 'close_registration' : step;
    app.post(`/api/v1/activities/:id/${step}`, { config: { access: step === 'approve' ? 'activity.approve' : 'activity.manage' }, schema: { tags, summary: `活动：${step}`, params: idParam, response: { 200: stateOut } } }, async (req) => svc.step(actorOf(req), authOf(req), req.params.id, action));
  }
  app.post('/api/v1/activities/:id/review', { config: { access: 'activity.manage' }, schema: { tags, summary: '活动总结', params: idParam, body: reviewInput, response: { 200: stateOut } } }, async (req) => svc.review(actorOf(req), authOf(req), req.params.id, req.body));
  app.post('/api/v1/activities/:id/cancel', { config: { access: 'activity.manage' }, schema: { tags, summary: '取消活动（通知已报名住户）', params: idParam, body: cancelInput, response: { 200: stateOut } } }, async (req) => svc.cancel(actorOf(req), authOf(req), req.params.id, req.body.reason));
  app.get('/api/v1/activities/:id/registrations', { config: { access: 'activity.checkin' }, schema: { tags, summary: '报名名单（候补按先后）', params: idParam, response: { 200: list(registration) } } }, async (req) => svc.registrations(authOf(req), req.params.id));
  app.post('/api/v1/activities/:id/registrations', { config: { access: 'activity.checkin' }, schema: { tags, summary: '代住户报名（电话/前台）', params: idParam, body: registerInput, response: { 201: regOut } } }, async (req, reply) => reply.code(201).send(await svc.register(actorOf(req), authOf(req), req.params.id, req.body, { portal: false })));
  app.post('/api/v1/activities/:id/registrations/:sub/cancel', { config: { access: 'activity.checkin' }, schema: { tags, summary: '取消报名（候补依次递补）', params: subParams, response: { 200: cancelOut } } }, async (req) => svc.cancelRegistration(actorOf(req), authOf(req), req.params.id, req.params.sub, { portal: false }));
  app.post('/api/v1/activities/:id/checkin', { config: { access: 'activity.checkin' }, schema: { tags, summary: '扫码签到', params: idParam, body: checkinInput, response: { 200: checkinOut } } }, async (req) => svc.checkin(actorOf(req), authOf(req), req.params.id, req.body.code));
  app.post('/api/v1/activities/:id/walk-ins', { config: { access: 'activity.checkin' }, schema: { tags, summary: '现场登记（未报名到场）', params: idParam, body: walkInInput, response: { 201: z.object({ id: z.number() }) } } }, async (req, reply) => reply.code(201).send(await svc.walkIn(actorOf(req), authOf(req), req.params.id, req.body)));
  app.post('/api/v1/activities/:id/tasks/:sub', { config: { access: 'activity.manage' }, schema: { tags, summary: '筹备事项：负责人、时限、完成', params: subParams, body: taskInput, response: { 200: ok } } }, async (req) => svc.task(actorOf(req), authOf(req), req.params.id, req.params.sub, req.body));

  const ptags = ['portal'];
  app.get('/api/v1/portal/activities', { config: { access: 'portal.self' }, schema: { tags: ptags, summary: '社区活动', response: { 200: list(portalActivity) } } }, async (req) => svc.portalList(authOf(req)));
  app.get('/api/v1/portal/activities/:id', { config: { access: 'portal.self' }, schema: { tags: ptags, summary: '活动详情与我的签到码', params: idParam, response: { 200: portalActivity } } }, async (req) => svc.portalGet(authOf(req), req.params.id));
  app.post('/api/v1/portal/activities/:id/register', { config: { access: 'portal.self' }, schema: { tags: ptags, summary: '报名（满员进入候补）', params: idParam, body: registerInput, response: { 201: regOut } } }, async (req, reply) => reply.code(201).send(await svc.register(actorOf(req), authOf(req), req.params.id, req.body, { portal: true })));
  app.post('/api/v1/portal/activities/:id/registrations/:sub/cancel', { config: { access: 'portal.self' }, schema: { tags: ptags, summary: '取消报名', params: subParams, response: { 200: cancelOut } } }, async (req) => svc.cancelRegistration(actorOf(req), authOf(req), req.params.id, req.params.sub, { portal: true }));
  app.post('/api/v1/portal/activities/:id/feedback', { config: { access: 'portal.self' }, schema: { tags: ptags, summary: '活动反馈（评分）', params: idParam, body: feedbackInput, response: { 201: ok } } }, async (req, reply) => reply.code(201).send(await svc.feedback(actorOf(req), authOf(req), req.params.id, req.body)));
}
