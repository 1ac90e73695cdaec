import type { Compilable, CompiledQuery } from 'kysely';
import type { Executor } from './database.ts';
import type { StatementSource } from './sqlite-statements.ts';

/** Placeholder values: unlikely text that cannot collide with anything a caller passes. */
const SLOT = '\u0000slot:';

/**
 * A query of fixed shape, built and compiled once per dialect and then run with new values.
 * Kysely rebuilds and recompiles a query on every call, which on the registration path cost more
 * than running the statements on SQLite; here only the parameter list is made per call. The
 * builder receives `arg(name)` in place of each varying value (never inside a list, whose length
 * would change the text); other values stay as compiled, and the same compiled text runs on the database or in a transaction.
 */
export function prepared<A extends Record<string, unknown>, R>(build: (db: Executor, arg: <K extends keyof A & string>(name: K) => A[K]) => Compilable<R>) {
  // Keyed by the dialect's adapter, shared by a Kysely instance and its transactions.
  const compiled = new WeakMap<object, { query: CompiledQuery<R>; slots: Array<string | null> }>();
  const compile = (db: Executor) => {
    const query = build(db, (name) => `${SLOT}${name}` as never).compile();
    const slots = query.parameters.map((p) => (typeof p === 'string' && p.startsWith(SLOT) ? p.slice(SLOT.length) : null));
    return { query, slots };
  };
  return {
    async execute(db: Executor, args: A): Promise<R[]> {
      const adapter = db.getExecutor().adapter;
      let c = compiled.get(adapter);
      if (!c) compiled.set(adapter, (c = compile(db)));
      const { query, slots } = c;
      const parameters = query.parameters.map((fixed, i) => (slots[i] === null ? fixed : args[slots[i]!]));
      return executeCompiled<R>(db, { ...query, parameters });
    },
  };
}

// SQLite's cached statements, by the dialect's adapter of the Kysely instance they belong to.
const direct = new WeakMap<object, StatementSource>();

/** Lets the transactions of this SQLite database run their compiled queries on its statements (executeCompiled). */
export function directInTransactions(db: Executor, statements: StatementSource) {
  direct.set(db.getExecutor().adapter, statements);
}

/**
 * Runs a compiled query. In a transaction on SQLite it runs straight on the statement cache: the
 * transaction holds SQLite's one connection, so this is what Kysely's driver would do there,
 * without its connection hand-over and the promises around each statement (3–5 µs a statement,
 * and a registration runs seven in its transaction). Outside a transaction Kysely's driver runs
 * it: its lock keeps the statement out of a transaction another request has open.
 */
export async function executeCompiled<R>(db: Executor, query: CompiledQuery<R>): Promise<R[]> {
  const statements = db.isTransaction ? direct.get(db.getExecutor().adapter) : undefined;
  if (!statements) return (await db.executeQuery<R>(query)).rows;
  const stmt = statements.prepare(query.sql);
  if (stmt.reader) return stmt.all(query.parameters) as R[];
  stmt.run(query.parameters);
  return [];
}
