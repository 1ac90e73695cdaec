import { z } from 'zod';
import { PASSWORD_MAX, PASSWORD_MIN, passwordProblem } from '../../../core/password.ts';
import { ROLES } from '../../../core/roles.ts';
import { DEPARTMENTS } from '../../../core/tickets.ts';
import { id, optionalPhone, pageQuery, searchText, text } from '../../http/fields.ts';

/** core/password.ts's rule; the username part is checked where the username is known. */
export const password = z
  .string()
  .min(PASSWORD_MIN, { message: 'field.password' })
  .max(PASSWORD_MAX)
  .superRefine((p, ctx) => {
    const key = passwordProblem(p);
    if (key) ctx.addIssue({ code: 'custom', message: key });
  });

const scopeEntry = z.object({ estateId: id, areaId: id.nullish() }).strict();

export const user = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  phone: z.string().nullable(),
  department: z.string().nullable(),
  active: z.boolean(),
  scopes: z.array(z.object({ estateId: z.number(), areaId: z.number().nullable() })),
  unitIds: z.array(z.number()),
  createdAt: z.string(),
});
export const userQuery = z.object({
  role: z.enum(ROLES).optional(),
  q: searchText(50).optional(),
  active: z.enum(['0', '1']).optional(),
  ...pageQuery,
});
/** A user's fields without defaults; userUpdate is built from these (zod fills `.default()` even
 * inside `.partial()`: toggling `active` would otherwise empty the user's scopes). */
const userFields = z
  .object({
    username: z.string().trim().regex(/^[A-Za-z0-9_.-]{3,64}$/, { message: 'field.format' }),
    displayName: text(64),
    role: z.enum(ROLES),
    password,
    phone: optionalPhone,
    department: z.enum(DEPARTMENTS).nullish(),
    scopes: z.array(scopeEntry).max(500),
    unitIds: z.array(id).max(50),
  })
  .strict();
export const userCreate = userFields
  .extend({ scopes: userFields.shape.scopes.default([]), unitIds: userFields.shape.unitIds.default([]) })
  .strict()
  .superRefine((v, ctx) => {
    const key = passwordProblem(v.password, v.username);
    if (key) ctx.addIssue({ code: 'custom', path: ['password'], message: key });
  });
export const userUpdate = userFields.omit({ username: true, password: true }).partial().extend({ active: z.boolean().optional() }).strict();
export const passwordReset = z.object({ password }).strict();
