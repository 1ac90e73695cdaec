/**
 * PostgreSQL test runs (DATABASE_URL set): builds the run's template databases before any file
 * starts (test/helpers/pg-templates.ts), and drops every test database, template and schema once
 * every file has finished, not as each file ends: Kysely's migrator looks at every schema of the
 * database when a file starts, and a schema dropped by another file at that very moment made it
 * fail with "schema … does not exist".
 */
import pg from 'pg';
import { dropPgSchema } from '../../src/server/db/database.ts';
import { buildTemplates, dropTestDatabases } from './pg-templates.ts';

export async function setup() {
  const url = process.env.DATABASE_URL;
  if (!url) return;
  try {
    await buildTemplates(url);
  } catch (err) {
    // A role without CREATEDB: every test app migrates and seeds its own schema, as it did before.
    console.warn(`PostgreSQL test templates not built (${(err as Error).message}); each test app builds its own schema`);
  }
}

export async function teardown() {
  const url = process.env.DATABASE_URL;
  if (!url) return;
  await dropTestDatabases(url);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query<{ nspname: string }>(`select nspname from pg_namespace where nspname ~ '^t_[0-9a-f]{12}$'`).finally(() => client.end());
  for (const r of rows) await dropPgSchema(url, r.nspname);
}
