/**
 * Bill lines outside the run: the list with late fees to date, one-off and special-service
 * charges the cashier enters, and adjustments. A bill is never edited: a correction is a new
 * line; a negative one credits the line it corrects (credited += x) through ledger.updateLine.
 */
import type { z } from 'zod';
import { type Clock, localDate, todayOf } from '../../../../core/clock.ts';
import { crystallize, dueOn as dueOnRule, type LateStart, lateStartDate, periodOfDate, principalDue } from '../../../../core/fees.ts';
import type { Db } from '../../../db/database.ts';
import { conflict, invalid } from '../../../http/errors.ts';
import type { Actor, AuditService } from '../../audit/audit.service.ts';
import { unitLabel } from '../../../../core/units.ts';
import type { AuthContext } from '../../auth/auth.service.ts';
import type { PropertyService } from '../../property/property.service.ts';
import type { adjustInput, lineCreate } from './billing.schemas.ts';
import { moneyOf, ruleOf, updateLine } from '../ledger.ts';
import { type LineFilter, linesRepository as repo } from './lines.repository.ts';
import { labelOf, presentLine } from './lines.present.ts';
import { assertVisible } from '../fees.scope.ts';
import { addToSummary } from '../stats.summary.ts';

/** What a line entered by hand (a charge or an adjustment) starts with: no run, quantity or reading, nothing paid. */
const LINE_DEFAULTS = { run_id: null, quantity: null, price: null, discount: 0, reading_id: null, paid: 0, credited: 0, waived: 0, late_until: null, late_fee: 0, late_paid: 0, late_waived: 0 } as const;

export class LineService {
  constructor(
    private db: Db,
    private clock: Clock,
    private audit: AuditService,
    private property: PropertyService,
  ) {}


  async list(auth: AuthContext, f: Omit<LineFilter, 'scope'>) {
    const today = todayOf(this.clock);
    const { items, total } = await repo.list(this.db, { ...f, scope: auth.scope });
    return { items: items.map((r) => presentLine(r, today, labelOf(r))), total };
  }

  async get(auth: AuthContext, id: number) {
    const r = await repo.find(this.db, id);
    assertVisible(auth.scope, r, 'entity.billLine');
    return presentLine(r, todayOf(this.clock), labelOf(r));
  }

  /** A one-off charge or a special service (with its ticket, billed once: charge key `t:<ticket>`). */
  async create(actor: Actor, auth: AuthContext, input: z.infer<typeof lineCreate>) {
    const now = this.clock.now();
    const today = localDate(now);
    const id = await this.db.transaction().execute(async (trx) => {
      const unit = await this.property.requireUnit(trx, auth.scope, input.unitId);
      const item = await trx.selectFrom('fee_items').selectAll().where('id', '=', input.feeItemId).executeTakeFirst();
      if (!item || item.estate_id !== unit.estate_id || item.archived_at) throw invalid('feeItemId', 'field.notInEstate');
      if (item.kind !== 'one_off' && item.kind !== 'service') throw invalid('feeItemId', 'field.chargeItemKind');
      if (input.ticketId) {
        const tk = await trx.selectFrom('tickets').select(['unit_id', 'type']).where('id', '=', input.ticketId).executeTakeFirst();
        if (!tk || tk.unit_id !== unit.id || tk.type !== 'special_service') throw invalid('ticketId', 'field.serviceTicket');
      }
      const period = periodOfDate(today);
      const ruleDue = dueOnRule(period, item.bill_day, item.due_day);
      const due = input.dueOn ?? (ruleDue < today ? today : ruleDue);
      const row = await trx
        .insertInto('bill_lines')
        .values({
          ...LINE_DEFAULTS,
          estate_id: unit.estate_id,
          area_id: unit.area_id,
          building_id: unit.building_id,
          unit_id: unit.id,
          fee_item_id: item.id,
          period,
          kind: input.ticketId || item.kind === 'service' ? 'service' : 'one_off',
          charge_key: input.ticketId ? `t:${input.ticketId}` : null,
          description: input.description,
          gross: input.amount,
          amount: input.amount,
          due_on: due,
          adjusts_id: null,
          ticket_id: input.ticketId ?? null,
          reason: null,
          late_from: item.late_start === 'due' ? lateStartDate(item.late_start as LateStart, item.late_grace_days, due, null) : null,
          rule_rate_ppm: item.late_rate_ppm,
          rule_cap_bp: item.late_cap_bp,
          rule_grace_days: item.late_grace_days,
          rule_start: item.late_start,
          open: 1,
          created_by: actor.id,
          created_at: now.toISOString(),
          settled_at: null,
        })
        .onConflict((oc) => oc.columns(['unit_id', 'charge_key']).doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!row) throw conflict('conflict.ticketBilled');
      await addToSummary(trx, [{ estate_id: unit.estate_id, period, fee_item_id: item.id, area_id: unit.area_id, building_id: unit.building_id, billed: input.amount, collected: 0 }]);
      await this.audit.record(trx, actor, {
        action: 'create',
        entity: 'bill_line',
        entityId: row.id,
        estateId: unit.estate_id,
        summary: { key: 'audit.line.create', params: { unit: unitLabel(unit.building_code, unit.entrance, unit.number), item: item.name, amount: (input.amount / 100).toFixed(2), description: input.description } },
        ref: unitLabel(unit.building_code, unit.entrance, unit.number),
        detail: { unitId: unit.id, feeItemId: item.id, amount: input.amount, ticketId: input.ticketId ?? null, dueOn: due },
      });
      return row.id;
    });
    return this.get(auth, id);
  }

  /**
   * An adjustment of a line, with its reason. Positive: a new line owed on the same item and
   * period. Negative: a credit line, and the original's principal is credited by as much (never
   * more than it still owes).
   */
  async adjust(actor: Actor, auth: AuthContext, lineId: number, input: z.infer<typeof adjustInput>) {
    const now = this.clock.now();
    const today = localDate(now);
    const id = await this.db.transaction().execute(async (trx) => {
      const orig = await repo.find(trx, lineId);
      assertVisible(auth.scope, orig, 'entity.billLine');
      if (orig.amount <= 0) throw conflict('conflict.adjustCredit');
      const credit = input.amount < 0;
      const x = Math.abs(input.amount);
      const rule = ruleOf(orig);
      if (credit) {
        const max = principalDue(moneyOf(orig));
        if (x > max) throw invalid('amount', 'field.creditTooLarge', { max: (max / 100).toFixed(2) });
      }
      const due = credit || orig.due_on >= today ? orig.due_on : today;
      const row = await trx
        .insertInto('bill_lines')
        .values({
          ...LINE_DEFAULTS,
          estate_id: orig.estate_id,
          area_id: orig.area_id,
          building_id: orig.building_id,
          unit_id: orig.unit_id,
          fee_item_id: orig.fee_item_id,
          period: orig.period,
          kind: 'adjustment',
          charge_key: null,
          description: `${credit ? '冲减' : '补收'}：${orig.description ?? orig.item_name}`.slice(0, 200),
          gross: input.amount,
          amount: input.amount,
          due_on: due,
          adjusts_id: orig.id,
          ticket_id: null,
          reason: input.reason,
          late_from: !credit && orig.late_start === 'due' ? lateStartDate('due', orig.late_grace_days, due, null) : null,
          // an adjustment follows the rule of the line it corrects
          rule_rate_ppm: orig.late_rate_ppm,
          rule_cap_bp: orig.late_cap_bp,
          rule_grace_days: orig.late_grace_days,
          rule_start: orig.late_start,
          open: credit ? 0 : 1,
          created_by: actor.id,
          created_at: now.toISOString(),
          settled_at: credit ? now.toISOString() : null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await addToSummary(trx, [{ ...orig, billed: input.amount, collected: 0 }]);
      if (credit) {
        const before = moneyOf(orig);
        const after = { ...crystallize(before, rule, today), credited: before.credited + x };
        if (!(await updateLine(trx, orig, after, rule, today, now.toISOString()))) throw conflict('conflict.lineChanged');
      }
      await this.audit.record(trx, actor, {
        action: 'adjust',
        entity: 'bill_line',
        entityId: orig.id,
        estateId: orig.estate_id,
        summary: { key: credit ? 'audit.line.credit' : 'audit.line.charge', params: { unit: labelOf(orig), item: orig.item_name, period: orig.period, amount: (x / 100).toFixed(2), reason: input.reason } },
        ref: `${labelOf(orig)} ${orig.item_name} ${orig.period}`,
        detail: { adjustmentId: row.id, amount: input.amount, reason: input.reason },
      });
      return row.id;
    });
    return this.get(auth, id);
  }
}
