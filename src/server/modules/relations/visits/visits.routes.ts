import { z } from 'zod';
import type { App, Deps } from '../../../app.ts';
import { actorOf, authOf } from '../../../http/access.ts';
import { langOf } from '../../../http/error-handler.ts';
import { outOfScope } from '../../../http/errors.ts';
import { idParam, list } from '../../../http/fields.ts';
import { t } from '../../../i18n/messages.ts';
import { ownerVisitRoutes } from './owner-requests.routes.ts';
import { addItemInput, coverageQuery, coverageReport, dropInput, generateInput, homeVisit, plan, planQuery, settings, settingsPatch, settingsQuery, tagsQuery, visitInput, visitListQuery } from './visits.schemas.ts';

/** Home visits 走访 (manual 4.6.1, form 5.2): settings, daily plans, records, coverage. */
export async function homeVisitRoutes(app: App, { services }: Deps) {
  const tags = ['visits'];
  const svc = services.homeVisits;

  app.get('/api/v1/visit-settings', {
    config: { access: 'visit.read' },
    schema: { tags, summary: '走访设置（周期、每日户数）', querystring: settingsQuery, response: { 200: settings } },
  }, async (req) => svc.getSettings(authOf(req), req.query.estateId));

  app.patch('/api/v1/visit-settings/:id', {
    config: { access: 'visit.config' },
    schema: { tags, summary: '修改项目的走访设置（:id 为项目）', params: idParam, body: settingsPatch, response: { 200: settings } },
  }, async (req) => svc.patchSettings(actorOf(req), authOf(req), req.params.id, req.body));

  app.post('/api/v1/visit-plans/generate', {
    config: { access: 'visit.config' },
    schema: { tags, summary: '生成当日走访计划（每天 06:00 自动生成）', body: generateInput, response: { 200: z.object({ created: z.number() }) } },
  }, async (req) => {
    const auth = authOf(req);
    if (!auth.scope.all && !auth.scope.estates.includes(req.body.estateId)) throw outOfScope();
    return svc.generate(actorOf(req), req.body.estateId, req.body.date ?? services.homeVisits.today());
  });

  app.get('/api/v1/visit-plans', {
    config: { access: 'visit.read' },
    schema: { tags, summary: '走访计划（某日，按片区管理员）', querystring: planQuery, response: { 200: z.object({ items: z.array(plan) }) } },
  }, async (req) => ({ items: await svc.plans(authOf(req), req.query) }));

  app.post('/api/v1/visit-plans/:id/confirm', {
    config: { access: 'visit.write' },
    schema: { tags, summary: '确认走访计划', params: idParam, response: { 200: z.object({ id: z.number(), status: z.string() }) } },
  }, async (req) => svc.confirm(actorOf(req), authOf(req), req.params.id));

  app.post('/api/v1/visit-plans/:id/items', {
    config: { access: 'visit.write' },
    schema: { tags, summary: '计划中增加一户（注明原因）', params: idParam, body: addItemInput, response: { 201: z.object({ id: z.number() }) } },
  }, async (req, reply) => reply.code(201).send(await svc.addItem(actorOf(req), authOf(req), req.params.id, req.body)));

  app.post('/api/v1/visit-plan-items/:id/drop', {
    config: { access: 'visit.write' },
    schema: { tags, summary: '从计划中去掉一户（须写原因）', params: idParam, body: dropInput, response: { 200: z.object({ id: z.number(), droppedAt: z.string() }) } },
  }, async (req) => svc.dropItem(actorOf(req), authOf(req), req.params.id, req.body));

  app.get('/api/v1/visit-tags', {
    config: { access: 'visit.read' },
    schema: { tags, summary: '意见分类（工单类别 + 客服/收费/社区文化/停车）', querystring: tagsQuery, response: { 200: z.object({ items: z.array(z.string()) }) } },
  }, async (req) => svc.tagList(authOf(req), req.query.estateId));

  app.post('/api/v1/home-visits', {
    config: { access: 'visit.write' },
    schema: { tags, summary: '记录一次走访（巡访记录）', body: visitInput, response: { 201: z.object({ id: z.number(), ticketId: z.number().nullable() }) } },
  }, async (req, reply) => reply.code(201).send(await svc.record(actorOf(req), authOf(req), req.body)));

  app.get('/api/v1/home-visits', {
    config: { access: 'visit.read' },
    schema: { tags, summary: '走访记录', querystring: visitListQuery, response: { 200: list(homeVisit) } },
  }, async (req) => svc.list(authOf(req), req.query));

  app.get('/api/v1/home-visits/:id', {
    config: { access: 'visit.read' },
    schema: { tags, summary: '一次走访（表 5.2）', params: idParam, response: { 200: homeVisit } },
  }, async (req) => svc.get(authOf(req), req.params.id));

  app.post('/api/v1/home-visits/:id/care-note', {
    config: { access: 'visit.read' },
    schema: { tags, summary: '查看关怀记录（记入审计日志）', params: idParam, response: { 200: z.object({ id: z.number(), careNote: z.string().nullable() }) } },
  }, async (req) => svc.careNote(actorOf(req), authOf(req), req.params.id));

  app.get('/api/v1/visit-reports/coverage', {
    config: { access: 'visit.read' },
    schema: { tags, summary: '走访覆盖率（周期内走访户数 ÷ 户数）', querystring: coverageQuery, response: { 200: coverageReport } },
  }, async (req) => {
    const r = await svc.coverageReport(authOf(req), req.query);
    const lang = langOf(req);
    return { ...r, formulas: r.formulas.map((k) => t(lang, k, { regular: r.regularDays, special: r.specialDays })) };
  });

  await ownerVisitRoutes(app, svc);
}
