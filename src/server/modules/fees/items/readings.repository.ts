/** What the billing run and the batch sheet read of meter readings. */
import type { Scope } from '../../../../core/scope.ts';
import type { MeterKind } from '../../../../core/fees.ts';
import { chunks } from '../../../db/codec.ts';
import type { Executor } from '../../../db/database.ts';
import { inScope } from '../../../db/scope-sql.ts';
import { metersWithPlace } from './meters.repository.ts';

export interface PeriodReading {
  readingId: number;
  meterId: number;
  meterNumber: string;
  meterKind: MeterKind;
  /** null for a building meter (楼栋总表, feeds 公摊). */
  unitId: number | null;
  buildingId: number;
  period: string;
  readOn: string;
  previous: number;
  value: number;
  /** value − previous: what is billed. */
  usage: number;
  /** regular, or final (an old meter's last reading at a replacement; add it to the new meter's). */
  kind: 'regular' | 'final';
}

/**
 * Every reading of an estate for a period (of the given meter kinds only, when named), with its
 * meter's unit, building and kind, in one query, in the order they were entered (reading id).
 * A unit's usage of a kind in the period is the sum of its readings' usage (a replaced meter's final
 * reading and the new meter's reading both count); building meters have unitId null.
 */
export async function readingsForPeriod(db: Executor, estateId: number, period: string, kinds?: readonly string[]): Promise<PeriodReading[]> {
  if (kinds && !kinds.length) return [];
  let q = db
    .selectFrom('meter_readings as r')
    .innerJoin('meters as m', 'm.id', 'r.meter_id')
    .select(['r.id', 'r.meter_id', 'm.number', 'm.kind as meter_kind', 'm.unit_id', 'm.building_id', 'r.period', 'r.read_on', 'r.previous', 'r.value', 'r.usage', 'r.kind'])
    .where('r.estate_id', '=', estateId)
    .where('r.period', '=', period);
  if (kinds) q = q.where('m.kind', 'in', kinds);
  const rows = await q.orderBy('r.id').execute();
  return rows.map((r) => ({
    readingId: r.id,
    meterId: r.meter_id,
    meterNumber: r.number,
    meterKind: r.meter_kind as MeterKind,
    unitId: r.unit_id,
    buildingId: r.building_id!,
    period: r.period,
    readOn: r.read_on,
    previous: r.previous,
    value: r.value,
    usage: r.usage,
    kind: r.kind as 'regular' | 'final',
  }));
}

export const readingsRepository = {
  /** Meters on a batch sheet: in use, or read in the period before being replaced. */
  sheetMeters(db: Executor, f: { scope: Scope; estateId: number; period: string; buildingId?: number; kind?: string }) {
    let q = metersWithPlace(db)
      .where('m.estate_id', '=', f.estateId)
      .where(inScope(f.scope, 'm.estate_id', 'b.area_id'))
      .where((eb) =>
        eb.or([
          eb('m.replaced_at', 'is', null),
          eb.exists(eb.selectFrom('meter_readings as x').select('x.id').whereRef('x.meter_id', '=', 'm.id').where('x.period', '=', f.period).where('x.kind', '=', 'regular')),
        ]),
      );
    if (f.buildingId) q = q.where('m.building_id', '=', f.buildingId);
    if (f.kind) q = q.where('m.kind', '=', f.kind);
    return q.orderBy('m.building_id').orderBy('u.entrance').orderBy('u.floor').orderBy('u.number').orderBy('m.kind').orderBy('m.id').execute();
  },
  /** Regular readings of a period for the given meters. */
  async ofPeriod(db: Executor, meterIds: number[], period: string) {
    const out = [];
    for (const part of chunks(meterIds)) {
      out.push(
        ...(await db
          .selectFrom('meter_readings')
          .select(['id', 'meter_id', 'previous', 'value', 'usage', 'read_on'])
          .where('meter_id', 'in', part)
          .where('period', '=', period)
          .where('kind', '=', 'regular')
          .execute()),
      );
    }
    return out;
  },
};
