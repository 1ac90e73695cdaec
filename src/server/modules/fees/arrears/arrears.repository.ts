/**
 * The arrears board in SQL: one grouped pass over the open lines past due (per unit: principal
 * owed, oldest due date, number of lines), the unit's ladder step in the current episode (the
 * highest step recorded on or after that oldest due date), filters and paging. Late fees to date
 * are added by the service for the page's units only, from their lines and core/fees.ts.
 */
import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import { addDays } from '../../../../core/fees.ts';
import type { Scope } from '../../../../core/scope.ts';
import { likeContains } from '../../../db/codec.ts';
import type { Executor } from '../../../db/database.ts';
import { inScope } from '../../../db/scope-sql.ts';
import { type LineRow, linesWithRule } from '../ledger.ts';

export interface BoardFilter {
  scope: Scope;
  estateId: number;
  today: string;
  areaId?: number;
  buildingId?: number;
  minDays?: number;
  step?: number;
  q?: string;
  unitIds?: number[];
  /** Only units without a reminder (step 1) in the current episode. */
  unreminded?: boolean;
}

export interface BoardRow {
  unit_id: number;
  oldest: string;
  n: number;
  outstanding: number;
  step: number;
  last_on: string | null;
  reminded: number;
  /** The deadline given by this episode's deadline notice (step 2), for the printed notice's wording. */
  deadline: string | null;
}

function board(db: Executor, f: BoardFilter) {
  return db
    .with('a', (qb) => {
      let q = qb
        .selectFrom('bill_lines as l')
        .where('l.estate_id', '=', f.estateId)
        .where('l.open', '=', 1)
        .where('l.due_on', '<', f.today)
        .where(inScope(f.scope, 'l.estate_id', 'l.area_id'));
      if (f.areaId) q = q.where('l.area_id', '=', f.areaId);
      if (f.buildingId) q = q.where('l.building_id', '=', f.buildingId);
      if (f.unitIds) q = q.where('l.unit_id', 'in', f.unitIds.length ? f.unitIds : [-1]);
      if (f.q) q = q.where((eb) => matches(eb, f.q!));
      return q
        .groupBy('l.unit_id')
        .select((eb) => [
          'l.unit_id',
          eb.fn.min<string>('l.due_on').as('oldest'),
          sql<number>`count(*)`.as('n'),
          sql<number>`sum(l.amount - l.credited - l.paid - l.waived)`.as('outstanding'),
        ]);
    })
    .with('b', (qb) =>
      qb.selectFrom('a').selectAll('a').select((eb) => [
        eb
          .selectFrom('arrears_steps as s')
          .select(sql<number>`coalesce(max(s.step), 0)`.as('m'))
          .whereRef('s.unit_id', '=', 'a.unit_id')
          .whereRef('s.on_date', '>=', 'a.oldest')
          .as('step'),
        eb
          .selectFrom('arrears_steps as s')
          .select(sql<string>`max(s.on_date)`.as('d'))
          .whereRef('s.unit_id', '=', 'a.unit_id')
          .whereRef('s.on_date', '>=', 'a.oldest')
          .as('last_on'),
        eb
          .selectFrom('arrears_steps as s')
          .select(sql<number>`count(*)`.as('c'))
          .whereRef('s.unit_id', '=', 'a.unit_id')
          .whereRef('s.on_date', '>=', 'a.oldest')
          .where('s.step', '=', 1)
          .as('reminded'),
        eb
          .selectFrom('arrears_steps as s')
          .select(sql<string>`max(s.deadline)`.as('dl'))
          .whereRef('s.unit_id', '=', 'a.unit_id')
          .whereRef('s.on_date', '>=', 'a.oldest')
          .where('s.step', '=', 2)
          .as('deadline'),
      ]),
    )
    .selectFrom('b')
    .$if(f.minDays != null, (q) => q.where('b.oldest', '<=', addDays(f.today, -(f.minDays ?? 0))))
    .$if(f.step != null, (q) => q.where('b.step', '=', f.step!))
    .$if(!!f.unreminded, (q) => q.where('b.reminded', '=', 0));
}

/** A unit whose label (1-1-1201), number or current owner's name contains q. */
function matches(eb: ExpressionBuilder<any, any>, q: string): Expression<SqlBool> {
  const term = likeContains(q.toLowerCase());
  return eb.exists(
    eb
      .selectFrom('units as u')
      .innerJoin('buildings as b', 'b.id', 'u.building_id')
      .select(sql`1`.as('x'))
      .whereRef('u.id', '=', 'l.unit_id')
      .where((e) =>
        e.or([
          sql<SqlBool>`lower(b.code || '-' || coalesce(u.entrance || '-', '') || u.number) like ${term} escape '\\'`,
          e.exists(
            e
              .selectFrom('ownerships as o')
              .select(sql`1`.as('y'))
              .whereRef('o.unit_id', '=', 'u.id')
              .where('o.ended_on', 'is', null)
              .where(sql<SqlBool>`lower(o.owner_name) like ${term} escape '\\'`),
          ),
        ]),
      ),
  );
}

export const arrearsRepository = {
  async board(db: Executor, f: BoardFilter & { page?: number; pageSize?: number }) {
    let q = board(db, f).selectAll('b').orderBy('b.oldest').orderBy('b.unit_id');
    if (f.page && f.pageSize) q = q.limit(f.pageSize).offset((f.page - 1) * f.pageSize);
    const rows = (await q.execute()) as BoardRow[];
    return rows.map((r) => ({ ...r, n: Number(r.n), outstanding: Number(r.outstanding), step: Number(r.step), reminded: Number(r.reminded) }));
  },

  async count(db: Executor, f: BoardFilter) {
    const row = await board(db, f).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  },

  /** Open lines past due of the listed units, oldest first. */
  overdueLines(db: Executor, unitIds: number[], today: string): Promise<LineRow[]> {
    if (!unitIds.length) return Promise.resolve([]);
    return linesWithRule(db).where('l.unit_id', 'in', unitIds).where('l.open', '=', 1).where('l.due_on', '<', today).orderBy('l.due_on').orderBy('l.id').execute();
  },

  steps(db: Executor, unitId: number) {
    return db.selectFrom('arrears_steps').selectAll().where('unit_id', '=', unitId).orderBy('on_date').orderBy('id').execute();
  },
};
