import { Tag } from 'antd';
import { RENO_STATUS_COLORS, RENO_STATUS_LABELS, VIOLATION_STATUS_LABELS } from '../../../core/renovation-labels.ts';
import { useI18n } from '../../i18n/index.tsx';

export function RenoStatusTag({ status }: { status: string }) {
  const { label } = useI18n();
  return <Tag color={RENO_STATUS_COLORS[status] ?? 'default'} data-testid={`reno-status-${status}`}>{label(RENO_STATUS_LABELS, status)}</Tag>;
}

export function ViolationTag({ severity, status }: { severity: string; status: string }) {
  const { t, label } = useI18n();
  return (
    <>
      <Tag color={severity === 'major' ? 'red' : 'orange'}>{t(severity === 'major' ? 'reno.major' : 'reno.minor')}</Tag>
      <Tag color={status === 'closed' || status === 'rectified_on_site' ? 'green' : 'gold'}>{label(VIOLATION_STATUS_LABELS, status)}</Tag>
    </>
  );
}

/** The 逾期 tag of a renovation past its (extended) end. */
export function OverdueTag({ since }: { since: string | null | undefined }) {
  const { t } = useI18n();
  return since ? <Tag color="red" data-testid="reno-overdue-tag">{t('reno.overdue')}</Tag> : null;
}
