import { z } from 'zod';
import { ACTION_PERMISSION, ACTIONS, DEPARTMENTS } from '../../../core/tickets.ts';
import type { App, Deps } from '../../app.ts';
import { actorOf, authOf } from '../../http/access.ts';
import { AppError } from '../../http/errors.ts';
import { langOf } from '../../http/error-handler.ts';
import { fastSerializerCompiler } from '../../http/fast-json.ts';
import { idParam, list, queryId } from '../../http/fields.ts';
import { actionInput, commentInput, stepInput, ticketCreate, ticketDetail, ticketPage, ticketQuery } from './desk.schemas.ts';

export const MAX_PHOTOS = 6;
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;

const dayStart = (d: string) => new Date(`${d}T00:00:00+08:00`).toISOString();
const dayAfter = (d: string) => new Date(Date.parse(`${d}T00:00:00+08:00`) + 86_400_000).toISOString();

export async function ticketRoutes(app: App, { services }: Deps) {
  const svc = services.tickets;
  const tags = ['desk'];
  const stepResult = z.object({ id: z.number(), status: z.string() });

  app.get('/api/v1/tickets', {
    config: { access: 'desk.read' },
    schema: {
      tags,
      summary: '工单列表（时限状态、倒计时、筛选）；total 最多计到 10,000，more 表示还有更多',
      querystring: ticketQuery,
      response: { 200: ticketPage },
    },
    // The desk's busiest answer: written by fast-json-stringify (http/fast-json.ts).
    serializerCompiler: fastSerializerCompiler,
  }, async (req) => {
    const q = req.query;
    return svc.list(authOf(req), {
      ...q,
      open: q.open === '1',
      mine: q.mine === '1',
      pool: q.pool === '1',
      emergency: q.emergency === '1',
      from: q.from ? dayStart(q.from) : undefined,
      to: q.to ? dayAfter(q.to) : undefined,
    });
  });

  app.get('/api/v1/tickets/:id', {
    config: { access: 'desk.read' },
    schema: { tags, summary: '工单详情与时间线', params: idParam, response: { 200: ticketDetail } },
  }, async (req) => svc.get(authOf(req), req.params.id, langOf(req)));

  app.get('/api/v1/tickets/:id/assignees', {
    config: { access: 'desk.dispatch' },
    schema: {
      tags,
      summary: '可接此单的人员：所选部门（默认工单部门）覆盖该片区的人员，及片区管理员、助理、主任',
      params: idParam,
      querystring: z.object({ department: z.enum(DEPARTMENTS).optional() }),
      response: { 200: list(z.object({ id: z.number(), displayName: z.string(), role: z.string(), department: z.string().nullable() })) },
    },
  }, async (req) => {
    const items = await svc.assigneesFor(authOf(req), req.params.id, req.query.department);
    return { items, total: items.length };
  });

  app.post('/api/v1/tickets', {
    config: { access: 'desk.register' },
    schema: { tags, summary: '登记报事（咨询、建议、投诉、报修、报事、特约服务、纠纷、遗留问题）', body: ticketCreate, response: { 201: z.object({ id: z.number() }) } },
  }, async (req, reply) => reply.status(201).send({ id: await svc.create(actorOf(req), authOf(req), req.body) }));

  for (const action of ACTIONS) {
    app.post(`/api/v1/tickets/:id/${action}`, {
      config: { access: ACTION_PERMISSION[action] },
      schema: { tags, summary: `工单操作：${action}`, params: idParam, body: actionInput, response: { 200: stepResult } },
    }, async (req) => {
      const { id: ticketId, status } = await svc.act(actorOf(req), authOf(req), req.params.id, action, req.body);
      return { id: ticketId, status };
    });
  }

  app.post('/api/v1/tickets/:id/reveal-phone', {
    config: { access: 'pii.reveal' },
    schema: { tags, summary: '查看报事人完整电话（记入审计日志）', params: idParam, response: { 200: z.object({ value: z.string().nullable() }) } },
  }, async (req) => svc.revealReporterPhone(actorOf(req), authOf(req), req.params.id));

  app.post('/api/v1/tickets/:id/comments', {
    config: { access: 'desk.register' },
    schema: { tags, summary: '添加处理记录或内部备注', params: idParam, body: commentInput, response: { 201: z.object({ ok: z.boolean() }) } },
  }, async (req, reply) => {
    await svc.comment(actorOf(req), authOf(req), req.params.id, req.body.note, req.body.internal);
    return reply.status(201).send({ ok: true });
  });

  app.post('/api/v1/tickets/:id/steps/:stepId/done', {
    config: { access: 'desk.register' },
    schema: { tags, summary: '完成应急预案的一个步骤', params: z.object({ id: queryId, stepId: queryId }), body: stepInput, response: { 200: z.object({ ok: z.boolean() }) } },
  }, async (req) => {
    await svc.completeStep(actorOf(req), authOf(req), req.params.id, req.params.stepId, req.body.note ?? null);
    return { ok: true };
  });

  app.post('/api/v1/tickets/:id/photos', {
    config: { access: 'authenticated' },
    schema: {
      tags,
      summary: `上传现场照片（multipart，字段 file，可多张，最多 ${MAX_PHOTOS} 张，每张 ≤ 5 MB，JPEG/PNG/WebP/AVIF；重新编码：去掉元数据，按方向转正，长边缩到 2560 以内，不透明的存为 JPEG）`,
      params: idParam,
      consumes: ['multipart/form-data'],
      response: { 201: z.object({ ids: z.array(z.number()) }) },
    },
  }, async (req, reply) => {
    if (!req.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA', { key: 'error.unsupportedMedia' });
    const files: Array<{ data: Buffer; mime: string; name: string }> = [];
    for await (const part of req.files({ limits: { fileSize: MAX_PHOTO_BYTES, files: MAX_PHOTOS + 1 } })) {
      const data = await part.toBuffer();
      if (part.file.truncated) throw new AppError('PAYLOAD_TOO_LARGE', { key: 'error.payloadTooLarge' });
      files.push({ data, mime: part.mimetype, name: part.filename });
      if (files.length > MAX_PHOTOS) throw new AppError('VALIDATION', { key: 'error.validation' }, { file: { key: 'error.photoCount', params: { max: MAX_PHOTOS } } });
    }
    if (!files.length) throw new AppError('VALIDATION', { key: 'error.validation' }, { file: { key: 'field.required' } });
    const ids = await services.photos.add(actorOf(req), authOf(req), req.params.id, files);
    return reply.status(201).send({ ids });
  });

  app.get('/api/v1/photos/:id', {
    config: { access: 'authenticated' },
    schema: { tags, summary: '查看工单照片', params: idParam },
  }, async (req, reply) => {
    const photo = await services.photos.get(authOf(req), req.params.id);
    reply.header('content-type', photo.mime);
    return reply.send(photo.data);
  });
}
