/** Renovation and held deposits: services built once in app.ts, routes registered together. */
import type { Clock } from '../../../../core/clock.ts';
import type { App, Deps } from '../../../app.ts';
import type { Db } from '../../../db/database.ts';
import type { AuditService } from '../../audit/audit.service.ts';
import type { NotificationService } from '../../notifications/notifications.service.ts';
import type { PropertyService } from '../../property/property.service.ts';
import type { FileStorage } from '../../storage/storage.ts';
import { depositRoutes } from '../deposits/deposits.routes.ts';
import { DepositService } from '../deposits/deposits.service.ts';
import { portalRenovationRoutes } from './portal-renovation.routes.ts';
import { RenoReportService } from './report.service.ts';
import { renovationRoutes } from './renovation.routes.ts';
import { RenovationService } from './renovation.service.ts';
import { ViolationService } from './violations.service.ts';
import { ExtensionService } from './extensions.service.ts';
import { ReviseService } from './revise.service.ts';
import { withLock } from '../../../jobs/lock.ts';
import type { Job } from '../../../jobs/registry.ts';

export interface RenovationServices {
  renovations: RenovationService;
  violations: ViolationService;
  deposits: DepositService;
  reports: RenoReportService;
  extensions: ExtensionService;
  revisions: ReviseService;
}

export function buildRenovationServices(d: { db: Db; clock: Clock; audit: AuditService; property: PropertyService; notifications: NotificationService; storage: FileStorage }): RenovationServices {
  const renovations = new RenovationService(d.db, d.clock, d.audit, d.property, d.notifications);
  return {
    renovations,
    violations: new ViolationService(d.db, d.clock, renovations, d.storage, d.notifications),
    deposits: new DepositService(d.db, d.clock, d.audit, renovations),
    reports: new RenoReportService(d.db, d.clock, d.notifications),
    extensions: new ExtensionService(d.db, d.clock, renovations, d.notifications),
    revisions: new ReviseService(d.db, d.clock, renovations),
  };
}

/** Job reno-daily (every 5 min, idempotent): overdue minors become major, renovations past their end are marked overdue. */
export function renoDailyJob(db: Db, clock: Clock, s: RenovationServices): Job {
  return {
    name: 'reno-daily',
    everyMs: 5 * 60_000,
    run: () => withLock(db, clock, 'reno-daily', 4 * 60_000, async () => ({ upgraded: await s.violations.escalateOverdueMinors(), overdue: await s.extensions.markOverdue() })),
  };
}

export async function renoRoutes(app: App, deps: Deps) {
  await renovationRoutes(app, deps);
  await depositRoutes(app, deps);
  await portalRenovationRoutes(app, deps);
}
