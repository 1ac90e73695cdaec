import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { App, Deps } from '../../../app.ts';
import { actorOf, authOf } from '../../../http/access.ts';
import type { Access } from '../../../http/access.ts';
import { langOf } from '../../../http/error-handler.ts';
import { AppError } from '../../../http/errors.ts';
import { idParam, list, queryId, pageQuery, text } from '../../../http/fields.ts';
import { acceptanceProblem, type RenoAction, VIOLATION_STATUSES } from '../../../../core/renovation.ts';
import { acceptanceBody, anyOut, extensionDecision, extensionRequest, renoCreate, renoDetailOut, renoOut, renoQuery, renoRevise, stepBody, violationCreate, violationOut, violationStep } from './renovation.schemas.ts';
import { RENO_ACCEPTANCE_FORM } from './renovation.service.ts';
import { reportWorkbook } from './report.xlsx.ts';

/** Photo uploads: one image per request, ≤ 10 MB before re-encoding (A.3.7). */
export const RENO_PHOTO_BYTES = 10 * 1024 * 1024;

/** The steps of the state machine with who may take them (design A.3.1 roles) and what they carry. */
const STEPS: Array<{ path: string; action: RenoAction; access: Access; body: z.ZodType; summary: string }> = [
  { path: 'submit', action: 'submit', access: 'reno.register', body: stepBody.empty, summary: '提交装修申请' },
  { path: 'return', action: 'return', access: 'reno.approve', body: stepBody.reason, summary: '退回补正（须填原因）' },
  { path: 'approve', action: 'approve', access: 'reno.approve', body: stepBody.approve, summary: '审批同意（涉及结构的由管理处主任审批；拆改墙体、厨卫防水须工程部意见）' },
  { path: 'reject', action: 'reject', access: 'reno.approve', body: stepBody.reason, summary: '不予批准（须填原因）' },
  { path: 'permit', action: 'permit', access: 'reno.register', body: stepBody.empty, summary: '核发开工证（须已签协议、收押金、开具费用）' },
  { path: 'start', action: 'start', access: 'reno.inspect', body: stepBody.empty, summary: '开工（房屋状态改为装修中）' },
  { path: 'suspend', action: 'suspend', access: 'reno.inspect', body: stepBody.reason, summary: '暂停施工（须填原因）' },
  { path: 'resume', action: 'resume', access: 'reno.inspect', body: stepBody.optionalReason, summary: '恢复施工' },
  { path: 'request-completion', action: 'request_completion', access: 'reno.register', body: stepBody.empty, summary: '申请竣工验收' },
  { path: 'close', action: 'settle', access: 'reno.approve', body: stepBody.empty, summary: '结案（无押金的装修，如空调安装）' },
  { path: 'cancel', action: 'cancel', access: 'reno.register', body: stepBody.reason, summary: '撤销申请（开工前；须填原因）' },
];

export async function renovationRoutes(app: App, { services }: Deps) {
  const svc = services.renovation;
  const tags = ['renovation'];

  app.get('/api/v1/renovations', {
    config: { access: 'reno.read' },
    schema: { tags, summary: '装修登记列表（按状态、片区、房号筛选）', querystring: renoQuery, response: { 200: list(renoOut) } },
  }, async (req) => svc.renovations.list(authOf(req), req.query));

  app.post('/api/v1/renovations', {
    config: { access: 'reno.register' },
    schema: { tags, summary: '装修申请登记（业主，或经业主同意的租户）', body: renoCreate, response: { 201: renoDetailOut } },
  }, async (req, reply) => reply.status(201).send(await svc.renovations.create(actorOf(req), authOf(req), req.body)));

  app.get('/api/v1/renovations/:id', {
    config: { access: 'reno.read' },
    schema: { tags, summary: '装修详情：进度、施工人员、押金、违规、验收', params: idParam, response: { 200: renoDetailOut } },
  }, async (req) => svc.renovations.get(authOf(req), req.params.id));

  for (const s of STEPS) {
    app.post(`/api/v1/renovations/:id/${s.path}`, {
      config: { access: s.access },
      schema: { tags, summary: s.summary, params: idParam, body: s.body, response: { 200: renoDetailOut } },
    }, async (req) => svc.renovations.step(actorOf(req), authOf(req), req.params.id, s.action, (req.body ?? {}) as Record<string, string | null>));
  }

  app.post('/api/v1/renovations/:id/agreement', {
    config: { access: 'reno.register' },
    schema: { tags, summary: '签订装修管理服务协议及承诺书', params: idParam, body: stepBody.empty, response: { 200: renoDetailOut } },
  }, async (req) => svc.renovations.signAgreement(actorOf(req), authOf(req), req.params.id));

  app.post('/api/v1/renovations/:id/fees', {
    config: { access: 'fee.bill' },
    schema: { tags, summary: '开具装修一次性费用（装修垃圾清运费等，每项只开一次）', params: idParam, body: stepBody.empty, response: { 200: renoDetailOut } },
  }, async (req) => svc.renovations.billFees(actorOf(req), authOf(req), req.params.id));

  app.post('/api/v1/renovations/:id/acceptance', {
    config: { access: 'reno.accept' },
    schema: { tags, summary: '竣工验收（工程部与客服中心；合格须全部检查项合格及四方签名或签字扫描件）', params: idParam, body: acceptanceBody, response: { 200: renoDetailOut } },
  }, async (req) => {
    const b = req.body;
    return svc.renovations.accept(actorOf(req), authOf(req), req.params.id, b, (openMajors) => acceptanceProblem({ checklist: b.checklist, signatures: b.signatures, scanned: b.scanId != null, openMajors }));
  });

  app.post('/api/v1/renovations/:id/revise', {
    config: { access: 'reno.register' },
    schema: { tags, summary: '修改被退回的申请并重新提交（代业主；保留每一版）', params: idParam, body: renoRevise, response: { 200: renoDetailOut } },
  }, async (req) => svc.revisions.revise(actorOf(req), authOf(req), req.params.id, req.body));

  app.post('/api/v1/renovations/:id/extensions', {
    config: { access: 'reno.register' },
    schema: { tags, summary: '申请延期（新的完工日期与原因；待审批）', params: idParam, body: extensionRequest, response: { 200: renoDetailOut } },
  }, async (req) => svc.extensions.request(actorOf(req), authOf(req), req.params.id, req.body));

  app.post('/api/v1/renovation-extensions/:id/decide', {
    config: { access: 'reno.approve' },
    schema: { tags, summary: '审批延期（批准则改计划完工日期；超过 30 天或第三次起须主任；不批准须填原因）', params: idParam, body: extensionDecision, response: { 200: renoDetailOut } },
  }, async (req) => svc.extensions.decide(actorOf(req), authOf(req), req.params.id, req.body));

  app.post('/api/v1/renovations/:id/acceptance-scans', {
    config: { access: 'reno.accept' },
    schema: { tags, summary: '上传签字验收表扫描件（multipart，字段 file：PDF 或 JPEG/PNG/WebP，≤ 10 MB；可代替四方签名）', params: idParam, consumes: ['multipart/form-data'], response: { 201: z.object({ id: z.number() }) } },
  }, async (req, reply) => {
    const file = await onePhoto(req);
    const id = await services.management.formScans.add(actorOf(req), authOf(req), RENO_ACCEPTANCE_FORM, String(req.params.id), file, null);
    return reply.status(201).send({ id });
  });

  app.post('/api/v1/renovations/:id/workers/:workerId/return-pass', {
    config: { access: 'reno.register' },
    schema: { tags, summary: '收回施工人员出入证', params: z.object({ id: queryId, workerId: queryId }), body: stepBody.empty, response: { 200: renoDetailOut } },
  }, async (req) => svc.renovations.returnPass(actorOf(req), authOf(req), req.params.id, req.params.workerId));

  app.post('/api/v1/renovations/:id/photos', {
    config: { access: 'reno.inspect' },
    schema: { tags, summary: '上传违规现场照片（multipart，字段 file，一张，≤ 10 MB；重新编码去掉元数据）', params: idParam, consumes: ['multipart/form-data'], response: { 201: z.object({ name: z.string() }) } },
  }, async (req, reply) => reply.status(201).send(await svc.violations.addPhoto(authOf(req), req.params.id, await onePhoto(req))));

  app.get('/api/v1/renovations/:id/photos/:name', {
    config: { access: 'reno.read' },
    schema: { tags, summary: '查看装修违规照片', params: z.object({ id: queryId, name: z.string().max(64) }) },
  }, async (req, reply) => {
    const p = await svc.violations.photo(authOf(req), req.params.id, req.params.name);
    reply.header('content-type', p.mime);
    return reply.send(p.data);
  });

  app.post('/api/v1/renovations/:id/violations', {
    config: { access: 'reno.inspect' },
    schema: { tags, summary: '登记装修违规（一般：当场整改并拍整改后照片；严重：违反《住宅室内装饰装修管理办法》第五条，须有照片）', params: idParam, body: violationCreate, response: { 201: violationOut } },
  }, async (req, reply) => reply.status(201).send(await svc.violations.create(actorOf(req), authOf(req), req.params.id, req.body)));

  app.get('/api/v1/renovation-violations', {
    config: { access: 'reno.read' },
    schema: { tags, summary: '装修违规列表', querystring: z.object({ estateId: queryId.optional(), status: z.enum(VIOLATION_STATUSES).optional(), severity: z.enum(['minor', 'major']).optional(), ...pageQuery }).strict(), response: { 200: list(violationOut) } },
  }, async (req) => svc.violations.list(authOf(req), req.query));

  app.get('/api/v1/renovation-violations/:id', {
    config: { access: 'reno.read' },
    schema: { tags, summary: '装修违规详情（整改通知书）', params: idParam, response: { 200: violationOut } },
  }, async (req) => svc.violations.get(authOf(req), req.params.id));

  app.post('/api/v1/renovation-violations/:id/steps', {
    config: { access: 'reno.inspect' },
    schema: { tags, summary: '违规处理：发整改通知书、整改完成、复查合格/不合格、上报（上报限助理、主任）', params: idParam, body: violationStep, response: { 200: violationOut } },
  }, async (req) => svc.violations.step(actorOf(req), authOf(req), req.params.id, req.body));

  app.post('/api/v1/renovation-violations/:id/ack', {
    config: { access: 'reno.inspect' },
    schema: { tags, summary: '记录业主签收整改通知书（回执联，签收人姓名）', params: idParam, body: z.object({ name: text(64) }).strict(), response: { 200: violationOut } },
  }, async (req) => svc.violations.acknowledge(actorOf(req), authOf(req), req.params.id, req.body.name));

  app.get('/api/v1/renovation-reports', {
    config: { access: 'reno.report' },
    schema: { tags, summary: '装修周报（每周六 08:00 生成并送助理，生成后不再变动）', querystring: z.object({ estateId: queryId.optional() }).strict(), response: { 200: list(anyOut) } },
  }, async (req) => svc.reports.list(authOf(req), req.query.estateId));

  app.get('/api/v1/renovation-reports/:id', {
    config: { access: 'reno.report' },
    schema: { tags, summary: '装修周报（冻结快照）', params: idParam, response: { 200: anyOut } },
  }, async (req) => svc.reports.get(authOf(req), req.params.id));

  app.get('/api/v1/renovation-reports/:id/xlsx', {
    config: { access: 'reno.report' },
    schema: { tags, summary: '装修周报导出 Excel', params: idParam },
  }, async (req, reply) => {
    const r = await svc.reports.get(authOf(req), req.params.id);
    reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    reply.header('content-disposition', `attachment; filename="renovation-${r.report.from}.xlsx"; filename*=UTF-8''${encodeURIComponent(`装修周报-${r.report.from}.xlsx`)}`);
    return reply.send(await reportWorkbook(r.report, r.estateName, langOf(req)));
  });
}

/** The one image of a multipart upload (field `file`). */
export async function onePhoto(req: FastifyRequest): Promise<{ data: Buffer; mime: string }> {
  if (!req.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA', { key: 'error.unsupportedMedia' });
  const part = await req.file({ limits: { fileSize: RENO_PHOTO_BYTES, files: 1 } });
  if (!part) throw new AppError('VALIDATION', { key: 'error.validation' }, { file: { key: 'field.required' } });
  const data = await part.toBuffer();
  if (part.file.truncated) throw new AppError('PAYLOAD_TOO_LARGE', { key: 'error.payloadTooLarge' });
  return { data, mime: part.mimetype };
}
