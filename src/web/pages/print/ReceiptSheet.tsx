import { Signatures } from './PrintSheet.tsx';
import { Segmented } from 'antd';
import { useState } from 'react';
import type { Payment } from '../../api/fee-types.ts';
import { useMethodLabel } from '../../components/fees/FeeTags.tsx';
import { formatDate, formatDateTime, formatFen } from '../../components/format.ts';
import { useT } from '../../i18n/index.tsx';
import { CapitalsLine, FeePrintShell } from './FeePrintShell.tsx';
import { FormSheet } from './kit/FormSheet.tsx';

/** A4 or half an A4 sheet (two receipts a page, cut along the middle). */
export function useSheetSize() {
  const t = useT();
  const [half, setHalf] = useState(() => localStorage.getItem('wd.receipt.half') === '1');
  const tools = (
    <Segmented
      size="small"
      value={half ? 'half' : 'a4'}
      onChange={(v) => {
        localStorage.setItem('wd.receipt.half', v === 'half' ? '1' : '0');
        setHalf(v === 'half');
      }}
      options={[
        { value: 'a4', label: 'A4' },
        { value: 'half', label: t('fees.print.halfA4') },
      ]}
      data-testid="receipt-size"
    />
  );
  return { half, tools };
}

/** 收款收据: one payment with what it paid, in figures and in capitals. */
export function ReceiptSheet({ payment: p, estateName, half }: { payment: Payment; estateName: string; half: boolean }) {
  const t = useT();
  const methodLabel = useMethodLabel();
  const allocations = p.allocations ?? [];
  return (
    <FormSheet
      form="receipt"
      className={half ? 'wd-half' : undefined}
      record={{ key: String(p.id), no: null }}
      estate={estateName}
      title={t('fees.receipt.title')}
      meta={[
        <>
          {t('fees.payment.receiptNo')}
          {t('print.colon')}
          <b className="wd-mono" data-testid="receipt-no">
            {p.receiptNo}
          </b>
        </>,
        <>
          {t('fees.receipt.date')}
          {t('print.colon')}
          {formatDate(p.businessDate)}
        </>,
      ]}
    >
      {p.status === 'reversed' && <div className="wd-print-note" style={{ color: '#cf1322', fontWeight: 600 }}>{t('fees.receipt.reversed')}</div>}
      {p.status !== 'reversed' && p.reversal?.status === 'pending' && (
        <div className="wd-print-note" style={{ color: '#d46b08', fontWeight: 600 }} data-testid="receipt-reversal-pending">
          {t('fees.receipt.reversalPending', { reason: p.reversal.reason })}
        </div>
      )}
      <table className="wd-print-table" style={{ marginBottom: 8 }}>
        <colgroup>
          <col style={{ width: '16%' }} />
          <col style={{ width: '34%' }} />
          <col style={{ width: '16%' }} />
          <col style={{ width: '34%' }} />
        </colgroup>
        <tbody>
          <tr>
            <th>{t('fees.unit')}</th>
            <td>{p.unitLabel}</td>
            <th>{t('fees.payment.payer')}</th>
            <td>{p.payerName ?? p.ownerName ?? ''}</td>
          </tr>
          <tr>
            <th>{t('fees.payment.method')}</th>
            <td>{methodLabel(p.method)}</td>
            <th>{t('fees.payment.reference')}</th>
            <td className="wd-mono">{p.reference ?? ''}</td>
          </tr>
        </tbody>
      </table>
      <table className="wd-print-table wd-print-money">
        <colgroup>
          <col style={{ width: '34%' }} />
          <col style={{ width: '15%' }} />
          <col style={{ width: '17%' }} />
          <col style={{ width: '17%' }} />
          <col style={{ width: '17%' }} />
        </colgroup>
        <thead>
          <tr>
            <th>{t('fees.line.item')}</th>
            <th>{t('fees.line.period')}</th>
            <th className="num">{t('fees.receipt.principal')}</th>
            <th className="num">{t('fees.receipt.lateFee')}</th>
            <th className="num">{t('fees.receipt.subtotal')}</th>
          </tr>
        </thead>
        <tbody>
          {allocations.map((x, i) => (
            <tr key={`${x.lineId}-${i}`}>
              <td>{x.itemName}</td>
              <td>{x.period}</td>
              <td className="num">{formatFen(x.principal)}</td>
              <td className="num">{formatFen(x.lateFee)}</td>
              <td className="num">{formatFen(x.principal + x.lateFee)}</td>
            </tr>
          ))}
          {p.toPrepaid > 0 && (
            <tr>
              <td>{t('fees.receipt.toPrepaid')}</td>
              <td />
              <td className="num" />
              <td className="num" />
              <td className="num">{formatFen(p.toPrepaid)}</td>
            </tr>
          )}
        </tbody>
        <tfoot>
          <tr>
            <td colSpan={4}>{t('fees.receipt.total')}</td>
            <td className="num" data-testid="receipt-total">
              {formatFen(p.amount)}
            </td>
          </tr>
        </tfoot>
      </table>
      <CapitalsLine fen={p.amount} testId="receipt-capitals">
        <span className="wd-money">{formatFen(p.amount)}</span>
      </CapitalsLine>
      <Signatures
        roles={[t('fees.payment.cashier'), { role: t('fees.receipt.payerSign'), name: p.payerName ?? null }, t('fees.receipt.stamp')]}
        dated={false}
        filled={{ [t('fees.payment.cashier')]: p.cashierName ?? '' }}
      />
      <div className="wd-print-note wd-muted">{t('fees.receipt.printedAt', { at: formatDateTime(p.paidAt).slice(0, 16) })}</div>
    </FormSheet>
  );
}

export function ReceiptShell({ payment, loading, error, estateName, back }: { payment: Payment | undefined; loading: boolean; error: unknown; estateName: string; back: string }) {
  const { half, tools } = useSheetSize();
  return (
    <FeePrintShell loading={loading} error={error} back={back} tools={tools}>
      {payment && <ReceiptSheet payment={payment} estateName={estateName} half={half} />}
    </FeePrintShell>
  );
}
