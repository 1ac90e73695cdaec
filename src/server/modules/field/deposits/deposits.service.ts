/**
 * The held-deposit ledger 押金 (X4). A deposit is owed back, not revenue: it never becomes a bill
 * line, so collection rates and late fees never see it. Money moves only as append-only
 * `deposit_entries` (receive, refund, deduct), each refund or deduction from an approved request
 * (one entry per request, unique), under the estate's deposit lock so two approvals cannot both
 * spend the same balance. Receipts and requests carry idempotency keys like payments do.
 */
import type { z } from 'zod';
import { type Clock, localDate } from '../../../../core/clock.ts';
import { heldBalance, isOpenMajor, needsDirector } from '../../../../core/renovation.ts';
import { seesArea } from '../../../../core/scope.ts';
import { toJson } from '../../../db/codec.ts';
import type { Db, Executor } from '../../../db/database.ts';
import { inScope } from '../../../db/scope-sql.ts';
import { conflict, invalid, notFound } from '../../../http/errors.ts';
import type { Actor, AuditService } from '../../audit/audit.service.ts';
import type { AuthContext } from '../../auth/auth.service.ts';
import { lockEstate } from '../../fees/locks.ts';
import { renoRepository } from '../renovation/renovation.repository.ts';
import { forbiddenBecause, type RenovationService } from '../renovation/renovation.service.ts';
import type { depositReceive, depositRequest } from './deposits.schemas.ts';

const yuan = (fen: number) => (fen / 100).toFixed(2);

export class DepositService {
  constructor(
    private db: Db,
    private clock: Clock,
    private audit: AuditService,
    private renovations: RenovationService,
  ) {}

  private async requireDeposit(db: Executor, auth: AuthContext, id: number) {
    const d = await db.selectFrom('deposits').selectAll().where('id', '=', id).executeTakeFirst();
    const visible = d && (auth.user.role === 'owner' ? auth.scope.units.includes(d.unit_id) : seesArea(auth.scope, d.estate_id, d.area_id));
    if (!d || !visible) throw notFound('entity.deposit');
    return d;
  }

  async get(auth: AuthContext, id: number) {
    const d = await this.requireDeposit(this.db, auth, id);
    const [entries, requests] = await Promise.all([
      this.db.selectFrom('deposit_entries').selectAll().where('deposit_id', '=', id).orderBy('id').execute(),
      this.db.selectFrom('deposit_requests').selectAll().where('deposit_id', '=', id).orderBy('id').execute(),
    ]);
    return {
      id: d.id,
      estateId: d.estate_id,
      unitId: d.unit_id,
      purpose: d.purpose,
      renovationId: d.renovation_id,
      receiptNo: d.receipt_no,
      payerName: d.payer_name,
      amount: d.amount,
      method: d.method,
      businessDate: d.business_date,
      cashierName: d.cashier_name,
      status: d.status,
      balance: heldBalance(entries),
      entries: entries.map((e) => ({ id: e.id, kind: e.kind, amount: e.amount, method: e.method, payee: e.payee, reason: e.reason, requestId: e.request_id, businessDate: e.business_date, byName: e.by_name, at: e.at })),
      requests: requests.map((q) => ({ id: q.id, kind: q.kind, amount: q.amount, payee: q.payee, method: q.method, reason: q.reason, evidence: toJson(q.evidence), status: q.status, requestedByName: q.requested_by_name, requestedAt: q.requested_at, decidedByName: q.decided_by_name, decidedAt: q.decided_at, decisionNote: q.decision_note })),
    };
  }

  async list(auth: AuthContext, f: { estateId?: number; status?: string; renovationId?: number; page: number; pageSize: number }) {
    let q = this.db.selectFrom('deposits').selectAll().where(inScope(auth.scope, 'estate_id', 'area_id'));
    if (f.estateId) q = q.where('estate_id', '=', f.estateId);
    if (f.status) q = q.where('status', '=', f.status);
    if (f.renovationId) q = q.where('renovation_id', '=', f.renovationId);
    const [rows, count] = await Promise.all([
      q.orderBy('id', 'desc').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute(),
      q.clearSelect().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    const items = [];
    for (const d of rows) items.push(await this.get(auth, d.id));
    return { items, total: Number(count.n) };
  }

  /** The estate's held balance (what is owed back), in its own section, never in the fee statistics. */
  async summary(auth: AuthContext, estateId: number) {
    if (!auth.scope.all && !auth.scope.estates.includes(estateId) && !auth.scope.areas.some((a) => a.estateId === estateId)) throw notFound('entity.estate');
    const rows = await this.db
      .selectFrom('deposit_entries as e')
      .innerJoin('deposits as d', 'd.id', 'e.deposit_id')
      .select(['e.kind', (eb) => eb.fn.sum<number>('e.amount').as('amount')])
      .where('d.estate_id', '=', estateId)
      .where(inScope(auth.scope, 'd.estate_id', 'd.area_id'))
      .groupBy('e.kind')
      .execute();
    const by = Object.fromEntries(rows.map((r) => [r.kind, Number(r.amount)]));
    return { estateId, received: by.receive ?? 0, refunded: by.refund ?? 0, deducted: by.deduct ?? 0, held: (by.receive ?? 0) - (by.refund ?? 0) - (by.deduct ?? 0) };
  }

  /** The cashier takes the deposit of an approved renovation (YJ receipt). A replayed key answers the same deposit. */
  async receive(actor: Actor, auth: AuthContext, input: z.infer<typeof depositReceive>) {
    const now = this.clock.now();
    const today = localDate(now);
    const result = await this.db.transaction().execute(async (trx) => {
      const r = await this.renovations.require(trx, auth, input.renovationId);
      await lockEstate(trx, r.estate_id, 'deposits');
      const dup = await trx.selectFrom('deposits').selectAll().where('estate_id', '=', r.estate_id).where('idempotency_key', '=', input.idempotencyKey).executeTakeFirst();
      if (dup) {
        if (dup.renovation_id !== r.id || dup.amount !== input.amount) throw conflict('conflict.idempotencyKey');
        return { id: dup.id, created: false };
      }
      if (r.status !== 'approved') throw conflict('conflict.renoDepositStatus', { status: `status.reno.${r.status}` });
      const open = await trx.selectFrom('deposits').select('receipt_no').where('renovation_id', '=', r.id).where('status', '!=', 'settled').executeTakeFirst();
      if (open) throw conflict('conflict.renoDepositTwice', { receipt: open.receipt_no });
      if (input.amount !== r.deposit_amount && !input.overrideReason) throw invalid('amount', 'field.renoDepositAmount', { amount: yuan(r.deposit_amount) });
      const receiptNo = await renoRepository.next(trx, r.estate_id, 'YJ', today.slice(0, 4));
      const row = await trx
        .insertInto('deposits')
        .values({ estate_id: r.estate_id, area_id: r.area_id, unit_id: r.unit_id, purpose: 'renovation', renovation_id: r.id, receipt_no: receiptNo, idempotency_key: input.idempotencyKey, payer_name: input.payerName, amount: input.amount, method: input.method, business_date: today, cashier_id: actor.id, cashier_name: actor.displayName ?? actor.name, status: 'held', created_at: now.toISOString() })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('deposit_entries')
        .values({ estate_id: r.estate_id, deposit_id: row.id, kind: 'receive', amount: input.amount, request_id: null, method: input.method, payee: null, reason: input.overrideReason, business_date: today, by_id: actor.id, by_name: actor.displayName ?? actor.name, at: now.toISOString() })
        .execute();
      await this.audit.record(trx, actor, { action: 'create', entity: 'deposit', entityId: row.id, estateId: r.estate_id, ref: receiptNo, summary: { key: 'audit.deposit.receive', params: { receipt: receiptNo, number: r.number, amount: yuan(input.amount) } }, detail: { renovationId: r.id, amount: input.amount, method: input.method, overrideReason: input.overrideReason } });
      await this.renovations.record(trx, actor, r, 'deposit_held', r.status, r.status, receiptNo, { depositId: row.id });
      return { id: row.id, created: true };
    });
    return { ...(await this.get(auth, result.id)), duplicate: !result.created };
  }

  /**
   * A refund or a deduction asked for (X4): a refund only once the renovation is accepted (or was
   * cancelled) with no open major violation; a deduction with its reason and evidence; never more
   * than what is held and not already asked for.
   */
  async request(actor: Actor, auth: AuthContext, depositId: number, input: z.infer<typeof depositRequest>) {
    const now = this.clock.now();
    const nowIso = now.toISOString();
    const requestId = await this.db.transaction().execute(async (trx) => {
      const d = await this.requireDeposit(trx, auth, depositId);
      await lockEstate(trx, d.estate_id, 'deposits');
      const dup = await trx.selectFrom('deposit_requests').selectAll().where('estate_id', '=', d.estate_id).where('idempotency_key', '=', input.idempotencyKey).executeTakeFirst();
      if (dup) {
        if (dup.deposit_id !== d.id || dup.amount !== input.amount || dup.kind !== input.kind) throw conflict('conflict.idempotencyKey');
        return dup.id;
      }
      if (d.status === 'settled') throw conflict('conflict.depositSettled');
      if (input.kind === 'deduct' && input.violationIds.length === 0 && !input.evidenceNote) throw invalid('violationIds', 'field.depositEvidence');
      if (input.method === 'retained' && input.kind !== 'deduct') throw invalid('method', 'field.depositRetained');
      const reno = d.renovation_id ? await renoRepository.find(trx, d.renovation_id) : undefined;
      if (reno) {
        if (input.kind === 'refund' && !['accepted', 'refund_pending', 'cancelled'].includes(reno.status)) throw conflict('conflict.depositNotAccepted', { status: `status.reno.${reno.status}` });
        const violations = await trx.selectFrom('renovation_violations').select(['id', 'severity', 'status']).where('renovation_id', '=', reno.id).execute();
        if (input.kind === 'refund' && violations.some(isOpenMajor)) throw conflict('conflict.renoOpenMajors');
        const known = new Set(violations.map((v) => v.id));
        const stranger = input.violationIds.find((v) => !known.has(v));
        if (stranger !== undefined) throw invalid('violationIds', 'field.depositViolation');
      }
      const entries = await trx.selectFrom('deposit_entries').select(['kind', 'amount']).where('deposit_id', '=', d.id).execute();
      const pending = await trx.selectFrom('deposit_requests').select(['amount']).where('deposit_id', '=', d.id).where('status', '=', 'pending').execute();
      const available = heldBalance(entries) - pending.reduce((s, p) => s + p.amount, 0);
      if (input.amount > available) throw invalid('amount', 'field.depositOverHeld', { available: yuan(available) });
      const row = await trx
        .insertInto('deposit_requests')
        .values({ estate_id: d.estate_id, deposit_id: d.id, kind: input.kind, amount: input.amount, payee: input.payee, method: input.method, reason: input.reason, evidence: JSON.stringify({ violationIds: input.violationIds, note: input.evidenceNote }), idempotency_key: input.idempotencyKey, status: 'pending', requested_by: actor.id, requested_by_name: actor.displayName ?? actor.name, requested_at: nowIso, decided_by: null, decided_by_name: null, decided_at: null, decision_note: null })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx.updateTable('deposits').set({ status: 'refund_requested' }).where('id', '=', d.id).execute();
      if (reno && input.kind === 'refund' && reno.status === 'accepted') {
        await trx.updateTable('renovations').set({ status: 'refund_pending', updated_at: nowIso }).where('id', '=', reno.id).where('status', '=', 'accepted').execute();
        await this.renovations.record(trx, actor, reno, 'request_refund', 'accepted', 'refund_pending', input.reason, { requestId: row.id });
      }
      await this.audit.record(trx, actor, { action: 'create', entity: 'deposit_request', entityId: row.id, estateId: d.estate_id, ref: d.receipt_no, summary: { key: `audit.deposit.request.${input.kind}`, params: { receipt: d.receipt_no, amount: yuan(input.amount), reason: input.reason } }, detail: { depositId: d.id, ...input } });
      return row.id;
    });
    const r = await this.db.selectFrom('deposit_requests').select('deposit_id').where('id', '=', requestId).executeTakeFirstOrThrow();
    return this.get(auth, r.deposit_id);
  }

  /**
   * Approve or reject a request. Approval writes the entry (at most one per request): a deduction
   * or a refund to another payee only by the director, never by the one who asked. When nothing is
   * held any more the deposit is settled and its renovation closed.
   */
  async decide(actor: Actor, auth: AuthContext, requestId: number, approve: boolean, note: string | null) {
    const now = this.clock.now();
    const nowIso = now.toISOString();
    const depositId = await this.db.transaction().execute(async (trx) => {
      const q = await trx.selectFrom('deposit_requests').selectAll().where('id', '=', requestId).executeTakeFirst();
      if (!q) throw notFound('entity.depositRequest');
      const d = await this.requireDeposit(trx, auth, q.deposit_id).catch(() => {
        throw notFound('entity.depositRequest');
      });
      await lockEstate(trx, d.estate_id, 'deposits');
      const fresh = await trx.selectFrom('deposit_requests').select('status').where('id', '=', q.id).executeTakeFirstOrThrow();
      if (fresh.status !== 'pending') throw conflict('conflict.decided');
      if (q.requested_by === actor.id) throw conflict('conflict.ownRequest');
      if (approve && needsDirector(q.kind as 'refund' | 'deduct', q.payee === d.payer_name) && auth.user.role !== 'director') throw forbiddenBecause('error.depositDirector');
      await trx.updateTable('deposit_requests').set({ status: approve ? 'approved' : 'rejected', decided_by: actor.id, decided_by_name: actor.displayName ?? actor.name, decided_at: nowIso, decision_note: note }).where('id', '=', q.id).where('status', '=', 'pending').execute();
      const entries = await trx.selectFrom('deposit_entries').select(['kind', 'amount']).where('deposit_id', '=', d.id).execute();
      let balance = heldBalance(entries);
      if (approve) {
        if (q.amount > balance) throw conflict('conflict.depositOverHeld');
        await trx
          .insertInto('deposit_entries')
          .values({ estate_id: d.estate_id, deposit_id: d.id, kind: q.kind, amount: q.amount, request_id: q.id, method: q.method, payee: q.payee, reason: q.reason, business_date: localDate(now), by_id: actor.id, by_name: actor.displayName ?? actor.name, at: nowIso })
          .execute();
        balance -= q.amount;
        // A refund into the unit's prepaid balance (预存) is the owner's money kept for his bills.
        if (q.kind === 'refund' && q.method === 'to_prepaid') {
          await trx.insertInto('prepaid_entries').values({ estate_id: d.estate_id, unit_id: d.unit_id, kind: 'deposit', amount: q.amount, payment_id: null, line_id: null, run_id: null, note: `押金退入预存 ${d.receipt_no}`, at: nowIso }).execute();
        }
      }
      const stillPending = await trx.selectFrom('deposit_requests').select('id').where('deposit_id', '=', d.id).where('status', '=', 'pending').executeTakeFirst();
      const status = balance === 0 ? 'settled' : stillPending ? 'refund_requested' : 'held';
      await trx.updateTable('deposits').set({ status }).where('id', '=', d.id).execute();
      if (status === 'settled' && d.renovation_id) {
        const reno = await renoRepository.find(trx, d.renovation_id);
        if (reno && (reno.status === 'refund_pending' || reno.status === 'accepted')) {
          await trx.updateTable('renovations').set({ status: 'closed', updated_at: nowIso }).where('id', '=', reno.id).where('status', '=', reno.status).execute();
          await this.renovations.record(trx, actor, reno, 'settle', reno.status, 'closed', null, { depositId: d.id });
        }
      }
      await this.audit.record(trx, actor, { action: 'update', entity: 'deposit_request', entityId: q.id, estateId: d.estate_id, ref: d.receipt_no, summary: { key: approve ? 'audit.deposit.approve' : 'audit.deposit.reject', params: { receipt: d.receipt_no, amount: yuan(q.amount), kind: `audit.deposit.kind.${q.kind}` } }, detail: { requestId: q.id, approve, note, balance } });
      return d.id;
    });
    return this.get(auth, depositId);
  }
}
