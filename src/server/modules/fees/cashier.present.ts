/** How the charging center shows a bill line, a payment and a decision request (docs/fees-api.md). */
import { lateAccrued } from '../../../core/fees.ts';
import type { PaymentMethod } from '../../../core/fees.ts';
import { unitLabel } from '../../../core/units.ts';
import { dueOf, type LineRow, moneyOf, ruleOf } from './ledger.ts';
import type { PaymentRow } from './cashier.repository.ts';

export const labelOf = (r: { building_code: string; unit_entrance: string | null; unit_number: string }) => unitLabel(r.building_code, r.unit_entrance, r.unit_number);

/** Fen as yuan with two decimals, for messages. */
export const yuan = (fen: number) => (fen / 100).toFixed(2);

export function presentLine(r: LineRow, label: string, today: string) {
  const due = dueOf(r, today);
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

export function presentPayment(p: Omit<PaymentRow, 'area_id'>) {
  return {
    id: p.id,
    estateId: p.estate_id,
    unitId: p.unit_id,
    unitLabel: labelOf(p),
    receiptNo: p.receipt_no,
    method: p.method as PaymentMethod,
    reference: p.reference,
    payerName: p.payer_name,
    amount: p.amount,
    toPrepaid: p.to_prepaid,
    status: p.status as 'valid' | 'reversed',
    businessDate: p.business_date,
    cashierName: p.cashier_name,
    paidAt: p.paid_at,
    closeId: p.close_id,
  };
}

type Decision = {
  status: string;
  reason: string;
  requested_by_name: string;
  requested_at: string;
  decided_by_name: string | null;
  decided_at: string | null;
  decision_note: string | null;
};

export function presentDecision(r: Decision) {
  return {
    status: r.status as 'pending' | 'approved' | 'rejected',
    reason: r.reason,
    requestedByName: r.requested_by_name,
    requestedAt: r.requested_at,
    decidedByName: r.decided_by_name,
    decidedAt: r.decided_at,
    decisionNote: r.decision_note,
  };
}
