import { type Expression, type ExpressionBuilder, type Insertable, type SqlBool, sql, type Updateable } from 'kysely';
import { type Scope, seesWholeEstate } from '../../../core/scope.ts';
import { contains } from '../../db/codec.ts';
import type { Executor } from '../../db/database.ts';
import { prepared } from '../../db/prepared.ts';
import type { ReturnVisitTable, TicketEventTable, TicketTable } from '../../db/schema.ts';
import { inScope } from '../../db/scope-sql.ts';
import { portalTicketCondition } from '../households/portal-scope.ts';

export interface TicketFilter {
  scope: Scope;
  /** An owner's own requests (reporter), besides those of his units. */
  reporterId?: number;
  department?: string | null;
  estateId?: number;
  areaId?: number;
  unitId?: number;
  status?: string;
  open?: boolean;
  type?: string;
  assigneeId?: number;
  pool?: boolean;
  emergency?: boolean;
  agreement?: 'breached' | 'at_risk' | 'on_track' | 'paused' | 'met';
  now: string;
  warnUntil: string;
  q?: string;
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

/** Lists count matches up to this many, where ticket_counts cannot answer the filter. */
export const COUNT_CAP = 10_000;

const LIVE = ['registered', 'responded', 'dispatched', 'in_progress', 'paused', 'reopened'];
const FINISHED = ['resolved', 'confirmed', 'closed'];

function base(db: Executor) {
  return db
    .selectFrom('tickets as t')
    .leftJoin('units as u', 'u.id', 't.unit_id')
    .leftJoin('buildings as b', 'b.id', 'u.building_id')
    .leftJoin('ticket_categories as c', 'c.id', 't.category_id')
    .leftJoin('users as a', 'a.id', 't.assignee_id');
}

const COLUMNS = ['u.entrance as unit_entrance', 'u.number as unit_number', 'b.code as building_code', 'c.place as c_place', 'c.category as c_category', 'c.problem as c_problem', 'a.display_name as assignee_name'] as const;

/**
 * What a list row shows (desk.schemas.ts ticketListItem) and what its deadline state and actions
 * need. Half the ticket's columns: a page of 20 costs SQLite and the wire about half as much as
 * the whole tickets; the ticket page reads the rest.
 */
const LIST_COLUMNS = [
  't.id', 't.estate_id', 't.area_id', 't.number', 't.type', 't.unit_id', 't.reporter_name', 't.priority', 't.emergency', 't.incident_type', 't.title',
  't.department', 't.assignee_id', 't.appointment_at', 't.status', 't.response_due_at', 't.resolution_due_at', 't.responded_at', 't.resolved_at', 't.created_at',
  'u.entrance as unit_entrance', 'u.number as unit_number', 'b.code as building_code', 'a.display_name as assignee_name',
] as const;

/** Every column a registration writes, all given (a prepared insert names each one). */
export type NewTicket = Omit<Required<Insertable<TicketTable>>, 'id' | 'paused_from' | 'paused_at' | 'responded_at' | 'resolved_at' | 'confirmed_at' | 'closed_at' | 'cancelled_at' | 'cancel_reason' | 'rating' | 'rating_comment'>;
export type NewEvent = Omit<Required<Insertable<TicketEventTable>>, 'id'>;
const columnsOf = <T extends object>(cols: Array<keyof T & string>, arg: (name: keyof T & string) => unknown) => Object.fromEntries(cols.map((c) => [c, arg(c)])) as T;

// The registration path, compiled once (see db/prepared.ts).
const nextNumberQuery = prepared<{ estateId: number; name: string }, { value: number }>((db, arg) =>
  db
    .insertInto('counters')
    .values({ estate_id: arg('estateId'), name: arg('name'), value: 1 })
    .onConflict((oc) => oc.columns(['estate_id', 'name']).doUpdateSet((eb) => ({ value: eb('counters.value', '+', 1) })))
    .returning('value'),
);
const TICKET_COLUMNS: Array<keyof NewTicket> = ['estate_id', 'area_id', 'number', 'type', 'channel', 'unit_id', 'reporter_name', 'reporter_phone', 'reporter_user_id', 'category_id', 'priority', 'complex', 'emergency', 'incident_type', 'title', 'description', 'department', 'assignee_id', 'appointment_at', 'price', 'status', 'response_due_at', 'resolution_due_at', 'reopen_count', 'escalation_level', 'warned', 'created_by', 'created_at', 'updated_at'];
const insertQuery = prepared<NewTicket, { id: number }>((db, arg) => db.insertInto('tickets').values(columnsOf<NewTicket>(TICKET_COLUMNS, arg)).returning('id'));
const EVENT_COLUMNS: Array<keyof NewEvent> = ['estate_id', 'ticket_id', 'at', 'actor_id', 'actor_name', 'kind', 'from_status', 'to_status', 'note', 'internal', 'data'];
const insertEventQuery = prepared<NewEvent, { id: number }>((db, arg) => db.insertInto('ticket_events').values(columnsOf<NewEvent>(EVENT_COLUMNS, arg)).returning('id'));

export const ticketRepository = {
  async nextNumber(db: Executor, estateId: number, period: string): Promise<number> {
    const [row] = await nextNumberQuery.execute(db, { estateId, name: `ticket:${period}` });
    return row.value;
  },

  async insert(db: Executor, row: NewTicket) {
    const [r] = await insertQuery.execute(db, row);
    return r;
  },

  find(db: Executor, id: number) {
    return base(db).selectAll('t').select(COLUMNS).where('t.id', '=', id).executeTakeFirst();
  },

  /** Optimistic step: only applies when nobody moved the ticket since it was read. */
  async update(db: Executor, id: number, expectedStatus: string, patch: Updateable<TicketTable>): Promise<boolean> {
    const res = await db.updateTable('tickets').set(patch).where('id', '=', id).where('status', '=', expectedStatus).executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  },

  async list(db: Executor, f: TicketFilter) {
    const offset = (f.page - 1) * f.pageSize;
    const shape = staffShape(f);
    const compiled = shape && listQueriesOf(shape.key, f);
    // Filters touch only the ticket itself, so the count runs without the joins the page needs.
    const q = compiled ? null : filtered(db, f);
    const items = compiled
      ? await compiled.page.execute(db, { ...shape!.args, limit: f.pageSize, offset })
      : await withPage(q!).limit(f.pageSize).offset(offset).execute();
    // A page that is not full (and not past the end) is the last one: its matches are all counted.
    if (items.length && items.length < f.pageSize) return { items, total: offset + items.length, more: false };
    // Filters on the columns ticket_counts keeps (migration 027): the exact total from its rows.
    if (compiled?.summed) return { items, total: Number((await compiled.summed.execute(db, shape!.args))[0]?.n ?? 0), more: false };
    // Counting every match of a broad filter over a million tickets costs more than the page
    // itself. First ask whether a match lies beyond the cap (one index step per skipped entry,
    // about half of what counting them costs); only below the cap count them, up to it.
    const beyond = compiled ? (await compiled.beyond.execute(db, shape!.args))[0] : await beyondCap(q!).executeTakeFirst();
    if (beyond) return { items, total: COUNT_CAP, more: true };
    const count = compiled ? (await compiled.count.execute(db, shape!.args))[0] : await countUpToCap(db, q!).executeTakeFirstOrThrow();
    return { items, total: Number(count.n), more: false };
  },

  async insertEvent(db: Executor, row: NewEvent) {
    const [r] = await insertEventQuery.execute(db, row);
    return r;
  },
  events(db: Executor, ticketId: number) {
    return db.selectFrom('ticket_events').selectAll().where('ticket_id', '=', ticketId).orderBy('id').execute();
  },
  photos(db: Executor, ticketId: number) {
    return db.selectFrom('ticket_photos').selectAll().where('ticket_id', '=', ticketId).orderBy('id').execute();
  },
  steps(db: Executor, ticketId: number) {
    return db.selectFrom('ticket_steps').selectAll().where('ticket_id', '=', ticketId).orderBy('seq').execute();
  },
  latestVisit(db: Executor, ticketId: number) {
    return db.selectFrom('return_visits').selectAll().where('ticket_id', '=', ticketId).orderBy('id', 'desc').executeTakeFirst();
  },
  insertVisit(db: Executor, row: Insertable<ReturnVisitTable>) {
    return db.insertInto('return_visits').values(row).returning('id').executeTakeFirstOrThrow();
  },

  /** Active staff of an estate with one of the roles, optionally those covering an area. */
  async staff(db: Executor, estateId: number, roles: string[], areaId?: number | null, department?: string | null) {
    let q = db
      .selectFrom('users as u')
      .innerJoin('user_scopes as s', 's.user_id', 'u.id')
      .select(['u.id'])
      .distinct()
      .where('u.active', '=', 1)
      .where('u.role', 'in', roles)
      .where('s.estate_id', '=', estateId);
    if (areaId !== undefined) q = q.where((eb) => eb.or([eb('s.area_id', 'is', null), eb('s.area_id', '=', areaId)]));
    if (department) q = q.where('u.department', '=', department);
    return (await q.execute()).map((r) => r.id);
  },
};

type Arg = (name: string) => never;
/** The filter's value itself, or (building a compiled query, db/prepared.ts) its named slot. */
const valueOf = (f: TicketFilter, arg?: Arg) => (name: keyof TicketFilter) => (arg ? arg(name) : f[name]) as never;

/** The tickets a filter selects (no joins, no order): shared by the page, the cap test and the count. */
function filtered(db: Executor, f: TicketFilter, arg?: Arg) {
  const v = valueOf(f, arg);
  let q = db.selectFrom('tickets as t');
  if (f.reporterId !== undefined) {
    q = q.where((eb) => portalTicketCondition(eb, f.scope, f.reporterId!));
  } else if (!(f.estateId && seesWholeEstate(f.scope, f.estateId))) {
    // Within an estate the caller sees whole, the scope test adds nothing to estate_id = ?, but
    // SQLite still checks it on every index entry the count walks (half again its cost).
    q = q.where(arg ? scopeSlots(f.scope, arg) : inScope(f.scope, 't.estate_id', 't.area_id'));
  }
  if (f.department) q = q.where('t.department', '=', v('department'));
  if (f.estateId) q = q.where('t.estate_id', '=', v('estateId'));
  if (f.areaId) q = q.where('t.area_id', '=', v('areaId'));
  if (f.unitId) q = q.where('t.unit_id', '=', v('unitId'));
  if (f.status) q = q.where('t.status', '=', v('status'));
  if (f.open) q = q.where('t.status', 'in', [...LIVE, 'resolved']);
  if (f.type) q = q.where('t.type', '=', v('type'));
  if (f.assigneeId) q = q.where('t.assignee_id', '=', v('assigneeId'));
  if (f.pool) q = q.where('t.assignee_id', 'is', null).where('t.status', '=', 'dispatched');
  if (f.emergency) q = q.where('t.emergency', '=', 1);
  if (f.from) q = q.where('t.created_at', '>=', v('from'));
  if (f.to) q = q.where('t.created_at', '<', v('to'));
  if (f.q) q = q.where((eb) => eb.or([contains('t.number', f.q!), contains('t.title', f.q!), contains('t.reporter_name', f.q!)]));
  if (f.agreement) q = q.where(agreementCondition(f.agreement, f.now, f.warnUntil));
  return q;
}

type Filtered = ReturnType<typeof filtered>;
const withPage = (q: Filtered) =>
  q
    .leftJoin('units as u', 'u.id', 't.unit_id')
    .leftJoin('buildings as b', 'b.id', 'u.building_id')
    .leftJoin('users as a', 'a.id', 't.assignee_id')
    .select(LIST_COLUMNS)
    .orderBy('t.id', 'desc');
const beyondCap = (q: Filtered) => q.select('t.id').orderBy('t.id', 'desc').limit(1).offset(COUNT_CAP);
const countUpToCap = (db: Executor, q: Filtered) =>
  db.selectFrom(q.select(sql.lit(1).as('one')).limit(COUNT_CAP).as('m')).select((eb) => eb.fn.countAll<number>().as('n'));

/** inScope with a slot per estate and area (their number is part of the shape). */
function scopeSlots(scope: Scope, arg: Arg, estateCol = 't.estate_id', areaCol = 't.area_id') {
  return (eb: ExpressionBuilder<any, any>): Expression<SqlBool> => {
    if (scope.all) return sql<SqlBool>`1 = 1`;
    const parts: Expression<SqlBool>[] = [];
    if (scope.estates.length) parts.push(eb(estateCol, 'in', scope.estates.map((_, i) => arg(`scopeEstate${i}`))));
    if (scope.areas.length) parts.push(eb(areaCol, 'in', scope.areas.map((_, i) => arg(`scopeArea${i}`))));
    if (!parts.length) return eb(estateCol, '=', -1);
    return eb.or(parts);
  };
}

const SLOTTED = ['department', 'estateId', 'areaId', 'unitId', 'status', 'type', 'assigneeId', 'from', 'to'] as const;
const FLAGS = ['open', 'pool', 'emergency'] as const;

/**
 * A staff list's shape (which filters, how many scope entries) and its values. Building and
 * compiling the page, cap and count queries was a tenth of a list request; the queries of one
 * shape are compiled once. Text search, the agreement filter and the owner portal are built each time.
 */
function staffShape(f: TicketFilter): { key: string; args: Record<string, unknown> } | null {
  if (f.reporterId !== undefined || f.q || f.agreement) return null;
  const key: string[] = [];
  const args: Record<string, unknown> = {};
  if (!(f.estateId && seesWholeEstate(f.scope, f.estateId))) {
    key.push(f.scope.all ? 'all' : `scope:${f.scope.estates.length}:${f.scope.areas.length}`);
    if (!f.scope.all) {
      f.scope.estates.forEach((e, i) => (args[`scopeEstate${i}`] = e));
      f.scope.areas.forEach((a, i) => (args[`scopeArea${i}`] = a.areaId));
    }
  }
  for (const name of SLOTTED) {
    if (!f[name]) continue;
    key.push(name);
    args[name] = f[name];
  }
  for (const name of FLAGS) if (f[name]) key.push(name);
  return { key: key.join(','), args };
}

/** Filters ticket_counts can answer: estate, area, department, type, status (or open) and the scope. */
const SUMMED = new Set<string>(['department', 'estateId', 'areaId', 'status', 'type', 'open']);
const summable = (f: TicketFilter) => [...SLOTTED, ...FLAGS].every((name) => !f[name] || SUMMED.has(name));

/** The total of `filtered` from ticket_counts (kept by triggers, so exact). */
function summed(db: Executor, f: TicketFilter, arg: Arg) {
  const v = valueOf(f, arg);
  let q = db.selectFrom('ticket_counts as s').select((eb) => eb.fn.sum<number | string | null>('s.n').as('n'));
  if (!(f.estateId && seesWholeEstate(f.scope, f.estateId))) q = q.where(scopeSlots(f.scope, arg, 's.estate_id', 's.area_key'));
  if (f.department) q = q.where('s.department', '=', v('department'));
  if (f.estateId) q = q.where('s.estate_id', '=', v('estateId'));
  if (f.areaId) q = q.where('s.area_key', '=', v('areaId'));
  if (f.status) q = q.where('s.status', '=', v('status'));
  if (f.open) q = q.where('s.status', 'in', [...LIVE, 'resolved']);
  if (f.type) q = q.where('s.type', '=', v('type'));
  return q;
}

type ListQueries = ReturnType<typeof compileList>;
const listQueries = new Map<string, ListQueries>();
function compileList(f: TicketFilter) {
  return {
    page: prepared<Record<string, unknown>, ListRow>((db, arg) => withPage(filtered(db, f, arg as Arg)).limit(arg('limit') as never).offset(arg('offset') as never)),
    beyond: prepared<Record<string, unknown>, { id: number }>((db, arg) => beyondCap(filtered(db, f, arg as Arg))),
    count: prepared<Record<string, unknown>, { n: number }>((db, arg) => countUpToCap(db, filtered(db, f, arg as Arg))),
    summed: summable(f) ? prepared<Record<string, unknown>, { n: number | string | null }>((db, arg) => summed(db, f, arg as Arg)) : null,
  };
}
export type ListRow = Awaited<ReturnType<ReturnType<typeof withPage>['execute']>>[number];
function listQueriesOf(key: string, f: TicketFilter): ListQueries {
  let q = listQueries.get(key);
  if (!q) {
    // Shapes are few (the desk's filter combinations); the bound only stops a flood.
    if (listQueries.size >= 1_000) listQueries.clear();
    listQueries.set(key, (q = compileList(f)));
  }
  return q;
}

/** The SQL form of core/sla.ts agreement(), for filtering a list by it. */
function agreementCondition(kind: NonNullable<TicketFilter['agreement']>, now: string, warnUntil: string) {
  return (eb: any) => {
    const responseLate = eb.or([
      eb.and([eb('t.responded_at', 'is', null), eb('t.response_due_at', '<', now)]),
      eb('t.responded_at', '>', eb.ref('t.response_due_at')),
    ]);
    const live = eb('t.status', 'in', LIVE);
    switch (kind) {
      case 'breached':
        return eb.and([
          eb('t.status', '<>', 'cancelled'),
          eb.or([
            responseLate,
            eb.and([live, eb('t.status', '<>', 'paused'), eb('t.resolution_due_at', '<', now)]),
            eb.and([eb('t.status', 'in', FINISHED), eb('t.resolved_at', '>', eb.ref('t.resolution_due_at'))]),
          ]),
        ]);
      case 'paused':
        return eb('t.status', '=', 'paused');
      case 'met':
        return eb.and([eb('t.status', 'in', FINISHED), eb.not(responseLate), eb('t.resolved_at', '<=', eb.ref('t.resolution_due_at'))]);
      case 'at_risk':
      case 'on_track': {
        const notLate = eb.and([live, eb('t.status', '<>', 'paused'), eb.not(responseLate), eb('t.resolution_due_at', '>=', now)]);
        const risky = eb.or([eb.and([eb('t.responded_at', 'is', null), eb('t.response_due_at', '<=', warnUntil)]), eb('t.resolution_due_at', '<=', warnUntil)]);
        return eb.and([notLate, kind === 'at_risk' ? risky : eb.not(risky)]);
      }
    }
  };
}
