/**
 * The owner's own fees (portal): his units' open lines with late fees to date, what he owes, his
 * prepaid balance, payments and receipts, the notices delivered to him, and the steps of the
 * arrears ladder taken with him (what and when; the staff's notes of a visit stay internal).
 * Open bills are the unit's, whoever was owner when they were billed; payments, receipts,
 * notices and steps dated before his ownership or lease began are the previous occupant's.
 */
import { type Clock, localDate, todayOf } from '../../../../core/clock.ts';
import { inHisTime } from '../../households/portal-scope.ts';
import type { Database } from '../../../db/database.ts';
import { notFound } from '../../../http/errors.ts';
import type { AuthContext } from '../../auth/auth.service.ts';
import { cashierRepository } from '../cashier/cashier.repository.ts';
import { presentPayment } from '../cashier/cashier.present.ts';
import { presentLine } from '../billing/lines.present.ts';
import { unitInfo } from '../units.info.ts';
import { openLines, prepaidBalance } from '../ledger.ts';

export class PortalFeesService {
  constructor(
    private database: Database,
    private clock: Clock,
  ) {}

  async mine(auth: AuthContext) {
    const db = this.database.db;
    const today = todayOf(this.clock);
    const ids = auth.scope.units;
    const info = await unitInfo(db, ids);
    const units = [];
    for (const unitId of ids) {
      const u = info.get(unitId);
      if (!u) continue;
      const [lines, prepaid, payments, notices, steps] = await Promise.all([
        openLines(db, unitId),
        prepaidBalance(db, unitId),
        cashierRepository.latestPayments(db, unitId, 20),
        db.selectFrom('notice_deliveries').select(['period', 'delivered_at']).where('unit_id', '=', unitId).orderBy('period', 'desc').execute(),
        db.selectFrom('arrears_steps').select(['step', 'on_date', 'channel', 'deadline', 'resolution']).where('unit_id', '=', unitId).orderBy('on_date').orderBy('id').execute(),
      ]);
      const openLinesOut = lines.map((l) => presentLine(l, today, u.unitLabel));
      // What is owed stays with the unit; the paid history, notices and steps before his start were the seller's.
      const his = (on: string) => inHisTime(auth.scope, unitId, on);
      units.push({
        unitId,
        unitLabel: u.unitLabel,
        openLines: openLinesOut,
        totalDue: openLinesOut.reduce((a, l) => a + l.totalDue, 0),
        prepaidBalance: prepaid,
        payments: payments.filter((p) => his(p.business_date)).map(presentPayment),
        notices: notices.filter((n) => his(localDate(new Date(n.delivered_at)))).map((n) => ({ period: n.period, deliveredAt: n.delivered_at })),
        arrearsSteps: steps.filter((st) => his(st.on_date)).map((s) => ({ step: s.step, onDate: s.on_date, channel: s.channel, deadline: s.deadline, resolution: s.resolution })),
      });
    }
    return { units };
  }

  /** One of his receipts (what the payment paid, as on the staff's receipt); another unit's payment is not found. */
  async receipt(auth: AuthContext, paymentId: number) {
    const db = this.database.db;
    const p = await cashierRepository.findPayment(db, paymentId);
    if (!p || !auth.scope.units.includes(p.unit_id) || !inHisTime(auth.scope, p.unit_id, p.business_date)) throw notFound('entity.receipt');
    const [allocations, estate, info] = await Promise.all([cashierRepository.allocations(db, p.id), cashierRepository.estate(db, p.estate_id), unitInfo(db, [p.unit_id])]);
    return {
      ...presentPayment(p),
      estateName: estate?.name ?? '',
      // the print falls back on the owner when the cashier typed no payer: the same answer as the staff's receipt
      ownerName: info.get(p.unit_id)?.ownerName ?? null,
      allocations: allocations.map((a) => ({ lineId: a.line_id, itemName: a.item_name, period: a.period, principal: a.principal, lateFee: a.late_fee })),
    };
  }
}
