import { Signatures } from './PrintSheet.tsx';
import { useQuery } from '@tanstack/react-query';
import { useLocation, useSearchParams } from 'react-router';
import { api } from '../../api/client.ts';
import type { ArrearsRow } from '../../api/fee-types.ts';
import { useSession } from '../../app/session.tsx';
import { useServerToday } from '../../components/fees/PeriodPicker.tsx';
import { useEstate } from '../../components/fees/queries.ts';
import { rmbCapitals } from '../../components/fees/rmb.ts';
import { formatDate, formatFen } from '../../components/format.ts';
import { useT } from '../../i18n/index.tsx';
import { FeePrintShell, SheetHead } from './FeePrintShell.tsx';
import { reminderWording } from '../../../core/arrears-notice.ts';
import type { T } from '../../i18n/index.tsx';

/** Title and closing paragraph in the wording of the unit's ladder step. */
function wordingOf(t: T, r: ArrearsRow, today: string): { title: string; ask: string } {
  switch (reminderWording(r.step)) {
    case 'deadline': {
      const title = t('fees.reminder.deadline.title');
      if (!r.deadline) return { title, ask: t('fees.reminder.deadline.askNoDate') };
      return { title, ask: t(r.deadline < today ? 'fees.reminder.deadline.askPast' : 'fees.reminder.deadline.ask', { deadline: formatDate(r.deadline) }) };
    }
    case 'final':
      return { title: t('fees.reminder.final.title'), ask: t('fees.reminder.final.ask') };
    default:
      return { title: t('fees.reminder.title'), ask: t('fees.reminder.ask') };
  }
}

/** 催缴通知书 in batch, one unit a page: what is overdue, since when, and where to pay, worded for the unit's ladder step. */
export default function RemindersPrint() {
  const t = useT();
  const { estateId, estate } = useSession();
  const { today } = useServerToday();
  const [params] = useSearchParams();
  const units = (params.get('units') ?? '').split(',').map(Number).filter(Boolean);
  // The board or the reminder batch hands its rows over; a reloaded page reads the board again.
  const given = (useLocation().state as { units?: ArrearsRow[] } | null)?.units;
  const board = useQuery({
    queryKey: ['fees', 'arrears', { estateId, pageSize: 200 }],
    queryFn: () => api<{ items: ArrearsRow[] }>('/api/v1/fees/arrears', { query: { estateId, pageSize: 200 } }),
    enabled: !!estateId && !given,
  });
  const info = useEstate(estateId);
  const rows = (given ?? board.data?.items ?? []).filter((r) => units.includes(r.unitId));
  const phone = info.data?.phone;
  return (
    <FeePrintShell loading={!given && board.isPending} error={board.error} back="/fees/arrears" empty={!rows.length}>
      {rows.map((r) => (
        <article key={r.unitId} className="wd-a4" data-testid="print-sheet" data-step={r.step}>
          <SheetHead
            estate={estate?.name}
            title={wordingOf(t, r, today).title}
            meta={[
              <>
                {t('fees.unit')}
                {t('print.colon')}
                {r.unitLabel}
              </>,
              <>
                {t('fees.reminder.date')}
                {t('print.colon')}
                {formatDate(today)}
              </>,
            ]}
          />
          <p style={{ marginTop: 16 }}>{t('fees.notice.dear', { owner: r.ownerName ?? '', unit: r.unitLabel })}</p>
          <p style={{ textIndent: '2em' }}>{t('fees.reminder.body', { since: formatDate(r.oldestDueOn), days: r.days, lines: r.lines })}</p>
          <table className="wd-print-table wd-print-money" style={{ margin: '12px 0' }}>
            <tbody>
              <tr>
                <th style={{ width: '40%' }}>{t('fees.arrears.outstanding')}</th>
                <td className="num">{formatFen(r.outstanding)}</td>
              </tr>
              <tr>
                <th>{t('fees.line.lateDue')}</th>
                <td className="num">{formatFen(r.lateFee)}</td>
              </tr>
              <tr>
                <th>{t('fees.reminder.total')}</th>
                <td className="num">
                  <b>{formatFen(r.outstanding + r.lateFee)}</b>
                </td>
              </tr>
              <tr>
                <th>{t('fees.receipt.capitals')}</th>
                <td>{rmbCapitals(r.outstanding + r.lateFee)}</td>
              </tr>
            </tbody>
          </table>
          <p style={{ textIndent: '2em' }} data-testid="reminder-ask">{wordingOf(t, r, today).ask}</p>
          <p style={{ textIndent: '2em' }}>{phone ? t('fees.notice.phone', { phone }) : t('fees.notice.phoneNone')}</p>
          <div className="wd-print-stamp">
            <div>{t('fees.notice.center', { estate: estate?.name ?? '' })}</div>
            <div>{formatDate(today)}</div>
          </div>
          <Signatures roles={[t('fees.notice.receivedBy'), t('fees.reminder.deliveredBy')]} dated={false} />
        </article>
      ))}
    </FeePrintShell>
  );
}
