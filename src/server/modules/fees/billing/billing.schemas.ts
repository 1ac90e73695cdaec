/** Request and response schemas of the billing part: runs, bill lines, notices (docs/fees-api.md). */
import { z } from 'zod';
import { id, isoDate, optionalText, pageQuery, period, queryId, searchText, text } from '../../../http/fields.ts';

export { period };

export const runInput = z
  .object({
    estateId: id,
    period,
    areaId: id.optional(),
    buildingId: id.optional(),
    feeItemIds: z.array(id).max(100).optional(),
  })
  .strict();

const skipped = z.object({ unitId: z.number(), unitLabel: z.string(), feeItemId: z.number(), reason: z.string(), message: z.string() });
const byItem = z.object({ feeItemId: z.number(), name: z.string(), lines: z.number(), amount: z.number() });

export const preview = z.object({
  period: z.string(),
  units: z.number(),
  lines: z.number(),
  amount: z.number(),
  byItem: z.array(byItem),
  skipped: z.array(skipped),
  skippedCount: z.number(),
  existing: z.number(),
});

export const run = z.object({
  id: z.number(),
  estateId: z.number(),
  period: z.string(),
  areaId: z.number().nullable(),
  buildingId: z.number().nullable(),
  feeItemIds: z.array(z.number()).nullable(),
  status: z.enum(['running', 'done', 'failed', 'interrupted']),
  unitsTotal: z.number(),
  unitsDone: z.number(),
  linesCreated: z.number(),
  amountCreated: z.number(),
  prepaidUsed: z.number(),
  summary: z.object({ byItem: z.array(byItem), skipped: z.array(skipped), skippedCount: z.number(), existing: z.number() }).nullable(),
  error: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  createdByName: z.string().nullable(),
});

export const runQuery = z.object({ estateId: queryId.optional(), ...pageQuery });

// ---- lines -----------------------------------------------------------------------------------

/** The Line of the contract (lines.present.ts `presentLine`), in every part's answers. */
export const line = z.object({
  id: z.number(),
  unitId: z.number(),
  unitLabel: z.string(),
  feeItemId: z.number(),
  itemName: z.string(),
  itemKind: z.string(),
  period: z.string(),
  kind: z.string(),
  description: z.string().nullable(),
  quantity: z.number().nullable(),
  price: z.number().nullable(),
  gross: z.number(),
  discount: z.number(),
  amount: z.number(),
  dueOn: z.string(),
  paid: z.number(),
  credited: z.number(),
  waived: z.number(),
  lateFee: z.number().describe('late fee to date (crystallized + accrued, capped)'),
  latePaid: z.number(),
  lateWaived: z.number(),
  principalDue: z.number(),
  lateDue: z.number(),
  totalDue: z.number(),
  open: z.boolean(),
  reason: z.string().nullable(),
  adjustsId: z.number().nullable(),
  ticketId: z.number().nullable(),
});

export const lineQuery = z.object({
  estateId: queryId.optional(),
  period: period.optional(),
  unitId: queryId.optional(),
  buildingId: queryId.optional(),
  areaId: queryId.optional(),
  feeItemId: queryId.optional(),
  open: z.enum(['0', '1']).optional(),
  q: searchText(50).optional(),
  ...pageQuery,
});

/** Money of a single charge or adjustment: whole fen, at most 10 million 元. */
const MAX_FEN = 1_000_000_000;

export const lineCreate = z
  .object({
    unitId: id,
    feeItemId: id,
    amount: z.number().int().min(1).max(MAX_FEN),
    description: text(200),
    ticketId: id.optional(),
    dueOn: isoDate.optional(),
  })
  .strict();

export const adjustInput = z
  .object({
    amount: z.number().int().min(-MAX_FEN).max(MAX_FEN).refine((v) => v !== 0, { message: 'field.nonZero' }),
    reason: text(200),
  })
  .strict();

// ---- notices ---------------------------------------------------------------------------------

export const noticeQuery = z.object({ estateId: queryId, period, buildingId: queryId.optional(), areaId: queryId.optional() });

export const notice = z.object({
  unitId: z.number(),
  unitLabel: z.string(),
  ownerName: z.string().nullable(),
  buildingName: z.string(),
  areaName: z.string().nullable(),
  period: z.string(),
  lines: z.array(line),
  periodAmount: z.number(),
  arrears: z.number(),
  lateFees: z.number(),
  prepaidBalance: z.number(),
  totalDue: z.number(),
  dueOn: z.string().nullable(),
  deliveredAt: z.string().nullable(),
});

export const deliveredInput = z
  .object({
    period,
    unitIds: z.array(id).min(1).max(5000),
    note: optionalText(200),
  })
  .strict();
