import { z } from 'zod';
import type { App, Deps } from '../../app.ts';
import { authOf } from '../../http/access.ts';
import { isoDate, list, pageQuery, queryId, searchText } from '../../http/fields.ts';
import { langOf } from '../../http/error-handler.ts';

export const entry = z.object({
  id: z.number(),
  at: z.string(),
  estateId: z.number().nullable(),
  actorId: z.number().nullable(),
  actorName: z.string(),
  actorDisplayName: z.string(),
  action: z.string(),
  /** The action's and entity's names in the request's language; null for a code without one. */
  actionLabel: z.string().nullable(),
  entity: z.string(),
  entityLabel: z.string().nullable(),
  entityId: z.string().nullable(),
  entityRef: z.string().nullable(),
  summary: z.string(),
  detail: z.unknown(),
  ip: z.string().nullable(),
});

export async function auditRoutes(app: App, { services }: Deps) {
  app.get('/api/v1/audit-log', {
    config: { access: 'audit.read' },
    schema: {
      tags: ['audit'],
      summary: '审计日志（只增不改）',
      querystring: z.object({
        estateId: queryId.optional(),
        actor: searchText(64).optional(),
        action: searchText(32).optional(),
        entity: searchText(32).optional(),
        entityId: searchText(64).optional(),
        from: isoDate.optional(),
        to: isoDate.optional(),
        ...pageQuery,
      }),
      response: { 200: list(entry) },
    },
  }, async (req) => {
    const { from, to, ...rest } = req.query;
    // Whole days in China time (the estates' default zone); "to" includes its day.
    const start = (d: string) => new Date(`${d}T00:00:00+08:00`);
    return services.audit.list({
      ...rest,
      from: from ? start(from).toISOString() : undefined,
      to: to ? new Date(start(to).getTime() + 86_400_000).toISOString() : undefined,
      scope: authOf(req).scope,
    }, langOf(req));
  });
}
