import { z } from 'zod';
import { AUDIENCE_KINDS, AUDIENCE_PEOPLE, NOTICE_BODY_MAX, NOTICE_CATEGORIES, NOTICE_STATUSES, OFFLINE_METHODS } from '../../../../core/notices.ts';
import { id, isoDateTime, optionalText, pageQuery, queryId, text } from '../../../http/fields.ts';

/** Entrance targets are "buildingId:entrance" (an entrance has no row of its own). */
const audienceId = z.union([id, z.string().regex(/^\d{1,9}:[0-9A-Za-z一-龥-]{1,8}$/, 'notice.entranceFormat')]);

// The field set without defaults: the update schema is made from it (architecture.md "Fields").
const noticeFields = {
  category: z.enum(NOTICE_CATEGORIES),
  title: text(200),
  body: text(NOTICE_BODY_MAX),
  audienceKind: z.enum(AUDIENCE_KINDS),
  audienceIds: z.array(audienceId).max(2000),
  audiencePeople: z.enum(AUDIENCE_PEOPLE),
  requireAck: z.boolean(),
  pinned: z.boolean(),
  publishAt: isoDateTime.nullable(),
  expiresAt: isoDateTime.nullable(),
};

export const noticeCreate = z
  .object({
    estateId: id,
    ...noticeFields,
    audienceIds: noticeFields.audienceIds.default([]),
    audiencePeople: noticeFields.audiencePeople.default('residents'),
    requireAck: noticeFields.requireAck.default(false),
    pinned: noticeFields.pinned.default(false),
    publishAt: noticeFields.publishAt.default(null),
    expiresAt: noticeFields.expiresAt.default(null),
  })
  .strict();
export const noticeUpdate = z.object(noticeFields).partial().strict();

export const noticeQuery = z.object({
  estateId: queryId.optional(),
  status: z.enum(NOTICE_STATUSES).optional(),
  category: z.enum(NOTICE_CATEGORIES).optional(),
  ...pageQuery,
});

export const reasonInput = z.object({ reason: text(500) }).strict();
export const extendInput = z.object({ expiresAt: isoDateTime }).strict();
export const offlineInput = z.object({ method: z.enum(OFFLINE_METHODS), note: optionalText(500) }).strict();
export const recipientParams = z.object({ id: queryId, unitId: queryId });
export const ticketParam = z.object({ ticketId: queryId });

export const notice = z.object({
  id: z.number(),
  estateId: z.number(),
  number: z.string().nullable(),
  category: z.enum(NOTICE_CATEGORIES),
  title: z.string(),
  body: z.string(),
  audienceKind: z.enum(AUDIENCE_KINDS),
  audienceIds: z.array(z.union([z.number(), z.string()])),
  audiencePeople: z.enum(AUDIENCE_PEOPLE),
  requireAck: z.boolean(),
  pinned: z.boolean(),
  publishAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
  status: z.enum(NOTICE_STATUSES),
  ticketId: z.number().nullable(),
  correctsId: z.number().nullable(),
  activityId: z.number().nullable(),
  createdBy: z.number(),
  createdByName: z.string().nullable(),
  approvedByName: z.string().nullable(),
  rejectReason: z.string().nullable(),
  publishedAt: z.string().nullable(),
  withdrawnAt: z.string().nullable(),
  withdrawReason: z.string().nullable(),
  createdAt: z.string(),
  needsApproval: z.boolean(),
  coverage: z.object({ total: z.number(), read: z.number(), unread: z.number(), unreachable: z.number(), offline: z.number(), acknowledged: z.number(), rate: z.number() }),
});

export const coverageRow = z.object({
  unitId: z.number(),
  unitLabel: z.string(),
  coverage: z.enum(['unreachable', 'unread', 'offline', 'read']),
  portalUsers: z.number(),
  deliveredAt: z.string().nullable(),
  firstReadAt: z.string().nullable(),
  ackAt: z.string().nullable(),
  reminders: z.number(),
  lastRemindedAt: z.string().nullable(),
  offlineAt: z.string().nullable(),
  offlineMethod: z.string().nullable(),
  visitRequestedAt: z.string().nullable(),
});

export const portalNotice = z.object({
  id: z.number(),
  number: z.string().nullable(),
  category: z.enum(NOTICE_CATEGORIES),
  title: z.string(),
  body: z.string(),
  pinned: z.boolean(),
  requireAck: z.boolean(),
  publishedAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
  status: z.enum(NOTICE_STATUSES),
  withdrawReason: z.string().nullable(),
  read: z.boolean(),
  acknowledged: z.boolean(),
  activityId: z.number().nullable(),
});
