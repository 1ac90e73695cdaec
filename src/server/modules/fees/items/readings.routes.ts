import { z } from 'zod';
import type { App, Deps } from '../../../app.ts';
import { actorOf, authOf } from '../../../http/access.ts';
import { AppError } from '../../../http/errors.ts';
import { list, queryId } from '../../../http/fields.ts';
import { readingsInput, readingsResult, sheetQuery, sheetRow, templateQuery } from './meters.schemas.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export async function readingRoutes(app: App, { services }: Deps) {
  const svc = services.fees.readings;
  const tags = ['fees-config'];

  app.get('/api/v1/fees/readings', {
    config: { access: 'meter.read' },
    schema: { tags, summary: '抄表录入表：某期间每块表的上次读数和本期读数', querystring: sheetQuery, response: { 200: list(sheetRow) } },
  }, async (req) => {
    const items = await svc.sheet(authOf(req).scope, req.query);
    return { items, total: items.length };
  });

  app.post('/api/v1/fees/readings', {
    config: { access: 'meter.read' },
    schema: { tags, summary: '录入读数（单块或整批；有一行不对则整批不保存）', body: readingsInput, response: { 201: readingsResult } },
  }, async (req, reply) => reply.status(201).send(await svc.save(actorOf(req), authOf(req).scope, req.body)));

  app.post('/api/v1/fees/readings/import', {
    config: { access: 'meter.read' },
    schema: {
      tags,
      summary: '上传抄表 Excel（multipart，字段 file；列：表号、读数、抄表日期、期间）；有一行不对则整批不保存。超过行数上限或解压后过大为 400；同一项目已有导入在进行为 409',
      querystring: z.object({ estateId: queryId }),
      consumes: ['multipart/form-data'],
      response: { 201: readingsResult },
    },
  }, async (req, reply) => {
    if (!req.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA', { key: 'error.unsupportedMedia' });
    const file = await req.file();
    if (!file) throw new AppError('VALIDATION', { key: 'error.validation' }, { file: { key: 'field.required' } });
    const buffer = await file.toBuffer();
    if (file.file.truncated) throw new AppError('PAYLOAD_TOO_LARGE', { key: 'error.payloadTooLarge' });
    if (!/\.xlsx$/i.test(file.filename)) throw new AppError('VALIDATION', { key: 'error.validation' }, { file: { key: 'reading.badFile' } });
    return reply.status(201).send(await svc.import(actorOf(req), authOf(req).scope, req.query.estateId, file.filename, buffer));
  });

  app.get('/api/v1/fees/readings/template.xlsx', {
    config: { access: 'meter.read' },
    schema: { tags, summary: '下载抄表模板（每块表一行，带上次读数）', querystring: templateQuery },
  }, async (req, reply) => {
    const body = await svc.template(authOf(req).scope, req.query);
    reply.header('content-type', XLSX);
    reply.header('content-disposition', `attachment; filename="readings-${req.query.period}.xlsx"; filename*=UTF-8''${encodeURIComponent(`抄表-${req.query.period}.xlsx`)}`);
    return reply.send(body);
  });
}
