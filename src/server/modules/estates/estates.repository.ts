import type { Insertable, Updateable } from 'kysely';
import type { Executor } from '../../db/database.ts';
import type { AreaTable, EstateTable } from '../../db/schema.ts';

export const estateRepository = {
  listEstates(db: Executor, ids: number[] | 'all') {
    let q = db
      .selectFrom('estates as e')
      .selectAll('e')
      .select((eb) => [
        eb.selectFrom('buildings as b').whereRef('b.estate_id', '=', 'e.id').where('b.archived_at', 'is', null).select(eb.fn.countAll<number>().as('n')).as('building_count'),
        eb.selectFrom('units as u').whereRef('u.estate_id', '=', 'e.id').where('u.archived_at', 'is', null).select(eb.fn.countAll<number>().as('n')).as('unit_count'),
      ])
      .orderBy('e.id');
    if (ids !== 'all') q = q.where('e.id', 'in', ids.length ? ids : [-1]);
    return q.execute();
  },
  findEstate(db: Executor, id: number) {
    return db.selectFrom('estates').selectAll().where('id', '=', id).executeTakeFirst();
  },
  findEstateByCode(db: Executor, code: string) {
    return db.selectFrom('estates').select('id').where('code', '=', code).executeTakeFirst();
  },
  insertEstate(db: Executor, row: Insertable<EstateTable>) {
    return db.insertInto('estates').values(row).returning('id').executeTakeFirstOrThrow();
  },
  updateEstate(db: Executor, id: number, row: Updateable<EstateTable>) {
    return db.updateTable('estates').set(row).where('id', '=', id).execute();
  },

  listAreas(db: Executor, estateIds: number[] | 'all', areaIds: number[] | null) {
    let q = db
      .selectFrom('areas as a')
      .leftJoin('users as m', 'm.id', 'a.manager_user_id')
      .selectAll('a')
      .select('m.display_name as manager_name')
      .select((eb) =>
        eb.selectFrom('buildings as b').whereRef('b.area_id', '=', 'a.id').where('b.archived_at', 'is', null).select(eb.fn.countAll<number>().as('n')).as('building_count'),
      )
      .orderBy('a.estate_id')
      .orderBy('a.name');
    if (estateIds !== 'all') q = q.where('a.estate_id', 'in', estateIds.length ? estateIds : [-1]);
    if (areaIds) q = q.where('a.id', 'in', areaIds.length ? areaIds : [-1]);
    return q.execute();
  },
  findArea(db: Executor, id: number) {
    return db.selectFrom('areas').selectAll().where('id', '=', id).executeTakeFirst();
  },
  findAreaByName(db: Executor, estateId: number, name: string) {
    return db.selectFrom('areas').select('id').where('estate_id', '=', estateId).where('name', '=', name).executeTakeFirst();
  },
  insertArea(db: Executor, row: Insertable<AreaTable>) {
    return db.insertInto('areas').values(row).returning('id').executeTakeFirstOrThrow();
  },
  async updateArea(db: Executor, id: number, row: Updateable<AreaTable>) {
    // An empty PATCH sets nothing (an UPDATE without columns is a SQL error, found by the fuzz test).
    if (Object.values(row).every((v) => v === undefined)) return;
    await db.updateTable('areas').set(row).where('id', '=', id).execute();
  },
};
