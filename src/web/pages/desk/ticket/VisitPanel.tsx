import { Card, Descriptions, Rate, Tag } from 'antd';
import type { ReactNode } from 'react';
import { VISIT_TAG_LABELS } from '../../../../core/desk-labels.ts';
import type { TicketDetail } from '../../../api/desk-types.ts';
import { formatDateTime } from '../../../components/format.ts';
import { useI18n } from '../../../i18n/index.tsx';

/** 回访: when it is due, and what the resident said when called back. */
export function VisitPanel({ visit, extra }: { visit: NonNullable<TicketDetail['visit']>; extra?: ReactNode }) {
  const { t, label } = useI18n();
  return (
    <Card size="small" title={t('visit.title')} extra={extra} data-testid="visit-panel">
      <Descriptions
        size="small"
        column={1}
        items={[
          { key: 'due', label: t('visit.dueAt'), children: formatDateTime(visit.dueAt) },
          {
            key: 'state',
            label: t('visit.state'),
            children: visit.doneAt ? <Tag color="green">{t('visit.doneAt', { at: formatDateTime(visit.doneAt) })}</Tag> : <Tag color="orange">{t('visit.pending')}</Tag>,
          },
          ...(visit.score != null ? [{ key: 'score', label: t('visit.score'), children: <Rate disabled value={visit.score} style={{ fontSize: 14 }} /> }] : []),
          ...(visit.tags.length ? [{ key: 'tags', label: t('visit.tags'), children: <span className="wd-tags">{visit.tags.map((x) => <Tag key={x}>{label(VISIT_TAG_LABELS, x)}</Tag>)}</span> }] : []),
          ...(visit.comment ? [{ key: 'comment', label: t('visit.comment'), children: visit.comment }] : []),
        ]}
      />
    </Card>
  );
}
