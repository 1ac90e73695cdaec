import { PushpinOutlined, RightOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Badge, Flex, Segmented, Tag, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api/client.ts';
import type { PortalNotice } from '../../api/notices-types.ts';
import { formatInstant } from '../../components/format.ts';
import { PortalListState } from './PortalListState.tsx';
import { useT } from '../../i18n/index.tsx';
import { CategoryTag } from '../relations/noticeParts.tsx';

export const portalNoticesKey = (history: boolean) => ['portal-notices', history] as const;

/** 通知: the notices addressed to his units, emergencies and pinned first; past ones under history. */
export default function PortalNotices() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const history = params.get('history') === '1';
  const list = useQuery({ queryKey: portalNoticesKey(history), queryFn: () => api<{ items: PortalNotice[]; unread: number }>('/api/v1/portal/notices', { query: { history: history ? 1 : undefined } }) });
  return (
    <>
      <Flex justify="space-between" align="center" className="wd-portal-h1">
        <Typography.Title level={4} style={{ margin: 0 }} data-testid="portal-title">
          {t('portal.notices')} {!!list.data?.unread && <Badge count={list.data.unread} className="wd-portal-badge" data-testid="portal-unread" />}
        </Typography.Title>
        <Segmented size="small" value={history ? 'h' : 'n'} onChange={(v) => setParams(v === 'h' ? { history: '1' } : {})} options={[{ value: 'n', label: t('portal.notices') }, { value: 'h', label: t('portal.history') }]} />
      </Flex>
      <PortalListState query={list} rows={5} isEmpty={(d) => !d.items.length} empty={t('portal.noNotices')}>
        {(data) => (
          <Flex vertical gap={10} data-testid="portal-notices">
            {data.items.map((x) => (
              <Link key={x.id} to={`/portal/notices/${x.id}`} className={`wd-portal-ticket${x.category === 'emergency' ? ' wd-portal-emergency' : ''}`} data-testid={`portal-notice-${x.id}`}>
                <Flex justify="space-between" align="flex-start" gap={8}>
                  <div style={{ minWidth: 0 }}>
                    <div className="wd-portal-ticket-title">
                      {!x.read && <Badge status="error" style={{ marginInlineEnd: 6 }} />}
                      {x.pinned && <PushpinOutlined style={{ marginInlineEnd: 4, color: '#d4380d' }} />}
                      {x.title}
                    </div>
                    <Flex gap={6} align="center" wrap className="wd-muted wd-small" style={{ marginTop: 4 }}>
                      <CategoryTag c={x.category} />
                      {x.publishedAt && <span>{formatInstant(x.publishedAt, 'YYYY-MM-DD HH:mm')}</span>}
                      {x.requireAck && <Tag color={x.acknowledged ? 'green' : 'orange'}>{x.acknowledged ? t('portal.acked') : t('portal.ack')}</Tag>}
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
