import type SQLite from 'better-sqlite3';

/** What Kysely's SQLite driver uses of a statement. */
export interface DriverStatement {
  readonly reader: boolean;
  all(parameters: readonly unknown[]): unknown[];
  run(parameters: readonly unknown[]): SQLite.RunResult;
  iterate(parameters: readonly unknown[]): IterableIterator<unknown>;
}

/** The cached database as a source of statements (prepared.ts runs a transaction's queries on it). */
export interface StatementSource {
  prepare(text: string): DriverStatement;
}

const CACHED = 2000;

/**
 * Kysely prepares every query afresh; preparing costs more than running a small query on
 * SQLite. Statements are reusable once run (better-sqlite3 runs them synchronously), so keep
 * them by their SQL text. Schema changes (migrations) clear the cache.
 *
 * A cached reader also returns its rows through a row maker compiled for its columns:
 * better-sqlite3 builds each row object property by property from C++, which for a page of 20
 * tickets (47 columns) cost more than SQLite's own work; an object literal built in JavaScript
 * from the row's array costs less than half (bench/desk.ts, the ticket list).
 */
export function withStatementCache(sqlite: SQLite.Database): SQLite.Database {
  const cache = new Map<string, DriverStatement>();
  const prepare = sqlite.prepare.bind(sqlite);
  return new Proxy(sqlite, {
    get(target, prop, receiver) {
      if (prop !== 'prepare') {
        const value = Reflect.get(target, prop, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      }
      return (text: string): DriverStatement => {
        const hit = cache.get(text);
        if (hit) return hit;
        const stmt = prepare(text);
        if (/^\s*(create|alter|drop)\b/i.test(text)) {
          cache.clear();
          return stmt;
        }
        if (cache.size >= CACHED) return stmt;
        const kept = stmt.reader ? rowsAsObjects(stmt) : stmt;
        cache.set(text, kept);
        return kept;
      };
    },
  });
}

/** The statement in raw mode, its rows turned into objects by a function made for its columns. */
function rowsAsObjects(stmt: SQLite.Statement): DriverStatement {
  const names = stmt.columns().map((c) => c.name);
  // "__proto__" in a literal would set the prototype instead of a property: leave such a statement as it is.
  if (names.includes('__proto__')) return stmt;
  // Same as better-sqlite3's objects: a later column of the same name wins, as in an object literal.
  const make = new Function('r', `return {${names.map((n, i) => `${JSON.stringify(n)}: r[${i}]`).join(', ')}};`) as (row: unknown[]) => object;
  stmt.raw(true);
  return {
    reader: true,
    all(parameters) {
      const rows = stmt.all(parameters) as unknown[][];
      const out = new Array<object>(rows.length);
      for (let i = 0; i < rows.length; i++) out[i] = make(rows[i]);
      return out;
    },
    run: (parameters) => stmt.run(parameters),
    *iterate(parameters) {
      for (const row of stmt.iterate(parameters) as IterableIterator<unknown[]>) yield make(row);
    },
  };
}
