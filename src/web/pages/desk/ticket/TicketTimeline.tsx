import { LockOutlined } from '@ant-design/icons';
import { Tag, Timeline } from 'antd';
import { EVENT_LABELS, STATUS_LABELS } from '../../../../core/desk-labels.ts';
import type { TicketEvent } from '../../../api/desk-types.ts';
import { formatDateTime } from '../../../components/format.ts';
import { useI18n } from '../../../i18n/index.tsx';

const COLORS: Record<string, string> = { created: 'blue', resolve: 'green', confirm: 'green', close: 'gray', cancel: 'gray', escalate: 'red', at_risk: 'orange', reopen: 'red', step: 'red', visit: 'purple', rate: 'purple' };

/** The ticket's history, oldest first; internal notes are marked 内部 (the portal never gets them). */
export function TicketTimeline({ events }: { events: TicketEvent[] }) {
  const { t, label } = useI18n();
  const sorted = [...events].sort((a, b) => a.at.localeCompare(b.at) || a.id - b.id);
  return (
    <Timeline
      data-testid="ticket-timeline"
      items={sorted.map((e) => ({
        key: e.id,
        color: COLORS[e.kind] ?? 'blue',
        content: (
          <div className="wd-event" data-kind={e.kind}>
            <div>
              <strong>{label(EVENT_LABELS, e.kind)}</strong>
              {e.toStatus && e.fromStatus && e.fromStatus !== e.toStatus && label(STATUS_LABELS, e.toStatus) !== label(EVENT_LABELS, e.kind) && <span className="wd-muted"> → {label(STATUS_LABELS, e.toStatus)}</span>}
              {e.internal && (
                <Tag icon={<LockOutlined />} color="gold" style={{ marginInlineStart: 8 }}>
                  {t('timeline.internal')}
                </Tag>
              )}
            </div>
            {e.note && <div className="wd-pre wd-wrap">{e.note}</div>}
            <div className="wd-muted wd-small">
              {formatDateTime(e.at)} · {e.actorName}
            </div>
          </div>
        ),
      }))}
    />
  );
}
