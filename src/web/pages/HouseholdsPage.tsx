import { SearchOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Empty, Flex, Input, Select, Table, type TableColumnsType, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { CARE_FLAG_LABELS } from '../../core/labels.ts';
import { CARE_FLAGS } from '../../core/units.ts';
import { api } from '../api/client.ts';
import type { HouseholdSummary, ListResponse } from '../api/types.ts';
import { useSession } from '../app/session.tsx';
import { formatDate } from '../components/format.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { ErrorResult } from '../components/Results.tsx';
import { CareTags } from '../components/tags.tsx';
import { useI18n } from '../i18n/index.tsx';

/** 住户: the households living in the estate now, searchable, with the special-care filter. */
export default function HouseholdsPage() {
  const { t, label } = useI18n();
  const { estateId, estate } = useSession();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const care = params.get('care') ?? undefined;
  const page = Number(params.get('page')) || 1;
  const pageSize = Number(params.get('size')) || 20;
  const [search, setSearch] = useState(q);
  useEffect(() => setSearch(q), [q]);

  const update = (patch: Record<string, string | number | undefined>, resetPage = true) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === '') next.delete(k);
      else next.set(k, String(v));
    }
    if (resetPage) next.delete('page');
    setParams(next, { replace: true });
  };

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
          <Input.Search
            allowClear
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            onSearch={(v) => update({ q: v.trim() })}
            placeholder={t('households.searchPlaceholder')}
            enterButton={<SearchOutlined />}
            style={{ width: 320 }}
            data-testid="household-search"
          />
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
            pagination={{
              current: page,
              pageSize,
              total: list.data?.total ?? 0,
              showSizeChanger: true,
              pageSizeOptions: [20, 50, 100],
              showTotal: (n) => t('common.total', { n }),
              onChange: (p, s) => update({ page: p === 1 ? undefined : p, size: s === 20 ? undefined : s }, false),
            }}
            data-testid="households-table"
          />
        )}
      </Card>
    </>
  );
}
