/**
 * Surveys 问卷 (manual 3.4 工作标准, 4.6.2; design B.3.2): the survey's states, the answer rules
 * and the report's formulas. Pure: the server, the report and the printed form share them.
 */
export const SURVEY_KINDS = ['opinion', 'resident', 'satisfaction', 'activity_feedback'] as const;
export const SURVEY_STATUSES = ['draft', 'published', 'closed', 'archived'] as const;
export type SurveyStatus = (typeof SURVEY_STATUSES)[number];
export const SURVEY_ACTIONS = ['publish', 'close', 'archive'] as const;
export type SurveyAction = (typeof SURVEY_ACTIONS)[number];
export const QUESTION_TYPES = ['single', 'multi', 'rating5', 'yes_no', 'text', 'number'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];
export const SURVEY_CHANNELS = ['portal', 'paper', 'phone', 'visit'] as const;
export type SurveyChannel = (typeof SURVEY_CHANNELS)[number];
/** Dimensions beyond the estate's ticket categories (the manual's 客服/收费/社区文化/停车). */
export const EXTRA_DIMENSIONS = ['客服', '收费', '社区文化', '停车'] as const;
export const RECIPIENT_STATUSES = ['pending', 'issued', 'responded', 'refused', 'unreachable', 'invalid'] as const;
export type RecipientStatus = (typeof RECIPIENT_STATUSES)[number];
export const VERIFY_RESULTS = ['confirmed', 'mismatch', 'unreachable'] as const;
/** 5 = 非常满意 … 1 = 非常不满意 */
export const RATING5_LABELS = { zh: ['非常不满意', '不满意', '一般', '满意', '非常满意'], en: ['Very dissatisfied', 'Dissatisfied', 'Neutral', 'Satisfied', 'Very satisfied'] };
export const TARGET_RETURN_PCT = 70;
export const TARGET_SATISFACTION_PCT = 90;

const NEXT: Record<SurveyAction, { from: SurveyStatus; to: SurveyStatus }> = {
  publish: { from: 'draft', to: 'published' },
  close: { from: 'published', to: 'closed' },
  archive: { from: 'closed', to: 'archived' },
};
export class IllegalSurveyTransition extends Error {}
export function surveyTransition(action: SurveyAction, from: SurveyStatus): SurveyStatus {
  if (NEXT[action].from !== from) throw new IllegalSurveyTransition(`${action} from ${from}`);
  return NEXT[action].to;
}
/** Questions, audience and channels may change only before publishing (design: locked after publish). */
export const editable = (s: SurveyStatus) => s === 'draft';

export interface Question {
  id: number;
  type: QuestionType;
  required: boolean;
  options: Array<{ id: number; label: string }>;
  dimension: string | null;
  countsForSatisfaction: boolean;
}
export type AnswerValue = number | number[] | boolean | string | null;

/** Answer rules: required answered, option ids of the question, ratings 1–5; returns index-path → message key. */
export function answerProblems(questions: Question[], answers: Record<string, AnswerValue>): Record<string, string> {
  const out: Record<string, string> = {};
  const known = new Set(questions.map((q) => String(q.id)));
  for (const k of Object.keys(answers)) if (!known.has(k)) out[`answers.${k}`] = 'field.surveyUnknownQuestion';
  for (const q of questions) {
    const v = answers[String(q.id)];
    const path = `answers.${q.id}`;
    const empty = v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);
    if (empty) {
      if (q.required) out[path] = 'field.required';
      continue;
    }
    const ids = new Set(q.options.map((o) => o.id));
    const ok =
      q.type === 'single' ? typeof v === 'number' && ids.has(v)
      : q.type === 'multi' ? Array.isArray(v) && v.every((x) => ids.has(x)) && new Set(v).size === v.length
      : q.type === 'rating5' ? typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 5
      : q.type === 'yes_no' ? typeof v === 'boolean'
      : q.type === 'number' ? typeof v === 'number' && Number.isFinite(v)
      : typeof v === 'string' && v.length <= 1000;
    if (!ok) out[path] = 'field.surveyAnswer';
  }
  return out;
}

const pct = (n: number, d: number) => (d === 0 ? null : Math.round((n / d) * 1000) / 10);

/**
 * 发放数 issued = slots no longer pending (unreachable stays in, so marking a household unreachable
 * cannot raise the rate); 回收率 = (responded + invalid) ÷ issued; 有效回收率 = responded ÷ issued.
 */
export function returnRate(counts: Partial<Record<RecipientStatus, number>>) {
  const c = (s: RecipientStatus) => counts[s] ?? 0;
  const issued = c('issued') + c('responded') + c('refused') + c('unreachable') + c('invalid');
  const returned = c('responded') + c('invalid');
  return { slots: issued + c('pending'), issued, returned, valid: c('responded'), returnRate: pct(returned, issued), validReturnRate: pct(c('responded'), issued) };
}

/**
 * 满意率 = valid answers 满意 or 非常满意 (4, 5) ÷ valid answers to rating questions that count, overall
 * and per dimension; the secondary index is the mean of 100/80/60/40/0 for the five ratings.
 */
export function satisfaction(questions: Question[], responses: Array<Record<string, AnswerValue>>) {
  const rated = questions.filter((q) => q.type === 'rating5' && q.countsForSatisfaction);
  const dims = new Map<string, { answered: number; satisfied: number; points: number }>();
  const total = { answered: 0, satisfied: 0, points: 0 };
  const POINTS = [0, 0, 40, 60, 80, 100];
  for (const r of responses) {
    for (const q of rated) {
      const v = r[String(q.id)];
      if (typeof v !== 'number') continue;
      const key = q.dimension ?? '';
      const d = dims.get(key) ?? { answered: 0, satisfied: 0, points: 0 };
      for (const acc of [d, total]) {
        acc.answered++;
        acc.points += POINTS[v]!;
        if (v >= 4) acc.satisfied++;
      }
      dims.set(key, d);
    }
  }
  const shape = (a: typeof total) => ({ answered: a.answered, satisfied: a.satisfied, rate: pct(a.satisfied, a.answered), index: a.answered ? Math.round((a.points / a.answered) * 10) / 10 : null });
  return { overall: shape(total), byDimension: [...dims].map(([dimension, a]) => ({ dimension: dimension || null, ...shape(a) })) };
}

/** How many staff-entered responses get a call-back (10 %, at least 5, never more than there are). */
export function verificationSampleSize(staffEntered: number): number {
  return Math.min(staffEntered, Math.max(5, Math.ceil(staffEntered * 0.1)));
}
/** Which ones: spread evenly over the list (ordered by id) so the sample is reproducible and covers every enterer's period. */
export function pickSample<T>(items: T[]): T[] {
  const n = verificationSampleSize(items.length);
  if (n === 0) return [];
  const step = items.length / n;
  return Array.from({ length: n }, (_, i) => items[Math.floor(i * step)]!);
}
export function mismatchRate(results: string[]) {
  const confirmed = results.filter((r) => r === 'confirmed').length;
  const mismatch = results.filter((r) => r === 'mismatch').length;
  return pct(mismatch, confirmed + mismatch);
}
