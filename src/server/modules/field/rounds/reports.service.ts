/**
 * Rounds reports (design A.3.0 "Reports", HC 今日巡检报告 / 员工巡检统计): per scheduled checkpoint,
 * completion = done (on time or late) ÷ scheduled, on-time rate, the unverified (manual) share,
 * missed checkpoints, findings by department and item, per day, staff and plan; and the
 * department quality scores of manual 3.3 (cleaning, security, repair, landscaping).
 */
import type { Clock } from '../../../../core/clock.ts';
import { localDate } from '../../../../core/clock.ts';
import { addDays, QUALITY_DEPTS, qualityScore, rate, zonedInstant } from '../../../../core/rounds.ts';
import { seesArea, seesEstate } from '../../../../core/scope.ts';
import { toJson } from '../../../db/codec.ts';
import type { Db } from '../../../db/database.ts';
import { invalid, notFound } from '../../../http/errors.ts';
import type { AuthContext } from '../../auth/auth.service.ts';

interface Tally {
  scheduled: number;
  done: number;
  onTime: number;
  late: number;
  unverified: number;
  missed: number;
}
const empty = (): Tally => ({ scheduled: 0, done: 0, onTime: 0, late: 0, unverified: 0, missed: 0 });
const withRates = (t: Tally) => ({ ...t, completionRate: rate(t.done, t.scheduled), onTimeRate: rate(t.onTime, t.done), unverifiedShare: rate(t.unverified, t.done) });

/** At most a year per report: a page of rates, not an export. */
const MAX_DAYS = 366;

export class RoundsReportService {
  constructor(
    private db: Db,
    private clock: Clock,
  ) {}

  private async range(auth: AuthContext, estateId: number, from: string, to: string) {
    if (!seesEstate(auth.scope, estateId)) throw notFound('entity.estate');
    if (to < from) throw invalid('to', 'field.rounds.endsBefore');
    if ((Date.parse(to) - Date.parse(from)) / 86_400_000 > MAX_DAYS) throw invalid('to', 'field.rounds.rangeTooLong', { days: MAX_DAYS });
    const estate = await this.db.selectFrom('estates').select('time_zone').where('id', '=', estateId).executeTakeFirstOrThrow();
    return { tz: estate.time_zone, start: zonedInstant(from, '00:00', estate.time_zone).toISOString(), end: zonedInstant(addDays(to, 1), '00:00', estate.time_zone).toISOString() };
  }

  async report(auth: AuthContext, estateId: number, from: string, to: string) {
    const { tz, start, end } = await this.range(auth, estateId, from, to);
    const rows = await this.db
      .selectFrom('round_task_points as tp')
      .innerJoin('round_tasks as t', 't.id', 'tp.task_id')
      .innerJoin('round_plans as p', 'p.id', 't.plan_id')
      .innerJoin('checkpoints as c', 'c.id', 'tp.checkpoint_id')
      .leftJoin('round_results as r', 'r.id', 'tp.result_id')
      .leftJoin('users as u', 'u.id', 't.assignee_id')
      .select(['t.id as task_id', 't.area_id', 't.estate_id', 't.slot_start', 't.status as task_status', 't.makeup_of', 't.plan_id', 'p.name as plan_name', 't.assignee_id', 'u.display_name as assignee_name', 'tp.checkpoint_id', 'tp.status', 'c.code', 'c.name', 'r.timing', 'r.scan_method'])
      .where('t.estate_id', '=', estateId)
      .where('t.slot_start', '>=', start)
      .where('t.slot_start', '<', end)
      .where('t.status', '!=', 'cancelled')
      .execute();
    const visible = rows.filter((r) => seesArea(auth.scope, r.estate_id, r.area_id));
    // A make-up's checkpoints are the original task's, done late: they add to done, not to scheduled.
    const madeUp = new Set(visible.filter((r) => r.makeup_of && r.status === 'done').map((r) => `${r.makeup_of}:${r.checkpoint_id}`));
    const totals = empty();
    const byDay = new Map<string, Tally>();
    const byStaff = new Map<string, Tally & { userId: number | null; name: string }>();
    const byPlan = new Map<number, Tally & { planId: number; name: string }>();
    const missed: Array<{ taskId: number; planName: string; slotStart: string; checkpointCode: string; checkpointName: string; assigneeName: string | null }> = [];
    for (const r of visible) {
      const day = localDate(new Date(r.slot_start), tz);
      const tallies = [
        totals,
        byDay.get(day) ?? byDay.set(day, empty()).get(day)!,
        byStaff.get(String(r.assignee_id)) ?? byStaff.set(String(r.assignee_id), { ...empty(), userId: r.assignee_id, name: r.assignee_name ?? '—' }).get(String(r.assignee_id))!,
        byPlan.get(r.plan_id) ?? byPlan.set(r.plan_id, { ...empty(), planId: r.plan_id, name: r.plan_name }).get(r.plan_id)!,
      ];
      for (const t of tallies) {
        if (!r.makeup_of) t.scheduled++;
        if (r.status === 'done') {
          t.done++;
          if (r.timing === 'on_time' || r.timing === 'early') t.onTime++;
          else t.late++;
          if (r.scan_method === 'manual') t.unverified++;
        } else if (r.status === 'missed' && !madeUp.has(`${r.task_id}:${r.checkpoint_id}`) && !r.makeup_of) t.missed++;
      }
      if (r.status === 'missed' && !r.makeup_of && !madeUp.has(`${r.task_id}:${r.checkpoint_id}`)) missed.push({ taskId: r.task_id, planName: r.plan_name, slotStart: r.slot_start, checkpointCode: r.code, checkpointName: r.name, assigneeName: r.assignee_name });
    }
    const findings = await this.db
      .selectFrom('round_findings')
      .select(['department', 'item_label', 'status', 'area_id', 'estate_id'])
      .where('estate_id', '=', estateId)
      .where('observed_at', '>=', start)
      .where('observed_at', '<', end)
      .execute();
    const cats = new Map<string, { department: string | null; item: string; count: number; ticketed: number }>();
    for (const f of findings.filter((x) => seesArea(auth.scope, x.estate_id, x.area_id))) {
      const key = `${f.department}|${f.item_label}`;
      const c = cats.get(key) ?? cats.set(key, { department: f.department, item: f.item_label, count: 0, ticketed: 0 }).get(key)!;
      c.count++;
      if (f.status === 'ticketed' || f.status === 'closed') c.ticketed++;
    }
    const days: string[] = [];
    const today = localDate(this.clock.now(), tz);
    // Series end at today, never a future zero (core/periods.ts rule).
    for (let d = from; d <= to && d <= today; d = addDays(d, 1)) days.push(d);
    return {
      totals: withRates(totals),
      byDay: days.map((d) => ({ date: d, ...withRates(byDay.get(d) ?? empty()) })),
      byStaff: [...byStaff.values()].map((s) => ({ userId: s.userId, name: s.name, ...withRates(s) })),
      byPlan: [...byPlan.values()].map((s) => ({ planId: s.planId, name: s.name, ...withRates(s) })),
      findingsByCategory: [...cats.values()].sort((a, b) => b.count - a.count),
      missed: missed.sort((a, b) => (a.slotStart < b.slotStart ? 1 : -1)).slice(0, 500),
    };
  }

  /**
   * Department quality (manual 3.3) from answers on items that name a department to supervise:
   * ok ÷ (ok + issue) × 100; below 5 answers no score (数据不足). Performance reads this later.
   */
  async quality(auth: AuthContext, estateId: number, from: string, to: string) {
    const { start, end } = await this.range(auth, estateId, from, to);
    const items = await this.db.selectFrom('check_template_items').select(['id', 'quality_dept']).where('estate_id', '=', estateId).where('quality_dept', 'is not', null).execute();
    const deptOf = new Map(items.map((i) => [i.id, i.quality_dept!]));
    const results = deptOf.size
      ? await this.db.selectFrom('round_results').select(['answers', 'estate_id', 'checkpoint_id']).where('estate_id', '=', estateId).where('observed_at', '>=', start).where('observed_at', '<', end).execute()
      : [];
    const tally = new Map<string, { ok: number; issues: number }>(QUALITY_DEPTS.map((d) => [d, { ok: 0, issues: 0 }]));
    for (const r of results) {
      for (const a of toJson<Array<{ itemId: number; value: unknown; issue?: unknown }>>(r.answers) ?? []) {
        const dept = deptOf.get(a.itemId);
        if (!dept) continue;
        const t = tally.get(dept)!;
        if (a.value === 'issue' || a.issue) t.issues++;
        else t.ok++;
      }
    }
    return { items: [...tally.entries()].map(([dept, t]) => ({ dept, ok: t.ok, issues: t.issues, score: qualityScore(t.ok, t.issues) })) };
  }

  async findings(auth: AuthContext, q: { estateId: number; status?: string; from?: string; to?: string; page: number }) {
    if (!seesEstate(auth.scope, q.estateId)) throw notFound('entity.estate');
    const estate = await this.db.selectFrom('estates').select('time_zone').where('id', '=', q.estateId).executeTakeFirstOrThrow();
    let sel = this.db
      .selectFrom('round_findings as f')
      .innerJoin('checkpoints as c', 'c.id', 'f.checkpoint_id')
      .leftJoin('tickets as t', 't.id', 'f.ticket_id')
      .leftJoin('users as u', 'u.id', 'f.by_user_id')
      .select(['f.id', 'f.checkpoint_id', 'c.code', 'c.name', 'f.item_label', 'f.department', 'f.description', 'f.severity', 'f.status', 'f.ticket_id', 't.number', 'f.photo_ids', 'f.after_photo_ids', 'u.display_name', 'f.observed_at', 'f.area_id', 'f.estate_id'])
      .where('f.estate_id', '=', q.estateId);
    if (q.status) sel = sel.where('f.status', '=', q.status);
    if (q.from) sel = sel.where('f.observed_at', '>=', zonedInstant(q.from, '00:00', estate.time_zone).toISOString());
    if (q.to) sel = sel.where('f.observed_at', '<', zonedInstant(addDays(q.to, 1), '00:00', estate.time_zone).toISOString());
    const all = (await sel.orderBy('f.id', 'desc').limit(5000).execute()).filter((f) => seesArea(auth.scope, f.estate_id, f.area_id));
    const page = all.slice((q.page - 1) * 50, q.page * 50);
    return {
      total: all.length,
      items: page.map((f) => ({
        id: f.id,
        checkpointId: f.checkpoint_id,
        checkpointCode: f.code,
        checkpointName: f.name,
        itemLabel: f.item_label,
        department: f.department,
        description: f.description,
        severity: f.severity,
        status: f.status,
        ticketId: f.ticket_id,
        ticketNumber: f.number,
        photoIds: toJson<number[]>(f.photo_ids) ?? [],
        afterPhotoIds: toJson<number[]>(f.after_photo_ids) ?? [],
        byName: f.display_name,
        observedAt: f.observed_at,
      })),
    };
  }
}
