import { z } from 'zod';
import { OWNER_VISIT_STATUSES, OWNER_VISIT_TOPICS, TIME_BANDS } from '../../../../core/visits.ts';
import { id, isoDate, optionalText, pageQuery, queryId, text } from '../../../http/fields.ts';

/** 请管家上门 (owner portal) and its handling by the steward. */
export const ownerVisitInput = z
  .object({
    unitId: id,
    preferredDates: z.array(isoDate).min(1).max(3),
    timeBand: z.enum(TIME_BANDS),
    topic: z.enum(OWNER_VISIT_TOPICS),
    note: optionalText(500),
  })
  .strict();
export const scheduleInput = z.object({ date: isoDate }).strict();
export const declineInput = z.object({ reason: text(200) }).strict();
export const ownerVisitQuery = z.object({ estateId: queryId, status: z.enum(OWNER_VISIT_STATUSES).optional(), ...pageQuery });

export const ownerVisit = z.object({
  id: z.number(),
  estateId: z.number(),
  unitId: z.number(),
  unitLabel: z.string(),
  householdName: z.string().nullable(),
  areaName: z.string().nullable(),
  preferredDates: z.array(z.string()),
  timeBand: z.enum(TIME_BANDS),
  topic: z.enum(OWNER_VISIT_TOPICS),
  note: z.string().nullable(),
  status: z.enum(OWNER_VISIT_STATUSES),
  scheduledOn: z.string().nullable(),
  visitorName: z.string().nullable(),
  declineReason: z.string().nullable(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
});
