/**
 * The charging center's desk (收费处, manual 4.1.2): find a unit by room, name or phone and show
 * its account — every open line with its late fee to date, the total, the prepaid balance, the
 * latest payments and how far up the arrears ladder the unit is.
 */
import { type Clock, todayOf } from '../../../../core/clock.ts';
import { seesEstate } from '../../../../core/scope.ts';
import type { Db } from '../../../db/database.ts';
import { notFound } from '../../../http/errors.ts';
import type { Actor } from '../../audit/audit.service.ts';
import type { AuthContext } from '../../auth/auth.service.ts';
import type { PropertyService } from '../../property/property.service.ts';
import { cashierRepository as repo } from './cashier.repository.ts';
import { presentPayment } from './cashier.present.ts';
import { labelOf, presentLine } from '../billing/lines.present.ts';
import { unitInfo } from '../units.info.ts';
import { dueOf, openLines, prepaidBalance } from '../ledger.ts';

export class CashierService {
  constructor(
    private db: Db,
    private clock: Clock,
    private property: PropertyService,
  ) {}


  async search(actor: Actor, auth: AuthContext, estateId: number, q: string) {
    if (!seesEstate(auth.scope, estateId)) throw notFound('entity.estate');
    const today = todayOf(this.clock);
    const phone = await this.property.phoneSearch(actor, auth, q, estateId);
    const units = await repo.searchUnits(this.db, auth.scope, estateId, q, phone, 20);
    const ids = units.map((u) => u.id);
    const [info, lines, balances] = await Promise.all([unitInfo(this.db, ids), repo.openLinesOf(this.db, ids), repo.balances(this.db, ids)]);
    const due = new Map<number, number>();
    for (const l of lines) due.set(l.unit_id, (due.get(l.unit_id) ?? 0) + dueOf(l, today).total);
    return {
      items: units.map((u) => ({
        unitId: u.id,
        unitLabel: labelOf(u),
        ownerName: info.get(u.id)?.ownerName ?? null,
        phoneMasked: info.get(u.id)?.phoneMasked ?? null,
        totalDue: due.get(u.id) ?? 0,
        prepaidBalance: balances.get(u.id) ?? 0,
      })),
    };
  }

  /** The unit's account; staff within scope (404 otherwise). The owner portal calls `accountOf` for his own units. */
  async account(auth: AuthContext, unitId: number) {
    await this.property.requireUnit(this.db, auth.scope, unitId);
    return this.accountOf(unitId);
  }

  async accountOf(unitId: number) {
    const today = todayOf(this.clock);
    const [info, lines, balance, payments] = await Promise.all([
      unitInfo(this.db, [unitId]),
      openLines(this.db, unitId),
      prepaidBalance(this.db, unitId),
      repo.latestPayments(this.db, unitId, 20),
    ]);
    const u = info.get(unitId);
    if (!u) throw notFound('entity.unit');
    const label = u.unitLabel;
    const openList = lines.map((l) => presentLine(l, today, label));
    // The ladder step of the current episode: steps since the oldest open line fell overdue.
    const overdue = lines.filter((l) => l.due_on < today).map((l) => l.due_on).sort();
    const arrearsStep = overdue.length ? await repo.arrearsStep(this.db, unitId, overdue[0]!) : 0;
    return {
      unitId,
      estateId: u.estateId,
      unitLabel: label,
      ownerName: u.ownerName,
      phoneMasked: u.phoneMasked,
      openLines: openList,
      totalDue: openList.reduce((s, l) => s + l.totalDue, 0),
      prepaidBalance: balance,
      payments: payments.map(presentPayment),
      arrearsStep,
    };
  }
}
