import { z } from 'zod';
import { DEFECT_CLASSES, DEFECT_ROOMS, DEFECT_STATUSES, HANDOVER_RESULTS, HANDOVER_STATUSES, HANDOVER_TYPES, RESPONSIBLE } from '../../../../core/handover.ts';
import { id, isoDateTime, optionalText, pageQuery, queryId, text } from '../../../http/fields.ts';

export const handoverInput = z.object({ unitId: id, type: z.enum(HANDOVER_TYPES), scheduledAt: isoDateTime, inspectors: optionalText(200) }).strict();
const defectInput = z.object({ room: z.enum(DEFECT_ROOMS), element: z.enum(DEFECT_CLASSES), description: text(1000), responsible: z.enum(RESPONSIBLE) }).strict();
export const inspectInput = z
  .object({
    inspectors: text(200),
    ownerPresent: text(64),
    keysHanded: z.number().int().min(0).max(50),
    result: z.enum(HANDOVER_RESULTS),
    defects: z.array(defectInput).max(100).default([]),
  })
  .strict();
export const addDefectInput = defectInput;
export const moveInput = z.object({ to: z.enum(DEFECT_STATUSES), note: optionalText(1000) }).strict();
export const handoverQuery = z.object({ estateId: queryId.optional(), status: z.enum(HANDOVER_STATUSES).optional(), ...pageQuery });

export const defect = z.object({
  id: z.number(), handoverId: z.number(), room: z.string(), element: z.string(), description: z.string(), responsible: z.string(), warrantyEnd: z.string().nullable(),
  dueBy: z.string(), status: z.string(), events: z.array(z.object({ from: z.string().nullable(), to: z.string(), note: z.string().nullable(), byName: z.string().nullable(), at: z.string() })),
});
export const handover = z.object({
  id: z.number(), estateId: z.number(), areaId: z.number().nullable(), unitId: z.number(), unitLabel: z.string(), type: z.string(), scheduledAt: z.string(),
  inspectedAt: z.string().nullable(), inspectors: z.string().nullable(), ownerPresent: z.string().nullable(), keysHanded: z.number().nullable(), result: z.string().nullable(),
  status: z.string(), ticketId: z.number().nullable(), ticketNumber: z.string().nullable(), openDefects: z.number(), defects: z.array(defect),
});
