import { Skeleton } from 'antd';
import { lazy, Suspense } from 'react';
import type { SingleDatePickerProps } from './DatePickerImpl.tsx';

const Loaded = lazy(() => import('./DatePickerImpl.tsx'));

/**
 * antd's DatePicker (about 40 KB gz with its calendar) for a picker a page shows at first paint:
 * its code is fetched while the page's first render and data requests run, with an input-sized
 * placeholder until then, so the page stays within its budget (npm run bench:web).
 */
export function DeferredDatePicker(props: SingleDatePickerProps) {
  const width = (props.style?.width as number | string | undefined) ?? 150;
  return (
    <Suspense fallback={<Skeleton.Input active style={{ width, minWidth: 0 }} />}>
      <Loaded {...props} />
    </Suspense>
  );
}
