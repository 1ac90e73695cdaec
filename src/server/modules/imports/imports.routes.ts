import { z } from 'zod';
import type { App, Deps } from '../../app.ts';
import { actorOf, authOf } from '../../http/access.ts';
import { AppError } from '../../http/errors.ts';
import { langOf } from '../../http/error-handler.ts';
import { idParam, queryId } from '../../http/fields.ts';
import { buildTemplate } from './template.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const job = z.object({
  id: z.number(),
  estateId: z.number(),
  fileName: z.string(),
  status: z.enum(['queued', 'validating', 'writing', 'done', 'failed']),
  totalRows: z.number(),
  processedRows: z.number(),
  errors: z.array(z.object({ sheet: z.string(), row: z.number(), column: z.string(), message: z.string() })),
  result: z.object({ buildings: z.number(), units: z.number(), households: z.number(), members: z.number(), ownerships: z.number() }).nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});

export async function importRoutes(app: App, { services }: Deps) {
  const tags = ['imports'];
  const config = { access: 'import.run' as const };

  app.get('/api/v1/imports/template', {
    config,
    schema: { tags, summary: '下载 Excel 导入模板（楼栋、房屋、住户）' },
  }, async (_req, reply) => {
    const body = await buildTemplate();
    reply.header('content-type', XLSX);
    reply.header('content-disposition', `attachment; filename="import-template.xlsx"; filename*=UTF-8''${encodeURIComponent('业主档案导入模板.xlsx')}`);
    return reply.send(body);
  });

  app.post('/api/v1/imports', {
    config,
    schema: {
      tags,
      summary: '上传 Excel 开始导入（multipart，字段 file）；返回任务号，轮询进度。文件先读取：无法读取、解压后过大或某表超过行数上限为 400；同一项目已有导入（档案或抄表）在进行为 409',
      querystring: z.object({ estateId: queryId }),
      consumes: ['multipart/form-data'],
      response: { 202: z.object({ id: z.number() }) },
    },
  }, async (req, reply) => {
    if (!req.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA', { key: 'error.unsupportedMedia' });
    const file = await req.file();
    if (!file) throw new AppError('VALIDATION', { key: 'error.validation' }, { file: { key: 'field.required' } });
    const buffer = await file.toBuffer();
    if (file.file.truncated) throw new AppError('PAYLOAD_TOO_LARGE', { key: 'error.payloadTooLarge' });
    if (!/\.xlsx$/i.test(file.filename)) throw new AppError('VALIDATION', { key: 'error.validation' }, { file: { key: 'import.badFile' } });
    const { id: jobId } = await services.imports.start(actorOf(req), authOf(req).scope, req.query.estateId, file.filename, buffer);
    return reply.status(202).send({ id: jobId });
  });

  app.get('/api/v1/imports/:id', {
    config,
    schema: { tags, summary: '导入进度与逐行错误', params: idParam, response: { 200: job } },
  }, async (req) => services.imports.get(authOf(req).scope, req.params.id, langOf(req)));
}
