import type { Executor } from '../../db/database.ts';

export const authRepository = {
  findUserByUsername(db: Executor, username: string) {
    return db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
  },

  insertSession(db: Executor, row: { id: string; user_id: number; created_at: string; expires_at: string; ip: string; user_agent: string | null }) {
    return db.insertInto('sessions').values(row).execute();
  },

  /** The live session with its user and his scope rows, in one query: this runs on every request. */
  findSession(db: Executor, id: string, now: string) {
    return db
      .selectFrom('sessions as s')
      .innerJoin('users as u', 'u.id', 's.user_id')
      .leftJoin('user_scopes as us', 'us.user_id', 'u.id')
      .select(['s.id as session_id', 'u.id', 'u.username', 'u.display_name', 'u.role', 'u.active', 'u.department', 'us.estate_id as scope_estate', 'us.area_id as scope_area'])
      .where('s.id', '=', id)
      .where('s.revoked_at', 'is', null)
      .where('s.expires_at', '>', now)
      .execute();
  },

  revokeSession(db: Executor, id: string, now: string) {
    return db.updateTable('sessions').set({ revoked_at: now }).where('id', '=', id).execute();
  },

  revokeUserSessions(db: Executor, userId: number, now: string) {
    return db.updateTable('sessions').set({ revoked_at: now }).where('user_id', '=', userId).where('revoked_at', 'is', null).execute();
  },

  recordAttempt(db: Executor, row: { username: string; ip: string; at: string; success: number }) {
    return db.insertInto('login_attempts').values(row).execute();
  },

  /** Failures since the last success (or since the window start, whichever is later). */
  async countFailures(db: Executor, by: 'username' | 'ip', value: string, since: string): Promise<number> {
    const lastSuccess = await db
      .selectFrom('login_attempts')
      .select((eb) => eb.fn.max('at').as('at'))
      .where(by, '=', value)
      .where('success', '=', 1)
      .where('at', '>=', since)
      .executeTakeFirst();
    const from = lastSuccess?.at && lastSuccess.at > since ? lastSuccess.at : since;
    const row = await db
      .selectFrom('login_attempts')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where(by, '=', value)
      .where('success', '=', 0)
      .where('at', '>=', from)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  },

  ownedUnits(db: Executor, userId: number) {
    return db.selectFrom('owner_units').select(['unit_id']).where('user_id', '=', userId).execute();
  },
};
