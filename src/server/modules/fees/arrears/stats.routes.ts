import { z } from 'zod';
import { statsRange } from '../../../../core/fees.ts';
import type { App, Deps } from '../../../app.ts';
import { authOf } from '../../../http/access.ts';
import { langOf } from '../../../http/error-handler.ts';
import { periodYearOk, queryId } from '../../../http/fields.ts';
import { STATS_GROUPS } from './stats.service.ts';
import { statsWorkbook } from './stats.xlsx.ts';

const query = z.object({
  estateId: queryId,
  period: z
    .string()
    .regex(/^\d{4}/, { message: 'field.statsPeriod', abort: true })
    // the year first: statsRange of year 0000 or 9999 has no calendar to fall back on
    .refine(periodYearOk, { message: 'field.periodYears', abort: true })
    .refine((p) => statsRange(p) != null, { message: 'field.statsPeriod' })
    .describe('YYYY-MM, YYYY-Q1..Q4, YYYY-H1/H2 or YYYY'),
  groupBy: z.enum(STATS_GROUPS).default('item'),
});
const figures = {
  billed: z.number(),
  collected: z.number(),
  rate: z.number().nullable().describe('basis points, null when nothing was billed'),
  target: z.number().describe('basis points'),
  met: z.boolean().nullable(),
  recovered: z.number().describe('principal of earlier periods collected in the range'),
};
const stats = z.object({
  estateId: z.number(),
  period: z.string(),
  groupBy: z.enum(STATS_GROUPS),
  from: z.string(),
  to: z.string(),
  rows: z.array(z.object({ key: z.number().nullable(), name: z.string(), kind: z.string().nullable(), ...figures })),
  total: z.object(figures),
  monthly: z.array(z.object({ period: z.string(), ...figures })),
});

/** Collection statistics (manual 4.1.4–4.1.5). */
export async function statsRoutes(app: App, { services }: Deps) {
  const tags = ['fees'];
  app.get('/api/v1/fees/stats', {
    config: { access: 'fee.report' },
    schema: { tags, summary: '收费情况统计：月、季、半年、年度收缴率，按收费项目、片区、楼栋，对照目标', querystring: query, response: { 200: stats } },
  }, async (req) => services.fees.stats.build(authOf(req).scope, req.query, langOf(req)));

  app.get('/api/v1/fees/stats.xlsx', {
    config: { access: 'fee.report' },
    schema: { tags, summary: '收费情况统计导出 Excel', querystring: query },
  }, async (req, reply) => {
    const lang = langOf(req);
    const scope = authOf(req).scope;
    const s = await services.fees.stats.build(scope, req.query, lang);
    const estate = await services.estates.get(scope, req.query.estateId);
    reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    reply.header('content-disposition', `attachment; filename="collection-${s.period}.xlsx"; filename*=UTF-8''${encodeURIComponent(`收费统计-${s.period}.xlsx`)}`);
    return reply.send(await statsWorkbook(s, estate.name, lang));
  });
}
