/**
 * Today's task pack for the signed-in user (A.3.6 "今日任务包"): his tasks, their checkpoints with
 * QR token hashes (never the tokens), the frozen template versions, and the open findings on those
 * checkpoints so the phone can warn before a duplicate.
 */
import { createHash } from 'node:crypto';
import type { z } from 'zod';
import type { Clock } from '../../../../core/clock.ts';
import { addDays, zonedInstant } from '../../../../core/rounds.ts';
import { localDate } from '../../../../core/clock.ts';
import { seesEstate } from '../../../../core/scope.ts';
import { toBool, toJson } from '../../../db/codec.ts';
import type { Db } from '../../../db/database.ts';
import { outOfScope } from '../../../http/errors.ts';
import type { AuthContext } from '../../auth/auth.service.ts';
import type { RoundsEngine } from '../rounds/engine.ts';
import { taskHead } from '../rounds/task-head.ts';
import type { pack, packVisits } from './sync.schemas.ts';

const LIVE_TICKET = ['registered', 'responded', 'dispatched', 'in_progress', 'paused', 'reopened', 'resolved', 'confirmed'];
export const qrHash = (token: string) => createHash('sha256').update(token).digest('hex');

export class PackService {
  /** Set by relations/visits (app.ts): the user's home-visit plan for today, null when he does not visit. */
  visitPlan: ((auth: AuthContext, estateId: number) => Promise<z.infer<typeof packVisits> | null>) | null = null;

  constructor(
    private db: Db,
    private clock: Clock,
    private engine: RoundsEngine,
  ) {}

  async pack(auth: AuthContext, estateId: number): Promise<z.infer<typeof pack>> {
    if (!seesEstate(auth.scope, estateId)) throw outOfScope();
    // Tasks due by now exist even if the job has not run yet (idempotent).
    await this.engine.generate(estateId);
    const estate = await this.db.selectFrom('estates').select('time_zone').where('id', '=', estateId).executeTakeFirstOrThrow();
    const now = this.clock.now();
    const date = localDate(now, estate.time_zone);
    const from = zonedInstant(date, '00:00', estate.time_zone).toISOString();
    const to = zonedInstant(addDays(date, 1), '00:00', estate.time_zone).toISOString();
    const tasks = await this.db
      .selectFrom('round_tasks as t')
      .innerJoin('round_plans as p', 'p.id', 't.plan_id')
      .select(['t.id', 't.plan_id', 'p.name as plan_name', 't.kind', 't.slot_start', 't.slot_end', 't.grace_min', 't.status', 't.ordered'])
      .where('t.estate_id', '=', estateId)
      .where('t.assignee_id', '=', auth.user.id)
      .where('t.status', '!=', 'cancelled')
      .where((eb) => eb.or([eb.and([eb('t.slot_start', '>=', from), eb('t.slot_start', '<', to)]), eb('t.status', 'in', ['pending', 'in_progress'])]))
      .orderBy('t.slot_start')
      .limit(200)
      .execute();
    const taskIds = tasks.map((t) => t.id);
    const points = taskIds.length
      ? await this.db
          .selectFrom('round_task_points as tp')
          .innerJoin('checkpoints as c', 'c.id', 'tp.checkpoint_id')
          .leftJoin('check_templates as ct', 'ct.id', 'tp.template_id')
          .select(['tp.task_id', 'tp.seq', 'tp.status', 'tp.template_id', 'ct.version', 'c.id', 'c.code', 'c.name', 'c.location', 'c.target', 'c.qr_token', 'c.ref_kind'])
          .where('tp.task_id', 'in', taskIds)
          .orderBy('tp.task_id')
          .orderBy('tp.seq')
          .execute()
      : [];
    const templateIds = [...new Set(points.map((p) => p.template_id).filter((x): x is number => x != null))];
    const items = templateIds.length ? await this.db.selectFrom('check_template_items').selectAll().where('template_id', 'in', templateIds).orderBy('seq').execute() : [];
    const itemsOf = (tid: number) =>
      items
        .filter((i) => i.template_id === tid)
        .map((i) => ({
          id: i.id,
          seq: i.seq,
          label: i.label,
          answer: i.answer as 'ok_issue' | 'number' | 'text' | 'choice',
          ...(i.min != null ? { min: i.min } : {}),
          ...(i.max != null ? { max: i.max } : {}),
          ...(i.unit ? { unit: i.unit } : {}),
          ...(i.options ? { options: toJson<string[]>(i.options) ?? [] } : {}),
          photoOnIssue: toBool(i.photo_on_issue),
          fixableOnSpot: toBool(i.fixable_on_spot),
          severity: i.severity as 'minor' | 'major',
        }));
    const checkpointIds = [...new Set(points.map((p) => p.id))];
    const open = checkpointIds.length
      ? await this.db
          .selectFrom('round_findings as f')
          .leftJoin('tickets as tk', 'tk.id', 'f.ticket_id')
          .select(['f.checkpoint_id', 'f.item_id', 'tk.number', 'f.status', 'tk.status as ticket_status'])
          .where('f.checkpoint_id', 'in', checkpointIds)
          .where('f.status', 'in', ['open', 'ticketed', 'referred'])
          .execute()
      : [];
    const seen = new Set<string>();
    const openFindings = open
      .filter((f) => f.status === 'open' || (f.ticket_status != null && LIVE_TICKET.includes(f.ticket_status)))
      .filter((f) => !seen.has(`${f.checkpoint_id}:${f.item_id}`) && seen.add(`${f.checkpoint_id}:${f.item_id}`))
      .map((f) => ({ checkpointId: f.checkpoint_id, itemId: f.item_id, ...(f.number ? { ticketNo: f.number } : {}) }));
    return {
      serverNow: now.toISOString(),
      estateId,
      date,
      tasks: tasks.map((t) => ({
        ...taskHead(t),
        ordered: toBool(t.ordered),
        checkpoints: points
          .filter((p) => p.task_id === t.id)
          .map((p) => ({
            id: p.id,
            code: p.code,
            name: p.name,
            location: p.location,
            target: p.target,
            refKind: p.ref_kind,
            qrHash: qrHash(p.qr_token),
            done: p.status === 'done',
            template: p.template_id ? { id: p.template_id, version: p.version ?? 1, items: itemsOf(p.template_id) } : null,
          })),
      })),
      openFindings,
      visits: this.visitPlan ? await this.visitPlan(auth, estateId) : null,
    };
  }
}
