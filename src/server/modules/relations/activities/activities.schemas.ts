import { z } from 'zod';
import { ACTIVITY_STATUSES, ACTIVITY_TYPES, CHECKIN_RESULTS, REGISTRATION_STATUSES } from '../../../../core/activities.ts';
import { AUDIENCE_KINDS } from '../../../../core/notices.ts';
import { fen, id, isoDateTime, optionalPhone, optionalText, pageQuery, queryId, text } from '../../../http/fields.ts';

const audienceId = z.union([id, z.string().regex(/^\d{1,9}:[0-9A-Za-z一-龥-]{1,8}$/, 'notice.entranceFormat')]);
const budgetLine = z.object({ item: text(100), amount: fen }).strict();
const staffLine = z.object({ role: text(50), name: text(50), userId: id.nullish() }).strict();

// Field set without defaults (architecture.md "Fields"): the PATCH schema is built from it.
const activityFields = {
  title: text(200),
  type: z.enum(ACTIVITY_TYPES),
  goals: optionalText(2000),
  agenda: optionalText(4000),
  budget: z.array(budgetLine).max(50),
  staffing: z.array(staffLine).max(50),
  facilityId: id.nullable(),
  venue: optionalText(200),
  startsAt: isoDateTime,
  endsAt: isoDateTime,
  opensAt: isoDateTime,
  closesAt: isoDateTime,
  capacity: z.number().int().min(1).max(10_000),
  perUnitLimit: z.number().int().min(1).max(50),
  audienceKind: z.enum(AUDIENCE_KINDS),
  audienceIds: z.array(audienceId).max(2000),
};
export const activityCreate = z
  .object({
    estateId: id,
    ...activityFields,
    budget: activityFields.budget.default([]),
    staffing: activityFields.staffing.default([]),
    facilityId: activityFields.facilityId.default(null),
    audienceKind: activityFields.audienceKind.default('estate'),
    audienceIds: activityFields.audienceIds.default([]),
  })
  .strict();
export const activityUpdate = z.object(activityFields).partial().strict();

export const activityQuery = z.object({ estateId: queryId.optional(), status: z.enum(ACTIVITY_STATUSES).optional(), ...pageQuery });
export const cancelInput = z.object({ reason: text(500) }).strict();
export const reviewInput = z.object({ actualCost: fen, lessons: text(4000) }).strict();
export const registerInput = z
  .object({ unitId: id, names: text(200), adults: z.number().int().min(0).max(50), children: z.number().int().min(0).max(50), phone: optionalPhone.optional() })
  .strict()
  .refine((v) => v.adults + v.children >= 1, { path: ['adults'], message: 'activity.headcountMin' });
export const walkInInput = z
  .object({ unitId: id.nullish(), names: text(200), adults: z.number().int().min(0).max(50), children: z.number().int().min(0).max(50) })
  .strict()
  .refine((v) => v.adults + v.children >= 1, { path: ['adults'], message: 'activity.headcountMin' });
export const checkinInput = z.object({ code: z.string().trim().min(1).max(64) }).strict();
export const taskInput = z.object({ ownerId: id.nullish(), dueAt: isoDateTime.optional(), done: z.boolean().optional(), note: optionalText(500) }).strict();
export const feedbackInput = z.object({ registrationId: id, rating: z.number().int().min(1).max(5), liked: optionalText(500), suggestions: optionalText(1000) }).strict();
export const subParams = z.object({ id: queryId, sub: queryId });

const summary = z.object({
  registrations: z.number(),
  confirmed: z.number(),
  cancelled: z.number(),
  waitlisted: z.number(),
  attended: z.number(),
  noShow: z.number(),
  walkIns: z.number(),
  people: z.number(),
  attendanceRate: z.number().nullable(),
  ratings: z.number(),
  averageRating: z.number().nullable(),
  budgetTotal: z.number(),
  actualCost: z.number().nullable(),
});
export const activity = z.object({
  id: z.number(),
  estateId: z.number(),
  number: z.string(),
  title: z.string(),
  type: z.enum(ACTIVITY_TYPES),
  goals: z.string().nullable(),
  agenda: z.string().nullable(),
  budget: z.array(z.object({ item: z.string(), amount: z.number() })),
  staffing: z.array(z.object({ role: z.string(), name: z.string(), userId: z.number().nullish() })),
  facilityId: z.number().nullable(),
  facilityName: z.string().nullable(),
  venue: z.string().nullable(),
  startsAt: z.string(),
  endsAt: z.string(),
  opensAt: z.string(),
  closesAt: z.string(),
  capacity: z.number(),
  perUnitLimit: z.number(),
  audienceKind: z.enum(AUDIENCE_KINDS),
  audienceIds: z.array(z.union([z.number(), z.string()])),
  status: z.enum(ACTIVITY_STATUSES),
  noticeId: z.number().nullable(),
  /** the feedback survey to its attendees, made at 结束 */
  feedbackSurveyId: z.number().nullable(),
  cancelReason: z.string().nullable(),
  lessons: z.string().nullable(),
  taken: z.number(),
  summary,
});
export const activityDetail = activity.extend({
  tasks: z.array(z.object({ id: z.number(), seq: z.number(), key: z.string().nullable(), title: z.string(), ownerId: z.number().nullable(), ownerName: z.string().nullable(), dueAt: z.string(), doneAt: z.string().nullable(), note: z.string().nullable() })),
  feedback: z.array(z.object({ rating: z.number(), liked: z.string().nullable(), suggestions: z.string().nullable(), at: z.string() })),
});
export const registration = z.object({
  id: z.number(),
  unitId: z.number().nullable(),
  unitLabel: z.string().nullable(),
  names: z.string(),
  adults: z.number(),
  children: z.number(),
  phone: z.string().nullable(),
  status: z.enum(REGISTRATION_STATUSES),
  registeredAt: z.string(),
  checkedInAt: z.string().nullable(),
  waitlistPosition: z.number().nullable(),
});
export const myRegistration = registration.extend({ code: z.string(), rated: z.boolean() });
export const checkinOut = z.object({ result: z.enum(CHECKIN_RESULTS), registration: registration.nullable() });
export const portalActivity = activity.pick({ id: true, number: true, title: true, type: true, agenda: true, venue: true, facilityName: true, startsAt: true, endsAt: true, opensAt: true, closesAt: true, capacity: true, perUnitLimit: true, status: true, taken: true }).extend({
  open: z.boolean(),
  mine: z.array(myRegistration),
});
