import { DatePicker } from 'antd';
import type { Dayjs } from 'dayjs';
import type { ComponentProps } from 'react';

/** A single-date picker's props (the generic DatePicker's value and onChange, pinned to one Dayjs). */
export type SingleDatePickerProps = Omit<ComponentProps<typeof DatePicker>, 'value' | 'onChange'> & {
  value?: Dayjs | null;
  onChange?: (date: Dayjs | null) => void;
};

/** antd's DatePicker, in a module of its own so DeferredDatePicker.tsx can load it after the page's first render. */
export default function DatePickerImpl({ onChange, ...props }: SingleDatePickerProps) {
  return <DatePicker {...props} onChange={(d) => onChange?.(Array.isArray(d) ? (d[0] ?? null) : d)} />;
}
