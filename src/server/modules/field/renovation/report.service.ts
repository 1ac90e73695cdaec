/**
 * The Saturday renovation report (M 4.2.1.3; design A.3.1): at 08:00 on Saturday, for the week
 * from the previous Saturday to Friday, per estate; delivered to the assistants and stored as a
 * frozen snapshot — later edits of renovations never change a delivered report.
 */
import { type Clock, localDate } from '../../../../core/clock.ts';
import { ACTIVE_STATUSES, activeDays, isOverdue, isSaturday, reportWeek } from '../../../../core/renovation.ts';
import { seesArea, seesEstate } from '../../../../core/scope.ts';
import { unitLabel } from '../../../../core/units.ts';
import type { Db } from '../../../db/database.ts';
import { notFound } from '../../../http/errors.ts';
import { withLock } from '../../../jobs/lock.ts';
import type { AuthContext } from '../../auth/auth.service.ts';
import type { NotificationService } from '../../notifications/notifications.service.ts';

/** Daily inspections done per renovation and local day, from the rounds engine once it is plugged in. */
export type InspectionSource = (estateId: number, from: string, to: string) => Promise<Array<{ renovationId: number; day: string; inspector: string | null; manual: boolean }>>;

const dayStart = (date: string) => new Date(`${date}T00:00:00+08:00`).toISOString();
const nextDay = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
/** Saturday 08:00 China time. */
const DELIVERY_HOUR = 8;

/** Until acceptance (actual_end); a cancelled or rejected one stopped being inspected at once. */
function activeUntil(r: { status: string; actual_end: string | null; permitted_at: string | null }): string | null {
  if (r.actual_end) return r.actual_end;
  return ACTIVE_STATUSES.includes(r.status as never) ? null : r.permitted_at ? localDate(new Date(r.permitted_at)) : null;
}

export type RenoWeekReport = Awaited<ReturnType<RenoReportService['build']>>;

export class RenoReportService {
  /** Set when the rounds engine is merged; until then compliance shows as not measured. */
  inspections: InspectionSource | null = null;

  constructor(
    private db: Db,
    private clock: Clock,
    private notifications: NotificationService,
  ) {}

  async build(estateId: number, from: string, to: string) {
    const t0 = dayStart(from);
    const t1 = dayStart(nextDay(to));
    const events = await this.db
      .selectFrom('renovation_events')
      .select(['renovation_id', 'action', 'to_status', 'note', 'at'])
      .where('estate_id', '=', estateId)
      .where('at', '>=', t0)
      .where('at', '<', t1)
      .execute();
    const count = (a: string) => events.filter((e) => e.action === a).length;
    const renos = await this.db
      .selectFrom('renovations as r')
      .innerJoin('units as u', 'u.id', 'r.unit_id')
      .innerJoin('buildings as b', 'b.id', 'r.building_id')
      .select(['r.id', 'r.number', 'r.status', 'r.permitted_at', 'r.actual_end', 'r.planned_end', 'r.overdue_since', 'r.area_id', 'b.code as building_code', 'u.entrance', 'u.number as unit_number'])
      .where('r.estate_id', '=', estateId)
      .execute();
    const label = (r: (typeof renos)[number]) => unitLabel(r.building_code, r.entrance, r.unit_number);
    const activeAtEnd = renos.filter((r) => ACTIVE_STATUSES.includes(r.status as never) && r.permitted_at && r.permitted_at < t1);
    const byBuilding: Record<string, number> = {};
    for (const r of activeAtEnd) byBuilding[r.building_code] = (byBuilding[r.building_code] ?? 0) + 1;
    // 逾期 (rule 10): past the (extended) end on the week's last day and the acceptance not asked for.
    const overdue = activeAtEnd.filter((r) => isOverdue(r, to)).map((r) => ({ number: r.number, unit: label(r), plannedEnd: r.planned_end, overdueSince: r.overdue_since }));

    // Required inspections: one per active renovation per day from its permit to its acceptance.
    let required = 0;
    const permitDay = (at: string | null) => (at ? localDate(new Date(at)) : null);
    for (const r of renos) required += activeDays({ activeFrom: permitDay(r.permitted_at), activeTo: activeUntil(r) }, from, to);
    let inspections: { required: number; done: number | null; missed: number | null; rate: number | null; manual: number | null; perInspector: Record<string, number>; measured: boolean } = { required, done: null, missed: null, rate: null, manual: null, perInspector: {}, measured: false };
    if (this.inspections) {
      const rows = await this.inspections(estateId, from, to);
      // A second inspection the same day is stored but only the first counts (rule 6).
      const seen = new Set<string>();
      const perInspector: Record<string, number> = {};
      let manual = 0;
      for (const r of rows) {
        const k = `${r.renovationId}|${r.day}`;
        if (seen.has(k)) continue;
        seen.add(k);
        if (r.manual) manual++;
        const who = r.inspector ?? '—';
        perInspector[who] = (perInspector[who] ?? 0) + 1;
      }
      const done = Math.min(seen.size, required);
      inspections = { required, done, missed: required - done, rate: required ? done / required : null, manual, perInspector, measured: true };
    }

    const violations = await this.db
      .selectFrom('renovation_violations as v')
      .innerJoin('renovations as r', 'r.id', 'v.renovation_id')
      .select(['v.id', 'v.severity', 'v.category', 'v.status', 'v.found_at', 'v.notice_at', 'v.rectify_by', 'v.escalated_at', 'v.upgraded_at', 'v.closed_at', 'r.number'])
      .where('v.estate_id', '=', estateId)
      .execute();
    const inWeek = (at: string | null) => at != null && at >= t0 && at < t1;
    const found = violations.filter((v) => inWeek(v.found_at));
    const majorByCategory: Record<string, number> = {};
    for (const v of found.filter((x) => x.severity === 'major')) majorByCategory[v.category] = (majorByCategory[v.category] ?? 0) + 1;
    const openMajors = violations
      .filter((v) => v.severity === 'major' && v.found_at < t1 && (!v.closed_at || v.closed_at >= t1))
      .map((v) => ({ id: v.id, number: v.number, category: v.category, status: v.status, daysOpen: Math.floor((Date.parse(t1) - Date.parse(v.found_at)) / 86_400_000) }));

    const acceptances = await this.db
      .selectFrom('renovation_acceptances')
      .select(['result', 'reasons', 'at'])
      .where('estate_id', '=', estateId)
      .where('at', '>=', t0)
      .where('at', '<', t1)
      .execute();

    const entries = await this.db.selectFrom('deposit_entries').select(['kind', 'amount', 'at', 'reason']).where('estate_id', '=', estateId).where('at', '<', t1).execute();
    const sum = (kind: string, week: boolean) => entries.filter((e) => e.kind === kind && (!week || e.at >= t0)).reduce((s, e) => s + Number(e.amount), 0);

    return {
      estateId,
      from,
      to,
      applications: {
        // received = submitted in the week: at the desk (created submitted) or a draft submitted
        received: events.filter((e) => (e.action === 'create' && e.to_status === 'submitted') || e.action === 'submit').length,
        approved: count('approve'),
        rejected: count('reject'),
        returned: count('return'),
        permits: count('permit'),
        starts: count('start'),
        cancelled: count('cancel'),
        activeAtEnd: activeAtEnd.length,
        activeByBuilding: byBuilding,
        overdue,
        extensionsRequested: count('extension_requested'),
        extensionsApproved: count('extension_approved'),
        extensionsRejected: count('extension_rejected'),
        revised: count('revise'),
      },
      inspections,
      violations: {
        minor: found.filter((v) => v.severity === 'minor').length,
        minorRectifiedOnSite: found.filter((v) => v.severity === 'minor' && (v.status === 'rectified_on_site' || v.status === 'closed')).length,
        major: found.filter((v) => v.severity === 'major').length,
        majorByCategory,
        notices: violations.filter((v) => inWeek(v.notice_at)).length,
        rectified: violations.filter((v) => v.severity === 'major' && inWeek(v.closed_at)).length,
        overdue: openMajors.filter((v) => {
          const row = violations.find((x) => x.id === v.id)!;
          return row.rectify_by != null && row.rectify_by < to;
        }).length,
        escalated: violations.filter((v) => inWeek(v.escalated_at)).length,
        upgraded: violations.filter((v) => inWeek(v.upgraded_at)).length,
        openMajors,
      },
      acceptances: {
        requested: count('request_completion'),
        passed: acceptances.filter((a) => a.result === 'pass').length,
        failed: acceptances.filter((a) => a.result === 'fail').length,
        failReasons: acceptances.filter((a) => a.result === 'fail').map((a) => a.reasons ?? ''),
      },
      deposits: {
        received: sum('receive', true),
        refunded: sum('refund', true),
        deducted: sum('deduct', true),
        deductions: entries.filter((e) => e.kind === 'deduct' && e.at >= t0).map((e) => ({ amount: Number(e.amount), reason: e.reason })),
        heldAtEnd: sum('receive', false) - sum('refund', false) - sum('deduct', false),
      },
    };
  }

  /** The job: on Saturday from 08:00, each estate's report once (the unique week row), then the assistants are told. */
  async run() {
    return withLock(this.db, this.clock, 'reno-weekly', 120_000, async () => {
      const now = this.clock.now();
      const today = localDate(now);
      const hour = Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', hour12: false }).format(now));
      if (!isSaturday(today) || hour < DELIVERY_HOUR) return { delivered: 0 };
      return this.deliver(today);
    });
  }

  /** Builds and stores the reports of the week ending the day before `saturday` (idempotent). */
  async deliver(saturday: string) {
    const { from, to } = reportWeek(saturday);
    const estates = await this.db.selectFrom('estates').select(['id']).where('archived_at', 'is', null).execute();
    let delivered = 0;
    for (const e of estates) {
      const exists = await this.db.selectFrom('renovation_reports').select('id').where('estate_id', '=', e.id).where('week_from', '=', from).executeTakeFirst();
      if (exists) continue;
      const data = await this.build(e.id, from, to);
      await this.db.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto('renovation_reports')
          .values({ estate_id: e.id, week_from: from, week_to: to, data: JSON.stringify(data), delivered_at: this.clock.now().toISOString() })
          .onConflict((oc) => oc.columns(['estate_id', 'week_from']).doNothing())
          .returning('id')
          .executeTakeFirst();
        if (!row) return;
        delivered++;
        const assistants = await trx.selectFrom('users as u').innerJoin('user_scopes as s', 's.user_id', 'u.id').select('u.id').where('u.role', '=', 'assistant').where('u.active', '=', 1).where('s.estate_id', '=', e.id).execute();
        await this.notifications.notify(trx, { userIds: assistants.map((a) => a.id), estateId: e.id, kind: 'renovation_report', title: { key: 'notify.reno.report.title', params: { from, to } }, body: { key: 'notify.reno.report.body', params: { active: data.applications.activeAtEnd, majors: data.violations.openMajors.length } }, dedupeKey: `reno-report:${e.id}:${from}` });
      });
    }
    return { delivered };
  }

  async list(auth: AuthContext, estateId?: number) {
    let q = this.db.selectFrom('renovation_reports').select(['id', 'estate_id', 'week_from', 'week_to', 'delivered_at']).orderBy('week_from', 'desc').limit(104);
    if (estateId) q = q.where('estate_id', '=', estateId);
    const rows = (await q.execute()).filter((r) => seesEstate(auth.scope, r.estate_id));
    return { items: rows.map((r) => ({ id: r.id, estateId: r.estate_id, from: r.week_from, to: r.week_to, deliveredAt: r.delivered_at })), total: rows.length };
  }

  /** A delivered report exactly as it was frozen. Area staff see it when they see any of the estate. */
  async get(auth: AuthContext, id: number) {
    const r = await this.db.selectFrom('renovation_reports').selectAll().where('id', '=', id).executeTakeFirst();
    if (!r || !(seesEstate(auth.scope, r.estate_id) || seesArea(auth.scope, r.estate_id, null))) throw notFound('entity.renoReport');
    const estate = await this.db.selectFrom('estates').select('name').where('id', '=', r.estate_id).executeTakeFirstOrThrow();
    return { id: r.id, estateName: estate.name, deliveredAt: r.delivered_at, report: JSON.parse(r.data) as RenoWeekReport };
  }
}

