/**
 * Continuous improvement (持续改进, manual 7.1–7.2; design C.3.2): the weakness score of a service
 * dimension, the monthly ranking with change and trend, repeat issues, and whether an improvement
 * action worked. Pure functions; the server gathers the counts.
 */

/** Counts of one dimension (a ticket category, or 标识) in one month and scope. */
export interface DimensionCounts {
  dimension: string;
  tickets: number;
  complaints: number;
  visits: number;
  badVisits: number;
  scoreSum: number;
  resolved: number;
  reopened: number;
  timelyMet: number;
  timelyMeasured: number;
  repeats: number;
  findings: number;
  /** Latest survey satisfaction of the dimension (0–1), when a survey module reports one. */
  survey: number | null;
}

export interface WeaknessWeights {
  score: number;
  badVisits: number;
  complaints: number;
  timeliness: number;
  repeats: number;
}

/** Design C.3.2 (guess; editable): 30 mean score, 25 bad visits, 20 complaints, 15 timeliness, 10 repeats. */
export const DEFAULT_WEAKNESS_WEIGHTS: WeaknessWeights = { score: 30, badVisits: 25, complaints: 20, timeliness: 15, repeats: 10 };

/** Dimensions with fewer tickets than this are listed but not ranked. */
export const MIN_RANKED_TICKETS = 5;

export interface DimensionMetrics {
  dimension: string;
  tickets: number;
  complaintsPer100: number | null;
  badVisitRate: number | null;
  meanScore: number | null;
  reopenRate: number | null;
  timeliness: number | null;
  repeatRate: number | null;
  survey: number | null;
  findings: number;
}

const ratio = (n: number, d: number) => (d > 0 ? n / d : null);

export function metricsOf(c: DimensionCounts, households: number): DimensionMetrics {
  return {
    dimension: c.dimension,
    tickets: c.tickets,
    complaintsPer100: households > 0 ? (c.complaints * 100) / households : null,
    badVisitRate: ratio(c.badVisits, c.visits),
    meanScore: c.visits > 0 ? c.scoreSum / c.visits : null,
    reopenRate: ratio(c.reopened, c.resolved),
    timeliness: ratio(c.timelyMet, c.timelyMeasured),
    repeatRate: ratio(c.repeats, c.tickets),
    survey: c.survey,
    findings: c.findings,
  };
}

export interface WeaknessComponents {
  score: number;
  badVisits: number;
  complaints: number;
  timeliness: number;
  repeats: number;
}

/**
 * 0–100, higher is weaker: w.score × (5 − mean) ÷ 4 + w.badVisits × bad rate + w.complaints ×
 * complaints ÷ the estate's max + w.timeliness × (1 − timeliness) + w.repeats × repeat rate.
 * A component without data counts 0 (nothing known against the dimension); every component is returned.
 */
export function weaknessScore(m: DimensionMetrics, maxComplaintsPer100: number, w: WeaknessWeights = DEFAULT_WEAKNESS_WEIGHTS): { total: number; components: WeaknessComponents } {
  const components: WeaknessComponents = {
    score: m.meanScore == null ? 0 : (w.score * (5 - clamp(m.meanScore, 1, 5))) / 4,
    badVisits: w.badVisits * (m.badVisitRate ?? 0),
    complaints: maxComplaintsPer100 > 0 && m.complaintsPer100 != null ? (w.complaints * m.complaintsPer100) / maxComplaintsPer100 : 0,
    timeliness: m.timeliness == null ? 0 : w.timeliness * (1 - m.timeliness),
    repeats: w.repeats * (m.repeatRate ?? 0),
  };
  const total = components.score + components.badVisits + components.complaints + components.timeliness + components.repeats;
  return { total, components };
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

export interface RankedDimension extends DimensionMetrics {
  weakness: number;
  components: WeaknessComponents;
  ranked: boolean;
  rank: number | null;
  /** Weakness last month (null when the dimension had too few tickets or none). */
  previous: number | null;
  change: number | null;
  /** Weakness over the last three months, oldest first (null for a month without rank). */
  trend: Array<number | null>;
  newInTop: boolean;
}

/**
 * Scores and ranks the month's dimensions; `history` holds the two months before, newest first,
 * as dimension → weakness (ranked ones only), for change and trend.
 */
export function rankWeaknesses(counts: DimensionCounts[], households: number, history: Array<Record<string, number>>, w: WeaknessWeights = DEFAULT_WEAKNESS_WEIGHTS, top = 5): RankedDimension[] {
  const metrics = counts.map((c) => metricsOf(c, households));
  const max = Math.max(0, ...metrics.map((m) => m.complaintsPer100 ?? 0));
  const prevTop = new Set(
    Object.entries(history[0] ?? {})
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, top)
      .map(([d]) => d),
  );
  const scored = metrics.map((m) => {
    const { total, components } = weaknessScore(m, max, w);
    return { ...m, weakness: total, components, ranked: m.tickets >= MIN_RANKED_TICKETS };
  });
  const order = scored.filter((s) => s.ranked).sort((a, b) => b.weakness - a.weakness || a.dimension.localeCompare(b.dimension));
  const rankOf = new Map(order.map((s, i) => [s.dimension, i + 1]));
  return scored
    .map((s) => {
      const previous = history[0]?.[s.dimension] ?? null;
      const rank = rankOf.get(s.dimension) ?? null;
      return {
        ...s,
        rank,
        previous,
        change: previous == null || !s.ranked ? null : s.weakness - previous,
        trend: [history[1]?.[s.dimension] ?? null, previous, s.ranked ? s.weakness : null],
        newInTop: rank != null && rank <= top && !prevTop.has(s.dimension) && history.length > 0,
      };
    })
    .sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || b.tickets - a.tickets || a.dimension.localeCompare(b.dimension));
}

/** Tickets that repeat an earlier one: same unit and category within `days` days (C.4 item 4). */
export function countRepeats(tickets: Array<{ unit: number | null; dimension: string; at: number }>, days = 30): Record<string, number> {
  const window = days * 86_400_000;
  const last = new Map<string, number>();
  const out: Record<string, number> = {};
  for (const t of [...tickets].sort((a, b) => a.at - b.at)) {
    if (t.unit == null) continue;
    const key = `${t.unit}|${t.dimension}`;
    const prev = last.get(key);
    if (prev != null && t.at - prev <= window) out[t.dimension] = (out[t.dimension] ?? 0) + 1;
    last.set(key, t.at);
  }
  return out;
}

// ---- improvement actions -------------------------------------------------------------------

export const ACTION_TYPES = ['corrective', 'preventive'] as const;
export const ACTION_SOURCES = ['weakness', 'ticket', 'survey', 'suggestion', 'audit'] as const;
export const ACTION_STATUSES = ['proposed', 'approved', 'in_progress', 'verifying', 'effective', 'not_effective', 'cancelled'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

/** Effective when the target is met or the metric improved at least this much relative to the baseline (design guess). */
export const RELATIVE_IMPROVEMENT = 0.2;

/**
 * Verification by the data at the review month: `lowerBetter` for weakness, complaints, reopen
 * rates. null when the review month has no value (the action stays in verification).
 */
export function verifyAction(baseline: number | null, target: number, actual: number | null, lowerBetter: boolean): 'effective' | 'not_effective' | null {
  if (actual == null) return null;
  const met = lowerBetter ? actual <= target : actual >= target;
  if (met) return 'effective';
  if (baseline == null || baseline === 0) return 'not_effective';
  const gain = lowerBetter ? (baseline - actual) / Math.abs(baseline) : (actual - baseline) / Math.abs(baseline);
  return gain >= RELATIVE_IMPROVEMENT ? 'effective' : 'not_effective';
}

/** Where an action may go from each status (verification is the data's, not a person's). */
export const ACTION_NEXT: Record<ActionStatus, ActionStatus[]> = {
  proposed: ['approved', 'cancelled'],
  approved: ['in_progress', 'cancelled'],
  in_progress: ['verifying', 'cancelled'],
  verifying: ['effective', 'not_effective'],
  effective: [],
  not_effective: ['proposed'],
  cancelled: [],
};
