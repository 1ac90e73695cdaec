/**
 * Taking money at the charging center (manual 4.1.2): a payment of some or all open lines, late
 * fee first then principal, oldest first; what is paid above the chosen lines goes to the prepaid
 * balance (预存) when the cashier says so. One transaction writes the payment with its receipt
 * number, the allocations, the lines, the prepaid entries and the audit entry.
 *
 * Exactly once: the idempotency key is unique per estate, so a double click or a retry answers the
 * first payment; two cashiers paying the same line at once both state the due they saw
 * (`expectedDue`), the receipt counter's row lock lines them up, and the second finds the due
 * changed (409); `updateLine`'s optimistic check stands behind that.
 */
import type { z } from 'zod';
import { type Clock, localDate } from '../../../../core/clock.ts';
import { allocate, applyPayment } from '../../../../core/fees.ts';
import type { Db, Executor } from '../../../db/database.ts';
import { conflict, invalid, notFound } from '../../../http/errors.ts';
import type { Actor, AuditService } from '../../audit/audit.service.ts';
import type { AuthContext } from '../../auth/auth.service.ts';
import type { PropertyService } from '../../property/property.service.ts';
import { cashierRepository as repo, type PaymentFilter } from './cashier.repository.ts';
import { presentPayment } from './cashier.present.ts';
import { labelOf, yuan } from '../billing/lines.present.ts';
import { unitInfo } from '../units.info.ts';
import type { depositInput, paymentInput } from './cashier.schemas.ts';
import { dueOf, type LineRow, linesWithRule, moneyOf, openLines, prepaidBalance, ruleOf, updateLine } from '../ledger.ts';
import { seesUnit } from '../fees.scope.ts';

type PayInput = z.infer<typeof paymentInput>;
type Unit = Awaited<ReturnType<PropertyService['requireUnit']>>;

export class PaymentService {
  constructor(
    private db: Db,
    private clock: Clock,
    private audit: AuditService,
    private property: PropertyService,
  ) {}

  /** Take a payment; `created` is false when the key was used before (the first payment is answered). */
  async pay(actor: Actor, auth: AuthContext, input: PayInput) {
    if (input.method === 'transfer' && !input.reference) throw invalid('reference', 'field.required');
    if (input.method === 'prepaid' && input.toPrepaid) throw invalid('toPrepaid', 'fee.prepaidToPrepaid');
    return this.once(auth, input.unitId, input.idempotencyKey, (trx, unit) => this.charge(trx, actor, unit, input, true));
  }

  /** A deposit into the prepaid balance only: a payment with no lines, all of it to prepaid. */
  async deposit(actor: Actor, auth: AuthContext, input: z.infer<typeof depositInput>) {
    if (input.method === 'transfer' && !input.reference) throw invalid('reference', 'field.required');
    const pay: PayInput = { ...input, expectedDue: 0, toPrepaid: true };
    return this.once(auth, input.unitId, input.idempotencyKey, (trx, unit) => this.charge(trx, actor, unit, pay, false));
  }

  private async once(auth: AuthContext, unitId: number, key: string, work: (trx: Executor, unit: Unit) => Promise<number>) {
    const unit = await this.property.requireUnit(this.db, auth.scope, unitId);
    const first = async () => {
      const p = await repo.byKey(this.db, unit.estate_id, key);
      if (p && p.unit_id !== unit.id) throw conflict('conflict.idempotencyKey');
      return p?.id ?? null;
    };
    const before = await first();
    if (before) return { payment: await this.receipt(before), created: false };
    try {
      const id = await this.db.transaction().execute((trx) => work(trx, unit));
      return { payment: await this.receipt(id), created: true };
    } catch (e) {
      // The same key arriving at the same time: one insert wins, the other fails on the unique
      // key (or finds the lines paid); either way the answer is the winner's payment.
      const winner = await first();
      if (winner) return { payment: await this.receipt(winner), created: false };
      throw e;
    }
  }

  private async charge(trx: Executor, actor: Actor, unit: Unit, input: PayInput, withLines: boolean): Promise<number> {
    const now = this.clock.now();
    const today = localDate(now);
    const at = now.toISOString();
    const estate = (await repo.estate(trx, unit.estate_id))!;
    // The receipt counter's row first: locked until commit, so payments, reversals and closes of
    // one estate go one after another and each sees the lines, the balance and the day as the one
    // before left them.
    await repo.lockReceipts(trx, unit.estate_id, today.slice(0, 4));
    const businessDate = await repo.bookingDate(trx, unit.estate_id, actor.id, today);
    const seq = await repo.nextReceipt(trx, unit.estate_id, businessDate.slice(0, 4));
    const receiptNo = `${estate.code}-${businessDate.slice(0, 4)}-${String(seq).padStart(6, '0')}`;

    const chosen = withLines ? await this.chosenLines(trx, unit.id, input.lineIds) : [];
    const dues = chosen.map((l) => ({ line: l, ...dueOf(l, today) }));
    const due = dues.reduce((s, d) => s + d.total, 0);
    if (due !== input.expectedDue) throw conflict('conflict.linesChanged', { expected: yuan(input.expectedDue), actual: yuan(due) });
    if (input.method === 'prepaid') {
      const balance = await prepaidBalance(trx, unit.id);
      if (input.amount > balance) throw conflict('conflict.prepaidShort', { balance: yuan(balance) });
    }
    const { allocations, rest } = allocate(input.amount, dues.map((d) => ({ id: d.line.id, principal: d.principal, late: d.late })));
    if (rest > 0 && !input.toPrepaid) throw invalid('amount', 'fee.amountAboveDue', { due: yuan(due) });

    const { id } = await repo.insertPayment(trx, {
      estate_id: unit.estate_id,
      unit_id: unit.id,
      receipt_no: receiptNo,
      idempotency_key: input.idempotencyKey,
      method: input.method,
      reference: input.reference ?? null,
      payer_name: input.payerName ?? null,
      amount: input.amount,
      to_prepaid: rest,
      status: 'valid',
      business_date: businessDate,
      cashier_id: actor.id,
      cashier_name: actor.displayName ?? actor.name,
      close_id: null,
      note: null,
      paid_at: at,
    });
    for (const a of allocations) {
      const line = dues.find((d) => d.line.id === a.id)!.line;
      const rule = ruleOf(line);
      const after = applyPayment(moneyOf(line), rule, today, a.principal, a.late);
      if (!(await updateLine(trx, line, after, rule, today, at))) throw conflict('conflict.lineBusy');
      await repo.insertAllocation(trx, { estate_id: unit.estate_id, payment_id: id, line_id: a.id, principal: a.principal, late_fee: a.late, on_date: today, reversal_id: null });
    }
    if (input.method === 'prepaid') await repo.insertPrepaid(trx, { estate_id: unit.estate_id, unit_id: unit.id, kind: 'use', amount: -input.amount, payment_id: id, line_id: null, run_id: null, note: receiptNo, at });
    if (rest > 0) await repo.insertPrepaid(trx, { estate_id: unit.estate_id, unit_id: unit.id, kind: 'deposit', amount: rest, payment_id: id, line_id: null, run_id: null, note: receiptNo, at });
    await this.audit.record(trx, actor, {
      action: 'create',
      entity: 'payment',
      entityId: id,
      estateId: unit.estate_id,
      summary: { key: 'audit.payment', params: { receipt: receiptNo, unit: labelOf({ building_code: unit.building_code, unit_entrance: unit.entrance, unit_number: unit.number }), amount: yuan(input.amount), method: `audit.method.${input.method}`, prepaid: rest > 0 ? yuan(rest) : '' } },
      ref: receiptNo,
      detail: { receiptNo, method: input.method, amount: input.amount, toPrepaid: rest, allocations, businessDate },
    });
    return id;
  }

  /** The lines a payment is for, oldest first; by default every open line of the unit. */
  private async chosenLines(trx: Executor, unitId: number, lineIds?: number[]): Promise<LineRow[]> {
    if (!lineIds) return openLines(trx, unitId);
    const ids = [...new Set(lineIds)];
    const known = await linesWithRule(trx).where('l.unit_id', '=', unitId).where('l.id', 'in', ids).execute();
    if (known.length !== ids.length) throw invalid('lineIds', 'fee.lineNotOfUnit');
    // A chosen line settled meanwhile stays in the sum (it owes nothing now), so the due check answers 409.
    return known.sort((a, b) => (a.due_on < b.due_on ? -1 : a.due_on > b.due_on ? 1 : a.id - b.id));
  }

  // ---- reading ---------------------------------------------------------------------------

  /** The receipt: the payment with what it paid, line by line. */
  async get(auth: AuthContext, id: number) {
    const p = await repo.findPayment(this.db, id);
    if (!p || !seesUnit(auth.scope, p)) throw notFound('entity.payment');
    return this.receipt(id);
  }

  async receipt(id: number) {
    const p = (await repo.findPayment(this.db, id))!;
    const [allocations, estate, info, reversal] = await Promise.all([
      repo.allocations(this.db, id),
      repo.estate(this.db, p.estate_id),
      unitInfo(this.db, [p.unit_id]),
      this.db.selectFrom('payment_reversals').selectAll().where('payment_id', '=', id).orderBy('id', 'desc').executeTakeFirst(),
    ]);
    return {
      ...presentPayment(p),
      estateName: estate!.name,
      ownerName: info.get(p.unit_id)?.ownerName ?? null,
      allocations: allocations.map((a) => ({ lineId: a.line_id, itemName: a.item_name, period: a.period, principal: a.principal, lateFee: a.late_fee })),
      reversal: reversal ? { id: reversal.id, status: reversal.status, reason: reversal.reason, businessDate: reversal.business_date } : null,
    };
  }

  async list(auth: AuthContext, f: Omit<PaymentFilter, 'scope'>) {
    const { items, total } = await repo.listPayments(this.db, { ...f, scope: auth.scope });
    return { total, items: items.map(presentPayment) };
  }
}
