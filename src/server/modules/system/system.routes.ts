import { z } from 'zod';
import type { App, Deps } from '../../app.ts';
import { actorOf } from '../../http/access.ts';
import { isoDateTime } from '../../http/fields.ts';
import { ping } from '../../db/database.ts';

const clockStatus = z.object({ now: z.string(), offsetMs: z.number(), controllable: z.boolean() });

export async function systemRoutes(app: App, { services, database }: Deps) {
  app.get('/api/health', {
    config: { access: 'public' },
    schema: { tags: ['system'], summary: '健康检查', response: { 200: z.object({ status: z.literal('ok'), database: z.enum(['sqlite', 'postgres']) }) } },
  }, async () => {
    await ping(database.db);
    return { status: 'ok' as const, database: database.dialect };
  });

  app.get('/api/openapi.json', {
    config: { access: 'public' },
    schema: { hide: true },
  }, async () => app.swagger());

  app.get('/api/v1/clock', {
    config: { access: 'authenticated' },
    schema: { tags: ['system'], summary: '当前系统时间（可调时钟）', response: { 200: clockStatus } },
  }, async () => services.clock.status());

  app.post('/api/v1/clock', {
    config: { access: 'clock.control' },
    schema: {
      tags: ['system'],
      summary: '调整可调时钟（仅测试/演示）',
      body: z
        .object({
          set: isoDateTime.optional(),
          advanceMinutes: z.number().int().min(-525600).max(525600).optional(),
          reset: z.boolean().optional(),
        })
        .strict(),
      response: { 200: clockStatus },
    },
  }, async (req) => services.clock.change(actorOf(req), req.body));
}
