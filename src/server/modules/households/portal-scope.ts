/**
 * Which units an owner-portal user sees: those whose ownership or tenancy, the one his access was
 * granted for, is still current today. Read on every request, so a sale or the end of a lease
 * closes the portal at once (the seller must not follow the buyer's household, bills and tickets).
 */
import type { Executor } from '../../db/database.ts';
import { invalid } from '../../http/errors.ts';

export async function currentPortalUnits(db: Executor, userId: number, today: string): Promise<number[]> {
  const rows = await db
    .selectFrom('owner_units as ou')
    .leftJoin('ownerships as o', 'o.id', 'ou.ownership_id')
    .leftJoin('tenancies as tn', 'tn.id', 'ou.tenancy_id')
    .select('ou.unit_id')
    .where('ou.user_id', '=', userId)
    .where((eb) =>
      eb.or([
        eb.and([eb('o.id', 'is not', null), eb.or([eb('o.ended_on', 'is', null), eb('o.ended_on', '>', today)])]),
        eb.and([
          eb('tn.id', 'is not', null),
          eb.or([eb('tn.terminated_on', 'is', null), eb('tn.terminated_on', '>', today)]),
          eb('tn.start_on', '<=', today),
          eb('tn.end_on', '>=', today),
        ]),
      ]),
    )
    .orderBy('ou.id')
    .execute();
  return [...new Set(rows.map((r) => r.unit_id))];
}

type Link = { unit_id: number; estate_id: number; ownership_id: number | null; tenancy_id: number | null };

/**
 * The record each unit of a portal account is granted for. A unit the account already has keeps
 * its record, even an ended one (re-saving a seller's account must not hand him the buyer's unit);
 * a new unit goes with the current owner or tenant with the account's phone, else the unit's
 * principal current owner. A unit with no current owner or tenant cannot be granted.
 */
export async function portalLinks(db: Executor, userId: number, phone: string | null, units: Array<{ id: number; estate_id: number }>, today: string): Promise<Link[]> {
  const before = await db.selectFrom('owner_units').select(['unit_id', 'ownership_id', 'tenancy_id']).where('user_id', '=', userId).execute();
  const out: Link[] = [];
  for (const u of units) {
    const kept = before.find((b) => b.unit_id === u.id && (b.ownership_id != null || b.tenancy_id != null));
    if (kept) {
      out.push({ unit_id: u.id, estate_id: u.estate_id, ownership_id: kept.ownership_id, tenancy_id: kept.tenancy_id });
      continue;
    }
    const owners = await db
      .selectFrom('ownerships')
      .select(['id', 'phone'])
      .where('unit_id', '=', u.id)
      .where((eb) => eb.or([eb('ended_on', 'is', null), eb('ended_on', '>', today)]))
      .orderBy('share_percent', 'desc')
      .orderBy('id')
      .execute();
    const leases = await db
      .selectFrom('tenancies')
      .select(['id', 'phone'])
      .where('unit_id', '=', u.id)
      .where((eb) => eb.or([eb('terminated_on', 'is', null), eb('terminated_on', '>', today)]))
      .where('start_on', '<=', today)
      .where('end_on', '>=', today)
      .orderBy('id', 'desc')
      .execute();
    const owner = owners.find((o) => phone && o.phone === phone);
    const lease = leases.find((l) => phone && l.phone === phone);
    const ownershipId = owner?.id ?? (lease ? null : owners[0]?.id ?? null);
    const tenancyId = owner ? null : lease?.id ?? null;
    if (ownershipId == null && tenancyId == null) throw invalid('unitIds', 'field.unitWithoutOccupant');
    out.push({ unit_id: u.id, estate_id: u.estate_id, ownership_id: ownershipId, tenancy_id: tenancyId });
  }
  return out;
}
