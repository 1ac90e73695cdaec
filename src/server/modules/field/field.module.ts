/**
 * Field operations (manual 3.1–3.3, 3.6, 3.10–3.12, 4.2–4.3, 4.7–4.8): the rounds engine and the
 * offline app's sync, wired as one module. Signage, vacant units, renovation and handover plug in
 * through `rounds.engine.registerRoundGenerator` and `sync.registerSyncKind` (rounds/README.md).
 */
import type { Clock } from '../../../core/clock.ts';
import type { App, Deps } from '../../app.ts';
import type { Db } from '../../db/database.ts';
import { withLock } from '../../jobs/lock.ts';
import type { Job } from '../../jobs/registry.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { TicketService } from '../desk/tickets.service.ts';
import type { NotificationService } from '../notifications/notifications.service.ts';
import type { FileStorage } from '../storage/storage.ts';
import { RoundsConfigService } from './rounds/config.service.ts';
import { RoundsEngine } from './rounds/engine.ts';
import { RoundsReportService } from './rounds/reports.service.ts';
import { ResultService } from './rounds/results.service.ts';
import { roundsRoutes } from './rounds/rounds.routes.ts';
import { TaskService } from './rounds/tasks.service.ts';
import { FieldPhotoService } from './sync/field-photos.service.ts';
import { DiscardService } from './sync/discard.service.ts';
import { PackService } from './sync/pack.service.ts';
import { SyncRegistry } from './sync/sync.registry.ts';
import { roundResultPayload } from './sync/sync.schemas.ts';
import { fieldSyncRoutes } from './sync/sync.routes.ts';
import { SyncService } from './sync/sync.service.ts';

export interface FieldDeps {
  db: Db;
  clock: Clock;
  audit: AuditService;
  tickets: TicketService;
  notifications: NotificationService;
  storage: FileStorage;
  photoDailyQuota: number;
}

export function buildFieldServices(d: FieldDeps) {
  const engine = new RoundsEngine(d.db, d.clock, d.tickets, d.notifications, d.audit);
  const results = new ResultService(d.clock, d.audit, engine, d.tickets, d.notifications);
  const registry = new SyncRegistry();
  registry.registerSyncKind('round_result', roundResultPayload, (trx, ctx, payload) => results.record(trx, { ...ctx, deviceId: ctx.deviceId }, payload));
  d.tickets.onFinal((trx, ticketId) => engine.ticketFinal(trx, ticketId));
  const field = {
    engine,
    results,
    registry,
    /** Extension points for other modules (see rounds/README.md). */
    registerRoundGenerator: engine.registerRoundGenerator.bind(engine),
    registerSyncKind: registry.registerSyncKind.bind(registry),
    ensureCheckpoint: engine.ensureCheckpoint.bind(engine),
    registerFindingHandler: engine.registerFindingHandler.bind(engine),
    sync: new SyncService(d.db, d.clock, registry),
    pack: new PackService(d.db, d.clock, engine),
    discards: new DiscardService(d.db, d.clock, d.audit, d.notifications),
    photos: new FieldPhotoService(d.db, d.clock, d.storage, d.photoDailyQuota),
    config: new RoundsConfigService(d.db, d.clock, d.audit, engine),
    tasks: new TaskService(d.db, d.clock, d.audit, engine, d.notifications),
    reports: new RoundsReportService(d.db, d.clock),
  };
  return field;
}
export type FieldServices = ReturnType<typeof buildFieldServices>;

/** One job (X6): tasks within their lead time, the miss sweep, the 18:00 summary. */
export function roundsJob(db: Db, clock: Clock, field: FieldServices): Job {
  return {
    name: 'rounds',
    everyMs: 5 * 60_000,
    run: () =>
      withLock(db, clock, 'rounds', 4 * 60_000, async () => ({
        generated: await field.engine.generate(),
        swept: await field.engine.sweep(),
        summaries: await field.engine.dailySummary(),
      })),
  };
}

export async function fieldRoutes(app: App, deps: Deps) {
  await fieldSyncRoutes(app, deps);
  await roundsRoutes(app, deps);
}
