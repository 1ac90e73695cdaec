/**
 * Response shapes. Where the server publishes a zod schema, the type is read from it (type-only
 * imports: nothing of the server ends up in the bundle), so a change there shows up here at
 * type-check time.
 */
import type { z } from 'zod';
import type { Role } from '../../core/roles.ts';
import type { Scope } from '../../core/scope.ts';
import type { entry } from '../../server/modules/audit/audit.routes.ts';
import type { area, estate } from '../../server/modules/estates/estates.schemas.ts';
import type { archive, household, householdSummary, member, ownership, tenancy } from '../../server/modules/households/households.schemas.ts';
import type { job } from '../../server/modules/imports/imports.routes.ts';
import type { building, facility, unit } from '../../server/modules/property/property.schemas.ts';
import type { user } from '../../server/modules/users/users.schemas.ts';

export interface ListResponse<T> {
  items: T[];
  total: number;
  /** Ticket lists count up to 10,000 matches; true when there are more. */
  more?: boolean;
}

export interface MeEstate {
  id: number;
  name: string;
  whole: boolean;
  areas: Array<{ id: number; name: string }>;
}

export interface Me {
  user: { id: number; username: string; displayName: string; role: Role };
  roles: Role[];
  scope: Scope;
  estates: MeEstate[];
}

export type Estate = z.output<typeof estate>;
export type Area = z.output<typeof area>;
export type Building = z.output<typeof building>;
export type Unit = z.output<typeof unit>;
export type Facility = z.output<typeof facility>;
export type Archive = z.output<typeof archive>;
export type Household = z.output<typeof household>;
export type HouseholdSummary = z.output<typeof householdSummary>;
export type Member = z.output<typeof member>;
export type Ownership = z.output<typeof ownership>;
export type Tenancy = z.output<typeof tenancy>;
export type User = z.output<typeof user>;

export type AuditEntry = z.output<typeof entry>;

export type ImportJob = z.output<typeof job>;
export type ImportStatus = ImportJob['status'];

export type RevealKind = 'member' | 'ownership' | 'tenancy';
export type RevealField = 'phone' | 'idNumber';
