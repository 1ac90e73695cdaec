import { Select, Tag } from 'antd';
import { defaultMonth } from '../../../core/periods.ts';
import { useServerToday } from '../../components/fees/PeriodPicker.tsx';
import { type MessageKey, useI18n, useT } from '../../i18n/index.tsx';

export type Bi = { zh: string; en: string };

/** The last 24 months, newest first, for a month select. */
export function useMonths() {
  const { today } = useServerToday();
  const out: string[] = [];
  let [y, m] = [Number(today.slice(0, 4)), Number(today.slice(5, 7))];
  for (let i = 0; i < 24; i++) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    [y, m] = m === 1 ? [y - 1, 12] : [y, m - 1];
  }
  return { months: out, initial: defaultMonth(today) };
}

export function MonthSelect({ value, onChange, testId }: { value: string; onChange: (m: string) => void; testId?: string }) {
  const { months } = useMonths();
  return <Select value={value} onChange={onChange} options={months.map((m) => ({ value: m, label: m }))} style={{ width: 120 }} data-testid={testId} />;
}

/** A figure as the metric's unit reads: rates in %, per-100 with two decimals. */
export function formatValue(v: number | null | undefined, unit: string | null | undefined) {
  if (v == null) return '—';
  if (unit === 'per100') return v.toFixed(2);
  return `${(v * 100).toFixed(1)}%`;
}

export function useBi() {
  const { lang } = useI18n();
  return (b: Bi | null | undefined) => (b ? (lang === 'en-US' ? b.en : b.zh) : '');
}

export type TargetStatus = 'green' | 'red' | 'no_data' | 'no_source';

export function StatusTag({ status }: { status: TargetStatus }) {
  const t = useT();
  const color = { green: 'success', red: 'error', no_data: 'default', no_source: 'default' }[status];
  return (
    <Tag color={color} data-testid={`status-${status}`}>
      {t(`pack.status.${status}` as MessageKey)}
    </Tag>
  );
}
