/**
 * Handover inspection 验房 and legacy defects 遗留问题 (manual 3.12; design A.3.5). Warranty ends per
 * element class follow 《建设工程质量管理条例》 art. 40 minimums.
 */
import { addDays } from './signs.ts';

export const HANDOVER_TYPES = ['first_delivery', 'resale_move_in', 'tenant_move_in', 'move_out'] as const;
export const HANDOVER_STATUSES = ['scheduled', 'inspected', 'closed'] as const;
export type HandoverStatus = (typeof HANDOVER_STATUSES)[number];
export const HANDOVER_RESULTS = ['accepted_clean', 'accepted_with_defects', 'refused'] as const;
export const DEFECT_ROOMS = ['living', 'bedroom', 'kitchen', 'bathroom', 'balcony', 'entry', 'common'] as const;
export const DEFECT_CLASSES = ['structure', 'waterproofing', 'heating_cooling', 'electrical', 'plumbing', 'equipment', 'decoration', 'other'] as const;
export type DefectClass = (typeof DEFECT_CLASSES)[number];
export const RESPONSIBLE = ['developer', 'contractor', 'property', 'owner'] as const;
export const DEFECT_STATUSES = ['open', 'sent_to_responsible', 'scheduled', 'fixed', 'verified', 'closed', 'disputed', 'out_of_warranty'] as const;
export type DefectStatus = (typeof DEFECT_STATUSES)[number];

const DEFECT_MOVES: Record<DefectStatus, DefectStatus[]> = {
  open: ['sent_to_responsible', 'scheduled', 'fixed', 'disputed', 'out_of_warranty'],
  sent_to_responsible: ['scheduled', 'fixed', 'disputed'],
  scheduled: ['fixed', 'disputed'],
  fixed: ['verified', 'open'],
  verified: ['closed'],
  disputed: ['open', 'out_of_warranty'],
  out_of_warranty: ['closed'],
  closed: [],
};
export const canMoveDefect = (from: DefectStatus, to: DefectStatus) => DEFECT_MOVES[from].includes(to);
/** Defects that no longer hold the handover open. */
export const defectSettled = (s: DefectStatus) => s === 'verified' || s === 'closed' || s === 'out_of_warranty';

/** Warranty years per class (structure: design life, taken as 50 years). Heating/cooling: 2 seasons ≈ 2 years. */
const WARRANTY_YEARS: Record<DefectClass, number> = { structure: 50, waterproofing: 5, heating_cooling: 2, electrical: 2, plumbing: 2, equipment: 2, decoration: 2, other: 2 };

export function warrantyEnd(cls: DefectClass, deliveredOn: string | null): string | null {
  if (!deliveredOn) return null;
  const y = Number(deliveredOn.slice(0, 4)) + WARRANTY_YEARS[cls];
  return `${y}${deliveredOn.slice(4)}`.replace(/-02-29$/, '-02-28');
}
export const inWarranty = (cls: DefectClass, deliveredOn: string | null, today: string) => {
  const end = warrantyEnd(cls, deliveredOn);
  return end == null || today <= end;
};
/** Fix-by date: 15 days for structure/waterproofing (they spread), 30 days otherwise (guess). */
export const dueBy = (cls: DefectClass, today: string) => addDays(today, cls === 'structure' || cls === 'waterproofing' ? 15 : 30);
