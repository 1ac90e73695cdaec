import { SearchOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, DatePicker, Empty, Flex, Input, Select, Table, type TableColumnsType, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { EVENT_LABELS } from '../../core/desk-labels.ts';
import { api } from '../api/client.ts';
import type { AuditEntry, ListResponse } from '../api/types.ts';
import { useSession } from '../app/session.tsx';
import { formatDateTime } from '../components/format.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { ErrorResult } from '../components/Results.tsx';
import { useListParams } from '../components/useListParams.ts';
import { type MessageKey, useI18n } from '../i18n/index.tsx';

const ACTIONS = ['create', 'update', 'archive', 'reveal', 'login', 'import', 'transfer', 'end', 'clock', 'approve', 'reject', 'close', 'deliver', 'adjust', 'replace', 'search'] as const;
const ENTITIES = ['estate', 'area', 'building', 'unit', 'facility', 'household', 'member', 'ownership', 'tenancy', 'user', 'clock', 'ticket', 'category', 'sla_policy', 'holiday', 'desk_settings', 'fee_item', 'fee_price', 'fee_discount', 'meter', 'meter_reading', 'billing_run', 'bill_line', 'notice', 'payment', 'payment_reversal', 'fee_waiver', 'daily_close', 'arrears_step', 'arrears_reminders', 'phone'] as const;
const ACTION_COLORS: Record<string, string> = {
  create: 'green',
  update: 'blue',
  archive: 'default',
  reveal: 'red',
  login: 'cyan',
  import: 'purple',
  transfer: 'gold',
  end: 'orange',
  clock: 'magenta',
  approve: 'green',
  reject: 'volcano',
  close: 'purple',
  search: 'volcano',
};

/** 审计日志: every change and every reveal of a full number, newest first. */
export default function AuditPage() {
  const { t, label } = useI18n();
  const { estateName, estates } = useSession();
  const { params, setParams, page, pageSize, update, pagination } = useListParams();
  const from = params.get('from') ?? undefined;
  const to = params.get('to') ?? undefined;
  const actor = params.get('actor') ?? '';
  const action = params.get('action') ?? undefined;
  const entity = params.get('entity') ?? undefined;
  const estateId = Number(params.get('estate')) || undefined;
  const [actorInput, setActorInput] = useState(actor);
  useEffect(() => setActorInput(actor), [actor]);

  const list = useQuery({
    queryKey: ['audit', { from, to, actor, action, entity, estateId, page, pageSize }],
    queryFn: () => api<ListResponse<AuditEntry>>('/api/v1/audit-log', { query: { from, to, actor: actor || undefined, action, entity, estateId, page, pageSize } }),
    placeholderData: keepPreviousData,
  });

  // Codes of the later modules are named by the server in the reader's language (fromServer).
  const entityLabel = (e: string, fromServer?: string | null) => ((ENTITIES as readonly string[]).includes(e) ? t(`audit.entity.${e}` as MessageKey) : (fromServer ?? e));
  // Service-desk steps are logged as "ticket.<event>" (e.g. ticket.dispatch).
  const actionLabel = (a: string, fromServer?: string | null) => {
    if ((ACTIONS as readonly string[]).includes(a)) return t(`audit.action.${a}` as MessageKey);
    if (fromServer) return fromServer;
    const [prefix, event] = a.split('.');
    return event ? `${entityLabel(prefix)} · ${label(EVENT_LABELS, event)}` : a;
  };

  const columns: TableColumnsType<AuditEntry> = [
    { title: t('audit.at'), dataIndex: 'at', width: 170, render: (v: string) => <span className="wd-mono">{formatDateTime(v)}</span> },
    {
      title: t('audit.actor'),
      dataIndex: 'actorDisplayName',
      width: 150,
      render: (v: string, e) => (
        <span title={t('audit.actorTitle', { username: e.actorName })} data-testid="audit-actor">
          {v}
        </span>
      ),
    },
    {
      title: t('audit.action'),
      dataIndex: 'action',
      width: 150,
      render: (v: string, e) => (
        <Tag color={ACTION_COLORS[v] ?? (v.startsWith('ticket.') ? 'geekblue' : 'default')} data-action={v}>
          {actionLabel(v, e.actionLabel)}
        </Tag>
      ),
    },
    {
      title: t('audit.entity'),
      key: 'entity',
      width: 140,
      render: (_: unknown, e) => (
        <span>
          {entityLabel(e.entity, e.entityLabel)}
          {/* The business number (receipt, date, ticket, unit), never the table's row id. */}
          {e.entityRef ? <span className="wd-muted"> {e.entityRef}</span> : null}
        </span>
      ),
    },
    { title: t('audit.summary'), dataIndex: 'summary', render: (v: string) => <span className="wd-wrap" data-testid="audit-summary">{v}</span> },
    { title: t('audit.estate'), dataIndex: 'estateId', width: 120, render: (v: number | null) => (v ? (estateName(v) ?? '—') : '—') },
    { title: t('audit.ip'), dataIndex: 'ip', width: 130, render: (v: string | null) => <span className="wd-mono wd-muted">{v ?? '—'}</span> },
  ];

  const filtered = !!(from || to || actor || action || entity || estateId);

  return (
    <>
      <PageHeader title={t('nav.audit')} subtitle={t('audit.subtitle')} />
      <Card size="small" styles={{ body: { paddingTop: 12 } }}>
        <Flex gap={8} wrap className="wd-filters">
          <DatePicker.RangePicker
            value={[from ? dayjs(from) : null, to ? dayjs(to) : null]}
            onChange={(range) => update({ from: range?.[0]?.format('YYYY-MM-DD'), to: range?.[1]?.format('YYYY-MM-DD') })}
            allowEmpty={[true, true]}
            style={{ width: 260 }}
          />
          <Input.Search
            allowClear
            value={actorInput}
            onChange={(e) => setActorInput(e.target.value)}
            onSearch={(v) => update({ actor: v.trim() })}
            placeholder={t('audit.actorPlaceholder')}
            enterButton={<SearchOutlined />}
            style={{ width: 200 }}
          />
          <Select
            allowClear
            placeholder={t('audit.action')}
            value={action}
            onChange={(v) => update({ action: v })}
            options={ACTIONS.map((a) => ({ value: a, label: actionLabel(a) }))}
            style={{ width: 150 }}
            data-testid="action-filter"
          />
          <Select
            allowClear
            placeholder={t('audit.entity')}
            value={entity}
            onChange={(v) => update({ entity: v })}
            options={ENTITIES.map((e) => ({ value: e, label: entityLabel(e) }))}
            style={{ width: 150 }}
          />
          {estates.length > 1 && (
            <Select
              allowClear
              placeholder={t('audit.estate')}
              value={estateId}
              onChange={(v) => update({ estate: v })}
              options={estates.map((e) => ({ value: e.id, label: e.name }))}
              style={{ width: 160 }}
            />
          )}
          {filtered && (
            <Button type="link" onClick={() => setParams({}, { replace: true })}>
              {t('common.clearFilters')}
            </Button>
          )}
        </Flex>
        {list.error ? (
          <ErrorResult error={list.error} />
        ) : (
          <Table<AuditEntry>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={list.data?.items}
            loading={list.isFetching}
            scroll={{ x: 1100 }}
            rowClassName={(e) => (e.action === 'reveal' ? 'wd-row-reveal' : '')}
            expandable={{
              rowExpandable: (e) => e.detail != null,
              expandedRowRender: (e) => (
                <Typography.Paragraph className="wd-json" copyable>
                  {JSON.stringify(e.detail, null, 2)}
                </Typography.Paragraph>
              ),
            }}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={filtered ? t('audit.noMatch') : t('audit.none')} /> }}
            pagination={pagination(list.data?.total)}
            data-testid="audit-table"
          />
        )}
      </Card>
    </>
  );
}
