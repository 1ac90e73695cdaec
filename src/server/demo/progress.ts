/**
 * Progress of a long first start (migrations, the demo data), reported through a callback so
 * main.ts can print one line per step instead of twenty silent seconds; tests pass none.
 */
export interface ProgressStep {
  zh: string;
  en: string;
  /** The step's place among the demo data's steps (1-based) and their number. */
  n?: number;
  of?: number;
  /** How far into a long step, e.g. the month being billed: "3/12". */
  part?: string;
  /** A finished step ("applied 3 migrations"): printed without the trailing ellipsis. */
  done?: boolean;
}
export type Progress = (step: ProgressStep) => void;

export const DEMO_STEPS = 9;

/** "载入演示数据 Loading demo data 4/9: 三个月的工单 three months of tickets… 2/3", "迁移数据库 Migrating the database…". */
export function formatProgress(s: ProgressStep): string {
  const what = `${s.zh} ${s.en}${s.done ? '' : '…'}${s.part ? ` ${s.part}` : ''}`;
  return s.n ? `载入演示数据 Loading demo data ${s.n}/${s.of}: ${what}` : what;
}
