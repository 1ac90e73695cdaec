import { RightOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Flex, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { api } from '../../api/client.ts';
import type { PortalActivity } from '../../api/notices-types.ts';
import { formatInstant } from '../../components/format.ts';
import { PortalListState } from './PortalListState.tsx';
import { type MessageKey, useT } from '../../i18n/index.tsx';

/** 社区活动: the activities his units are invited to, newest first. */
export default function PortalActivities() {
  const t = useT();
  const list = useQuery({ queryKey: ['portal-activities'], queryFn: () => api<{ items: PortalActivity[] }>('/api/v1/portal/activities') });
  return (
    <>
      <Typography.Title level={4} className="wd-portal-h1" data-testid="portal-title">
        {t('portal.activities')}
      </Typography.Title>
      <PortalListState query={list} rows={4} isEmpty={(d) => !d.items.length} empty={t('portal.noActivities')}>
        {(data) => (
          <Flex vertical gap={10}>
            {data.items.map((x) => (
              <Link key={x.id} to={`/portal/activities/${x.id}`} className="wd-portal-ticket" data-testid={`portal-activity-${x.id}`}>
                <Flex justify="space-between" align="flex-start" gap={8}>
                  <div style={{ minWidth: 0 }}>
                    <div className="wd-portal-ticket-title">{x.title}</div>
                    <Flex gap={6} align="center" wrap className="wd-muted wd-small" style={{ marginTop: 4 }}>
                      <Tag color={x.open ? 'green' : 'default'}>{t(`act.st.${x.status}` as MessageKey)}</Tag>
                      <span>{formatInstant(x.startsAt, 'MM-DD HH:mm')}</span>
                      <span>{x.facilityName ?? x.venue ?? ''}</span>
                      {x.mine.some((m) => m.status !== 'cancelled') && <Tag color="blue">{t(`act.rs.${x.mine.find((m) => m.status !== 'cancelled')!.status}` as MessageKey)}</Tag>}
                    </Flex>
                  </div>
                  <RightOutlined className="wd-muted" />
                </Flex>
              </Link>
            ))}
          </Flex>
        )}
      </PortalListState>
    </>
  );
}
