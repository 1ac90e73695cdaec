import { type Kysely, type Migration as KyselyMigration, Migrator } from 'kysely';
import type { Database } from './database.ts';
import { foundation } from './migrations/001_foundation.ts';
import { desk } from './migrations/002_desk.ts';
import { fees } from './migrations/003_fees.ts';
import { feesIndexes } from './migrations/004_fees_indexes.ts';
import { authHardening } from './migrations/005_auth_hardening.ts';
import { moneyRunLease } from './migrations/006_money_64bit_run_lease.ts';
import { importsFiles } from './migrations/007_imports_files.ts';
import { deskFixes } from './migrations/008_desk_fixes.ts';
import { auditI18n } from './migrations/009_audit_i18n.ts';
import { phoneSearch } from './migrations/010_phone_search.ts';
import { collectionSummary } from './migrations/012_collection_summary.ts';
import { rounds } from './migrations/013_rounds.ts';
import { signsVacant } from './migrations/014_signs_vacant.ts';
import { visitsSurveys } from './migrations/017_visits_surveys.ts';
import { noticesActivities } from './migrations/018_notices_activities.ts';
import { mail } from './migrations/019_mail.ts';
import { management } from './migrations/020_management.ts';
import { packIndexes } from './migrations/021_pack_indexes.ts';
import { fieldDiscards } from './migrations/023_field_discards.ts';
import { relationsMore } from './migrations/025_relations_more.ts';
import { ownerUnitsByUnit } from './migrations/026_owner_units_unit.ts';
import { ticketCounts } from './migrations/027_ticket_counts.ts';
import { activityFeedbackSurvey } from './migrations/028_activity_feedback_survey.ts';
import { ticketPartialIndexes } from './migrations/029_ticket_partial_indexes.ts';
import type { Migration } from './migrations/helpers.ts';
import { renovation } from './migrations/015_renovation.ts';
import { renovationMore } from './migrations/022_renovation_more.ts';

/** Ordered list: append, never edit a migration that has shipped. */
const MIGRATIONS: Migration[] = [foundation, desk, fees, feesIndexes, authHardening, moneyRunLease, importsFiles, deskFixes, auditI18n, phoneSearch, collectionSummary, rounds, signsVacant, renovation, visitsSurveys, noticesActivities, mail, management, packIndexes, renovationMore, fieldDiscards, relationsMore, ownerUnitsByUnit, ticketCounts, activityFeedbackSurvey, ticketPartialIndexes];

export async function migrate(database: Database): Promise<string[]> {
  const { db, dialect } = database;
  const migrations: Record<string, KyselyMigration> = {};
  for (const m of MIGRATIONS) migrations[m.name] = { up: (k: Kysely<any>) => m.up(k, dialect) };
  // The migration tables live in the same schema as the data (tests run one schema per file).
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations }, ...(database.schema ? { migrationTableSchema: database.schema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
