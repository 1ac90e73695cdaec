/**
 * 空置房优惠: an administrator or cashier asks, the assistant or director decides with a note.
 * Nothing is deleted: a rejected request stays on record, and only approved ones reach a bill.
 */
import type { z } from 'zod';
import type { Clock } from '../../../../core/clock.ts';
import { seesEstate, type Scope } from '../../../../core/scope.ts';
import type { Db, Executor } from '../../../db/database.ts';
import { conflict, invalid, notFound } from '../../../http/errors.ts';
import type { Actor, AuditService } from '../../audit/audit.service.ts';
import { unitRef } from '../../audit/audit.refs.ts';
import { unitLabel } from '../../../../core/units.ts';
import type { PropertyService } from '../../property/property.service.ts';
import { discountsRepository as repo, mapDiscount } from './config-discounts.repository.ts';
import type { decideInput, discountCreate, discountEnd, discountQuery } from './items.schemas.ts';

export class DiscountService {
  /** Set by the vacant-unit register (field/vacant): why an approval must wait (a message key), or null. */
  approvalGate: ((db: Executor, d: { estate_id: number; unit_id: number; kind: string }) => Promise<string | null>) | null = null;

  constructor(
    private db: Db,
    private clock: Clock,
    private audit: AuditService,
    private property: PropertyService,
  ) {}

  async list(scope: Scope, q: z.infer<typeof discountQuery>) {
    if (!seesEstate(scope, q.estateId)) throw notFound('entity.estate');
    const { items, total } = await repo.list(this.db, { scope, ...q });
    return { items: items.map(mapDiscount), total };
  }

  async request(actor: Actor, scope: Scope, input: z.infer<typeof discountCreate>) {
    return this.db.transaction().execute(async (trx) => {
      const unit = await this.property.requireUnit(trx, scope, input.unitId);
      // 空置房优惠 is for a vacant unit; the archive's status says whether it is.
      if (input.kind === 'vacant' && unit.status !== 'vacant') throw invalid('unitId', 'fee.unitNotVacant');
      if (input.toDate < input.fromDate) throw invalid('toDate', 'field.dateOrder');
      if (input.feeItemId != null) {
        const item = await trx.selectFrom('fee_items').select(['estate_id', 'archived_at']).where('id', '=', input.feeItemId).executeTakeFirst();
        if (!item || item.estate_id !== unit.estate_id) throw invalid('feeItemId', 'field.notInEstate');
        if (item.archived_at) throw invalid('feeItemId', 'fee.itemArchived');
      }
      const clash = await repo.overlapping(trx, unit.id, input.feeItemId ?? null, input.fromDate, input.toDate);
      if (clash) {
        const params = { from: clash.from_date, to: clash.to_date, status: `status.discount.${clash.status}` };
        throw conflict('conflict.discountOverlap', params, { fromDate: { key: 'conflict.discountOverlap', params } });
      }
      const { id } = await repo.insert(trx, {
        estate_id: unit.estate_id,
        unit_id: unit.id,
        fee_item_id: input.feeItemId ?? null,
        kind: input.kind,
        percent_bp: input.percentBp,
        from_date: input.fromDate,
        to_date: input.toDate,
        reason: input.reason,
        status: 'pending',
        requested_by: actor.id,
        decided_by: null,
        decided_at: null,
        decision_note: null,
        created_at: this.clock.now().toISOString(),
      });
      await this.audit.record(trx, actor, {
        action: 'create',
        entity: 'fee_discount',
        entityId: id,
        estateId: unit.estate_id,
        summary: { key: 'audit.discount.request', params: { unit: unitLabel(unit.building_code, unit.entrance, unit.number), percent: input.percentBp / 100, from: input.fromDate, to: input.toDate } },
        ref: unitLabel(unit.building_code, unit.entrance, unit.number),
        detail: { unitId: unit.id, feeItemId: input.feeItemId ?? null, reason: input.reason },
      });
      return mapDiscount((await repo.find(trx, id))!);
    });
  }

  /** The unit is lived in again: an approved discount ends on `lastDay` (bills already issued keep theirs). */
  async end(actor: Actor, scope: Scope, id: number, input: z.infer<typeof discountEnd>) {
    return this.db.transaction().execute(async (trx) => {
      const before = await repo.find(trx, id);
      if (!before) throw notFound('entity.discount');
      await this.property.requireUnit(trx, scope, before.unit_id).catch(() => {
        throw notFound('entity.discount');
      });
      if (input.lastDay < before.from_date) throw invalid('lastDay', 'field.dateOrder');
      if (!(await repo.end(trx, id, input.lastDay))) throw conflict('conflict.discountNotEndable', { status: `status.discount.${before.status}`, to: before.to_date });
      await this.audit.record(trx, actor, {
        action: 'end',
        entity: 'fee_discount',
        entityId: id,
        estateId: before.estate_id,
        summary: { key: 'audit.discount.end', params: { unit: await unitRef(trx, before.unit_id), lastDay: input.lastDay, to: before.to_date } },
        ref: await unitRef(trx, before.unit_id),
        detail: { toDate: [before.to_date, input.lastDay], reason: input.reason },
      });
      return mapDiscount((await repo.find(trx, id))!);
    });
  }

  async decide(actor: Actor, scope: Scope, id: number, input: z.infer<typeof decideInput>) {
    return this.db.transaction().execute(async (trx) => {
      const before = await repo.find(trx, id);
      if (!before) throw notFound('entity.discount');
      await this.property.requireUnit(trx, scope, before.unit_id).catch(() => {
        throw notFound('entity.discount');
      });
      if (!input.approve && !input.note) throw invalid('note', 'discount.noteRequired');
      const gate = input.approve && this.approvalGate ? await this.approvalGate(trx, before) : null;
      // The unit is what is missing (its registration or a recent check): a 400 naming it.
      if (gate) throw invalid('unitId', gate);
      const status = input.approve ? 'approved' : 'rejected';
      const done = await repo.decide(trx, id, { status, decided_by: actor.id, decided_at: this.clock.now().toISOString(), decision_note: input.note });
      if (!done) throw conflict('conflict.discountDecided', { status: `status.discount.${before.status}` });
      await this.audit.record(trx, actor, {
        action: input.approve ? 'approve' : 'reject',
        entity: 'fee_discount',
        entityId: id,
        estateId: before.estate_id,
        summary: { key: input.approve ? 'audit.discount.approve' : 'audit.discount.reject', params: { unit: await unitRef(trx, before.unit_id), from: before.from_date, to: before.to_date } },
        ref: await unitRef(trx, before.unit_id),
        detail: { status: [before.status, status], note: input.note },
      });
      return mapDiscount((await repo.find(trx, id))!);
    });
  }
}
