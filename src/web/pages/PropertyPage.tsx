import { ApartmentOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Badge, Card, Checkbox, Col, Empty, Flex, Row, Select, Table, type TableColumnsType, Tag, Tooltip, Typography } from 'antd';
import { useEffect, useMemo } from 'react';
import { useNavigate } from 'react-router';
import { UNIT_STATUS_LABELS, UNIT_USAGE_LABELS } from '../../core/labels.ts';
import { UNIT_STATUSES, UNIT_USAGES } from '../../core/units.ts';
import { api } from '../api/client.ts';
import type { Building, ListResponse, Unit } from '../api/types.ts';
import { useSession } from '../app/session.tsx';
import { formatArea } from '../components/format.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { CardSkeleton, ErrorResult } from '../components/Results.tsx';
import { CareTags, STATUS_BAR_COLORS, StatusTag } from '../components/tags.tsx';
import { useListParams } from '../components/useListParams.ts';
import { useI18n } from '../i18n/index.tsx';
import { ListSearch } from '../components/ListSearch.tsx';

/** 房屋档案: buildings of the estate on the left, its units on the right (server-side paging). */
export default function PropertyPage() {
  const { t, label } = useI18n();
  const { estateId, estate } = useSession();
  const navigate = useNavigate();
  const { params, page, pageSize, update, pagination } = useListParams();
  const buildingId = Number(params.get('building')) || undefined;
  const q = params.get('q') ?? '';
  const status = params.get('status') ?? undefined;
  const usage = params.get('usage') ?? undefined;
  const care = params.get('care') === '1';

  const buildings = useQuery({
    queryKey: ['buildings', estateId],
    queryFn: () => api<ListResponse<Building>>('/api/v1/buildings', { query: { estateId, pageSize: 200 } }),
    enabled: !!estateId,
  });
  const units = useQuery({
    queryKey: ['units', { estateId, buildingId, q, status, usage, care, page, pageSize }],
    queryFn: () =>
      api<ListResponse<Unit>>('/api/v1/units', {
        query: { estateId, buildingId, q: q || undefined, status, usage, care: care ? 1 : undefined, page, pageSize },
      }),
    enabled: !!estateId,
    placeholderData: keepPreviousData,
  });

  const groups = useMemo(() => {
    const list = buildings.data?.items ?? [];
    const order = new Map((estate?.areas ?? []).map((a, i) => [a.id, i]));
    const byArea = new Map<string, { key: string; name: string; rank: number; items: Building[] }>();
    for (const b of list) {
      const key = String(b.areaId ?? 'none');
      if (!byArea.has(key))
        byArea.set(key, { key, name: b.areaName ?? t('property.noArea'), rank: b.areaId == null ? 999 : (order.get(b.areaId) ?? 500), items: [] });
      byArea.get(key)!.items.push(b);
    }
    return [...byArea.values()].sort((a, b) => a.rank - b.rank);
  }, [buildings.data, estate, t]);
  const totalUnits = (buildings.data?.items ?? []).reduce((s, b) => s + b.unitCount, 0);
  const selectedBuilding = buildings.data?.items.find((b) => b.id === buildingId);
  // A building remembered from another estate (after switching estates) no longer applies.
  useEffect(() => {
    if (buildingId && buildings.data && !selectedBuilding) update({ building: undefined });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [buildingId, buildings.data, selectedBuilding]);

  const columns: TableColumnsType<Unit> = [
    {
      title: t('unit.label'),
      dataIndex: 'label',
      width: 130,
      render: (v: string, u) => (
        <Flex gap={4} align="center" wrap>
          <Typography.Link strong>{v}</Typography.Link>
          {u.usage !== 'residential' && <Tag style={{ marginInlineEnd: 0 }}>{label(UNIT_USAGE_LABELS, u.usage)}</Tag>}
        </Flex>
      ),
    },
    { title: t('unit.buildingArea'), dataIndex: 'buildingArea', width: 104, align: 'right', render: (v: number) => formatArea(v) },
    { title: t('unit.status'), dataIndex: 'status', width: 124, render: (v: string) => <StatusTag status={v} /> },
    {
      title: t('unit.ownerNames'),
      dataIndex: 'ownerNames',
      ellipsis: true,
      render: (v: string[]) => (v.length ? v.join('、') : <Typography.Text type="secondary">—</Typography.Text>),
    },
    {
      title: t('unit.household'),
      dataIndex: 'householdName',
      ellipsis: true,
      render: (v: string | null) => v ?? <Typography.Text type="secondary">{t('unit.noHousehold')}</Typography.Text>,
    },
    {
      title: t('unit.contact'),
      key: 'contact',
      width: 180,
      render: (_: unknown, u) =>
        u.contactName ? (
          <span>
            {u.contactName} <span className="wd-mono wd-muted">{u.contactPhone ?? ''}</span>
          </span>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
    { title: t('unit.care'), dataIndex: 'careFlags', width: 124, render: (v: string[]) => <CareTags flags={v} empty="—" /> },
  ];

  if (!estateId)
    return (
      <>
        <PageHeader title={t('nav.units')} />
        <Card>
          <Empty description={t('nav.noEstate')} />
        </Card>
      </>
    );

  return (
    <>
      <PageHeader title={t('nav.units')} subtitle={t('property.subtitle', { estate: estate?.name ?? '' })} />
      <Row gutter={[16, 16]} wrap={false} className="wd-property">
        <Col flex="240px" className="wd-building-col">
          <Card
            size="small"
            title={
              <Flex align="center" gap={8}>
                <ApartmentOutlined /> {t('property.buildings')}
              </Flex>
            }
            className="wd-building-card"
            styles={{ body: { padding: 8 } }}
          >
            {buildings.isPending ? (
              <CardSkeleton rows={8} />
            ) : buildings.error ? (
              <ErrorResult error={buildings.error} />
            ) : !buildings.data.items.length ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('property.noBuildings')} />
            ) : (
              <nav className="wd-building-list" data-testid="building-list">
                <button type="button" className={`wd-building-item ${!buildingId ? 'is-active' : ''}`} onClick={() => update({ building: undefined })}>
                  <Flex justify="space-between" align="center">
                    <strong>{t('property.allBuildings')}</strong>
                    <Badge count={totalUnits} overflowCount={99999} color="#8c8c8c" />
                  </Flex>
                </button>
                {groups.map((g) => (
                  <div key={g.key} className="wd-building-group">
                    <div className="wd-building-group-name">{g.name}</div>
                    {g.items.map((b) => (
                      <button
                        type="button"
                        key={b.id}
                        className={`wd-building-item ${b.id === buildingId ? 'is-active' : ''}`}
                        onClick={() => update({ building: b.id })}
                        data-testid={`building-${b.code}`}
                      >
                        <Flex justify="space-between" align="center">
                          <span>{b.name}</span>
                          <span className="wd-building-count">{t('property.unitCount', { n: b.unitCount })}</span>
                        </Flex>
                        <StatusBar counts={b.statusCounts} total={b.unitCount} />
                      </button>
                    ))}
                  </div>
                ))}
                <Flex className="wd-status-legend" wrap gap={8}>
                  {UNIT_STATUSES.map((s) => (
                    <span key={s}>
                      <i style={{ background: STATUS_BAR_COLORS[s] }} /> {label(UNIT_STATUS_LABELS, s)}
                    </span>
                  ))}
                </Flex>
              </nav>
            )}
          </Card>
        </Col>
        <Col flex="auto" style={{ minWidth: 0 }}>
          <Card
            size="small"
            title={selectedBuilding ? `${selectedBuilding.name}${selectedBuilding.areaName ? ` · ${selectedBuilding.areaName}` : ''}` : t('property.allBuildings')}
            styles={{ body: { paddingTop: 12 } }}
          >
            <Flex gap={8} wrap className="wd-filters">
              <ListSearch button q={q} onSearch={(v) => update({ q: v })} placeholder={t('property.searchPlaceholder')} width={300} testId="unit-search" />
              <Select
                allowClear
                placeholder={t('unit.status')}
                value={status}
                onChange={(v) => update({ status: v })}
                options={UNIT_STATUSES.map((s) => ({ value: s, label: label(UNIT_STATUS_LABELS, s) }))}
                style={{ width: 130 }}
                data-testid="status-filter"
              />
              <Select
                allowClear
                placeholder={t('unit.usage')}
                value={usage}
                onChange={(v) => update({ usage: v })}
                options={UNIT_USAGES.map((s) => ({ value: s, label: label(UNIT_USAGE_LABELS, s) }))}
                style={{ width: 130 }}
              />
              <Checkbox checked={care} onChange={(e) => update({ care: e.target.checked ? 1 : undefined })} className="wd-care-check">
                {t('property.careOnly')}
              </Checkbox>
            </Flex>
            {units.error ? (
              <ErrorResult error={units.error} />
            ) : (
              <Table<Unit>
                rowKey="id"
                size="middle"
                columns={columns}
                dataSource={units.data?.items}
                loading={units.isFetching}
                scroll={{ x: 860 }}
                locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={q || status || usage || care ? t('property.noMatch') : t('property.noUnits')} /> }}
                onRow={(u) => ({ onClick: () => navigate(`/units/${u.id}`), className: 'wd-clickable' })}
                pagination={pagination(units.data?.total)}
                data-testid="units-table"
              />
            )}
          </Card>
        </Col>
      </Row>
    </>
  );
}

function StatusBar({ counts, total }: { counts: Record<string, number>; total: number }) {
  const { label } = useI18n();
  if (!total) return null;
  return (
    <Tooltip
      title={UNIT_STATUSES.filter((s) => counts[s])
        .map((s) => `${label(UNIT_STATUS_LABELS, s)} ${counts[s]}`)
        .join(' · ')}
      placement="right"
    >
      <div>
        <div className="wd-status-bar">
          {UNIT_STATUSES.filter((s) => counts[s]).map((s) => (
            <span key={s} style={{ width: `${(counts[s] / total) * 100}%`, background: STATUS_BAR_COLORS[s] }} />
          ))}
        </div>
        <div className="wd-status-counts">
          {UNIT_STATUSES.filter((s) => counts[s]).map((s) => (
            <span key={s} aria-label={`${label(UNIT_STATUS_LABELS, s)} ${counts[s]}`}>
              <i style={{ background: STATUS_BAR_COLORS[s] }} />
              {counts[s]}
            </span>
          ))}
        </div>
      </div>
    </Tooltip>
  );
}
