/** Requests and answers of mail, newspapers and parcels (zod; OpenAPI is generated from them). */
import { z } from 'zod';
import { CARRIERS, DELIVERY_MODES, ID_TYPES, isCodeShape, isLast4, MAIL_KINDS, MAIL_STATUSES, PICKUP_RELATIONS, SIGNATURE_BOX } from '../../../../core/mail.ts';
import { id, isoDate, optionalText, pageQuery, queryId, searchText, text } from '../../../http/fields.ts';

const last4 = z.string().trim().toUpperCase().refine(isLast4, { message: 'field.last4' });
const code = z.string().trim().refine(isCodeShape, { message: 'field.pickupCode' });

export const registerInput = z
  .object({
    estateId: id,
    kind: z.enum(MAIL_KINDS),
    carrier: z.enum(CARRIERS),
    trackingNo: optionalText(40),
    addressee: text(64),
    /** null only for an item whose recipient is not known yet (the unknown-recipient queue) */
    unitId: id.nullable(),
    unknownRecipient: z.boolean().optional(),
    phoneLast4: last4.nullish(),
    shelf: text(16),
    pieces: z.number().int().min(1).max(50),
    note: optionalText(200),
    /** registering again a carrier + tracking number seen in the last 30 days, on purpose */
    confirmDuplicate: z.boolean().optional(),
  })
  .strict();

export const itemQuery = z.object({
  estateId: queryId.optional(),
  status: z.enum([...MAIL_STATUSES, 'waiting'] as [string, ...string[]]).optional(),
  kind: z.enum(MAIL_KINDS).optional(),
  unitId: queryId.optional(),
  q: searchText(40).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  ...pageQuery,
});

export const item = z.object({
  id: z.number(),
  estateId: z.number(),
  number: z.string(),
  receivedOn: z.string(),
  kind: z.enum(MAIL_KINDS),
  carrier: z.enum(CARRIERS),
  trackingNo: z.string().nullable(),
  addressee: z.string(),
  unitId: z.number().nullable(),
  unitLabel: z.string().nullable(),
  memberName: z.string().nullable(),
  phoneLast4: z.string().nullable(),
  shelf: z.string(),
  pieces: z.number(),
  note: z.string().nullable(),
  requiresSignature: z.boolean(),
  status: z.enum(MAIL_STATUSES),
  receivedAt: z.string(),
  receivedByName: z.string().nullable(),
  notifiedAt: z.string().nullable(),
  hasPortalUser: z.boolean(),
  remindersSent: z.number(),
  daysWaiting: z.number(),
  leftAt: z.string().nullable(),
  leftNote: z.string().nullable(),
  pickupId: z.number().nullable(),
  pickerName: z.string().nullable(),
  hasPhoto: z.boolean(),
  photoDeletedAt: z.string().nullable(),
});

export const registered = item.extend({ nameMatched: z.boolean() });

export const matchQuery = z.object({ unitId: queryId, name: searchText(64).optional() });
export const matchAnswer = z.object({
  unitId: z.number(),
  unitLabel: z.string(),
  members: z.array(z.object({ id: z.number(), name: z.string(), matched: z.boolean() })),
  hasPortalUser: z.boolean(),
  waiting: z.number(),
});

export const lookupInput = z.object({ estateId: id, code }).strict();

const point = z.tuple([z.number().finite().min(-50).max(SIGNATURE_BOX.width + 50), z.number().finite().min(-50).max(SIGNATURE_BOX.height + 50)]);
export const pickupInput = z
  .object({
    estateId: id,
    items: z.array(z.object({ id, code: code.optional() }).strict()).min(1).max(30),
    method: z.enum(['code', 'id']),
    pickerName: text(64),
    relation: z.enum(PICKUP_RELATIONS),
    authorizationId: id.optional(),
    idType: z.enum(ID_TYPES).optional(),
    idLast4: last4.optional(),
    signature: z.object({ strokes: z.array(z.array(point).max(5000)).max(200) }).strict(),
    lang: z.enum(['zh-CN', 'en-US']).optional(),
  })
  .strict();

export const pickup = z.object({
  id: z.number(),
  estateId: z.number(),
  unitLabel: z.string().nullable(),
  at: z.string(),
  method: z.enum(['code', 'id']),
  pickerName: z.string(),
  relation: z.enum(PICKUP_RELATIONS),
  authorizationName: z.string().nullable(),
  idType: z.string().nullable(),
  idLast4: z.string().nullable(),
  statement: z.string(),
  handledByName: z.string().nullable(),
  items: z.array(z.object({ id: z.number(), number: z.string(), kind: z.enum(MAIL_KINDS), carrier: z.enum(CARRIERS), addressee: z.string(), pieces: z.number(), receivedAt: z.string() })),
});
export const pickupQuery = z.object({ estateId: queryId, date: isoDate });

export const assignInput = z.object({ unitId: id }).strict();

export const closeInput = z.object({ outcome: z.enum(['returned_to_carrier', 'disposed', 'misdelivered']), note: optionalText(200) }).strict();

export const estateQuery = z.object({ estateId: queryId });
export const slip = z.object({ id: z.number(), number: z.string(), unitLabel: z.string().nullable(), addressee: z.string(), kind: z.enum(MAIL_KINDS), carrier: z.enum(CARRIERS), pieces: z.number(), shelf: z.string(), receivedAt: z.string(), pickupCode: z.string(), slipPrintedAt: z.string().nullable() });
export const slipsInput = z.object({ estateId: id, itemIds: z.array(id).min(1).max(200) }).strict();

export const authorizationInput = z
  .object({ unitId: id, name: text(64), phoneLast4: last4, fromDate: isoDate, toDate: isoDate })
  .strict()
  .refine((v) => v.toDate >= v.fromDate, { message: 'field.dateOrder', path: ['toDate'] });
export const authorization = z.object({ id: z.number(), unitId: z.number(), unitLabel: z.string(), name: z.string(), phoneLast4: z.string(), fromDate: z.string(), toDate: z.string(), revokedAt: z.string().nullable(), active: z.boolean() });
export const authorizationQuery = z.object({ unitId: queryId });

export const subscriptionInput = z
  .object({ unitId: id, publication: text(64), copies: z.number().int().min(1).max(20), fromDate: isoDate, toDate: isoDate, delivery: z.enum(DELIVERY_MODES), note: optionalText(200) })
  .strict()
  .refine((v) => v.toDate >= v.fromDate, { message: 'field.dateOrder', path: ['toDate'] });
export const subscription = z.object({ id: z.number(), estateId: z.number(), unitId: z.number(), unitLabel: z.string(), publication: z.string(), copies: z.number(), fromDate: z.string(), toDate: z.string(), delivery: z.enum(DELIVERY_MODES), note: z.string().nullable(), endedOn: z.string().nullable() });
export const subscriptionQuery = z.object({ estateId: queryId, active: z.enum(['1']).optional(), ...pageQuery });
export const endInput = z.object({ endedOn: isoDate }).strict();
export const deliveryQuery = z.object({ estateId: queryId, date: isoDate });
export const deliveryRow = subscription.extend({ deliveredAt: z.string().nullable() });
export const deliveredInput = z.object({ estateId: id, date: isoDate, subscriptionIds: z.array(id).min(1).max(1000) }).strict();

export const dwellQuery = z.object({ estateId: queryId, from: isoDate, to: isoDate });
const stats = z.object({ count: z.number(), median: z.number().nullable(), p75: z.number().nullable(), p90: z.number().nullable(), max: z.number().nullable() });
export const dwell = z.object({
  from: z.string(),
  to: z.string(),
  received: z.array(z.object({ day: z.string(), count: z.number() })),
  overall: stats,
  kinds: z.array(stats.extend({ kind: z.enum(MAIL_KINDS) })),
  days: z.array(stats.extend({ day: z.string() })),
  waiting: z.number(),
  onReturnList: z.number(),
});

export const portalMail = z.object({
  items: z.array(item.pick({ id: true, number: true, kind: true, carrier: true, addressee: true, unitId: true, unitLabel: true, shelf: true, pieces: true, status: true, receivedAt: true, leftAt: true, pickerName: true }).extend({ pickupCode: z.string().nullable() })),
  authorizations: z.array(authorization),
  units: z.array(z.object({ id: z.number(), label: z.string() })),
});
