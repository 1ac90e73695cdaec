import { PlusOutlined, RightOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Flex, Typography } from 'antd';
import { formatInstant } from '../../components/format.ts';
import { Link, useNavigate } from 'react-router';
import { api } from '../../api/client.ts';
import type { TicketListItem } from '../../api/desk-types.ts';
import type { ListResponse } from '../../api/types.ts';
import { TicketStatusTag, TypeTag } from '../../components/desk/TicketTags.tsx';
import { PortalListState } from './PortalListState.tsx';
import { useT } from '../../i18n/index.tsx';

/** 我的报事: the owner's requests, newest first, each with its status. */
export default function PortalTickets() {
  const t = useT();
  const navigate = useNavigate();
  const list = useQuery({ queryKey: ['portal-tickets'], queryFn: () => api<ListResponse<TicketListItem>>('/api/v1/portal/tickets', { query: { pageSize: 50 } }) });
  return (
    <>
      <Flex justify="space-between" align="center" className="wd-portal-h1">
        <Typography.Title level={4} style={{ margin: 0 }} data-testid="portal-title">
          {t('portal.myTickets')}
        </Typography.Title>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/portal/tickets/new')} data-testid="portal-new-ticket">
          {t('portal.newTicket')}
        </Button>
      </Flex>
      <PortalListState query={list} rows={5} isEmpty={(d) => !d.items.length} empty={t('portal.noTickets')}>
        {(data) => (
          <Flex vertical gap={10} data-testid="portal-tickets">
            {data.items.map((x) => (
              <Link key={x.id} to={`/portal/tickets/${x.id}`} className="wd-portal-ticket" data-testid={`portal-ticket-${x.id}`}>
                <Flex justify="space-between" align="flex-start" gap={8}>
                  <div style={{ minWidth: 0 }}>
                    <div className="wd-portal-ticket-title">{x.title}</div>
                    <Flex gap={6} align="center" wrap className="wd-muted wd-small" style={{ marginTop: 4 }}>
                      <TypeTag type={x.type} />
                      <span className="wd-mono">{x.number}</span>
                      <span>{formatInstant(x.createdAt, 'YYYY-MM-DD HH:mm')}</span>
                    </Flex>
                  </div>
                  <Flex gap={4} align="center" style={{ flexShrink: 0 }}>
                    <TicketStatusTag status={x.status} />
                    <RightOutlined className="wd-muted" />
                  </Flex>
                </Flex>
              </Link>
            ))}
          </Flex>
        )}
      </PortalListState>
    </>
  );
}
