/**
 * An activity's feedback (manual 4.10.5) is a survey: made at 结束 for the units that attended,
 * answered on the activity's page or in the portal's surveys, reported like any survey (its rating
 * counts in the satisfaction of dimension 社区文化). Activities finished before migration 028 keep
 * their ratings in activity_feedback; both are read here as one list.
 */
import { localDate } from '../../../../core/clock.ts';
import { addDays } from '../../../../core/visits.ts';
import type { Executor } from '../../../db/database.ts';
import { surveyInput } from '../surveys/surveys.schemas.ts';
import type { SurveyIn } from '../surveys/surveys.service.ts';

/** Days the feedback survey stays open after the activity. */
export const FEEDBACK_DAYS = 14;

/** The survey of the three questions the activity page asks (rating, what was liked, suggestions). */
export function feedbackSurvey(a: { estate_id: number; title: string }, unitIds: number[], now: Date): SurveyIn {
  const today = localDate(now);
  return surveyInput.parse({
    estateId: a.estate_id,
    title: `${a.title}·活动反馈`,
    kind: 'activity_feedback',
    intro: '感谢您参加本次社区活动，请留下您的评价和建议。',
    // They came, so their units are asked whatever the house record says about occupancy.
    audience: { unitIds, includeVacant: true },
    channels: ['portal', 'phone'],
    opensOn: today,
    closesOn: addDays(today, FEEDBACK_DAYS),
    questions: [
      { type: 'rating5', text: '您对本次活动的总体评价', required: true, dimension: '社区文化', countsForSatisfaction: true },
      { type: 'text', text: '您最喜欢活动中的哪些内容？', required: false },
      { type: 'text', text: '对今后的社区活动有什么建议？', required: false },
    ],
  });
}

/** The activity page's answers in the survey's question order. */
export const feedbackAnswers = (input: { rating: number; liked?: string | null; suggestions?: string | null }) => (ids: number[]) => ({
  [ids[0]!]: input.rating,
  ...(input.liked ? { [ids[1]!]: input.liked } : {}),
  ...(input.suggestions ? { [ids[2]!]: input.suggestions } : {}),
});

export interface Feedback {
  rating: number;
  liked: string | null;
  suggestions: string | null;
  at: string;
  /** the registration it was given on (activity_feedback), else null */
  registrationId: number | null;
  unitId: number | null;
}

/** Every activity's feedback, from its survey's responses or (finished before 028) activity_feedback. */
export async function feedbackOf(db: Executor, activities: Array<{ id: number; feedback_survey_id: number | null }>): Promise<Map<number, Feedback[]>> {
  const out = new Map<number, Feedback[]>(activities.map((a) => [a.id, []]));
  if (!activities.length) return out;
  const old = await db.selectFrom('activity_feedback as f').innerJoin('activity_registrations as r', 'r.id', 'f.registration_id').select(['f.activity_id', 'f.rating', 'f.liked', 'f.suggestions', 'f.at', 'f.registration_id', 'r.unit_id']).where('f.activity_id', 'in', activities.map((a) => a.id)).orderBy('f.id').execute();
  for (const f of old) out.get(f.activity_id)!.push({ rating: f.rating, liked: f.liked, suggestions: f.suggestions, at: f.at, registrationId: f.registration_id, unitId: f.unit_id });
  const bySurvey = new Map(activities.filter((a) => a.feedback_survey_id != null).map((a) => [a.feedback_survey_id!, a.id]));
  if (!bySurvey.size) return out;
  const surveys = [...bySurvey.keys()];
  // Each survey's questions in order: rating, liked, suggestions (feedbackSurvey above).
  const order = new Map<number, string[]>();
  for (const q of await db.selectFrom('survey_questions').select(['id', 'survey_id']).where('survey_id', 'in', surveys).where('archived_at', 'is', null).orderBy('seq').execute()) {
    order.set(q.survey_id, [...(order.get(q.survey_id) ?? []), String(q.id)]);
  }
  const responses = await db
    .selectFrom('survey_responses as s')
    .innerJoin('survey_recipients as r', 'r.id', 's.recipient_id')
    .select(['s.survey_id', 's.answers', 's.submitted_at', 'r.unit_id'])
    .where('s.survey_id', 'in', surveys)
    .orderBy('s.id')
    .execute();
  for (const r of responses) {
    const [rating, liked, suggestions] = order.get(r.survey_id) ?? [];
    const answers = JSON.parse(r.answers) as Record<string, unknown>;
    if (typeof answers[rating!] !== 'number') continue;
    const text = (k: string | undefined) => (k && typeof answers[k] === 'string' ? (answers[k] as string) : null);
    out.get(bySurvey.get(r.survey_id)!)!.push({ rating: answers[rating!] as number, liked: text(liked), suggestions: text(suggestions), at: r.submitted_at, registrationId: null, unitId: r.unit_id });
  }
  return out;
}
