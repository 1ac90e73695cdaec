/** How steps and units of the arrears part leave the server (lines: lines.present.ts; payments: cashier.present.ts). */
import type { Selectable } from 'kysely';
import { maskPhone } from '../../../core/mask.ts';
import { unitLabel } from '../../../core/units.ts';
import type { Executor } from '../../db/database.ts';
import type { ArrearsStepTable } from '../../db/schema-fees.ts';

export function presentStep(s: Selectable<ArrearsStepTable>) {
  return {
    id: s.id,
    step: s.step,
    onDate: s.on_date,
    channel: s.channel,
    outcome: s.outcome,
    reason: s.reason,
    dissatisfaction: s.dissatisfaction,
    deadline: s.deadline,
    resolution: s.resolution,
    outstanding: s.outstanding,
    ticketId: s.ticket_id,
    batch: s.batch,
    actorName: s.actor_name,
    createdAt: s.created_at,
  };
}

export interface UnitInfo {
  unitId: number;
  estateId: number;
  areaId: number | null;
  unitLabel: string;
  buildingName: string;
  areaName: string | null;
  ownerName: string | null;
  phone: string | null;
  phoneMasked: string | null;
}

/** Label, building, area and current (first) owner of each unit, in two queries. */
export async function unitInfo(db: Executor, unitIds: number[]): Promise<Map<number, UnitInfo>> {
  const out = new Map<number, UnitInfo>();
  if (!unitIds.length) return out;
  const [units, owners] = await Promise.all([
    db
      .selectFrom('units as u')
      .innerJoin('buildings as b', 'b.id', 'u.building_id')
      .leftJoin('areas as a', 'a.id', 'b.area_id')
      .select(['u.id', 'u.estate_id', 'b.area_id', 'u.entrance', 'u.number', 'b.code', 'b.name as building_name', 'a.name as area_name'])
      .where('u.id', 'in', unitIds)
      .execute(),
    db.selectFrom('ownerships').select(['unit_id', 'owner_name', 'phone']).where('unit_id', 'in', unitIds).where('ended_on', 'is', null).orderBy('id').execute(),
  ]);
  for (const u of units) {
    const o = owners.find((x) => x.unit_id === u.id);
    out.set(u.id, {
      unitId: u.id,
      estateId: u.estate_id,
      areaId: u.area_id,
      unitLabel: unitLabel(u.code, u.entrance, u.number),
      buildingName: u.building_name,
      areaName: u.area_name,
      ownerName: o?.owner_name ?? null,
      phone: o?.phone ?? null,
      phoneMasked: maskPhone(o?.phone ?? null),
    });
  }
  return out;
}
