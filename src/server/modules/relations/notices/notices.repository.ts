import { sql } from 'kysely';
import type { AudienceKind, AudiencePeople } from '../../../../core/notices.ts';
import type { Executor } from '../../../db/database.ts';

/** The units an audience reaches, resolved against the estate's current, unarchived units. */
export async function audienceUnits(db: Executor, estateId: number, kind: AudienceKind, ids: Array<number | string>): Promise<number[]> {
  if (kind !== 'estate' && !ids.length) return [];
  let q = db
    .selectFrom('units as u')
    .innerJoin('buildings as b', 'b.id', 'u.building_id')
    .select('u.id')
    .where('u.estate_id', '=', estateId)
    .where('u.archived_at', 'is', null)
    .where('b.archived_at', 'is', null);
  const nums = ids.filter((v): v is number => typeof v === 'number');
  if (kind === 'areas') q = q.where('b.area_id', 'in', nums.length ? nums : [-1]);
  if (kind === 'buildings') q = q.where('b.id', 'in', nums.length ? nums : [-1]);
  if (kind === 'units') q = q.where('u.id', 'in', nums.length ? nums : [-1]);
  if (kind === 'entrances') {
    const pairs = ids.filter((v): v is string => typeof v === 'string').map((v) => v.split(':'));
    q = q.where((eb) => eb.or(pairs.map(([b, e]) => eb.and([eb('b.id', '=', Number(b)), eb('u.entrance', '=', e!)]))));
  }
  return (await q.orderBy('u.id').execute()).map((r) => r.id);
}

/** Per unit, how many portal accounts can read it today (owners only, or owners and tenants). */
export async function portalUsersByUnit(db: Executor, unitIds: number[], people: AudiencePeople, today: string): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  // owner_units has no index on unit_id, so each chunk reads the table once: big chunks, few reads
  // (5,000 ids stay well under SQLite's 32,766 and PostgreSQL's 65,535 parameters)
  for (let i = 0; i < unitIds.length; i += 5000) {
    const chunk = unitIds.slice(i, i + 5000);
    const rows = await db
      .selectFrom('owner_units as ou')
      // unary + keeps SQLite from driving the join from users through owner_units(user_id, unit_id),
      // which probed every user against the whole unit list (quadratic: 27 s for 20,000 units)
      .innerJoin('users as us', (j) => j.on(sql<boolean>`us.id = +ou.user_id`))
      .leftJoin('ownerships as o', 'o.id', 'ou.ownership_id')
      .leftJoin('tenancies as tn', 'tn.id', 'ou.tenancy_id')
      .select(['ou.unit_id', (eb) => eb.fn.count<number>(sql`distinct ou.user_id`).as('n')])
      .where('ou.unit_id', 'in', chunk)
      .where('us.active', '=', 1)
      .where((eb) => {
        const owner = eb.and([eb('o.id', 'is not', null), eb.or([eb('o.ended_on', 'is', null), eb('o.ended_on', '>', today)])]);
        if (people === 'owners') return owner;
        return eb.or([
          owner,
          eb.and([eb('tn.id', 'is not', null), eb.or([eb('tn.terminated_on', 'is', null), eb('tn.terminated_on', '>', today)]), eb('tn.start_on', '<=', today), eb('tn.end_on', '>=', today)]),
        ]);
      })
      .groupBy('ou.unit_id')
      .execute();
    for (const r of rows) out.set(r.unit_id, Number(r.n));
  }
  return out;
}

/** Portal accounts of some units (for reminders), with the same owner/tenant rule. */
export async function portalUsersOf(db: Executor, unitIds: number[], people: AudiencePeople, today: string): Promise<Array<{ unitId: number; userId: number }>> {
  if (!unitIds.length) return [];
  const rows = await db
    .selectFrom('owner_units as ou')
    .innerJoin('users as us', (j) => j.on(sql<boolean>`us.id = +ou.user_id`)) // as above
    .leftJoin('ownerships as o', 'o.id', 'ou.ownership_id')
    .leftJoin('tenancies as tn', 'tn.id', 'ou.tenancy_id')
    .select(['ou.unit_id', 'ou.user_id'])
    .where('ou.unit_id', 'in', unitIds)
    .where('us.active', '=', 1)
    .where((eb) => {
      const owner = eb.and([eb('o.id', 'is not', null), eb.or([eb('o.ended_on', 'is', null), eb('o.ended_on', '>', today)])]);
      if (people === 'owners') return owner;
      return eb.or([owner, eb.and([eb('tn.id', 'is not', null), eb.or([eb('tn.terminated_on', 'is', null), eb('tn.terminated_on', '>', today)]), eb('tn.start_on', '<=', today), eb('tn.end_on', '>=', today)])]);
    })
    .execute();
  return rows.map((r) => ({ unitId: r.unit_id, userId: r.user_id }));
}

export async function nextNumber(db: Executor, estateId: number, name: string): Promise<number> {
  const row = await db
    .insertInto('counters')
    .values({ estate_id: estateId, name, value: 1 })
    .onConflict((oc) => oc.columns(['estate_id', 'name']).doUpdateSet((eb) => ({ value: eb('counters.value', '+', 1) })))
    .returning('value')
    .executeTakeFirstOrThrow();
  return row.value;
}

/** Supervisors who approve in an estate: its assistants and directors. */
export async function approversOf(db: Executor, estateId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('users as u')
    .innerJoin('user_scopes as s', 's.user_id', 'u.id')
    .select('u.id')
    .distinct()
    .where('s.estate_id', '=', estateId)
    .where('u.role', 'in', ['assistant', 'director'])
    .where('u.active', '=', 1)
    .execute();
  return rows.map((r) => r.id);
}

/** Active staff who see an estate, for staff-only notices. */
export async function staffOf(db: Executor, estateId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('users as u')
    .innerJoin('user_scopes as s', 's.user_id', 'u.id')
    .select('u.id')
    .distinct()
    .where('s.estate_id', '=', estateId)
    .where('u.role', '!=', 'owner')
    .where('u.active', '=', 1)
    .execute();
  return rows.map((r) => r.id);
}
