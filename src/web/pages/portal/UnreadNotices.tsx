import { useQuery } from '@tanstack/react-query';
import { Badge } from 'antd';
import { api } from '../../api/client.ts';

/** The portal menu's count of live notices none of his units has opened yet. */
export function UnreadNotices() {
  const q = useQuery({ queryKey: ['portal-notices', false], queryFn: () => api<{ unread: number }>('/api/v1/portal/notices'), refetchInterval: 60_000 });
  return q.data?.unread ? <Badge count={q.data.unread} size="small" className="wd-portal-badge" style={{ marginInlineStart: 4 }} data-testid="nav-unread" /> : null;
}
