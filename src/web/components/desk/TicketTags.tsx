import { ClockCircleOutlined, FireOutlined } from '@ant-design/icons';
import { Tag, Tooltip } from 'antd';
import { AGREEMENT_LABELS, INCIDENT_LABELS, STATUS_LABELS, TICKET_TYPE_LABELS } from '../../../core/desk-labels.ts';
import type { Ticket } from '../../api/desk-types.ts';
import { useI18n } from '../../i18n/index.tsx';
import { formatDateTime } from '../format.ts';
import { countdownText, currentDeadline } from './countdown.ts';
import { useServerNow } from './useServerNow.ts';

const TYPE_COLORS: Record<string, string> = {
  inquiry: 'blue',
  suggestion: 'cyan',
  complaint: 'volcano',
  repair: 'geekblue',
  report: 'purple',
  special_service: 'gold',
  dispute: 'magenta',
  legacy: 'lime',
};
export const TICKET_STATUS_COLORS: Record<string, string> = {
  registered: 'default',
  responded: 'cyan',
  dispatched: 'blue',
  in_progress: 'processing',
  paused: 'warning',
  resolved: 'green',
  confirmed: 'success',
  closed: 'default',
  cancelled: 'default',
  reopened: 'magenta',
};
const AGREEMENT_COLORS: Record<string, string> = { on_track: 'green', at_risk: 'orange', breached: 'red', met: 'default', paused: 'default' };

const S = { marginInlineEnd: 0 };

export function TypeTag({ type }: { type: string }) {
  const { label } = useI18n();
  return (
    <Tag color={TYPE_COLORS[type] ?? 'default'} style={{ ...S, maxWidth: '100%', overflow: 'hidden', textOverflow: 'ellipsis' }} title={label(TICKET_TYPE_LABELS, type)} data-type={type}>
      {label(TICKET_TYPE_LABELS, type)}
    </Tag>
  );
}

export function TicketStatusTag({ status }: { status: string }) {
  const { label } = useI18n();
  return (
    <Tag color={TICKET_STATUS_COLORS[status] ?? 'default'} style={S} data-status={status} data-testid="ticket-status">
      {label(STATUS_LABELS, status)}
    </Tag>
  );
}

export function EmergencyTag({ incidentType }: { incidentType: string | null }) {
  const { label, t } = useI18n();
  return (
    <Tag color="red" icon={<FireOutlined />} style={S} data-testid="emergency-tag">
      {incidentType ? label(INCIDENT_LABELS, incidentType) : t('desk.emergency')}
    </Tag>
  );
}

/** The time-limit state with a live countdown ("响应剩余 3 小时 12 分"), against the server clock. */
export function AgreementTag({ ticket }: { ticket: Pick<Ticket, 'agreement' | 'respondedAt' | 'responseDueAt' | 'resolutionDueAt'> }) {
  const { label, t } = useI18n();
  const now = useServerNow();
  if (!ticket.agreement) return null;
  const text = countdownText(ticket, now, t);
  const { kind, due } = currentDeadline(ticket);
  return (
    <Tooltip title={text ? t(kind === 'response' ? 'countdown.responseDue' : 'countdown.resolutionDue', { at: formatDateTime(due) }) : undefined}>
      <Tag color={AGREEMENT_COLORS[ticket.agreement]} icon={text ? <ClockCircleOutlined /> : undefined} style={S} data-testid="agreement-tag" data-agreement={ticket.agreement}>
        {text ?? label(AGREEMENT_LABELS, ticket.agreement)}
      </Tag>
    </Tooltip>
  );
}
