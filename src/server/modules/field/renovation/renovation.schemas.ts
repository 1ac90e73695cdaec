/** Request and answer shapes of renovation 装修 (design A.3.1); OpenAPI is generated from them. */
import { z } from 'zod';
import { ACCEPTANCE_ITEMS, RENO_ACTIONS, RENO_KINDS, RENO_SCOPES, RENO_STATUSES, MINOR_RECTIFY_MAX_DAYS, VIOLATION_CATEGORIES, VIOLATION_STATUSES } from '../../../../core/renovation.ts';
import { fen, id, isoDate, optionalIdNumber, optionalPhone, optionalText, pageQuery, phone, queryId, searchText, text } from '../../../http/fields.ts';

const worker = z
  .object({
    name: text(64),
    role: z.enum(['lead', 'worker']),
    idNumber: optionalIdNumber,
    phone: optionalPhone,
    passNo: optionalText(32),
  })
  .strict();

/** An application (owner or tenant with the owner's consent; M 3.6). */
export const renoCreate = z
  .object({
    unitId: id,
    kind: z.enum(RENO_KINDS),
    applicantKind: z.enum(['owner', 'tenant']),
    applicantName: text(64),
    applicantPhone: phone,
    ownerConsentBy: optionalText(64),
    ownerConsentMethod: z.enum(['paper', 'portal']).nullish(),
    contractor: text(100),
    licenceNo: optionalText(64),
    leadName: text(64),
    leadPhone: phone,
    fireName: optionalText(64),
    firePhone: optionalPhone,
    scope: z.array(z.enum(RENO_SCOPES)).min(1).max(RENO_SCOPES.length),
    description: text(1000),
    touchesStructure: z.boolean(),
    designDoc: optionalText(200),
    plannedStart: isoDate,
    plannedEnd: isoDate,
    depositAmount: fen.optional(),
    workers: z.array(worker).max(50).default([]),
    /** Submit at once (the usual case at the desk); false keeps a draft. */
    submit: z.boolean().default(true),
  })
  .strict();

export const renoPortalCreate = renoCreate.omit({ depositAmount: true, ownerConsentMethod: true, submit: true });

const reason = z.object({ reason: text(500) }).strict();
export const stepBody = {
  reason,
  optionalReason: z.object({ reason: optionalText(500) }).strict(),
  approve: z.object({ engineeringOpinion: optionalText(500), note: optionalText(500) }).strict(),
  empty: z.object({}).strict().optional(),
};

const signature = z.object({ name: text(64), signed: z.boolean() }).strict().optional();

export const acceptanceBody = z
  .object({
    result: z.enum(['pass', 'fail']),
    checklist: z.array(z.object({ item: z.enum(ACCEPTANCE_ITEMS), ok: z.boolean(), note: optionalText(200) }).strict()).max(ACCEPTANCE_ITEMS.length),
    signatures: z.object({ owner: signature, contractor: signature, csAdmin: signature, engineering: signature }).strict(),
    scanRef: optionalText(200),
    /** An uploaded signed 验收单 (POST …/acceptance-scans): stands in for the four signatures. */
    scanId: id.nullish(),
    reasons: optionalText(1000),
  })
  .strict();

export const violationCreate = z
  .object({
    category: z.enum(VIOLATION_CATEGORIES),
    severity: z.enum(['minor', 'major']),
    description: text(1000),
    photos: z.array(text(200)).max(9).default([]),
    /** A minor put right during the same visit, with its after-photo. */
    fixedOnSpot: z.boolean().default(false),
    afterPhotos: z.array(text(200)).max(9).default([]),
    /** Days a minor not put right on the spot has to be (1 by default, at most 7); then it turns major. */
    rectifyDays: z.number().int().min(1).max(MINOR_RECTIFY_MAX_DAYS).nullish(),
    clientUuid: optionalText(64),
  })
  .strict();

export const violationStep = z
  .object({
    action: z.enum(['issue_notice', 'report_rectified', 'reinspect_ok', 'reinspect_fail', 'escalate']),
    delivery: z.enum(['in_person', 'portal', 'posted']).nullish(),
    rectifyBy: isoDate.nullish(),
    note: optionalText(500),
    escalatedTo: optionalText(200),
    photos: z.array(text(200)).max(9).default([]),
  })
  .strict();

export const renoQuery = z
  .object({
    estateId: queryId.optional(),
    areaId: queryId.optional(),
    unitId: queryId.optional(),
    status: z.enum(RENO_STATUSES).optional(),
    /** 逾期: past the (extended) end, acceptance not yet asked for */
    overdue: z.enum(['1']).optional(),
    q: searchText(50).optional(),
    ...pageQuery,
  })
  .strict();

export const renoActionParam = z.object({ id: queryId, action: z.enum(RENO_ACTIONS) });

const present = z.record(z.string(), z.unknown());
export const renoOut = z.object({ id: z.number(), number: z.string(), status: z.enum(RENO_STATUSES) }).passthrough();
export const renoDetailOut = renoOut;
export const violationOut = z.object({ id: z.number(), status: z.enum(VIOLATION_STATUSES) }).passthrough();
export const anyOut = present;

/** A returned application edited by its applicant or the desk (the unit stays; submit again by default). */
export const renoRevise = renoCreate.omit({ unitId: true });
export const renoPortalRevise = renoPortalCreate.omit({ unitId: true }).extend({ submit: z.boolean().default(true) });

export const extensionRequest = z.object({ newEnd: isoDate, reason: text(500) }).strict();
export const extensionDecision = z.object({ approve: z.boolean(), note: optionalText(500) }).strict();
