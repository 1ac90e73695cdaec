import { type Clock, localDate } from '../../../../core/clock.ts';
import { seesArea, seesEstate } from '../../../../core/scope.ts';
import type { Db } from '../../../db/database.ts';
import { notFound } from '../../../http/errors.ts';
import type { AuthContext } from '../../auth/auth.service.ts';
import type { FormRegistry } from './forms.registry.ts';

const ID = /^[1-9]\d{0,9}$/;
const ESTATE_DAY = /^[1-9]\d{0,9}@\d{4}-\d{2}-\d{2}$/;

type Located = { estateId: number; ref: string };

/**
 * The renovation, vacant-unit, sign, mail, visit (5.2) and activity sign-in forms printed on the kit, registered here so their
 * signed scans can be filed (the forms live with the management kit; the records in field/ and
 * relations/). A record is seen by whoever sees its area (its estate when it has none).
 */
export function registerFieldRelationsForms(registry: FormRegistry, db: Db, clock: Clock) {
  const check = <R extends { estate_id: number; area_id: number | null }>(auth: AuthContext, r: R | undefined, entity: string): R => {
    if (!r || !(r.area_id == null ? seesEstate(auth.scope, r.estate_id) : seesArea(auth.scope, r.estate_id, r.area_id))) throw notFound(entity);
    return r;
  };
  const estateOnly = (auth: AuthContext, key: string): Located => {
    const [estate, ...rest] = key.split('@');
    if (!seesEstate(auth.scope, Number(estate))) throw notFound('entity.estate');
    return { estateId: Number(estate), ref: rest.join(' ') };
  };
  const reno = async (auth: AuthContext, key: string): Promise<Located> => {
    const r = check(auth, await db.selectFrom('renovations').select(['estate_id', 'area_id', 'number']).where('id', '=', Number(key)).executeTakeFirst(), 'entity.renovation');
    return { estateId: r.estate_id, ref: r.number };
  };
  const latest = (table: 'renovations' | 'renovation_violations' | 'renovation_reports' | 'vacant_registrations') => async (_auth: AuthContext, estateId: number) => {
    const r = await db.selectFrom(table).select('id').where('estate_id', '=', estateId).orderBy('id', 'desc').limit(1).executeTakeFirst();
    return r ? String(r.id) : null;
  };
  const vacant = async (auth: AuthContext, key: string): Promise<Located> => {
    const [id, ...rest] = key.split('@');
    const r = check(auth, await db.selectFrom('vacant_registrations').select(['estate_id', 'area_id', 'unit_id']).where('id', '=', Number(id)).executeTakeFirst(), 'entity.unit');
    return { estateId: r.estate_id, ref: [`#${id}`, ...rest].join(' ') };
  };
  const today = () => localDate(clock.now());

  registry.register({ code: 'reno-permit', number: null, title: 'audit.form.renoPermit', keyPattern: ID, locate: reno, sample: latest('renovations') });
  registry.register({ code: 'reno-approval', number: '5.7', title: 'audit.form.renoApproval', keyPattern: ID, locate: reno, sample: latest('renovations') });
  registry.register({
    code: 'reno-notice',
    number: '5.6',
    title: 'audit.form.renoNotice',
    keyPattern: ID,
    locate: async (auth, key) => {
      const v = check(auth, await db.selectFrom('renovation_violations').select(['estate_id', 'area_id', 'notice_no']).where('id', '=', Number(key)).executeTakeFirst(), 'entity.renovation');
      return { estateId: v.estate_id, ref: v.notice_no ?? `#${key}` };
    },
    sample: latest('renovation_violations'),
  });
  registry.register({ code: 'reno-sheet', number: '5.5', title: 'audit.form.renoSheet', keyPattern: ESTATE_DAY, locate: async (auth, key) => estateOnly(auth, key), sample: async (_a, estateId) => `${estateId}@${today()}` });
  registry.register({
    code: 'reno-report',
    number: null,
    title: 'audit.form.renoReport',
    keyPattern: ID,
    locate: async (auth, key) => {
      const r = await db.selectFrom('renovation_reports').select(['estate_id', 'week_from', 'week_to']).where('id', '=', Number(key)).executeTakeFirst();
      if (!r || !seesEstate(auth.scope, r.estate_id)) throw notFound('entity.renovation');
      return { estateId: r.estate_id, ref: `${r.week_from}~${r.week_to}` };
    },
    sample: latest('renovation_reports'),
  });
  registry.register({ code: 'vacant-register', number: '5.9', title: 'audit.form.vacantRegister', keyPattern: ESTATE_DAY, locate: async (auth, key) => estateOnly(auth, key), sample: async (_a, estateId) => `${estateId}@${today()}` });
  registry.register({ code: 'vacant-signin', number: '5.10', title: 'audit.form.vacantSignin', keyPattern: /^[1-9]\d{0,9}@\d{4}-\d{2}$/, locate: vacant, sample: async (a, e) => ((await latest('vacant_registrations')(a, e)) ? `${await latest('vacant_registrations')(a, e)}@${today().slice(0, 7)}` : null) });
  registry.register({ code: 'vacant-record', number: '5.11', title: 'audit.form.vacantRecord', keyPattern: /^[1-9]\d{0,9}@[1-9]\d{0,9}$/, locate: vacant, sample: async (_a, estateId) => {
    const c = await db.selectFrom('vacant_checks').select(['id', 'registration_id']).where('estate_id', '=', estateId).orderBy('id', 'desc').limit(1).executeTakeFirst();
    return c ? `${c.registration_id}@${c.id}` : null;
  } });
  registry.register({ code: 'sign-labels', number: null, title: 'audit.form.signLabels', keyPattern: /^[1-9]\d{0,9}(@[1-9]\d{0,9})?$/, locate: async (auth, key) => estateOnly(auth, key), sample: async (_a, estateId) => String(estateId) });
  registry.register({ code: 'mail-delivery', number: null, title: 'audit.form.mailDelivery', keyPattern: ESTATE_DAY, locate: async (auth, key) => estateOnly(auth, key), sample: async (_a, estateId) => `${estateId}@${today()}` });
  registry.register({ code: 'mail-pickup', number: null, title: 'audit.form.mailPickup', keyPattern: ESTATE_DAY, locate: async (auth, key) => estateOnly(auth, key), sample: async (_a, estateId) => `${estateId}@${today()}` });
  registry.register({
    code: 'visit',
    number: '5.2',
    title: 'audit.form.visit',
    keyPattern: ID,
    locate: async (auth, key) => {
      const v = check(auth, await db.selectFrom('home_visits').select(['estate_id', 'area_id']).where('id', '=', Number(key)).executeTakeFirst(), 'entity.homeVisit');
      return { estateId: v.estate_id, ref: `HV-${key}` };
    },
    sample: async (auth, estateId) => {
      const rows = await db.selectFrom('home_visits').select(['id', 'estate_id', 'area_id']).where('estate_id', '=', estateId).orderBy('id', 'desc').limit(20).execute();
      const seen = rows.find((r) => (r.area_id == null ? seesEstate(auth.scope, r.estate_id) : seesArea(auth.scope, r.estate_id, r.area_id)));
      return seen ? String(seen.id) : null;
    },
  });
  registry.register({
    code: 'activity-signin',
    number: null,
    title: 'audit.form.activitySignin',
    keyPattern: ID,
    locate: async (auth, key) => {
      const a = await db.selectFrom('activities').select(['estate_id', 'number']).where('id', '=', Number(key)).executeTakeFirst();
      if (!a || !seesEstate(auth.scope, a.estate_id)) throw notFound('entity.activity');
      return { estateId: a.estate_id, ref: a.number };
    },
    sample: async (_auth, estateId) => {
      const a = await db.selectFrom('activities').select('id').where('estate_id', '=', estateId).orderBy('id', 'desc').limit(1).executeTakeFirst();
      return a ? String(a.id) : null;
    },
  });
}
