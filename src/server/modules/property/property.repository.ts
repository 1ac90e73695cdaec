import { type Insertable, sql, type Updateable } from 'kysely';
import type { Scope } from '../../../core/scope.ts';
import { contains } from '../../db/codec.ts';
import type { Executor } from '../../db/database.ts';
import type { BuildingTable, FacilityTable, UnitTable } from '../../db/schema.ts';
import { prepared } from '../../db/prepared.ts';
import { inScope } from '../../db/scope-sql.ts';
import { type PhoneTerm, phoneMatches } from '../../http/phone-search.ts';

export interface UnitFilter {
  scope: Scope;
  estateId?: number;
  buildingId?: number;
  areaId?: number;
  status?: string;
  usage?: string;
  care?: boolean;
  q?: string;
  /** How q may match phones (http/phone-search.ts); null: not at all. */
  phone?: PhoneTerm | null;
  sort: 'address' | 'area';
  page: number;
  pageSize: number;
}

/**
 * A unit's place and whom to call about it (the current household's head or first member, else
 * the first current owner: the order of unitPeople) in one statement, compiled once: every ticket
 * registered against a unit reads it.
 */
const unitContactQuery = prepared<{ id: number }, { id: number; estate_id: number; area_id: number | null; member_name: string | null; member_phone: string | null; owner_name: string | null; owner_phone: string | null }>((db, arg) =>
  db
    .selectFrom('units as u')
    .innerJoin('buildings as b', 'b.id', 'u.building_id')
    .leftJoin('household_members as m', (j) =>
      j.on((eb) =>
        eb(
          'm.id',
          '=',
          eb
            .selectFrom('household_members as m2')
            .innerJoin('households as h', 'h.id', 'm2.household_id')
            .select('m2.id')
            .whereRef('h.unit_id', '=', 'u.id')
            .where('h.moved_out_on', 'is', null)
            .where('m2.moved_out_on', 'is', null)
            .orderBy('m2.is_head', 'desc')
            .orderBy('m2.id')
            .limit(1),
        ),
      ),
    )
    .leftJoin('ownerships as o', (j) =>
      j.on((eb) => eb('o.id', '=', eb.selectFrom('ownerships as o2').select('o2.id').whereRef('o2.unit_id', '=', 'u.id').where('o2.ended_on', 'is', null).orderBy('o2.id').limit(1))),
    )
    .select(['u.id', 'u.estate_id', 'b.area_id', 'm.name as member_name', 'm.phone as member_phone', 'o.owner_name', 'o.phone as owner_phone'])
    .where('u.id', '=', arg('id')),
);

export const propertyRepository = {
  async unitWithContact(db: Executor, id: number) {
    const [row] = await unitContactQuery.execute(db, { id });
    return row;
  },

  async listBuildings(db: Executor, f: { scope: Scope; estateId?: number; areaId?: number; q?: string; includeArchived: boolean; page: number; pageSize: number }) {
    let q = db.selectFrom('buildings as b').leftJoin('areas as a', 'a.id', 'b.area_id').where(inScope(f.scope, 'b.estate_id', 'b.area_id'));
    if (f.estateId) q = q.where('b.estate_id', '=', f.estateId);
    if (f.areaId) q = q.where('b.area_id', '=', f.areaId);
    if (!f.includeArchived) q = q.where('b.archived_at', 'is', null);
    if (f.q) q = q.where((eb) => eb.or([contains('b.code', f.q!), contains('b.name', f.q!)]));
    const [items, count] = await Promise.all([
      q
        .selectAll('b')
        .select('a.name as area_name')
        .orderBy('b.estate_id')
        .orderBy(sql`length(b.code)`)
        .orderBy('b.code')
        .limit(f.pageSize)
        .offset((f.page - 1) * f.pageSize)
        .execute(),
      q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items, total: Number(count.n) };
  },

  statusCounts(db: Executor, buildingIds: number[]) {
    if (!buildingIds.length) return Promise.resolve([]);
    return db
      .selectFrom('units')
      .select(['building_id', 'status', (eb) => eb.fn.countAll<number>().as('n')])
      .where('building_id', 'in', buildingIds)
      .where('archived_at', 'is', null)
      .groupBy(['building_id', 'status'])
      .execute();
  },

  findBuilding(db: Executor, id: number) {
    return db.selectFrom('buildings as b').leftJoin('areas as a', 'a.id', 'b.area_id').selectAll('b').select('a.name as area_name').where('b.id', '=', id).executeTakeFirst();
  },
  findBuildingByCode(db: Executor, estateId: number, code: string) {
    return db.selectFrom('buildings').select('id').where('estate_id', '=', estateId).where('code', '=', code).executeTakeFirst();
  },
  insertBuilding(db: Executor, row: Insertable<BuildingTable>) {
    return db.insertInto('buildings').values(row).returning('id').executeTakeFirstOrThrow();
  },
  async updateBuilding(db: Executor, id: number, row: Updateable<BuildingTable>) {
    // An empty PATCH ({}) names no column: an UPDATE without SET is no SQL at all (the fuzz test's 500).
    if (Object.values(row).every((v) => v === undefined)) return;
    await db.updateTable('buildings').set(row).where('id', '=', id).execute();
  },

  async listUnits(db: Executor, f: UnitFilter) {
    let q = db
      .selectFrom('units as u')
      .innerJoin('buildings as b', 'b.id', 'u.building_id')
      .leftJoin('households as h', (j) => j.onRef('h.unit_id', '=', 'u.id').on('h.moved_out_on', 'is', null))
      .leftJoin('areas as ar', 'ar.id', 'b.area_id')
      .where(inScope(f.scope, 'u.estate_id', 'b.area_id'))
      .where('u.archived_at', 'is', null);
    if (f.estateId) q = q.where('u.estate_id', '=', f.estateId);
    if (f.buildingId) q = q.where('u.building_id', '=', f.buildingId);
    if (f.areaId) q = q.where('b.area_id', '=', f.areaId);
    if (f.status) q = q.where('u.status', '=', f.status);
    if (f.usage) q = q.where('u.usage', '=', f.usage);
    if (f.care)
      q = q.where((eb) =>
        eb.exists(eb.selectFrom('household_members as m').select('m.id').whereRef('m.household_id', '=', 'h.id').where('m.moved_out_on', 'is', null).where('m.care_flags', '<>', '')),
      );
    if (f.q) q = q.where(searchCondition(f.q, f.phone ?? null));
    const order = f.sort === 'area' ? q.orderBy('u.building_area', 'desc') : q.orderBy('u.estate_id').orderBy(sql`length(b.code)`).orderBy('b.code').orderBy('u.entrance').orderBy('u.floor').orderBy('u.number');
    const [items, count] = await Promise.all([
      order
        .selectAll('u')
        .select(['b.code as building_code', 'b.name as building_name', 'b.area_id', 'ar.name as area_name', 'h.id as household_id', 'h.name as household_name'])
        .limit(f.pageSize)
        .offset((f.page - 1) * f.pageSize)
        .execute(),
      q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items, total: Number(count.n) };
  },

  findUnit(db: Executor, id: number) {
    return db
      .selectFrom('units as u')
      .innerJoin('buildings as b', 'b.id', 'u.building_id')
      .leftJoin('households as h', (j) => j.onRef('h.unit_id', '=', 'u.id').on('h.moved_out_on', 'is', null))
      .leftJoin('areas as ar', 'ar.id', 'b.area_id')
      .selectAll('u')
      .select(['b.code as building_code', 'b.name as building_name', 'b.area_id', 'ar.name as area_name', 'b.floors as building_floors', 'h.id as household_id', 'h.name as household_name'])
      .where('u.id', '=', id)
      .executeTakeFirst();
  },
  findUnitByAddress(db: Executor, buildingId: number, entrance: string | null, number: string) {
    return db
      .selectFrom('units')
      .select('id')
      .where('building_id', '=', buildingId)
      .where(sql`coalesce(entrance, '')`, '=', entrance ?? '')
      .where('number', '=', number)
      .executeTakeFirst();
  },
  insertUnit(db: Executor, row: Insertable<UnitTable>) {
    return db.insertInto('units').values(row).returning('id').executeTakeFirstOrThrow();
  },
  updateUnit(db: Executor, id: number, row: Updateable<UnitTable>) {
    return db.updateTable('units').set(row).where('id', '=', id).execute();
  },

  /** Current owners, the head (or first member) and care flags of the listed units' households. */
  async unitPeople(db: Executor, unitIds: number[]) {
    if (!unitIds.length) return { owners: [], members: [] };
    const [owners, members] = await Promise.all([
      db.selectFrom('ownerships').select(['unit_id', 'owner_name', 'phone']).where('unit_id', 'in', unitIds).where('ended_on', 'is', null).orderBy('id').execute(),
      db
        .selectFrom('household_members as m')
        .innerJoin('households as h', 'h.id', 'm.household_id')
        .select(['h.unit_id', 'm.name', 'm.phone', 'm.is_head', 'm.care_flags'])
        .where('h.unit_id', 'in', unitIds)
        .where('h.moved_out_on', 'is', null)
        .where('m.moved_out_on', 'is', null)
        .orderBy('m.is_head', 'desc')
        .orderBy('m.id')
        .execute(),
    ]);
    return { owners, members };
  },

  async listFacilities(db: Executor, f: { estateIds: number[] | 'all'; estateId?: number; kind?: string; page: number; pageSize: number }) {
    let q = db.selectFrom('facilities');
    if (f.estateIds !== 'all') q = q.where('estate_id', 'in', f.estateIds.length ? f.estateIds : [-1]);
    if (f.estateId) q = q.where('estate_id', '=', f.estateId);
    if (f.kind) q = q.where('kind', '=', f.kind);
    const [items, count] = await Promise.all([
      q.selectAll().orderBy('estate_id').orderBy('kind').orderBy('name').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute(),
      q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items, total: Number(count.n) };
  },
  findFacility(db: Executor, id: number) {
    return db.selectFrom('facilities').selectAll().where('id', '=', id).executeTakeFirst();
  },
  findFacilityByName(db: Executor, estateId: number, name: string) {
    return db.selectFrom('facilities').select('id').where('estate_id', '=', estateId).where('name', '=', name).executeTakeFirst();
  },
  insertFacility(db: Executor, row: Insertable<FacilityTable>) {
    return db.insertInto('facilities').values(row).returning('id').executeTakeFirstOrThrow();
  },
  updateFacility(db: Executor, id: number, row: Updateable<FacilityTable>) {
    return db.updateTable('facilities').set(row).where('id', '=', id).execute();
  },
};

/**
 * One search box for the front desk: unit number ("1502", "3-2-1502"), a name of an owner,
 * member or tenant, or a phone number as far as the caller may search it (http/phone-search.ts).
 */
function searchCondition(term: string, phone: PhoneTerm | null) {
  return (eb: any) => {
    const parts = [contains('u.number', term)];
    const address = term.split('-');
    if (address.length >= 2) {
      const number = address[address.length - 1];
      const code = address[0];
      parts.push(eb.and([eb('b.code', '=', code), eb('u.number', '=', number)]));
    }
    const people = (name: string, phoneCol: string) => (phone ? eb.or([contains(name, term), phoneMatches(phoneCol, phone)]) : contains(name, term));
    parts.push(
      eb.exists(
        eb
          .selectFrom('household_members as m')
          .innerJoin('households as hh', 'hh.id', 'm.household_id')
          .select('m.id')
          .whereRef('hh.unit_id', '=', 'u.id')
          .where('hh.moved_out_on', 'is', null)
          .where('m.moved_out_on', 'is', null)
          .where(people('m.name', 'm.phone')),
      ),
      eb.exists(
        eb.selectFrom('ownerships as o').select('o.id').whereRef('o.unit_id', '=', 'u.id').where('o.ended_on', 'is', null).where(people('o.owner_name', 'o.phone')),
      ),
      eb.exists(
        eb.selectFrom('tenancies as t').select('t.id').whereRef('t.unit_id', '=', 'u.id').where('t.terminated_on', 'is', null).where(people('t.tenant_name', 't.phone')),
      ),
    );
    return eb.or(parts);
  };
}
