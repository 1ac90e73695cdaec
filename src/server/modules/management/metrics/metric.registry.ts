import { type Expression, type SqlBool, sql } from 'kysely';
import type { Db } from '../../../db/database.ts';

/**
 * The metric sources KPIs, the weakness report and the director's pack read. A module adds a
 * metric with one `registry.register({...})` call (see README.md); anything that names its code
 * (a KPI definition, a pack target) then shows it, and shows "no data source yet" until then.
 */

export type MetricUnit = 'rate' | 'per100' | 'score';
export type Bi = { zh: string; en: string };

/** Whose figure: a whole estate, some areas of it, or one member of staff's own work. */
export interface MetricSubject {
  estateId: number;
  /** null: the whole estate. */
  areaIds: number[] | null;
  /** Department staff are measured on the tickets assigned to them. */
  assigneeId: number | null;
}

export interface MetricContext extends MetricSubject {
  db: Db;
  /** The period: [from, to) as instants, and its local calendar dates (inclusive). */
  from: string;
  to: string;
  fromDate: string;
  toDate: string;
  /** YYYY-MM of the period's last month (fee periods are months). */
  month: string;
  /** The first month of the period (== month for a monthly figure). */
  firstMonth: string;
  now: string;
  /** Shares one query between the metrics that read the same aggregate. */
  memo<T>(key: string, load: () => Promise<T>): Promise<T>;
}

export interface MetricResult {
  numerator: number;
  denominator: number;
  /** null: no data (a rate over nothing); the KPI drops out, the pack says "no data". */
  value: number | null;
}

/** One record behind a figure, for the drill-down. */
export interface MetricRecord {
  kind: 'ticket' | 'visit' | 'fee';
  id: number;
  ref: string;
  title: string;
  at: string | null;
  /** Whether it counts for the figure (answered on time, resolved…) or against it. */
  ok: boolean;
  link: string;
}

export interface MetricSource {
  code: string;
  label: Bi;
  formula: Bi;
  unit: MetricUnit;
  direction: 'higher' | 'lower';
  /**
   * true when a period's numerator and denominator are the sums of its months' (counts of records
   * dated in the period: tickets, visits due, bills of the period, task slots, renovation-days). The
   * director's pack then sums a year to date from the months' frozen packs instead of rescanning the
   * year. Leave it out for figures as of a day (coverage) or over overlapping windows (surveys).
   */
  additive?: boolean;
  /** true when the figure is as of the period's last day (coverage): a year to date is then the month's figure. */
  asOfEnd?: boolean;
  compute(ctx: MetricContext): Promise<MetricResult>;
  /** The records behind the figure, failing ones first (at most `limit`). */
  records?(ctx: MetricContext, limit: number): Promise<MetricRecord[]>;
  /** A page of the app that shows the figure's records when they are not single records (fee statistics). */
  page?(ctx: MetricContext): string;
}

export class MetricRegistry {
  private sources = new Map<string, MetricSource>();

  register(source: MetricSource) {
    if (this.sources.has(source.code)) throw new Error(`metric ${source.code} registered twice`);
    this.sources.set(source.code, source);
  }

  get(code: string): MetricSource | undefined {
    return this.sources.get(code);
  }

  has(code: string) {
    return this.sources.has(code);
  }

  all(): MetricSource[] {
    return [...this.sources.values()];
  }
}

/** A context for one subject and period; metrics computed through it share their queries. */
export function metricContext(db: Db, subject: MetricSubject, p: { from: string; to: string; fromDate: string; toDate: string; month: string; firstMonth: string; now: string }): MetricContext {
  const cache = new Map<string, Promise<unknown>>();
  return {
    db,
    ...subject,
    ...p,
    memo<T>(key: string, load: () => Promise<T>) {
      if (!cache.has(key)) cache.set(key, load());
      return cache.get(key) as Promise<T>;
    },
  };
}

/** value = n ÷ d, or null over nothing. */
export const ratio = (n: number, d: number): MetricResult => ({ numerator: n, denominator: d, value: d > 0 ? n / d : null });

/** The subject's areas as a condition on `column` (a qualified column name); always true for the whole estate. */
export function inSubjectAreas(ctx: MetricSubject, column: string): Expression<SqlBool> {
  if (!ctx.areaIds) return sql<SqlBool>`1 = 1`;
  return sql<SqlBool>`${sql.ref(column)} in (${sql.join(ctx.areaIds.length ? ctx.areaIds : [-1])})`;
}

/** A rate that is better higher: `of` picks numerator and denominator from the aggregate `load` reads. */
export function higherRate<T>(def: Pick<MetricSource, 'code' | 'label' | 'formula' | 'additive' | 'asOfEnd'>, load: (ctx: MetricContext) => Promise<T>, of: (r: T) => [number, number]): MetricSource {
  return {
    ...def,
    unit: 'rate',
    direction: 'higher',
    async compute(ctx) {
      return ratio(...of(await load(ctx)));
    },
  };
}
