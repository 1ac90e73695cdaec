import { z } from 'zod';
import { ACTIONS, CHANNELS, DEPARTMENTS, INCIDENT_TYPES, PRIORITIES, STATUSES, TICKET_TYPES, VISIT_POLICIES, VISIT_TAGS } from '../../../core/tickets.ts';
import { fen, id, isoDate, isoDateTime, list, optionalPhone, optionalText, pageQuery, queryId, searchText, text } from '../../http/fields.ts';

export const ticketCreate = z
  .object({
    estateId: id.optional().describe('required when no unit is given (a public-area matter)'),
    areaId: id.nullish(),
    unitId: id.nullish(),
    type: z.enum(TICKET_TYPES),
    channel: z.enum(CHANNELS),
    reporterName: optionalText(64),
    reporterPhone: optionalPhone,
    categoryId: id.nullish(),
    priority: z.enum(PRIORITIES).default('normal'),
    complex: z.boolean().default(false),
    emergency: z.boolean().default(false),
    incidentType: z.enum(INCIDENT_TYPES).nullish(),
    title: text(100),
    description: text(4000),
    department: z.enum(DEPARTMENTS).nullish(),
    appointmentAt: isoDateTime.nullish(),
    price: fen.nullish().describe('fen, for paid special services'),
  })
  .strict();

export const actionInput = z
  .object({
    note: optionalText(2000),
    department: z.enum(DEPARTMENTS).optional(),
    assigneeId: id.nullish(),
    appointmentAt: isoDateTime.nullish(),
    internal: z.boolean().optional(),
  })
  .strict();

export const commentInput = z.object({ note: text(2000), internal: z.boolean().default(false) }).strict();
export const stepInput = z.object({ note: optionalText(500) }).strict();

export const ticketQuery = z.object({
  estateId: queryId.optional(),
  areaId: queryId.optional(),
  unitId: queryId.optional(),
  status: z.enum(STATUSES).optional(),
  open: z.enum(['1']).optional(),
  type: z.enum(TICKET_TYPES).optional(),
  department: z.enum(DEPARTMENTS).optional(),
  mine: z.enum(['1']).optional(),
  pool: z.enum(['1']).optional(),
  emergency: z.enum(['1']).optional(),
  agreement: z.enum(['breached', 'at_risk', 'on_track', 'paused', 'met']).optional(),
  q: searchText(50).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  ...pageQuery,
});

export const ticket = z.object({
  id: z.number(),
  estateId: z.number(),
  areaId: z.number().nullable(),
  number: z.string(),
  type: z.enum(TICKET_TYPES),
  channel: z.enum(CHANNELS),
  unitId: z.number().nullable(),
  unitLabel: z.string().nullable(),
  reporterName: z.string(),
  reporterPhone: z.string().nullable().describe('masked'),
  category: z.object({ id: z.number(), place: z.string(), category: z.string(), problem: z.string() }).nullable(),
  priority: z.enum(PRIORITIES),
  complex: z.boolean(),
  emergency: z.boolean(),
  incidentType: z.string().nullable(),
  title: z.string(),
  description: z.string(),
  department: z.string().nullable(),
  assigneeId: z.number().nullable(),
  assigneeName: z.string().nullable(),
  appointmentAt: z.string().nullable(),
  price: z.number().nullable(),
  status: z.enum(STATUSES),
  responseDueAt: z.string(),
  resolutionDueAt: z.string(),
  respondedAt: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  confirmedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  cancelReason: z.string().nullable(),
  reopenCount: z.number(),
  escalationLevel: z.number(),
  rating: z.number().nullable(),
  ratingComment: z.string().nullable(),
  agreement: z.enum(['on_track', 'at_risk', 'breached', 'met', 'paused']).nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  actions: z.array(z.enum(ACTIONS)),
});

/** A row of the ticket lists (desk, my work, the owner's 我的报事): the ticket page has the rest. */
export const ticketListItem = ticket.pick({
  id: true, estateId: true, areaId: true, number: true, type: true, unitId: true, unitLabel: true, reporterName: true, priority: true, emergency: true,
  incidentType: true, title: true, department: true, assigneeId: true, assigneeName: true, appointmentAt: true, status: true, responseDueAt: true, respondedAt: true,
  resolutionDueAt: true, agreement: true, createdAt: true, actions: true,
});

/** A page of the ticket list: total counted up to 10,000, `more` beyond. */
export const ticketPage = list(ticketListItem).extend({ more: z.boolean() });

export const ticketDetail = ticket.extend({
  events: z.array(
    z.object({ id: z.number(), at: z.string(), actorName: z.string(), kind: z.string(), fromStatus: z.string().nullable(), toStatus: z.string().nullable(), note: z.string().nullable(), internal: z.boolean() }),
  ),
  photos: z.array(z.object({ id: z.number(), mime: z.string(), size: z.number(), eventId: z.number().nullable(), createdAt: z.string() })),
  steps: z.array(z.object({ id: z.number(), seq: z.number(), title: z.string(), role: z.string(), doneAt: z.string().nullable(), doneBy: z.string().nullable(), note: z.string().nullable() })),
  visit: z.object({ id: z.number(), dueAt: z.string(), doneAt: z.string().nullable(), score: z.number().nullable(), comment: z.string().nullable(), tags: z.array(z.string()), assigneeId: z.number().nullable() }).nullable(),
});

export const visitInput = z
  .object({ score: z.number().int().min(1).max(5), comment: optionalText(1000), tags: z.array(z.enum(VISIT_TAGS)).max(3).default([]) })
  .strict();
export const visitQuery = z.object({ estateId: queryId.optional(), done: z.enum(['0', '1']).optional(), mine: z.enum(['1']).optional(), ...pageQuery });
export const visit = z.object({
  id: z.number(),
  ticketId: z.number(),
  ticketNumber: z.string(),
  ticketTitle: z.string(),
  type: z.string(),
  unitLabel: z.string().nullable(),
  reporterName: z.string(),
  assigneeId: z.number().nullable(),
  assigneeName: z.string().nullable(),
  dueAt: z.string(),
  doneAt: z.string().nullable(),
  score: z.number().nullable(),
  comment: z.string().nullable(),
  tags: z.array(z.string()),
  residentRating: z.number().nullable(),
});

export const rateInput = z.object({ score: z.number().int().min(1).max(5), comment: optionalText(500) }).strict();
export const portalTicketCreate = z
  .object({ unitId: id, type: z.enum(TICKET_TYPES), title: text(100), description: text(4000), categoryId: id.nullish() })
  .strict();

export const category = z.object({ id: z.number(), place: z.string(), category: z.string(), problem: z.string(), visitPolicy: z.enum(VISIT_POLICIES), archived: z.boolean() });
export const categoryCreate = z.object({ estateId: id, place: text(32), category: text(32), problem: text(64), visitPolicy: z.enum(VISIT_POLICIES).default('unless_rated') }).strict();
export const categoryUpdate = z.object({ visitPolicy: z.enum(VISIT_POLICIES).optional(), archived: z.boolean().optional() }).strict();

export const slaPolicy = z.object({
  id: z.number(),
  type: z.enum(TICKET_TYPES).nullable(),
  priority: z.enum(PRIORITIES).nullable(),
  complex: z.boolean().nullable(),
  emergency: z.boolean().nullable(),
  responseMinutes: z.number(),
  resolutionMinutes: z.number(),
});
export const slaPolicyCreate = z
  .object({
    estateId: id,
    type: z.enum(TICKET_TYPES).nullish(),
    priority: z.enum(PRIORITIES).nullish(),
    complex: z.boolean().nullish(),
    emergency: z.boolean().nullish(),
    responseMinutes: z.number().int().min(1).max(60 * 24 * 60),
    resolutionMinutes: z.number().int().min(1).max(60 * 24 * 365),
  })
  .strict();

export const slaPolicyUpdate = z
  .object({
    responseMinutes: z.number().int().min(1).max(60 * 24 * 60).optional(),
    resolutionMinutes: z.number().int().min(1).max(60 * 24 * 365).optional(),
    archived: z.boolean().optional(),
  })
  .strict();
export const holidayUpdate = z.object({ kind: z.enum(['off', 'work']).optional(), name: text(64).optional(), archived: z.boolean().optional() }).strict();

export const deskSettings = z.object({
  estateId: z.number(),
  calendar: z.enum(['wall', 'working']),
  workStart: z.string().regex(/^\d{2}:\d{2}$/),
  workEnd: z.string().regex(/^\d{2}:\d{2}$/),
  weekdays: z.array(z.number().int().min(1).max(7)),
  warnMinutes: z.number().int(),
  assistantAfterMinutes: z.number().int(),
  directorAfterMinutes: z.number().int(),
  autoConfirmDays: z.number().int(),
  visitDueDays: z.number().int(),
});
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'field.format' });
export const deskSettingsUpdate = z
  .object({
    calendar: z.enum(['wall', 'working']).optional(),
    workStart: hhmm.optional(),
    workEnd: hhmm.optional(),
    weekdays: z.array(z.number().int().min(1).max(7)).min(1).max(7).optional(),
    warnMinutes: z.number().int().min(0).max(10_080).optional(),
    assistantAfterMinutes: z.number().int().min(0).max(43_200).optional(),
    directorAfterMinutes: z.number().int().min(0).max(43_200).optional(),
    autoConfirmDays: z.number().int().min(1).max(60).optional(),
    visitDueDays: z.number().int().min(1).max(60).optional(),
  })
  .strict();
export const holidayInput = z.object({ estateId: id, date: isoDate, kind: z.enum(['off', 'work']), name: text(64) }).strict();
