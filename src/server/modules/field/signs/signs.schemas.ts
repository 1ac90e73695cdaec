import { z } from 'zod';
import { REQUEST_STATUSES, SIGN_CATEGORIES, SIGN_DEFECTS, SIGN_PLACES, SIGN_STATUSES } from '../../../../core/signs.ts';
import { fen, id, isoDate, optionalText, pageQuery, queryId, searchText, text } from '../../../http/fields.ts';

const slot = z.object({ start: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'sign.slotTime' }), windowMin: z.number().int().min(15).max(720) }).strict();
export const settingsQuery = z.object({ estateId: queryId });
/** Update: no defaults, a field left out stays as it was. */
export const settingsInput = z.object({ signCheckSlots: z.array(slot).min(2).max(4), vacantDiscountGate: z.boolean() }).partial().strict();
export const settings = z.object({ estateId: z.number(), signCheckSlots: z.array(z.object({ start: z.string(), windowMin: z.number() })), vacantDiscountGate: z.boolean() });

export const setupInput = z.object({ estateId: id, areaId: id.nullish() }).strict();
export const groupInput = z.object({ estateId: id, areaId: id.nullish(), buildingId: id.nullish(), name: text(64), location: optionalText(200) }).strict();
export const groupQuery = z.object({ estateId: queryId.optional(), areaId: queryId.optional() });
export const group = z.object({ id: z.number(), estateId: z.number(), areaId: z.number().nullable(), buildingId: z.number().nullable(), name: z.string(), location: z.string().nullable(), signCount: z.number() });

export const signQuery = z.object({
  estateId: queryId.optional(),
  areaId: queryId.optional(),
  groupId: queryId.optional(),
  category: z.enum(SIGN_CATEGORIES).optional(),
  place: z.enum(SIGN_PLACES).optional(),
  status: z.enum(SIGN_STATUSES).optional(),
  temporary: z.enum(['0', '1']).optional(),
  q: searchText(64).optional(),
  ...pageQuery,
});
export const sign = z.object({
  id: z.number(), estateId: z.number(), areaId: z.number().nullable(), code: z.string(), category: z.string(), place: z.string(),
  groupId: z.number().nullable(), groupName: z.string().nullable(), location: z.string(), content: z.string(), size: z.string().nullable(),
  material: z.string().nullable(), temporary: z.boolean(), expiresOn: z.string().nullable(), status: z.string(), requestId: z.number().nullable(),
  installedOn: z.string().nullable(), removedReason: z.string().nullable(), ticketId: z.number().nullable(), ticketNumber: z.string().nullable(),
});
export const activateInput = z.object({ installedOn: isoDate.optional() }).strict();
export const removeInput = z.object({ reason: text(1000) }).strict();

const line = z
  .object({
    category: z.enum(SIGN_CATEGORIES),
    place: z.enum(SIGN_PLACES),
    signGroupId: id.nullish(),
    location: text(200),
    content: text(200),
    size: optionalText(64),
    material: optionalText(64),
    quantity: z.number().int().min(1).max(200),
    temporaryUntil: isoDate.nullish(),
  })
  .strict();
export const requestInput = z.object({ estateId: id, areaId: id.nullish(), reason: text(1000), costEstimate: fen.nullish(), lines: z.array(line).min(1).max(50), submit: z.boolean().optional() }).strict();
export const requestQuery = z.object({ estateId: queryId.optional(), status: z.enum(REQUEST_STATUSES).optional(), ...pageQuery });
export const decideInput = z.object({ approve: z.boolean(), note: optionalText(1000) }).strict();
export const requestLine = z.object({
  id: z.number(), seq: z.number(), category: z.string(), place: z.string(), signGroupId: z.number().nullable(), location: z.string(), content: z.string(),
  size: z.string().nullable(), material: z.string().nullable(), quantity: z.number(), temporaryUntil: z.string().nullable(),
});
export const request = z.object({
  id: z.number(), estateId: z.number(), areaId: z.number().nullable(), reason: z.string(), costEstimate: z.number().nullable(), status: z.string(),
  requestedBy: z.string().nullable(), submittedAt: z.string().nullable(), decidedBy: z.string().nullable(), decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(), createdAt: z.string(), lines: z.array(requestLine), signIds: z.array(z.number()),
});

export const checkInput = z
  .object({
    signGroupId: id,
    result: z.enum(['ok', 'issue']),
    defects: z.array(z.object({ signId: id, defect: z.enum(SIGN_DEFECTS), note: optionalText(1000) }).strict()).max(100).default([]),
    note: optionalText(1000),
  })
  .strict();
export const checkQuery = z.object({ estateId: queryId, date: isoDate.optional() });
export const checkDay = z.object({
  date: z.string(),
  slots: z.array(z.object({ start: z.string(), windowMin: z.number() })),
  compliance: z.number(),
  groups: z.array(z.object({
    id: z.number(), name: z.string(),
    checks: z.array(z.object({ id: z.number(), checkedAt: z.string(), slot: z.number().nullable(), result: z.string(), byName: z.string().nullable(), note: z.string().nullable(), defects: z.array(z.object({ signCode: z.string(), defect: z.string(), ticketNumber: z.string().nullable() })) })),
  })),
});
