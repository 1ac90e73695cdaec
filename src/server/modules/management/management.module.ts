import type { Clock } from '../../../core/clock.ts';
import type { App, Deps, Services } from '../../app.ts';
import type { Database } from '../../db/database.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { TicketService } from '../desk/tickets.service.ts';
import type { NotificationService } from '../notifications/notifications.service.ts';
import type { FileStorage } from '../storage/storage.ts';
import { FormRegistry } from './forms/forms.registry.ts';
import { formRoutes } from './forms/forms.routes.ts';
import { FormScanService } from './forms/forms.service.ts';
import { registerBuiltInForms } from './forms/forms.sources.ts';
import { registerFieldRelationsForms } from './forms/field-relations.forms.ts';
import { registerManagementForms } from './forms/management.forms.ts';
import { improvementRoutes } from './improvement/improvement.routes.ts';
import { ImprovementService } from './improvement/improvement.service.ts';
import { MonthlyJob } from './monthly.job.ts';
import { registerDeskMetrics } from './metrics/desk.metrics.ts';
import { registerFeeMetrics } from './metrics/fees.metrics.ts';
import { MetricRegistry } from './metrics/metric.registry.ts';
import { packRoutes } from './pack/pack.routes.ts';
import { PackService } from './pack/pack.service.ts';
import { performanceRoutes } from './performance/performance.routes.ts';
import { PerformanceService } from './performance/performance.service.ts';

export interface ManagementDeps {
  database: Database;
  clock: Clock;
  audit: AuditService;
  tickets: TicketService;
  notifications: NotificationService;
  storage: FileStorage;
  services: Services;
}

/** Management (design part C): the form kit's scans, metrics, staff performance, improvement, the director's pack. */
export function buildManagementServices(d: ManagementDeps) {
  const db = d.database.db;
  const forms = new FormRegistry();
  registerBuiltInForms(forms, db, d.tickets);
  // Other modules add theirs after this (metrics/README.md).
  const metrics = new MetricRegistry();
  registerDeskMetrics(metrics);
  registerFeeMetrics(metrics);
  const performance = new PerformanceService(db, d.clock, d.audit, d.notifications, metrics);
  const improvement = new ImprovementService(db, d.clock, d.audit, metrics);
  const pack = new PackService(db, d.clock, metrics);
  registerManagementForms(forms, db, performance);
  registerFieldRelationsForms(forms, db, d.clock);
  return {
    forms,
    formScans: new FormScanService(db, d.clock, d.audit, d.storage, forms),
    metrics,
    performance,
    improvement,
    pack,
    monthly: new MonthlyJob(db, d.clock, d.audit, d.notifications, performance, improvement, pack),
  };
}
export type ManagementServices = ReturnType<typeof buildManagementServices>;

export async function managementRoutes(app: App, deps: Deps) {
  await formRoutes(app, deps);
  await performanceRoutes(app, deps);
  await improvementRoutes(app, deps);
  await packRoutes(app, deps);
}
