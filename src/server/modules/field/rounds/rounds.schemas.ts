/** Request and response shapes of the rounds office API (templates, checkpoints, routes, plans, tasks, findings, reports). */
import { z } from 'zod';
import { ANSWER_TYPES, CHECKPOINT_TARGETS, isHhmm, QUALITY_DEPTS, RECURRENCES, SEVERITIES, TASK_STATUSES, TEMPLATE_KINDS, WINDOW_MIN } from '../../../../core/rounds.ts';
import { DEPARTMENTS } from '../../../../core/tickets.ts';
import { id, isoDate, optionalText, queryId, text } from '../../../http/fields.ts';

export const estateQuery = z.object({ estateId: queryId }).strict();

export const templateItemIn = z
  .object({
    label: text(100),
    answer: z.enum(ANSWER_TYPES),
    min: z.number().int().nullish(),
    max: z.number().int().nullish(),
    unit: optionalText(16),
    options: z.array(text(50)).max(20).nullish(),
    photoOnIssue: z.boolean().default(true),
    fixableOnSpot: z.boolean().default(false),
    severity: z.enum(SEVERITIES).default('minor'),
    ticketType: z.enum(['repair', 'report']).default('repair'),
    department: z.enum(DEPARTMENTS).nullish(),
    categoryId: id.nullish(),
    qualityDept: z.enum(QUALITY_DEPTS).nullish(),
  })
  .strict()
  .refine((i) => i.answer !== 'choice' || (i.options?.length ?? 0) >= 2, { message: 'field.rounds.options', path: ['options'] })
  .refine((i) => i.min == null || i.max == null || i.min <= i.max, { message: 'field.rounds.minMax', path: ['max'] });

export const templateCreate = z
  .object({ estateId: id, kind: z.enum(TEMPLATE_KINDS), name: text(100), items: z.array(templateItemIn).min(1).max(60) })
  .strict();
/** A draft is replaced as a whole (its items are one form); published versions never change. */
export const templateDraft = z.object({ name: text(100), items: z.array(templateItemIn).min(1).max(60) }).strict();

export const templateItem = z.object({
  id: z.number(),
  seq: z.number(),
  label: z.string(),
  answer: z.string(),
  min: z.number().nullable(),
  max: z.number().nullable(),
  unit: z.string().nullable(),
  options: z.array(z.string()).nullable(),
  photoOnIssue: z.boolean(),
  fixableOnSpot: z.boolean(),
  severity: z.string(),
  ticketType: z.string(),
  department: z.string().nullable(),
  categoryId: z.number().nullable(),
  qualityDept: z.string().nullable(),
});
export const template = z.object({
  id: z.number(),
  estateId: z.number(),
  familyId: z.number(),
  version: z.number(),
  kind: z.string(),
  name: z.string(),
  status: z.string(),
  publishedAt: z.string().nullable(),
  itemCount: z.number(),
  items: z.array(templateItem).optional(),
});

const checkpointFields = {
  areaId: id.nullish(),
  name: text(100),
  target: z.enum(CHECKPOINT_TARGETS),
  buildingId: id.nullish(),
  unitId: id.nullish(),
  facilityId: id.nullish(),
  location: optionalText(200),
  lat: z.number().min(-90).max(90).nullish(),
  lng: z.number().min(-180).max(180).nullish(),
  nfcUid: optionalText(64),
  templateFamilyId: id.nullish(),
};
export const checkpointCreate = z
  .object({ estateId: id, code: z.string().trim().regex(/^[A-Za-z0-9_-]{1,32}$/, { message: 'field.rounds.code' }), ...checkpointFields })
  .strict();
export const checkpointUpdate = z.object({ ...checkpointFields, active: z.boolean() }).partial().strict();
export const checkpoint = z.object({
  id: z.number(),
  estateId: z.number(),
  areaId: z.number().nullable(),
  code: z.string(),
  name: z.string(),
  target: z.string(),
  buildingId: z.number().nullable(),
  unitId: z.number().nullable(),
  facilityId: z.number().nullable(),
  location: z.string().nullable(),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  nfcUid: z.string().nullable(),
  templateFamilyId: z.number().nullable(),
  templateName: z.string().nullable(),
  active: z.boolean(),
  refKind: z.string().nullable(),
});
export const labelQuery = z.object({ estateId: queryId, ids: z.string().regex(/^\d+(,\d+)*$/, { message: 'field.rounds.ids' }).optional() }).strict();
export const label = z.object({ id: z.number(), code: z.string(), name: z.string(), location: z.string().nullable(), url: z.string() });

const routeFields = { areaId: id.nullish(), name: text(100), ordered: z.boolean(), checkpointIds: z.array(id).max(200) };
export const routeCreate = z.object({ estateId: id, ...routeFields }).strict();
export const routeUpdate = z.object({ ...routeFields, active: z.boolean() }).partial().strict();
export const route = z.object({
  id: z.number(),
  estateId: z.number(),
  areaId: z.number().nullable(),
  name: z.string(),
  ordered: z.boolean(),
  active: z.boolean(),
  checkpoints: z.array(z.object({ id: z.number(), code: z.string(), name: z.string() })),
});

export const slotIn = z
  .object({
    start: z.string().refine(isHhmm, { message: 'field.rounds.hhmm' }),
    windowMin: z.number().int().min(WINDOW_MIN.min, { message: 'field.rounds.window' }).max(WINDOW_MIN.max, { message: 'field.rounds.window' }),
  })
  .strict();
const planFields = {
  areaId: id.nullish(),
  name: text(100),
  kind: z.enum(TEMPLATE_KINDS),
  routeId: id.nullish(),
  generator: z.string().regex(/^[a-z][a-z0-9_]{1,31}$/, { message: 'field.rounds.generator' }).nullish(),
  templateFamilyId: id.nullish(),
  assigneeRule: z.enum(['user', 'area_admin']),
  assigneeId: id.nullish(),
  recurrence: z.enum(RECURRENCES),
  days: z.array(z.number().int().min(1).max(31)).max(31),
  everyN: z.number().int().min(1).max(366).nullish(),
  slots: z.array(slotIn).min(1).max(24),
  leadMin: z.number().int().min(0).max(720),
  graceMin: z.number().int().min(0).max(720),
  startsOn: isoDate,
  endsOn: isoDate.nullish(),
  enabled: z.boolean(),
};
const planBase = z.object({ estateId: id, ...planFields });
export const planCreate = planBase
  .extend({ days: planFields.days.default([]), leadMin: planFields.leadMin.default(30), graceMin: planFields.graceMin.default(30), enabled: z.boolean().default(true), assigneeRule: planFields.assigneeRule.default('area_admin') })
  .strict();
export const planUpdate = z.object(planFields).partial().strict();
export const plan = z.object({
  id: z.number(),
  estateId: z.number(),
  areaId: z.number().nullable(),
  name: z.string(),
  kind: z.string(),
  routeId: z.number().nullable(),
  routeName: z.string().nullable(),
  generator: z.string().nullable(),
  templateFamilyId: z.number().nullable(),
  assigneeRule: z.string(),
  assigneeId: z.number().nullable(),
  assigneeName: z.string().nullable(),
  recurrence: z.string(),
  days: z.array(z.number()),
  everyN: z.number().nullable(),
  slots: z.array(z.object({ start: z.string(), windowMin: z.number() })),
  leadMin: z.number(),
  graceMin: z.number(),
  startsOn: z.string(),
  endsOn: z.string().nullable(),
  enabled: z.boolean(),
});

export const taskQuery = z
  .object({ estateId: queryId, date: isoDate.optional(), status: z.enum(TASK_STATUSES).optional(), planId: queryId.optional(), assigneeId: queryId.optional() })
  .strict();
export const task = z.object({
  id: z.number(),
  planId: z.number(),
  planName: z.string(),
  kind: z.string(),
  slotStart: z.string(),
  slotEnd: z.string(),
  graceMin: z.number(),
  status: z.string(),
  assigneeId: z.number().nullable(),
  assigneeName: z.string().nullable(),
  makeupOf: z.number().nullable(),
  total: z.number(),
  done: z.number(),
  missed: z.number(),
  unverified: z.number(),
});
export const taskPoint = z.object({
  checkpointId: z.number(),
  code: z.string(),
  name: z.string(),
  seq: z.number(),
  status: z.string(),
  result: z
    .object({ id: z.number(), observedAt: z.string(), timing: z.string().nullable(), scanMethod: z.string(), manualReason: z.string().nullable(), byName: z.string(), lateSync: z.boolean(), far: z.boolean(), outOfSequence: z.boolean() })
    .nullable(),
});
export const taskDetail = task.extend({
  points: z.array(taskPoint),
  transfers: z.array(z.object({ fromName: z.string().nullable(), toName: z.string(), reason: z.string(), at: z.string(), byName: z.string().nullable() })),
  extraResults: z.number(),
});
export const transferIn = z.object({ toUserId: id, reason: text(500) }).strict();
export const makeupIn = z.object({ assigneeId: id.nullish() }).strict();

export const findingQuery = z
  .object({ estateId: queryId, status: z.enum(['open', 'fixed_on_spot', 'ticketed', 'closed']).optional(), from: isoDate.optional(), to: isoDate.optional(), page: z.coerce.number().int().min(1).max(10_000).default(1) })
  .strict();
export const finding = z.object({
  id: z.number(),
  checkpointId: z.number(),
  checkpointCode: z.string(),
  checkpointName: z.string(),
  itemLabel: z.string(),
  department: z.string().nullable(),
  description: z.string(),
  severity: z.string(),
  status: z.string(),
  ticketId: z.number().nullable(),
  ticketNumber: z.string().nullable(),
  photoIds: z.array(z.number()),
  afterPhotoIds: z.array(z.number()),
  byName: z.string().nullable(),
  observedAt: z.string(),
});

export const reportQuery = z.object({ estateId: queryId, from: isoDate, to: isoDate }).strict();
const counts = z.object({ scheduled: z.number(), done: z.number(), onTime: z.number(), late: z.number(), unverified: z.number(), missed: z.number(), completionRate: z.number().nullable(), onTimeRate: z.number().nullable(), unverifiedShare: z.number().nullable() });
export const report = z.object({
  totals: counts,
  byDay: z.array(counts.extend({ date: z.string() })),
  byStaff: z.array(counts.extend({ userId: z.number().nullable(), name: z.string() })),
  byPlan: z.array(counts.extend({ planId: z.number(), name: z.string() })),
  findingsByCategory: z.array(z.object({ department: z.string().nullable(), item: z.string(), count: z.number(), ticketed: z.number() })),
  missed: z.array(z.object({ taskId: z.number(), planName: z.string(), slotStart: z.string(), checkpointCode: z.string(), checkpointName: z.string(), assigneeName: z.string().nullable() })),
});
export const quality = z.object({ items: z.array(z.object({ dept: z.string(), ok: z.number(), issues: z.number(), score: z.number().nullable() })) });
