/** Request and response schemas of fee items, prices and discounts (docs/fees-api.md, part "config"). */
import { z } from 'zod';
import { FEE_KINDS, LATE_STARTS, METER_KINDS } from '../../../../core/fees.ts';
import { UNIT_USAGES } from '../../../../core/units.ts';
import { fen, id, isoDate, optionalText, pageQuery, queryId, text } from '../../../http/fields.ts';

/** 1/100 fen per unit: up to 100,000 元 per m²/吨/度, far above any tariff. */
const price100 = z.number().int().min(0).max(1_000_000_000);
const day = z.number().int().min(1).max(28);

export const tierInput = z.object({ upTo: z.number().int().min(1).max(1_000_000_000).nullable(), price: price100 }).strict();

export const priceInput = z
  .object({
    effectiveFrom: isoDate,
    price: price100.describe('1/100 fen per m² per month (area) or per 吨/度/m³ (metered, shared); 0 for fixed, one-off and service'),
    tiers: z.array(tierInput).min(1).max(10).nullish().describe('阶梯价, metered items only; the last tier has upTo null'),
    amount: fen.nullish().describe('fen per cycle (fixed, required); usual amount of a one-off or service (optional)'),
    note: optionalText(200),
  })
  .strict();

const itemFields = {
  code: z.string().trim().regex(/^[A-Za-z0-9_-]{1,32}$/, { message: 'fee.code' }),
  name: text(64),
  meterKind: z.enum(METER_KINDS).nullish(),
  cycleMonths: z.number().int().refine((v) => v === 1 || v === 3 || v === 12, { message: 'fee.cycle' }),
  billDay: day,
  dueDay: day,
  usages: z.array(z.enum(UNIT_USAGES)).max(UNIT_USAGES.length).nullish().describe('[] or null = every usage'),
  buildingIds: z.array(id).max(500).nullish().describe('[] or null = every building'),
  targetRate: z.number().int().min(0).max(10_000).describe('basis points; default 10000 for utilities and services, 9500 otherwise'),
  lateRatePpm: z.number().int().min(0).max(10_000).describe('per day, parts per million: 500 = 0.05 %'),
  lateGraceDays: z.number().int().min(0).max(365),
  lateStart: z.enum(LATE_STARTS),
  lateCapBp: z.number().int().min(0).max(10_000).describe('cap of the late fee, basis points of the principal'),
};

export const itemCreate = z
  .object({
    estateId: id,
    kind: z.enum(FEE_KINDS),
    ...itemFields,
    targetRate: itemFields.targetRate.optional(),
    lateRatePpm: itemFields.lateRatePpm.optional(),
    lateGraceDays: itemFields.lateGraceDays.optional(),
    lateStart: itemFields.lateStart.optional(),
    lateCapBp: itemFields.lateCapBp.optional(),
    price: priceInput,
  })
  .strict();

export const itemUpdate = z
  .object({
    code: itemFields.code.optional(),
    name: itemFields.name.optional(),
    meterKind: itemFields.meterKind,
    cycleMonths: itemFields.cycleMonths.optional(),
    billDay: day.optional(),
    dueDay: day.optional(),
    usages: itemFields.usages,
    buildingIds: itemFields.buildingIds,
    targetRate: itemFields.targetRate.optional(),
    lateRatePpm: itemFields.lateRatePpm.optional(),
    lateGraceDays: itemFields.lateGraceDays.optional(),
    lateStart: itemFields.lateStart.optional(),
    lateCapBp: itemFields.lateCapBp.optional(),
    sort: z.number().int().min(0).max(10_000).optional(),
  })
  .strict();

export const archiveInput = z.object({ reason: optionalText(200) }).strict();

const priceOut = z.object({
  id: z.number(),
  effectiveFrom: z.string(),
  price: z.number(),
  tiers: z.array(z.object({ upTo: z.number().nullable(), price: z.number() })).nullable(),
  amount: z.number().nullable(),
  note: z.string().nullable(),
});

export const feeItem = z.object({
  id: z.number(),
  estateId: z.number(),
  code: z.string(),
  name: z.string(),
  kind: z.enum(FEE_KINDS),
  meterKind: z.enum(METER_KINDS).nullable(),
  cycleMonths: z.number(),
  billDay: z.number(),
  dueDay: z.number(),
  usages: z.array(z.string()).describe('[] = every usage'),
  buildingIds: z.array(z.number()).describe('[] = every building'),
  targetRate: z.number(),
  lateRatePpm: z.number(),
  lateGraceDays: z.number(),
  lateStart: z.enum(LATE_STARTS),
  lateCapBp: z.number(),
  sort: z.number(),
  archivedAt: z.string().nullable(),
  prices: z.array(priceOut),
  currentPrice: priceOut.nullable().describe('the price in force today'),
});

// ---- discounts (空置房优惠) ---------------------------------------------------------------

export const DISCOUNT_KINDS = ['vacant'] as const;
export const DISCOUNT_STATUSES = ['pending', 'approved', 'rejected'] as const;

export const discountCreate = z
  .object({
    unitId: id,
    feeItemId: id.nullish().describe('null = every fee item of the unit'),
    kind: z.enum(DISCOUNT_KINDS),
    percentBp: z.number().int().min(1).max(10_000).describe('share taken off, basis points (5000 = 50 %)'),
    fromDate: isoDate,
    toDate: isoDate,
    reason: text(200),
  })
  .strict();

export const decideInput = z.object({ approve: z.boolean(), note: optionalText(200) }).strict();
export const discountEnd = z.object({ lastDay: isoDate, reason: text(200) }).strict();

export const discountQuery = z.object({
  estateId: queryId,
  status: z.enum(DISCOUNT_STATUSES).optional(),
  unitId: queryId.optional(),
  ...pageQuery,
});

export const discount = z.object({
  id: z.number(),
  estateId: z.number(),
  unitId: z.number(),
  unitLabel: z.string(),
  feeItemId: z.number().nullable(),
  feeItemName: z.string().nullable(),
  kind: z.string(),
  percentBp: z.number(),
  fromDate: z.string(),
  toDate: z.string(),
  reason: z.string(),
  status: z.enum(DISCOUNT_STATUSES),
  requestedByName: z.string().nullable(),
  decidedByName: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
  createdAt: z.string(),
});
