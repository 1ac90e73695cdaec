/** Meters and their readings: the only code that touches meters and meter_readings. */
import type { Insertable, Updateable } from 'kysely';
import type { Scope } from '../../../../core/scope.ts';
import { unitLabel } from '../../../../core/units.ts';
import { chunks, contains } from '../../../db/codec.ts';
import type { Executor } from '../../../db/database.ts';
import type { MeterReadingTable, MeterTable } from '../../../db/schema-fees.ts';
import { inScope } from '../../../db/scope-sql.ts';

/** Meters with their building (every meter has one: a unit meter its unit's) and unit address. */
export function metersWithPlace(db: Executor) {
  return db
    .selectFrom('meters as m')
    .innerJoin('buildings as b', 'b.id', 'm.building_id')
    .leftJoin('units as u', 'u.id', 'm.unit_id')
    .selectAll('m')
    .select(['b.area_id', 'b.code as building_code', 'b.name as building_name', 'u.entrance', 'u.number as unit_number']);
}

export type MeterRow = Awaited<ReturnType<ReturnType<typeof metersWithPlace>['executeTakeFirstOrThrow']>>;

export const labelOf = (m: Pick<MeterRow, 'unit_id' | 'building_code' | 'entrance' | 'unit_number'>) =>
  m.unit_id != null && m.unit_number != null ? unitLabel(m.building_code, m.entrance, m.unit_number) : null;

export interface LastReading {
  id: number;
  meter_id: number;
  period: string;
  read_on: string;
  value: number;
  kind: string;
}

export const metersRepository = {
  find(db: Executor, id: number) {
    return metersWithPlace(db).where('m.id', '=', id).executeTakeFirst();
  },
  findByNumber(db: Executor, estateId: number, number: string) {
    return db.selectFrom('meters').select('id').where('estate_id', '=', estateId).where('number', '=', number).executeTakeFirst();
  },
  /** The unit's meter of that kind still in use, if any. */
  activeOfUnit(db: Executor, unitId: number, kind: string) {
    return db.selectFrom('meters').select(['id', 'number']).where('unit_id', '=', unitId).where('kind', '=', kind).where('replaced_at', 'is', null).executeTakeFirst();
  },
  async list(db: Executor, f: { scope: Scope; estateId: number; unitId?: number; buildingId?: number; kind?: string; q?: string; includeReplaced: boolean; page: number; pageSize: number }) {
    let q = metersWithPlace(db).where('m.estate_id', '=', f.estateId).where(inScope(f.scope, 'm.estate_id', 'b.area_id'));
    if (f.unitId) q = q.where('m.unit_id', '=', f.unitId);
    if (f.buildingId) q = q.where('m.building_id', '=', f.buildingId);
    if (f.kind) q = q.where('m.kind', '=', f.kind);
    if (!f.includeReplaced) q = q.where('m.replaced_at', 'is', null);
    if (f.q) q = q.where((eb) => eb.or([contains('m.number', f.q!), contains('u.number', f.q!)]));
    const [items, count] = await Promise.all([
      q.orderBy('m.building_id').orderBy('m.unit_id').orderBy('m.kind').orderBy('m.id').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute(),
      q.clearSelect().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items, total: Number(count.n) };
  },
  /** Meters of an estate by id or number (a batch's rows), with their place. */
  byIdsOrNumbers(db: Executor, estateId: number, ids: number[], numbers: string[]) {
    if (!ids.length && !numbers.length) return Promise.resolve([] as MeterRow[]);
    return metersWithPlace(db)
      .where('m.estate_id', '=', estateId)
      .where((eb) => {
        const parts = [];
        if (ids.length) parts.push(eb('m.id', 'in', ids));
        if (numbers.length) parts.push(eb('m.number', 'in', numbers));
        return eb.or(parts);
      })
      .execute();
  },
  /**
   * Each meter's latest reading (of any kind) before `beforePeriod`, or overall. Readings of a meter
   * only move forward in time (earlier periods are refused), so the highest id is the latest.
   */
  async lastReadings(db: Executor, meterIds: number[], beforePeriod?: string): Promise<Map<number, LastReading>> {
    const out = new Map<number, LastReading>();
    if (!meterIds.length) return out;
    for (const chunk of chunks(meterIds)) {
      let latest = db.selectFrom('meter_readings').select((eb) => eb.fn.max<number>('id').as('id')).where('meter_id', 'in', chunk).groupBy('meter_id');
      if (beforePeriod) latest = latest.where('period', '<', beforePeriod);
      const rows = await db
        .selectFrom('meter_readings')
        .select(['id', 'meter_id', 'period', 'read_on', 'value', 'kind'])
        .where('id', 'in', latest)
        .execute();
      for (const r of rows) out.set(r.meter_id, r);
    }
    return out;
  },
  insertMeter(db: Executor, row: Insertable<MeterTable>) {
    return db.insertInto('meters').values(row).returning('id').executeTakeFirstOrThrow();
  },
  /** Closes a meter; false when it was replaced meanwhile. */
  async closeMeter(db: Executor, id: number, row: Updateable<MeterTable>) {
    const res = await db.updateTable('meters').set(row).where('id', '=', id).where('replaced_at', 'is', null).executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  },
  async insertReadings(db: Executor, rows: Insertable<MeterReadingTable>[]): Promise<number[]> {
    const ids: number[] = [];
    // 12 columns a row: 500 rows stay under both databases' limits on bound parameters.
    for (const part of chunks(rows)) {
      const res = await db.insertInto('meter_readings').values(part).returning('id').execute();
      ids.push(...res.map((r) => r.id));
    }
    return ids;
  },
};
