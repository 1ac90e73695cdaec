import dayjs from 'dayjs';
import { DeferredDatePicker } from '../DeferredDatePicker.tsx';
import { useServerNow } from '../desk/useServerNow.ts';

/** A billing period YYYY-MM. */
export function PeriodPicker({ value, onChange, allowClear = false, testId, placeholder }: { value?: string; onChange?: (v: string | undefined) => void; allowClear?: boolean; testId?: string; placeholder?: string }) {
  return (
    <DeferredDatePicker
      picker="month"
      value={value ? dayjs(`${value}-01`) : null}
      onChange={(d) => onChange?.(d ? d.format('YYYY-MM') : undefined)}
      allowClear={allowClear}
      format="YYYY-MM"
      placeholder={placeholder}
      style={{ width: 130 }}
      data-testid={testId}
    />
  );
}

/** Today and this period on the server's clock in China time (the demo clock may run ahead). */
export function useServerToday(): { today: string; period: string } {
  const now = useServerNow(60_000);
  const today = new Date(now + 8 * 3_600_000).toISOString().slice(0, 10);
  return { today, period: today.slice(0, 7) };
}
