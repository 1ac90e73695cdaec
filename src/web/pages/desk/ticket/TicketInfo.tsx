import { Descriptions, Tag } from 'antd';
import { CHANNEL_LABELS, DEPARTMENT_LABELS, INCIDENT_LABELS, PRIORITY_LABELS } from '../../../../core/desk-labels.ts';
import type { TicketDetail } from '../../../api/desk-types.ts';
import { useSession } from '../../../app/session.tsx';
import { formatDateTime, formatFen } from '../../../components/format.ts';
import { useI18n } from '../../../i18n/index.tsx';

/** Every field of the ticket, in the order a supervisor reads it. */
export function TicketInfo({ ticket: x }: { ticket: TicketDetail }) {
  const { t, label } = useI18n();
  const { estateName, areaName } = useSession();
  const where = x.unitLabel ?? [t('ticket.publicArea'), areaName(x.areaId)].filter(Boolean).join(' · ');
  const items = [
    { key: 'where', label: t('ticket.unit'), children: <span data-testid="ticket-unit">{[estateName(x.estateId), where].filter(Boolean).join(' · ')}</span> },
    { key: 'reporter', label: t('ticket.reporter'), children: x.reporterName },
    { key: 'phone', label: t('ticket.reporterPhone'), children: <span className="wd-mono">{x.reporterPhone ?? '—'}</span> },
    { key: 'channel', label: t('ticket.channel'), children: label(CHANNEL_LABELS, x.channel) },
    { key: 'category', label: t('ticket.category'), children: x.category ? `${x.category.place} / ${x.category.category} / ${x.category.problem}` : '—' },
    {
      key: 'priority',
      label: t('ticket.priority'),
      children: (
        <span className="wd-tags">
          {label(PRIORITY_LABELS, x.priority)}
          {x.complex && <Tag style={{ marginInlineEnd: 0 }}>{t('ticket.complex')}</Tag>}
        </span>
      ),
    },
    ...(x.emergency ? [{ key: 'incident', label: t('ticket.incidentType'), children: <Tag color="red">{label(INCIDENT_LABELS, x.incidentType)}</Tag> }] : []),
    { key: 'dept', label: t('ticket.department'), children: x.department ? label(DEPARTMENT_LABELS, x.department) : t('ticket.notDispatched') },
    { key: 'assignee', label: t('ticket.assignee'), children: x.assigneeName ?? '—' },
    ...(x.appointmentAt ? [{ key: 'appt', label: t('ticket.appointmentAt'), children: formatDateTime(x.appointmentAt) }] : []),
    ...(x.price != null ? [{ key: 'price', label: t('ticket.price'), children: formatFen(x.price) }] : []),
    { key: 'created', label: t('ticket.createdAt'), children: formatDateTime(x.createdAt) },
    { key: 'responseDue', label: t('ticket.responseDueAt'), children: formatDateTime(x.responseDueAt) },
    { key: 'responded', label: t('ticket.respondedAt'), children: formatDateTime(x.respondedAt) },
    { key: 'resolutionDue', label: t('ticket.resolutionDueAt'), children: formatDateTime(x.resolutionDueAt) },
    { key: 'resolved', label: t('ticket.resolvedAt'), children: formatDateTime(x.resolvedAt) },
    ...(x.confirmedAt ? [{ key: 'confirmed', label: t('ticket.confirmedAt'), children: formatDateTime(x.confirmedAt) }] : []),
    ...(x.closedAt ? [{ key: 'closed', label: t('ticket.closedAt'), children: formatDateTime(x.closedAt) }] : []),
    ...(x.cancelledAt ? [{ key: 'cancelled', label: t('ticket.cancelledAt'), children: `${formatDateTime(x.cancelledAt)} ${x.cancelReason ?? ''}` }] : []),
    ...(x.rating != null ? [{ key: 'rating', label: t('ticket.rating'), children: `${'★'.repeat(x.rating)}${'☆'.repeat(5 - x.rating)} ${x.ratingComment ?? ''}` }] : []),
  ];
  return (
    <>
      <div className="wd-ticket-desc wd-pre wd-wrap" data-testid="ticket-description">
        {x.description}
      </div>
      <Descriptions size="small" bordered column={{ xs: 1, md: 2 }} items={items} styles={{ label: { width: 120, whiteSpace: 'nowrap' } }} data-testid="ticket-info" />
    </>
  );
}
