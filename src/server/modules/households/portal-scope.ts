/**
 * Which units an owner-portal user sees: those whose ownership or tenancy, the one his access was
 * granted for, is still current today. Read on every request, so a sale or the end of a lease
 * closes the portal at once (the seller must not follow the buyer's household, bills and tickets);
 * and from when: the buyer does not see the seller's tickets or paid history either.
 */
import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { Scope } from '../../../core/scope.ts';
import type { Executor } from '../../db/database.ts';
import { invalid } from '../../http/errors.ts';

export async function currentPortalUnits(db: Executor, userId: number, today: string): Promise<number[]> {
  return (await currentPortalGrants(db, userId, today)).map((g) => g.unitId);
}

/** His current units with the date each one's ownership or lease began (the earliest, were he both). */
export async function currentPortalGrants(db: Executor, userId: number, today: string): Promise<Array<{ unitId: number; since: string }>> {
  const rows = await db
    .selectFrom('owner_units as ou')
    .leftJoin('ownerships as o', 'o.id', 'ou.ownership_id')
    .leftJoin('tenancies as tn', 'tn.id', 'ou.tenancy_id')
    .select(['ou.unit_id', 'o.acquired_on', 'tn.start_on'])
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
  const since = new Map<number, string>();
  for (const r of rows) {
    const start = (r.acquired_on ?? r.start_on)!;
    const had = since.get(r.unit_id);
    if (had === undefined || start < had) since.set(r.unit_id, start);
  }
  return [...since].map(([unitId, s]) => ({ unitId, since: s }));
}

/** The instant his history of a unit starts: the beginning of that local (China) day. */
export const sinceInstant = (date: string) => new Date(`${date}T00:00:00+08:00`).toISOString();

/** A unit's record (payment, notice, step) dated `on` (a local date) belongs to his time there. */
export function inHisTime(scope: Scope, unitId: number, on: string): boolean {
  const since = scope.unitsSince?.[unitId];
  return since === undefined || on.slice(0, 10) >= since;
}

/**
 * A ticket an owner sees: one without a unit only if he reported it; a unit's while it is his,
 * reported by him or created since his ownership or lease began (not the seller's old ones).
 */
export function portalSeesTicket(scope: Scope, userId: number, t: { unit_id: number | null; reporter_user_id: number | null; created_at: string }): boolean {
  if (t.unit_id == null) return t.reporter_user_id === userId;
  if (!scope.units.includes(t.unit_id)) return false;
  const since = scope.unitsSince?.[t.unit_id];
  return t.reporter_user_id === userId || since === undefined || t.created_at >= sinceInstant(since);
}

/** The same rule as a query condition on `tickets as t`. */
export function portalTicketCondition(eb: ExpressionBuilder<any, 't'>, scope: Scope, userId: number): Expression<SqlBool> {
  const own = eb('t.reporter_user_id', '=', userId);
  const parts: Expression<SqlBool>[] = [eb.and([own, eb('t.unit_id', 'is', null)])];
  for (const unitId of scope.units) {
    const since = scope.unitsSince?.[unitId];
    parts.push(eb.and([eb('t.unit_id', '=', unitId), ...(since === undefined ? [] : [eb.or([own, eb('t.created_at', '>=', sinceInstant(since))])])]));
  }
  return eb.or(parts);
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
