/** The field app's three routes (FIELD-CONTRACT.md), plus reading a field photo back in the office. */
import { z } from 'zod';
import type { App, Deps } from '../../../app.ts';
import { actorOf, authOf } from '../../../http/access.ts';
import { langOf } from '../../../http/error-handler.ts';
import { AppError, invalid } from '../../../http/errors.ts';
import { idParam, list } from '../../../http/fields.ts';
import { clientUuid, discardAnswer, discardBody, discardQuery, discardRow, pack, packQuery, photoAnswer, syncAnswer, syncBody } from './sync.schemas.ts';

/** Before the server's resize (A.3.7: ≤ 10 MB before resize). */
export const FIELD_PHOTO_BYTES = 10 * 1024 * 1024;

export async function fieldSyncRoutes(app: App, { services }: Deps) {
  const tags = ['field'];
  const f = services.field;

  app.get('/api/v1/field/pack', {
    config: { access: 'field.work' },
    schema: { tags, summary: '今日任务包：我的巡检任务、检查点（二维码只给哈希）、检查项、未关闭的发现', querystring: packQuery, response: { 200: pack } },
  }, async (req) => f.pack.pack(authOf(req), req.query.estateId));

  app.post('/api/v1/field/photos', {
    config: { access: 'field.work' },
    schema: {
      tags,
      summary: '上传现场照片（multipart：字段 clientUuid、estateId，一个图片文件 ≤ 10 MB；重新编码为 JPEG，去掉元数据）；同一 clientUuid 重传返回原照片',
      consumes: ['multipart/form-data'],
      response: { 201: photoAnswer, 200: photoAnswer },
    },
  }, async (req, reply) => {
    if (!req.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA', { key: 'error.unsupportedMedia' });
    const fields: Record<string, string> = {};
    let file: { data: Buffer; mime: string; name: string } | null = null;
    for await (const part of req.parts({ limits: { fileSize: FIELD_PHOTO_BYTES, files: 1, fields: 4 } })) {
      if (part.type === 'file') {
        const data = await part.toBuffer();
        if (part.file.truncated) throw new AppError('PAYLOAD_TOO_LARGE', { key: 'error.payloadTooLarge' });
        file = { data, mime: part.mimetype, name: part.filename };
      } else fields[part.fieldname] = String(part.value ?? '');
    }
    const uuid = clientUuid.safeParse(fields.clientUuid);
    if (!uuid.success) throw invalid('clientUuid', fields.clientUuid ? 'field.uuid' : 'field.required');
    const estate = z.coerce.number().int().positive().safeParse(fields.estateId);
    if (!estate.success || !fields.estateId) throw invalid('estateId', 'field.required');
    if (!file) throw invalid('file', 'field.required');
    const out = await f.photos.add(actorOf(req), authOf(req), estate.data, uuid.data, file);
    return reply.status(out.duplicate ? 200 : 201).send(out);
  });

  app.post('/api/v1/field/sync', {
    config: { access: 'field.work' },
    schema: {
      tags,
      summary: '离线记录同步：每条按 (项目, clientUuid) 幂等，重放返回 duplicate 及原编号；设备时钟按本批偏差校正',
      body: syncBody,
      response: { 200: syncAnswer },
    },
  }, async (req) => f.sync.sync(actorOf(req), authOf(req), req.body, langOf(req)));

  app.post('/api/v1/field/discards', {
    config: { access: 'field.discard' },
    schema: {
      tags,
      summary: '主管在手机上作废他人未同步的记录（须写原因）：逐条留存类型、clientUuid、所属用户并记审计、通知本人；服务器已收到的答 arrived',
      body: discardBody,
      response: { 200: discardAnswer },
    },
  }, async (req) => f.discards.report(actorOf(req), authOf(req), req.body));

  app.get('/api/v1/field/discards', {
    config: { access: 'field.discard' },
    schema: { tags, summary: '手机上被作废的未同步记录', querystring: discardQuery, response: { 200: list(discardRow) } },
  }, async (req) => f.discards.list(authOf(req), req.query));

  app.get('/api/v1/field/photos/:id', {
    config: { access: 'rounds.read' },
    schema: { tags, summary: '查看现场照片', params: idParam },
  }, async (req, reply) => {
    const photo = await f.photos.get(authOf(req), req.params.id);
    reply.header('content-type', photo.mime);
    return reply.send(photo.data);
  });
}
