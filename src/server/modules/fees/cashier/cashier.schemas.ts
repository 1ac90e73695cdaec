/** Request and answer shapes of the charging center (收费处), as docs/fees-api.md "cashier" writes them. */
import { z } from 'zod';
import { PAYMENT_METHODS } from '../../../../core/fees.ts';
import { fen, id, isoDate, optionalText, pageQuery, queryId, searchText, text } from '../../../http/fields.ts';
import { line } from '../billing/billing.schemas.ts';

const positiveFen = fen.min(1);
const key = z.string().trim().min(8).max(64).regex(/^[\w-]+$/, { message: 'field.format' });
const cashMethods = PAYMENT_METHODS.filter((m) => m !== 'prepaid') as unknown as readonly ['cash', 'card', 'wechat', 'alipay', 'transfer'];

export const unitSearchQuery = z.object({ estateId: queryId, q: searchText(50).min(1) });

export const paymentInput = z
  .object({
    unitId: id,
    lineIds: z.array(id).min(1).max(500).optional().describe('default: every open line, oldest first'),
    amount: positiveFen,
    expectedDue: fen.describe('the chosen lines’ total due as the cashier saw it'),
    method: z.enum(PAYMENT_METHODS),
    reference: optionalText(64).describe('required for transfer'),
    payerName: optionalText(64),
    toPrepaid: z.boolean().default(false),
    idempotencyKey: key,
  })
  .strict();

export const depositInput = z
  .object({
    unitId: id,
    amount: positiveFen,
    method: z.enum(cashMethods),
    reference: optionalText(64),
    payerName: optionalText(64),
    idempotencyKey: key,
  })
  .strict();

export const paymentQuery = z.object({
  estateId: queryId.optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  cashierId: queryId.optional(),
  method: z.enum(PAYMENT_METHODS).optional(),
  unitId: queryId.optional(),
  status: z.enum(['valid', 'reversed']).optional(),
  ...pageQuery,
});

export const reasonInput = z.object({ reason: text(200) }).strict();
export const decideInput = z.object({ approve: z.boolean(), note: optionalText(200) }).strict();
export const requestQuery = z.object({ estateId: queryId.optional(), status: z.enum(['pending', 'approved', 'rejected']).optional(), ...pageQuery });

export const closeQuery = z.object({ estateId: queryId, date: isoDate, cashierId: queryId.optional() });
export const closeInput = z.object({ estateId: id, date: isoDate }).strict();

export const waiverInput = z.object({ lineId: id, principal: fen, lateFee: fen, reason: text(200) }).strict();

// ---- answers ---------------------------------------------------------------------------------

export const allocation = z.object({ lineId: z.number(), itemName: z.string(), period: z.string(), principal: z.number(), lateFee: z.number() });

export const payment = z.object({
  id: z.number(),
  estateId: z.number(),
  unitId: z.number(),
  unitLabel: z.string(),
  receiptNo: z.string(),
  method: z.enum(PAYMENT_METHODS),
  reference: z.string().nullable(),
  payerName: z.string().nullable(),
  amount: z.number(),
  toPrepaid: z.number(),
  status: z.enum(['valid', 'reversed']),
  businessDate: z.string(),
  cashierName: z.string(),
  paidAt: z.string(),
  closeId: z.number().nullable(),
});

export const receipt = payment.extend({
  estateName: z.string(),
  ownerName: z.string().nullable(),
  allocations: z.array(allocation),
  reversal: z.object({ id: z.number(), status: z.string(), reason: z.string(), businessDate: z.string().nullable() }).nullable(),
});

export const unitHit = z.object({ unitId: z.number(), unitLabel: z.string(), ownerName: z.string().nullable(), phoneMasked: z.string().nullable(), totalDue: z.number(), prepaidBalance: z.number() });

export const account = z.object({
  unitId: z.number(),
  estateId: z.number(),
  unitLabel: z.string(),
  ownerName: z.string().nullable(),
  phoneMasked: z.string().nullable(),
  openLines: z.array(line),
  totalDue: z.number(),
  prepaidBalance: z.number(),
  payments: z.array(payment),
  arrearsStep: z.number(),
});

const decision = {
  status: z.enum(['pending', 'approved', 'rejected']),
  reason: z.string(),
  requestedByName: z.string(),
  requestedAt: z.string(),
  decidedByName: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
};

export const reversal = z.object({
  id: z.number(),
  estateId: z.number(),
  paymentId: z.number(),
  receiptNo: z.string(),
  unitId: z.number(),
  unitLabel: z.string(),
  method: z.string(),
  amount: z.number(),
  cashierName: z.string(),
  businessDate: z.string().nullable().describe('the day whose close shows it, once approved'),
  ...decision,
});

export const waiver = z.object({
  id: z.number(),
  estateId: z.number(),
  unitId: z.number(),
  unitLabel: z.string(),
  lineId: z.number(),
  itemName: z.string(),
  period: z.string(),
  principal: z.number(),
  lateFee: z.number(),
  ...decision,
});

export const close = z.object({
  id: z.number(),
  estateId: z.number(),
  cashierId: z.number().nullable(),
  cashierName: z.string(),
  date: z.string(),
  payments: z.number(),
  amount: z.number(),
  reversed: z.number(),
  byMethod: z.record(z.string(), z.number()),
  closedAt: z.string(),
});

export const closeDay = z.object({
  date: z.string(),
  estateId: z.number(),
  cashierId: z.number(),
  cashierName: z.string(),
  payments: z.number(),
  amount: z.number(),
  reversed: z.number(),
  byMethod: z.record(z.string(), z.number()),
  allocated: z.number(),
  toPrepaid: z.number(),
  reconciled: z.boolean(),
  closed: close.nullable(),
  items: z.array(payment),
  reversals: z.array(reversal),
});
