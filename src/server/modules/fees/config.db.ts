/** Whether a database error is a unique-constraint violation (SQLite or PostgreSQL), so a race answers 409, not 500. */
export function uniqueViolation(err: unknown): boolean {
  const e = err as { code?: string } | null;
  return e?.code === '23505' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE';
}
