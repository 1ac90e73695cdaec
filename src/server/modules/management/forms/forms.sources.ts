import { seesArea, seesEstate, seesWholeEstate } from '../../../../core/scope.ts';
import { unitLabel } from '../../../../core/units.ts';
import type { Db } from '../../../db/database.ts';
import { notFound } from '../../../http/errors.ts';
import type { AuthContext } from '../../auth/auth.service.ts';
import type { TicketService } from '../../desk/tickets.service.ts';
import type { FormRegistry } from './forms.registry.ts';

const ID = /^[1-9]\d{0,9}$/;

/**
 * The forms the app printed before the kit: complaint record 5.8 and incident report (tickets),
 * payment notice 5.3 and reminder 5.4 (units), receipt (payments), daily close and statistics
 * (estate-wide). Other modules register theirs in the same way next to their own code.
 */
export function registerBuiltInForms(registry: FormRegistry, db: Db, tickets: TicketService) {
  const ticket = async (auth: AuthContext, key: string) => {
    const { id, estateId } = await tickets.visibleTicket(auth, Number(key));
    const t = await db.selectFrom('tickets').select('number').where('id', '=', id).executeTakeFirstOrThrow();
    return { estateId, ref: t.number };
  };
  const latestTicket = (incident: boolean) => async (auth: AuthContext, estateId: number) => {
    const rows = await db
      .selectFrom('tickets')
      .select('id')
      .where('estate_id', '=', estateId)
      .where('incident_type', incident ? 'is not' : 'is', null)
      .orderBy('id', 'desc')
      .limit(20)
      .execute();
    for (const r of rows) if (await tickets.visibleTicket(auth, r.id).then(() => true, () => false)) return String(r.id);
    return null;
  };
  const unit = async (auth: AuthContext, unitId: number) => {
    const u = await db
      .selectFrom('units as u')
      .innerJoin('buildings as b', 'b.id', 'u.building_id')
      .select(['u.id', 'u.estate_id', 'b.area_id', 'b.code', 'u.entrance', 'u.number'])
      .where('u.id', '=', unitId)
      .executeTakeFirst();
    if (!u || !(auth.scope.units.includes(u.id) || seesArea(auth.scope, u.estate_id, u.area_id))) throw notFound('entity.unit');
    return { estateId: u.estate_id, label: unitLabel(u.code, u.entrance, u.number) };
  };
  const latestLine = async (auth: AuthContext, estateId: number) => {
    const l = await db.selectFrom('bill_lines').select(['unit_id', 'period']).where('estate_id', '=', estateId).orderBy('id', 'desc').limit(1).executeTakeFirst();
    if (!l) return null;
    await unit(auth, l.unit_id);
    return `${l.unit_id}@${l.period}`;
  };

  registry.register({ code: 'complaint', number: '5.8', title: 'audit.form.complaint', keyPattern: ID, locate: ticket, sample: latestTicket(false) });
  registry.register({ code: 'incident', number: null, title: 'audit.form.incident', keyPattern: ID, locate: ticket, sample: latestTicket(true) });
  registry.register({
    code: 'notice',
    number: '5.3',
    title: 'audit.form.notice',
    keyPattern: /^[1-9]\d{0,9}@\d{4}-\d{2}$/,
    locate: async (auth, key) => {
      const [u, period] = key.split('@');
      const x = await unit(auth, Number(u));
      return { estateId: x.estateId, ref: `${x.label} ${period}` };
    },
    sample: latestLine,
  });
  registry.register({
    code: 'reminder',
    number: '5.4',
    title: 'audit.form.reminder',
    keyPattern: ID,
    locate: async (auth, key) => {
      const x = await unit(auth, Number(key));
      return { estateId: x.estateId, ref: x.label };
    },
    sample: async (auth, estateId) => (await latestLine(auth, estateId))?.split('@')[0] ?? null,
  });
  registry.register({
    code: 'receipt',
    number: null,
    title: 'audit.form.receipt',
    keyPattern: ID,
    locate: async (auth, key) => {
      const p = await db
        .selectFrom('payments as p')
        .innerJoin('units as u', 'u.id', 'p.unit_id')
        .innerJoin('buildings as b', 'b.id', 'u.building_id')
        .select(['p.estate_id', 'p.unit_id', 'p.receipt_no', 'b.area_id'])
        .where('p.id', '=', Number(key))
        .executeTakeFirst();
      if (!p || !(auth.scope.units.includes(p.unit_id) || seesArea(auth.scope, p.estate_id, p.area_id))) throw notFound('entity.payment');
      return { estateId: p.estate_id, ref: p.receipt_no };
    },
    sample: async (_auth, estateId) => {
      const p = await db.selectFrom('payments').select('id').where('estate_id', '=', estateId).orderBy('id', 'desc').limit(1).executeTakeFirst();
      return p ? String(p.id) : null;
    },
  });
  // The day close and statistics are estate-wide sheets: the key names the estate itself.
  const estateKey = (whole: boolean) => async (auth: AuthContext, key: string) => {
    const estateId = Number(key.split('@')[0]);
    if (!(whole ? seesWholeEstate(auth.scope, estateId) : seesEstate(auth.scope, estateId))) throw notFound('entity.estate');
    return { estateId, ref: key.split('@').slice(1).join(' ') };
  };
  registry.register({
    code: 'close',
    number: null,
    title: 'audit.form.close',
    keyPattern: /^[1-9]\d{0,9}@\d{4}-\d{2}-\d{2}(@[1-9]\d{0,9})?$/,
    locate: estateKey(true),
  });
  registry.register({
    code: 'stats',
    number: null,
    title: 'audit.form.stats',
    keyPattern: /^[1-9]\d{0,9}@\d{4}(-\d{2})?$/,
    locate: estateKey(false),
  });
}
