/** Request and response schemas of meters and readings (docs/fees-api.md, part "config"). */
import { z } from 'zod';
import { METER_KINDS } from '../../../../core/fees.ts';
import { id, isoDate, optionalText, pageQuery, periodOf, queryId, searchText } from '../../../http/fields.ts';

/** Meter readings are whole 吨/度/m³ on the dial. */
export const readingValue = z.number().int().min(0).max(1_000_000_000);
export const period = periodOf('reading.period');

export const meterCreate = z
  .object({
    estateId: id,
    unitId: id.nullish().describe('a unit meter (户表)'),
    buildingId: id.nullish().describe('a building meter (楼栋总表, feeds 公摊)'),
    kind: z.enum(METER_KINDS),
    number: z.string().trim().regex(/^[A-Za-z0-9_-]{1,32}$/, { message: 'meter.number' }),
    installedOn: isoDate,
    initialReading: readingValue,
  })
  .strict();

export const meterReplace = z
  .object({
    finalReading: readingValue.describe("the old meter's last reading"),
    readOn: isoDate,
    newNumber: meterCreate.shape.number,
    newInitialReading: readingValue,
    note: optionalText(200),
  })
  .strict();

export const meterQuery = z.object({
  estateId: queryId,
  unitId: queryId.optional(),
  buildingId: queryId.optional(),
  kind: z.enum(METER_KINDS).optional(),
  q: searchText(50).optional(),
  includeReplaced: z.enum(['0', '1']).optional(),
  ...pageQuery,
});

const lastReading = z.object({ value: z.number(), period: z.string(), readOn: z.string() });

export const meter = z.object({
  id: z.number(),
  estateId: z.number(),
  unitId: z.number().nullable(),
  unitLabel: z.string().nullable(),
  buildingId: z.number().nullable(),
  buildingName: z.string().nullable(),
  kind: z.enum(METER_KINDS),
  number: z.string(),
  installedOn: z.string(),
  initialReading: z.number(),
  replacedAt: z.string().nullable(),
  replacedById: z.number().nullable(),
  lastReading: lastReading.nullable(),
});

export const sheetQuery = z.object({
  estateId: queryId,
  period,
  buildingId: queryId.optional(),
  kind: z.enum(METER_KINDS).optional(),
});

export const sheetRow = z.object({
  meterId: z.number(),
  meterNumber: z.string(),
  kind: z.enum(METER_KINDS),
  unitId: z.number().nullable(),
  unitLabel: z.string().nullable().describe('null for a building meter'),
  buildingId: z.number(),
  buildingName: z.string(),
  previous: z.number(),
  previousReadOn: z.string().nullable(),
  value: z.number().nullable(),
  usage: z.number().nullable(),
  readOn: z.string().nullable(),
  readingId: z.number().nullable(),
});

export const readingsInput = z
  .object({
    estateId: id,
    period,
    readOn: isoDate,
    rows: z.array(z.object({ meterId: id, value: readingValue, note: optionalText(200) }).strict()).min(1).max(5000),
  })
  .strict();

export const readingsResult = z.object({
  saved: z.number(),
  skipped: z.number().describe('import only: template rows left without a reading'),
  errors: z.array(z.object({ meterId: z.number().nullable(), field: z.string(), message: z.string() })).describe('always empty: a batch with an error is refused whole (400)'),
});

export const templateQuery = z.object({ estateId: queryId, period, kind: z.enum(METER_KINDS).optional(), buildingId: queryId.optional() });
