import type { Kysely } from 'kysely';
import type { Migration } from './helpers.ts';

/**
 * Audit summaries as a message key with parameters, rendered in the reader's language, and the
 * record's business number (receipt number, close date, ticket number, unit label) to show in
 * place of table#id. Older rows keep their stored Chinese text and have neither.
 */
export const auditI18n: Migration = {
  name: '009_audit_i18n',
  async up(db: Kysely<any>) {
    await db.schema.alterTable('audit_log').addColumn('message', 'text').execute();
    await db.schema.alterTable('audit_log').addColumn('entity_ref', 'text').execute();
  },
};
