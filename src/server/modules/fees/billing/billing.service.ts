/**
 * The billing run (manual 4.1.2: 收银员计费): preview what a period would bill, then commit it in
 * the background, chunk by chunk, each chunk its own transaction with the run's progress. A rerun
 * creates nothing (charge keys); new lines are settled from prepaid balances (预存) at the end.
 */
import { cashierRepository } from '../cashier/cashier.repository.ts';
import { type Clock, localDate } from '../../../../core/clock.ts';
import { addMonths, allocate, applyPayment, periodOfDate } from '../../../../core/fees.ts';
import { seesArea, seesWholeEstate } from '../../../../core/scope.ts';
import { fromJson, toJson } from '../../../db/codec.ts';
import { type Db, type Executor, redactedError } from '../../../db/database.ts';
import type { BillingRunTable } from '../../../db/schema-fees.ts';
import { inScope } from '../../../db/scope-sql.ts';
import { conflict, invalid, notFound, outOfScope } from '../../../http/errors.ts';
import { type Lang, t } from '../../../i18n/messages.ts';
import type { Actor, AuditService } from '../../audit/audit.service.ts';
import type { AuthContext } from '../../auth/auth.service.ts';
import { BillingPlan, newTally, type PlannedLine, type Skip, type Tally } from './billing.compute.ts';
import { billingRepository as repo, LineWriter, type RunScope, yieldToEventLoop } from './billing.repository.ts';
import { dueOf, linesWithRule, moneyOf, ruleOf, updateLine } from '../ledger.ts';
import { HEARTBEAT_MS, INSTANCE, ownerGone } from './billing.lease.ts';
import type { Selectable } from 'kysely';
import { assertVisible } from '../fees.scope.ts';

/**
 * Units per transaction of a committed run; progress and the lease move once per chunk, and the
 * event loop gets a turn between chunks (on SQLite a chunk holds it for some tens of ms).
 */
export const RUN_CHUNK = 1000;
/** How far ahead of the current month a billing run may go. */
const BILL_AHEAD_MONTHS = 12;

export interface RunInput {
  estateId: number;
  period: string;
  areaId?: number;
  buildingId?: number;
  feeItemIds?: number[];
}

interface Summary {
  byItem: Array<{ feeItemId: number; name: string; lines: number; amount: number }>;
  skipped: Skip[];
  skippedCount: number;
  existing: number;
}

export class BillingService {
  private writer: LineWriter;
  constructor(
    private db: Db,
    private clock: Clock,
    private audit: AuditService,
  ) {
    this.writer = new LineWriter(db);
  }

  /** Checks the run's estate, area, building and fee items and the caller's scope; returns what the run covers. */
  private async scopeOf(auth: AuthContext, input: RunInput): Promise<RunScope> {
    const estate = await this.db.selectFrom('estates').select('id').where('id', '=', input.estateId).executeTakeFirst();
    if (!estate) throw notFound('entity.estate');
    // A mistyped year (2099 for 2026) would bill every owner decades ahead: a year ahead at most.
    const latest = addMonths(periodOfDate(localDate(this.clock.now())), BILL_AHEAD_MONTHS);
    if (input.period > latest) throw invalid('period', 'field.periodTooFar', { latest });
    let areaId = input.areaId ?? null;
    if (areaId) {
      const area = await this.db.selectFrom('areas').select('estate_id').where('id', '=', areaId).executeTakeFirst();
      if (!area || area.estate_id !== input.estateId) throw invalid('areaId', 'field.notInEstate');
    }
    if (input.buildingId) {
      const b = await this.db.selectFrom('buildings').select(['estate_id', 'area_id']).where('id', '=', input.buildingId).executeTakeFirst();
      if (!b || b.estate_id !== input.estateId || (areaId && b.area_id !== areaId)) throw invalid('buildingId', 'field.notInEstate');
      areaId = b.area_id;
    }
    if (input.feeItemIds?.length) {
      const ids = [...new Set(input.feeItemIds)];
      const found = await this.db.selectFrom('fee_items').select('id').where('estate_id', '=', input.estateId).where('id', 'in', ids).execute();
      if (found.length !== ids.length) throw invalid('feeItemIds', 'field.notInEstate');
    }
    const sees = areaId ? seesArea(auth.scope, input.estateId, areaId) : seesWholeEstate(auth.scope, input.estateId);
    if (!sees) throw outOfScope();
    return { estateId: input.estateId, period: input.period, areaId, buildingId: input.buildingId ?? null, feeItemIds: input.feeItemIds?.length ? [...new Set(input.feeItemIds)] : null };
  }

  private summarize(plan: BillingPlan, tally: Tally): Summary {
    return {
      byItem: plan.inputs.items.map((i) => ({ feeItemId: i.id, name: i.name, lines: tally.byItem.get(i.id)?.lines ?? 0, amount: tally.byItem.get(i.id)?.amount ?? 0 })),
      skipped: tally.skipped,
      skippedCount: tally.skippedCount,
      existing: tally.existing,
    };
  }

  private skippedOut(list: Skip[], lang: Lang) {
    return list.map((s) => ({ ...s, message: t(lang, `billing.skip.${s.reason}`) }));
  }

  /** What the run would bill, written nowhere. */
  async preview(auth: AuthContext, input: RunInput, lang: Lang) {
    const s = await this.scopeOf(auth, input);
    const plan = new BillingPlan(await repo.load(this.db, s));
    const tally = newTally();
    const sink: PlannedLine[] = [];
    for (const u of plan.inputs.units) {
      plan.billUnit(u, tally, sink);
      sink.length = 0;
    }
    const summary = this.summarize(plan, tally);
    return { period: s.period, units: plan.inputs.units.length, lines: tally.lines, amount: tally.amount, ...summary, skipped: this.skippedOut(summary.skipped, lang) };
  }

  /**
   * Runs of the period left "running" by a server instance that is gone are marked interrupted
   * (returns how many). Called at start-up for every run and by `start` for its period.
   */
  async recoverInterrupted(scope: { estateId: number; period: string } | null = null, db: Executor = this.db): Promise<number> {
    let q = db.selectFrom('billing_runs').select(['id', 'owner', 'heartbeat_at', 'created_at']).where('status', '=', 'running');
    if (scope) q = q.where('estate_id', '=', scope.estateId).where('period', '=', scope.period);
    const now = this.clock.now();
    let marked = 0;
    for (const r of await q.execute()) {
      if (!ownerGone(r, now)) continue;
      // Only if it still shows the life we judged: a heartbeat meanwhile keeps it running.
      const res = await db
        .updateTable('billing_runs')
        .set({ status: 'interrupted', finished_at: now.toISOString() })
        .where('id', '=', r.id)
        .where('status', '=', 'running')
        .where((eb) => (r.heartbeat_at == null ? eb('heartbeat_at', 'is', null) : eb('heartbeat_at', '=', r.heartbeat_at)))
        .executeTakeFirst();
      marked += Number(res.numUpdatedRows);
    }
    return marked;
  }

  /** Creates the run and starts it; `done` settles when it has finished (tests and the bench wait on it). */
  async start(actor: Actor, auth: AuthContext, input: RunInput): Promise<{ runId: number; done: Promise<void> }> {
    const s = await this.scopeOf(auth, input);
    const now = this.clock.now();
    const runId = await this.db.transaction().execute(async (trx) => {
      await this.recoverInterrupted({ estateId: s.estateId, period: s.period }, trx);
      if (await repo.runningRun(trx, s.estateId, s.period)) throw conflict('conflict.runRunning', { period: s.period });
      const unitsTotal = await repo.countUnits(trx, s);
      const { id } = await repo.insertRun(trx, {
        estate_id: s.estateId,
        period: s.period,
        area_id: s.areaId ?? null,
        building_id: s.buildingId ?? null,
        fee_item_ids: fromJson(s.feeItemIds),
        status: 'running',
        units_total: unitsTotal,
        units_done: 0,
        lines_created: 0,
        amount_created: 0,
        prepaid_used: 0,
        summary: null,
        error: null,
        created_by: actor.id,
        created_by_name: actor.displayName ?? actor.name,
        created_at: now.toISOString(),
        finished_at: null,
        owner: INSTANCE,
        heartbeat_at: now.toISOString(),
      });
      await this.audit.record(trx, actor, {
        action: 'create',
        entity: 'billing_run',
        entityId: id,
        estateId: s.estateId,
        summary: { key: 'audit.billingRun', params: { period: s.period, units: unitsTotal } },
        ref: s.period,
        detail: { period: s.period, areaId: s.areaId, buildingId: s.buildingId, feeItemIds: s.feeItemIds, unitsTotal },
      });
      return id;
    });
    const beat = setInterval(() => {
      this.mine(this.db, runId)
        .set({ heartbeat_at: this.clock.now().toISOString() })
        .execute()
        .catch((e) => console.error(`billing run ${runId}: heartbeat not saved (${redactedError(e)})`));
    }, HEARTBEAT_MS);
    beat.unref();
    const done = this.execute(runId, s, actor)
      .catch(async (err) => {
        console.error(`billing run ${runId} failed: ${redactedError(err)}`);
        // The lines of finished chunks stay (they are right); a rerun completes the period.
        await this.mine(this.db, runId)
          .set({ status: 'failed', error: String(err instanceof Error ? err.message : err).slice(0, 500), finished_at: this.clock.now().toISOString() })
          .execute()
          .catch((e) => console.error(`billing run ${runId}: status not saved (${redactedError(e)})`));
      })
      .finally(() => clearInterval(beat));
    return { runId, done };
  }

  /** An update of the run that applies only while this instance still holds it. */
  private mine(db: Executor, runId: number) {
    return db.updateTable('billing_runs').where('id', '=', runId).where('status', '=', 'running').where('owner', '=', INSTANCE);
  }

  private async execute(runId: number, s: RunScope, actor: Actor) {
    await yieldToEventLoop(); // the request that started the run is answered first
    const plan = new BillingPlan(await repo.load(this.db, s));
    const { units } = plan.inputs;
    const tally = newTally();
    let created = 0;
    let amount = 0;
    let exact = true;
    for (let i = 0; i < units.length; i += RUN_CHUNK) {
      // Let requests in between chunks: on SQLite every statement runs synchronously, so without
      // this the whole run would hold the event loop (health checks and progress polls wait).
      await yieldToEventLoop();
      const part = units.slice(i, i + RUN_CHUNK);
      const lines: PlannedLine[] = [];
      for (const u of part) plan.billUnit(u, tally, lines);
      const now = this.clock.now().toISOString();
      const stamp = { estateId: s.estateId, period: s.period, runId, createdBy: actor.id, now };
      await this.db.transaction().execute(async (trx) => {
        // Queue on the receipt counter as payments do: the chunk's collection-summary rows and a
        // payment's are then never locked in opposite orders (a deadlock on PostgreSQL).
        await cashierRepository.lockReceipts(trx, s.estateId, localDate(new Date(now)).slice(0, 4));
        const n = lines.length ? await this.writer.insert(trx, lines, stamp) : 0;
        // Another run of the same period may have written some of these lines first: then count from the table.
        if (n !== lines.length) exact = false;
        created += n;
        for (const l of lines) amount += l.amount;
        const res = await this.mine(trx, runId).set({ units_done: i + part.length, lines_created: created, amount_created: amount, heartbeat_at: now }).executeTakeFirst();
        // Taken as dead and marked interrupted meanwhile: stop (this chunk's lines roll back).
        if (Number(res.numUpdatedRows) !== 1) throw new Error('the run was taken over (lease lost)');
      });
    }
    if (!exact) {
      const row = await this.db
        .selectFrom('bill_lines')
        .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.coalesce(eb.fn.sum<number>('amount'), eb.lit(0)).as('amount')])
        .where('run_id', '=', runId)
        .executeTakeFirstOrThrow();
      created = Number(row.n);
      amount = Number(row.amount);
    }
    const prepaidUsed = await this.settlePrepaid(runId, s.estateId, new Set(units.map((u) => u.id)));
    await this.mine(this.db, runId)
      .set({ status: 'done', units_total: units.length, units_done: units.length, lines_created: created, amount_created: amount, prepaid_used: prepaidUsed, summary: fromJson(this.summarize(plan, tally)), finished_at: this.clock.now().toISOString(), heartbeat_at: this.clock.now().toISOString() })
      .execute();
  }

  /**
   * Units of the run holding a prepaid balance have their open lines paid from it — every open
   * line of the unit, not only this run's (an older one may be open: billed before the deposit,
   * or by a run that was interrupted), oldest due first, late fee before principal on each line
   * as at the counter (core allocate); each deduction a 'use' entry on the prepaid ledger.
   * Returns the fen used.
   */
  private async settlePrepaid(runId: number, estateId: number, inRun: Set<number>): Promise<number> {
    const holders = await this.db
      .selectFrom('prepaid_entries')
      .select(['unit_id', (eb) => eb.fn.sum<number>('amount').as('balance')])
      .where('estate_id', '=', estateId)
      .groupBy('unit_id')
      .having((eb) => eb.fn.sum('amount'), '>', 0)
      .execute();
    const units = holders.map((h) => h.unit_id).filter((id) => inRun.has(id));
    let used = 0;
    const now = this.clock.now();
    const today = localDate(now);
    for (let i = 0; i < units.length; i += 200) {
      await yieldToEventLoop();
      const part = units.slice(i, i + 200);
      used += await this.db.transaction().execute(async (trx) => {
        // In line with the counter: a deposit's reversal or a payment from prepaid at this moment
        // waits, so a balance is never spent twice.
        await cashierRepository.lockReceipts(trx, estateId, today.slice(0, 4));
        let sum = 0;
        const balances = await trx
          .selectFrom('prepaid_entries')
          .select(['unit_id', (eb) => eb.fn.sum<number>('amount').as('balance')])
          .where('unit_id', 'in', part)
          .groupBy('unit_id')
          .execute();
        const lines = await linesWithRule(trx).where('l.unit_id', 'in', part).where('l.open', '=', 1).orderBy('l.unit_id').orderBy('l.due_on').orderBy('l.id').execute();
        for (const b of balances) {
          const balance = Number(b.balance);
          if (balance <= 0) continue;
          const dues = lines.filter((l) => l.unit_id === b.unit_id).map((line) => ({ line, ...dueOf(line, today) }));
          const { allocations } = allocate(balance, dues.map((d) => ({ id: d.line.id, principal: d.principal, late: d.late })));
          for (const a of allocations) {
            const line = dues.find((d) => d.line.id === a.id)!.line;
            const rule = ruleOf(line);
            if (!(await updateLine(trx, line, applyPayment(moneyOf(line), rule, today, a.principal, a.late), rule, today, now.toISOString()))) continue;
            await trx
              .insertInto('prepaid_entries')
              .values({ estate_id: estateId, unit_id: line.unit_id, kind: 'use', amount: -(a.principal + a.late), payment_id: null, line_id: line.id, run_id: runId, note: `预存抵扣 ${line.item_name} ${line.period}`, at: now.toISOString() })
              .execute();
            sum += a.principal + a.late;
          }
        }
        return sum;
      });
    }
    return used;
  }

  private present(r: Selectable<BillingRunTable>, lang: Lang) {
    const summary = toJson<Summary>(r.summary);
    return {
      id: r.id,
      estateId: r.estate_id,
      period: r.period,
      areaId: r.area_id,
      buildingId: r.building_id,
      feeItemIds: toJson<number[]>(r.fee_item_ids),
      status: r.status as 'running' | 'done' | 'failed' | 'interrupted',
      unitsTotal: r.units_total,
      unitsDone: r.units_done,
      linesCreated: r.lines_created,
      amountCreated: r.amount_created,
      prepaidUsed: r.prepaid_used,
      summary: summary ? { ...summary, skipped: this.skippedOut(summary.skipped, lang) } : null,
      error: r.error,
      createdAt: r.created_at,
      finishedAt: r.finished_at,
      createdByName: r.created_by_name,
    };
  }

  async get(auth: AuthContext, id: number, lang: Lang) {
    const r = await repo.findRun(this.db, id);
    assertVisible(auth.scope, r, 'entity.billingRun');
    return this.present(r, lang);
  }

  async list(auth: AuthContext, q: { estateId?: number; page: number; pageSize: number }, lang: Lang) {
    let base = this.db.selectFrom('billing_runs').where(inScope(auth.scope, 'estate_id', 'area_id'));
    if (q.estateId) base = base.where('estate_id', '=', q.estateId);
    const [rows, count] = await Promise.all([
      base.selectAll().orderBy('id', 'desc').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
      base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items: rows.map((r) => this.present(r, lang)), total: Number(count.n) };
  }
}
