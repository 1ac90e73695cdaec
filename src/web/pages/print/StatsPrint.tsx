import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { api } from '../../api/client.ts';
import type { Stats } from '../../api/fee-types.ts';
import { useSession } from '../../app/session.tsx';
import { useServerToday } from '../../components/fees/PeriodPicker.tsx';
import { formatBp, formatFen } from '../../components/format.ts';
import { type MessageKey, useT } from '../../i18n/index.tsx';
import { FeePrintShell } from './FeePrintShell.tsx';
import { FormSheet } from './kit/FormSheet.tsx';

/** 收费情况统计表 for the assistant and the director (manual 4.1.4). */
export default function StatsPrint() {
  const t = useT();
  const { estateId, estate } = useSession();
  const { period: thisMonth, today } = useServerToday();
  const [params] = useSearchParams();
  const period = params.get('period') ?? thisMonth;
  const groupBy = params.get('groupBy') ?? 'item';
  const query = { estateId, period, groupBy };
  const stats = useQuery({ queryKey: ['fees', 'stats', query], queryFn: () => api<Stats>('/api/v1/fees/stats', { query }), enabled: !!estateId });
  const s = stats.data;
  const rate = (r: number | null, target: number) => (r == null ? '—' : `${formatBp(r)} ${r >= target ? '✓' : '✗'}`);
  return (
    <FeePrintShell loading={stats.isPending} error={stats.error} back={`/fees/stats?period=${period}&groupBy=${groupBy}`}>
      {s && (
        <FormSheet
          form="stats"
          record={{ key: `${estateId}@${period}`, no: null }}
          estate={estate?.name}
          title={t('fees.stats.printTitle')}
          meta={[
            <>
              {t('fees.stats.range')}
              {t('print.colon')}
              {s.from} ~ {s.to}
            </>,
            <>
              {t('fees.stats.groupBy')}
              {t('print.colon')}
              {t(`fees.stats.by.${groupBy}` as MessageKey)}
            </>,
            <>
              {t('fees.stats.printedOn')}
              {t('print.colon')}
              {today}
            </>,
          ]}
        >
          <table className="wd-print-table wd-print-money">
            <colgroup>
              <col style={{ width: '26%' }} />
              <col style={{ width: '16%' }} />
              <col style={{ width: '16%' }} />
              <col style={{ width: '14%' }} />
              <col style={{ width: '12%' }} />
              <col style={{ width: '16%' }} />
            </colgroup>
            <thead>
              <tr>
                <th>{t('fees.stats.name')}</th>
                <th className="num">{t('fees.stats.billed')}</th>
                <th className="num">{t('fees.stats.collected')}</th>
                <th className="num">{t('fees.stats.rate')}</th>
                <th className="num">{t('fees.stats.target')}</th>
                <th className="num">{t('fees.stats.recovered')}</th>
              </tr>
            </thead>
            <tbody>
              {s.rows.map((r) => (
                <tr key={String(r.key)}>
                  <td>{r.name}</td>
                  <td className="num">{formatFen(r.billed)}</td>
                  <td className="num">{formatFen(r.collected)}</td>
                  <td className="num">{rate(r.rate, r.target)}</td>
                  <td className="num">{formatBp(r.target, 0)}</td>
                  <td className="num">{formatFen(r.recovered)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <td>{t('fees.receipt.total')}</td>
                <td className="num">{formatFen(s.total.billed)}</td>
                <td className="num">{formatFen(s.total.collected)}</td>
                <td className="num">{rate(s.total.rate, s.total.target)}</td>
                <td className="num">{formatBp(s.total.target, 0)}</td>
                <td className="num">{formatFen(s.total.recovered)}</td>
              </tr>
            </tfoot>
          </table>
          {s.monthly.length > 1 && (
            <>
              <h2 className="wd-print-h2">{t('fees.stats.monthly')}</h2>
              <table className="wd-print-table wd-print-money">
                <thead>
                  <tr>
                    <th>{t('fees.line.period')}</th>
                    <th className="num">{t('fees.stats.billed')}</th>
                    <th className="num">{t('fees.stats.collected')}</th>
                    <th className="num">{t('fees.stats.rate')}</th>
                  </tr>
                </thead>
                <tbody>
                  {s.monthly.map((m) => (
                    <tr key={m.period}>
                      <td>{m.period}</td>
                      <td className="num">{formatFen(m.billed)}</td>
                      <td className="num">{formatFen(m.collected)}</td>
                      <td className="num">{formatBp(m.rate)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
          <div className="wd-print-note">{t('fees.stats.note')}</div>
          <div className="wd-print-signs">
            {[t('fees.stats.signCashier'), t('fees.stats.signAdmin'), t('fees.stats.signAssistant'), t('fees.stats.signDirector')].map((r) => (
              <div key={r} className="wd-print-sign">
                <span>
                  {r}
                  {t('print.colon')}
                </span>
                <span className="wd-print-line" />
              </div>
            ))}
          </div>
        </FormSheet>
      )}
    </FeePrintShell>
  );
}
