import type { Kysely } from 'kysely';
import { localDate } from '../../../core/clock.ts';
import type { Migration } from './helpers.ts';

/**
 * A portal user's unit is tied to the ownership or tenancy that gave it to him, so the portal
 * closes when that record ends (a sale, a terminated lease) instead of staying open for ever.
 * Existing links are tied to the unit's current ownership with the user's phone, else to one he
 * could have been given it for (acquired no later than the account was made), else to a current
 * lease with his phone; a link that fits none of them stays unlinked and shows nothing.
 */
export const deskFixes: Migration = {
  name: '008_desk_fixes',
  async up(db: Kysely<any>) {
    await db.schema.alterTable('owner_units').addColumn('ownership_id', 'integer', (c) => c.references('ownerships.id')).execute();
    await db.schema.alterTable('owner_units').addColumn('tenancy_id', 'integer', (c) => c.references('tenancies.id')).execute();
    const links = await db
      .selectFrom('owner_units as ou')
      .innerJoin('users as u', 'u.id', 'ou.user_id')
      .select(['ou.id', 'ou.unit_id', 'u.phone', 'u.created_at'])
      .execute();
    for (const l of links) {
      const owners = await db
        .selectFrom('ownerships')
        .select(['id', 'phone', 'acquired_on'])
        .where('unit_id', '=', l.unit_id)
        .where('ended_on', 'is', null)
        .orderBy('share_percent', 'desc')
        .orderBy('id')
        .execute();
      const madeOn = localDate(new Date(l.created_at));
      const owner = owners.find((o) => l.phone && o.phone === l.phone) ?? owners.find((o) => String(o.acquired_on) <= madeOn);
      if (owner) {
        await db.updateTable('owner_units').set({ ownership_id: owner.id }).where('id', '=', l.id).execute();
        continue;
      }
      if (!l.phone) continue;
      const lease = await db
        .selectFrom('tenancies')
        .select('id')
        .where('unit_id', '=', l.unit_id)
        .where('terminated_on', 'is', null)
        .where('phone', '=', l.phone)
        .orderBy('id', 'desc')
        .executeTakeFirst();
      if (lease) await db.updateTable('owner_units').set({ tenancy_id: lease.id }).where('id', '=', l.id).execute();
    }
  },
};
