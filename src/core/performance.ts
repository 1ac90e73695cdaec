/**
 * Staff performance (绩效考核, manual 6.1–6.2; design C.3.1): KPI scores, the weighted month score
 * with missing data dropped and the weights renormalised, grades, the supervisor's adjustment,
 * the annual combination and the appraisal's states. Pure: the server freezes what these return.
 */

export const KPI_GROUPS = ['quality', 'satisfaction', 'efficiency'] as const;
export type KpiGroup = (typeof KPI_GROUPS)[number];
export const DIRECTIONS = ['higher', 'lower'] as const;
export type Direction = (typeof DIRECTIONS)[number];

export interface KpiDef {
  code: string;
  metric: string;
  group: KpiGroup;
  /** Share of the whole score, integers summing to 100 over the set. */
  weight: number;
  direction: Direction;
  /** The actual value that scores 0 … */
  floor: number;
  /** … and the one that scores 100 (for 'lower', target < floor). */
  target: number;
}

/** 0–100 for one KPI: clamp((actual − floor) ÷ (target − floor), 0, 1) × 100. Works for both directions. */
export function kpiScore(actual: number, floor: number, target: number): number {
  if (floor === target) throw new Error('floor equals target');
  const x = (actual - floor) / (target - floor);
  return Math.min(1, Math.max(0, x)) * 100;
}

/** What is wrong with a KPI set, as field → message key; empty when it may be saved. */
export function checkKpiSet(defs: KpiDef[]): Record<string, string> {
  const out: Record<string, string> = {};
  if (!defs.length) out.items = 'perf.error.emptySet';
  const total = defs.reduce((s, d) => s + d.weight, 0);
  if (defs.length && total !== 100) out.items = 'perf.error.weights';
  const seen = new Set<string>();
  defs.forEach((d, i) => {
    if (seen.has(d.code)) out[`items.${i}.code`] = 'perf.error.duplicate';
    seen.add(d.code);
    if (!Number.isInteger(d.weight) || d.weight <= 0 || d.weight > 100) out[`items.${i}.weight`] = 'perf.error.weight';
    if (d.floor === d.target) out[`items.${i}.target`] = 'perf.error.floorTarget';
    // 'higher' scores up from floor to a larger target; 'lower' down to a smaller one.
    else if (d.direction === 'higher' ? d.target < d.floor : d.target > d.floor) out[`items.${i}.target`] = 'perf.error.direction';
  });
  return out;
}

export interface KpiActual {
  numerator: number;
  denominator: number;
  /** null: no data this month (the KPI is dropped and the others renormalised). */
  value: number | null;
}

export interface KpiLine extends KpiDef, KpiActual {
  /** The weight after renormalisation over the KPIs with data (0 when dropped). */
  effectiveWeight: number;
  score: number | null;
  dropped: boolean;
}

export interface SheetScore {
  lines: KpiLine[];
  /** Σ effectiveWeight × score ÷ 100, or null when no KPI has data. */
  score: number | null;
  /** Weight of the KPIs dropped for lack of data. */
  droppedWeight: number;
  byGroup: Record<KpiGroup, number | null>;
}

/** Scores a sheet: dropped KPIs give their weight to the others in proportion to their own. */
export function scoreSheet(defs: KpiDef[], actuals: Record<string, KpiActual | undefined>): SheetScore {
  const present = defs.filter((d) => actuals[d.code]?.value != null && Number.isFinite(actuals[d.code]!.value!));
  const presentWeight = present.reduce((s, d) => s + d.weight, 0);
  const lines: KpiLine[] = defs.map((d) => {
    const a = actuals[d.code] ?? { numerator: 0, denominator: 0, value: null };
    const dropped = a.value == null || !Number.isFinite(a.value) || presentWeight === 0;
    return {
      ...d,
      ...a,
      dropped,
      effectiveWeight: dropped ? 0 : (d.weight * 100) / presentWeight,
      score: dropped ? null : kpiScore(a.value!, d.floor, d.target),
    };
  });
  const score = presentWeight === 0 ? null : lines.reduce((s, l) => s + (l.dropped ? 0 : (l.effectiveWeight * l.score!) / 100), 0);
  const byGroup = Object.fromEntries(
    KPI_GROUPS.map((g) => {
      const ls = lines.filter((l) => l.group === g && !l.dropped);
      const w = ls.reduce((s, l) => s + l.effectiveWeight, 0);
      return [g, w === 0 ? null : ls.reduce((s, l) => s + l.effectiveWeight * l.score!, 0) / w];
    }),
  ) as Record<KpiGroup, number | null>;
  return { lines, score, droppedWeight: 100 - presentWeight, byGroup };
}

export const GRADES = ['A', 'B', 'C', 'D'] as const;
export type Grade = (typeof GRADES)[number];

/** A ≥ 90, B ≥ 80, C ≥ 70, D below (design C.3.1, a guess to confirm with the center). */
export function gradeOf(score: number): Grade {
  if (score >= 90) return 'A';
  if (score >= 80) return 'B';
  if (score >= 70) return 'C';
  return 'D';
}

export const MAX_ADJUSTMENT = 10;

/** The final score: the computed one plus the supervisor's adjustment (±10), kept within 0–100. */
export function finalScore(computed: number, adjustment: number): number {
  if (Math.abs(adjustment) > MAX_ADJUSTMENT) throw new Error('adjustment out of range');
  return Math.min(100, Math.max(0, computed + adjustment));
}

/** Annual (M 6.1): 70 % the mean of the confirmed months + 30 % the annual review (design guess). */
export const ANNUAL_WEIGHTS = { months: 0.7, review: 0.3 } as const;

export function annualScore(monthScores: number[], review: number): number | null {
  if (!monthScores.length) return null;
  const mean = monthScores.reduce((s, x) => s + x, 0) / monthScores.length;
  return ANNUAL_WEIGHTS.months * mean + ANNUAL_WEIGHTS.review * review;
}

/** Rounds a score for storage and display: two decimals. */
export const round2 = (x: number) => Math.round(x * 100) / 100;

// ---- the appraisal's life (design C.3.1) -----------------------------------------------------

export const APPRAISAL_STATUSES = ['draft', 'self_assessed', 'reviewed', 'confirmed', 'acknowledged', 'appealed'] as const;
export type AppraisalStatus = (typeof APPRAISAL_STATUSES)[number];
export const APPRAISAL_ACTIONS = ['self_assess', 'review', 'confirm', 'acknowledge', 'appeal'] as const;
export type AppraisalAction = (typeof APPRAISAL_ACTIONS)[number];

/** Days after generation the staff has for the self-assessment (M 4.5); after them the review may go on without it. */
export const SELF_ASSESS_DAYS = 5;

/**
 * The status an action leads to, or null when it is not allowed now. `selfDue` is whether the
 * self-assessment window has passed. An appeal returns the appraisal to the assistant's review.
 */
export function nextStatus(status: AppraisalStatus, action: AppraisalAction, selfDue: boolean): AppraisalStatus | null {
  switch (action) {
    case 'self_assess':
      return status === 'draft' ? 'self_assessed' : null;
    case 'review':
      return status === 'self_assessed' || status === 'appealed' || (status === 'draft' && selfDue) ? 'reviewed' : null;
    case 'confirm':
      return status === 'reviewed' ? 'confirmed' : null;
    case 'acknowledge':
      return status === 'confirmed' ? 'acknowledged' : null;
    case 'appeal':
      return status === 'confirmed' ? 'appealed' : null;
  }
}

/** Who acts: the staff himself assesses, acknowledges and appeals; supervisors review and confirm. */
export const ACTOR_OF: Record<AppraisalAction, 'self' | 'reviewer' | 'confirmer'> = {
  self_assess: 'self',
  acknowledge: 'self',
  appeal: 'self',
  review: 'reviewer',
  confirm: 'confirmer',
};

// ---- default KPI sets (design C.3.1 table; weights are guesses, editable per estate) --------

/** The area administrator's set: every metric the design names; those without a source yet drop out. */
export const DEFAULT_CS_ADMIN: KpiDef[] = [
  { code: 'first_response', metric: 'desk.responseTimeliness', group: 'quality', weight: 10, direction: 'higher', floor: 0.8, target: 1 },
  { code: 'visits_on_time', metric: 'desk.visitsOnTime', group: 'quality', weight: 10, direction: 'higher', floor: 0.8, target: 1 },
  { code: 'rounds', metric: 'field.roundsCompletion', group: 'quality', weight: 10, direction: 'higher', floor: 0.8, target: 1 },
  { code: 'care_visits', metric: 'relations.careVisitCoverage', group: 'quality', weight: 10, direction: 'higher', floor: 0.7, target: 1 },
  { code: 'visit_score', metric: 'desk.visitScore', group: 'satisfaction', weight: 10, direction: 'higher', floor: 0.6, target: 0.9 },
  { code: 'survey', metric: 'relations.surveySatisfaction', group: 'satisfaction', weight: 10, direction: 'higher', floor: 0.7, target: 0.9 },
  { code: 'attitude', metric: 'desk.attitudeComplaintsPer100', group: 'satisfaction', weight: 10, direction: 'lower', floor: 2, target: 0 },
  { code: 'resolution', metric: 'desk.resolutionRate', group: 'efficiency', weight: 8, direction: 'higher', floor: 0.85, target: 0.95 },
  { code: 'resolution_on_time', metric: 'desk.resolutionTimeliness', group: 'efficiency', weight: 8, direction: 'higher', floor: 0.8, target: 1 },
  { code: 'reopen', metric: 'desk.reopenRate', group: 'efficiency', weight: 7, direction: 'lower', floor: 0.1, target: 0.02 },
  { code: 'fee', metric: 'fees.managementCollection', group: 'efficiency', weight: 7, direction: 'higher', floor: 0.85, target: 0.95 },
];

/** Department staff: their own tickets (design guess: resolved on time, reopen rate, mean score). */
export const DEFAULT_DEPT_STAFF: KpiDef[] = [
  { code: 'resolution_on_time', metric: 'desk.resolutionTimeliness', group: 'efficiency', weight: 40, direction: 'higher', floor: 0.8, target: 1 },
  { code: 'reopen', metric: 'desk.reopenRate', group: 'quality', weight: 30, direction: 'lower', floor: 0.1, target: 0.02 },
  { code: 'visit_score', metric: 'desk.visitScore', group: 'satisfaction', weight: 30, direction: 'higher', floor: 0.6, target: 0.9 },
];

export const APPRAISED_ROLES = ['cs_admin', 'dept_staff'] as const;
export type AppraisedRole = (typeof APPRAISED_ROLES)[number];
export const DEFAULT_SETS: Record<AppraisedRole, KpiDef[]> = { cs_admin: DEFAULT_CS_ADMIN, dept_staff: DEFAULT_DEPT_STAFF };
