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

export interface ManagementDeps {
  database: Database;
  clock: Clock;
  audit: AuditService;
  tickets: TicketService;
  notifications: NotificationService;
  storage: FileStorage;
  services: Services;
}

/** Management (design part C): the form kit's scans, staff performance, improvement, the director's pack. */
export function buildManagementServices(d: ManagementDeps) {
  const db = d.database.db;
  const forms = new FormRegistry();
  registerBuiltInForms(forms, db, d.tickets);
  return {
    forms,
    formScans: new FormScanService(db, d.clock, d.audit, d.storage, forms),
  };
}
export type ManagementServices = ReturnType<typeof buildManagementServices>;

export async function managementRoutes(app: App, deps: Deps) {
  await formRoutes(app, deps);
}
