import type { UseMutationResult } from '@tanstack/react-query';
import { Badge, Button, Drawer, Empty, Flex, List, Typography } from 'antd';
import type { Notification, NotificationList } from '../../api/desk-types.ts';
import { useT } from '../../i18n/index.tsx';
import { formatDateTime, formatInstant } from '../format.ts';

interface Props {
  open: boolean;
  onClose: () => void;
  list: NotificationList | undefined;
  loading: boolean;
  unread: number;
  markRead: UseMutationResult<unknown, Error, number | 'all'>;
  onOpenItem: (n: Notification) => void;
}

/** The bell's drawer (NotificationBell.tsx): the latest notifications, newest first; an item opens its ticket. */
export function NotificationDrawer({ open, onClose, list, loading, unread, markRead, onOpenItem }: Props) {
  const t = useT();
  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={t('notify.title')}
      size={380}
      extra={
        <Button size="small" disabled={!unread} loading={markRead.isPending} onClick={() => markRead.mutate('all')} data-testid="notifications-read-all">
          {t('notify.readAll')}
        </Button>
      }
      styles={{ body: { padding: 0 } }}
    >
      {list && !list.items.length ? (
        <Empty style={{ marginTop: 48 }} description={t('notify.none')} />
      ) : (
        <List
          loading={loading}
          dataSource={list?.items ?? []}
          data-testid="notification-list"
          renderItem={(n) => (
            <List.Item className={`wd-notice ${n.read ? 'wd-notice-read' : ''}`} onClick={() => onOpenItem(n)}>
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
  );
}
