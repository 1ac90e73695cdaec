/**
 * Meters per unit (户表) and per building (楼栋总表, for 公摊). A replacement records the old
 * meter's final reading, closes it, and opens the new one at its initial reading, in one step.
 */
import type { z } from 'zod';
import { type Clock, todayOf } from '../../../../core/clock.ts';
import { addMonths, periodOfDate } from '../../../../core/fees.ts';
import { seesEstate, seesWholeEstate, type Scope } from '../../../../core/scope.ts';
import type { Db, Executor } from '../../../db/database.ts';
import { conflict, invalid, notFound, outOfScope } from '../../../http/errors.ts';
import type { Actor, AuditService } from '../../audit/audit.service.ts';
import type { PropertyService } from '../../property/property.service.ts';
import { labelOf, type MeterRow, metersRepository as repo } from './meters.repository.ts';
import type { meterCreate, meterQuery, meterReplace } from './meters.schemas.ts';
import { uniqueViolation } from '../config.db.ts';
import { assertVisible } from '../fees.scope.ts';

export class MeterService {
  constructor(
    private db: Db,
    private clock: Clock,
    private audit: AuditService,
    private property: PropertyService,
  ) {}


  async view(db: Executor, rows: MeterRow[]) {
    const last = await repo.lastReadings(db, rows.map((r) => r.id));
    return rows.map((m) => {
      const l = last.get(m.id);
      return {
        id: m.id,
        estateId: m.estate_id,
        unitId: m.unit_id,
        unitLabel: labelOf(m),
        buildingId: m.building_id,
        buildingName: m.building_name,
        kind: m.kind as 'water' | 'electricity' | 'gas',
        number: m.number,
        installedOn: m.installed_on,
        initialReading: m.initial_reading,
        replacedAt: m.replaced_at,
        replacedById: m.replaced_by,
        lastReading: l ? { value: l.value, period: l.period, readOn: l.read_on } : null,
      };
    });
  }

  async list(scope: Scope, q: z.infer<typeof meterQuery>) {
    if (!seesEstate(scope, q.estateId)) throw notFound('entity.estate');
    const { items, total } = await repo.list(this.db, { scope, ...q, includeReplaced: q.includeReplaced === '1' });
    return { items: await this.view(this.db, items), total };
  }

  /** A meter the caller may see (its building's area in scope), else 404. */
  async require(db: Executor, scope: Scope, id: number) {
    const m = await repo.find(db, id);
    assertVisible(scope, m, 'entity.meter');
    return m;
  }

  async create(actor: Actor, scope: Scope, input: z.infer<typeof meterCreate>) {
    return this.db.transaction().execute(async (trx) => {
      if (!seesWholeEstate(scope, input.estateId)) throw outOfScope();
      if ((input.unitId == null) === (input.buildingId == null)) throw invalid('unitId', 'meter.target');
      if (input.installedOn > todayOf(this.clock)) throw invalid('installedOn', 'field.future');
      let buildingId: number;
      if (input.unitId != null) {
        const unit = await this.property.requireUnit(trx, scope, input.unitId);
        if (unit.estate_id !== input.estateId) throw invalid('unitId', 'field.notInEstate');
        const active = await repo.activeOfUnit(trx, unit.id, input.kind);
        if (active) throw conflict('conflict.meterActive', { number: active.number }, { kind: { key: 'conflict.meterActive', params: { number: active.number } } });
        buildingId = unit.building_id;
      } else {
        const b = await this.property.requireBuilding(trx, scope, input.buildingId!);
        if (b.estate_id !== input.estateId) throw invalid('buildingId', 'field.notInEstate');
        buildingId = b.id;
      }
      const id = await this.insertMeter(trx, { estateId: input.estateId, unitId: input.unitId ?? null, buildingId, kind: input.kind, number: input.number, installedOn: input.installedOn, initialReading: input.initialReading }, 'number');
      await this.audit.record(trx, actor, {
        action: 'create',
        entity: 'meter',
        entityId: id,
        estateId: input.estateId,
        summary: { key: 'audit.meter.create', params: { number: input.number } },
        ref: input.number,
        detail: { unitId: input.unitId ?? null, buildingId, kind: input.kind, initialReading: input.initialReading },
      });
      return (await this.view(trx, [(await repo.find(trx, id))!]))[0]!;
    });
  }

  private async insertMeter(trx: Executor, m: { estateId: number; unitId: number | null; buildingId: number; kind: string; number: string; installedOn: string; initialReading: number }, field: string) {
    const clash = () => conflict('conflict.meterNumber', { number: m.number }, { [field]: { key: 'conflict.meterNumber', params: { number: m.number } } });
    if (await repo.findByNumber(trx, m.estateId, m.number)) throw clash();
    try {
      const { id } = await repo.insertMeter(trx, {
        estate_id: m.estateId,
        unit_id: m.unitId,
        building_id: m.buildingId,
        kind: m.kind,
        number: m.number,
        installed_on: m.installedOn,
        initial_reading: m.initialReading,
        replaced_at: null,
        replaced_by: null,
        created_at: this.clock.now().toISOString(),
      });
      return id;
    } catch (err) {
      if (uniqueViolation(err)) throw clash();
      throw err;
    }
  }

  async replace(actor: Actor, scope: Scope, id: number, input: z.infer<typeof meterReplace>) {
    return this.db.transaction().execute(async (trx) => {
      const old = await this.require(trx, scope, id);
      if (old.replaced_at) throw conflict('conflict.meterReplaced', { number: old.number });
      if (input.readOn > todayOf(this.clock)) throw invalid('readOn', 'reading.future');
      if (input.readOn < old.installed_on) throw invalid('readOn', 'reading.beforeInstall', { date: old.installed_on });
      const last = (await repo.lastReadings(trx, [old.id])).get(old.id);
      if (last && input.readOn < last.read_on) throw invalid('readOn', 'reading.beforePrevious', { date: last.read_on });
      const previous = last?.value ?? old.initial_reading;
      if (input.finalReading < previous) throw invalid('finalReading', 'reading.lower', { value: input.finalReading, previous });
      // The final usage is billed with the next period not yet read, never with one already read.
      const byDate = periodOfDate(input.readOn);
      const period = last && last.period >= byDate ? addMonths(last.period, 1) : byDate;
      const now = this.clock.now().toISOString();
      await repo.insertReadings(trx, [
        { estate_id: old.estate_id, meter_id: old.id, period, read_on: input.readOn, previous, value: input.finalReading, usage: input.finalReading - previous, kind: 'final', note: input.note, entered_by: actor.id, created_at: now },
      ]);
      const newId = await this.insertMeter(trx, { estateId: old.estate_id, unitId: old.unit_id, buildingId: old.building_id!, kind: old.kind, number: input.newNumber, installedOn: input.readOn, initialReading: input.newInitialReading }, 'newNumber');
      if (!(await repo.closeMeter(trx, old.id, { replaced_at: now, replaced_by: newId }))) throw conflict('conflict.meterReplaced', { number: old.number });
      await this.audit.record(trx, actor, {
        action: 'replace',
        entity: 'meter',
        entityId: old.id,
        estateId: old.estate_id,
        summary: { key: 'audit.meter.replace', params: { old: old.number, new: input.newNumber, final: input.finalReading, initial: input.newInitialReading } },
        ref: old.number,
        detail: { oldMeterId: old.id, newMeterId: newId, finalReading: input.finalReading, usage: input.finalReading - previous, period, readOn: input.readOn, note: input.note },
      });
      return (await this.view(trx, [(await repo.find(trx, newId))!]))[0]!;
    });
  }
}
