import { seesWholeEstate } from '../../../../core/scope.ts';
import type { Db } from '../../../db/database.ts';
import { notFound } from '../../../http/errors.ts';
import type { AuthContext } from '../../auth/auth.service.ts';
import type { PerformanceService } from '../performance/performance.service.ts';
import type { FormRegistry } from './forms.registry.ts';

const ID = /^[1-9]\d{0,9}$/;

/**
 * Management's printed forms: the monthly appraisal sheet (月度考核表, one appraisal), the employee's
 * development plan (员工个人发展计划, keyed by the employee) and the director's pack (estate@month).
 * Each is seen by whoever may see the record in the performance pages or the pack.
 */
export function registerManagementForms(registry: FormRegistry, db: Db, performance: PerformanceService) {
  registry.register({
    code: 'appraisal',
    number: null,
    title: 'audit.form.appraisal',
    keyPattern: ID,
    locate: async (auth, key) => {
      const a = await performance.get(auth, Number(key));
      return { estateId: a.estateId, ref: `${a.name} ${a.period}` };
    },
    sample: async (auth, estateId) => {
      const { items } = await performance.list(auth, { estateId });
      return items.find((a) => a.kind === 'month')?.id.toString() ?? null;
    },
  });
  const employee = async (auth: AuthContext, userId: number) => {
    const scopes = await db.selectFrom('user_scopes').select('estate_id').distinct().where('user_id', '=', userId).execute();
    for (const s of scopes) {
      const st = (await performance.staffList(auth, s.estate_id)).find((u) => u.id === userId);
      if (st) return { estateId: s.estate_id, name: st.name };
    }
    throw notFound('entity.user');
  };
  registry.register({
    code: 'devplan',
    number: null,
    title: 'audit.form.devplan',
    keyPattern: ID,
    locate: async (auth, key) => {
      const e = await employee(auth, Number(key));
      return { estateId: e.estateId, ref: e.name };
    },
    sample: async (auth, estateId) => {
      const visible = await performance.staffList(auth, estateId);
      const planned = await db.selectFrom('development_plans').select('user_id').distinct().where('estate_id', '=', estateId).execute();
      const withPlan = visible.find((u) => planned.some((p) => p.user_id === u.id));
      return (withPlan ?? visible[0])?.id.toString() ?? null;
    },
  });
  registry.register({
    code: 'pack',
    number: null,
    title: 'audit.form.pack',
    keyPattern: /^[1-9]\d{0,9}@\d{4}-\d{2}$/,
    locate: async (auth, key) => {
      const [estate, month] = key.split('@');
      if (!seesWholeEstate(auth.scope, Number(estate))) throw notFound('entity.estate');
      return { estateId: Number(estate), ref: month! };
    },
    sample: async (auth, estateId) => {
      if (!seesWholeEstate(auth.scope, estateId)) return null;
      const r = await db.selectFrom('monthly_reports').select('month').where('estate_id', '=', estateId).where('kind', '=', 'pack').orderBy('month', 'desc').limit(1).executeTakeFirst();
      return r ? `${estateId}@${r.month}` : null;
    },
  });
}
