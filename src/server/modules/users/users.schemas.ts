import { z } from 'zod';
import { ROLES } from '../../../core/roles.ts';
import { DEPARTMENTS } from '../../../core/tickets.ts';
import { id, optionalPhone, pageQuery, searchText, text } from '../../http/fields.ts';

export const password = z
  .string()
  .min(8, { message: 'field.password' })
  .max(200)
  .refine((p) => /[A-Za-z]/.test(p) && /\d/.test(p), { message: 'field.password' });

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
export const userCreate = z
  .object({
    username: z.string().trim().regex(/^[A-Za-z0-9_.-]{3,64}$/, { message: 'field.format' }),
    displayName: text(64),
    role: z.enum(ROLES),
    password,
    phone: optionalPhone,
    department: z.enum(DEPARTMENTS).nullish(),
    scopes: z.array(scopeEntry).max(500).default([]),
    unitIds: z.array(id).max(50).default([]),
  })
  .strict();
export const userUpdate = userCreate.omit({ username: true, password: true }).partial().extend({ active: z.boolean().optional() }).strict();
export const passwordReset = z.object({ password }).strict();
