import { BellOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Badge, Button } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../../api/client.ts';
import type { Notification, NotificationList } from '../../api/desk-types.ts';
import { useT } from '../../i18n/index.tsx';
import { lazyDialog } from '../lazyParts.tsx';
import { useReportError } from '../useReportError.ts';

// The drawer and its list are fetched on the first click of the bell, not with every page.
const NotificationDrawer = lazyDialog(() => import('./NotificationDrawer.tsx').then((m) => m.NotificationDrawer), (p) => p.open);

const KEY = ['notifications'] as const;

/** Header bell: unread count (polled every 45 s) and a drawer; an item opens its ticket. */
export function NotificationBell({ ticketPath }: { ticketPath: (id: number) => string }) {
  const t = useT();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const reportError = useReportError();
  const [open, setOpen] = useState(false);
  const list = useQuery({
    queryKey: KEY,
    queryFn: () => api<NotificationList>('/api/v1/notifications', { query: { pageSize: 30 } }),
    refetchInterval: 45_000,
  });
  const markRead = useMutation({
    mutationFn: (id: number | 'all') => api(id === 'all' ? '/api/v1/notifications/read-all' : `/api/v1/notifications/${id}/read`, { body: {} }),
    onSettled: () => qc.invalidateQueries({ queryKey: KEY }),
    onError: (err) => reportError(err),
  });
  const unread = list.data?.unread ?? 0;

  const openItem = (n: Notification) => {
    if (!n.read) markRead.mutate(n.id);
    if (n.ticketId) {
      setOpen(false);
      navigate(ticketPath(n.ticketId));
    }
  };

  return (
    <>
      <Badge count={unread} size="small" overflowCount={99} offset={[-4, 4]}>
        <Button type="text" icon={<BellOutlined />} onClick={() => setOpen(true)} aria-label={t('notify.title')} title={t('notify.title')} data-testid="notification-bell" />
      </Badge>
      <NotificationDrawer open={open} onClose={() => setOpen(false)} list={list.data} loading={list.isPending} unread={unread} markRead={markRead} onOpenItem={openItem} />
    </>
  );
}
