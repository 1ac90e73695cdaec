/** Who hears of a renovation's deadlines: the approvers, the area's administrator, engineering, the unit's portal accounts. */
import type { Executor } from '../../../db/database.ts';
import { ticketRepository } from '../../desk/tickets.repository.ts';
import { portalUsersOf } from '../../relations/mail/mail.repository.ts';

export async function renoStaff(db: Executor, estateId: number, areaId: number | null, opts: { engineering?: boolean } = {}): Promise<number[]> {
  const ids = await ticketRepository.staff(db, estateId, ['assistant', 'cs_admin'], areaId);
  if (opts.engineering) ids.push(...(await ticketRepository.staff(db, estateId, ['dept_staff'], areaId, 'engineering')));
  return [...new Set(ids)];
}

/** The owner (or tenant) accounts that see the unit today. */
export async function renoOwners(db: Executor, unitId: number, today: string): Promise<number[]> {
  return (await portalUsersOf(db, [unitId], today)).get(unitId) ?? [];
}
