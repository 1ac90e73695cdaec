import type { Executor } from '../../db/database.ts';
import type { AuditLogTable } from '../../db/schema.ts';
import type { Insertable } from 'kysely';
import { visibleEstateIds, type Scope } from '../../../core/scope.ts';
import { prepared } from '../../db/prepared.ts';

/** An entry with every column given, so the one insert every write makes is compiled once. */
export type NewAuditEntry = Omit<Required<Insertable<AuditLogTable>>, 'id'>;
const COLUMNS: Array<keyof NewAuditEntry> = ['at', 'estate_id', 'actor_id', 'actor_name', 'action', 'entity', 'entity_id', 'summary', 'message', 'entity_ref', 'detail', 'ip'];
const insertQuery = prepared<NewAuditEntry, never>((db, arg) => db.insertInto('audit_log').values(Object.fromEntries(COLUMNS.map((c) => [c, arg(c)])) as NewAuditEntry));

export interface AuditFilter {
  scope: Scope;
  estateId?: number;
  actor?: string;
  action?: string;
  entity?: string;
  entityId?: string;
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

export const auditRepository = {
  async insert(db: Executor, row: NewAuditEntry) {
    await insertQuery.execute(db, row);
  },

  async list(db: Executor, f: AuditFilter) {
    let q = db.selectFrom('audit_log');
    const visible = visibleEstateIds(f.scope);
    // Entries without an estate (logins, user administration) are for administrators only.
    if (visible !== 'all') q = q.where('estate_id', 'in', visible.length ? visible : [-1]);
    if (f.estateId) q = q.where('estate_id', '=', f.estateId);
    if (f.actor) q = q.where('actor_name', '=', f.actor);
    if (f.action) q = q.where('action', '=', f.action);
    if (f.entity) q = q.where('entity', '=', f.entity);
    if (f.entityId) q = q.where('entity_id', '=', f.entityId);
    if (f.from) q = q.where('at', '>=', f.from);
    if (f.to) q = q.where('at', '<', f.to);
    const [items, count] = await Promise.all([
      q
        .selectAll('audit_log')
        // The operator as people know him; the login name stays in actor_name (and the filter).
        .select((eb) => eb.selectFrom('users').select('display_name').whereRef('users.id', '=', 'audit_log.actor_id').as('actor_display_name'))
        .orderBy('id', 'desc').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute(),
      q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items, total: Number(count.n) };
  },
};
