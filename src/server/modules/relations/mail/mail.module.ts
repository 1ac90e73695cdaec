/** Wires the mail services (items, pickups, households' part, jobs) for app.ts. */
import type { OffsetClock } from '../../../../core/clock.ts';
import type { Database } from '../../../db/database.ts';
import type { Job } from '../../../jobs/registry.ts';
import type { AuditService } from '../../audit/audit.service.ts';
import type { NotificationService } from '../../notifications/notifications.service.ts';
import type { FileStorage } from '../../storage/storage.ts';
import { MailHouseholdService } from './mail-household.service.ts';
import { MailPickupService } from './mail-pickup.service.ts';
import { MailJobs } from './mail.jobs.ts';
import { MailService } from './mail.service.ts';

export interface MailServices {
  items: MailService;
  pickups: MailPickupService;
  household: MailHouseholdService;
  jobs: MailJobs;
}

export function buildMailServices(d: { database: Database; clock: OffsetClock; audit: AuditService; notifications: NotificationService; storage: FileStorage }): MailServices {
  const items = new MailService(d.database, d.clock, d.audit, d.notifications, d.storage);
  return {
    items,
    pickups: new MailPickupService(d.database, d.clock, d.audit, items, d.storage),
    household: new MailHouseholdService(d.database.db, d.clock, d.audit),
    jobs: new MailJobs(d.database.db, d.clock, d.audit, d.notifications, d.storage),
  };
}

/** Reminders every 10 minutes (day 3 and 7 are reached within that); the photo purge hourly. */
export function mailJobs(mail: MailServices): Job[] {
  return [
    { name: 'mail-reminders', everyMs: 10 * 60_000, run: () => mail.jobs.reminders() },
    { name: 'mail-photo-purge', everyMs: 60 * 60_000, run: () => mail.jobs.purgePhotos() },
  ];
}
