import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Checkbox, Flex, Select, Table, type TableColumnsType, Tabs, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { DEPARTMENT_LABELS, STATUS_LABELS, TICKET_TYPE_LABELS } from '../../../core/desk-labels.ts';
import { DEPARTMENTS, STATUSES, TICKET_TYPES } from '../../../core/tickets.ts';
import { api } from '../../api/client.ts';
import type { TicketListItem } from '../../api/desk-types.ts';
import type { ListResponse } from '../../api/types.ts';
import { useSession } from '../../app/session.tsx';
import { AgreementTag, EmergencyTag, TicketStatusTag, TypeTag } from '../../components/desk/TicketTags.tsx';
import { formatDateTime, formatInstant } from '../../components/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ErrorResult } from '../../components/Results.tsx';
import { useListParams } from '../../components/useListParams.ts';
import { type MessageKey, useI18n } from '../../i18n/index.tsx';
import { ListSearch } from '../../components/ListSearch.tsx';

const TABS: Array<{ key: string; label: MessageKey; query: Record<string, string> }> = [
  { key: 'open', label: 'tickets.tab.open', query: { open: '1' } },
  { key: 'at_risk', label: 'tickets.tab.atRisk', query: { open: '1', agreement: 'at_risk' } },
  { key: 'breached', label: 'tickets.tab.breached', query: { open: '1', agreement: 'breached' } },
  { key: 'mine', label: 'tickets.tab.mine', query: { mine: '1' } },
  { key: 'all', label: 'tickets.tab.all', query: {} },
];

/** 工单: every ticket of the estate, with quick tabs, filters and live countdowns. */
export default function TicketListPage() {
  const { t, label } = useI18n();
  const { estateId, can } = useSession();
  const navigate = useNavigate();
  const { params, page, pageSize, update, changePage } = useListParams();
  const tab = TABS.find((x) => x.key === params.get('tab')) ?? TABS[0];
  const type = params.get('type') ?? undefined;
  const status = params.get('status') ?? undefined;
  const department = params.get('department') ?? undefined;
  const emergency = params.get('emergency') === '1';
  const q = params.get('q') ?? '';

  const query = { estateId, ...tab.query, type, status, department, emergency: emergency ? 1 : undefined, q: q || undefined, page, pageSize };
  const list = useQuery({
    queryKey: ['tickets', query],
    queryFn: () => api<ListResponse<TicketListItem>>('/api/v1/tickets', { query }),
    enabled: !!estateId,
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });

  const columns: TableColumnsType<TicketListItem> = [
    { title: t('ticket.number'), dataIndex: 'number', width: 120, render: (v: string) => <Typography.Link className="wd-mono">{v}</Typography.Link> },
    { title: t('ticket.type'), dataIndex: 'type', width: 104, render: (v: string) => <TypeTag type={v} /> },
    {
      title: t('ticket.title'),
      dataIndex: 'title',
      ellipsis: true,
      render: (v: string, r) => (
        <Flex gap={6} align="center" style={{ minWidth: 0 }}>
          {r.emergency && <EmergencyTag incidentType={r.incidentType} />}
          <span className="wd-ellipsis" title={v}>
            {v}
          </span>
        </Flex>
      ),
    },
    {
      title: t('tickets.unitReporter'),
      key: 'where',
      width: 132,
      render: (_: unknown, r) => (
        <div className="wd-two-lines">
          <div>{r.unitLabel ?? <span className="wd-muted">{t('ticket.publicArea')}</span>}</div>
          <div className="wd-muted wd-small wd-ellipsis">{r.reporterName}</div>
        </div>
      ),
    },
    { title: t('ticket.status'), dataIndex: 'status', width: 100, render: (v: string) => <TicketStatusTag status={v} /> },
    { title: t('ticket.agreement'), key: 'agreement', width: 176, render: (_: unknown, r) => <AgreementTag ticket={r} /> },
    {
      title: t('ticket.handler'),
      key: 'handler',
      width: 140,
      ellipsis: true,
      render: (_: unknown, r) =>
        r.department ? (
          <span>
            {label(DEPARTMENT_LABELS, r.department)}
            {r.assigneeName && <span className="wd-muted"> · {r.assigneeName}</span>}
          </span>
        ) : (
          <span className="wd-muted">{t('ticket.notDispatched')}</span>
        ),
    },
    { title: t('ticket.createdAt'), dataIndex: 'createdAt', width: 112, render: (v: string) => <span title={formatDateTime(v)}>{formatInstant(v, 'MM-DD HH:mm')}</span> },
  ];

  const filtered = !!(type || status || department || emergency || q);
  return (
    <>
      <PageHeader
        title={t('nav.tickets')}
        subtitle={t('tickets.subtitle')}
        extra={
          can('desk.register') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/desk/register')}>
              {t('nav.register')}
            </Button>
          )
        }
      />
      <Card styles={{ body: { paddingTop: 4 } }}>
        <Tabs activeKey={tab.key} onChange={(k) => update({ tab: k === 'open' ? undefined : k })} items={TABS.map((x) => ({ key: x.key, label: t(x.label) }))} data-testid="ticket-tabs" />
        <Flex gap={8} wrap style={{ marginBottom: 12 }}>
          <ListSearch q={q} onSearch={(v) => update({ q: v })} placeholder={t('tickets.searchPlaceholder')} width={240} testId="ticket-search" />
          <Select allowClear placeholder={t('ticket.type')} value={type} onChange={(v) => update({ type: v })} style={{ width: 130 }} options={TICKET_TYPES.map((x) => ({ value: x, label: label(TICKET_TYPE_LABELS, x) }))} />
          <Select allowClear placeholder={t('ticket.status')} value={status} onChange={(v) => update({ status: v })} style={{ width: 130 }} options={STATUSES.map((x) => ({ value: x, label: label(STATUS_LABELS, x) }))} />
          <Select allowClear placeholder={t('ticket.department')} value={department} onChange={(v) => update({ department: v })} style={{ width: 130 }} options={DEPARTMENTS.map((x) => ({ value: x, label: label(DEPARTMENT_LABELS, x) }))} />
          <Checkbox checked={emergency} onChange={(e) => update({ emergency: e.target.checked ? 1 : undefined })} style={{ alignSelf: 'center' }}>
            {t('tickets.emergencyOnly')}
          </Checkbox>
          {filtered && (
            <Button type="link" onClick={() => update({ type: undefined, status: undefined, department: undefined, emergency: undefined, q: undefined })}>
              {t('common.clearFilters')}
            </Button>
          )}
        </Flex>
        {list.error ? (
          <ErrorResult error={list.error} />
        ) : (
          <Table<TicketListItem>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={list.data?.items}
            loading={list.isFetching && !list.data}
            tableLayout="fixed"
            scroll={{ x: 1100 }}
            data-testid="tickets-table"
            rowClassName={(r) => `wd-clickable${r.emergency ? ' wd-row-emergency' : ''}`}
            onRow={(r) => ({ onClick: () => navigate(`/desk/tickets/${r.id}`) })}
            locale={{ emptyText: t(filtered ? 'tickets.noMatch' : 'tickets.none') }}
            pagination={{
              current: page,
              pageSize,
              total: list.data?.total ?? 0,
              showSizeChanger: true,
              showTotal: (n) => (list.data?.more ? t('common.totalMore', { n }) : t('common.total', { n })),
              onChange: changePage,
            }}
          />
        )}
      </Card>
    </>
  );
}
