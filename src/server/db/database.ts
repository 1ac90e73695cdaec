import fs from 'node:fs';
import path from 'node:path';
import { inspect } from 'node:util';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql, type Transaction } from 'kysely';
import pg from 'pg';
import { BACKSTOP_PAGES, startCheckpointer } from './checkpoint.ts';
import { directInTransactions } from './prepared.ts';
import { type StatementSource, withStatementCache } from './sqlite-statements.ts';
import type { DB } from './schema.ts';

export type Dialect = 'sqlite' | 'postgres';
export type Db = Kysely<DB>;
export type Trx = Transaction<DB>;
/** A handle that may be the database or an open transaction: repositories accept either. */
export type Executor = Kysely<DB>;

export interface Database {
  db: Db;
  dialect: Dialect;
  /** PostgreSQL schema when not the default one. */
  schema?: string;
  destroy(): Promise<void>;
}

export interface DatabaseOptions {
  databaseUrl?: string;
  /** SQLite file path, or ':memory:'. */
  sqliteFile?: string;
  /** PostgreSQL schema to use (tests give each file its own). */
  pgSchema?: string;
  /** Where the pool's one-line error messages go (console.error by default). */
  log?: (line: string) => void;
}

/**
 * PostgreSQL limits. A new connection waits at most CONNECT_MS (a server that does not answer
 * must not hold requests forever); a statement runs at most STATEMENT_MS on the server, and the
 * client gives up a little later if the server vanished without closing the socket. The longest
 * legitimate statements (the yearly statistics of a large estate) take a few seconds.
 */
export const PG_LIMITS = { connectMs: 5_000, statementMs: 30_000, queryMs: 35_000, idleInTransactionMs: 60_000 };

/** An error's code and message on one line, with anything shaped like a connection URL blanked. */
export function redactedError(err: unknown): string {
  const e = err as { code?: unknown; message?: unknown } | null;
  const text = `${typeof e?.code === 'string' ? `${e.code} ` : ''}${typeof e?.message === 'string' ? e.message : String(err)}`;
  return text.replace(/\b[a-z][a-z0-9+.-]*:\/\/[^\s'"]+/gi, '[url]').replace(/\s+/g, ' ').slice(0, 300);
}

/** pg hangs the client (with its connection parameters: the password) on errors; never let a log print it. */
function hideClient(err: unknown) {
  if (err && typeof err === 'object' && 'client' in err) Object.defineProperty(err, 'client', { enumerable: false, value: undefined });
}

// PostgreSQL returns int8 as string and dates as Date objects; the app works with numbers and
// ISO strings on both databases, so parse them once here.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));
pg.types.setTypeParser(1700, (v) => Number(v));
pg.types.setTypeParser(1082, (v) => v);
pg.types.setTypeParser(1184, (v) => new Date(v).toISOString());
pg.types.setTypeParser(1114, (v) => new Date(`${v}Z`).toISOString());

export function openDatabase(opts: DatabaseOptions): Database {
  if (opts.databaseUrl) {
    const log = opts.log ?? ((line: string) => console.error(line));
    const pool = new pg.Pool({
      connectionString: opts.databaseUrl,
      max: 10,
      connectionTimeoutMillis: PG_LIMITS.connectMs,
      statement_timeout: PG_LIMITS.statementMs,
      query_timeout: PG_LIMITS.queryMs,
      idle_in_transaction_session_timeout: PG_LIMITS.idleInTransactionMs,
      keepAlive: true,
      ...(opts.pgSchema ? { options: `-c search_path=${opts.pgSchema}` } : {}),
    });
    // A restarted or unreachable server: pg drops the broken client from the pool and makes new
    // ones on demand; without these listeners the 'error' event would end the process. The pool's
    // event comes first for an idle client (pg has hung the client on the error by then); the
    // client's own listener, there checked out or idle, writes the one line.
    pool.on('error', hideClient);
    pool.on('connect', (client) => {
      client.on('error', (err) => {
        hideClient(err);
        log(`database: connection lost (${redactedError(err)}); new connections are made on demand`);
      });
      const shown = () => '[pg client]';
      Object.defineProperties(client, { toJSON: { value: shown }, [inspect.custom]: { value: shown } });
    });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return { db, dialect: 'postgres', schema: opts.pgSchema, destroy: () => db.destroy() };
  }
  const file = opts.sqliteFile ?? ':memory:';
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  // SQLite's default page cache is 2 MB: with a million tickets (500 MB) a page of 20 rows read
  // most of its pages from the OS again. 64 MB (grown only as pages are read) keeps the hot
  // index and table pages of a large estate in memory.
  sqlite.pragma('cache_size = -65536');
  // Temporary files in memory. The one that matters: a savepoint's journal (the commit group runs
  // each registration in one) went to a temporary file once it outgrew 64 KiB and stayed one for
  // the transaction, two writes per page touched: about 40 write calls per registration where 3
  // remain (strace under bench:desk). Such journals are never needed after a crash. Sorts and
  // temporary b-trees that outgrow the page cache stay in memory too; the largest here are the
  // indexes a backup's VACUUM INTO rebuilds, tens of MB at a million tickets.
  sqlite.pragma('temp_store = MEMORY');
  const checkpointer = file === ':memory:' ? null : startCheckpointer(file);
  if (checkpointer) sqlite.pragma(`wal_autocheckpoint = ${BACKSTOP_PAGES}`);
  const statements = withStatementCache(sqlite);
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: statements }) });
  directInTransactions(db, statements as unknown as StatementSource);
  return {
    db,
    dialect: 'sqlite',
    destroy: async () => {
      await checkpointer?.stop();
      await db.destroy();
    },
  };
}

/** Creates the schema a PostgreSQL test file works in; returns its name. */
export async function createPgSchema(databaseUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${name} CASCADE`);
    await client.query(`CREATE SCHEMA ${name}`);
  } finally {
    await client.end();
  }
}

export async function dropPgSchema(databaseUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${name} CASCADE`);
  } finally {
    await client.end();
  }
}

/** `select 1`, given up after `timeoutMs` (the health check must answer even when the database does not). */
export async function ping(db: Db, timeoutMs = 2_000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('database did not answer in time')), timeoutMs);
  });
  try {
    await Promise.race([sql`select 1`.execute(db), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
