import type { Clock } from '../../../core/clock.ts';
import { localDate } from '../../../core/clock.ts';
import type { Db } from '../../db/database.ts';
import { withLock } from '../../jobs/lock.ts';
import type { Actor, AuditService } from '../audit/audit.service.ts';
import type { NotificationService } from '../notifications/notifications.service.ts';
import type { ImprovementService } from './improvement/improvement.service.ts';
import type { PackService } from './pack/pack.service.ts';
import { prevMonth } from './period.ts';
import type { PerformanceService } from './performance/performance.service.ts';

const SYSTEM: Actor = { id: null, name: 'system', ip: null };
/** The month's work starts at 02:00 on the 1st (design X6), after the night's other jobs. */
const START_HOUR = 2;

/**
 * What management does by the calendar, per estate in its own time zone:
 * - from 02:00 on the 1st, for the month before: appraisals generated with frozen snapshots, the
 *   weakness reports frozen, the director's pack stored and delivered to the director and assistants;
 * - on the 28th–30th (M 4.11.4): the month's special-service statistics to the assistants and the front desk;
 * - every run: improvement actions whose review month is over are verified by the data.
 * Each step is stored once (monthly_reports is unique per estate, kind and month), so runs repeat safely.
 */
export class MonthlyJob {
  constructor(
    private db: Db,
    private clock: Clock,
    private audit: AuditService,
    private notifications: NotificationService,
    private performance: PerformanceService,
    private improvement: ImprovementService,
    private pack: PackService,
  ) {}

  run() {
    return withLock(this.db, this.clock, 'management-monthly', 10 * 60_000, () => this.work());
  }

  private async stored(estateId: number, kind: string, month: string) {
    return !!(await this.db.selectFrom('monthly_reports').select('id').where('estate_id', '=', estateId).where('area_key', '=', 0).where('kind', '=', kind).where('month', '=', month).executeTakeFirst());
  }

  private async recipients(estateId: number, roles: string[]) {
    const rows = await this.db.selectFrom('users as u').innerJoin('user_scopes as s', 's.user_id', 'u.id').select('u.id').distinct().where('s.estate_id', '=', estateId).where('u.role', 'in', roles).where('u.active', '=', 1).execute();
    return rows.map((r) => r.id);
  }

  private async work() {
    const estates = await this.db.selectFrom('estates').select(['id', 'time_zone']).where('archived_at', 'is', null).execute();
    const done: string[] = [];
    for (const e of estates) {
      const now = this.clock.now();
      const today = localDate(now, e.time_zone);
      const hour = Number(new Intl.DateTimeFormat('en-GB', { timeZone: e.time_zone, hour: '2-digit', hourCycle: 'h23' }).format(now));
      const day = Number(today.slice(8, 10));
      if (day === 1 && hour >= START_HOUR) {
        const month = prevMonth(today.slice(0, 7));
        if (!(await this.stored(e.id, 'pack', month))) {
          await this.performance.generateMonth(SYSTEM, e.id, month);
          await this.improvement.freeze(e.id, month);
          const pack = await this.pack.compute(e.id, month);
          const to = await this.recipients(e.id, ['director', 'assistant']);
          await this.db.transaction().execute(async (trx) => {
            const row = await trx
              .insertInto('monthly_reports')
              .values({ estate_id: e.id, area_key: 0, kind: 'pack', month, data: JSON.stringify(pack), created_at: now.toISOString() })
              .onConflict((oc) => oc.columns(['estate_id', 'area_key', 'kind', 'month']).doNothing())
              .returning('id')
              .executeTakeFirst();
            if (!row) return;
            const red = pack.rows.filter((r) => r.month.status === 'red').length;
            await this.notifications.notify(trx, { userIds: to, estateId: e.id, kind: 'pack', title: { key: 'notify.pack.title', params: { month } }, body: { key: 'notify.pack.body', params: { month, red } }, dedupeKey: `pack:${e.id}:${month}` });
            await this.audit.record(trx, SYSTEM, { action: 'create', entity: 'monthly_report', entityId: row.id, estateId: e.id, ref: month, summary: { key: 'audit.pack.delivered', params: { month } } });
          });
          done.push(`pack ${e.id} ${month}`);
        }
      }
      if (day >= 28) {
        const month = today.slice(0, 7);
        if (!(await this.stored(e.id, 'special', month))) {
          const special = await this.pack.special(e.id, month, e.time_zone);
          const to = await this.recipients(e.id, ['assistant', 'front_desk']);
          await this.db.transaction().execute(async (trx) => {
            const row = await trx
              .insertInto('monthly_reports')
              .values({ estate_id: e.id, area_key: 0, kind: 'special', month, data: JSON.stringify(special), created_at: now.toISOString() })
              .onConflict((oc) => oc.columns(['estate_id', 'area_key', 'kind', 'month']).doNothing())
              .returning('id')
              .executeTakeFirst();
            if (!row) return;
            await this.notifications.notify(trx, { userIds: to, estateId: e.id, kind: 'special', title: { key: 'notify.special.title', params: { month } }, body: { key: 'notify.special.body', params: { month, total: special.total } }, dedupeKey: `special:${e.id}:${month}` });
          });
          done.push(`special ${e.id} ${month}`);
        }
      }
      await this.improvement.verifyDue(SYSTEM, e.id);
    }
    return done;
  }
}
