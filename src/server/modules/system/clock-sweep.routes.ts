import { z } from 'zod';
import type { App, Deps } from '../../app.ts';
import { actorOf } from '../../http/access.ts';
import { AppError, notFound } from '../../http/errors.ts';

const sweepResult = z.object({
  now: z.string(),
  /** false when another instance (or a concurrent call) held the sweep's lease: nothing was done. */
  ran: z.boolean(),
  warned: z.number(),
  escalated: z.number(),
  autoConfirmed: z.number(),
  reportsSent: z.number(),
});

/**
 * One desk sweep on demand, beside the controllable clock: a scenario test or a demo moves the
 * clock and sweeps at once instead of waiting for the minute's scheduled run.
 */
export async function clockSweepRoutes(app: App, { services, config, database }: Deps) {
  app.post('/api/v1/clock/sweep', {
    config: { access: 'clock.control' },
    schema: { tags: ['system'], summary: '立即执行一次工单巡检：预警、升级、自动确认（仅测试/演示）', response: { 200: sweepResult } },
  }, async (req) => {
    if (!config.clockControl) throw new AppError('FORBIDDEN', { key: 'error.clockDisabled' });
    const result = await services.deskSweep.run();
    const done = { ran: result !== null, warned: 0, escalated: 0, autoConfirmed: 0, reportsSent: 0, ...result };
    const now = services.clock.status().now;
    await database.db.transaction().execute((trx) =>
      services.audit.record(trx, actorOf(req), { action: 'sweep', entity: 'clock', entityId: null, estateId: null, summary: { key: 'audit.clock.sweep', params: { at: now } }, detail: done }),
    );
    return { now, ...done };
  });

  app.post('/api/v1/clock/jobs/:name', {
    config: { access: 'clock.control' },
    schema: {
      tags: ['system'],
      summary: '立即执行一次指定的定时任务（仅测试/演示）',
      params: z.object({ name: z.string().max(60) }).strict(),
      response: { 200: z.object({ now: z.string(), name: z.string(), ran: z.boolean(), result: z.unknown() }) },
    },
  }, async (req) => {
    if (!config.clockControl) throw new AppError('FORBIDDEN', { key: 'error.clockDisabled' });
    const job = services.jobs.find((j) => j.name === req.params.name);
    if (!job) throw notFound(req.params.name);
    const result = await job.run();
    const now = services.clock.status().now;
    await database.db.transaction().execute((trx) =>
      services.audit.record(trx, actorOf(req), { action: 'sweep', entity: 'clock', entityId: null, estateId: null, summary: { key: 'audit.clock.sweep', params: { at: now } }, detail: { job: job.name, ran: result !== null } }),
    );
    return { now, name: job.name, ran: result !== null, result: result ?? null };
  });
}
