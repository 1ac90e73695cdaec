import { z } from 'zod';
import { PLAN_SOURCES, VISIT_METHODS, VISIT_OUTCOMES, VISIT_PURPOSES } from '../../../../core/visits.ts';
import { id, isoDate, isoDateTime, optionalText, pageQuery, queryId, text } from '../../../http/fields.ts';

export const settingsQuery = z.object({ estateId: queryId });
const settingsFields = {
  regularDays: z.number().int().min(7).max(730),
  specialDays: z.number().int().min(1).max(90),
  moveInDays: z.number().int().min(1).max(60),
  dailyCapacity: z.number().int().min(1).max(50),
  notHomeAttempts: z.number().int().min(1).max(10),
};
export const settings = z.object({ estateId: z.number(), ...settingsFields, updatedAt: z.string().nullable() });
/** Only the fields named change; none has a default (architecture.md "Fields"). */
export const settingsPatch = z.object(settingsFields).partial().strict();

export const generateInput = z.object({ estateId: id, date: isoDate.optional() }).strict();
export const planQuery = z.object({ estateId: queryId, date: isoDate.optional(), userId: queryId.optional(), areaId: queryId.optional() });

export const planItem = z.object({
  id: z.number(),
  householdId: z.number(),
  householdName: z.string(),
  unitId: z.number(),
  unitLabel: z.string(),
  seq: z.number(),
  source: z.enum(PLAN_SOURCES),
  purpose: z.enum(VISIT_PURPOSES),
  note: z.string().nullable(),
  carriedOver: z.boolean(),
  specialCare: z.boolean(),
  lastVisitOn: z.string().nullable(),
  phoneNext: z.boolean(),
  droppedAt: z.string().nullable(),
  dropReason: z.string().nullable(),
  visitId: z.number().nullable(),
});
export const plan = z.object({
  id: z.number(),
  estateId: z.number(),
  areaId: z.number(),
  areaName: z.string(),
  userId: z.number(),
  userName: z.string(),
  date: z.string(),
  status: z.string(),
  items: z.array(planItem),
});
export const addItemInput = z.object({ householdId: id, note: text(200) }).strict();
export const dropInput = z.object({ reason: text(200) }).strict();

export const NEED_TYPES = ['repair', 'special_service', 'inquiry'] as const;
export const visitInput = z
  .object({
    householdId: id,
    planItemId: id.optional(),
    purpose: z.enum(VISIT_PURPOSES),
    method: z.enum(VISIT_METHODS),
    outcome: z.enum(VISIT_OUTCOMES),
    visitedAt: isoDateTime,
    minutes: z.number().int().min(1).max(600).nullish(),
    companions: optionalText(200),
    membersMet: optionalText(200),
    opinions: optionalText(2000),
    tags: z.array(z.string().min(1).max(32)).max(12).default([]),
    satisfaction: z.number().int().min(1).max(5).nullish(),
    needs: optionalText(1000),
    needType: z.enum(NEED_TYPES).nullish(),
    createTicket: z.boolean().default(false),
    careConcern: z.boolean().default(false),
    careNote: optionalText(1000),
    followUpOn: isoDate.nullish(),
  })
  .strict();

export const visitListQuery = z.object({
  estateId: queryId.optional(),
  areaId: queryId.optional(),
  householdId: queryId.optional(),
  purpose: z.enum(VISIT_PURPOSES).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  ...pageQuery,
});
export const homeVisit = z.object({
  id: z.number(),
  estateId: z.number(),
  householdId: z.number(),
  householdName: z.string(),
  unitId: z.number(),
  unitLabel: z.string(),
  visitorName: z.string(),
  companions: z.string().nullable(),
  purpose: z.enum(VISIT_PURPOSES),
  method: z.enum(VISIT_METHODS),
  outcome: z.enum(VISIT_OUTCOMES),
  visitedAt: z.string(),
  minutes: z.number().nullable(),
  membersMet: z.string().nullable(),
  opinions: z.string().nullable(),
  tags: z.array(z.string()),
  satisfaction: z.number().nullable(),
  needs: z.string().nullable(),
  needType: z.string().nullable(),
  ticketId: z.number().nullable(),
  careConcern: z.boolean(),
  /** the note itself only through POST …/care-note (audited) */
  hasCareNote: z.boolean(),
  followUpOn: z.string().nullable(),
  arrearsStepId: z.number().nullable(),
});
export const coverageQuery = z.object({ estateId: queryId, areaId: queryId.optional(), from: isoDate.optional(), to: isoDate.optional() });
const countRow = z.object({ key: z.string(), count: z.number() });
export const coverageReport = z.object({
  date: z.string(),
  from: z.string(),
  to: z.string(),
  regularDays: z.number(),
  specialDays: z.number(),
  households: z.number(),
  visited: z.number(),
  rate: z.number().nullable(),
  special: z.number(),
  specialVisited: z.number(),
  specialRate: z.number().nullable(),
  byPurpose: z.array(countRow),
  byOutcome: z.array(countRow),
  byStaff: z.array(countRow),
  byTag: z.array(countRow),
  formulas: z.array(z.string()),
});
export const tagsQuery = z.object({ estateId: queryId });
