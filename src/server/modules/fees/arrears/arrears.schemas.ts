/** Request and answer schemas of the arrears part: the board, the ladder, the owner's fees. */
import { z } from 'zod';
import { ARREARS_CHANNELS, RESOLUTIONS } from '../../../../core/fees.ts';
import { id, isoDate, optionalText, pageQuery, queryId, searchText } from '../../../http/fields.ts';
import { line } from '../billing/billing.schemas.ts';
import { allocation, payment } from '../cashier/cashier.schemas.ts';

export const boardQuery = z.object({
  estateId: queryId,
  areaId: queryId.optional(),
  buildingId: queryId.optional(),
  minDays: z.coerce.number().int().min(0).max(36_500).optional(),
  step: z.coerce.number().int().min(0).max(5).optional(),
  q: searchText(50).optional(),
  ...pageQuery,
});

export const boardRow = z.object({
  unitId: z.number(),
  unitLabel: z.string(),
  ownerName: z.string().nullable(),
  phoneMasked: z.string().nullable(),
  areaId: z.number().nullable(),
  areaName: z.string().nullable(),
  buildingName: z.string(),
  outstanding: z.number().describe('principal owed on the overdue lines, fen'),
  lateFee: z.number().describe('late fee owed to date on those lines, fen'),
  oldestDueOn: z.string().nullable(),
  days: z.number().describe('days since the oldest open line fell due'),
  lines: z.number().describe('overdue open lines'),
  step: z.number().describe('highest ladder step reached since oldestDueOn (0–5)'),
  lastStepOn: z.string().nullable(),
  deadline: z.string().nullable().describe("the deadline of this episode's deadline notice (step 2), if any"),
});

export const step = z.object({
  id: z.number(),
  step: z.number(),
  onDate: z.string(),
  channel: z.string(),
  outcome: z.string().nullable(),
  reason: z.string().nullable(),
  dissatisfaction: z.string().nullable(),
  deadline: z.string().nullable(),
  resolution: z.string().nullable(),
  outstanding: z.number(),
  ticketId: z.number().nullable(),
  batch: z.string().nullable(),
  actorName: z.string(),
  createdAt: z.string(),
});

export const arrearsDetail = boardRow.omit({ lines: true }).extend({
  lines: z.array(line).describe('every open line of the unit, overdue or not'),
  steps: z.array(step).describe('every step ever recorded, oldest first'),
  allowedSteps: z.array(z.number()).describe('steps 2–5 the caller may record now'),
});

export const reminderInput = z.object({ estateId: id, minDays: z.number().int().min(0).max(36_500), areaId: id.optional() }).strict();
export const reminderResult = z.object({ batch: z.string().nullable(), onDate: z.string(), units: z.array(boardRow) });

export const stepInput = z
  .object({
    step: z.number().int().min(2).max(5),
    onDate: isoDate.optional().describe('defaults to today'),
    channel: z.enum(ARREARS_CHANNELS).optional().describe('defaults: 2 notice, 3–4 visit, 5 meeting'),
    outcome: optionalText(500),
    reason: optionalText(500),
    dissatisfaction: optionalText(500),
    deadline: isoDate.optional(),
    resolution: z.enum(RESOLUTIONS).optional(),
    complaint: z.boolean().optional(),
  })
  .strict();

/** The owner's receipt: the contract's Payment with what it paid, named as on the staff's print (estate, owner as the payer when none was typed). */
export const receipt = payment.extend({ estateName: z.string(), ownerName: z.string().nullable(), allocations: z.array(allocation) });

export const portalStep = z.object({ step: z.number(), onDate: z.string(), channel: z.string(), deadline: z.string().nullable(), resolution: z.string().nullable() });
export const portalFees = z.object({
  units: z.array(
    z.object({
      unitId: z.number(),
      unitLabel: z.string(),
      openLines: z.array(line),
      totalDue: z.number(),
      prepaidBalance: z.number(),
      payments: z.array(payment),
      notices: z.array(z.object({ period: z.string(), deliveredAt: z.string() })),
      arrearsSteps: z.array(portalStep),
    }),
  ),
});
