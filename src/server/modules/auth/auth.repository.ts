import { sql } from 'kysely';
import type { Executor } from '../../db/database.ts';
import { prepared } from '../../db/prepared.ts';
import { SessionCache } from './session-cache.ts';

export type AttemptKey = 'username' | 'ip' | 'user_ip';

/** Resolved sessions of this process (see session-cache.ts); revoking here drops them at once. */
export const sessionCache = new SessionCache<unknown>();

const sessionQuery = prepared<{ id: string; now: string }, SessionRow>((db, arg) =>
  db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .leftJoin('user_scopes as us', 'us.user_id', 'u.id')
    .select(['s.id as session_id', 's.expires_at', 'u.id', 'u.username', 'u.display_name', 'u.role', 'u.active', 'u.department', 'us.estate_id as scope_estate', 'us.area_id as scope_area'])
    .where('s.id', '=', arg('id'))
    .where('s.revoked_at', 'is', null)
    .where('s.expires_at', '>', arg('now')),
);
export interface SessionRow {
  session_id: string;
  expires_at: string;
  id: number;
  username: string;
  display_name: string;
  role: string;
  active: number;
  department: string | null;
  scope_estate: number | null;
  scope_area: number | null;
}

/** Rows that count against a limit: failures, and attempts still being checked. */
const counted = { success: 0, refused: 0 } as const;

export const authRepository = {
  /** Usernames are unique whatever their case (index users_username_lower). */
  findUserByUsername(db: Executor, username: string) {
    return db.selectFrom('users').selectAll().where(sql`lower(username)`, '=', username.toLowerCase()).executeTakeFirst();
  },

  findUser(db: Executor, id: number) {
    return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  },

  setPasswordHash(db: Executor, id: number, hash: string, now: string) {
    return db.updateTable('users').set({ password_hash: hash, updated_at: now }).where('id', '=', id).execute();
  },

  insertSession(db: Executor, row: { id: string; user_id: number; created_at: string; expires_at: string; ip: string; user_agent: string | null }) {
    return db.insertInto('sessions').values(row).execute();
  },

  /** The live session with its user and his scope rows, in one query: this runs on every request. */
  findSession(db: Executor, id: string, now: string) {
    return sessionQuery.execute(db, { id, now });
  },

  revokeSession(db: Executor, id: string, now: string) {
    sessionCache.forget(id);
    return db.updateTable('sessions').set({ revoked_at: now }).where('id', '=', id).execute();
  },

  /** All of a user's sessions, or all but `keep` (the one changing its own password). */
  revokeUserSessions(db: Executor, userId: number, now: string, keep?: string) {
    sessionCache.forgetUser(userId);
    let q = db.updateTable('sessions').set({ revoked_at: now }).where('user_id', '=', userId).where('revoked_at', 'is', null);
    if (keep) q = q.where('id', '<>', keep);
    return q.execute();
  },

  /**
   * Reserves an attempt: the row counts as a failure from the moment it is committed (outside any
   * transaction, so every other request sees it) until the check marks it a success.
   */
  async reserveAttempt(db: Executor, row: { username: string; ip: string; at: string; kind: string }) {
    const { id } = await db.insertInto('login_attempts').values({ ...row, success: 0 }).returning('id').executeTakeFirstOrThrow();
    return id;
  },

  markAttempt(db: Executor, id: number, set: { success: 1 } | { refused: 1 }) {
    return db.updateTable('login_attempts').set(set).where('id', '=', id).execute();
  },

  /** Counted attempts in the window for the username and address, the username, and the address: one query. */
  async countAttempts(db: Executor, username: string, ip: string, since: string) {
    const row = await db
      .selectFrom('login_attempts')
      .select([
        sql<number>`coalesce(sum(case when username = ${username} and ip = ${ip} then 1 else 0 end), 0)`.as('user_ip'),
        sql<number>`coalesce(sum(case when username = ${username} then 1 else 0 end), 0)`.as('username'),
        sql<number>`coalesce(sum(case when ip = ${ip} then 1 else 0 end), 0)`.as('ip'),
      ])
      .where((eb) => eb.or([eb('username', '=', username), eb('ip', '=', ip)]))
      .where('success', '=', counted.success)
      .where('refused', '=', counted.refused)
      .where('at', '>=', since)
      .executeTakeFirstOrThrow();
    return { user_ip: Number(row.user_ip), username: Number(row.username), ip: Number(row.ip) };
  },

  /** The time of the `nth` most recent counted attempt (1-based) for a key in the window. */
  async nthRecentAttempt(db: Executor, key: AttemptKey, username: string, ip: string, since: string, nth: number) {
    let q = db.selectFrom('login_attempts').select('at').where('success', '=', counted.success).where('refused', '=', counted.refused).where('at', '>=', since);
    if (key !== 'ip') q = q.where('username', '=', username);
    if (key !== 'username') q = q.where('ip', '=', ip);
    const row = await q.orderBy('at', 'desc').limit(1).offset(nth - 1).executeTakeFirst();
    return row?.at ?? null;
  },
};
