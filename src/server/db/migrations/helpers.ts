import type { ColumnDefinitionBuilder, CreateTableBuilder, Kysely } from 'kysely';
import type { Dialect } from '../database.ts';

/** Column types per dialect: the only place migrations branch on the database. */
export function types(dialect: Dialect) {
  const pg = dialect === 'postgres';
  return {
    instant: pg ? ('timestamptz' as const) : ('text' as const),
    date: pg ? ('date' as const) : ('text' as const),
    bool: pg ? ('smallint' as const) : ('integer' as const),
    id<T extends string>(t: CreateTableBuilder<T, never>) {
      return pg
        ? t.addColumn('id', 'serial', (c) => c.primaryKey())
        : t.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
    },
  };
}

export type Migration = {
  name: string;
  up(db: Kysely<any>, dialect: Dialect): Promise<void>;
};

export const notNull = (c: ColumnDefinitionBuilder) => c.notNull();
