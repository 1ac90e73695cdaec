/**
 * Extensions of a renovation's planned end (design A.3.1 rule 2) and the overdue mark (rule 10):
 * the owner (portal) or the desk asks with a reason and a new date, an approver decides (the
 * director for a long one or beyond the second), every step on the timeline and in the audit log.
 * The reno-daily job marks what is past its (extended) end and not yet in acceptance as overdue.
 */
import { type Clock, localDate } from '../../../../core/clock.ts';
import { EXTENDABLE_STATUSES, extensionNeedsDirector, extensionProblem, isOverdue, type RenoStatus } from '../../../../core/renovation.ts';
import type { Db } from '../../../db/database.ts';
import { conflict, invalid, notFound } from '../../../http/errors.ts';
import type { Actor } from '../../audit/audit.service.ts';
import type { AuthContext } from '../../auth/auth.service.ts';
import { SYSTEM } from '../../desk/tickets.service.ts';
import type { NotificationService } from '../../notifications/notifications.service.ts';
import { renoOwners, renoStaff } from './notify-targets.ts';
import { renoRepository as repo } from './renovation.repository.ts';
import { forbiddenBecause, type RenovationService } from './renovation.service.ts';

export class ExtensionService {
  constructor(
    private db: Db,
    private clock: Clock,
    private renovations: RenovationService,
    private notifications: NotificationService,
  ) {}

  /** Asked at the desk or from the portal (`portal`: only the unit's owner, for his own renovation). */
  async request(actor: Actor, auth: AuthContext, id: number, input: { newEnd: string; reason: string }, portal = false) {
    const now = this.clock.now();
    const today = localDate(now);
    await this.db.transaction().execute(async (trx) => {
      const r = await this.renovations.require(trx, auth, id);
      if (!EXTENDABLE_STATUSES.includes(r.status as RenoStatus)) throw conflict('conflict.renoStep', { from: `status.reno.${r.status}`, action: 'action.reno.extend' });
      const pending = await trx.selectFrom('renovation_extensions').select('id').where('renovation_id', '=', r.id).where('status', '=', 'pending').executeTakeFirst();
      if (pending) throw conflict('conflict.renoExtensionPending');
      const problem = extensionProblem(r.planned_end, input.newEnd, today);
      if (problem) throw invalid('newEnd', problem === 'notLater' ? 'field.renoExtensionNotLater' : 'field.renoStartPast');
      const row = await trx
        .insertInto('renovation_extensions')
        .values({ estate_id: r.estate_id, renovation_id: r.id, old_end: r.planned_end, new_end: input.newEnd, reason: input.reason, via: portal ? 'portal' : 'desk', requested_by: actor.id, requested_by_name: actor.displayName ?? actor.name, requested_at: now.toISOString(), status: 'pending', decided_by: null, decided_by_name: null, decided_at: null, decision_note: null })
        .returning('id')
        .executeTakeFirstOrThrow();
      await this.renovations.record(trx, actor, r, 'extension_requested', r.status, r.status, `${r.planned_end} → ${input.newEnd}：${input.reason}`, { extensionId: row.id, newEnd: input.newEnd });
      const approvers = await renoStaff(trx, r.estate_id, r.area_id);
      const users = await trx.selectFrom('users').select('id').where('id', 'in', approvers.length ? approvers : [-1]).where('role', '=', 'assistant').execute();
      await this.notifications.notify(trx, { userIds: users.map((u) => u.id), estateId: r.estate_id, kind: 'renovation', title: { key: 'notify.reno.extension.title', params: { number: r.number } }, body: { key: 'notify.reno.extension.body', params: { number: r.number, date: input.newEnd } }, dedupeKey: `reno-extension:${row.id}:requested` });
    });
    return this.renovations.get(auth, id);
  }

  /** Approve or reject a pending request; an approval moves the planned end and clears the overdue mark. */
  async decide(actor: Actor, auth: AuthContext, extensionId: number, input: { approve: boolean; note?: string | null }) {
    const now = this.clock.now();
    const today = localDate(now);
    const ext0 = await this.db.selectFrom('renovation_extensions').select('renovation_id').where('id', '=', extensionId).executeTakeFirst();
    if (!ext0) throw notFound('entity.renoExtension');
    await this.renovations.require(this.db, auth, ext0.renovation_id).catch(() => {
      throw notFound('entity.renoExtension');
    });
    await this.db.transaction().execute(async (trx) => {
      const ext = await trx.selectFrom('renovation_extensions').selectAll().where('id', '=', extensionId).executeTakeFirstOrThrow();
      const r = await this.renovations.require(trx, auth, ext.renovation_id);
      if (ext.status !== 'pending') throw conflict('conflict.renoExtensionDecided');
      if (!input.approve && !input.note) throw invalid('note', 'field.required');
      if (input.approve) {
        if (!EXTENDABLE_STATUSES.includes(r.status as RenoStatus)) throw conflict('conflict.renoStep', { from: `status.reno.${r.status}`, action: 'action.reno.extend' });
        if (r.planned_end !== ext.old_end) throw conflict('conflict.renoExtensionStale');
        const before = await trx.selectFrom('renovation_extensions').select((eb) => eb.fn.countAll<number>().as('n')).where('renovation_id', '=', r.id).where('status', '=', 'approved').executeTakeFirstOrThrow();
        if (extensionNeedsDirector(ext.old_end, ext.new_end, Number(before.n)) && auth.user.role !== 'director') throw forbiddenBecause('error.renoExtensionDirector');
      }
      const res = await trx
        .updateTable('renovation_extensions')
        .set({ status: input.approve ? 'approved' : 'rejected', decided_by: actor.id, decided_by_name: actor.displayName ?? actor.name, decided_at: now.toISOString(), decision_note: input.note ?? null })
        .where('id', '=', ext.id)
        .where('status', '=', 'pending')
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) throw conflict('conflict.renoExtensionDecided');
      if (input.approve) {
        const stillOverdue = ext.new_end < today;
        await trx.updateTable('renovations').set({ planned_end: ext.new_end, overdue_since: stillOverdue ? r.overdue_since : null, updated_at: now.toISOString() }).where('id', '=', r.id).execute();
      }
      const action = input.approve ? 'extension_approved' : 'extension_rejected';
      await this.renovations.record(trx, actor, r, action, r.status, r.status, input.note ?? `${ext.old_end} → ${ext.new_end}`, { extensionId: ext.id, oldEnd: ext.old_end, newEnd: ext.new_end });
      const owners = await renoOwners(trx, r.unit_id, today);
      const userIds = ext.requested_by ? [...owners, ext.requested_by] : owners;
      await this.notifications.notify(trx, { userIds, estateId: r.estate_id, kind: 'renovation', title: { key: `notify.reno.${action}.title`, params: { number: r.number } }, body: { key: `notify.reno.${action}.body`, params: { number: r.number, date: ext.new_end } }, dedupeKey: `reno-extension:${ext.id}:decided` });
    });
    return this.renovations.get(auth, ext0.renovation_id);
  }

  /** The job: renovations past their (extended) end and not yet in acceptance get the overdue mark once, and who must act hears of it. */
  async markOverdue() {
    const now = this.clock.now();
    const today = localDate(now);
    const rows = await this.db.selectFrom('renovations').select(['id', 'status', 'planned_end']).where('status', 'in', [...EXTENDABLE_STATUSES]).where('planned_end', '<', today).where('overdue_since', 'is', null).execute();
    let marked = 0;
    for (const row of rows.filter((x) => isOverdue(x, today))) {
      await this.db.transaction().execute(async (trx) => {
        const res = await trx.updateTable('renovations').set({ overdue_since: today, updated_at: now.toISOString() }).where('id', '=', row.id).where('overdue_since', 'is', null).where('planned_end', '=', row.planned_end).executeTakeFirst();
        if (Number(res.numUpdatedRows) !== 1) return;
        marked++;
        const r = (await repo.find(trx, row.id))!;
        await this.renovations.record(trx, SYSTEM, r, 'overdue', r.status, r.status, r.planned_end);
        const userIds = [...(await renoStaff(trx, r.estate_id, r.area_id)), ...(await renoOwners(trx, r.unit_id, today))];
        await this.notifications.notify(trx, { userIds, estateId: r.estate_id, kind: 'renovation', title: { key: 'notify.reno.overdue.title', params: { number: r.number } }, body: { key: 'notify.reno.overdue.body', params: { number: r.number, date: r.planned_end } }, dedupeKey: `reno:${r.id}:overdue:${r.planned_end}` });
      });
    }
    return marked;
  }
}
