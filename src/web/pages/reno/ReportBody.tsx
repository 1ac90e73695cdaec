import { VIOLATION_CATEGORY_LABELS, VIOLATION_STATUS_LABELS } from '../../../core/renovation-labels.ts';
import type { RenoWeekReport } from '../../api/reno-types.ts';
import { formatFen } from '../../components/format.ts';
import { useI18n } from '../../i18n/index.tsx';

/** The Saturday report's five sections as tables (page and A4 print), formulas under them. */
export function ReportBody({ r }: { r: RenoWeekReport }) {
  const { t, label } = useI18n();
  const a = r.applications;
  const i = r.inspections;
  const v = r.violations;
  const rows = (list: Array<[string, string | number]>) => (
    <table className="wd-print-table wd-print-grid" style={{ marginBottom: 12 }}>
      <tbody>{list.map(([k, x]) => <tr key={k}><th style={{ width: '40%' }}>{k}</th><td>{x}</td></tr>)}</tbody>
    </table>
  );
  return (
    <div className="wd-reno-report">
      <h3>{t('reno.r.applications')}</h3>
      {rows([
        [t('reno.r.received'), a.received], [t('reno.r.approved'), a.approved], [t('reno.r.rejected'), a.rejected], [t('reno.r.returned'), a.returned],
        [t('reno.r.permits'), a.permits], [t('reno.r.starts'), a.starts], [t('reno.r.activeAtEnd'), `${a.activeAtEnd}（${Object.entries(a.activeByBuilding).map(([b, n]) => `${b}: ${n}`).join('，') || '—'}）`],
        [t('reno.r.overdue'), a.overdue.map((o) => `${o.number} ${o.unit} ${o.plannedEnd}`).join('；') || '0'],
      ])}
      <h3>{t('reno.r.inspections')}</h3>
      {rows([
        [t('reno.r.required'), i.required], [t('reno.r.done'), i.done ?? t('reno.r.notMeasured')], [t('reno.r.missed'), i.missed ?? '—'],
        [t('reno.r.rate'), i.rate == null ? '—' : `${(i.rate * 100).toFixed(1)}%`], [t('reno.r.manual'), i.manual ?? '—'],
        [t('reno.r.perInspector'), Object.entries(i.perInspector).map(([k, n]) => `${k} ${n}`).join('，') || '—'],
      ])}
      <h3>{t('reno.r.violations')}</h3>
      {rows([
        [t('reno.r.minor'), `${v.minor}（${t('reno.r.onSite')} ${v.minorRectifiedOnSite}）`], [t('reno.r.major'), v.major],
        [t('reno.r.byCategory'), Object.entries(v.majorByCategory).map(([c, n]) => `${label(VIOLATION_CATEGORY_LABELS, c)} ${n}`).join('，') || '—'],
        [t('reno.r.notices'), v.notices], [t('reno.r.rectified'), v.rectified], [t('reno.r.overdueV'), v.overdue], [t('reno.r.escalated'), v.escalated],
        [t('reno.r.openMajors'), v.openMajors.map((o) => `${o.number} ${label(VIOLATION_CATEGORY_LABELS, o.category)}（${label(VIOLATION_STATUS_LABELS, o.status)}，${t('reno.r.daysOpen', { n: o.daysOpen })}）`).join('；') || '0'],
      ])}
      <h3>{t('reno.r.acceptances')}</h3>
      {rows([[t('reno.r.requested'), r.acceptances.requested], [t('reno.r.passed'), r.acceptances.passed], [t('reno.r.failed'), `${r.acceptances.failed} ${r.acceptances.failReasons.join('；')}`]])}
      <h3>{t('reno.r.deposits')}</h3>
      {rows([
        [t('reno.r.depReceived'), formatFen(r.deposits.received)], [t('reno.r.depRefunded'), formatFen(r.deposits.refunded)],
        [t('reno.r.depDeducted'), `${formatFen(r.deposits.deducted)} ${r.deposits.deductions.map((d) => `${d.reason ?? ''} ${formatFen(d.amount)}`).join('；')}`],
        [t('reno.r.depHeld'), formatFen(r.deposits.heldAtEnd)],
      ])}
      <p className="wd-muted">{t('reno.r.formula')}</p>
    </div>
  );
}
