import { BellOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Drawer, Empty, Flex, List, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../../api/client.ts';
import type { Notification, NotificationList } from '../../api/desk-types.ts';
import { useT } from '../../i18n/index.tsx';
import { formatDateTime, formatInstant } from '../format.ts';
import { useReportError } from '../useReportError.ts';

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
      <Drawer
        open={open}
        onClose={() => setOpen(false)}
        title={t('notify.title')}
        size={380}
        extra={
          <Button size="small" disabled={!unread} loading={markRead.isPending} onClick={() => markRead.mutate('all')} data-testid="notifications-read-all">
            {t('notify.readAll')}
          </Button>
        }
        styles={{ body: { padding: 0 } }}
      >
        {list.data && !list.data.items.length ? (
          <Empty style={{ marginTop: 48 }} description={t('notify.none')} />
        ) : (
          <List
            loading={list.isPending}
            dataSource={list.data?.items ?? []}
            data-testid="notification-list"
            renderItem={(n) => (
              <List.Item className={`wd-notice ${n.read ? 'wd-notice-read' : ''}`} onClick={() => openItem(n)}>
                <Flex vertical gap={2} style={{ width: '100%' }}>
                  <Flex justify="space-between" gap={8} align="baseline">
                    <Typography.Text strong={!n.read} className="wd-wrap">
                      {!n.read && <Badge status="error" style={{ marginInlineEnd: 6 }} />}
                      {n.title}
                    </Typography.Text>
                    <span className="wd-muted wd-small" title={formatDateTime(n.at)} style={{ whiteSpace: 'nowrap' }}>
                      {formatInstant(n.at, 'MM-DD HH:mm')}
                    </span>
                  </Flex>
                  {n.body && <Typography.Text type="secondary" className="wd-small wd-wrap">{n.body}</Typography.Text>}
                </Flex>
              </List.Item>
            )}
          />
        )}
      </Drawer>
    </>
  );
}
