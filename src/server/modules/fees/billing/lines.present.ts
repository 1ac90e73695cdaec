/**
 * The Line of the API contract (docs/fees-api.md), the one way every part shows a bill line:
 * the lines list and notices, the charging center's account, the arrears detail and the owner portal.
 */
import { lateAccrued } from '../../../../core/fees.ts';
import { unitLabel } from '../../../../core/units.ts';
import { dueOf, type LineRow, moneyOf, ruleOf } from '../ledger.ts';

/** A unit's label (1-1-1201) from the columns the fee queries select (`UNIT_COLUMNS`, `labelledLines`). */
export const labelOf = (r: { building_code: string; unit_entrance: string | null; unit_number: string }) => unitLabel(r.building_code, r.unit_entrance, r.unit_number);

/** Fen as yuan with two decimals, for messages and descriptions. */
export const yuan = (fen: number) => (fen / 100).toFixed(2);

/**
 * A line with the late fee to date and what it owes as of `today`. A credit line (a negative
 * adjustment, amount ≤ 0) owes nothing itself: it is counted on the line it credits.
 */
export function presentLine(r: LineRow, today: string, label: string) {
  const due = r.amount > 0 ? dueOf(r, today) : { principal: 0, late: 0, total: 0 };
  return {
    id: r.id,
    unitId: r.unit_id,
    unitLabel: label,
    feeItemId: r.fee_item_id,
    itemName: r.item_name,
    itemKind: r.item_kind,
    period: r.period,
    kind: r.kind,
    description: r.description,
    quantity: r.quantity,
    price: r.price,
    gross: r.gross,
    discount: r.discount,
    amount: r.amount,
    dueOn: r.due_on,
    paid: r.paid,
    credited: r.credited,
    waived: r.waived,
    lateFee: lateAccrued(moneyOf(r), ruleOf(r), today),
    latePaid: r.late_paid,
    lateWaived: r.late_waived,
    principalDue: due.principal,
    lateDue: due.late,
    totalDue: due.total,
    open: r.open === 1,
    reason: r.reason,
    adjustsId: r.adjusts_id,
    ticketId: r.ticket_id,
  };
}
export type Line = ReturnType<typeof presentLine>;
