/**
 * A returned (退回) application edited and submitted again (design A.3.1): by its applicant in the
 * portal or by the desk on his behalf. The version as it was is kept in renovation_versions with
 * the reason it was returned; replaced workers are marked removed, never deleted.
 */
import type { z } from 'zod';
import { type Clock, localDate } from '../../../../core/clock.ts';
import { datesProblem, isEditable, type RenoStatus } from '../../../../core/renovation.ts';
import { unitLabel } from '../../../../core/units.ts';
import { splitList, toBool } from '../../../db/codec.ts';
import type { Db } from '../../../db/database.ts';
import { conflict, invalid } from '../../../http/errors.ts';
import type { Actor } from '../../audit/audit.service.ts';
import type { AuthContext } from '../../auth/auth.service.ts';
import type { renoRevise } from './renovation.schemas.ts';
import { applicationColumns, forbiddenBecause, type RenovationService } from './renovation.service.ts';

type Revision = Omit<z.infer<typeof renoRevise>, 'depositAmount' | 'ownerConsentMethod'> & { depositAmount?: number; ownerConsentMethod?: 'paper' | 'portal' | null };

export class ReviseService {
  constructor(
    private db: Db,
    private clock: Clock,
    private renovations: RenovationService,
  ) {}

  async revise(actor: Actor, auth: AuthContext, id: number, input: Revision, portal = false) {
    const now = this.clock.now();
    const nowIso = now.toISOString();
    const today = localDate(now);
    await this.db.transaction().execute(async (trx) => {
      const r = await this.renovations.require(trx, auth, id);
      if (portal && r.applicant_user_id !== actor.id) throw forbiddenBecause('error.renoNotApplicant');
      if (!isEditable(r.status as RenoStatus)) throw conflict('conflict.renoStep', { from: `status.reno.${r.status}`, action: 'action.reno.revise' });
      if (input.applicantKind === 'tenant' && !input.ownerConsentBy) throw invalid('ownerConsentBy', 'field.renoConsent');
      const dates = datesProblem(input.plannedStart, input.plannedEnd, today);
      if (dates === 'startPast') throw invalid('plannedStart', 'field.renoStartPast');
      if (dates === 'endBeforeStart') throw invalid('plannedEnd', 'field.renoEndBeforeStart');
      if (dates === 'tooLong') throw invalid('plannedEnd', 'field.renoTooLong');
      if (input.touchesStructure && !input.designDoc) throw invalid('designDoc', 'field.renoDesignDoc');
      if (input.workers.filter((w) => w.role === 'lead').length > 1) throw invalid('workers', 'field.renoOneLead');
      if (input.submit) await this.renovations.assertNoLive(trx, r.estate_id, r.unit_id, r.id);

      // The version being replaced, as it stood (with its workers and why it came back).
      const workers = await trx.selectFrom('renovation_workers').selectAll().where('renovation_id', '=', r.id).where('removed_at', 'is', null).orderBy('id').execute();
      const data = {
        kind: r.kind, applicantKind: r.applicant_kind, applicantName: r.applicant_name, applicantPhone: r.applicant_phone, ownerConsentBy: r.owner_consent_by,
        contractor: r.contractor, licenceNo: r.licence_no, leadName: r.lead_name, leadPhone: r.lead_phone, fireName: r.fire_name, firePhone: r.fire_phone,
        scope: splitList(r.scope), description: r.description, touchesStructure: toBool(r.touches_structure), designDoc: r.design_doc,
        plannedStart: r.planned_start, plannedEnd: r.planned_end, depositAmount: r.deposit_amount,
        workers: workers.map((w) => ({ name: w.name, role: w.role, idNumber: w.id_number, phone: w.phone, passNo: w.pass_no })),
      };
      await trx.insertInto('renovation_versions').values({ estate_id: r.estate_id, renovation_id: r.id, version: r.version, data: JSON.stringify(data), returned_note: r.decision_note, saved_by: actor.id, saved_at: nowIso }).execute();
      await trx.updateTable('renovation_workers').set({ removed_at: nowIso }).where('renovation_id', '=', r.id).where('removed_at', 'is', null).execute();
      for (const w of input.workers) {
        await trx.insertInto('renovation_workers').values({ estate_id: r.estate_id, renovation_id: r.id, name: w.name, role: w.role, id_number: w.idNumber, phone: w.phone, pass_no: w.passNo, issued_at: w.passNo ? nowIso : null, returned_at: null, created_at: nowIso }).execute();
      }
      const to: RenoStatus = input.submit ? 'submitted' : 'draft';
      const tenant = input.applicantKind === 'tenant';
      const res = await trx
        .updateTable('renovations')
        .set({
          ...applicationColumns(input),
          owner_consent_by: tenant ? input.ownerConsentBy : null,
          owner_consent_at: tenant ? (r.owner_consent_at ?? nowIso) : null,
          owner_consent_method: tenant ? (input.ownerConsentMethod ?? r.owner_consent_method ?? 'paper') : null,
          ...(input.depositAmount !== undefined ? { deposit_amount: input.depositAmount } : {}),
          status: to,
          version: r.version + 1,
          updated_at: nowIso,
        })
        .where('id', '=', r.id)
        .where('status', '=', r.status)
        .where('version', '=', r.version)
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) throw conflict('conflict.renoBusy');
      await this.renovations.record(trx, actor, r, 'revise', r.status, r.status, null, { version: r.version + 1, portal });
      if (input.submit) {
        await this.renovations.record(trx, actor, r, 'submit', r.status, to, null);
        await this.renovations.notifyApprovers(trx, r.estate_id, r.id, r.number, unitLabel(r.building_code, r.unit_entrance, r.unit_number), `:v${r.version + 1}`);
      }
    });
    return this.renovations.get(auth, id);
  }
}
