import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../database.ts';
import type { Migration } from './helpers.ts';

/**
 * A ticket is registered without an assignee, a resolution time and (from the desk) a portal
 * reporter; their indexes held an entry for every such NULL that no query asks for (each asks
 * `= ?` or a range, which only non-NULL values meet). Indexing only the set values spares each
 * registration three index writes (bench:desk), and the indexes shrink by the open and
 * desk-registered tickets. Both databases use a partial index when the query's condition implies
 * the index's; the pool (`assignee_id is null`) is found through the estate and status.
 */
const PARTIAL = [
  ['tickets_assignee', '(assignee_id, status)', 'assignee_id'],
  ['tickets_reporter', '(reporter_user_id)', 'reporter_user_id'],
  ['tickets_estate_resolved', '(estate_id, resolved_at)', 'resolved_at'],
] as const;

export const ticketPartialIndexes: Migration = {
  name: '029_ticket_partial_indexes',
  async up(db: Kysely<any>, dialect: Dialect) {
    if (dialect === 'postgres') await sql`set local statement_timeout = 0`.execute(db);
    for (const [name, columns, column] of PARTIAL) {
      await sql.raw(`drop index ${name}`).execute(db);
      await sql.raw(`create index ${name} on tickets ${columns} where ${column} is not null`).execute(db);
    }
  },
};
