/**
 * Who and where a unit is, as every fees answer names it: label, building, area, the owner name
 * shown (current owners, 、-joined, largest share first; else the household head or first member;
 * else the household's name) and the contact phone (the household's, else an owner's), masked.
 * One rule for the charging center, receipts, notices, the arrears board and the portal.
 */
import { maskPhone } from '../../../core/mask.ts';
import { unitLabel } from '../../../core/units.ts';
import { chunks } from '../../db/codec.ts';
import type { Executor } from '../../db/database.ts';

export interface UnitInfo {
  unitId: number;
  estateId: number;
  areaId: number | null;
  unitLabel: string;
  buildingName: string;
  areaName: string | null;
  /** Current owners, largest share first (a complaint's reporter is the first). */
  owners: Array<{ name: string; phone: string | null }>;
  ownerName: string | null;
  phone: string | null;
  phoneMasked: string | null;
}

/** The units' info, by ids (in chunks of 500) or for a whole estate (three queries either way per chunk). */
export async function unitInfo(db: Executor, of: number[] | { estateId: number }): Promise<Map<number, UnitInfo>> {
  const out = new Map<number, UnitInfo>();
  if (Array.isArray(of)) {
    for (const unitIds of chunks(of)) await fill(db, out, { unitIds });
  } else await fill(db, out, of);
  return out;
}

async function fill(db: Executor, out: Map<number, UnitInfo>, f: { unitIds: number[] } | { estateId: number }) {
  if ('unitIds' in f && !f.unitIds.length) return;
  const units = db
    .selectFrom('units as u')
    .innerJoin('buildings as b', 'b.id', 'u.building_id')
    .leftJoin('areas as a', 'a.id', 'b.area_id')
    .leftJoin('households as h', (j) => j.onRef('h.unit_id', '=', 'u.id').on('h.moved_out_on', 'is', null))
    .select(['u.id', 'u.estate_id', 'b.area_id', 'u.entrance', 'u.number', 'b.code', 'b.name as building_name', 'a.name as area_name', 'h.name as household_name']);
  const owners = db.selectFrom('ownerships').select(['unit_id', 'owner_name', 'phone']).where('ended_on', 'is', null);
  const members = db
    .selectFrom('household_members as m')
    .innerJoin('households as h', 'h.id', 'm.household_id')
    .select(['h.unit_id', 'm.name', 'm.phone'])
    .where('h.moved_out_on', 'is', null)
    .where('m.moved_out_on', 'is', null);
  const [unitRows, ownerRows, memberRows] = await Promise.all(
    'unitIds' in f
      ? [units.where('u.id', 'in', f.unitIds).execute(), owners.where('unit_id', 'in', f.unitIds).orderBy('share_percent', 'desc').orderBy('id').execute(), members.where('h.unit_id', 'in', f.unitIds).orderBy('m.is_head', 'desc').orderBy('m.id').execute()]
      : [units.where('u.estate_id', '=', f.estateId).execute(), owners.where('estate_id', '=', f.estateId).orderBy('share_percent', 'desc').orderBy('id').execute(), members.where('h.estate_id', '=', f.estateId).orderBy('m.is_head', 'desc').orderBy('m.id').execute()],
  );
  const ownersOf = group(ownerRows);
  const membersOf = group(memberRows);
  for (const u of unitRows) {
    if (out.has(u.id)) continue; // a unit with two current households: the first
    const own = (ownersOf.get(u.id) ?? []).map((o) => ({ name: o.owner_name, phone: o.phone }));
    const mem = membersOf.get(u.id) ?? [];
    const phone = mem[0]?.phone ?? own[0]?.phone ?? null;
    out.set(u.id, {
      unitId: u.id,
      estateId: u.estate_id,
      areaId: u.area_id,
      unitLabel: unitLabel(u.code, u.entrance, u.number),
      buildingName: u.building_name,
      areaName: u.area_name,
      owners: own,
      ownerName: own.length ? own.map((o) => o.name).join('、') : (mem[0]?.name ?? u.household_name ?? null),
      phone,
      phoneMasked: maskPhone(phone),
    });
  }
}

function group<T extends { unit_id: number }>(rows: T[]): Map<number, T[]> {
  const m = new Map<number, T[]>();
  for (const r of rows) {
    const list = m.get(r.unit_id);
    if (list) list.push(r);
    else m.set(r.unit_id, [r]);
  }
  return m;
}
