/**
 * The minute-by-minute sweep of live tickets (manual 3.2): warn the assignee before a deadline,
 * escalate a breach administrator → assistant → director, and confirm resolved tickets the
 * resident left unanswered. Every warning and escalation is recorded once: the ticket's
 * `warned` bits and `escalation_level` only move forward, and notifications carry dedupe keys,
 * so a restart or a second instance never repeats one.
 */
import type { Clock } from '../../core/clock.ts';
import { type Db, type Executor } from '../db/database.ts';
import type { DeskConfigService } from '../modules/desk/desk-config.service.ts';
import { ticketRepository as repo } from '../modules/desk/tickets.repository.ts';
import { SYSTEM, type TicketService } from '../modules/desk/tickets.service.ts';
import type { NotificationService } from '../modules/notifications/notifications.service.ts';
import type { DeskReportService } from '../modules/reports/desk-report.service.ts';
import { localDate } from '../../core/clock.ts';
import { withLock } from './lock.ts';
import type { Msg } from '../http/errors.ts';
import { t as translate } from '../i18n/messages.ts';

const LIVE = ['registered', 'responded', 'dispatched', 'in_progress', 'reopened'];
const LEVEL_ROLES: Record<number, string[]> = { 1: ['cs_admin'], 2: ['assistant'], 3: ['director'] };

/** "2026-11-27 16:00" in China time, for notes people read. */
const chinaTime = (iso: string) =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).format(new Date(iso));

export interface SweepResult {
  warned: number;
  escalated: number;
  autoConfirmed: number;
  reportsSent: number;
}

export class DeskSweep {
  constructor(
    private db: Db,
    private clock: Clock,
    private config: DeskConfigService,
    private tickets: TicketService,
    private notifications: NotificationService,
    private reports: DeskReportService,
  ) {}

  async run(): Promise<SweepResult | null> {
    return withLock(this.db, this.clock, 'desk-sweep', 5 * 60_000, () => this.sweep());
  }

  private async sweep(): Promise<SweepResult> {
    const now = this.clock.now();
    const iso = now.toISOString();
    const result: SweepResult = { warned: 0, escalated: 0, autoConfirmed: 0, reportsSent: 0 };
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
          await this.event(trx, t, 'at_risk', { key: 'note.atRisk', params: { clock: bit === 1 ? 'clock.response' : 'clock.resolution', due: chinaTime(due) } });
          await this.notifications.notify(trx, { userIds: to, estateId, kind: 'at_risk', title: { key: 'notice.atRisk', params: { number: t.number } }, body: { key: 'notice.atRiskBody', params: { title: t.title, due: chinaTime(due) } }, ticketId: t.id, dedupeKey: `at_risk:${t.id}:${bit}:${t.reopen_count}` });
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
            await this.event(trx, t, 'escalate', { key: 'note.escalated', params: { level: `level.${level}`, due: chinaTime(dueMissed) } });
            await this.notifications.notify(trx, { userIds: to, estateId, kind: 'escalation', title: { key: 'notice.escalation', params: { number: t.number, level: `level.${level}` } }, body: t.title, ticketId: t.id, dedupeKey: `escalate:${t.id}:${level}:${t.reopen_count}` });
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
          await this.tickets.step(trx, SYSTEM, t, 'confirm', { noteMsg: { key: 'note.autoConfirm', params: { days: s.autoConfirmDays } } }, null);
          result.autoConfirmed++;
        });
      }

      result.reportsSent += await this.periodicReports(estateId, now);
    }
    return result;
  }

  /**
   * Monday morning: last week's statistics of reported matters to the assistant (manual 3.13);
   * the 1st of the month: last month's report to the assistant and the director (4.12). Once per
   * period, whatever the number of sweeps or instances (dedupe key per estate and period).
   */
  private async periodicReports(estateId: number, now: Date): Promise<number> {
    const today = localDate(now);
    const hour = Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', hourCycle: 'h23' }).format(now));
    if (hour < 8) return 0;
    const day = (offset: number) => new Date(Date.parse(`${today}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
    const weekday = new Date(`${today}T00:00:00Z`).getUTCDay(); // 1 = Monday
    const periods: Array<{ kind: string; from: string; to: string; roles: string[]; title: Msg }> = [];
    if (weekday === 1) periods.push({ kind: 'weekly', from: day(-7), to: day(-1), roles: ['assistant'], title: { key: 'notice.weekly' } });
    if (today.endsWith('-01')) {
      const to = day(-1);
      periods.push({ kind: 'monthly', from: `${to.slice(0, 7)}-01`, to, roles: ['assistant', 'director'], title: { key: 'notice.monthly', params: { month: to.slice(0, 7) } } });
    }
    let sent = 0;
    for (const p of periods) {
      const key = `report:${p.kind}:${estateId}:${p.from}`;
      // every sweep of that day comes here: build the report only until it has gone out
      if (await this.db.selectFrom('notifications').select('id').where('dedupe_key', '=', key).limit(1).executeTakeFirst()) continue;
      const r = await this.reports.build({ all: true, estates: [], areas: [], units: [] }, { estateId, from: p.from, to: p.to }, 'zh-CN');
      const pct = (v: number | null) => (v == null ? '—' : `${(v * 100).toFixed(1)}%`);
      const body: Msg = {
        key: 'notice.reportBody',
        params: {
          from: p.from,
          to: p.to,
          registered: r.totals.registered,
          resolved: r.totals.resolved,
          rate: pct(r.rates.resolutionRate),
          response: pct(r.rates.responseTimeliness),
          resolution: pct(r.rates.resolutionTimeliness),
          effect: pct(r.rates.effectiveness),
          satisfaction: r.rates.satisfaction ?? '—',
        },
      };
      await this.db.transaction().execute(async (trx) => {
        const to = await repo.staff(trx, estateId, p.roles);
        const fresh = await this.notifications.notify(trx, { userIds: to, estateId, kind: `report.${p.kind}`, title: p.title, body, dedupeKey: key });
        sent += fresh.length;
      });
    }
    return sent;
  }

  private event(trx: Executor, t: { id: number; estate_id: number }, kind: string, note: Msg) {
    return repo.insertEvent(trx, {
      estate_id: t.estate_id,
      ticket_id: t.id,
      at: this.clock.now().toISOString(),
      actor_id: null,
      actor_name: '系统',
      kind,
      from_status: null,
      to_status: null,
      note: translate('zh-CN', note.key, note.params),
      internal: 1,
      data: JSON.stringify({ note }),
    });
  }
}
