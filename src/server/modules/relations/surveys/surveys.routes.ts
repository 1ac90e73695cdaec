import { z } from 'zod';
import type { App, Deps } from '../../../app.ts';
import { actorOf, authOf } from '../../../http/access.ts';
import { langOf } from '../../../http/error-handler.ts';
import { idParam, list } from '../../../http/fields.ts';
import { audiencePreview, audiencePreviewInput, issueInput, markInput, pendingForUnit, portalResponseInput, portalSurvey, recipient, recipientQuery, report, staffResponseInput, survey, surveyInput, surveyListQuery, surveyPatch, verification, verifyInput } from './surveys.schemas.ts';
import { surveyWorkbook } from './surveys.xlsx.ts';

/** Surveys 问卷 (manual 4.6.2): builder, slots, answers by every channel, verification, report. */
export async function surveyRoutes(app: App, { services }: Deps) {
  const tags = ['surveys'];
  const svc = services.surveys;
  const state = z.object({ id: z.number(), status: z.string(), slots: z.number() });

  app.get('/api/v1/surveys', {
    config: { access: 'survey.read' },
    schema: { tags, summary: '问卷列表', querystring: surveyListQuery, response: { 200: list(survey) } },
  }, async (req) => svc.list(authOf(req), req.query));

  app.post('/api/v1/surveys', {
    config: { access: 'survey.manage' },
    schema: { tags, summary: '新建问卷（草稿）', body: surveyInput, response: { 201: z.object({ id: z.number() }) } },
  }, async (req, reply) => reply.code(201).send(await svc.create(actorOf(req), authOf(req), req.body)));

  app.post('/api/v1/surveys/audience', {
    config: { access: 'survey.manage' },
    schema: { tags, summary: '预览调查对象（粘贴的房号转为房屋；返回户数）', body: audiencePreviewInput, response: { 200: audiencePreview } },
  }, async (req) => svc.audiencePreview(authOf(req), req.body));

  app.get('/api/v1/surveys/:id', {
    config: { access: 'survey.read' },
    schema: { tags, summary: '问卷', params: idParam, response: { 200: survey } },
  }, async (req) => svc.get(authOf(req), req.params.id));

  app.patch('/api/v1/surveys/:id', {
    config: { access: 'survey.manage' },
    schema: { tags, summary: '修改草稿（发布后题目和对象锁定）', params: idParam, body: surveyPatch, response: { 200: survey } },
  }, async (req) => svc.patch(actorOf(req), authOf(req), req.params.id, req.body));

  for (const action of ['publish', 'close', 'archive'] as const) {
    app.post(`/api/v1/surveys/:id/${action}`, {
      config: { access: 'survey.manage' },
      schema: { tags, summary: { publish: '发布（生成每户一份）', close: '结束回收', archive: '归档' }[action], params: idParam, response: { 200: state } },
    }, async (req) => svc.act(actorOf(req), authOf(req), req.params.id, action));
  }

  app.get('/api/v1/surveys/:id/recipients', {
    config: { access: 'survey.read' },
    schema: { tags, summary: '发放名单（每户一份，含表单编号）', params: idParam, querystring: recipientQuery, response: { 200: list(recipient) } },
  }, async (req) => svc.recipients(authOf(req), req.params.id, req.query));

  app.post('/api/v1/survey-recipients/:id/issue', {
    config: { access: 'survey.enter' },
    schema: { tags, summary: '登记发放', params: idParam, body: issueInput, response: { 200: z.object({ id: z.number(), status: z.string() }) } },
  }, async (req) => svc.issue(actorOf(req), authOf(req), req.params.id, req.body.channel));

  app.post('/api/v1/survey-recipients/:id/response', {
    config: { access: 'survey.enter' },
    schema: { tags, summary: '录入答卷（纸质须填表单编号；电话；走访）', params: idParam, body: staffResponseInput, response: { 201: z.object({ id: z.number(), recipientId: z.number() }) } },
  }, async (req, reply) => reply.code(201).send(await svc.enter(actorOf(req), authOf(req), req.params.id, req.body)));

  app.post('/api/v1/survey-recipients/:id/mark', {
    config: { access: 'survey.enter' },
    schema: { tags, summary: '标记拒答、无法联系或无效（须写原因）', params: idParam, body: markInput, response: { 200: z.object({ id: z.number(), status: z.string() }) } },
  }, async (req) => svc.mark(actorOf(req), authOf(req), req.params.id, req.body));

  app.get('/api/v1/surveys/:id/verifications', {
    config: { access: 'survey.verify' },
    schema: { tags, summary: '回访核实抽样（员工录入的 10%，至少 5 份）', params: idParam, response: { 200: z.object({ items: z.array(verification) }) } },
  }, async (req) => svc.verifications(authOf(req), req.params.id));

  app.post('/api/v1/survey-responses/:id/verify', {
    config: { access: 'survey.verify' },
    schema: { tags, summary: '记录核实结果（不得由录入人核实）', params: idParam, body: verifyInput, response: { 201: z.object({ id: z.number() }) } },
  }, async (req, reply) => reply.code(201).send(await svc.verify(actorOf(req), authOf(req), req.params.id, req.body)));

  app.get('/api/v1/surveys/:id/report', {
    config: { access: 'survey.read' },
    schema: { tags, summary: '问卷结果（回收率、满意率及公式）', params: idParam, response: { 200: report } },
  }, async (req) => svc.report(authOf(req), req.params.id, langOf(req)));

  app.get('/api/v1/surveys/:id/report.xlsx', {
    config: { access: 'survey.read' },
    schema: { tags, summary: '问卷结果导出 Excel', params: idParam },
  }, async (req, reply) => {
    const lang = langOf(req);
    const r = await svc.report(authOf(req), req.params.id, lang);
    reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    reply.header('content-disposition', `attachment; filename="survey-${r.surveyId}.xlsx"; filename*=UTF-8''${encodeURIComponent(`问卷结果-${r.surveyId}.xlsx`)}`);
    return reply.send(await surveyWorkbook(r, lang));
  });

  app.get('/api/v1/units/:id/pending-surveys', {
    config: { access: 'survey.enter' },
    schema: { tags, summary: '该户有待填问卷（收费时提示）', params: idParam, response: { 200: pendingForUnit } },
  }, async (req) => svc.pendingForUnit(authOf(req), req.params.id));

  app.get('/api/v1/portal/surveys', {
    config: { access: 'portal.self' },
    schema: { tags: ['portal'], summary: '我的问卷', response: { 200: z.object({ items: z.array(portalSurvey) }) } },
  }, async (req) => svc.portalList(authOf(req)));

  app.post('/api/v1/portal/surveys/:id', {
    config: { access: 'portal.self' },
    schema: { tags: ['portal'], summary: '提交问卷', params: idParam, body: portalResponseInput, response: { 201: z.object({ id: z.number(), recipientId: z.number() }) } },
  }, async (req, reply) => reply.code(201).send(await svc.portalAnswer(actorOf(req), authOf(req), req.params.id, req.body.answers)));
}
