/** The office's rounds API: templates, checkpoints and labels, routes, plans, the task board, findings, reports. */
import { z } from 'zod';
import type { App, Deps } from '../../../app.ts';
import { actorOf, authOf } from '../../../http/access.ts';
import { idParam, list } from '../../../http/fields.ts';
import {
  checkpoint,
  checkpointCreate,
  checkpointUpdate,
  estateQuery,
  finding,
  findingQuery,
  label,
  labelQuery,
  makeupIn,
  plan,
  planCreate,
  planUpdate,
  quality,
  report,
  reportQuery,
  route,
  routeCreate,
  routeUpdate,
  task,
  taskDetail,
  taskQuery,
  template,
  templateCreate,
  templateDraft,
  transferIn,
} from './rounds.schemas.ts';

export async function roundsRoutes(app: App, { services }: Deps) {
  const tags = ['rounds'];
  const cfg = services.field.config;
  const tasks = services.field.tasks;
  const reports = services.field.reports;
  const created = z.object({ id: z.number() });
  const ok = z.object({ ok: z.boolean() });

  // ---- templates
  app.get('/api/v1/rounds/templates', {
    config: { access: 'rounds.read' },
    schema: { tags, summary: '检查表模板（各版本）', querystring: estateQuery, response: { 200: list(template) } },
  }, async (req) => {
    const items = await cfg.listTemplates(authOf(req), req.query.estateId);
    return { items, total: items.length };
  });
  app.get('/api/v1/rounds/templates/:id', {
    config: { access: 'rounds.read' },
    schema: { tags, summary: '模板的一个版本及其检查项', params: idParam, response: { 200: template } },
  }, async (req) => cfg.getTemplate(authOf(req), req.params.id));
  app.post('/api/v1/rounds/templates', {
    config: { access: 'rounds.config' },
    schema: { tags, summary: '新建模板（草稿，第 1 版）', body: templateCreate, response: { 201: created } },
  }, async (req, reply) => reply.status(201).send({ id: await cfg.createTemplate(actorOf(req), authOf(req), req.body) }));
  app.post('/api/v1/rounds/templates/:id/draft', {
    config: { access: 'rounds.config' },
    schema: { tags, summary: '保存草稿（名称与全部检查项）；已发布的版本不可修改（409）', params: idParam, body: templateDraft, response: { 200: ok } },
  }, async (req) => {
    await cfg.saveDraft(actorOf(req), authOf(req), req.params.id, req.body);
    return { ok: true };
  });
  app.post('/api/v1/rounds/templates/:id/publish', {
    config: { access: 'rounds.config' },
    schema: { tags, summary: '发布草稿：此后该版本不再改变，新任务使用最新发布版本', params: idParam, response: { 200: ok } },
  }, async (req) => {
    await cfg.publish(actorOf(req), authOf(req), req.params.id);
    return { ok: true };
  });
  app.post('/api/v1/rounds/templates/:id/revise', {
    config: { access: 'rounds.config' },
    schema: { tags, summary: '修订：以此版本为底新建下一版草稿', params: idParam, response: { 201: created } },
  }, async (req, reply) => reply.status(201).send({ id: await cfg.revise(actorOf(req), authOf(req), req.params.id) }));

  // ---- checkpoints
  app.get('/api/v1/rounds/checkpoints', {
    config: { access: 'rounds.read' },
    schema: { tags, summary: '检查点', querystring: estateQuery, response: { 200: list(checkpoint) } },
  }, async (req) => {
    const items = await cfg.listCheckpoints(authOf(req), req.query.estateId);
    return { items, total: items.length };
  });
  app.post('/api/v1/rounds/checkpoints', {
    config: { access: 'rounds.config' },
    schema: { tags, summary: '新建检查点（自动生成二维码令牌，非编号）', body: checkpointCreate, response: { 201: created } },
  }, async (req, reply) => reply.status(201).send({ id: await cfg.createCheckpoint(actorOf(req), authOf(req), req.body) }));
  app.patch('/api/v1/rounds/checkpoints/:id', {
    config: { access: 'rounds.config' },
    schema: { tags, summary: '修改检查点（停用而不删除）', params: idParam, body: checkpointUpdate, response: { 200: ok } },
  }, async (req) => {
    await cfg.updateCheckpoint(actorOf(req), authOf(req), req.params.id, req.body);
    return { ok: true };
  });
  app.post('/api/v1/rounds/checkpoints/:id/rotate', {
    config: { access: 'rounds.config' },
    schema: { tags, summary: '更换二维码令牌（旧标签作废，需重新打印）', params: idParam, response: { 200: ok } },
  }, async (req) => {
    await cfg.rotate(actorOf(req), authOf(req), req.params.id);
    return { ok: true };
  });
  app.get('/api/v1/rounds/labels', {
    config: { access: 'rounds.config' },
    schema: { tags, summary: '打印二维码标签用：检查点及扫码地址（含令牌）', querystring: labelQuery, response: { 200: list(label) } },
  }, async (req) => {
    const items = await cfg.labels(authOf(req), req.query.estateId, req.query.ids ? req.query.ids.split(',').map(Number) : null);
    return { items, total: items.length };
  });

  // ---- routes
  app.get('/api/v1/rounds/routes', {
    config: { access: 'rounds.read' },
    schema: { tags, summary: '巡检路线', querystring: estateQuery, response: { 200: list(route) } },
  }, async (req) => {
    const items = await cfg.listRoutes(authOf(req), req.query.estateId);
    return { items, total: items.length };
  });
  app.post('/api/v1/rounds/routes', {
    config: { access: 'rounds.config' },
    schema: { tags, summary: '新建路线（检查点按顺序）', body: routeCreate, response: { 201: created } },
  }, async (req, reply) => reply.status(201).send({ id: await cfg.createRoute(actorOf(req), authOf(req), req.body) }));
  app.patch('/api/v1/rounds/routes/:id', {
    config: { access: 'rounds.config' },
    schema: { tags, summary: '修改路线', params: idParam, body: routeUpdate, response: { 200: ok } },
  }, async (req) => {
    await cfg.updateRoute(actorOf(req), authOf(req), req.params.id, req.body);
    return { ok: true };
  });

  // ---- plans
  app.get('/api/v1/rounds/plans', {
    config: { access: 'rounds.read' },
    schema: { tags, summary: '巡检计划', querystring: estateQuery, response: { 200: list(plan) } },
  }, async (req) => {
    const items = await cfg.listPlans(authOf(req), req.query.estateId);
    return { items, total: items.length };
  });
  app.post('/api/v1/rounds/plans', {
    config: { access: 'rounds.config' },
    schema: { tags, summary: '新建计划（每天/每周几/每月几号/每 n 天；时段与窗口；提前与宽限分钟；执行人或片区管理员）', body: planCreate, response: { 201: created } },
  }, async (req, reply) => reply.status(201).send({ id: await cfg.createPlan(actorOf(req), authOf(req), req.body) }));
  app.patch('/api/v1/rounds/plans/:id', {
    config: { access: 'rounds.config' },
    schema: { tags, summary: '修改计划（停用而不删除）', params: idParam, body: planUpdate, response: { 200: ok } },
  }, async (req) => {
    await cfg.updatePlan(actorOf(req), authOf(req), req.params.id, req.body);
    return { ok: true };
  });

  // ---- tasks
  app.get('/api/v1/rounds/tasks', {
    config: { access: 'rounds.read' },
    schema: { tags, summary: '任务看板（按日期、状态、计划、执行人）', querystring: taskQuery, response: { 200: list(task) } },
  }, async (req) => {
    const items = await tasks.list(authOf(req), req.query);
    return { items, total: items.length };
  });
  app.get('/api/v1/rounds/tasks/:id', {
    config: { access: 'rounds.read' },
    schema: { tags, summary: '任务详情：检查点、结果、转单记录', params: idParam, response: { 200: taskDetail } },
  }, async (req) => tasks.get(authOf(req), req.params.id));
  app.post('/api/v1/rounds/tasks/:id/transfer', {
    config: { access: 'field.work' },
    schema: { tags, summary: '转单（执行人本人或主管；须填原因）', params: idParam, body: transferIn, response: { 200: ok } },
  }, async (req) => {
    await tasks.transfer(actorOf(req), authOf(req), req.params.id, req.body.toUserId, req.body.reason);
    return { ok: true };
  });
  app.post('/api/v1/rounds/tasks/:id/makeup', {
    config: { access: 'rounds.supervise' },
    schema: { tags, summary: '补检：为漏检的检查点开补检任务（时段结束后 24 小时内；结果计为迟到）', params: idParam, body: makeupIn, response: { 201: created } },
  }, async (req, reply) => reply.status(201).send({ id: await tasks.makeup(actorOf(req), authOf(req), req.params.id, req.body?.assigneeId ?? null) }));

  // ---- findings and reports
  app.get('/api/v1/rounds/findings', {
    config: { access: 'rounds.read' },
    schema: { tags, summary: '巡检发现（每页 50 条）', querystring: findingQuery, response: { 200: list(finding) } },
  }, async (req) => reports.findings(authOf(req), req.query));
  app.get('/api/v1/rounds/reports', {
    config: { access: 'rounds.read' },
    schema: { tags, summary: '巡检统计：完成率、准时率、未验证占比、漏检清单、发现分类，按日、人员、计划', querystring: reportQuery, response: { 200: report } },
  }, async (req) => reports.report(authOf(req), req.query.estateId, req.query.from, req.query.to));
  app.get('/api/v1/rounds/quality', {
    config: { access: 'rounds.read' },
    schema: { tags, summary: '部门品质得分（保洁、安保、维修、绿化）：检查项正常 ÷（正常 + 问题）× 100', querystring: reportQuery, response: { 200: quality } },
  }, async (req) => reports.quality(authOf(req), req.query.estateId, req.query.from, req.query.to));
}
