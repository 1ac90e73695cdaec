/** Held deposits 押金 (X4): receive, ask to refund or deduct, decide. */
import { z } from 'zod';
import { fen, id, optionalText, pageQuery, queryId, text } from '../../../http/fields.ts';

const positiveFen = fen.refine((v) => v > 0, { message: 'field.positive' });
const key = z.string().trim().min(8).max(64).regex(/^[A-Za-z0-9_-]+$/, { message: 'field.idempotencyKey' });

export const depositReceive = z
  .object({
    renovationId: id,
    amount: positiveFen,
    method: z.enum(['cash', 'card', 'wechat', 'alipay', 'transfer']),
    payerName: text(64),
    /** The configured amount may be overridden only with a reason. */
    overrideReason: optionalText(200),
    idempotencyKey: key,
  })
  .strict();

export const depositRequest = z
  .object({
    kind: z.enum(['refund', 'deduct']),
    amount: positiveFen,
    payee: text(64),
    method: z.enum(['cash', 'card', 'wechat', 'alipay', 'transfer', 'to_prepaid', 'retained']),
    reason: text(500),
    violationIds: z.array(id).max(20).default([]),
    evidenceNote: optionalText(500),
    idempotencyKey: key,
  })
  .strict();

export const depositDecide = z.object({ approve: z.boolean(), note: optionalText(200) }).strict();

export const depositQuery = z
  .object({ estateId: queryId.optional(), status: z.enum(['held', 'refund_requested', 'settled']).optional(), renovationId: queryId.optional(), ...pageQuery })
  .strict();
export const depositSummaryQuery = z.object({ estateId: queryId }).strict();
