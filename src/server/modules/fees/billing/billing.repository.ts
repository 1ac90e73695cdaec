/**
 * The billing run's reads and writes: every input of a run in a few bulk queries, and bill lines
 * inserted in multi-row batches of a fixed size through one compiled statement per size.
 */
import type { CompiledQuery, Insertable } from 'kysely';
import { addMonths } from '../../../../core/fees.ts';
import { unitLabel } from '../../../../core/units.ts';
import { chunks } from '../../../db/codec.ts';
import type { Executor } from '../../../db/database.ts';
import type { BillingRunTable } from '../../../db/schema-fees.ts';
import { type BillingInputs, billedItems, type BillUnit, type PlannedLine, type ServiceTicket, type Usage } from './billing.compute.ts';
import { approvedDiscounts } from '../items/config-discounts.repository.ts';
import { loadFeeItems } from '../items/items.repository.ts';
import { readingsForPeriod } from '../items/readings.repository.ts';
import { addToSummary, type LineDelta } from '../stats.summary.ts';

export interface RunScope {
  estateId: number;
  period: string;
  areaId?: number | null;
  buildingId?: number | null;
  feeItemIds?: number[] | null;
}

/** Start of the period's first day and of the next period's, as UTC instants (China wall time). */
export function periodInstants(period: string) {
  return { from: new Date(`${period}-01T00:00:00+08:00`).toISOString(), to: new Date(`${addMonths(period, 1)}-01T00:00:00+08:00`).toISOString() };
}

export function lastDay(period: string) {
  const [y, m] = period.split('-').map(Number) as [number, number];
  return `${period}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
}

/** Units read per query when loading a run's inputs. */
const UNIT_PAGE = 5000;

/** A turn of the event loop, so requests are answered between the long steps of a run. */
export const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export const billingRepository = {
  unitsQuery(db: Executor, s: RunScope) {
    let q = db
      .selectFrom('units as u')
      .innerJoin('buildings as b', 'b.id', 'u.building_id')
      .where('u.estate_id', '=', s.estateId)
      .where('u.archived_at', 'is', null);
    if (s.areaId) q = q.where('b.area_id', '=', s.areaId);
    if (s.buildingId) q = q.where('u.building_id', '=', s.buildingId);
    return q;
  },

  async countUnits(db: Executor, s: RunScope) {
    const row = await this.unitsQuery(db, s).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  },

  async load(db: Executor, s: RunScope): Promise<BillingInputs> {
    const { estateId, period } = s;
    const first = `${period}-01`;
    const last = lastDay(period);
    // Fee items with their prices, readings and discounts come from the config part's loaders.
    const items = billedItems(await loadFeeItems(db, estateId, { ids: s.feeItemIds?.length ? s.feeItemIds : undefined }), period);
    const unitKinds = [...new Set(items.filter((i) => i.kind === 'metered' && i.meterKind).map((i) => i.meterKind!))];
    const sharedKinds = [...new Set(items.filter((i) => i.kind === 'shared' && i.meterKind).map((i) => i.meterKind!))];
    const meterKinds = [...new Set([...unitKinds, ...sharedKinds])];
    const { to } = periodInstants(period);

    // Units by pages of their id with a turn of the event loop between pages: on SQLite one query
    // of a very large estate's units would hold the server for a second.
    const unitRows = [];
    for (let last = 0; ; ) {
      const page = await this.unitsQuery(db, s)
        .select(['u.id', 'u.building_id', 'b.area_id', 'b.code', 'u.entrance', 'u.number', 'u.building_area', 'u.usage'])
        .where('u.id', '>', last)
        .orderBy('u.id')
        .limit(UNIT_PAGE)
        .execute();
      for (const u of page) unitRows.push(u);
      if (page.length < UNIT_PAGE) break;
      last = page[page.length - 1]!.id;
      await yieldToEventLoop();
    }
    unitRows.sort((a, b) => a.building_id - b.building_id || a.id - b.id);
    await yieldToEventLoop();

    const [meterRows, readingRows, discountRows, existingRows, ticketRows] = await Promise.all([
      meterKinds.length ? db.selectFrom('meters').select(['unit_id', 'building_id', 'kind']).where('estate_id', '=', estateId).where('kind', 'in', meterKinds).execute() : [],
      readingsForPeriod(db, estateId, period, meterKinds),
      approvedDiscounts(db, estateId, first, last),
      db.selectFrom('bill_lines').select(['unit_id', 'charge_key']).where('estate_id', '=', estateId).where('period', '=', period).where('charge_key', 'is not', null).execute(),
      items.some((i) => i.kind === 'service')
        ? db
            .selectFrom('tickets')
            .select(['id', 'unit_id', 'price', 'title'])
            .where('estate_id', '=', estateId)
            .where('type', '=', 'special_service')
            .where('price', '>', 0)
            .where('unit_id', 'is not', null)
            .where('resolved_at', '<', to)
            .where('status', 'in', ['resolved', 'confirmed', 'closed'])
            .orderBy('id')
            .execute()
        : [],
    ]);

    const units: BillUnit[] = unitRows.map((u) => ({ id: u.id, buildingId: u.building_id, areaId: u.area_id, label: unitLabel(u.code, u.entrance, u.number), area: u.building_area, usage: u.usage }));
    const unitMeters = new Set<string>();
    const buildingMeters = new Set<string>();
    for (const m of meterRows) {
      if (m.unit_id != null) unitMeters.add(`${m.unit_id}:${m.kind}`);
      else if (m.building_id != null) buildingMeters.add(`${m.building_id}:${m.kind}`);
    }
    // A meter replaced in the period has a final reading and the new meter a regular one: the
    // period's usage is their sum; the line points at the latest reading (they come in id order).
    const unitUsage = new Map<string, Usage>();
    const buildingUsage = new Map<string, Usage>();
    for (const r of readingRows) {
      const target = r.unitId != null ? unitUsage : buildingUsage;
      const key = `${r.unitId ?? r.buildingId}:${r.meterKind}`;
      const had = target.get(key);
      target.set(key, { usage: (had?.usage ?? 0) + r.usage, readingId: r.readingId });
    }

    const discounts: BillingInputs['discounts'] = new Map();
    for (const d of discountRows) {
      const list = discounts.get(d.unitId);
      if (list) list.push(d);
      else discounts.set(d.unitId, [d]);
    }

    const existing = new Set<string>();
    for (const e of existingRows) existing.add(`${e.unit_id}|${e.charge_key}`);

    const inRun = new Set(units.map((u) => u.id));
    const candidates = ticketRows.filter((tk) => inRun.has(tk.unit_id!));
    // Special services billed in another period (or by hand) are no business of this one: looked
    // up by (unit, key), which the unique index serves, and left out; this period's count as existing.
    const elsewhere = new Set<string>();
    for (const part of chunks(candidates)) {
      const rows = await db
        .selectFrom('bill_lines')
        .select(['unit_id', 'charge_key', 'period'])
        .where('unit_id', 'in', [...new Set(part.map((tk) => tk.unit_id!))])
        .where('charge_key', 'in', part.map((tk) => `t:${tk.id}`))
        .execute();
      for (const e of rows) if (e.period !== period) elsewhere.add(`${e.unit_id}|${e.charge_key}`);
    }
    const tickets = new Map<number, ServiceTicket[]>();
    for (const tk of candidates) {
      if (elsewhere.has(`${tk.unit_id}|t:${tk.id}`)) continue;
      const entry = { id: tk.id, unitId: tk.unit_id!, price: tk.price!, title: tk.title };
      const list = tickets.get(entry.unitId);
      if (list) list.push(entry);
      else tickets.set(entry.unitId, [entry]);
    }

    return { period, units, items, unitMeters, unitUsage, buildingMeters, buildingUsage, discounts, existing, tickets };
  },

  insertRun(db: Executor, row: Insertable<BillingRunTable>) {
    return db.insertInto('billing_runs').values(row).returning('id').executeTakeFirstOrThrow();
  },
  findRun(db: Executor, id: number) {
    return db.selectFrom('billing_runs').selectAll().where('id', '=', id).executeTakeFirst();
  },
  runningRun(db: Executor, estateId: number, period: string) {
    return db.selectFrom('billing_runs').select('id').where('estate_id', '=', estateId).where('period', '=', period).where('status', '=', 'running').executeTakeFirst();
  },
};

// ---- bulk insert ---------------------------------------------------------------------------

const COLUMNS = [
  'estate_id', 'area_id', 'building_id', 'unit_id', 'fee_item_id', 'period', 'kind', 'charge_key', 'run_id', 'description', 'quantity', 'price', 'gross', 'discount', 'amount',
  'due_on', 'adjusts_id', 'ticket_id', 'reading_id', 'reason', 'paid', 'credited', 'waived', 'late_from', 'late_until', 'late_fee', 'late_paid', 'late_waived', 'open', 'created_by',
  'created_at', 'settled_at', 'rule_rate_ppm', 'rule_cap_bp', 'rule_grace_days', 'rule_start',
] as const;
/** Rows per statement: 500 × 36 parameters stays under SQLite's 32,766 and PostgreSQL's 65,535. */
export const BATCH = 500;

export interface LineStamp {
  estateId: number;
  period: string;
  runId: number | null;
  createdBy: number | null;
  now: string;
}

/**
 * Inserts planned lines with ON CONFLICT (unit_id, charge_key) DO NOTHING, in batches of BATCH
 * rows. Each batch size is compiled once by Kysely and its SQL reused with fresh parameters, so
 * the same prepared statement runs every full batch. The rows inserted come back (RETURNING) and
 * their amounts go into the statistics' summary in the same transaction. Returns how many rows
 * were inserted.
 */
export class LineWriter {
  private templates = new Map<number, CompiledQuery>();
  constructor(private db: Executor) {}

  private template(n: number): CompiledQuery {
    let t = this.templates.get(n);
    if (t) return t;
    let k = 0;
    const rows = Array.from({ length: n }, () => Object.fromEntries(COLUMNS.map((c) => [c, k++])));
    t = this.db
      .insertInto('bill_lines')
      .values(rows as never)
      .onConflict((oc) => oc.columns(['unit_id', 'charge_key']).doNothing())
      // Only the rows inserted come back: what the statistics' summary adds.
      .returning(['fee_item_id', 'area_id', 'building_id', 'amount'])
      .compile();
    // The parameters must come out row by row, column by column, as `params` below lays them.
    if (t.parameters.length !== k || t.parameters.some((p, i) => p !== i)) throw new Error('unexpected parameter order in the bill line insert');
    this.templates.set(n, t);
    return t;
  }

  async insert(trx: Executor, lines: PlannedLine[], s: LineStamp): Promise<number> {
    let inserted = 0;
    const added: LineDelta[] = [];
    for (let i = 0; i < lines.length; i += BATCH) {
      const part = lines.slice(i, i + BATCH);
      const params: unknown[] = new Array(part.length * COLUMNS.length);
      let k = 0;
      for (const l of part) {
        const settled = l.amount <= 0;
        params[k++] = s.estateId;
        params[k++] = l.areaId;
        params[k++] = l.buildingId;
        params[k++] = l.unitId;
        params[k++] = l.feeItemId;
        params[k++] = s.period;
        params[k++] = l.kind;
        params[k++] = l.chargeKey;
        params[k++] = s.runId;
        params[k++] = l.description;
        params[k++] = l.quantity;
        params[k++] = l.price;
        params[k++] = l.gross;
        params[k++] = l.discount;
        params[k++] = l.amount;
        params[k++] = l.dueOn;
        params[k++] = null; // adjusts_id
        params[k++] = l.ticketId;
        params[k++] = l.readingId;
        params[k++] = null; // reason
        params[k++] = 0; // paid
        params[k++] = 0; // credited
        params[k++] = 0; // waived
        params[k++] = l.lateFrom;
        params[k++] = null; // late_until
        params[k++] = 0; // late_fee
        params[k++] = 0; // late_paid
        params[k++] = 0; // late_waived
        params[k++] = settled ? 0 : 1;
        params[k++] = s.createdBy;
        params[k++] = s.now;
        params[k++] = settled ? s.now : null;
        params[k++] = l.rule.ratePpm;
        params[k++] = l.rule.capBp;
        params[k++] = l.rule.graceDays;
        params[k++] = l.rule.start;
      }
      const t = this.template(part.length);
      const res = await trx.executeQuery<{ fee_item_id: number; area_id: number | null; building_id: number | null; amount: number }>({ ...t, parameters: params });
      inserted += res.rows.length;
      for (const r of res.rows) added.push({ ...r, estate_id: s.estateId, period: s.period, billed: r.amount, collected: 0 });
    }
    // Once, at the end: the summary rows stay locked (PostgreSQL) only from here to the commit.
    await addToSummary(trx, added);
    return inserted;
  }
}
