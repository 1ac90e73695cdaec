import { useQueries, useQuery } from '@tanstack/react-query';
import { useParams, useSearchParams } from 'react-router';
import { ROLE_LABELS } from '../../../core/roles.ts';
import { api } from '../../api/client.ts';
import { useSession } from '../../app/session.tsx';
import { type MessageKey, useI18n } from '../../i18n/index.tsx';
import type { Appraisal, Line } from '../management/PerformancePage.tsx';
import { formatValue, useBi } from '../management/shared.tsx';
import { BlankRows, FormShell, FormSheet, Signatures, V } from './kit/index.ts';

const GROUPS = ['quality', 'satisfaction', 'efficiency'] as const;

/** One 月度考核表 (M 6.1): the frozen KPI lines with numerator, denominator and formula, the scores, the three opinions, the signatures. */
function AppraisalSheet({ a, page, blank }: { a: Appraisal | null; page: [number, number]; blank?: boolean }) {
  const { t, label } = useI18n();
  const bi = useBi();
  const { estate } = useSession();
  const lines: Line[] = a?.sheet?.lines ?? [];
  const fmt = (l: Line) => (!l.hasSource ? t('pack.status.no_source') : l.value == null ? t('pack.status.no_data') : `${formatValue(l.value, l.unit)}（${l.numerator}/${l.denominator}）`);
  const score = (x: number | null | undefined) => (x == null ? '—' : x.toFixed(2));
  return (
    <FormSheet
      form="appraisal"
      estate={estate?.name}
      blank={blank}
      page={page}
      record={a ? { key: String(a.id), no: `${a.period}-${a.userId}` } : null}
      meta={[
        <>{t('perf.staff')}{t('print.colon')}<V width="28mm">{a?.name}</V></>,
        <>{t('users.role')}{t('print.colon')}<V width="24mm">{a ? label(ROLE_LABELS, a.role) : ''}</V></>,
        <>{t('perf.period')}{t('print.colon')}<V width="20mm">{a?.period}</V></>,
      ]}
      data={{ appraisal: a?.id ?? 0 }}
    >
      <table className="wd-print-table wd-print-grid">
        <colgroup>
          <col style={{ width: '11%' }} />
          <col />
          <col style={{ width: '10%' }} />
          <col style={{ width: '14%' }} />
          <col style={{ width: '17%' }} />
          <col style={{ width: '8%' }} />
        </colgroup>
        <thead>
          <tr>
            <th>{t('perf.group')}</th>
            <th>{t('perf.kpi')}</th>
            <th>{t('perf.weight')}</th>
            <th>{t('perf.floorTarget')}</th>
            <th>{t('perf.actual')}</th>
            <th>{t('perf.score')}</th>
          </tr>
        </thead>
        <tbody>
          {blank
            ? GROUPS.map((g) => (
                <tr key={g} style={{ height: '9mm' }}>
                  <td>{t(`perf.group.${g}` as MessageKey)}</td>
                  <td colSpan={5} />
                </tr>
              ))
            : lines.map((l) => (
                <tr key={l.code} data-testid="appraisal-line">
                  <td>{t(`perf.group.${l.group}` as MessageKey)}</td>
                  <td>
                    {l.label ? bi(l.label) : l.metric}
                    {l.formula && <div className="wd-print-sub" style={{ fontSize: '7.5pt' }}>{bi(l.formula)}</div>}
                  </td>
                  <td>{l.dropped ? `${l.weight} → 0` : `${l.weight} → ${l.effectiveWeight.toFixed(1)}`}</td>
                  <td>{`${formatValue(l.floor, l.unit ?? 'rate')} → ${formatValue(l.target, l.unit ?? 'rate')}`}</td>
                  <td>{fmt(l)}</td>
                  <td>{l.score == null ? '—' : l.score.toFixed(1)}</td>
                </tr>
              ))}
          {blank && <BlankRows count={4} columns={6} />}
        </tbody>
      </table>
      {!!a?.sheet?.droppedWeight && <p className="wd-print-sub">{t('perf.droppedNote', { w: a.sheet.droppedWeight })}</p>}
      <table className="wd-print-table wd-print-grid" style={{ marginTop: '3mm' }}>
        <tbody>
          <tr>
            <th style={{ width: '14%' }}>{t('perf.computed')}</th>
            <td style={{ width: '13%' }}><V width="18mm">{score(a?.computed)}</V></td>
            <th style={{ width: '17%' }}>{t('perf.adjustment')}</th>
            <td style={{ width: '12%' }}><V width="18mm">{a ? (a.adjustment ? a.adjustment.toFixed(1) : '0') : ''}</V></td>
            <th style={{ width: '20%' }}>{t('perf.final')} / {t('perf.grade')}</th>
            <td data-testid="appraisal-final"><V width="18mm">{a ? `${score(a.final)} / ${a.grade ?? '—'}` : ''}</V></td>
          </tr>
          <tr>
            <th>{t('perf.reason')}</th>
            <td colSpan={2}><V width="40mm">{a?.adjustmentReason ?? ''}</V></td>
            <th>{t('perf.evidence')}</th>
            <td colSpan={2}><V width="40mm">{a?.adjustmentEvidence ?? ''}</V></td>
          </tr>
          <tr style={{ height: '24mm' }}>
            <th>{t('perf.selfText')}</th>
            <td colSpan={5}>
              {!blank && <div className="wd-pre">{a?.selfText ?? ''}{a?.selfScore != null ? `（${t('perf.selfScore')} ${a.selfScore}）` : ''}</div>}
            </td>
          </tr>
          <tr style={{ height: '24mm' }}>
            <th>{t('perf.reviewText')}</th>
            <td colSpan={5}>{!blank && <div className="wd-pre">{a?.reviewText ?? ''}</div>}</td>
          </tr>
          {(blank || a?.appealText) && (
            <tr>
              <th>{t('perf.appealText')}</th>
              <td colSpan={5}>{!blank && <div className="wd-pre">{a?.appealText}</div>}</td>
            </tr>
          )}
        </tbody>
      </table>
      <p className="wd-print-sub" style={{ fontSize: '8pt' }}>{t('perf.footnote')}</p>
      <Signatures roles={[{ role: t('perf.print.signStaff'), name: a?.name ?? null }, { role: t('perf.print.signAssistant'), name: null }, { role: t('perf.print.signDirector'), name: null }]} />
    </FormSheet>
  );
}

/**
 * 月度考核表 on A4: one appraisal (/print/appraisals/:id), or a department's appraisals of a month
 * one a page (/print/appraisals?period=YYYY-MM), each only as far as the reader may see them.
 */
export default function AppraisalPrint() {
  const { id } = useParams();
  const [params] = useSearchParams();
  const { estateId } = useSession();
  const period = params.get('period') ?? '';
  const list = useQuery({
    queryKey: ['appraisals', 'print', estateId, period],
    queryFn: () => api<{ items: Appraisal[] }>('/api/v1/appraisals', { query: { estateId, period } }),
    enabled: !id && !!estateId && !!period,
  });
  const ids = id ? [Number(id)] : (list.data?.items ?? []).filter((a) => a.kind === 'month').map((a) => a.id);
  const details = useQueries({ queries: ids.map((x) => ({ queryKey: ['appraisal', x], queryFn: () => api<Appraisal>(`/api/v1/appraisals/${x}`) })) });
  const loading = (!id && list.isPending) || details.some((d) => d.isPending);
  const error = list.error ?? details.find((d) => d.error)?.error;
  const items = details.map((d) => d.data).filter((a): a is Appraisal => !!a);
  return (
    <FormShell loading={loading} error={error} back={`/management/performance${period ? `?period=${period}` : ''}`} empty={!loading && !items.length}>
      {items.map((a, i) => (
        <AppraisalSheet key={a.id} a={a} page={[i + 1, items.length]} />
      ))}
    </FormShell>
  );
}

/** The blank paper 月度考核表. */
export function AppraisalBlank() {
  return (
    <FormShell loading={false} error={null} back="/forms">
      <AppraisalSheet a={null} page={[1, 1]} blank />
    </FormShell>
  );
}
