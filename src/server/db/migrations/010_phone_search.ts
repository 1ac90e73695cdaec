import type { Kysely } from 'kysely';
import type { Dialect } from '../database.ts';
import { notNull, type Migration, types } from './helpers.ts';

/**
 * Full-number phone searches per user, so the search limit holds across instances (like
 * login_attempts). Rows older than the window are never read again.
 */
export const phoneSearch: Migration = {
  name: '010_phone_search',
  async up(db: Kysely<any>, dialect: Dialect) {
    const t = types(dialect);
    await t.id(db.schema.createTable('phone_searches')).addColumn('user_id', 'integer', notNull).addColumn('at', t.instant, notNull).execute();
    await db.schema.createIndex('phone_searches_user').on('phone_searches').columns(['user_id', 'at']).execute();
  },
};
