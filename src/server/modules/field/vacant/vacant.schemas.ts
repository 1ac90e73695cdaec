import { z } from 'zod';
import { CHECK_RESULTS, INTERVAL_DAYS, VACANT_CHECK_ITEMS, VACANT_END_REASONS, VACANT_REASONS } from '../../../../core/vacant.ts';
import { readingValue } from '../../fees/items/meters.schemas.ts';
import { id, isoDate, optionalText, pageQuery, queryId, searchText } from '../../../http/fields.ts';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'vacant.time' });
const interval = z.number().int().min(INTERVAL_DAYS.min).max(INTERVAL_DAYS.max);

export const registerInput = z
  .object({
    unitId: id,
    registeredOn: isoDate,
    reason: z.enum(VACANT_REASONS),
    ownerContact: optionalText(200),
    keyHeld: z.boolean(),
    keyNo: optionalText(32),
    keyDepositedOn: isoDate.nullish(),
    keyStorage: optionalText(200),
    valvesClosed: z.boolean(),
    checkIntervalDays: interval.default(INTERVAL_DAYS.default),
    note: optionalText(1000),
  })
  .strict();
/** Update: no defaults, so a field left out stays as it was. */
export const registrationPatch = z
  .object({
    ownerContact: optionalText(200),
    keyHeld: z.boolean(),
    keyNo: optionalText(32),
    keyDepositedOn: isoDate.nullable(),
    keyStorage: optionalText(200),
    valvesClosed: z.boolean(),
    checkIntervalDays: interval,
    note: optionalText(1000),
  })
  .partial()
  .strict();
export const endInput = z.object({ endedOn: isoDate, endReason: z.enum(VACANT_END_REASONS) }).strict();
export const registrationQuery = z.object({
  estateId: queryId.optional(),
  areaId: queryId.optional(),
  state: z.enum(['active', 'ended', 'due', 'all']).default('active'),
  q: searchText(32).optional(),
  ...pageQuery,
});

export const checkInput = z
  .object({
    checkedOn: isoDate,
    timeIn: hhmm,
    timeOut: hhmm,
    companion: optionalText(64),
    entered: z.boolean(),
    keyNoUsed: optionalText(32),
    items: z.partialRecord(z.enum(VACANT_CHECK_ITEMS), z.enum(['ok', 'issue'])),
    readings: z.array(z.object({ meterId: id, value: readingValue }).strict()).max(6).default([]),
    note: optionalText(1000),
  })
  .strict();
export const checksQuery = z.object({ estateId: queryId, from: isoDate.optional(), to: isoDate.optional(), registrationId: queryId.optional(), ...pageQuery });

const reading = z.object({ meterId: z.number(), kind: z.string(), number: z.string(), previous: z.number().nullable(), value: z.number(), used: z.boolean() });
export const check = z.object({
  id: z.number(), registrationId: z.number(), unitId: z.number(), unitLabel: z.string(), checkedOn: z.string(), timeIn: z.string(), timeOut: z.string(),
  checkerName: z.string().nullable(), companion: z.string().nullable(), entered: z.boolean(), keyNoUsed: z.string().nullable(),
  items: z.record(z.string(), z.string()), result: z.enum(CHECK_RESULTS), note: z.string().nullable(), ticketNumber: z.string().nullable(), readings: z.array(reading),
});
export const registration = z.object({
  id: z.number(), estateId: z.number(), areaId: z.number().nullable(), unitId: z.number(), unitLabel: z.string(), buildingName: z.string().nullable(),
  area: z.number().nullable().describe('m²'), registeredOn: z.string(), reason: z.string(), ownerContact: z.string().nullable(), keyHeld: z.boolean(),
  keyNo: z.string().nullable(), keyDepositedOn: z.string().nullable(), keyStorage: z.string().nullable(), valvesClosed: z.boolean(), checkIntervalDays: z.number(),
  nextCheckOn: z.string(), due: z.boolean(), lastCheckOn: z.string().nullable(), lastResult: z.string().nullable(), note: z.string().nullable(),
  endedOn: z.string().nullable(), endReason: z.string().nullable(), createdAt: z.string(),
});
export const registrationDetail = registration.extend({
  checks: z.array(check),
  meters: z.array(z.object({ id: z.number(), kind: z.string(), number: z.string(), last: z.number().nullable() })),
});
export const portalVacant = z.object({
  units: z.array(z.object({
    unitId: z.number(), unitLabel: z.string(), registeredOn: z.string(), reason: z.string(), keyHeld: z.boolean(), nextCheckOn: z.string(), endedOn: z.string().nullable(),
    checks: z.array(z.object({ checkedOn: z.string(), result: z.string(), entered: z.boolean(), items: z.record(z.string(), z.string()), note: z.string().nullable() })),
  })),
});
