/**
 * Scheduled work of mail: reminders at day 3 and day 7 (the second also asks the area's
 * administrator to call), and the purge of label photos 90 days after the item left. The purge
 * is the one deletion of this module: the photo file, never the record; each one is audited.
 */
import { type Clock, localDate } from '../../../../core/clock.ts';
import { photoPurgeCutoff, reminderDue, type MailKind, type MailStatus, WAITING } from '../../../../core/mail.ts';
import type { Db } from '../../../db/database.ts';
import { withLock } from '../../../jobs/lock.ts';
import type { AuditService } from '../../audit/audit.service.ts';
import { SYSTEM } from '../../desk/tickets.service.ts';
import type { NotificationService } from '../../notifications/notifications.service.ts';
import type { FileStorage } from '../../storage/storage.ts';
import { labelOf, portalUsersOf } from './mail.repository.ts';

const DAY = 86_400_000;

export class MailJobs {
  constructor(
    private db: Db,
    private clock: Clock,
    private audit: AuditService,
    private notifications: NotificationService,
    private storage: FileStorage,
  ) {}

  /** Sends the reminders due now; returns how many items were reminded (null when another instance runs it). */
  reminders() {
    return withLock(this.db, this.clock, 'mail-reminders', 5 * 60_000, async () => {
      const now = this.clock.now();
      const today = localDate(now);
      const rows = await this.db
        .selectFrom('mail_items as m')
        .leftJoin('units as u', 'u.id', 'm.unit_id')
        .leftJoin('buildings as b', 'b.id', 'u.building_id')
        .select(['m.id', 'm.estate_id', 'm.area_id', 'm.number', 'm.kind', 'm.status', 'm.received_at', 'm.reminders_sent', 'm.unit_id', 'm.shelf', 'm.pickup_code', 'u.entrance', 'u.number as unit_number', 'b.code as building_code'])
        .where('m.status', 'in', [...WAITING])
        .where('m.kind', '!=', 'newspaper')
        .where('m.reminders_sent', '<', 2)
        .where('m.received_at', '<=', new Date(now.getTime() - 3 * DAY).toISOString())
        .orderBy('m.id')
        .limit(2000)
        .execute();
      let sent = 0;
      for (const r of rows) {
        const due = reminderDue({ kind: r.kind as MailKind, status: r.status as MailStatus, receivedAt: r.received_at, remindersSent: r.reminders_sent }, now);
        if (!due) continue;
        await this.db.transaction().execute(async (trx) => {
          const res = await trx.updateTable('mail_items').set({ reminders_sent: due, last_reminder_at: now.toISOString() }).where('id', '=', r.id).where('reminders_sent', '=', r.reminders_sent).executeTakeFirst();
          if (Number(res.numUpdatedRows) !== 1) return;
          const unit = labelOf(r) ?? '';
          const owners = r.unit_id ? (await portalUsersOf(trx, [r.unit_id], today)).get(r.unit_id) ?? [] : [];
          if (owners.length) {
            await this.notifications.notify(trx, {
              userIds: owners, estateId: r.estate_id, kind: 'mail',
              title: { key: 'mail.notice.reminderTitle', params: { n: due } },
              body: { key: 'mail.notice.reminder', params: { number: r.number, kind: `status.mailKind.${r.kind}`, shelf: r.shelf, code: r.pickup_code, unit } },
              dedupeKey: `mail:${r.id}:reminder${due}`,
            });
          }
          if (due === 2) {
            // The call task: the area's administrators (or the estate's, for an item without a unit).
            const staff = await trx
              .selectFrom('users as us')
              .innerJoin('user_scopes as s', 's.user_id', 'us.id')
              .select('us.id')
              .where('us.role', '=', 'cs_admin')
              .where('us.active', '=', 1)
              .where('s.estate_id', '=', r.estate_id)
              .where((eb) => (r.area_id == null ? eb('s.area_id', 'is', null) : eb.or([eb('s.area_id', 'is', null), eb('s.area_id', '=', r.area_id)])))
              .execute();
            await this.notifications.notify(trx, {
              userIds: staff.map((s) => s.id), estateId: r.estate_id, kind: 'mail',
              title: { key: 'mail.notice.callTitle', params: { number: r.number } },
              body: { key: 'mail.notice.call', params: { number: r.number, kind: `status.mailKind.${r.kind}`, unit: unit || '—', portal: owners.length ? 'status.mailPortal.yes' : 'status.mailPortal.no' } },
              dedupeKey: `mail:${r.id}:call`,
            });
          }
          await this.audit.record(trx, SYSTEM, { action: 'update', entity: 'mail_item', entityId: r.id, estateId: r.estate_id, ref: r.number, summary: { key: 'audit.mail.reminder', params: { number: r.number, n: due } } });
          sent++;
        });
      }
      return sent;
    });
  }

  /** Deletes label photos of items that left 90 days ago or more; the item keeps when its photo went. */
  purgePhotos() {
    return withLock(this.db, this.clock, 'mail-photo-purge', 30 * 60_000, async () => {
      const now = this.clock.now();
      const rows = await this.db
        .selectFrom('mail_items')
        .select(['id', 'estate_id', 'number', 'photo_key'])
        .where('photo_key', 'is not', null)
        .where('photo_deleted_at', 'is', null)
        .where('left_at', 'is not', null)
        .where('left_at', '<=', photoPurgeCutoff(now))
        .orderBy('id')
        .limit(1000)
        .execute();
      for (const r of rows) {
        await this.storage.delete(r.photo_key!);
        await this.db.transaction().execute(async (trx) => {
          await trx.updateTable('mail_items').set({ photo_deleted_at: now.toISOString() }).where('id', '=', r.id).execute();
          await this.audit.record(trx, SYSTEM, { action: 'delete_file', entity: 'mail_item', entityId: r.id, estateId: r.estate_id, ref: r.number, summary: { key: 'audit.mail.photoPurged', params: { number: r.number, days: 90 } } });
        });
      }
      return rows.length;
    });
  }
}
