import { z } from 'zod';
import { ACTION_SOURCES, ACTION_STATUSES, ACTION_TYPES } from '../../../../core/improvement.ts';
import { id, isoDate, optionalText, period, queryId, text } from '../../../http/fields.ts';

export const weaknessQuery = z.object({ estateId: queryId, areaId: queryId.optional(), month: period }).strict();
export const drillQuery = z.object({ estateId: queryId, areaId: queryId.optional(), month: period, dimension: text(32) }).strict();
export const actionsQuery = z.object({ estateId: queryId, status: z.enum(ACTION_STATUSES).optional() }).strict();
export const actionInput = z
  .object({
    estateId: id,
    areaId: id.nullish(),
    source: z.enum(ACTION_SOURCES),
    sourceRef: optionalText(100),
    type: z.enum(ACTION_TYPES),
    dimension: optionalText(32),
    problem: text(1000),
    rootCause: text(2000),
    metric: z.string().regex(/^([a-z]+\.[A-Za-z0-9]+|weakness:.{1,32})$/, 'field.format'),
    target: z.number().min(-1_000_000).max(1_000_000),
    reviewMonth: period,
    rows: z.array(z.object({ what: text(500), ownerId: id.nullish(), dueOn: isoDate }).strict()).min(1).max(30),
  })
  .strict();
export const rowParams = z.object({ id: queryId, rowId: queryId });
