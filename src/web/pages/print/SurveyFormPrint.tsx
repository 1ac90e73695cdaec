import { useQuery } from '@tanstack/react-query';
import { useParams, useSearchParams } from 'react-router';
import { RATING5_LABELS } from '../../../core/surveys.ts';
import { api } from '../../api/client.ts';
import type { Survey, SurveyRecipient } from '../../api/relations-types.ts';
import type { ListResponse } from '../../api/types.ts';
import { useSession } from '../../app/session.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { FormShell, FormSheet } from './kit/index.ts';

/**
 * The paper questionnaire (征询意见调查表 / 住户问卷调查表), one A4 page per unit with its
 * pre-printed form number and the kit's QR code, which opens the same form in the owner portal;
 * ?blank=1 prints one page without unit or number. ?status=pending (default) prints the forms not
 * yet issued.
 */
export default function SurveyFormPrint() {
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  return <SurveyForms id={id} blank={params.get('blank') === '1'} status={params.get('status') ?? 'pending'} back={`/relations/surveys/${id}`} />;
}

/** The gallery's blank questionnaire: the estate's latest survey, without unit or number. */
export function SurveyFormBlank() {
  const { estateId } = useSession();
  const latest = useQuery({ queryKey: ['surveys', 'latest', estateId], queryFn: () => api<ListResponse<Survey>>('/api/v1/surveys', { query: { estateId, pageSize: 1 } }), enabled: !!estateId });
  const first = latest.data?.items[0];
  if (!first) return <FormShell loading={latest.isPending} error={latest.error} back="/forms" empty>{null}</FormShell>;
  return <SurveyForms id={String(first.id)} blank status="pending" back="/forms" />;
}

function SurveyForms({ id, blank, status, back }: { id: string; blank: boolean; status: string; back: string }) {
  const survey = useQuery({ queryKey: ['survey', id], queryFn: () => api<Survey>(`/api/v1/surveys/${id}`) });
  const slots = useQuery({
    queryKey: ['survey-recipients', id, 'print', status],
    queryFn: () => api<ListResponse<SurveyRecipient>>(`/api/v1/surveys/${id}/recipients`, { query: { status, pageSize: 200 } }),
    enabled: !blank,
  });
  const pages: Array<SurveyRecipient | null> = blank ? [null] : (slots.data?.items ?? []);
  return (
    <FormShell loading={survey.isPending || (!blank && slots.isPending)} error={survey.error ?? slots.error} back={back} empty={!pages.length}>
      {survey.data && pages.map((slot, i) => <SurveyPage key={slot?.id ?? `blank-${i}`} s={survey.data} slot={slot} page={[i + 1, pages.length]} />)}
    </FormShell>
  );
}

function SurveyPage({ s, slot, page }: { s: Survey; slot: SurveyRecipient | null; page: [number, number] }) {
  const { t, lang } = useI18n();
  const { estateName } = useSession();
  const ratings = RATING5_LABELS[lang === 'en-US' ? 'en' : 'zh'];
  const boxes = (labels: string[]) => labels.map((l) => `☐ ${l}`).join('　');
  const blankLine = <span className="wd-print-line wd-form-fill" style={{ width: '30mm' }} />;
  return (
    <FormSheet
      form="survey-form"
      estate={estateName(s.estateId)}
      title={t('rel.survey.paperTitle', { title: s.title })}
      blank={!slot}
      scans={false}
      page={page}
      record={slot ? { key: String(slot.id), no: <span data-testid="form-no">{slot.formNo}</span> } : null}
      meta={[
        <>{t('rel.survey.paperUnit')}{t('print.colon')}{slot ? <b>{slot.unitLabel}</b> : blankLine}</>,
        t('rel.survey.due', { date: s.closesOn }),
        ...(slot ? [t('rel.survey.paperScan')] : []),
      ]}
    >
      {s.intro && <p>{s.intro}</p>}
      <ol style={{ paddingLeft: 20 }}>
        {s.questions.map((q) => (
          <li key={q.id} style={{ marginBottom: '4mm' }}>
            <div>
              <b>{q.text}</b>
              {q.required ? ' *' : ''}
            </div>
            <div>
              {q.type === 'rating5' ? (
                boxes([5, 4, 3, 2, 1].map((v) => ratings[v - 1]!))
              ) : q.type === 'single' || q.type === 'multi' ? (
                boxes(q.options.map((o) => o.label))
              ) : q.type === 'yes_no' ? (
                boxes([t('rel.survey.yes'), t('rel.survey.no')])
              ) : (
                <div style={{ borderBottom: '1px solid #000', height: q.type === 'text' ? '16mm' : '7mm' }} />
              )}
            </div>
          </li>
        ))}
      </ol>
      <p style={{ marginTop: '8mm' }}>{t('rel.survey.paperThanks')}</p>
    </FormSheet>
  );
}
