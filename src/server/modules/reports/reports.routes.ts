import { z } from 'zod';
import type { App, Deps } from '../../app.ts';
import { authOf } from '../../http/access.ts';
import { langOf } from '../../http/error-handler.ts';
import { isoDate, queryId } from '../../http/fields.ts';
import { deskReportWorkbook } from './desk-report.xlsx.ts';

const query = z
  .object({ estateId: queryId, areaId: queryId.optional(), from: isoDate, to: isoDate })
  .refine((q) => q.to >= q.from, { path: ['to'], message: 'field.dateOrder' })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= 366 * 86_400_000, { path: ['to'], message: 'field.invalid' });
const counts = z.array(z.object({ key: z.string(), count: z.number() }));
const nullableRate = z.number().nullable();

export const report = z.object({
  estateId: z.number(),
  areaId: z.number().nullable(),
  from: z.string(),
  to: z.string(),
  totals: z.record(z.string(), z.number()),
  rates: z.object({
    responseTimeliness: nullableRate,
    resolutionTimeliness: nullableRate,
    resolutionRate: nullableRate,
    effectiveness: nullableRate,
    satisfaction: nullableRate,
    residentRating: nullableRate,
  }),
  targets: z.object({ resolutionRate: z.number() }),
  minRateBase: z.number().describe('a rate over fewer cases is null: "not enough data"'),
  formulas: z.record(z.string(), z.string()),
  byType: counts,
  byCategory: counts,
  byBuilding: counts,
  byDepartment: counts,
  daily: z.array(z.object({ day: z.string(), registered: z.number(), resolved: z.number() })),
});

export async function reportRoutes(app: App, { services }: Deps) {
  const tags = ['reports'];

  app.get('/api/v1/reports/desk', {
    config: { access: 'report.read' },
    schema: { tags, summary: '报事周报 / 月报：数量、及时率、解决率、有效率、满意度', querystring: query, response: { 200: report } },
  }, async (req) => services.deskReport.build(authOf(req).scope, req.query, langOf(req)));

  app.get('/api/v1/reports/desk.xlsx', {
    config: { access: 'report.read' },
    schema: { tags, summary: '报事统计导出 Excel', querystring: query },
  }, async (req, reply) => {
    const lang = langOf(req);
    const r = await services.deskReport.build(authOf(req).scope, req.query, lang);
    const estate = await services.estates.get(authOf(req).scope, req.query.estateId);
    reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    reply.header('content-disposition', `attachment; filename="desk-report-${r.from}-${r.to}.xlsx"; filename*=UTF-8''${encodeURIComponent(`报事统计-${r.from}-${r.to}.xlsx`)}`);
    return reply.send(await deskReportWorkbook(r, estate.name, lang));
  });
}
