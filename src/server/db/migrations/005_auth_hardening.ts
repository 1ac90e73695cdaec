import { type Kysely, sql } from 'kysely';
import { type Migration, types } from './helpers.ts';

/**
 * Usernames unique whatever their case (sign-in ignores case), and login attempts that can be
 * reserved before the password is checked: a refused attempt is kept for the record but no longer
 * counts, `kind` tells a sign-in from an own password change's old-password check.
 */
export const authHardening: Migration = {
  name: '005_auth_hardening',
  async up(db: Kysely<any>, dialect) {
    const t = types(dialect);
    // Existing names that differ only in case: stop with their names rather than pick a winner.
    const clashes = await sql<{ name: string }>`
      select lower(username) as name, count(*) as n from users group by lower(username) having count(*) > 1`.execute(db);
    if (clashes.rows.length) {
      const names = clashes.rows.map((r) => r.name).join(', ');
      throw new Error(`用户名仅大小写不同，请先改名其一再升级 Usernames differ only in case, rename one before upgrading: ${names}`);
    }
    await db.schema.createIndex('users_username_lower').on('users').unique().expression(sql`lower(username)`).execute();

    await db.schema.alterTable('login_attempts').addColumn('refused', t.bool, (c) => c.notNull().defaultTo(0)).execute();
    await db.schema.alterTable('login_attempts').addColumn('kind', 'varchar(16)', (c) => c.notNull().defaultTo('login')).execute();
    await db.schema.createIndex('login_attempts_user_ip').on('login_attempts').columns(['username', 'ip', 'at']).execute();
  },
};
