/**
 * Demo meters and a year of readings for an estate (for the demo seed; not called by the app).
 * Every unit gets a water and an electricity meter (residential units a gas meter too), every
 * building an electricity meter for 公摊. Readings are taken on the 25th of each period, with
 * realistic usage: more power in summer, almost none in a vacant unit. Deterministic.
 */
import { addMonths } from '../../../../core/fees.ts';
import { chunks } from '../../../db/codec.ts';
import type { Executor } from '../../../db/database.ts';
import type { MeterReadingTable } from '../../../db/schema-fees.ts';
import { rng } from '../../../demo/people.ts';
import type { Insertable } from 'kysely';

const SUMMER = new Set(['06', '07', '08', '09']);

/**
 * Installs meters and reads `months` periods ending with `opts.through` (default: the month before
 * `today`'s), each on `opts.readDay` of its month (default the 25th). Returns counts.
 */
export async function seedDemoMeters(db: Executor, estateId: number, today: string, months = 12, opts: { through?: string; readDay?: number } = {}) {
  const r = rng(estateId * 7919 + 4);
  const now = `${today}T00:00:00.000Z`;
  const first = addMonths(opts.through ?? addMonths(today.slice(0, 7), -1), 1 - months);
  const readDay = String(opts.readDay ?? 25).padStart(2, '0');
  const installedOn = `${addMonths(first, -1)}-${readDay}`;
  const units = await db.selectFrom('units').select(['id', 'building_id', 'usage', 'status']).where('estate_id', '=', estateId).where('archived_at', 'is', null).orderBy('id').execute();
  const buildings = await db.selectFrom('buildings').select(['id', 'code']).where('estate_id', '=', estateId).where('archived_at', 'is', null).orderBy('id').execute();
  type Plan = { unitId: number | null; buildingId: number; kind: string; usage: (period: string) => number };
  const plans: Plan[] = [];
  for (const u of units) {
    const empty = u.status === 'vacant';
    const shop = u.usage !== 'residential';
    plans.push({ unitId: u.id, buildingId: u.building_id, kind: 'water', usage: () => (empty ? r.int(0, 1) : shop ? r.int(10, 40) : r.int(6, 22)) });
    plans.push({ unitId: u.id, buildingId: u.building_id, kind: 'electricity', usage: (p) => (empty ? r.int(0, 5) : (shop ? r.int(300, 900) : r.int(120, 280)) + (SUMMER.has(p.slice(5)) ? r.int(80, 260) : 0)) });
    if (!shop) plans.push({ unitId: u.id, buildingId: u.building_id, kind: 'gas', usage: () => (empty ? 0 : r.int(6, 24)) });
  }
  for (const b of buildings) plans.push({ unitId: null, buildingId: b.id, kind: 'electricity', usage: () => r.int(1800, 4200) });

  let serial = 0;
  const readings: Insertable<MeterReadingTable>[] = [];
  for (const p of plans) {
    serial += 1;
    const prefix = p.unitId == null ? 'ZB' : p.kind === 'water' ? 'SB' : p.kind === 'gas' ? 'RQ' : 'DB';
    const initial = p.unitId == null ? r.int(10_000, 90_000) : r.int(0, 3000);
    const { id } = await db
      .insertInto('meters')
      .values({ estate_id: estateId, unit_id: p.unitId, building_id: p.buildingId, kind: p.kind, number: `${prefix}${String(estateId).padStart(2, '0')}${String(serial).padStart(6, '0')}`, installed_on: installedOn, initial_reading: initial, replaced_at: null, replaced_by: null, created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    let value = initial;
    for (let i = 0; i < months; i++) {
      const period = addMonths(first, i);
      const usage = p.usage(period);
      readings.push({ estate_id: estateId, meter_id: id, period, read_on: `${period}-${readDay}`, previous: value, value: value + usage, usage, kind: 'regular', note: null, entered_by: null, created_at: now });
      value += usage;
    }
  }
  for (const part of chunks(readings)) await db.insertInto('meter_readings').values(part).execute();
  return { meters: plans.length, readings: readings.length };
}
