import { useQuery } from '@tanstack/react-query';
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { RATING5_LABELS } from '../../../core/surveys.ts';
import { api } from '../../api/client.ts';
import type { Survey, SurveyRecipient } from '../../api/relations-types.ts';
import type { ListResponse } from '../../api/types.ts';
import { useSession } from '../../app/session.tsx';
import { ErrorResult, PageLoading } from '../../components/Results.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { RelationsPrintShell } from './RelationsPrintShell.tsx';

/**
 * The paper questionnaire (征询意见调查表 / 住户问卷调查表), one A4 page per unit with its
 * pre-printed form number and a QR code that opens the same form in the owner portal; ?blank=1
 * prints one page without unit or number. ?status=pending (default) prints the forms not yet issued.
 */
export default function SurveyFormPrint() {
  const { id } = useParams();
  const [params] = useSearchParams();
  const blank = params.get('blank') === '1';
  const survey = useQuery({ queryKey: ['survey', id], queryFn: () => api<Survey>(`/api/v1/surveys/${id}`) });
  const slots = useQuery({
    queryKey: ['survey-recipients', id, 'print'],
    queryFn: () => api<ListResponse<SurveyRecipient>>(`/api/v1/surveys/${id}/recipients`, { query: { status: params.get('status') ?? 'pending', pageSize: 200 } }),
    enabled: !blank,
  });
  if (survey.isPending || (!blank && slots.isPending)) return <PageLoading />;
  if (survey.error || slots.error) return <ErrorResult error={survey.error ?? slots.error} />;
  const pages: Array<SurveyRecipient | null> = blank ? [null] : (slots.data?.items ?? []);
  return (
    <RelationsPrintShell back={`/relations/surveys/${id}`}>
      {pages.map((slot, i) => <SurveyPage key={slot?.id ?? `blank-${i}`} s={survey.data} slot={slot} />)}
    </RelationsPrintShell>
  );
}

function SurveyPage({ s, slot }: { s: Survey; slot: SurveyRecipient | null }) {
  const { t, lang } = useI18n();
  const { estateName } = useSession();
  const [qr, setQr] = useState<string | null>(null);
  useEffect(() => {
    if (!slot) return;
    void QRCode.toDataURL(`${window.location.origin}/portal/surveys?r=${slot.id}`, { margin: 1, width: 220 }).then(setQr);
  }, [slot]);
  const ratings = RATING5_LABELS[lang === 'en-US' ? 'en' : 'zh'];
  const boxes = (labels: string[]) => labels.map((l) => `☐ ${l}`).join('　');
  return (
    <article className="wd-a4" data-testid="print-sheet">
      <header className="wd-print-head" style={{ position: 'relative' }}>
        <div className="wd-print-estate">{estateName(s.estateId)}</div>
        <h1>{t('rel.survey.paperTitle', { title: s.title })}</h1>
        <div className="wd-print-meta">
          <span>{t('rel.survey.paperUnit')}{t('print.colon')}<b>{slot?.unitLabel ?? '　　　　　　'}</b></span>
          <span>{t('rel.survey.formNo')}{t('print.colon')}<b className="wd-mono" data-testid="form-no">{slot?.formNo ?? '　　　　　　'}</b></span>
          <span>{t('rel.survey.due', { date: s.closesOn })}</span>
        </div>
        {qr && (
          <div style={{ position: 'absolute', right: 0, top: 0, textAlign: 'center', fontSize: '8pt' }}>
            <img src={qr} alt="QR" style={{ width: '24mm', height: '24mm' }} data-testid="form-qr" />
            <div>{t('rel.survey.paperScan')}</div>
          </div>
        )}
      </header>
      {s.intro && <p>{s.intro}</p>}
      <ol style={{ paddingLeft: 20 }}>
        {s.questions.map((q) => (
          <li key={q.id} style={{ marginBottom: '4mm' }}>
            <div><b>{q.text}</b>{q.required ? ' *' : ''}</div>
            <div>
              {q.type === 'rating5'
                ? boxes([5, 4, 3, 2, 1].map((v) => ratings[v - 1]!))
                : q.type === 'single' || q.type === 'multi'
                  ? boxes(q.options.map((o) => o.label))
                  : q.type === 'yes_no'
                    ? boxes([t('rel.survey.yes'), t('rel.survey.no')])
                    : <div style={{ borderBottom: '1px solid #000', height: q.type === 'text' ? '16mm' : '7mm' }} />}
            </div>
          </li>
        ))}
      </ol>
      <p style={{ marginTop: '8mm' }}>{t('rel.survey.paperThanks')}</p>
    </article>
  );
}
