import type { Kysely } from 'kysely';
import type { Migration } from './helpers.ts';

/**
 * An activity's feedback (manual 4.10.5) is a survey to the units that attended, made when the
 * activity finishes: its ratings count in the surveys' satisfaction (dimension 社区文化) like any
 * other. Activities finished before keep their ratings in activity_feedback.
 */
export const activityFeedbackSurvey: Migration = {
  name: '028_activity_feedback_survey',
  async up(db: Kysely<any>) {
    await db.schema.alterTable('activities').addColumn('feedback_survey_id', 'integer', (c) => c.references('surveys.id')).execute();
  },
};
