import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { VISIT_METHOD_LABELS, VISIT_OUTCOME_LABELS, VISIT_PURPOSE_LABELS } from '../../../core/relations-labels.ts';
import { api } from '../../api/client.ts';
import type { HomeVisit } from '../../api/relations-types.ts';
import { useSession } from '../../app/session.tsx';
import { formatDateTime } from '../../components/format.ts';
import { useI18n } from '../../i18n/index.tsx';
import { Field, FormGrid } from './PrintSheet.tsx';
import { FormShell, FormSheet, Signatures } from './kit/index.ts';

/**
 * 表 5.2 巡访、回访记录表 on A4: filled from one visit (/print/relations/visits/:id), or blank for
 * paper use (/print/relations/visit-form, /print/blank/visit). Care notes never print: they stay
 * behind the audited reveal.
 */
export default function VisitFormPrint() {
  const { id } = useParams();
  return id ? <VisitForm id={id} /> : <VisitForm />;
}

/** The gallery's blank 5.2. */
export function VisitFormBlank() {
  return <VisitForm />;
}

function VisitForm({ id }: { id?: string }) {
  const { t, label } = useI18n();
  const { estate, estateName } = useSession();
  const v = useQuery({ queryKey: ['home-visit', id], queryFn: () => api<HomeVisit>(`/api/v1/home-visits/${id}`), enabled: !!id });
  const x = v.data;
  const blank = !id;
  // The options print as boxes on both versions: on paper the visitor ticks one by hand.
  const box = (labels: Record<string, { zh: string; en: string }>, chosen: string | undefined) =>
    Object.keys(labels).map((k) => `${chosen === k ? '☑' : '☐'} ${label(labels, k)}`).join('　');
  const boxes = (title: string, labels: Record<string, { zh: string; en: string }>, chosen: string | undefined, span = 1) => (
    <>
      <th>{title}</th>
      <td colSpan={span * 2 - 1}>{box(labels, chosen)}</td>
    </>
  );
  return (
    <FormShell loading={!!id && v.isPending} error={v.error} back={blank ? '/forms' : '/relations/visits'}>
      <FormSheet form="visit" estate={x ? estateName(x.estateId) : estate?.name} blank={blank} record={x ? { key: String(x.id), no: `HV-${x.id}` } : null}>
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
          <tr>{boxes(t('rel.visit.purpose'), VISIT_PURPOSE_LABELS, x?.purpose, 2)}</tr>
          <tr>
            {boxes(t('rel.visit.method'), VISIT_METHOD_LABELS, x?.method)}
            {boxes(t('rel.visit.outcome'), VISIT_OUTCOME_LABELS, x?.outcome)}
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
            <th>{t('rel.visit.satisfaction')}</th>
            <td>{x ? (x.satisfaction ? '★'.repeat(x.satisfaction) + '☆'.repeat(5 - x.satisfaction) : '—') : '☆☆☆☆☆'}</td>
            <Field label={t('rel.visit.followUpOn')}>{x?.followUpOn ?? ''}</Field>
          </tr>
        </FormGrid>
        <Signatures
          roles={[
            { role: t('rel.visit.signVisitor'), name: x?.visitorName ?? null },
            { role: t('rel.visit.signResident'), name: x?.householdName ?? null },
            { role: t('rel.visit.signReviewer'), name: null },
          ]}
        />
      </FormSheet>
    </FormShell>
  );
}
