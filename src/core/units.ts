/** House records (R-PROP): statuses, usages and the area unit used in storage. */
export const UNIT_STATUSES = ['occupied', 'rented', 'vacant', 'renovating'] as const;
export type UnitStatus = (typeof UNIT_STATUSES)[number];
export const UNIT_USAGES = ['residential', 'commercial', 'office', 'parking', 'storage'] as const;
export const BUILDING_KINDS = ['high_rise', 'mid_rise', 'multi_storey', 'villa', 'commercial'] as const;
export const FACILITY_KINDS = ['clubhouse', 'pool', 'sports', 'plaza', 'playground', 'business_center', 'office', 'other'] as const;
export const CARE_FLAGS = ['elderly_alone', 'child', 'disabled', 'sick'] as const;
export type CareFlag = (typeof CARE_FLAGS)[number];
export const RELATIONS = ['head', 'spouse', 'child', 'parent', 'grandchild', 'sibling', 'tenant', 'nanny', 'other'] as const;
export const ACQUIRED_HOW = ['purchase', 'transfer', 'inheritance', 'gift', 'other'] as const;

/**
 * Building area is stored as an integer of hundredths of a square metre, for the same reason
 * money is stored in fen: the fee run multiplies it, and floats drift.
 */
export function areaToHundredths(m2: number): number {
  return Math.round(m2 * 100);
}
export function hundredthsToArea(h: number): number {
  return h / 100;
}

/** "3-2-1502" style label of a unit: building code, entrance, number. */
export function unitLabel(buildingCode: string, entrance: string | null, number: string): string {
  return entrance ? `${buildingCode}-${entrance}-${number}` : `${buildingCode}-${number}`;
}
