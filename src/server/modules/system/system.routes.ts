import { z } from 'zod';
import type { App, Deps } from '../../app.ts';
import { actorOf } from '../../http/access.ts';
import { databaseCheck, readiness } from './health.ts';
import { isoDateTime } from '../../http/fields.ts';

export const clockStatus = z.object({ now: z.string(), offsetMs: z.number(), controllable: z.boolean() });
const check = z.enum(['ok', 'error']);
const health = z.object({ status: check, database: z.enum(['sqlite', 'postgres']) });
const ready = health.extend({ checks: z.object({ database: check, write: check, disk: check }) });

export async function systemRoutes(app: App, { services, database, config }: Deps) {
  // Both answer 503 with the same shape when something fails, so a load balancer or monitor reads one body.
  app.get('/api/health', {
    config: { access: 'public' },
    schema: { tags: ['system'], summary: '健康检查（数据库能否应答）', response: { 200: health, 503: health } },
  }, async (_req, reply) => {
    const status = await databaseCheck(database);
    return reply.status(status === 'ok' ? 200 : 503).send({ status, database: database.dialect });
  });

  app.get('/api/health/ready', {
    config: { access: 'public' },
    schema: { tags: ['system'], summary: '就绪检查（数据库可写、数据目录有空间）', response: { 200: ready, 503: ready } },
  }, async (_req, reply) => {
    const r = await readiness(database, config, new Date().toISOString());
    return reply.status(r.status === 'ok' ? 200 : 503).send(r);
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
