/**
 * PostgreSQL test runs: each test file gets its own schema (test/helpers/app.ts). The schemas are
 * dropped here, once every file has finished, not as each file ends: Kysely's migrator looks at
 * every schema of the database when a file starts, and a schema dropped by another file at that
 * very moment made it fail with "schema … does not exist".
 */
import pg from 'pg';
import { dropPgSchema } from '../../src/server/db/database.ts';

export async function teardown() {
  const url = process.env.DATABASE_URL;
  if (!url) return;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query<{ nspname: string }>(`select nspname from pg_namespace where nspname ~ '^t_[0-9a-f]{12}$'`).finally(() => client.end());
  for (const r of rows) await dropPgSchema(url, r.nspname);
}
