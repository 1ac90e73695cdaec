import { PlusOutlined, PrinterOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Dropdown, Flex, Select, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { RENO_KIND_LABELS, RENO_STATUS_LABELS } from '../../../core/renovation-labels.ts';
import { RENO_STATUSES } from '../../../core/renovation.ts';
import { api } from '../../api/client.ts';
import type { Renovation } from '../../api/reno-types.ts';
import type { ListResponse } from '../../api/types.ts';
import { useSession } from '../../app/session.tsx';
import { ListSearch } from '../../components/ListSearch.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ErrorResult } from '../../components/Results.tsx';
import { useListParams } from '../../components/useListParams.ts';
import { useI18n } from '../../i18n/index.tsx';
import { OverdueTag, RenoStatusTag } from './RenoTags.tsx';

/** 装修登记: every renovation of the estate with its status, filtered by status, area, text. */
export default function RenoListPage() {
  const { t, label } = useI18n();
  const { estateId, can, estates } = useSession();
  const navigate = useNavigate();
  const { params, page, pageSize, update, changePage } = useListParams();
  const status = params.get('status') ?? undefined;
  const areaId = params.get('areaId') ?? undefined;
  const q = params.get('q') ?? '';
  const overdue = params.get('overdue') === '1' ? '1' : undefined;
  const query = { estateId, status, areaId, overdue, q: q || undefined, page, pageSize };
  const list = useQuery({
    queryKey: ['renovations', query],
    queryFn: () => api<ListResponse<Renovation>>('/api/v1/renovations', { query }),
    enabled: !!estateId,
    placeholderData: keepPreviousData,
  });
  const areas = estates.find((e) => e.id === estateId)?.areas ?? [];
  const columns: TableColumnsType<Renovation> = [
    { title: t('reno.number'), dataIndex: 'number', width: 130, render: (v: string) => <Typography.Link className="wd-mono">{v}</Typography.Link> },
    { title: t('reno.status'), dataIndex: 'status', width: 150, render: (v: string, r) => <><RenoStatusTag status={v} /><OverdueTag since={r.overdueSince} /></> },
    { title: t('reno.unit'), dataIndex: 'unitLabel', width: 100 },
    { title: t('reno.area'), dataIndex: 'areaName', width: 80 },
    { title: t('reno.kind'), dataIndex: 'kind', width: 100, render: (v: string, r) => <>{label(RENO_KIND_LABELS, v)}{r.touchesStructure && <Tag color="red" style={{ marginLeft: 4 }}>{t('reno.structure')}</Tag>}</> },
    { title: t('reno.applicantName'), dataIndex: 'applicantName', width: 100, ellipsis: true },
    { title: t('reno.contractor'), dataIndex: 'contractor', ellipsis: true },
    { title: t('reno.plannedDates'), key: 'dates', width: 200, render: (_: unknown, r) => `${r.plannedStart} ~ ${r.plannedEnd}` },
  ];
  return (
    <>
      <PageHeader
        title={t('nav.reno')}
        subtitle={t('reno.listSubtitle')}
        extra={
          <Flex gap={8}>
            <Dropdown
              menu={{
                items: [
                  { key: '/print/reno/sheet/today', label: t('reno.forms.sheetToday') },
                  { key: '/print/reno/sheet/blank', label: t('reno.forms.sheetBlank') },
                  { key: '/print/reno/violations/blank/notice', label: t('reno.forms.noticeBlank') },
                  { key: '/print/reno/blank/approval', label: t('reno.forms.approvalBlank') },
                ],
                onClick: ({ key }) => navigate(key),
              }}
            >
              <Button icon={<PrinterOutlined />}>{t('reno.forms')}</Button>
            </Dropdown>
            {can('reno.register') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/reno/new')} data-testid="reno-new">
                {t('nav.renoNew')}
              </Button>
            )}
          </Flex>
        }
      />
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 12 }}>
          <Select allowClear placeholder={t('reno.status')} style={{ width: 160 }} value={status} onChange={(v) => update({ status: v })} options={RENO_STATUSES.map((s) => ({ value: s, label: label(RENO_STATUS_LABELS, s) }))} data-testid="reno-filter-status" />
          <Select allowClear placeholder={t('reno.deadline')} style={{ width: 130 }} value={overdue} onChange={(v) => update({ overdue: v })} options={[{ value: '1', label: t('reno.overdue') }]} data-testid="reno-filter-overdue" />
          <Select allowClear placeholder={t('reno.area')} style={{ width: 140 }} value={areaId} onChange={(v) => update({ areaId: v })} options={areas.map((a) => ({ value: String(a.id), label: a.name }))} />
          <ListSearch q={q} onSearch={(v) => update({ q: v })} placeholder={t('reno.searchPlaceholder')} width={260} />
        </Flex>
        {list.error ? (
          <ErrorResult error={list.error} />
        ) : (
          <Table<Renovation>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={list.data?.items}
            loading={list.isPending}
            tableLayout="fixed"
            scroll={{ x: 1000 }}
            onRow={(r) => ({ onClick: () => navigate(`/reno/${r.id}`), style: { cursor: 'pointer' } })}
            pagination={{ current: page, pageSize, total: list.data?.total, onChange: changePage, showTotal: (n) => t('common.total', { n }), hideOnSinglePage: true }}
            data-testid="reno-table"
          />
        )}
      </Card>
    </>
  );
}
