import { Signatures } from './PrintSheet.tsx';
import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { PAYMENT_METHODS } from '../../../core/fees.ts';
import { api } from '../../api/client.ts';
import type { CashierDay } from '../../api/fee-types.ts';
import { useSession } from '../../app/session.tsx';
import { useMethodLabel } from '../../components/fees/FeeTags.tsx';
import { useServerToday } from '../../components/fees/PeriodPicker.tsx';
import { formatDateTime, formatFen } from '../../components/format.ts';
import { useT } from '../../i18n/index.tsx';
import { CapitalsLine, FeePrintShell } from './FeePrintShell.tsx';
import { FormSheet } from './kit/FormSheet.tsx';

/** 收银日结单: the day's takings by method and every receipt, for the cashier and the assistant to sign. */
export default function ClosePrint() {
  const t = useT();
  const { estateId, estate } = useSession();
  const { today } = useServerToday();
  const [params] = useSearchParams();
  const date = params.get('date') ?? today;
  const cashierId = params.get('cashierId') ?? undefined;
  const query = { estateId, date, cashierId };
  const day = useQuery({ queryKey: ['fees', 'close', query], queryFn: () => api<CashierDay>('/api/v1/fees/close', { query }), enabled: !!estateId });
  const methodLabel = useMethodLabel();
  const d = day.data;
  return (
    <FeePrintShell loading={day.isPending} error={day.error} back={`/fees/close?date=${date}${cashierId ? `&cashierId=${cashierId}` : ''}`}>
      {d && (
        <FormSheet
          form="close"
          record={{ key: `${estateId}@${d.date}${cashierId ? `@${cashierId}` : ''}`, no: null }}
          estate={estate?.name}
          title={t('fees.close.printTitle')}
          meta={[
            <>
              {t('fees.close.date')}
              {t('print.colon')}
              {d.date}
            </>,
            <>
              {t('fees.payment.cashier')}
              {t('print.colon')}
              {d.cashierName ?? ''}
            </>,
            <>{d.closed ? t('fees.close.isClosed') : t('fees.close.open')}</>,
          ]}
        >
          <div className="wd-print-kpis">
            <div>
              {t('fees.close.payments')}
              <b>{d.payments}</b>
            </div>
            <div>
              {t('fees.close.amount')}
              <b>{formatFen(d.amount)}</b>
            </div>
            <div>
              {t('fees.close.toPrepaid')}
              <b>{formatFen(d.toPrepaid)}</b>
            </div>
            <div>
              {t('fees.close.reversed')}
              <b>{formatFen(d.reversed)}</b>
            </div>
          </div>
          <table className="wd-print-table wd-print-money" style={{ marginBottom: 10 }}>
            <thead>
              <tr>
                {PAYMENT_METHODS.map((m) => (
                  <th key={m}>{methodLabel(m)}</th>
                ))}
                <th>{t('fees.receipt.total')}</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                {PAYMENT_METHODS.map((m) => (
                  <td key={m} className="num">
                    {formatFen(d.byMethod[m] ?? 0)}
                  </td>
                ))}
                <td className="num">
                  <b>{formatFen(d.amount)}</b>
                </td>
              </tr>
            </tbody>
          </table>
          <CapitalsLine fen={d.amount} style={{ marginBottom: 10 }}>
            <span>{d.reconciled ? t('fees.close.reconciled') : t('fees.close.notReconciled')}</span>
          </CapitalsLine>
          <table className="wd-print-table wd-print-money">
            <thead>
              <tr>
                <th>{t('fees.payment.receiptNo')}</th>
                <th>{t('fees.unit')}</th>
                <th>{t('fees.payment.paidAt')}</th>
                <th>{t('fees.payment.method')}</th>
                <th className="num">{t('fees.payment.amount')}</th>
              </tr>
            </thead>
            <tbody>
              {d.items.map((p) => (
                <tr key={p.id}>
                  <td className="wd-mono">{p.receiptNo}</td>
                  <td>{p.unitLabel}</td>
                  <td>{formatDateTime(p.paidAt).slice(11, 16)}</td>
                  <td>{methodLabel(p.method)}</td>
                  <td className="num">{formatFen(p.amount)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <Signatures roles={[{ role: t('fees.close.signCashier'), name: d.cashierName ?? null }, { role: t('fees.close.signChecker'), name: null }]} dated={false} />
        </FormSheet>
      )}
    </FeePrintShell>
  );
}
