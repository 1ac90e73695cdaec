/** On a ticket: make the prefilled outage notice of an emergency water or power ticket. */
import { NotificationOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Button } from 'antd';
import { useNavigate } from 'react-router';
import { api } from '../../api/client.ts';
import { useSession } from '../../app/session.tsx';
import { useReportError } from '../../components/useReportError.ts';
import { useT } from '../../i18n/index.tsx';

/** On an emergency water or power outage ticket: make (or open) its prefilled notice. */
export function OutageNoticeButton({ ticketId, emergency, incidentType }: { ticketId: number; emergency: boolean; incidentType: string | null }) {
  const t = useT();
  const navigate = useNavigate();
  const { can } = useSession();
  const reportError = useReportError();
  const make = useMutation({
    mutationFn: () => api<{ id: number }>(`/api/v1/notices/from-ticket/${ticketId}`, { method: 'POST' }),
    onSuccess: (r) => navigate(`/relations/notices/${r.id}`),
    onError: (err) => reportError(err),
  });
  if (!emergency || !['water_outage', 'power_outage'].includes(incidentType ?? '') || !can('notice.draft')) return null;
  return (
    <Button danger icon={<NotificationOutlined />} onClick={() => make.mutate()} loading={make.isPending} data-testid="outage-notice">
      {t('rn.outageNotice')}
    </Button>
  );
}
