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
import { FeePrintShell } from './FeePrintShell.tsx';
import { FormSheet, V } from './kit/FormSheet.tsx';
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
      {rows.map((r, i) => (
        <ReminderSheet key={r.unitId} r={r} estate={estate?.name} phone={phone} today={today} page={[i + 1, rows.length]} />
      ))}
    </FeePrintShell>
  );
}

/** What a blank reminder is printed from: the first step's wording, every figure a writing line. */
const BLANK_ROW = { unitId: 0, step: 1, unitLabel: '', ownerName: null, oldestDueOn: '', days: 0, lines: 0, outstanding: 0, lateFee: 0, deadline: null } as unknown as ArrearsRow;

/** One unit's reminder on an A4 page of the kit, worded for its step (or the blank paper version). */
function ReminderSheet({ r, estate, phone, today, page, blank = false }: { r: ArrearsRow; estate: string | undefined; phone: string | null | undefined; today: string; page?: [number, number]; blank?: boolean }) {
  const t = useT();
  const line = '________';
  return (
    <FormSheet
      form="reminder"
      estate={estate}
      record={blank ? null : { key: String(r.unitId), no: null }}
      page={page}
      blank={blank}
      data={{ step: r.step }}
      title={wordingOf(t, r, today).title}
      meta={[
        <>
          {t('fees.unit')}
          {t('print.colon')}
          <V>{r.unitLabel}</V>
        </>,
        <>
          {t('fees.reminder.date')}
          {t('print.colon')}
          <V>{formatDate(today)}</V>
        </>,
      ]}
    >
      <p style={{ marginTop: 16 }}>{t('fees.notice.dear', { owner: blank ? line : (r.ownerName ?? ''), unit: blank ? line : r.unitLabel })}</p>
      <p style={{ textIndent: '2em' }}>{t('fees.reminder.body', blank ? { since: line, days: '____', lines: '____' } : { since: formatDate(r.oldestDueOn), days: r.days, lines: r.lines })}</p>
      <table className="wd-print-table wd-print-money" style={{ margin: '12px 0' }}>
        <tbody>
          <tr>
            <th style={{ width: '40%' }}>{t('fees.arrears.outstanding')}</th>
            <td className="num">
              <V>{formatFen(r.outstanding)}</V>
            </td>
          </tr>
          <tr>
            <th>{t('fees.line.lateDue')}</th>
            <td className="num">
              <V>{formatFen(r.lateFee)}</V>
            </td>
          </tr>
          <tr>
            <th>{t('fees.reminder.total')}</th>
            <td className="num">
              <V>
                <b>{formatFen(r.outstanding + r.lateFee)}</b>
              </V>
            </td>
          </tr>
          <tr>
            <th>{t('fees.receipt.capitals')}</th>
            <td>
              <V width="90mm">{rmbCapitals(r.outstanding + r.lateFee)}</V>
            </td>
          </tr>
        </tbody>
      </table>
      <p style={{ textIndent: '2em' }} data-testid="reminder-ask">
        {wordingOf(t, r, today).ask}
      </p>
      <p style={{ textIndent: '2em' }}>{phone ? t('fees.notice.phone', { phone }) : t('fees.notice.phoneNone')}</p>
      <div className="wd-print-stamp">
        <div>{t('fees.notice.center', { estate: estate ?? '' })}</div>
        <div>
          <V>{formatDate(today)}</V>
        </div>
      </div>
      <Signatures roles={[{ role: t('fees.notice.receivedBy'), name: blank ? null : (r.ownerName ?? null) }, t('fees.reminder.deliveredBy')]} dated={false} />
    </FormSheet>
  );
}

/** The paper version of 5.4, filled in by hand (first-step wording). */
export function ReminderBlank() {
  const { estate } = useSession();
  const { today } = useServerToday();
  const info = useEstate(estate?.id);
  return (
    <FeePrintShell loading={false} error={null} back="/forms">
      <ReminderSheet r={BLANK_ROW} estate={estate?.name} phone={info.data?.phone} today={today} blank />
    </FeePrintShell>
  );
}
