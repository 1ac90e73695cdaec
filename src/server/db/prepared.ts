import type { Compilable, CompiledQuery } from 'kysely';
import type { Executor } from './database.ts';

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
      return (await db.executeQuery<R>({ ...query, parameters })).rows;
    },
  };
}
