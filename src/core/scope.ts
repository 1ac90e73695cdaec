/**
 * Data scope (SPEC "Data scope"): staff see the estates and areas assigned to them; an owner
 * sees only his units. Admins see every estate. Pure functions so the web can use them too.
 */
export interface Scope {
  all: boolean;
  /** Estates the user sees entirely. */
  estates: number[];
  /** Areas (片区) the user sees, in estates he does not see entirely. */
  areas: Array<{ estateId: number; areaId: number }>;
  /** Units of an owner-portal user. */
  units: number[];
  /**
   * Owner portal: per unit, the local date his ownership or lease began. The unit's history before
   * it (the seller's tickets, payments, notices) is not his; bills still owed on the unit are.
   */
  unitsSince?: Record<number, string>;
}

export const EMPTY_SCOPE: Scope = { all: false, estates: [], areas: [], units: [] };

/** Any access at all to the estate (whole or some of its areas). */
export function seesEstate(scope: Scope, estateId: number): boolean {
  return scope.all || scope.estates.includes(estateId) || scope.areas.some((a) => a.estateId === estateId);
}

/** Full access to the estate: needed for estate-wide records such as facilities and areas. */
export function seesWholeEstate(scope: Scope, estateId: number): boolean {
  return scope.all || scope.estates.includes(estateId);
}

/** Access to something that lives in an area (a building, its units and households). */
export function seesArea(scope: Scope, estateId: number, areaId: number | null): boolean {
  if (seesWholeEstate(scope, estateId)) return true;
  return areaId != null && scope.areas.some((a) => a.estateId === estateId && a.areaId === areaId);
}

export function visibleEstateIds(scope: Scope): number[] | 'all' {
  if (scope.all) return 'all';
  return [...new Set([...scope.estates, ...scope.areas.map((a) => a.estateId)])];
}
