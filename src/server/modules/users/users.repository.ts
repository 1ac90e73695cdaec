import { type Insertable, sql, type Updateable } from 'kysely';
import { contains } from '../../db/codec.ts';
import type { Executor } from '../../db/database.ts';
import type { UserTable } from '../../db/schema.ts';

export const userRepository = {
  async list(db: Executor, f: { role?: string; q?: string; active?: number; page: number; pageSize: number }) {
    let q = db.selectFrom('users');
    if (f.role) q = q.where('role', '=', f.role);
    if (f.active !== undefined) q = q.where('active', '=', f.active);
    if (f.q) q = q.where((eb) => eb.or([contains('username', f.q!), contains('display_name', f.q!)]));
    const [items, count] = await Promise.all([
      q.select(['id', 'username', 'display_name', 'role', 'phone', 'department', 'active', 'created_at']).orderBy('id').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute(),
      q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items, total: Number(count.n) };
  },
  find(db: Executor, id: number) {
    return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  },
  /** Whatever the case: "Zhang" and "zhang" are the same account name. */
  findByUsername(db: Executor, username: string) {
    return db.selectFrom('users').select('id').where(sql`lower(username)`, '=', username.toLowerCase()).executeTakeFirst();
  },
  countOtherActiveAdmins(db: Executor, exceptId: number) {
    return db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('role', '=', 'admin')
      .where('active', '=', 1)
      .where('id', '<>', exceptId)
      .executeTakeFirstOrThrow()
      .then((r) => Number(r.n));
  },
  /**
   * Takes a lock row that changes removing an administrator all write: on PostgreSQL the second of
   * two such changes waits for the first to commit, and its next statement sees what it left.
   */
  lockAdminChanges(db: Executor, now: string) {
    return db
      .insertInto('settings')
      .values({ key: 'lock.admins', value: '', updated_at: now })
      .onConflict((oc) => oc.column('key').doUpdateSet({ updated_at: now }))
      .execute();
  },
  insert(db: Executor, row: Insertable<UserTable>) {
    return db.insertInto('users').values(row).returning('id').executeTakeFirstOrThrow();
  },
  update(db: Executor, id: number, row: Updateable<UserTable>) {
    return db.updateTable('users').set(row).where('id', '=', id).execute();
  },
  scopes(db: Executor, userIds: number[]) {
    if (!userIds.length) return Promise.resolve([]);
    return db.selectFrom('user_scopes').select(['user_id', 'estate_id', 'area_id']).where('user_id', 'in', userIds).orderBy('id').execute();
  },
  units(db: Executor, userIds: number[]) {
    if (!userIds.length) return Promise.resolve([]);
    return db.selectFrom('owner_units').select(['user_id', 'unit_id']).where('user_id', 'in', userIds).orderBy('id').execute();
  },
  /** Scope rows are configuration, not records people entered: replaced as a set, and the change audited. */
  async replaceScopes(db: Executor, userId: number, scopes: Array<{ estate_id: number; area_id: number | null }>) {
    await db.deleteFrom('user_scopes').where('user_id', '=', userId).execute();
    if (scopes.length) await db.insertInto('user_scopes').values(scopes.map((s) => ({ ...s, user_id: userId }))).execute();
  },
  async replaceUnits(db: Executor, userId: number, units: Array<{ unit_id: number; estate_id: number; ownership_id?: number | null; tenancy_id?: number | null }>) {
    await db.deleteFrom('owner_units').where('user_id', '=', userId).execute();
    if (units.length) await db.insertInto('owner_units').values(units.map((u) => ({ ...u, user_id: userId }))).execute();
  },
};
