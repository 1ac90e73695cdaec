import { z } from 'zod';
import type { App, Deps } from '../../../app.ts';
import { AppError } from '../../../http/errors.ts';
import { actorOf, authOf } from '../../../http/access.ts';
import { idParam } from '../../../http/fields.ts';
import { catalogItem, formParams, samplesQuery, scan, scanNote } from './forms.schemas.ts';

/** A scanned A4 page at 300 dpi as PDF or JPEG stays well under this. */
const MAX_SCAN_BYTES = 10 * 1024 * 1024;

export async function formRoutes(app: App, { services }: Deps) {
  const tags = ['forms'];
  const svc = services.management.formScans;

  app.get('/api/v1/forms', {
    config: { access: 'authenticated' },
    schema: { tags, summary: '可打印表单目录（表单代码、手册表号、标题）', response: { 200: z.object({ items: z.array(catalogItem) }) } },
  }, async () => ({ items: svc.catalog() }));

  app.get('/api/v1/forms/samples', {
    config: { access: 'form.read' },
    schema: { tags, summary: '表单样例：每种表单在本项目中的一条记录（用于表单一览）', querystring: samplesQuery, response: { 200: z.record(z.string(), z.string().nullable()) } },
  }, async (req) => svc.samples(authOf(req), req.query.estateId));

  app.get('/api/v1/forms/:form/:record/scans', {
    config: { access: 'form.read' },
    schema: { tags, summary: '某条记录已上传的签字扫描件', params: formParams, response: { 200: z.object({ items: z.array(scan) }) } },
  }, async (req) => ({ items: await svc.list(authOf(req), req.params.form, req.params.record) }));

  app.post('/api/v1/forms/:form/:record/scans', {
    config: { access: 'form.scan' },
    schema: {
      tags,
      summary: '上传签字后的扫描件（multipart，字段 file：PDF 或 JPEG/PNG/WebP，≤ 10 MB；可带字段 note）归档到该记录',
      params: formParams,
      consumes: ['multipart/form-data'],
      response: { 201: z.object({ id: z.number() }) },
    },
  }, async (req, reply) => {
    if (!req.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA', { key: 'error.unsupportedMedia' });
    let file: { data: Buffer; mime: string; name: string } | null = null;
    let note: string | null = null;
    for await (const part of req.parts({ limits: { fileSize: MAX_SCAN_BYTES, files: 1 } })) {
      if (part.type === 'file') {
        const data = await part.toBuffer();
        if (part.file.truncated) throw new AppError('PAYLOAD_TOO_LARGE', { key: 'error.payloadTooLarge' });
        file = { data, mime: part.mimetype, name: part.filename };
      } else if (part.fieldname === 'note') {
        const parsed = scanNote.safeParse(part.value);
        if (!parsed.success) throw new AppError('VALIDATION', { key: 'error.validation' }, { note: { key: 'field.invalid' } });
        note = parsed.data;
      }
    }
    if (!file) throw new AppError('VALIDATION', { key: 'error.validation' }, { file: { key: 'field.required' } });
    const id = await svc.add(actorOf(req), authOf(req), req.params.form, req.params.record, file, note);
    return reply.status(201).send({ id });
  });

  app.get('/api/v1/form-scans/:id', {
    config: { access: 'form.read' },
    schema: { tags, summary: '下载签字扫描件', params: idParam },
  }, async (req, reply) => {
    const f = await svc.file(authOf(req), req.params.id);
    reply.header('content-type', f.mime);
    return reply.send(f.data);
  });
}
