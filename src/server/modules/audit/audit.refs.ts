/** Business numbers for audit entries whose caller does not have them at hand (one lookup by id). */
import { unitLabel } from '../../../core/units.ts';
import type { Executor } from '../../db/database.ts';

export async function unitRef(db: Executor, unitId: number): Promise<string> {
  const u = await db.selectFrom('units as u').innerJoin('buildings as b', 'b.id', 'u.building_id').select(['b.code', 'u.entrance', 'u.number']).where('u.id', '=', unitId).executeTakeFirst();
  return u ? unitLabel(u.code, u.entrance, u.number) : '';
}

export async function ticketNumber(db: Executor, ticketId: number): Promise<string> {
  const t = await db.selectFrom('tickets').select('number').where('id', '=', ticketId).executeTakeFirst();
  return t?.number ?? '';
}
