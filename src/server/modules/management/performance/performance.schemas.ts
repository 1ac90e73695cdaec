import { z } from 'zod';
import { APPRAISAL_STATUSES, APPRAISED_ROLES, DIRECTIONS, KPI_GROUPS } from '../../../../core/performance.ts';
import { id, isoDate, optionalText, period, queryId, text } from '../../../http/fields.ts';

const year = z.string().regex(/^\d{4}$/, 'field.format');
const rate = z.number().min(-1_000_000).max(1_000_000);

export const kpiItem = z
  .object({
    code: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'field.format'),
    metric: z.string().regex(/^([a-z]+\.[A-Za-z0-9]+)$/, 'field.format').max(80),
    group: z.enum(KPI_GROUPS),
    weight: z.number().int().min(1).max(100),
    direction: z.enum(DIRECTIONS),
    floor: rate,
    target: rate,
  })
  .strict();
export const kpiSetInput = z.object({ estateId: id, role: z.enum(APPRAISED_ROLES), effectiveFrom: period, note: optionalText(500), items: z.array(kpiItem).min(1).max(30) }).strict();
export const kpiSetQuery = z.object({ estateId: queryId, role: z.enum(APPRAISED_ROLES) }).strict();
export const liveQuery = z.object({ estateId: queryId, userId: queryId, month: period }).strict();
export const estateQuery = z.object({ estateId: queryId }).strict();
export const appraisalQuery = z.object({ estateId: queryId, period: z.union([period, year]).optional(), userId: queryId.optional(), status: z.enum(APPRAISAL_STATUSES).optional() }).strict();
export const selfInput = z.object({ text: text(2000), score: z.number().int().min(0).max(100).nullish() }).strict();
const adjustment = { adjustment: z.number().min(-10).max(10).multipleOf(0.5).nullish(), reason: optionalText(500), evidence: optionalText(500) };
export const reviewInput = z.object({ text: text(2000), ...adjustment }).strict();
export const confirmInput = z.object({ ...adjustment }).strict();
export const appealInput = z.object({ text: text(2000) }).strict();
export const generateInput = z.object({ estateId: id, month: period }).strict();
export const annualInput = z.object({ estateId: id, userId: id, year, review: z.number().min(0).max(100), note: optionalText(2000) }).strict();
export const planQuery = z.object({ estateId: queryId, userId: queryId.optional() }).strict();
export const trainingInput = z
  .object({ estateId: id, course: text(200), heldOn: isoDate, hours: z.number().min(0.5).max(200).multipleOf(0.5), trainer: text(100), attendees: z.array(id).min(1).max(200), result: optionalText(1000) })
  .strict();
export const stepResult = z.object({ id: z.number(), status: z.string() });
