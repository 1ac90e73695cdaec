import { z } from 'zod';
import { ACQUIRED_HOW, CARE_FLAGS, RELATIONS } from '../../../core/units.ts';
import { fen, id, isoDate, optionalIdNumber, optionalPhone, optionalText, pageQuery, queryId, searchText, text } from '../../http/fields.ts';
import { unit } from '../property/property.schemas.ts';

/** A member's fields without defaults; memberUpdate is built from these (zod fills `.default()`
 * even inside `.partial()`, which would clear flags a PATCH did not name). */
const memberFields = z
  .object({
    name: text(64),
    relation: z.enum(RELATIONS),
    isHead: z.boolean(),
    isOwner: z.boolean(),
    gender: z.enum(['M', 'F']).nullish(),
    birthYear: z.number().int().min(1900).max(2100).nullish(),
    phone: optionalPhone,
    idNumber: optionalIdNumber,
    occupation: optionalText(64),
    employer: optionalText(100),
    specialties: optionalText(200),
    hobbies: optionalText(200),
    careFlags: z.array(z.enum(CARE_FLAGS)).max(CARE_FLAGS.length),
    notes: optionalText(2000),
  })
  .strict();
export const memberInput = memberFields
  .extend({
    isHead: memberFields.shape.isHead.default(false),
    isOwner: memberFields.shape.isOwner.default(false),
    careFlags: memberFields.shape.careFlags.default([]),
  })
  .strict();
export const memberUpdate = memberFields.partial().strict();

export const member = z.object({
  id: z.number(),
  householdId: z.number(),
  name: z.string(),
  relation: z.string(),
  isHead: z.boolean(),
  isOwner: z.boolean(),
  gender: z.string().nullable(),
  birthYear: z.number().nullable(),
  phone: z.string().nullable().describe('masked'),
  idNumber: z.string().nullable().describe('masked'),
  occupation: z.string().nullable(),
  employer: z.string().nullable(),
  specialties: z.string().nullable(),
  hobbies: z.string().nullable(),
  careFlags: z.array(z.string()),
  notes: z.string().nullable(),
  movedOutOn: z.string().nullable(),
});

export const household = z.object({
  id: z.number(),
  estateId: z.number(),
  unitId: z.number(),
  unitLabel: z.string(),
  name: z.string(),
  movedInOn: z.string().nullable(),
  movedOutOn: z.string().nullable(),
  notes: z.string().nullable(),
  members: z.array(member),
});

export const householdSummary = z.object({
  id: z.number(),
  estateId: z.number(),
  unitId: z.number(),
  unitLabel: z.string(),
  name: z.string(),
  movedInOn: z.string().nullable(),
  headName: z.string().nullable(),
  headPhone: z.string().nullable(),
  memberCount: z.number(),
  careFlags: z.array(z.string()),
});
export const householdQuery = z.object({
  estateId: queryId.optional(),
  buildingId: queryId.optional(),
  care: z.enum([...CARE_FLAGS, 'any']).optional().describe('a care flag, or any for every special-care household'),
  q: searchText(50).optional(),
  ...pageQuery,
});

export const householdCreate = z
  .object({
    unitId: id,
    name: text(100),
    movedInOn: isoDate.nullish(),
    notes: optionalText(2000),
    members: z.array(memberInput).min(1).max(30),
  })
  .strict();
export const householdUpdate = z.object({ name: text(100).optional(), movedInOn: isoDate.nullish(), notes: optionalText(2000).optional() }).strict();
export const moveOut = z.object({ movedOutOn: isoDate, reason: optionalText(200) }).strict();

export const ownership = z.object({
  id: z.number(),
  unitId: z.number(),
  ownerName: z.string(),
  phone: z.string().nullable().describe('masked'),
  idNumber: z.string().nullable().describe('masked'),
  sharePercent: z.number(),
  acquiredOn: z.string(),
  acquiredHow: z.string(),
  certificateNo: z.string().nullable(),
  endedOn: z.string().nullable(),
  endReason: z.string().nullable(),
  notes: z.string().nullable(),
});
export const ownerInput = z
  .object({
    ownerName: text(64),
    phone: optionalPhone,
    idNumber: optionalIdNumber,
    sharePercent: z.number().int().min(1).max(100),
    certificateNo: optionalText(64),
    notes: optionalText(500),
  })
  .strict();
export const ownershipTransfer = z
  .object({
    date: isoDate,
    how: z.enum(ACQUIRED_HOW),
    reason: optionalText(200),
    owners: z.array(ownerInput).min(1).max(10),
  })
  .strict();
export const ownershipUpdate = ownerInput.pick({ phone: true, idNumber: true, certificateNo: true, notes: true }).partial().strict();

export const tenancy = z.object({
  id: z.number(),
  unitId: z.number(),
  householdId: z.number().nullable(),
  tenantName: z.string(),
  phone: z.string().nullable().describe('masked'),
  idNumber: z.string().nullable().describe('masked'),
  startOn: z.string(),
  endOn: z.string(),
  monthlyRent: z.number().describe('fen'),
  deposit: z.number().describe('fen'),
  agent: z.string().nullable(),
  notes: z.string().nullable(),
  terminatedOn: z.string().nullable(),
  active: z.boolean(),
});
export const tenancyCreate = z
  .object({
    unitId: id,
    householdId: id.nullish(),
    tenantName: text(64),
    phone: optionalPhone,
    idNumber: optionalIdNumber,
    startOn: isoDate,
    endOn: isoDate,
    monthlyRent: fen,
    deposit: fen.default(0),
    agent: optionalText(100),
    notes: optionalText(2000),
  })
  .strict()
  .refine((v) => v.endOn >= v.startOn, { path: ['endOn'], message: 'field.dateOrder' });
export const tenancyTerminate = z.object({ terminatedOn: isoDate, reason: optionalText(200) }).strict();

export const archive = z.object({
  unit,
  household: household.nullable(),
  pastHouseholds: z.array(household),
  ownerships: z.array(ownership),
  tenancies: z.array(tenancy),
});

export const revealInput = z
  .object({ kind: z.enum(['member', 'ownership', 'tenancy']), id, field: z.enum(['phone', 'idNumber']) })
  .strict();
