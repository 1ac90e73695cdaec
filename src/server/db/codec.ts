/**
 * The few places where SQLite and PostgreSQL differ, in one file. Booleans are stored as 0/1
 * integers on both (better-sqlite3 cannot bind JS booleans), JSON as text.
 */
export const toBool = (v: number | boolean | null | undefined): boolean => v === 1 || v === true;
export const fromBool = (v: boolean | undefined | null): number => (v ? 1 : 0);

export function toJson<T>(text: string | null): T | null {
  return text == null ? null : (JSON.parse(text) as T);
}
export function fromJson(value: unknown): string | null {
  return value == null ? null : JSON.stringify(value);
}

export function splitList(v: string | null | undefined): string[] {
  return v ? v.split(',').filter(Boolean) : [];
}
export function joinList(v: readonly string[] | undefined | null): string {
  return (v ?? []).join(',');
}

/** Escapes LIKE wildcards so a user's "%" or "_" is searched for literally. */
export function likeContains(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

import { sql, type RawBuilder } from 'kysely';

/** Case-sensitive substring match that treats the user's text literally on both databases. */
export function contains(column: string, term: string): RawBuilder<boolean> {
  return sql<boolean>`${sql.ref(column)} like ${likeContains(term)} escape '\\'`;
}

/** The calendar day (YYYY-MM-DD) of a stored instant in China time, in SQL, for grouping by day. */
export function chinaDay(dialect: 'sqlite' | 'postgres', column: string): RawBuilder<string> {
  return dialect === 'postgres'
    ? sql<string>`to_char(${sql.ref(column)} at time zone 'Asia/Shanghai', 'YYYY-MM-DD')`
    : sql<string>`date(${sql.ref(column)}, '+8 hours')`;
}

/** Rows or ids per statement: well under SQLite's 32,766 and PostgreSQL's 65,535 parameters. */
export const ID_CHUNK = 500;

/** A list cut in slices of `size` (an `in (…)` list or a multi-row insert per slice). */
export function chunks<T>(list: readonly T[], size = ID_CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}
