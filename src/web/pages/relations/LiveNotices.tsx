/** The desk's side of outage notices: the live text as the script for callers, and the button on a ticket. */
import { NotificationOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button } from 'antd';
import { useNavigate } from 'react-router';
import { api } from '../../api/client.ts';
import type { LiveNotice } from '../../api/relations-types.ts';
import { useSession } from '../../app/session.tsx';
import { useReportError } from '../../components/useReportError.ts';
import { useT } from '../../i18n/index.tsx';

/** While an emergency or outage notice is live, the front desk reads it out to callers. */
export function LiveNoticeBanner() {
  const t = useT();
  const { estateId, can } = useSession();
  const live = useQuery({ queryKey: ['live-notices', estateId], queryFn: () => api<{ items: LiveNotice[] }>('/api/v1/notices/live', { query: { estateId } }), enabled: !!estateId && can('notice.read'), refetchInterval: 60_000 });
  if (!live.data?.items.length) return null;
  return (
    <>
      {live.data.items.map((n) => (
        <Alert
          key={n.id}
          className="wd-rn-live"
          type="error"
          showIcon
          icon={<NotificationOutlined />}
          title={`${t('rn.live')} · ${n.title}`}
          description={<div className="wd-pre">{n.body}</div>}
          data-testid="live-notice"
        />
      ))}
    </>
  );
}

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
