import { z } from 'zod';
import type { App, Deps } from '../../../app.ts';
import { actorOf, authOf } from '../../../http/access.ts';
import { idParam } from '../../../http/fields.ts';
import {
  annualInput,
  appealInput,
  appraisalQuery,
  confirmInput,
  estateQuery,
  generateInput,
  kpiSetInput,
  kpiSetQuery,
  liveQuery,
  planQuery,
  reviewInput,
  selfInput,
  stepResult,
  trainingInput,
} from './performance.schemas.ts';

const any = z.any();

export async function performanceRoutes(app: App, { services }: Deps) {
  const tags = ['performance'];
  const svc = services.management.performance;

  app.get('/api/v1/kpi-sets', {
    config: { access: 'perf.review' },
    schema: { tags, summary: '考核指标（当前版本及历史版本）', querystring: kpiSetQuery, response: { 200: any } },
  }, async (req) => svc.kpiSets(authOf(req), req.query.estateId, req.query.role));

  app.post('/api/v1/kpi-sets', {
    config: { access: 'perf.config' },
    schema: { tags, summary: '保存考核指标新版本（权重合计 100；每项有来源指标、方向、下限与目标值）', body: kpiSetInput, response: { 201: z.object({ id: z.number(), version: z.number() }) } },
  }, async (req, reply) => reply.status(201).send(await svc.saveKpiSet(actorOf(req), authOf(req), req.body)));

  app.get('/api/v1/performance/staff', {
    config: { access: 'perf.read' },
    schema: { tags, summary: '可查看的被考核员工（本人；助理：本片区；主任：全部）', querystring: estateQuery, response: { 200: any } },
  }, async (req) => ({ items: await svc.staffList(authOf(req), req.query.estateId) }));

  app.get('/api/v1/performance/live', {
    config: { access: 'perf.read' },
    schema: { tags, summary: '员工本月实时考核指标', querystring: liveQuery, response: { 200: any } },
  }, async (req) => svc.live(authOf(req), req.query.estateId, req.query.userId, req.query.month));

  app.get('/api/v1/appraisals', {
    config: { access: 'perf.read' },
    schema: { tags, summary: '考核表列表', querystring: appraisalQuery, response: { 200: any } },
  }, async (req) => svc.list(authOf(req), req.query));

  app.get('/api/v1/appraisals/:id', {
    config: { access: 'perf.read' },
    schema: { tags, summary: '考核表（冻结的指标快照：分子、分母、公式）', params: idParam, response: { 200: any } },
  }, async (req) => svc.get(authOf(req), req.params.id));

  app.post('/api/v1/appraisals/:id/self-assess', {
    config: { access: 'perf.self' },
    schema: { tags, summary: '自评（M 4.5）', params: idParam, body: selfInput, response: { 200: stepResult } },
  }, async (req) => svc.act(actorOf(req), authOf(req), req.params.id, 'self_assess', req.body));

  app.post('/api/v1/appraisals/:id/review', {
    config: { access: 'perf.review' },
    schema: { tags, summary: '助理评审（可调整 ±10 分，须写明原因与依据）', params: idParam, body: reviewInput, response: { 200: stepResult } },
  }, async (req) => svc.act(actorOf(req), authOf(req), req.params.id, 'review', req.body));

  app.post('/api/v1/appraisals/:id/confirm', {
    config: { access: 'perf.confirm' },
    schema: { tags, summary: '主任确认', params: idParam, body: confirmInput, response: { 200: stepResult } },
  }, async (req) => svc.act(actorOf(req), authOf(req), req.params.id, 'confirm', req.body ?? {}));

  app.post('/api/v1/appraisals/:id/acknowledge', {
    config: { access: 'perf.self' },
    schema: { tags, summary: '员工确认签收', params: idParam, response: { 200: stepResult } },
  }, async (req) => svc.act(actorOf(req), authOf(req), req.params.id, 'acknowledge', {}));

  app.post('/api/v1/appraisals/:id/appeal', {
    config: { access: 'perf.self' },
    schema: { tags, summary: '申诉（退回助理复评，以冻结快照为准）', params: idParam, body: appealInput, response: { 200: stepResult } },
  }, async (req) => svc.act(actorOf(req), authOf(req), req.params.id, 'appeal', req.body));

  app.post('/api/v1/appraisals/generate', {
    config: { access: 'perf.config' },
    schema: { tags, summary: '生成某月考核表（每月 1 日自动生成；已有的不重复）', body: generateInput, response: { 200: z.object({ created: z.array(z.number()) }) } },
  }, async (req) => ({ created: await svc.generate(actorOf(req), authOf(req), req.body.estateId, req.body.month) }));

  app.post('/api/v1/appraisals/annual', {
    config: { access: 'perf.config' },
    schema: { tags, summary: '年度考核（70% 已确认月度平均 + 30% 年度评审）', body: annualInput, response: { 201: z.object({ id: z.number() }) } },
  }, async (req, reply) => reply.status(201).send(await svc.annual(actorOf(req), authOf(req), req.body)));

  app.get('/api/v1/development-plans', {
    config: { access: 'perf.read' },
    schema: { tags, summary: '个人发展计划（M 6.2）', querystring: planQuery, response: { 200: any } },
  }, async (req) => svc.plans(authOf(req), req.query.estateId, req.query.userId));

  app.post('/api/v1/development-plans/:id/done', {
    config: { access: 'perf.read' },
    schema: { tags, summary: '发展计划完成', params: idParam, response: { 200: stepResult } },
  }, async (req) => svc.planDone(actorOf(req), authOf(req), req.params.id));

  app.get('/api/v1/training-records', {
    config: { access: 'perf.read' },
    schema: { tags, summary: '培训记录（M 2.5）', querystring: estateQuery, response: { 200: any } },
  }, async (req) => svc.trainings(authOf(req), req.query.estateId));

  app.post('/api/v1/training-records', {
    config: { access: 'perf.review' },
    schema: { tags, summary: '登记培训', body: trainingInput, response: { 201: z.object({ id: z.number() }) } },
  }, async (req, reply) => reply.status(201).send(await svc.addTraining(actorOf(req), authOf(req), req.body)));
}
