import { z } from 'zod';
import { BUILDING_KINDS, CARE_FLAGS, FACILITY_KINDS, UNIT_STATUSES, UNIT_USAGES } from '../../../core/units.ts';
import { id, isoDate, optionalText, pageQuery, queryId, searchText, text } from '../../http/fields.ts';

export const building = z.object({
  id: z.number(),
  estateId: z.number(),
  areaId: z.number().nullable(),
  areaName: z.string().nullable(),
  code: z.string(),
  name: z.string(),
  kind: z.string(),
  floors: z.number(),
  entrances: z.number(),
  builtYear: z.number().nullable(),
  notes: z.string().nullable(),
  archived: z.boolean(),
  unitCount: z.number(),
  statusCounts: z.record(z.string(), z.number()),
});
export const buildingQuery = z.object({
  estateId: queryId.optional(),
  areaId: queryId.optional(),
  q: searchText(50).optional(),
  includeArchived: z.enum(['0', '1']).optional(),
  ...pageQuery,
  pageSize: pageQuery.pageSize.default(100),
});
export const buildingCreate = z
  .object({
    estateId: id,
    areaId: id.nullish(),
    code: text(32),
    name: text(64),
    kind: z.enum(BUILDING_KINDS),
    floors: z.number().int().min(1).max(200),
    entrances: z.number().int().min(1).max(50),
    builtYear: z.number().int().min(1900).max(2100).nullish(),
    notes: optionalText(2000),
  })
  .strict();
export const buildingUpdate = buildingCreate.omit({ estateId: true }).partial().extend({ archived: z.boolean().optional() }).strict();

/** Building area in m² with at most two decimals, stored as hundredths. */
const area = z.number().positive().max(100_000).multipleOf(0.01);

export const unit = z.object({
  id: z.number(),
  estateId: z.number(),
  buildingId: z.number(),
  buildingCode: z.string(),
  buildingName: z.string(),
  areaId: z.number().nullable(),
  areaName: z.string().nullable(),
  entrance: z.string().nullable(),
  floor: z.number(),
  number: z.string(),
  label: z.string(),
  buildingArea: z.number(),
  usage: z.string(),
  status: z.enum(UNIT_STATUSES),
  structure: z.string().nullable(),
  qualityNotes: z.string().nullable(),
  deliveredOn: z.string().nullable(),
  archived: z.boolean(),
  householdId: z.number().nullable(),
  householdName: z.string().nullable(),
  ownerNames: z.array(z.string()),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  careFlags: z.array(z.enum(CARE_FLAGS)),
});
export const unitQuery = z.object({
  estateId: queryId.optional(),
  buildingId: queryId.optional(),
  areaId: queryId.optional(),
  status: z.enum(UNIT_STATUSES).optional(),
  usage: z.enum(UNIT_USAGES).optional(),
  care: z.enum(['1']).optional(),
  q: searchText(50).optional(),
  sort: z.enum(['address', 'area']).default('address'),
  ...pageQuery,
});
/** A unit's fields without defaults: the update schema is built from these, because zod fills a
 * `.default()` even inside `.partial()`, which would reset a field a PATCH did not name. */
const unitFields = z
  .object({
    buildingId: id,
    entrance: optionalText(16),
    floor: z.number().int().min(-5).max(200),
    number: text(32),
    buildingArea: area,
    usage: z.enum(UNIT_USAGES),
    status: z.enum(UNIT_STATUSES),
    structure: optionalText(100),
    qualityNotes: optionalText(2000),
    deliveredOn: isoDate.nullish(),
  })
  .strict();
export const unitCreate = unitFields
  .extend({ usage: unitFields.shape.usage.default('residential'), status: unitFields.shape.status.default('vacant') })
  .strict();
export const unitUpdate = unitFields.omit({ buildingId: true }).partial().extend({ archived: z.boolean().optional() }).strict();

export const facility = z.object({
  id: z.number(),
  estateId: z.number(),
  kind: z.enum(FACILITY_KINDS),
  name: z.string(),
  location: z.string().nullable(),
  notes: z.string().nullable(),
  archived: z.boolean(),
});
export const facilityQuery = z.object({ estateId: queryId.optional(), kind: z.enum(FACILITY_KINDS).optional(), ...pageQuery });
export const facilityCreate = z
  .object({ estateId: id, kind: z.enum(FACILITY_KINDS), name: text(100), location: optionalText(200), notes: optionalText(2000) })
  .strict();
export const facilityUpdate = facilityCreate.omit({ estateId: true }).partial().extend({ archived: z.boolean().optional() }).strict();
