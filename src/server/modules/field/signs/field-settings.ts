/** Estate settings of signage and vacant units: the sign-check slots (4.3.5) and the vacancy discount gate. */
import type { z } from 'zod';
import { type Clock, todayOf } from '../../../../core/clock.ts';
import { type CheckSlot, DEFAULT_SIGN_SLOTS, slotsProblem } from '../../../../core/signs.ts';
import { seesEstate, seesWholeEstate, type Scope } from '../../../../core/scope.ts';
import { fromBool, fromJson, toBool, toJson } from '../../../db/codec.ts';
import type { Db, Executor } from '../../../db/database.ts';
import { forbidden, invalid, notFound } from '../../../http/errors.ts';
import type { Actor, AuditService } from '../../audit/audit.service.ts';
import type { settingsInput } from './signs.schemas.ts';

export interface FieldSettings {
  estateId: number;
  signCheckSlots: CheckSlot[];
  /** A vacancy discount is approved only with an active registration and a recent passed check. */
  vacantDiscountGate: boolean;
}

export async function fieldSettings(db: Executor, estateId: number): Promise<FieldSettings> {
  const row = await db.selectFrom('field_settings').selectAll().where('estate_id', '=', estateId).executeTakeFirst();
  return {
    estateId,
    signCheckSlots: (row && toJson<CheckSlot[]>(row.sign_check_slots)) ?? DEFAULT_SIGN_SLOTS,
    // On unless the estate switched it off (an estate without a vacant register yet, say).
    vacantDiscountGate: row ? toBool(row.vacant_discount_gate) : true,
  };
}

export class FieldSettingsService {
  constructor(
    private db: Db,
    private clock: Clock,
    private audit: AuditService,
  ) {}

  /** The business day, for plans that start today. */
  today() {
    return todayOf(this.clock);
  }

  async get(scope: Scope, estateId: number) {
    if (!seesEstate(scope, estateId)) throw notFound('entity.estate');
    return fieldSettings(this.db, estateId);
  }

  async save(actor: Actor, scope: Scope, estateId: number, patch: z.infer<typeof settingsInput>) {
    if (!seesEstate(scope, estateId)) throw notFound('entity.estate');
    if (!seesWholeEstate(scope, estateId)) throw forbidden();
    if (patch.signCheckSlots) {
      const bad = slotsProblem(patch.signCheckSlots);
      if (bad) throw invalid(`signCheckSlots.${bad[0]}`, bad[1]);
    }
    return this.db.transaction().execute(async (trx) => {
      const before = await fieldSettings(trx, estateId);
      const input = { estateId, signCheckSlots: patch.signCheckSlots ?? before.signCheckSlots, vacantDiscountGate: patch.vacantDiscountGate ?? before.vacantDiscountGate };
      const row = { sign_check_slots: fromJson(input.signCheckSlots)!, vacant_discount_gate: fromBool(input.vacantDiscountGate), updated_at: this.clock.now().toISOString() };
      const exists = await trx.selectFrom('field_settings').select('estate_id').where('estate_id', '=', input.estateId).executeTakeFirst();
      if (exists) await trx.updateTable('field_settings').set(row).where('estate_id', '=', input.estateId).execute();
      else await trx.insertInto('field_settings').values({ estate_id: input.estateId, ...row }).execute();
      await this.audit.record(trx, actor, {
        action: 'update',
        entity: 'field_settings',
        entityId: input.estateId,
        estateId: input.estateId,
        summary: { key: 'audit.fieldSettings', params: { slots: input.signCheckSlots.map((s) => s.start).join(' / ') } },
        detail: { before, after: input },
      });
      return fieldSettings(trx, input.estateId);
    });
  }
}
