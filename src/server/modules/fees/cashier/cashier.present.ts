/** How the charging center shows a payment (docs/fees-api.md); lines: lines.present.ts; requests: requests.ts. */
import type { PaymentMethod } from '../../../../core/fees.ts';
import type { PaymentRow } from './cashier.repository.ts';
import { labelOf } from '../billing/lines.present.ts';

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
