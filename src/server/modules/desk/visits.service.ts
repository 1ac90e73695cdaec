import type { z } from 'zod';
import type { Clock } from '../../../core/clock.ts';
import { seesArea } from '../../../core/scope.ts';
import { unitLabel } from '../../../core/units.ts';
import type { Db } from '../../db/database.ts';
import { inScope } from '../../db/scope-sql.ts';
import { conflict, type Msg, notFound } from '../../http/errors.ts';
import { t as translate } from '../../i18n/messages.ts';
import type { Actor } from '../audit/audit.service.ts';
import type { AuthContext } from '../auth/auth.service.ts';
import type { NotificationService } from '../notifications/notifications.service.ts';
import type { visitInput } from './desk.schemas.ts';
import { ticketRepository } from './tickets.repository.ts';
import type { TicketService } from './tickets.service.ts';

/** Return visits 回访 (manual 3.4, 4.12): the area's administrator calls the resident back. */
export class VisitService {
  constructor(
    private db: Db,
    private clock: Clock,
    private tickets: TicketService,
    private notifications: NotificationService,
  ) {}

  async list(auth: AuthContext, f: { estateId?: number; done?: boolean; mine?: boolean; page: number; pageSize: number }) {
    let q = this.db
      .selectFrom('return_visits as v')
      .innerJoin('tickets as t', 't.id', 'v.ticket_id')
      .leftJoin('units as u', 'u.id', 't.unit_id')
      .leftJoin('buildings as b', 'b.id', 'u.building_id')
      .leftJoin('users as a', 'a.id', 'v.assignee_id')
      .where(inScope(auth.scope, 't.estate_id', 't.area_id'));
    if (f.estateId) q = q.where('t.estate_id', '=', f.estateId);
    if (f.done !== undefined) q = q.where('v.done_at', f.done ? 'is not' : 'is', null);
    if (f.mine) q = q.where('v.assignee_id', '=', auth.user.id);
    const [items, count] = await Promise.all([
      q
        .selectAll('v')
        .select(['t.number', 't.title', 't.type', 't.reporter_name', 't.rating', 'u.entrance', 'u.number as unit_number', 'b.code', 'a.display_name as assignee_name'])
        .orderBy('v.done_at', 'desc')
        .orderBy('v.due_at')
        .limit(f.pageSize)
        .offset((f.page - 1) * f.pageSize)
        .execute(),
      q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return {
      total: Number(count.n),
      items: items.map((v) => ({
        id: v.id,
        ticketId: v.ticket_id,
        ticketNumber: v.number,
        ticketTitle: v.title,
        type: v.type,
        unitLabel: v.code ? unitLabel(v.code, v.entrance ?? null, v.unit_number!) : null,
        reporterName: v.reporter_name,
        assigneeId: v.assignee_id,
        assigneeName: v.assignee_name ?? null,
        dueAt: v.due_at,
        doneAt: v.done_at,
        score: v.score,
        comment: v.comment,
        tags: v.tags ? v.tags.split(',') : [],
        residentRating: v.rating,
      })),
    };
  }

  /** Records the call. A score of 2 or less reopens the ticket and alerts the assistant; otherwise it closes. */
  async record(actor: Actor, auth: AuthContext, visitId: number, input: z.infer<typeof visitInput>) {
    const outcome = await this.db.transaction().execute(async (trx) => {
      const v = await trx.selectFrom('return_visits').selectAll().where('id', '=', visitId).executeTakeFirst();
      if (!v) throw notFound('entity.visit');
      const t = await ticketRepository.find(trx, v.ticket_id);
      if (!t || !seesArea(auth.scope, t.estate_id, t.area_id)) throw notFound('entity.visit');
      if (v.done_at) throw conflict('conflict.visitDone');
      const at = this.clock.now().toISOString();
      const noteMsg: Msg = input.comment ? { key: 'note.scoreComment', params: { score: input.score, comment: input.comment } } : { key: 'note.score', params: { score: input.score } };
      await trx.updateTable('return_visits').set({ done_at: at, done_by: actor.id, score: input.score, comment: input.comment, tags: input.tags.join(',') }).where('id', '=', visitId).execute();
      await ticketRepository.insertEvent(trx, {
        estate_id: t.estate_id,
        ticket_id: t.id,
        at,
        actor_id: actor.id,
        actor_name: actor.displayName ?? actor.name,
        kind: 'visit',
        from_status: null,
        to_status: null,
        note: translate('zh-CN', noteMsg.key, noteMsg.params),
        internal: 1,
        data: JSON.stringify({ tags: input.tags, note: noteMsg }),
      });
      return this.tickets.scored(trx, actor, t, input.score, input.comment ? { note: input.comment } : { noteMsg: { key: 'note.visitScore', params: { score: input.score } } }, auth, 'visit');
    });
    await this.notifications.deliver(outcome.notified, outcome.title, outcome.body);
    return outcome;
  }
}
