/** Renovation rows with their unit's label; numbers from the counters table. */
import { EXTENDABLE_STATUSES } from '../../../../core/renovation.ts';
import type { Scope } from '../../../../core/scope.ts';
import { contains } from '../../../db/codec.ts';
import type { Executor } from '../../../db/database.ts';
import { inScope } from '../../../db/scope-sql.ts';

export function labelled(db: Executor) {
  return db
    .selectFrom('renovations as r')
    .innerJoin('units as u', 'u.id', 'r.unit_id')
    .innerJoin('buildings as b', 'b.id', 'r.building_id')
    .leftJoin('areas as ar', 'ar.id', 'r.area_id')
    .selectAll('r')
    .select(['b.code as building_code', 'u.entrance as unit_entrance', 'u.number as unit_number', 'ar.name as area_name']);
}
export type RenoRow = NonNullable<Awaited<ReturnType<ReturnType<typeof labelled>['executeTakeFirst']>>>;

export interface RenoFilter {
  scope: Scope;
  /** owner portal: only these units */
  units?: number[];
  estateId?: number;
  areaId?: number;
  unitId?: number;
  status?: string;
  overdue?: '1';
  q?: string;
  page: number;
  pageSize: number;
}

export const renoRepository = {
  find(db: Executor, id: number) {
    return labelled(db).where('r.id', '=', id).executeTakeFirst();
  },

  async list(db: Executor, f: RenoFilter) {
    let q = labelled(db);
    q = f.units ? q.where('r.unit_id', 'in', f.units.length ? f.units : [-1]) : q.where(inScope(f.scope, 'r.estate_id', 'r.area_id'));
    if (f.estateId) q = q.where('r.estate_id', '=', f.estateId);
    if (f.areaId) q = q.where('r.area_id', '=', f.areaId);
    if (f.unitId) q = q.where('r.unit_id', '=', f.unitId);
    if (f.status) q = q.where('r.status', '=', f.status);
    if (f.overdue) q = q.where('r.overdue_since', 'is not', null).where('r.status', 'in', [...EXTENDABLE_STATUSES]);
    if (f.q) {
      const term = f.q;
      q = q.where((eb) => eb.or([contains('r.number', term), contains('r.contractor', term), contains('r.applicant_name', term), contains('u.number', term)]));
    }
    const [items, count] = await Promise.all([
      q.orderBy('r.id', 'desc').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute(),
      q.clearSelect().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items, total: Number(count.n) };
  },

  /** The next number of a series (ZX 装修, KG 开工证, ZG 整改通知, YJ 押金) per estate and year; rolls back with its transaction. */
  async next(db: Executor, estateId: number, series: string, year: string): Promise<string> {
    const row = await db
      .insertInto('counters')
      .values({ estate_id: estateId, name: `${series}:${year}`, value: 1 })
      .onConflict((oc) => oc.columns(['estate_id', 'name']).doUpdateSet((eb) => ({ value: eb('counters.value', '+', 1) })))
      .returning('value')
      .executeTakeFirstOrThrow();
    return `${series}-${year}-${String(row.value).padStart(4, '0')}`;
  },

  async openMajors(db: Executor, renovationId: number): Promise<number> {
    const row = await db
      .selectFrom('renovation_violations')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('renovation_id', '=', renovationId)
      .where('severity', '=', 'major')
      .where('status', '!=', 'closed')
      .executeTakeFirstOrThrow();
    return Number(row.n);
  },

  event(db: Executor, e: { estate_id: number; renovation_id: number; action: string; from_status: string | null; to_status: string | null; note: string | null; actor_id: number | null; actor_name: string; at: string }) {
    return db.insertInto('renovation_events').values(e).execute();
  },
};
