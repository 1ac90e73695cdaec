import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { VISIT_METHOD_LABELS, VISIT_OUTCOME_LABELS, VISIT_PURPOSE_LABELS } from '../../../core/relations-labels.ts';
import { api } from '../../api/client.ts';
import type { HomeVisit } from '../../api/relations-types.ts';
import { useSession } from '../../app/session.tsx';
import { formatDateTime } from '../../components/format.ts';
import { ErrorResult, PageLoading } from '../../components/Results.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { Field, FormGrid, Signatures } from './PrintSheet.tsx';
import { RelationsPrintShell } from './RelationsPrintShell.tsx';

/**
 * 表 5.2 巡访、回访记录表 on A4: filled from one visit (/print/relations/visits/:id), or blank for
 * paper use (/print/relations/visit-form). Care notes never print: they stay behind the audited reveal.
 */
export default function VisitFormPrint() {
  const { id } = useParams();
  const { t, label } = useI18n();
  const { estate, estateName } = useSession();
  const v = useQuery({ queryKey: ['home-visit', id], queryFn: () => api<HomeVisit>(`/api/v1/home-visits/${id}`), enabled: !!id });
  if (id && v.isPending) return <PageLoading />;
  if (v.error) return <ErrorResult error={v.error} />;
  const x = v.data;
  const box = (labels: Record<string, { zh: string; en: string }>, chosen: string | undefined) =>
    Object.keys(labels).map((k) => `${chosen === k ? '☑' : '☐'} ${label(labels, k)}`).join('　');
  return (
    <RelationsPrintShell back="/relations/visits">
      <article className="wd-a4" data-testid="print-sheet">
        <header className="wd-print-head">
          <div className="wd-print-estate">{x ? estateName(x.estateId) : estate?.name}</div>
          <h1>{t('rel.visit.formTitle')}</h1>
          <div className="wd-print-meta">
            <span>{t('rel.visit.formNo')}{t('print.colon')}<b className="wd-mono">{x ? `HV-${x.id}` : '　　　　　　'}</b></span>
          </div>
        </header>
        <FormGrid>
          <tr>
            <Field label={t('rel.visit.unit')}>{x?.unitLabel ?? ''}</Field>
            <Field label={t('rel.visit.household')}>{x?.householdName ?? ''}</Field>
          </tr>
          <tr>
            <Field label={t('rel.visit.visitedAt')}>{x ? formatDateTime(x.visitedAt).slice(0, 16) : ''}</Field>
            <Field label={t('rel.visit.minutes')}>{x?.minutes ?? ''}</Field>
          </tr>
          <tr>
            <Field label={t('rel.visit.visitor')}>{x ? [x.visitorName, x.companions].filter(Boolean).join('、') : ''}</Field>
            <Field label={t('rel.visit.membersMet')}>{x?.membersMet ?? ''}</Field>
          </tr>
          <tr>
            <Field label={t('rel.visit.purpose')} span={2}>{box(VISIT_PURPOSE_LABELS, x?.purpose)}</Field>
          </tr>
          <tr>
            <Field label={t('rel.visit.method')}>{box(VISIT_METHOD_LABELS, x?.method)}</Field>
            <Field label={t('rel.visit.outcome')}>{box(VISIT_OUTCOME_LABELS, x?.outcome)}</Field>
          </tr>
          <tr className="wd-print-tall">
            <Field label={t('rel.visit.opinions')} span={2}>
              <div className="wd-pre">{x?.opinions ?? ''}</div>
              {!!x?.tags.length && <div>{t('rel.visit.tags')}{t('print.colon')}{x.tags.join('、')}</div>}
            </Field>
          </tr>
          <tr className="wd-print-tall">
            <Field label={t('rel.visit.needs')} span={2}>
              <div className="wd-pre">{x?.needs ?? ''}</div>
              {x?.ticketId && <div>{t('rel.visit.ticketMade')} #{x.ticketId}</div>}
            </Field>
          </tr>
          <tr>
            <Field label={t('rel.visit.satisfaction')}>{x ? (x.satisfaction ? '★'.repeat(x.satisfaction) + '☆'.repeat(5 - x.satisfaction) : '—') : '☆☆☆☆☆'}</Field>
            <Field label={t('rel.visit.followUpOn')}>{x?.followUpOn ?? ''}</Field>
          </tr>
        </FormGrid>
        <Signatures roles={[t('rel.visit.signVisitor'), t('rel.visit.signResident'), t('rel.visit.signReviewer')]} />
      </article>
    </RelationsPrintShell>
  );
}
