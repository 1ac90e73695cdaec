/** The field app's contract (/work FIELD-CONTRACT.md): task pack, photos, sync. Keep the shape stable. */
import { z } from 'zod';
import { SCAN_METHODS } from '../../../../core/rounds.ts';
import { MINOR_RECTIFY_MAX_DAYS } from '../../../../core/renovation.ts';
import { DATE_YEARS, id, optionalText, pageQuery, queryId, text } from '../../../http/fields.ts';

const yearOk = (v: string) => {
  const y = Number(v.slice(0, 4));
  return y >= DATE_YEARS.min && y <= DATE_YEARS.max;
};
/** A device's instant: ISO-8601 with Z or an offset (phones send either). */
export const deviceInstant = z.iso.datetime({ offset: true }).refine(yearOk, { message: 'field.dateYears' });
/** UUID as the browser's crypto.randomUUID() makes it (any version accepted). */
export const clientUuid = z.string().regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/, { message: 'field.uuid' });

export const packQuery = z.object({ estateId: queryId }).strict();

const packItem = z.object({
  id: z.number(),
  seq: z.number(),
  label: z.string(),
  answer: z.enum(['ok_issue', 'number', 'text', 'choice']),
  min: z.number().optional(),
  max: z.number().optional(),
  unit: z.string().optional(),
  options: z.array(z.string()).optional(),
  photoOnIssue: z.boolean(),
  fixableOnSpot: z.boolean(),
  severity: z.enum(['minor', 'major']),
});
export const packCheckpoint = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  location: z.string().nullable(),
  target: z.string(),
  /** The outside record the checkpoint stands for ('renovation', …), null for a plain checkpoint: the app shows that module's issue fields. */
  refKind: z.string().nullable(),
  qrHash: z.string(),
  done: z.boolean(),
  template: z.object({ id: z.number(), version: z.number(), items: z.array(packItem) }).nullable(),
});
export const packTask = z.object({
  id: z.number(),
  planId: z.number(),
  planName: z.string(),
  kind: z.string(),
  slotStart: z.string(),
  slotEnd: z.string(),
  graceMin: z.number(),
  status: z.string(),
  ordered: z.boolean(),
  checkpoints: z.array(packCheckpoint),
});
/** Today's home-visit plan of the signed-in area administrator (relations/visits fills it; null without visit.write). */
export const packVisits = z.object({
  date: z.string(),
  /** opinion tags: the ticket categories and 客服/收费/社区文化/停车 */
  tags: z.array(z.string()),
  items: z.array(
    z.object({
      planItemId: z.number(),
      householdId: z.number(),
      householdName: z.string(),
      unitLabel: z.string(),
      areaName: z.string(),
      purpose: z.string(),
      source: z.string(),
      specialCare: z.boolean(),
      carriedOver: z.boolean(),
      note: z.string().nullable(),
      lastVisitOn: z.string().nullable(),
      phoneNext: z.boolean(),
      visited: z.boolean(),
      /** present members' names, to tick whom the visit met */
      members: z.array(z.string()),
    }),
  ),
});
export const pack = z.object({
  serverNow: z.string(),
  estateId: z.number(),
  date: z.string(),
  tasks: z.array(packTask),
  openFindings: z.array(z.object({ checkpointId: z.number(), itemId: z.number(), ticketNo: z.string().optional() })),
  visits: packVisits.nullable(),
});

export const photoAnswer = z.object({ photoId: z.number(), clientUuid: z.string(), duplicate: z.boolean() });

const answerValue = z.union([z.literal('ok'), z.literal('issue'), z.number().finite(), z.string().max(1000)]);
export const roundAnswer = z
  .object({
    itemId: id,
    value: answerValue,
    issue: z
      .object({
        description: text(1000),
        photoIds: z.array(id).max(9),
        fixedOnSpot: z.boolean().optional(),
        afterPhotoIds: z.array(id).max(9).optional(),
        /** The inspector's grading, for a finding a module takes over (a renovation violation); else the item's. */
        severity: z.enum(['minor', 'major']).optional(),
        /** A category code the module's finding handler understands (renovation: VIOLATION_CATEGORIES). */
        category: z.string().regex(/^[a-z0-9_]{1,32}$/).optional(),
        /** Days given to put a renovation's minor violation right (1–7; renovation.schemas violationCreate). */
        rectifyDays: z.number().int().min(1).max(MINOR_RECTIFY_MAX_DAYS).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();
export const roundResultPayload = z
  .object({
    taskId: id.nullish(),
    checkpointId: id,
    scanMethod: z.enum(SCAN_METHODS),
    scannedToken: z.string().max(64).optional(),
    manualReason: optionalText(200),
    observedAt: deviceInstant,
    lat: z.number().min(-90).max(90).nullish(),
    lng: z.number().min(-180).max(180).nullish(),
    accuracy: z.number().min(0).max(100_000).nullish(),
    note: optionalText(1000),
    answers: z.array(roundAnswer).max(100),
  })
  .strict();

export const syncItem = z
  .object({
    clientUuid,
    kind: z.string().min(1).max(32),
    payload: z.unknown(),
  })
  .strict();
export const syncBody = z
  .object({
    deviceId: z.string().min(1).max(64),
    deviceNow: deviceInstant,
    items: z.array(syncItem).max(200),
  })
  .strict();
export const syncResult = z.object({
  clientUuid: z.string(),
  status: z.enum(['accepted', 'duplicate', 'rejected']),
  reason: z.string().optional(),
  code: z.string().optional(),
  ids: z.record(z.string(), z.union([z.number(), z.array(z.number())])).optional(),
});
export const syncAnswer = z.object({ serverNow: z.string(), skewMs: z.number(), results: z.array(syncResult) });

/**
 * A supervisor's report of another user's unsent records discarded on a phone (A.3.6 rule 8): what
 * each record was (kind, owner, when it was made, how often it was tried), without photo contents.
 */
export const discardItem = z
  .object({
    clientUuid,
    kind: z.string().regex(/^[a-z][a-z0-9_]{1,31}$/, { message: 'field.sync.kindName' }),
    ownerId: id,
    estateId: id,
    recordedAt: deviceInstant,
    attempts: z.number().int().min(0).max(1_000_000),
    lastError: optionalText(500),
    payload: z.unknown().optional(),
  })
  .strict();
export const discardBody = z
  .object({
    deviceId: z.string().min(1).max(64),
    reason: text(500),
    items: z.array(discardItem).min(1).max(200),
  })
  .strict();
export const discardAnswer = z.object({
  /** recorded: kept now; duplicate: reported before; arrived: the server has the record itself, nothing was lost */
  results: z.array(z.object({ clientUuid: z.string(), status: z.enum(['recorded', 'duplicate', 'arrived']) })),
});
export const discardQuery = z.object({ estateId: queryId, ...pageQuery }).strict();
export const discardRow = z.object({
  id: z.number(),
  clientUuid: z.string(),
  kind: z.string(),
  ownerId: z.number(),
  ownerName: z.string(),
  recordedAt: z.string(),
  attempts: z.number(),
  lastError: z.string().nullable(),
  payload: z.unknown().nullable(),
  reason: z.string(),
  deviceId: z.string(),
  discardedByName: z.string(),
  at: z.string(),
});
