/**
 * The signed 装修审批及竣工验收表 (5.7) as a form of the forms kit's scan archive: its scans are
 * form_scans rows (code reno_acceptance, record key the renovation's id), uploaded through
 * POST /renovations/:id/acceptance-scans or the kit, and one of them stands in for the four
 * printed names at the acceptance.
 */
import type { Services } from '../../../app.ts';
import type { Db } from '../../../db/database.ts';
import { RENO_ACCEPTANCE_FORM } from './renovation.service.ts';

export function plugRenovationForms(services: Services, db: Db) {
  const { renovation } = services;
  services.management.formScans.registry.register({
    code: RENO_ACCEPTANCE_FORM,
    number: '5.7',
    title: 'audit.form.renoAcceptance',
    keyPattern: /^[1-9]\d{0,9}$/,
    locate: async (auth, key) => {
      const r = await renovation.renovations.require(db, auth, Number(key));
      return { estateId: r.estate_id, ref: r.number };
    },
  });
}
