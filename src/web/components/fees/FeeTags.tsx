import { Tag, Tooltip } from 'antd';
import { type MessageKey, useT } from '../../i18n/index.tsx';
import { formatBp, formatDate } from '../format.ts';

const STEP_COLORS = ['default', 'gold', 'orange', 'volcano', 'red', 'magenta'];

/** The arrears ladder step (manual 4.1.3): 0 none yet · 1 催缴通知书 … 5 主任协商. */
export function StepTag({ step, short }: { step: number | null | undefined; short?: boolean }) {
  const t = useT();
  const s = step ?? 0;
  return (
    <Tag color={STEP_COLORS[s] ?? 'default'} data-step={s} style={{ marginInlineEnd: 0 }}>
      {s ? (short ? `${s} · ${t(`fees.step.${s}` as MessageKey)}` : t(`fees.step.${s}` as MessageKey)) : t('fees.step.0')}
    </Tag>
  );
}

const APPROVAL_COLORS: Record<string, string> = { pending: 'gold', approved: 'green', rejected: 'red', cancelled: 'default' };

export function ApprovalTag({ status }: { status: string }) {
  const t = useT();
  return (
    <Tag color={APPROVAL_COLORS[status] ?? 'default'} style={{ marginInlineEnd: 0 }}>
      {t(`fees.approval.${status}` as MessageKey) ?? status}
    </Tag>
  );
}

const PAYMENT_COLORS: Record<string, string> = { valid: 'green', reversed: 'red' };

export function PaymentStatusTag({ status }: { status: string }) {
  const t = useT();
  return (
    <Tag color={PAYMENT_COLORS[status] ?? 'default'} style={{ marginInlineEnd: 0 }}>
      {t(`fees.paymentStatus.${status}` as MessageKey)}
    </Tag>
  );
}

/** Collection rate against its target: green when met, red when not. */
export function RateTag({ rate, target }: { rate: number | null; target: number }) {
  const t = useT();
  if (rate == null) return <span className="wd-muted">—</span>;
  const met = rate >= target;
  return (
    <Tooltip title={t('fees.stats.targetIs', { target: formatBp(target, 0) })}>
      <Tag color={met ? 'green' : 'red'} style={{ marginInlineEnd: 0 }} data-met={met ? 1 : 0}>
        {formatBp(rate)}
      </Tag>
    </Tooltip>
  );
}

export function DeliveredTag({ at }: { at: string | null }) {
  const t = useT();
  return at ? (
    <Tag color="green" style={{ marginInlineEnd: 0 }}>
      {t('fees.notices.deliveredOn', { date: formatDate(at) })}
    </Tag>
  ) : (
    <Tag style={{ marginInlineEnd: 0 }}>{t('fees.notices.notDelivered')}</Tag>
  );
}

export function useMethodLabel() {
  const t = useT();
  return (m: string | null | undefined) => (m ? t(`fees.method.${m}` as MessageKey) : '—');
}

/** A line's quantity in its unit: area in m² (stored in 1/100 m²), usage as read, months for fixed fees. */
export function formatQuantity(l: { itemKind: string; quantity: number | null }): string {
  if (l.quantity == null) return '';
  if (l.itemKind === 'area' || l.itemKind === 'shared') return `${(l.quantity / 100).toFixed(2)} m²`;
  return String(l.quantity);
}

/** A line's description when it says more than the item's name and period (one-off charges, adjustments). */
export function extraText(l: { itemName: string; description: string | null; reason?: string | null }): string | null {
  const text = l.reason ?? l.description;
  if (!text) return null;
  return text.startsWith(l.itemName) ? null : text;
}
