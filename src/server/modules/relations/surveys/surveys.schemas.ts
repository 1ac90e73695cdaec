import { z } from 'zod';
import { QUESTION_TYPES, RECIPIENT_STATUSES, SURVEY_CHANNELS, SURVEY_KINDS, SURVEY_STATUSES, VERIFY_RESULTS } from '../../../../core/surveys.ts';
import { CARE_FLAGS } from '../../../../core/units.ts';
import { id, isoDate, optionalText, pageQuery, queryId, text } from '../../../http/fields.ts';

/** Field sets without defaults (the PATCH of a draft); create adds the defaults (architecture.md "Fields"). */
const audienceFields = {
  areaIds: z.array(id).max(100),
  buildingIds: z.array(id).max(500),
  unitIds: z.array(id).max(5000),
  careFlags: z.array(z.enum(CARE_FLAGS)).max(4),
  includeVacant: z.boolean(),
};
export const audience = z
  .object({
    areaIds: audienceFields.areaIds.default([]),
    buildingIds: audienceFields.buildingIds.default([]),
    unitIds: audienceFields.unitIds.default([]),
    careFlags: audienceFields.careFlags.default([]),
    includeVacant: audienceFields.includeVacant.default(false),
  })
  .strict();
/** The builder's audience preview; pasted unit labels are resolved to ids (unknown ones: 400). */
export const audiencePreviewInput = z.object({ estateId: id, audience, unitLabels: z.array(text(40)).max(5000).default([]) }).strict();
export const audiencePreview = z.object({ count: z.number(), unitIds: z.array(z.number()) });
const questionFields = {
  type: z.enum(QUESTION_TYPES),
  text: text(300),
  required: z.boolean(),
  options: z.array(text(100)).max(20),
  dimension: optionalText(32),
  countsForSatisfaction: z.boolean(),
};
export const questionInput = z
  .object({ ...questionFields, required: questionFields.required.default(true), options: questionFields.options.default([]), countsForSatisfaction: questionFields.countsForSatisfaction.default(false) })
  .strict();
const surveyFields = {
  title: text(100),
  kind: z.enum(SURVEY_KINDS),
  intro: optionalText(2000),
  channels: z.array(z.enum(SURVEY_CHANNELS)).min(1).max(4),
  opensOn: isoDate,
  closesOn: isoDate,
  anonymous: z.boolean(),
  targetReturn: z.number().int().min(1).max(100),
  targetSatisfaction: z.number().int().min(1).max(100),
};
export const surveyInput = z
  .object({
    estateId: id,
    ...surveyFields,
    audience,
    anonymous: surveyFields.anonymous.default(false),
    targetReturn: surveyFields.targetReturn.default(70),
    targetSatisfaction: surveyFields.targetSatisfaction.default(90),
    questions: z.array(questionInput).max(60),
  })
  .strict();
/** A draft's changes: only what is named; a given audience or question list replaces the old one whole. */
export const surveyPatch = z
  .object({
    ...surveyFields,
    audience: z.object(audienceFields).strict(),
    questions: z.array(z.object(questionFields).strict()).max(60),
  })
  .partial()
  .strict();

export const question = z.object({
  id: z.number(),
  seq: z.number(),
  type: z.enum(QUESTION_TYPES),
  text: z.string(),
  required: z.boolean(),
  options: z.array(z.object({ id: z.number(), label: z.string() })),
  dimension: z.string().nullable(),
  countsForSatisfaction: z.boolean(),
});
export const survey = z.object({
  id: z.number(),
  estateId: z.number(),
  title: z.string(),
  kind: z.enum(SURVEY_KINDS),
  intro: z.string().nullable(),
  audience: z.object({ areaIds: z.array(z.number()), buildingIds: z.array(z.number()), unitIds: z.array(z.number()), careFlags: z.array(z.string()), includeVacant: z.boolean() }),
  channels: z.array(z.enum(SURVEY_CHANNELS)),
  opensOn: z.string(),
  closesOn: z.string(),
  anonymous: z.boolean(),
  targetReturn: z.number(),
  targetSatisfaction: z.number(),
  status: z.enum(SURVEY_STATUSES),
  publishedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  slots: z.number(),
  /** A draft's audience size now (what publishing would issue); null once published. */
  audienceSize: z.number().nullable(),
  responded: z.number(),
  questions: z.array(question),
});
export const surveyListQuery = z.object({ estateId: queryId.optional(), status: z.enum(SURVEY_STATUSES).optional(), ...pageQuery });
export const recipientQuery = z.object({ status: z.enum(RECIPIENT_STATUSES).optional(), formNo: z.string().max(32).optional(), ...pageQuery });
export const recipient = z.object({
  id: z.number(),
  surveyId: z.number(),
  unitId: z.number(),
  unitLabel: z.string(),
  householdName: z.string().nullable(),
  status: z.enum(RECIPIENT_STATUSES),
  channel: z.string().nullable(),
  issuedAt: z.string().nullable(),
  formNo: z.string().nullable(),
  respondedAt: z.string().nullable(),
  reason: z.string().nullable(),
  responseId: z.number().nullable(),
});
export const issueInput = z.object({ channel: z.enum(SURVEY_CHANNELS) }).strict();
export const answers = z.record(z.string().regex(/^\d{1,9}$/), z.union([z.number(), z.array(z.number().int()).max(20), z.boolean(), z.string().max(1000), z.null()]));
export const staffResponseInput = z
  .object({
    channel: z.enum(['paper', 'phone', 'visit']),
    formNo: optionalText(32),
    respondentName: optionalText(64),
    answers,
  })
  .strict();
export const portalResponseInput = z.object({ answers }).strict();
export const markInput = z.object({ status: z.enum(['refused', 'unreachable', 'invalid']), reason: text(200) }).strict();
export const verifyInput = z.object({ result: z.enum(VERIFY_RESULTS), note: optionalText(500) }).strict();
export const verification = z.object({
  responseId: z.number(),
  recipientId: z.number(),
  unitLabel: z.string(),
  householdName: z.string().nullable(),
  channel: z.string(),
  enteredBy: z.string().nullable(),
  submittedAt: z.string(),
  result: z.enum(VERIFY_RESULTS).nullable(),
  note: z.string().nullable(),
  verifiedBy: z.string().nullable(),
});
const rate = z.number().nullable();
export const report = z.object({
  surveyId: z.number(),
  title: z.string(),
  status: z.string(),
  anonymous: z.boolean(),
  targetReturn: z.number(),
  targetSatisfaction: z.number(),
  counts: z.record(z.string(), z.number()),
  slots: z.number(),
  issued: z.number(),
  returned: z.number(),
  valid: z.number(),
  returnRate: rate,
  validReturnRate: rate,
  satisfaction: z.object({ answered: z.number(), satisfied: z.number(), rate, index: rate }),
  byDimension: z.array(z.object({ dimension: z.string().nullable(), answered: z.number(), satisfied: z.number(), rate, index: rate })),
  byBuilding: z.array(z.object({ key: z.string(), issued: z.number(), returned: z.number(), returnRate: rate })),
  questions: z.array(z.object({ id: z.number(), seq: z.number(), text: z.string(), type: z.string(), counts: z.array(z.object({ label: z.string(), count: z.number() })), comments: z.array(z.string()) })),
  verification: z.object({ sample: z.number(), done: z.number(), confirmed: z.number(), mismatch: z.number(), unreachable: z.number(), mismatchRate: rate }),
  formulas: z.array(z.string()),
});
export const pendingForUnit = z.object({ items: z.array(z.object({ recipientId: z.number(), surveyId: z.number(), title: z.string(), formNo: z.string().nullable(), closesOn: z.string(), status: z.string() })) });
export const portalSurvey = z.object({
  recipientId: z.number(),
  surveyId: z.number(),
  unitLabel: z.string(),
  title: z.string(),
  intro: z.string().nullable(),
  closesOn: z.string(),
  status: z.enum(RECIPIENT_STATUSES),
  answered: z.boolean(),
  questions: z.array(question),
});
