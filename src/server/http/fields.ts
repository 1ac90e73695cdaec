/** Zod building blocks shared by request schemas and web forms. Messages are i18n keys. */
import { z } from 'zod';
import { isValidIdNumber, PHONE_PATTERN } from '../../core/mask.ts';

export const id = z.coerce.number().int().positive();
export const idParam = z.object({ id });

export const text = (max: number) => z.string().trim().min(1).max(max);
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((v) => (v ? v : null));

export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'field.date' })
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), {
    message: 'field.date',
  });

export const phone = z
  .string()
  .trim()
  .regex(PHONE_PATTERN, { message: 'field.phone' });
export const optionalPhone = z
  .union([phone, z.literal('')])
  .nullish()
  .transform((v) => (v ? v : null));
export const optionalIdNumber = z
  .union([
    z
      .string()
      .trim()
      .toUpperCase()
      .refine(isValidIdNumber, { message: 'field.idNumber' }),
    z.literal(''),
  ])
  .nullish()
  .transform((v) => (v ? v : null));

/** Money in fen: whole numbers only, so a float never reaches the ledger. */
export const fen = z.number().int().min(0).max(1_000_000_000);

export const pageQuery = {
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
};

export const list = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), total: z.number().int() });

export const errorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.record(z.string(), z.string()).optional(),
  }),
});
