import { z } from 'zod';
import { optionalText, queryId } from '../../../http/fields.ts';

export const formParams = z.object({ form: z.string().min(1).max(40).regex(/^[a-z0-9_.-]+$/, 'field.formCode'), record: z.string().min(1).max(80) });
export const scan = z.object({
  id: z.number(),
  form: z.string(),
  record: z.string(),
  mime: z.string(),
  size: z.number(),
  fileName: z.string().nullable(),
  note: z.string().nullable(),
  uploadedAt: z.string(),
  uploadedBy: z.string().nullable(),
});
export const catalogItem = z.object({ code: z.string(), number: z.string().nullable(), title: z.string() });
export const samplesQuery = z.object({ estateId: queryId }).strict();
export const scanNote = optionalText(500);
