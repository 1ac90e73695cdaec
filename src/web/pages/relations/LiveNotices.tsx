/** The desk's side of outage notices: the live text as the script for callers (OutageNoticeButton.tsx makes them). */
import { NotificationOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert } from 'antd';
import { api } from '../../api/client.ts';
import type { LiveNotice } from '../../api/notices-types.ts';
import { useSession } from '../../app/session.tsx';
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

