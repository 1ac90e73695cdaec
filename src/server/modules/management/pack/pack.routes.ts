import { z } from 'zod';
import { localDate } from '../../../../core/clock.ts';
import type { App, Deps } from '../../../app.ts';
import { AppError } from '../../../http/errors.ts';
import { authOf } from '../../../http/access.ts';
import { langOf } from '../../../http/error-handler.ts';
import { period, queryId } from '../../../http/fields.ts';
import { packHtml, packWorkbook } from './pack.render.ts';
import { htmlToPdf, NoChromium } from './pack.pdf.ts';

const packQuery = z.object({ estateId: queryId, month: period }).strict();
const recordsQuery = z.object({ estateId: queryId, areaId: queryId.optional(), month: period, metric: z.string().min(3).max(80), ytd: z.enum(['1']).optional() }).strict();

export async function packRoutes(app: App, { services }: Deps) {
  const tags = ['management'];
  const svc = services.management.pack;

  app.get('/api/v1/management/pack', {
    config: { access: 'pack.read' },
    schema: { tags, summary: '主任月报：手册各项目标的本月与年初至今数值、达标与否、公式与明细链接', querystring: packQuery, response: { 200: z.any() } },
  }, async (req) => svc.build(authOf(req), req.query.estateId, req.query.month));

  app.get('/api/v1/management/pack.xlsx', {
    config: { access: 'pack.read' },
    schema: { tags, summary: '主任月报 Excel', querystring: packQuery },
  }, async (req, reply) => {
    const p = await svc.build(authOf(req), req.query.estateId, req.query.month);
    reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    reply.header('content-disposition', `attachment; filename="pack-${p.month}.xlsx"; filename*=UTF-8''${encodeURIComponent(`主任月报-${p.month}.xlsx`)}`);
    return reply.send(await packWorkbook(p, langOf(req)));
  });

  app.get('/api/v1/management/pack.pdf', {
    config: { access: 'pack.read' },
    schema: { tags, summary: '主任月报 A4 PDF（服务器用 Chromium 打印）', querystring: packQuery },
  }, async (req, reply) => {
    const p = await svc.build(authOf(req), req.query.estateId, req.query.month);
    const at = svc.now();
    const html = packHtml(p, langOf(req), authOf(req).user.displayName, `${localDate(at)} ${at.toISOString().slice(11, 16)} UTC`);
    let pdf: Buffer;
    try {
      pdf = await htmlToPdf(html);
    } catch (err) {
      if (err instanceof NoChromium) throw new AppError('UNAVAILABLE', { key: 'pack.error.noChromium', params: { path: err.path } });
      req.log.error({ err }, 'pack pdf');
      throw new AppError('UNAVAILABLE', { key: 'pack.error.pdf' });
    }
    reply.header('content-type', 'application/pdf');
    reply.header('content-disposition', `inline; filename="pack-${p.month}.pdf"; filename*=UTF-8''${encodeURIComponent(`主任月报-${p.month}.pdf`)}`);
    return reply.send(pdf);
  });

  app.get('/api/v1/management/records', {
    config: { access: 'pack.read' },
    schema: { tags, summary: '某项指标背后的记录（未达标的在前）', querystring: recordsQuery, response: { 200: z.any() } },
  }, async (req) => svc.records(authOf(req), { ...req.query, ytd: req.query.ytd === '1' }));
}
