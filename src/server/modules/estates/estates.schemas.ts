import { z } from 'zod';
import { id, optionalPhone, optionalText, pageQuery, queryId, text } from '../../http/fields.ts';

export const estate = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  address: z.string().nullable(),
  timeZone: z.string(),
  phone: z.string().nullable(),
  notes: z.string().nullable(),
  archived: z.boolean(),
  buildingCount: z.number(),
  unitCount: z.number(),
});
/** An estate's fields without defaults; estateUpdate is built from these (zod fills `.default()`
 * even inside `.partial()`, which would reset the time zone on every PATCH). */
const estateFields = z
  .object({
    code: z.string().trim().regex(/^[A-Za-z0-9_-]{1,32}$/, { message: 'field.format' }),
    name: text(100),
    address: optionalText(200),
    timeZone: z.string().trim().max(64).refine((tz) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, { message: 'field.invalid' }),
    phone: optionalPhone,
    notes: optionalText(2000),
  })
  .strict();
export const estateCreate = estateFields.extend({ timeZone: estateFields.shape.timeZone.default('Asia/Shanghai') }).strict();
export const estateUpdate = estateFields.omit({ code: true }).partial().extend({ archived: z.boolean().optional() }).strict();

export const area = z.object({
  id: z.number(),
  estateId: z.number(),
  name: z.string(),
  managerUserId: z.number().nullable(),
  managerName: z.string().nullable(),
  notes: z.string().nullable(),
  archived: z.boolean(),
  buildingCount: z.number(),
});
export const areaQuery = z.object({ estateId: queryId.optional(), ...pageQuery, pageSize: pageQuery.pageSize.default(200) });
export const areaCreate = z
  .object({ estateId: id, name: text(64), managerUserId: id.nullish(), notes: optionalText(2000) })
  .strict();
export const areaUpdate = areaCreate.omit({ estateId: true }).partial().extend({ archived: z.boolean().optional() }).strict();
