import { z } from 'zod';
import type { App, Deps } from '../../../app.ts';
import { actorOf, authOf } from '../../../http/access.ts';
import { langOf } from '../../../http/error-handler.ts';
import { deliveredInput, notice, noticeQuery } from './billing.schemas.ts';
import { noticesWorkbook } from './notices.xlsx.ts';

/** Payment notices 缴费通知单, the billing list 缴费清单 (.xlsx) and their delivery. */
export async function noticeRoutes(app: App, { services }: Deps) {
  const svc = services.fees.notices;
  const tags = ['fees'];

  app.get('/api/v1/fees/notices', {
    config: { access: 'fee.read' },
    schema: { tags, summary: '缴费通知单：每户本期账单、往期欠费、滞纳金、预存余额、送达情况', querystring: noticeQuery, response: { 200: z.object({ items: z.array(notice), skipped: z.number() }) } },
  }, async (req) => svc.list(authOf(req), req.query));

  app.get('/api/v1/fees/notices.xlsx', {
    config: { access: 'fee.read' },
    schema: { tags, summary: '导出缴费清单 Excel', querystring: noticeQuery },
  }, async (req, reply) => {
    const { items } = await svc.list(authOf(req), req.query);
    const estate = await services.estates.get(authOf(req).scope, req.query.estateId);
    const name = `缴费清单-${req.query.period}.xlsx`;
    reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    reply.header('content-disposition', `attachment; filename="billing-list-${req.query.period}.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`);
    return reply.send(await noticesWorkbook(items, estate.name, req.query.period, langOf(req)));
  });

  app.post('/api/v1/fees/notices/delivered', {
    config: { access: 'arrears.work' },
    schema: { tags, summary: '登记缴费通知单已送达（重复登记无影响）', body: deliveredInput, response: { 200: z.object({ marked: z.number() }) } },
  }, async (req) => svc.delivered(actorOf(req), authOf(req), req.body));
}
