import { z } from 'zod';
import type { App, Deps } from '../../app.ts';
import { authOf } from '../../http/access.ts';
import { idParam, pageQuery } from '../../http/fields.ts';
import { langOf } from '../../http/error-handler.ts';

export const notification = z.object({ id: z.number(), at: z.string(), kind: z.string(), title: z.string(), body: z.string(), ticketId: z.number().nullable(), read: z.boolean() });

export async function notificationRoutes(app: App, { services }: Deps) {
  const tags = ['notifications'];
  const config = { access: 'authenticated' as const };

  app.get('/api/v1/notifications', {
    config,
    schema: {
      tags,
      summary: '我的通知（未读数）',
      querystring: z.object({ unread: z.enum(['0', '1']).optional(), ...pageQuery }),
      response: { 200: z.object({ items: z.array(notification), total: z.number(), unread: z.number() }) },
    },
  }, async (req) => services.notifications.list(authOf(req).user.id, req.query.unread === '1', req.query.page, req.query.pageSize, langOf(req)));

  app.post('/api/v1/notifications/:id/read', {
    config,
    schema: { tags, summary: '标记已读', params: idParam, response: { 200: z.object({ ok: z.boolean() }) } },
  }, async (req) => {
    await services.notifications.markRead(authOf(req).user.id, req.params.id);
    return { ok: true };
  });

  app.post('/api/v1/notifications/read-all', {
    config,
    schema: { tags, summary: '全部标记已读', response: { 200: z.object({ ok: z.boolean() }) } },
  }, async (req) => {
    await services.notifications.markRead(authOf(req).user.id, 'all');
    return { ok: true };
  });
}
