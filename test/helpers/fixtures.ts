/** Ids of well-known demo records, looked up once per test file. */
import type { TestApp } from './app.ts';

export async function demoIds(t: TestApp) {
  const db = t.db;
  const estate = await db.selectFrom('estates').select('id').where('code', '=', 'CUIHU').executeTakeFirstOrThrow();
  const areas = await db.selectFrom('areas').select(['id', 'name']).execute();
  const east = areas.find((a) => a.name === '东区')!.id;
  const west = areas.find((a) => a.name === '西区')!.id;
  const unitIn = async (buildingCode: string, status?: string) => {
    let q = db
      .selectFrom('units as u')
      .innerJoin('buildings as b', 'b.id', 'u.building_id')
      .leftJoin('households as h', (j) => j.onRef('h.unit_id', '=', 'u.id').on('h.moved_out_on', 'is', null))
      .select(['u.id', 'h.id as householdId', 'u.building_id as buildingId'])
      .where('b.code', '=', buildingCode);
    if (status) q = q.where('u.status', '=', status);
    return q.orderBy('u.id').executeTakeFirstOrThrow();
  };
  const owner1Unit = await db
    .selectFrom('owner_units as o')
    .innerJoin('users as u', 'u.id', 'o.user_id')
    .innerJoin('households as h', (j) => j.onRef('h.unit_id', '=', 'o.unit_id').on('h.moved_out_on', 'is', null))
    .select(['o.unit_id as id', 'h.id as householdId'])
    .where('u.username', '=', 'owner1')
    .executeTakeFirstOrThrow();
  const eastOccupied = await unitIn('2', 'occupied');
  const westOccupied = await unitIn('3', 'occupied');
  const westRented = await unitIn('3', 'rented');
  const member = async (householdId: number | null) =>
    (await db.selectFrom('household_members').select('id').where('household_id', '=', householdId!).orderBy('id').executeTakeFirstOrThrow()).id;
  const ownership = async (unitId: number) =>
    (await db.selectFrom('ownerships').select('id').where('unit_id', '=', unitId).where('ended_on', 'is', null).executeTakeFirstOrThrow()).id;
  const tenancy = async (unitId: number) => (await db.selectFrom('tenancies').select('id').where('unit_id', '=', unitId).executeTakeFirstOrThrow()).id;
  const users = Object.fromEntries((await db.selectFrom('users').select(['id', 'username']).execute()).map((u) => [u.username, u.id]));
  const facility = await db.selectFrom('facilities').select('id').orderBy('id').executeTakeFirstOrThrow();
  return {
    estate: estate.id,
    east,
    west,
    users,
    facility: facility.id,
    owner1Unit: { ...owner1Unit, member: await member(owner1Unit.householdId), ownership: await ownership(owner1Unit.id) },
    eastUnit: { ...eastOccupied, member: await member(eastOccupied.householdId), ownership: await ownership(eastOccupied.id) },
    westUnit: { ...westOccupied, member: await member(westOccupied.householdId), ownership: await ownership(westOccupied.id) },
    westRented: { ...westRented, tenancy: await tenancy(westRented.id) },
  };
}
