/**
 * Steps 2–5 of the arrears ladder (manual 4.1.3): 限期缴费通知 starts the late fee on the unit's
 * overdue lines whose item waits for the notice; the administrator's and the assistant's visits
 * record why the owner does not pay and what he is dissatisfied with, and can file that as a
 * service-desk complaint in the same transaction; the director's resolution closes the ladder.
 * Cutting water, power or access is never a step (Civil Code art. 944).
 */
import { lockEstate } from '../locks.ts';
import type { z } from 'zod';
import { type Clock, localDate } from '../../../../core/clock.ts';
import { ARREARS_STEP_LABELS, ARREARS_STEP_ROLES, type ArrearsStep, lateStartDate, startLateFee, stepAllowed } from '../../../../core/fees.ts';
import type { Database } from '../../../db/database.ts';
import { conflict, forbidden, invalid, type Msg } from '../../../http/errors.ts';
import type { Actor, AuditService } from '../../audit/audit.service.ts';
import { ticketNumber, unitRef } from '../../audit/audit.refs.ts';
import type { AuthContext } from '../../auth/auth.service.ts';
import type { TicketService } from '../../desk/tickets.service.ts';
import type { NotificationService } from '../../notifications/notifications.service.ts';
import type { PropertyService } from '../../property/property.service.ts';
import { presentStep } from './arrears-present.ts';
import { unitInfo } from '../units.info.ts';
import { arrearsRepository as repo } from './arrears.repository.ts';
import type { stepInput } from './arrears.schemas.ts';
import { dueOf, moneyOf, ruleOf, updateLine } from '../ledger.ts';
import { HomeVisitService } from '../../relations/visits/visits.service.ts';

type StepIn = z.infer<typeof stepInput>;
const DEFAULT_CHANNEL: Record<number, string> = { 2: 'notice', 3: 'visit', 4: 'visit', 5: 'meeting' };

export class ArrearsStepService {
  constructor(
    private database: Database,
    private clock: Clock,
    private audit: AuditService,
    private property: PropertyService,
    private tickets: TicketService,
    private notifications: NotificationService,
  ) {}

  async record(actor: Actor, auth: AuthContext, unitId: number, input: StepIn) {
    const n = input.step as ArrearsStep;
    if (!ARREARS_STEP_ROLES[n].includes(auth.user.role)) throw forbidden();
    const now = this.clock.now();
    const today = localDate(now);
    const onDate = input.onDate ?? today;
    if (onDate > today) throw invalid('onDate', 'field.future');
    if (n === 2 && !input.deadline) throw invalid('deadline', 'field.required');
    if (input.deadline && input.deadline <= onDate) throw invalid('deadline', 'field.deadlineAfterStep');
    if (n === 5 && !input.resolution) throw invalid('resolution', 'field.required');
    if (n !== 5 && input.resolution) throw invalid('resolution', 'field.resolutionStep5');
    if (input.complaint && !input.dissatisfaction) throw invalid('dissatisfaction', 'field.required');
    const at = now.toISOString();

    const done = await this.database.db.transaction().execute(async (trx) => {
      const unit = await this.property.requireUnit(trx, auth.scope, unitId);
      // Two people recording the same step at once: the second sees the first's step (409).
      await lockEstate(trx, unit.estate_id, 'arrears');
      const [row] = await repo.board(trx, { scope: auth.scope, estateId: unit.estate_id, today, unitIds: [unitId] });
      if (!row) throw conflict('conflict.notInArrears');
      if (onDate < row.oldest) throw invalid('onDate', 'field.beforeArrears', { date: row.oldest });
      if (!stepAllowed(row.step, n)) throw conflict(`conflict.arrearsStepOrder.${n}`, { step: n, reached: row.step });
      let lines = await repo.overdueLines(trx, [unitId], today);
      let started = 0;
      if (n === 2) {
        // 4.1.3.1 "通知滞纳金已开始计算": items whose rule waits for this notice start now (plus grace).
        for (const l of lines) {
          if (l.late_start !== 'deadline_notice' || l.late_from) continue;
          const from = lateStartDate('deadline_notice', l.late_grace_days, l.due_on, onDate)!;
          if (!(await updateLine(trx, l, startLateFee(moneyOf(l), from), ruleOf(l), today, at))) throw conflict('conflict.arrearsLinesChanged');
          started++;
        }
        if (started) lines = await repo.overdueLines(trx, [unitId], today);
      }
      const outstanding = lines.reduce((a, l) => a + dueOf(l, today).total, 0);

      let ticketId: number | null = null;
      let notice: { notified: number[]; title: Msg; body: string } | null = null;
      if (input.complaint && input.dissatisfaction) {
        const u = (await unitInfo(trx, [unitId])).get(unitId)!;
        const r = await this.tickets.register(trx, actor, auth, {
          unitId,
          type: 'complaint',
          channel: input.channel === 'phone' ? 'phone' : 'visit',
          // the current owner; none on record: the ticket takes the household's contact
          reporterName: u.owners[0]?.name ?? null,
          reporterPhone: u.owners[0]?.phone ?? null,
          priority: 'normal',
          complex: false,
          emergency: false,
          title: `${ARREARS_STEP_LABELS[n].zh}时业主反映：${input.dissatisfaction}`.slice(0, 100),
          description: [input.dissatisfaction, input.reason ? `不缴费原因：${input.reason}` : null].filter(Boolean).join('\n'),
        });
        ticketId = r.id;
        notice = r;
      }

      const step = await trx
        .insertInto('arrears_steps')
        .values({
          estate_id: unit.estate_id,
          area_id: unit.area_id,
          unit_id: unitId,
          step: n,
          on_date: onDate,
          channel: input.channel ?? DEFAULT_CHANNEL[n]!,
          outcome: input.outcome,
          reason: input.reason,
          dissatisfaction: input.dissatisfaction,
          deadline: input.deadline ?? null,
          resolution: input.resolution ?? null,
          outstanding,
          ticket_id: ticketId,
          batch: null,
          actor_id: actor.id,
          actor_name: actor.displayName ?? actor.name,
          created_at: at,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      // Steps 3–4 are home visits: the same visit shows in the household's visit record (form 5.2).
      if (n === 3 || n === 4) await HomeVisitService.fromArrearsStep(trx, { estateId: unit.estate_id, areaId: unit.area_id, unitId, stepId: step.id, at, onDate, channel: step.channel, actorId: actor.id, actorName: actor.displayName ?? actor.name, reason: input.reason ?? null, dissatisfaction: input.dissatisfaction ?? null, ticketId });
      await this.audit.record(trx, actor, {
        action: 'create',
        entity: 'arrears_step',
        entityId: step.id,
        estateId: unit.estate_id,
        summary: { key: 'audit.arrearsStep', params: { unit: await unitRef(trx, unitId), step: n, label: `audit.arrearsStep.${n}`, started, ticket: ticketId ? await ticketNumber(trx, ticketId) : '' } },
        ref: await unitRef(trx, unitId),
        detail: { unitId, step: n, onDate, deadline: step.deadline, resolution: step.resolution, lateStarted: started, ticketId },
      });
      return { step, notice };
    });
    if (done.notice) await this.notifications.deliver(done.notice.notified, done.notice.title, done.notice.body);
    return presentStep(done.step);
  }
}
