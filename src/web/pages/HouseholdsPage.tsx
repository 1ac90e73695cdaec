import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Empty, Flex, Select, Table, type TableColumnsType, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { CARE_FLAG_LABELS } from '../../core/labels.ts';
import { CARE_FLAGS } from '../../core/units.ts';
import { api } from '../api/client.ts';
import type { HouseholdSummary, ListResponse } from '../api/types.ts';
import { useSession } from '../app/session.tsx';
import { formatDate } from '../components/format.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { ErrorResult } from '../components/Results.tsx';
import { CareTags } from '../components/tags.tsx';
import { useListParams } from '../components/useListParams.ts';
import { useI18n } from '../i18n/index.tsx';
import { ListSearch } from '../components/ListSearch.tsx';

/** 住户: the households living in the estate now, searchable, with the special-care filter. */
export default function HouseholdsPage() {
  const { t, label } = useI18n();
  const { estateId, estate } = useSession();
  const navigate = useNavigate();
  const { params, page, pageSize, update, pagination } = useListParams();
  const q = params.get('q') ?? '';
  const care = params.get('care') ?? undefined;

  const list = useQuery({
    queryKey: ['households', { estateId, q, care, page, pageSize }],
    queryFn: () => api<ListResponse<HouseholdSummary>>('/api/v1/households', { query: { estateId, q: q || undefined, care, page, pageSize } }),
    enabled: !!estateId,
    placeholderData: keepPreviousData,
  });

  const columns: TableColumnsType<HouseholdSummary> = [
    { title: t('unit.label'), dataIndex: 'unitLabel', width: 120, render: (v: string) => <Typography.Link strong>{v}</Typography.Link> },
    { title: t('household.name'), dataIndex: 'name', width: 180 },
    { title: t('household.head'), dataIndex: 'headName', width: 120, render: (v: string | null) => v ?? '—' },
    { title: t('household.headPhone'), dataIndex: 'headPhone', width: 150, render: (v: string | null) => <span className="wd-mono">{v ?? '—'}</span> },
    { title: t('household.memberCount'), dataIndex: 'memberCount', width: 100, align: 'right' },
    { title: t('household.movedInOn'), dataIndex: 'movedInOn', width: 120, render: formatDate },
    { title: t('unit.care'), dataIndex: 'careFlags', render: (v: string[]) => <CareTags flags={v} empty="—" /> },
  ];

  return (
    <>
      <PageHeader title={t('nav.households')} subtitle={t('households.subtitle', { estate: estate?.name ?? '' })} />
      <Card size="small" styles={{ body: { paddingTop: 12 } }}>
        <Flex gap={8} wrap className="wd-filters">
          <ListSearch button q={q} onSearch={(v) => update({ q: v })} placeholder={t('households.searchPlaceholder')} width={320} testId="household-search" />
          <Select
            allowClear
            placeholder={t('households.careFilter')}
            value={care}
            onChange={(v) => update({ care: v })}
            options={CARE_FLAGS.map((f) => ({ value: f, label: label(CARE_FLAG_LABELS, f) }))}
            style={{ width: 180 }}
            data-testid="care-filter"
          />
        </Flex>
        {list.error ? (
          <ErrorResult error={list.error} />
        ) : (
          <Table<HouseholdSummary>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={list.data?.items}
            loading={list.isFetching}
            scroll={{ x: 900 }}
            onRow={(h) => ({ onClick: () => navigate(`/units/${h.unitId}`), className: 'wd-clickable' })}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={q || care ? t('households.noMatch') : t('households.none')} /> }}
            pagination={pagination(list.data?.total)}
            data-testid="households-table"
          />
        )}
      </Card>
    </>
  );
}
