/**
 * The minute-by-minute sweep of live tickets (manual 3.2): warn the assignee before a deadline,
 * escalate a breach administrator → assistant → director, and confirm resolved tickets the
 * resident left unanswered. Every warning and escalation is recorded once: the ticket's
 * `warned` bits and `escalation_level` only move forward, and notifications carry dedupe keys,
 * so a restart or a second instance never repeats one.
 */
import type { Clock } from '../../core/clock.ts';
import type { Db, Executor } from '../db/database.ts';
import type { DeskConfigService } from '../modules/desk/desk-config.service.ts';
import { ticketRepository as repo } from '../modules/desk/tickets.repository.ts';
import { SYSTEM, type TicketService } from '../modules/desk/tickets.service.ts';
import type { NotificationService } from '../modules/notifications/notifications.service.ts';
import { withLock } from './lock.ts';

const LIVE = ['registered', 'responded', 'dispatched', 'in_progress', 'reopened'];
const LEVEL_ROLES: Record<number, string[]> = { 1: ['cs_admin'], 2: ['assistant'], 3: ['director'] };
const LEVEL_NAMES: Record<number, string> = { 1: '客服中心管理员', 2: '助理', 3: '管理处主任' };

export interface SweepResult {
  warned: number;
  escalated: number;
  autoConfirmed: number;
}

export class DeskSweep {
  constructor(
    private db: Db,
    private clock: Clock,
    private config: DeskConfigService,
    private tickets: TicketService,
    private notifications: NotificationService,
  ) {}

  async run(): Promise<SweepResult | null> {
    return withLock(this.db, this.clock, 'desk-sweep', 5 * 60_000, () => this.sweep());
  }

  private async sweep(): Promise<SweepResult> {
    const now = this.clock.now();
    const iso = now.toISOString();
    const result: SweepResult = { warned: 0, escalated: 0, autoConfirmed: 0 };
    const estates = await this.db.selectFrom('estates').select('id').where('archived_at', 'is', null).execute();
    for (const { id: estateId } of estates) {
      const s = await this.config.settings(this.db, estateId);
      const warnUntil = new Date(now.getTime() + s.warnMinutes * 60_000).toISOString();

      // 1. at-risk warnings, before either deadline
      const risky = await this.db
        .selectFrom('tickets')
        .selectAll()
        .where('estate_id', '=', estateId)
        .where('status', 'in', LIVE)
        .where((eb) =>
          eb.or([
            eb.and([eb('responded_at', 'is', null), eb('response_due_at', '<=', warnUntil), eb('response_due_at', '>=', iso)]),
            eb.and([eb('resolution_due_at', '<=', warnUntil), eb('resolution_due_at', '>=', iso)]),
          ]),
        )
        .execute();
      for (const t of risky) {
        const bit = !t.responded_at && t.response_due_at <= warnUntil ? 1 : 2;
        if (t.warned & bit) continue;
        await this.db.transaction().execute(async (trx) => {
          const moved = await trx.updateTable('tickets').set({ warned: t.warned | bit }).where('id', '=', t.id).where('warned', '=', t.warned).executeTakeFirst();
          if (Number(moved.numUpdatedRows) !== 1) return;
          const due = bit === 1 ? t.response_due_at : t.resolution_due_at;
          const to = t.assignee_id ? [t.assignee_id] : await this.tickets.areaManagers(trx, estateId, t.area_id);
          await this.event(trx, t, 'at_risk', `${bit === 1 ? '首次响应' : '解决'}时限 ${due} 即将到期`);
          await this.notifications.notify(trx, { userIds: to, estateId, kind: 'at_risk', title: `工单 ${t.number} 即将超时`, body: `${t.title}（到期 ${due}）`, ticketId: t.id, dedupeKey: `at_risk:${t.id}:${bit}:${t.reopen_count}` });
          result.warned++;
        });
      }

      // 2. breaches, escalated one level per threshold
      const late = await this.db
        .selectFrom('tickets')
        .selectAll()
        .where('estate_id', '=', estateId)
        .where('status', 'in', LIVE)
        .where('escalation_level', '<', 3)
        .where((eb) => eb.or([eb.and([eb('responded_at', 'is', null), eb('response_due_at', '<', iso)]), eb('resolution_due_at', '<', iso)]))
        .execute();
      for (const t of late) {
        const dueMissed = !t.responded_at && t.response_due_at < iso ? t.response_due_at : t.resolution_due_at;
        const overdue = (now.getTime() - Date.parse(dueMissed)) / 60_000;
        const target = overdue >= s.directorAfterMinutes ? 3 : overdue >= s.assistantAfterMinutes ? 2 : 1;
        if (target <= t.escalation_level) continue;
        await this.db.transaction().execute(async (trx) => {
          const moved = await trx.updateTable('tickets').set({ escalation_level: target }).where('id', '=', t.id).where('escalation_level', '=', t.escalation_level).executeTakeFirst();
          if (Number(moved.numUpdatedRows) !== 1) return;
          for (let level = t.escalation_level + 1; level <= target; level++) {
            const to = level === 1 ? await this.tickets.areaManagers(trx, estateId, t.area_id) : await repo.staff(trx, estateId, LEVEL_ROLES[level]);
            await this.event(trx, t, 'escalate', `超时升级至${LEVEL_NAMES[level]}（到期 ${dueMissed}）`);
            await this.notifications.notify(trx, { userIds: to, estateId, kind: 'escalation', title: `工单 ${t.number} 已超时，升级至${LEVEL_NAMES[level]}`, body: t.title, ticketId: t.id, dedupeKey: `escalate:${t.id}:${level}:${t.reopen_count}` });
            result.escalated++;
          }
        });
      }

      // 3. resolved and not confirmed by the resident within N days: confirmed for him
      const cutoff = new Date(now.getTime() - s.autoConfirmDays * 86_400_000).toISOString();
      const stale = await this.db.selectFrom('tickets').select('id').where('estate_id', '=', estateId).where('status', '=', 'resolved').where('resolved_at', '<', cutoff).execute();
      for (const { id } of stale) {
        await this.db.transaction().execute(async (trx) => {
          const t = await repo.find(trx, id);
          if (t?.status !== 'resolved') return;
          await this.tickets.step(trx, SYSTEM, t, 'confirm', { note: `${s.autoConfirmDays} 天内业主未确认，系统自动确认` }, null);
          result.autoConfirmed++;
        });
      }
    }
    return result;
  }

  private event(trx: Executor, t: { id: number; estate_id: number }, kind: string, note: string) {
    return repo.insertEvent(trx, { estate_id: t.estate_id, ticket_id: t.id, at: this.clock.now().toISOString(), actor_id: null, actor_name: 'system', kind, from_status: null, to_status: null, note, internal: 1, data: null });
  }
}

/** Runs the sweep every minute until stopped; errors are logged, never fatal. */
export function schedule(sweep: DeskSweep, everyMs = 60_000): () => void {
  const timer = setInterval(() => {
    sweep.run().catch((err) => console.error('desk sweep failed', err));
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
