/** db/sqlite-statements.ts: the cached statements Kysely runs on SQLite give the rows better-sqlite3 would. */
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withStatementCache } from '../../src/server/db/sqlite-statements.ts';

let raw: SQLite.Database;
let db: Kysely<any>;
beforeEach(() => {
  raw = new SQLite(':memory:');
  raw.exec(`create table t (id integer primary key, name text, n integer, x real, b blob, note text);
    create table u (id integer primary key, t_id integer, name text);
    insert into t values (1, '甲', 10, 1.5, x'00ff', null), (2, 'b', null, null, null, 'two');
    insert into u values (1, 1, 'u-one'), (2, 2, 'u-two');`);
  db = new Kysely({ dialect: new SqliteDialect({ database: withStatementCache(raw) }) });
});
afterEach(async () => db.destroy());

describe('SQLite statement cache', () => {
  it('returns the same rows as better-sqlite3, the second time from the cached statement too', async () => {
    const query = 'select t.*, u.name as u_name from t left join u on u.t_id = t.id where t.id >= ? order by t.id';
    for (let i = 0; i < 2; i++) {
      const { rows } = await sql.raw(query.replace('?', '1')).execute(db);
      expect(rows).toEqual(raw.prepare(query).all(1));
      expect(rows[0]).toEqual({ id: 1, name: '甲', n: 10, x: 1.5, b: Buffer.from([0, 255]), note: null, u_name: 'u-one' });
      expect(Object.getPrototypeOf(rows[0])).toBe(Object.prototype);
    }
  });

  it('lets a later column of the same name win, as better-sqlite3 does', async () => {
    const query = 'select t.name, u.name from t join u on u.t_id = t.id order by t.id';
    const { rows } = await sql.raw(query).execute(db);
    expect(rows).toEqual(raw.prepare(query).all());
    expect(rows).toEqual([{ name: 'u-one' }, { name: 'u-two' }]);
  });

  it('leaves a statement with a column named __proto__ to better-sqlite3 (a literal would set the prototype)', async () => {
    const query = `select t.id as "__proto__", u.name as other from t join u on u.t_id = t.id where t.id = 1`;
    const { rows } = await sql.raw(query).execute(db);
    expect(rows).toEqual(raw.prepare(query).all());
    expect(Object.getPrototypeOf(rows[0])).toBe(Object.prototype);
  });

  it('runs writes, returning rows and streams through the same cache', async () => {
    for (let i = 0; i < 2; i++) {
      const inserted = await db.insertInto('u').values({ t_id: 1, name: `new ${i}` }).returning(['id', 'name']).executeTakeFirstOrThrow();
      expect(inserted).toEqual({ id: 3 + i, name: `new ${i}` });
    }
    const updated = await db.updateTable('u').set({ name: 'renamed' }).where('t_id', '=', 1).executeTakeFirst();
    expect(Number(updated.numUpdatedRows)).toBe(3);
    const streamed: unknown[] = [];
    for await (const row of db.selectFrom('u').select(['id', 'name']).where('t_id', '=', 1).orderBy('id').stream()) streamed.push(row);
    expect(streamed).toEqual([
      { id: 1, name: 'renamed' },
      { id: 3, name: 'renamed' },
      { id: 4, name: 'renamed' },
    ]);
  });

  it('forgets its statements when the schema changes, so select * sees a new column', async () => {
    const before = await db.selectFrom('u').selectAll().where('id', '=', 1).executeTakeFirstOrThrow();
    expect(Object.keys(before)).toEqual(['id', 't_id', 'name']);
    await db.schema.alterTable('u').addColumn('floor', 'integer').execute();
    const after = await db.selectFrom('u').selectAll().where('id', '=', 1).executeTakeFirstOrThrow();
    expect(after).toEqual({ id: 1, t_id: 1, name: 'u-one', floor: null });
  });
});
