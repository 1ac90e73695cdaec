/** Bill lines as lists and single rows, with their unit's label and their fee item's late-fee rule. */
import { sql } from 'kysely';
import type { Scope } from '../../../../core/scope.ts';
import { likeContains } from '../../../db/codec.ts';
import type { Executor } from '../../../db/database.ts';
import { inScope } from '../../../db/scope-sql.ts';
import { type LineRow, linesWithRule } from '../ledger.ts';

export type LabelledLine = LineRow & { building_code: string; unit_entrance: string | null; unit_number: string };

export interface LineFilter {
  scope: Scope;
  estateId?: number;
  period?: string;
  unitId?: number;
  buildingId?: number;
  areaId?: number;
  feeItemId?: number;
  open?: boolean;
  q?: string;
  page: number;
  pageSize: number;
}

export function labelledLines(db: Executor) {
  return linesWithRule(db)
    .innerJoin('units as u', 'u.id', 'l.unit_id')
    .innerJoin('buildings as b', 'b.id', 'l.building_id')
    .select(['b.code as building_code', 'u.entrance as unit_entrance', 'u.number as unit_number']);
}

export const linesRepository = {
  find(db: Executor, id: number): Promise<LabelledLine | undefined> {
    return labelledLines(db).where('l.id', '=', id).executeTakeFirst();
  },

  async list(db: Executor, f: LineFilter) {
    let q = labelledLines(db).where(inScope(f.scope, 'l.estate_id', 'l.area_id'));
    if (f.estateId) q = q.where('l.estate_id', '=', f.estateId);
    if (f.period) q = q.where('l.period', '=', f.period);
    if (f.unitId) q = q.where('l.unit_id', '=', f.unitId);
    if (f.buildingId) q = q.where('l.building_id', '=', f.buildingId);
    if (f.areaId) q = q.where('l.area_id', '=', f.areaId);
    if (f.feeItemId) q = q.where('l.fee_item_id', '=', f.feeItemId);
    if (f.open !== undefined) q = q.where('l.open', '=', f.open ? 1 : 0);
    if (f.q) {
      // The room label as printed (1-1-1201), or words of the line's description.
      const label = sql<string>`b.code || '-' || coalesce(u.entrance || '-', '') || u.number`;
      const term = likeContains(f.q);
      q = q.where((eb) => eb.or([sql<boolean>`${label} like ${term} escape '\\'`, eb('l.description', 'like', sql<string>`${term} escape '\\'`)]));
    }
    const [items, count] = await Promise.all([
      q.orderBy('l.period', 'desc').orderBy('l.building_id').orderBy('l.unit_id').orderBy('l.id').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute(),
      q.clearSelect().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items, total: Number(count.n) };
  },
};
