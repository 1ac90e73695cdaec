/**
 * The daily close (日结) of one cashier's business date: the payments he took, totals by method,
 * the reversals booked that day, and whether the day reconciles. The two sides come from
 * different tables: what the payments say they took (payments, by method) against what reached
 * the ledger (allocations to lines plus prepaid deposits), each net of that day's reversals.
 * Closing writes the close and stamps the day's payments with it; a day closes once.
 */
import { type Clock, todayOf } from '../../../../core/clock.ts';
import { seesWholeEstate } from '../../../../core/scope.ts';
import { fromJson, toJson } from '../../../db/codec.ts';
import type { Db, Executor } from '../../../db/database.ts';
import { conflict, invalid, notFound } from '../../../http/errors.ts';
import type { Actor, AuditService } from '../../audit/audit.service.ts';
import type { AuthContext } from '../../auth/auth.service.ts';
import { cashierRepository as repo } from './cashier.repository.ts';
import { presentPayment } from './cashier.present.ts';
import { yuan } from '../billing/lines.present.ts';
import { presentReversal } from './reversals.service.ts';
import type { DailyCloseTable } from '../../../db/schema-fees.ts';
import type { Selectable } from 'kysely';

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

function presentClose(c: Selectable<DailyCloseTable>) {
  return {
    id: c.id,
    estateId: c.estate_id,
    cashierId: c.cashier_id,
    cashierName: c.cashier_name,
    date: c.business_date,
    payments: c.payments,
    amount: c.amount,
    reversed: c.reversed,
    byMethod: toJson<Record<string, number>>(c.by_method) ?? {},
    closedAt: c.closed_at,
  };
}

export class CloseService {
  constructor(
    private db: Db,
    private clock: Clock,
    private audit: AuditService,
  ) {}

  /** Who took money on `date` or closed it, so the assistant and the director can look at each cashier's day. */
  async cashiers(auth: AuthContext, estateId: number, date: string) {
    if (!seesWholeEstate(auth.scope, estateId)) throw notFound('entity.estate');
    const paid = await this.db
      .selectFrom('payments')
      .select(['cashier_id', 'cashier_name'])
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.sum<number>('amount').as('amount')])
      .where('estate_id', '=', estateId)
      .where('business_date', '=', date)
      .groupBy(['cashier_id', 'cashier_name'])
      .execute();
    const closes = await this.db.selectFrom('daily_closes').select(['cashier_id', 'cashier_name']).where('estate_id', '=', estateId).where('business_date', '=', date).execute();
    const out = new Map<number, { cashierId: number; cashierName: string; payments: number; amount: number; closed: boolean }>();
    for (const p of paid) if (p.cashier_id != null) out.set(p.cashier_id, { cashierId: p.cashier_id, cashierName: p.cashier_name, payments: Number(p.n), amount: Number(p.amount), closed: false });
    for (const c of closes) {
      if (c.cashier_id == null) continue;
      const row = out.get(c.cashier_id) ?? { cashierId: c.cashier_id, cashierName: c.cashier_name, payments: 0, amount: 0, closed: true };
      out.set(c.cashier_id, { ...row, closed: true });
    }
    return { items: [...out.values()].sort((a, b) => a.cashierName.localeCompare(b.cashierName, 'zh')) };
  }

  async day(auth: AuthContext, estateId: number, date: string, cashierId: number) {
    if (!seesWholeEstate(auth.scope, estateId)) throw notFound('entity.estate');
    return this.compute(this.db, estateId, date, cashierId);
  }

  private async compute(db: Executor, estateId: number, date: string, cashierId: number) {
    const cashier = await db.selectFrom('users').select(['id', 'display_name']).where('id', '=', cashierId).executeTakeFirst();
    if (!cashier) throw notFound('entity.cashier');
    const items = await repo.dayPayments(db, estateId, cashierId, date);
    const reversals = await db
      .selectFrom('payment_reversals as r')
      .innerJoin('payments as p', 'p.id', 'r.payment_id')
      .innerJoin('units as u', 'u.id', 'p.unit_id')
      .innerJoin('buildings as b', 'b.id', 'u.building_id')
      .selectAll('r')
      .select(['p.receipt_no', 'p.unit_id', 'p.method', 'p.amount', 'p.cashier_name', 'p.estate_id as payment_estate', 'b.code as building_code', 'u.entrance as unit_entrance', 'u.number as unit_number', 'b.area_id as area_id'])
      .where('r.estate_id', '=', estateId)
      .where('r.status', '=', 'approved')
      .where('r.business_date', '=', date)
      .where('p.cashier_id', '=', cashierId)
      .orderBy('r.id')
      .execute();

    const byMethod: Record<string, number> = {};
    for (const p of items) byMethod[p.method] = (byMethod[p.method] ?? 0) + p.amount;
    for (const r of reversals) byMethod[r.method] = (byMethod[r.method] ?? 0) - r.amount;
    const amount = sum(items.map((p) => p.amount));
    const reversed = sum(reversals.map((r) => r.amount));

    // The ledger side: allocations and prepaid deposits of the day's payments, less what the
    // day's reversals took back (their negative allocation rows and deposit reversals).
    const paymentIds = items.map((p) => p.id);
    const reversalIds = reversals.map((r) => r.id);
    const reversedPayments = reversals.map((r) => r.payment_id);
    const allocated =
      (paymentIds.length ? await this.allocatedOf(db, (q) => q.where('payment_id', 'in', paymentIds).where('reversal_id', 'is', null)) : 0) +
      (reversalIds.length ? await this.allocatedOf(db, (q) => q.where('reversal_id', 'in', reversalIds)) : 0);
    const deposits = paymentIds.length ? await this.prepaidOf(db, (q) => q.where('payment_id', 'in', paymentIds).where('kind', '=', 'deposit')) : 0;
    const depositsBack = reversedPayments.length ? await this.prepaidOf(db, (q) => q.where('payment_id', 'in', reversedPayments).where('kind', '=', 'reversal').where('amount', '<', 0)) : 0;
    const toPrepaid = deposits + depositsBack;
    const taken = sum(Object.values(byMethod));
    const closed = await repo.findClose(db, estateId, cashierId, date);
    return {
      date,
      estateId,
      cashierId,
      cashierName: cashier.display_name,
      payments: items.length,
      amount,
      reversed,
      byMethod,
      allocated,
      toPrepaid,
      reconciled: taken === allocated + toPrepaid,
      closed: closed ? presentClose(closed) : null,
      items: items.map(presentPayment),
      reversals: reversals.map(presentReversal),
    };
  }

  private async allocatedOf(db: Executor, where: (q: any) => any): Promise<number> {
    const row = await where(db.selectFrom('payment_allocations').select((eb) => eb.fn.coalesce(eb.fn.sum<number>(eb('principal', '+', eb.ref('late_fee'))), eb.lit(0)).as('n'))).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  private async prepaidOf(db: Executor, where: (q: any) => any): Promise<number> {
    const row = await where(db.selectFrom('prepaid_entries').select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amount'), eb.lit(0)).as('n'))).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** 日结: the caller closes his own day. A future day cannot be closed, a closed one not again, an unreconciled one not at all. */
  async close(actor: Actor, auth: AuthContext, estateId: number, date: string) {
    if (!seesWholeEstate(auth.scope, estateId)) throw notFound('entity.estate');
    if (date > todayOf(this.clock)) throw invalid('date', 'fee.closeFuture');
    const cashierId = actor.id!;
    try {
      return await this.db.transaction().execute(async (trx) => {
        // In line with the estate's payments, so none is booked to this day while it closes.
        await repo.lockReceipts(trx, estateId, todayOf(this.clock).slice(0, 4));
        if (await repo.findClose(trx, estateId, cashierId, date)) throw conflict('conflict.dayClosed', { date });
        const day = await this.compute(trx, estateId, date, cashierId);
        if (!day.reconciled) throw conflict('conflict.notReconciled');
        const row = await trx
          .insertInto('daily_closes')
          .values({
            estate_id: estateId,
            cashier_id: cashierId,
            cashier_name: day.cashierName,
            business_date: date,
            payments: day.payments,
            amount: day.amount,
            reversed: day.reversed,
            by_method: fromJson(day.byMethod)!,
            closed_at: this.clock.now().toISOString(),
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        await trx.updateTable('payments').set({ close_id: row.id }).where('estate_id', '=', estateId).where('cashier_id', '=', cashierId).where('business_date', '=', date).where('close_id', 'is', null).execute();
        await this.audit.record(trx, actor, {
          action: 'close',
          entity: 'daily_close',
          entityId: row.id,
          estateId,
          summary: { key: 'audit.close', params: { date, payments: day.payments, amount: yuan(day.amount), reversed: yuan(day.reversed) } },
          ref: date,
          detail: { byMethod: day.byMethod },
        });
        return presentClose(row);
      });
    } catch (e) {
      // Two closes at once: the unique index lets one in; the other is told the day is closed.
      if (await repo.findClose(this.db, estateId, cashierId, date)) throw conflict('conflict.dayClosed', { date });
      throw e;
    }
  }
}
