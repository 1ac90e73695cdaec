/**
 * Corrections of a payment are reversals (冲正), never edits or deletions: the cashier asks with a
 * reason, the assistant or the director decides. An approved reversal writes negative allocation
 * rows, gives the lines back what the payment took from them, takes back its prepaid deposit (or
 * returns what it used of the balance), marks the payment reversed, and is booked on the day it
 * is approved, so that day's close (日结) shows it as a negative.
 */
import { type Clock, localDate } from '../../../../core/clock.ts';
import { applyPayment } from '../../../../core/fees.ts';
import type { Db, Executor } from '../../../db/database.ts';
import { inScope } from '../../../db/scope-sql.ts';
import { conflict } from '../../../http/errors.ts';
import type { Actor, AuditService } from '../../audit/audit.service.ts';
import type { AuthContext } from '../../auth/auth.service.ts';
import { cashierRepository as repo, UNIT_COLUMNS } from './cashier.repository.ts';
import { labelOf, yuan } from '../billing/lines.present.ts';
import { assertDecidable, markDecided, pendingRequest, presentDecision } from './requests.ts';
import { linesWithRule, moneyOf, prepaidBalance, ruleOf, updateLine } from '../ledger.ts';
import { assertVisible } from '../fees.scope.ts';

function reversals(db: Executor) {
  return db
    .selectFrom('payment_reversals as r')
    .innerJoin('payments as p', 'p.id', 'r.payment_id')
    .innerJoin('units as u', 'u.id', 'p.unit_id')
    .innerJoin('buildings as b', 'b.id', 'u.building_id')
    .selectAll('r')
    .select(['p.receipt_no', 'p.unit_id', 'p.method', 'p.amount', 'p.cashier_name', 'p.estate_id as payment_estate', ...UNIT_COLUMNS]);
}
type Row = NonNullable<Awaited<ReturnType<ReturnType<typeof reversals>['executeTakeFirst']>>>;

export function presentReversal(r: Row) {
  return {
    id: r.id,
    estateId: r.estate_id,
    paymentId: r.payment_id,
    receiptNo: r.receipt_no,
    unitId: r.unit_id,
    unitLabel: labelOf(r),
    method: r.method,
    amount: r.amount,
    cashierName: r.cashier_name,
    businessDate: r.business_date,
    ...presentDecision(r),
  };
}

export class ReversalService {
  constructor(
    private db: Db,
    private clock: Clock,
    private audit: AuditService,
  ) {}

  async request(actor: Actor, auth: AuthContext, paymentId: number, reason: string) {
    const id = await this.db.transaction().execute(async (trx) => {
      const p = await repo.findPayment(trx, paymentId);
      assertVisible(auth.scope, p, 'entity.payment');
      if (p.status !== 'valid') throw conflict('conflict.paymentReversed');
      const pending = await trx.selectFrom('payment_reversals').select('id').where('payment_id', '=', p.id).where('status', '=', 'pending').executeTakeFirst();
      if (pending) throw conflict('conflict.reversalPending');
      const row = await trx
        .insertInto('payment_reversals')
        .values({
          estate_id: p.estate_id,
          payment_id: p.id,
          reason,
          ...pendingRequest(actor, this.clock.now().toISOString()),
          business_date: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await this.audit.record(trx, actor, { action: 'create', entity: 'payment_reversal', entityId: row.id, estateId: p.estate_id, summary: { key: 'audit.reversal.request', params: { receipt: p.receipt_no, reason } }, ref: p.receipt_no });
      return row.id;
    });
    return this.get(auth, id);
  }

  async get(auth: AuthContext, id: number) {
    const r = await reversals(this.db).where('r.id', '=', id).executeTakeFirst();
    assertVisible(auth.scope, r, 'entity.reversal');
    return presentReversal(r);
  }

  async list(auth: AuthContext, f: { estateId?: number; status?: string; page: number; pageSize: number }) {
    let q = reversals(this.db).where(inScope(auth.scope, 'r.estate_id', 'b.area_id'));
    if (f.estateId) q = q.where('r.estate_id', '=', f.estateId);
    if (f.status) q = q.where('r.status', '=', f.status);
    const [items, count] = await Promise.all([
      q.orderBy('r.id', 'desc').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute(),
      q.clearSelect().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { total: Number(count.n), items: items.map(presentReversal) };
  }

  async decide(actor: Actor, auth: AuthContext, id: number, approve: boolean, note: string | null) {
    await this.db.transaction().execute(async (trx) => {
      const r = await reversals(trx).where('r.id', '=', id).executeTakeFirst();
      assertVisible(auth.scope, r, 'entity.reversal');
      assertDecidable(r, actor);
      const now = this.clock.now();
      const today = localDate(now);
      const at = now.toISOString();
      const p = (await repo.findPayment(trx, r.payment_id))!;
      // In line with the estate's payments and closes before the booking date is chosen, so a
      // close committing meanwhile is seen and the reversal goes to the next day.
      if (approve) await repo.lockReceipts(trx, p.estate_id, today.slice(0, 4));
      const businessDate = approve ? await repo.bookingDate(trx, p.estate_id, p.cashier_id, today) : null;
      await markDecided(trx, 'payment_reversals', id, { actor, approve, note, at }, { business_date: businessDate });
      if (approve) await this.reverse(trx, p, id, today, at);
      await this.audit.record(trx, actor, {
        action: approve ? 'approve' : 'reject',
        entity: 'payment_reversal',
        entityId: id,
        estateId: r.estate_id,
        summary: { key: approve ? 'audit.reversal.approve' : 'audit.reversal.reject', params: { receipt: r.receipt_no, amount: yuan(p.amount), note: note ?? '' } },
        ref: r.receipt_no,
        detail: { paymentId: p.id, businessDate },
      });
    });
    return this.get(auth, id);
  }

  private async reverse(trx: Executor, p: NonNullable<Awaited<ReturnType<typeof repo.findPayment>>>, reversalId: number, today: string, at: string) {
    const marked = await trx.updateTable('payments').set({ status: 'reversed' }).where('id', '=', p.id).where('status', '=', 'valid').executeTakeFirst();
    if (Number(marked.numUpdatedRows) !== 1) throw conflict('conflict.paymentReversed');
    const allocations = await trx.selectFrom('payment_allocations').selectAll().where('payment_id', '=', p.id).where('reversal_id', 'is', null).orderBy('id').execute();
    for (const a of allocations) {
      const line = await linesWithRule(trx).where('l.id', '=', a.line_id).executeTakeFirstOrThrow();
      const rule = ruleOf(line);
      const after = applyPayment(moneyOf(line), rule, today, -a.principal, -a.late_fee);
      if (!(await updateLine(trx, line, after, rule, today, at))) throw conflict('conflict.lineBusy');
      await repo.insertAllocation(trx, { estate_id: p.estate_id, payment_id: p.id, line_id: a.line_id, principal: -a.principal, late_fee: -a.late_fee, on_date: today, reversal_id: reversalId });
    }
    const entries = await trx.selectFrom('prepaid_entries').selectAll().where('payment_id', '=', p.id).where('kind', 'in', ['deposit', 'use']).execute();
    for (const e of entries) {
      if (e.kind === 'deposit') {
        const balance = await prepaidBalance(trx, p.unit_id);
        if (balance < e.amount) throw conflict('conflict.prepaidSpent', { balance: yuan(balance), amount: yuan(e.amount) });
      }
      await repo.insertPrepaid(trx, { estate_id: p.estate_id, unit_id: p.unit_id, kind: 'reversal', amount: -e.amount, payment_id: p.id, line_id: null, run_id: null, note: `冲正 ${p.receipt_no}`, at });
    }
  }
}
