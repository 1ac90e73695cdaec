import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { ROLE_LABELS } from '../../../core/roles.ts';
import { api } from '../../api/client.ts';
import { useSession } from '../../app/session.tsx';
import { formatDateTime } from '../../components/format.ts';
import { useI18n } from '../../i18n/index.tsx';
import type { Appraisal } from '../management/PerformancePage.tsx';
import { BlankRows, FormShell, FormSheet, Signatures, V } from './kit/index.ts';

interface Plan {
  id: number;
  userId: number;
  name: string;
  appraisalId: number | null;
  weakness: string;
  action: string;
  dueOn: string;
  status: string;
  doneAt: string | null;
}
interface Training {
  id: number;
  course: string;
  heldOn: string;
  hours: number;
  trainer: string;
  attendees: number[];
  result: string | null;
}
interface Staff {
  id: number;
  name: string;
  role: string;
}

interface PlanData {
  staff: Staff | null;
  latest: Appraisal | null;
  plans: Plan[];
  trainings: Training[];
}

/**
 * 员工个人发展计划 (M 6.2 with the training of M 2.5): what the appraisals found weak, the measures
 * and their review dates (development_plans, made when a weak appraisal is confirmed), the training
 * attended, and empty rows for what the supervisor and the employee add by hand at the talk.
 */
function PlanSheet({ d, blank }: { d: PlanData | null; blank?: boolean }) {
  const { t, label } = useI18n();
  const { estate } = useSession();
  const s = d?.staff;
  const plans = d?.plans ?? [];
  const trainings = d?.trainings ?? [];
  return (
    <FormSheet
      form="devplan"
      estate={estate?.name}
      blank={blank}
      record={s ? { key: String(s.id), no: null } : null}
      meta={[
        <>{t('perf.staff')}{t('print.colon')}<V width="28mm">{s?.name}</V></>,
        <>{t('users.role')}{t('print.colon')}<V width="24mm">{s ? label(ROLE_LABELS, s.role) : ''}</V></>,
        <>{t('perf.print.lastGrade')}{t('print.colon')}<V width="24mm">{d?.latest ? `${d.latest.period} ${d.latest.grade ?? '—'}` : '—'}</V></>,
      ]}
    >
      <h3 className="wd-form-section">{t('perf.print.goals')}</h3>
      <table className="wd-print-table wd-print-grid">
        <colgroup>
          <col style={{ width: '6%' }} />
          <col style={{ width: '30%' }} />
          <col />
          <col style={{ width: '14%' }} />
          <col style={{ width: '14%' }} />
        </colgroup>
        <thead>
          <tr>
            <th>#</th>
            <th>{t('perf.print.goal')}</th>
            <th>{t('perf.print.measure')}</th>
            <th>{t('perf.print.reviewOn')}</th>
            <th>{t('perf.print.reviewResult')}</th>
          </tr>
        </thead>
        <tbody>
          {!blank &&
            plans.map((p, i) => (
              <tr key={p.id} data-testid="plan-row">
                <td>{i + 1}</td>
                <td>{p.weakness}</td>
                <td>{p.action}</td>
                <td>{p.dueOn}</td>
                <td>{p.status === 'done' ? `${t('perf.print.done')} ${p.doneAt ? formatDateTime(p.doneAt).slice(0, 10) : ''}` : ''}</td>
              </tr>
            ))}
          <BlankRows count={blank ? 5 : Math.max(2, 5 - plans.length)} columns={5} />
        </tbody>
      </table>
      <h3 className="wd-form-section">{t('perf.print.training')}</h3>
      <table className="wd-print-table wd-print-grid">
        <colgroup>
          <col style={{ width: '14%' }} />
          <col />
          <col style={{ width: '9%' }} />
          <col style={{ width: '16%' }} />
          <col style={{ width: '24%' }} />
        </colgroup>
        <thead>
          <tr>
            <th>{t('perf.heldOn')}</th>
            <th>{t('perf.course')}</th>
            <th>{t('perf.hours')}</th>
            <th>{t('perf.trainer')}</th>
            <th>{t('perf.result')}</th>
          </tr>
        </thead>
        <tbody>
          {!blank &&
            trainings.map((x) => (
              <tr key={x.id} data-testid="training-row">
                <td>{x.heldOn}</td>
                <td>{x.course}</td>
                <td>{x.hours}</td>
                <td>{x.trainer}</td>
                <td>{x.result ?? ''}</td>
              </tr>
            ))}
          <BlankRows count={blank ? 4 : Math.max(2, 4 - trainings.length)} columns={5} />
        </tbody>
      </table>
      <table className="wd-print-table wd-print-grid" style={{ marginTop: '3mm' }}>
        <tbody>
          <tr style={{ height: '18mm' }}>
            <th style={{ width: '16%' }}>{t('perf.print.staffView')}</th>
            <td />
          </tr>
          <tr style={{ height: '18mm' }}>
            <th>{t('perf.print.supervisorView')}</th>
            <td />
          </tr>
          <tr>
            <th>{t('perf.print.nextReview')}</th>
            <td />
          </tr>
        </tbody>
      </table>
      <Signatures roles={[{ role: t('perf.staff'), name: s?.name ?? null }, { role: t('perf.print.signAssistant'), name: null }, { role: t('perf.print.signDirector'), name: null }]} />
    </FormSheet>
  );
}

/** /print/development-plans/:userId — one employee's plan from the records. */
export default function DevelopmentPlanPrint() {
  const { userId } = useParams();
  const uid = Number(userId);
  const { estateId } = useSession();
  const q = useQuery({
    queryKey: ['devplan-print', estateId, uid],
    enabled: !!estateId && uid > 0,
    queryFn: async (): Promise<PlanData> => {
      const [staff, plans, trainings, appraisals] = await Promise.all([
        api<{ items: Staff[] }>('/api/v1/performance/staff', { query: { estateId } }),
        api<{ items: Plan[] }>('/api/v1/development-plans', { query: { estateId, userId: uid } }),
        api<{ items: Training[] }>('/api/v1/training-records', { query: { estateId } }),
        api<{ items: Appraisal[] }>('/api/v1/appraisals', { query: { estateId, userId: uid } }),
      ]);
      const person = staff.items.find((x) => x.id === uid) ?? null;
      return {
        staff: person,
        latest: appraisals.items.find((a) => a.kind === 'month' && a.grade) ?? null,
        plans: plans.items.filter((p) => p.userId === uid).reverse(),
        trainings: trainings.items.filter((x) => x.attendees.includes(uid)),
      };
    },
  });
  return (
    <FormShell loading={q.isPending} error={q.error} back="/management/performance?tab=plans" empty={!q.isPending && !q.data?.staff}>
      {q.data?.staff && <PlanSheet d={q.data} />}
    </FormShell>
  );
}

/** The blank paper plan, filled in at the development talk. */
export function DevelopmentPlanBlank() {
  return (
    <FormShell loading={false} error={null} back="/forms">
      <PlanSheet d={null} blank />
    </FormShell>
  );
}
