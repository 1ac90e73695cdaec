/**
 * The task board (today's rounds by status), a task's checkpoints and results, transfer to another
 * person with a reason (HC 转单, rule 7) and the make-up check of missed checkpoints within 24 h
 * (HC 补检, rule 8; its results always count as late).
 */
import type { z } from 'zod';
import type { Clock } from '../../../../core/clock.ts';
import { addDays, MAKEUP_HOURS, zonedInstant } from '../../../../core/rounds.ts';
import { seesArea, seesEstate } from '../../../../core/scope.ts';
import { toBool } from '../../../db/codec.ts';
import type { Db, Executor } from '../../../db/database.ts';
import { conflict, forbidden, invalid, notFound } from '../../../http/errors.ts';
import { can } from '../../../../core/roles.ts';
import type { Actor, AuditService } from '../../audit/audit.service.ts';
import type { AuthContext } from '../../auth/auth.service.ts';
import type { NotificationService } from '../../notifications/notifications.service.ts';
import { type RoundsEngine, slotLabel } from './engine.ts';
import type { taskQuery } from './rounds.schemas.ts';
import { taskHead } from './task-head.ts';

export class TaskService {
  constructor(
    private db: Db,
    private clock: Clock,
    private audit: AuditService,
    private engine: RoundsEngine,
    private notifications: NotificationService,
  ) {}

  private async require(db: Executor, auth: AuthContext, id: number) {
    const t = await db.selectFrom('round_tasks').selectAll().where('id', '=', id).executeTakeFirst();
    if (!t || !seesArea(auth.scope, t.estate_id, t.area_id)) throw notFound('entity.roundTask');
    return t;
  }

  async list(auth: AuthContext, q: z.output<typeof taskQuery>) {
    if (!seesEstate(auth.scope, q.estateId)) throw notFound('entity.estate');
    const estate = await this.db.selectFrom('estates').select('time_zone').where('id', '=', q.estateId).executeTakeFirstOrThrow();
    let sel = this.db
      .selectFrom('round_tasks as t')
      .innerJoin('round_plans as p', 'p.id', 't.plan_id')
      .leftJoin('users as u', 'u.id', 't.assignee_id')
      .select(['t.id', 't.plan_id', 'p.name as plan_name', 't.kind', 't.slot_start', 't.slot_end', 't.grace_min', 't.status', 't.assignee_id', 'u.display_name as assignee_name', 't.makeup_of', 't.area_id', 't.estate_id'])
      .where('t.estate_id', '=', q.estateId);
    if (q.date) {
      sel = sel.where('t.slot_start', '>=', zonedInstant(q.date, '00:00', estate.time_zone).toISOString()).where('t.slot_start', '<', zonedInstant(addDays(q.date, 1), '00:00', estate.time_zone).toISOString());
    }
    if (q.status) sel = sel.where('t.status', '=', q.status);
    if (q.planId) sel = sel.where('t.plan_id', '=', q.planId);
    if (q.assigneeId) sel = sel.where('t.assignee_id', '=', q.assigneeId);
    const rows = (await sel.orderBy('t.slot_start', 'desc').orderBy('t.id', 'desc').limit(500).execute()).filter((t) => seesArea(auth.scope, t.estate_id, t.area_id));
    const ids = rows.map((r) => r.id);
    const points = ids.length
      ? await this.db
          .selectFrom('round_task_points as tp')
          .leftJoin('round_results as r', 'r.id', 'tp.result_id')
          .select(['tp.task_id', 'tp.status', 'r.scan_method'])
          .where('tp.task_id', 'in', ids)
          .execute()
      : [];
    return rows.map((t) => {
      const mine = points.filter((p) => p.task_id === t.id);
      return {
        ...taskHead(t),
        assigneeId: t.assignee_id,
        assigneeName: t.assignee_name,
        makeupOf: t.makeup_of,
        total: mine.length,
        done: mine.filter((p) => p.status === 'done').length,
        missed: mine.filter((p) => p.status === 'missed').length,
        unverified: mine.filter((p) => p.status === 'done' && p.scan_method === 'manual').length,
      };
    });
  }

  async get(auth: AuthContext, id: number) {
    const t = await this.require(this.db, auth, id);
    const [row] = (await this.list(auth, { estateId: t.estate_id, planId: t.plan_id })).filter((x) => x.id === id);
    const points = await this.db
      .selectFrom('round_task_points as tp')
      .innerJoin('checkpoints as c', 'c.id', 'tp.checkpoint_id')
      .leftJoin('round_results as r', 'r.id', 'tp.result_id')
      .leftJoin('users as u', 'u.id', 'r.by_user_id')
      .select(['tp.checkpoint_id', 'c.code', 'c.name', 'tp.seq', 'tp.status', 'r.id as rid', 'r.observed_at', 'r.timing', 'r.scan_method', 'r.manual_reason', 'u.display_name', 'r.late_sync', 'r.far', 'r.out_of_sequence'])
      .where('tp.task_id', '=', id)
      .orderBy('tp.seq')
      .execute();
    const transfers = await this.db
      .selectFrom('round_task_transfers as x')
      .leftJoin('users as f', 'f.id', 'x.from_user_id')
      .innerJoin('users as to', 'to.id', 'x.to_user_id')
      .leftJoin('users as b', 'b.id', 'x.by_user_id')
      .select(['f.display_name as from_name', 'to.display_name as to_name', 'x.reason', 'x.at', 'b.display_name as by_name'])
      .where('x.task_id', '=', id)
      .orderBy('x.id')
      .execute();
    const extra = await this.db.selectFrom('round_results').select((eb) => eb.fn.countAll<number>().as('n')).where('task_id', '=', id).where('counts', '=', 0).executeTakeFirstOrThrow();
    return {
      ...row!,
      points: points.map((p) => ({
        checkpointId: p.checkpoint_id,
        code: p.code,
        name: p.name,
        seq: p.seq,
        status: p.status,
        result: p.rid
          ? { id: p.rid, observedAt: p.observed_at!, timing: p.timing, scanMethod: p.scan_method!, manualReason: p.manual_reason, byName: p.display_name ?? '—', lateSync: toBool(p.late_sync), far: toBool(p.far), outOfSequence: toBool(p.out_of_sequence) }
          : null,
      })),
      transfers: transfers.map((x) => ({ fromName: x.from_name, toName: x.to_name, reason: x.reason, at: x.at, byName: x.by_name })),
      extraResults: Number(extra.n),
    };
  }

  /** Who can be given a task in the estate (or one area): active staff allowed to do rounds. */
  async staff(auth: AuthContext, estateId: number) {
    if (!seesEstate(auth.scope, estateId)) throw notFound('entity.estate');
    const rows = await this.db
      .selectFrom('users as u')
      .innerJoin('user_scopes as s', 's.user_id', 'u.id')
      .select(['u.id', 'u.display_name', 'u.role', 's.area_id'])
      .where('u.active', '=', 1)
      .where('s.estate_id', '=', estateId)
      .orderBy('u.id')
      .execute();
    const seen = new Map<number, { id: number; displayName: string; role: string; areaIds: number[] | null }>();
    for (const r of rows) {
      if (!can(r.role as never, 'field.work')) continue;
      const u = seen.get(r.id) ?? seen.set(r.id, { id: r.id, displayName: r.display_name, role: r.role, areaIds: [] }).get(r.id)!;
      if (r.area_id == null) u.areaIds = null;
      else if (u.areaIds) u.areaIds.push(r.area_id);
    }
    return [...seen.values()];
  }

  /** The assignee hands his task over, or a supervisor moves it; history kept in round_task_transfers. */
  async transfer(actor: Actor, auth: AuthContext, id: number, toUserId: number, reason: string) {
    const out = await this.db.transaction().execute(async (trx) => {
      const t = await this.require(trx, auth, id);
      const supervisor = can(auth.user.role, 'rounds.supervise');
      if (!supervisor && t.assignee_id !== auth.user.id) throw forbidden();
      if (!['pending', 'in_progress'].includes(t.status)) throw conflict('conflict.rounds.taskClosed', { status: `status.round.${t.status}` });
      if (toUserId === t.assignee_id) throw invalid('toUserId', 'field.rounds.sameAssignee');
      const u = await trx
        .selectFrom('users as u')
        .innerJoin('user_scopes as s', 's.user_id', 'u.id')
        .select(['u.id', 'u.role', 'u.display_name'])
        .where('u.id', '=', toUserId)
        .where('u.active', '=', 1)
        .where('s.estate_id', '=', t.estate_id)
        .where((eb) => eb.or([eb('s.area_id', 'is', null), eb('s.area_id', '=', t.area_id)]))
        .executeTakeFirst();
      if (!u || !can(u.role as never, 'field.work')) throw invalid('toUserId', 'field.rounds.assignee');
      const took = await trx.updateTable('round_tasks').set({ assignee_id: toUserId, updated_at: this.clock.now().toISOString() }).where('id', '=', id).where('status', '=', t.status).executeTakeFirst();
      if (Number(took.numUpdatedRows) !== 1) throw conflict('conflict.changed');
      await trx.insertInto('round_task_transfers').values({ estate_id: t.estate_id, task_id: id, from_user_id: t.assignee_id, to_user_id: toUserId, reason, by_user_id: actor.id, at: this.clock.now().toISOString() }).execute();
      const plan = await trx.selectFrom('round_plans').select('name').where('id', '=', t.plan_id).executeTakeFirstOrThrow();
      await this.audit.record(trx, actor, { action: 'transfer', entity: 'round_task', entityId: id, estateId: t.estate_id, summary: { key: 'audit.rounds.task.transfer', params: { plan: plan.name, slot: slotLabel(t.slot_start), to: u.display_name, reason } }, ref: plan.name });
      const title = { key: 'notice.rounds.transferred', params: { plan: plan.name, slot: slotLabel(t.slot_start) } };
      const ids = await this.notifications.notify(trx, { userIds: [toUserId], estateId: t.estate_id, kind: 'rounds.transfer', title, body: reason });
      return { ids, title, reason };
    });
    await this.notifications.deliver(out.ids, out.title, out.reason);
  }

  /**
   * A make-up task for a swept task's missed checkpoints, within 24 hours of the slot's end; one
   * per task (unique key makeup:<id>). Its window runs from now for the original window's length.
   */
  async makeup(actor: Actor, auth: AuthContext, id: number, assigneeId: number | null) {
    return this.db.transaction().execute(async (trx) => {
      const t = await this.require(trx, auth, id);
      if (!['partial', 'missed'].includes(t.status)) throw conflict('conflict.rounds.makeupStatus', { status: `status.round.${t.status}` });
      if (t.makeup_of) throw conflict('conflict.rounds.makeupOfMakeup');
      const now = this.clock.now();
      if (now.getTime() > new Date(t.slot_end).getTime() + MAKEUP_HOURS * 3600_000) throw conflict('conflict.rounds.makeupLate', { hours: MAKEUP_HOURS });
      const missed = await trx.selectFrom('round_task_points').select('checkpoint_id').where('task_id', '=', id).where('status', '=', 'missed').orderBy('seq').execute();
      const plan = await trx.selectFrom('round_plans').selectAll().where('id', '=', t.plan_id).executeTakeFirstOrThrow();
      const windowMs = new Date(t.slot_end).getTime() - new Date(t.slot_start).getTime();
      const newId = await this.engine.makeTask(trx, { ...plan, ...((assigneeId ?? t.assignee_id) ? { assignee_rule: 'user', assignee_id: assigneeId ?? t.assignee_id } : {}) }, now, new Date(now.getTime() + windowMs), `makeup:${id}`, id, missed.map((m) => m.checkpoint_id));
      if (!newId) throw conflict('conflict.rounds.makeupExists');
      await this.audit.record(trx, actor, { action: 'create', entity: 'round_task', entityId: newId, estateId: t.estate_id, summary: { key: 'audit.rounds.task.makeup', params: { plan: plan.name, slot: slotLabel(t.slot_start), n: missed.length } }, ref: plan.name });
      return newId;
    });
  }
}
