import type { Insertable, Updateable } from 'kysely';
import type { Scope } from '../../../core/scope.ts';
import { contains } from '../../db/codec.ts';
import type { Executor } from '../../db/database.ts';
import type { HouseholdTable, MemberTable, OwnershipTable, TenancyTable } from '../../db/schema.ts';
import { inScope } from '../../db/scope-sql.ts';
import { type PhoneTerm, phoneMatches } from '../../http/phone-search.ts';

export const householdRepository = {
  /** Current households; q is a room (1201, 1-1-1201), a household or member name, or a phone as far as `phone` allows. */
  async list(db: Executor, f: { scope: Scope; estateId?: number; buildingId?: number; care?: string; q?: string; phone?: PhoneTerm | null; page: number; pageSize: number }) {
    let q = db
      .selectFrom('households as h')
      .innerJoin('units as u', 'u.id', 'h.unit_id')
      .innerJoin('buildings as b', 'b.id', 'u.building_id')
      .where('h.moved_out_on', 'is', null)
      .where(inScope(f.scope, 'h.estate_id', 'b.area_id'));
    if (f.estateId) q = q.where('h.estate_id', '=', f.estateId);
    if (f.buildingId) q = q.where('u.building_id', '=', f.buildingId);
    if (f.care)
      q = q.where((eb) =>
        eb.exists(
          eb
            .selectFrom('household_members as m')
            .select('m.id')
            .whereRef('m.household_id', '=', 'h.id')
            .where('m.moved_out_on', 'is', null)
            .where(f.care === 'any' ? (e) => e('m.care_flags', '<>', '') : contains('m.care_flags', f.care!)),
        ),
      );
    if (f.q) {
      const term = f.q;
      const phone = f.phone ?? null;
      const room = term.split('-');
      q = q.where((eb) =>
        eb.or([
          contains('h.name', term),
          eb('u.number', '=', term),
          ...(room.length === 2 ? [eb.and([eb('b.code', '=', room[0]!), eb('u.number', '=', room[1]!)])] : []),
          ...(room.length === 3 ? [eb.and([eb('b.code', '=', room[0]!), eb('u.entrance', '=', room[1]!), eb('u.number', '=', room[2]!)])] : []),
          eb.exists(
            eb
              .selectFrom('household_members as m')
              .select('m.id')
              .whereRef('m.household_id', '=', 'h.id')
              .where((m) => (phone ? m.or([contains('m.name', term), phoneMatches('m.phone', phone)]) : contains('m.name', term))),
          ),
        ]),
      );
    }
    const [items, count] = await Promise.all([
      q
        .select(['h.id', 'h.estate_id', 'h.unit_id', 'h.name', 'h.moved_in_on', 'u.entrance', 'u.number', 'b.code as building_code'])
        .orderBy('h.id')
        .limit(f.pageSize)
        .offset((f.page - 1) * f.pageSize)
        .execute(),
      q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items, total: Number(count.n) };
  },

  find(db: Executor, id: number) {
    return db.selectFrom('households').selectAll().where('id', '=', id).executeTakeFirst();
  },
  byUnit(db: Executor, unitId: number) {
    return db.selectFrom('households').selectAll().where('unit_id', '=', unitId).orderBy('id', 'desc').execute();
  },
  currentOfUnit(db: Executor, unitId: number) {
    return db.selectFrom('households').select('id').where('unit_id', '=', unitId).where('moved_out_on', 'is', null).executeTakeFirst();
  },
  insert(db: Executor, row: Insertable<HouseholdTable>) {
    return db.insertInto('households').values(row).returning('id').executeTakeFirstOrThrow();
  },
  update(db: Executor, id: number, row: Updateable<HouseholdTable>) {
    return db.updateTable('households').set(row).where('id', '=', id).execute();
  },

  members(db: Executor, householdIds: number[]) {
    if (!householdIds.length) return Promise.resolve([]);
    return db.selectFrom('household_members').selectAll().where('household_id', 'in', householdIds).orderBy('is_head', 'desc').orderBy('id').execute();
  },
  findMember(db: Executor, id: number) {
    return db.selectFrom('household_members').selectAll().where('id', '=', id).executeTakeFirst();
  },
  insertMember(db: Executor, row: Insertable<MemberTable>) {
    return db.insertInto('household_members').values(row).returning('id').executeTakeFirstOrThrow();
  },
  updateMember(db: Executor, id: number, row: Updateable<MemberTable>) {
    return db.updateTable('household_members').set(row).where('id', '=', id).execute();
  },
  /** Only one head per household: setting a new head clears the old one. */
  clearHead(db: Executor, householdId: number) {
    return db.updateTable('household_members').set({ is_head: 0 }).where('household_id', '=', householdId).execute();
  },

  ownerships(db: Executor, unitId: number) {
    return db.selectFrom('ownerships').selectAll().where('unit_id', '=', unitId).orderBy('ended_on', 'desc').orderBy('id', 'desc').execute();
  },
  findOwnership(db: Executor, id: number) {
    return db.selectFrom('ownerships').selectAll().where('id', '=', id).executeTakeFirst();
  },
  endOwnerships(db: Executor, unitId: number, endedOn: string, reason: string | null) {
    return db.updateTable('ownerships').set({ ended_on: endedOn, end_reason: reason }).where('unit_id', '=', unitId).where('ended_on', 'is', null).execute();
  },
  insertOwnership(db: Executor, row: Insertable<OwnershipTable>) {
    return db.insertInto('ownerships').values(row).returning('id').executeTakeFirstOrThrow();
  },
  updateOwnership(db: Executor, id: number, row: Updateable<OwnershipTable>) {
    return db.updateTable('ownerships').set(row).where('id', '=', id).execute();
  },

  tenancies(db: Executor, unitId: number) {
    return db.selectFrom('tenancies').selectAll().where('unit_id', '=', unitId).orderBy('start_on', 'desc').orderBy('id', 'desc').execute();
  },
  findTenancy(db: Executor, id: number) {
    return db.selectFrom('tenancies').selectAll().where('id', '=', id).executeTakeFirst();
  },
  insertTenancy(db: Executor, row: Insertable<TenancyTable>) {
    return db.insertInto('tenancies').values(row).returning('id').executeTakeFirstOrThrow();
  },
  updateTenancy(db: Executor, id: number, row: Updateable<TenancyTable>) {
    return db.updateTable('tenancies').set(row).where('id', '=', id).execute();
  },
};
