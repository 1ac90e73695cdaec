/** What the rounds pages share: enumerations as select options and coloured status tags. */
import { Tag } from 'antd';
import { ANSWER_TYPES, CHECKPOINT_TARGETS, QUALITY_DEPTS, RECURRENCES, TASK_STATUSES, TEMPLATE_KINDS } from '../../../core/rounds.ts';
import { DEPARTMENTS } from '../../../core/tickets.ts';
import { DEPARTMENT_LABELS } from '../../../core/desk-labels.ts';
import { type MessageKey, useI18n } from '../../i18n/index.tsx';

export const TASK_COLORS: Record<string, string> = { pending: 'default', in_progress: 'processing', done: 'success', partial: 'warning', missed: 'error', cancelled: 'default' };
export const FINDING_COLORS: Record<string, string> = { open: 'orange', fixed_on_spot: 'green', ticketed: 'blue', closed: 'default' };

export function useRoundsOptions() {
  const { t, label } = useI18n();
  const k = (prefix: string, v: string) => t(`${prefix}.${v}` as MessageKey);
  return {
    k,
    kinds: TEMPLATE_KINDS.map((v) => ({ value: v, label: k('rounds.kind', v) })),
    answers: ANSWER_TYPES.map((v) => ({ value: v, label: k('rounds.answer', v) })),
    targets: CHECKPOINT_TARGETS.map((v) => ({ value: v, label: k('rounds.target', v) })),
    recurrences: RECURRENCES.map((v) => ({ value: v, label: k('rounds.recurrence', v) })),
    statuses: TASK_STATUSES.map((v) => ({ value: v, label: k('rounds.status', v) })),
    departments: DEPARTMENTS.map((v) => ({ value: v, label: label(DEPARTMENT_LABELS, v) })),
    qualityDepts: QUALITY_DEPTS.map((v) => ({ value: v, label: k('rounds.quality', v) })),
    severities: (['minor', 'major'] as const).map((v) => ({ value: v, label: k('rounds.severity', v) })),
  };
}

export function TaskStatusTag({ status }: { status: string }) {
  const { t } = useI18n();
  return <Tag color={TASK_COLORS[status]}>{t(`rounds.status.${status}` as MessageKey)}</Tag>;
}

/** A rate in percent, or 数据不足 below five cases (core/periods.ts rule). */
export function RateText({ value }: { value: number | null }) {
  const { t } = useI18n();
  return value == null ? <span className="wd-muted">{t('rounds.notEnough')}</span> : <span>{value.toFixed(1)}%</span>;
}
