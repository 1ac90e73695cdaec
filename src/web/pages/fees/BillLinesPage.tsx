import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Checkbox, Dropdown, Flex, Select, Table, type TableColumnsType, Tag } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import type { Line } from '../../api/fee-types.ts';
import type { ListResponse } from '../../api/types.ts';
import { useSession } from '../../app/session.tsx';
import { PeriodPicker } from '../../components/fees/PeriodPicker.tsx';
import { extraText } from '../../components/fees/FeeTags.tsx';
import { FEES, useBuildings, useFeeItems } from '../../components/fees/queries.ts';
import { formatDate, formatFen } from '../../components/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ErrorResult } from '../../components/Results.tsx';
import { useListParams } from '../../components/useListParams.ts';
import { type MessageKey, useT } from '../../i18n/index.tsx';
import { ListSearch } from '../../components/ListSearch.tsx';
import { lazyDialog } from '../../components/lazyParts.tsx';

// Loaded on first open (npm run bench:web's page budget).
const AdjustModal = lazyDialog(() => import('./lines/AdjustModal.tsx').then((m) => m.AdjustModal), (p) => p.line !== null);
const ChargeDrawer = lazyDialog(() => import('./lines/ChargeDrawer.tsx').then((m) => m.ChargeDrawer), (p) => p.open);
const WaiverModal = lazyDialog(() => import('./lines/WaiverModal.tsx').then((m) => m.WaiverModal), (p) => p.line !== null);

/** 账单: every bill line with filters and paging; one-off charges, adjustments and waivers. */
export default function BillLinesPage() {
  const t = useT();
  const { estateId, estate, can } = useSession();
  const qc = useQueryClient();
  const { params, page, pageSize, update, pagination } = useListParams();
  const period = params.get('period') ?? undefined;
  const areaId = Number(params.get('area')) || undefined;
  const buildingId = Number(params.get('building')) || undefined;
  const feeItemId = Number(params.get('item')) || undefined;
  const open = params.get('open') === '1';
  const q = params.get('q') ?? '';
  const buildings = useBuildings(estateId, areaId);
  const items = useFeeItems(estateId);
  const [charging, setCharging] = useState(false);
  const [adjusting, setAdjusting] = useState<Line | null>(null);
  const [waiving, setWaiving] = useState<Line | null>(null);

  const query = { estateId, period, areaId, buildingId, feeItemId, open: open ? 1 : undefined, q: q || undefined, page, pageSize };
  const list = useQuery({
    queryKey: [FEES, 'lines', query],
    queryFn: () => api<ListResponse<Line>>('/api/v1/fees/lines', { query }),
    enabled: !!estateId,
    placeholderData: keepPreviousData,
  });
  const reload = () => qc.invalidateQueries({ queryKey: [FEES] });

  const money = (v: number) => <span className="wd-money">{formatFen(v)}</span>;
  const columns: TableColumnsType<Line> = [
    { title: t('fees.unit'), dataIndex: 'unitLabel', width: 110 },
    { title: t('fees.line.period'), dataIndex: 'period', width: 90 },
    {
      title: t('fees.line.item'),
      dataIndex: 'itemName',
      ellipsis: true,
      render: (v: string, r) => (
        <span title={extraText(r) ?? undefined}>
          {v}
          {r.kind !== 'charge' && r.kind && <Tag style={{ marginInlineStart: 6 }}>{t(`fees.lineKind.${r.kind}` as MessageKey)}</Tag>}
          {extraText(r) && <span className="wd-muted wd-small"> {extraText(r)}</span>}
        </span>
      ),
    },
    { title: t('fees.line.amount'), dataIndex: 'amount', width: 110, align: 'right', render: money },
    { title: t('fees.line.paid'), key: 'paid', width: 110, align: 'right', render: (_: unknown, r) => money(r.paid + r.credited + r.waived) },
    { title: t('fees.line.lateDue'), dataIndex: 'lateDue', width: 100, align: 'right', render: (v: number) => <span className={`wd-money${v ? ' wd-due' : ''}`}>{formatFen(v)}</span> },
    { title: t('fees.line.totalDue'), dataIndex: 'totalDue', width: 110, align: 'right', render: (v: number) => <b className="wd-money">{formatFen(v)}</b> },
    { title: t('fees.line.dueOn'), dataIndex: 'dueOn', width: 105, render: formatDate },
    { title: t('fees.line.status'), dataIndex: 'open', width: 84, render: (v: boolean) => (v ? <Tag color="orange">{t('fees.line.open')}</Tag> : <Tag color="green">{t('fees.line.settled')}</Tag>) },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 90,
      render: (_: unknown, r) => {
        const menu = [
          ...(can('fee.bill') ? [{ key: 'adjust', label: t('fees.adjust.title') }] : []),
          ...(can('fee.request') && r.open ? [{ key: 'waive', label: t('fees.waiver.ask') }] : []),
        ];
        return menu.length ? (
          <Dropdown menu={{ items: menu, onClick: (e) => (e.key === 'adjust' ? setAdjusting(r) : setWaiving(r)) }}>
            <Button size="small" type="link" data-testid={`line-actions-${r.id}`}>
              {t('common.actions')}
            </Button>
          </Dropdown>
        ) : null;
      },
    },
  ];
  const filtered = !!(period || areaId || buildingId || feeItemId || open || q);
  return (
    <>
      <PageHeader
        title={t('nav.feesLines')}
        subtitle={t('fees.lines.subtitle', { estate: estate?.name ?? '' })}
        extra={
          can('fee.bill') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCharging(true)} data-testid="charge-open">
              {t('fees.charge.title')}
            </Button>
          )
        }
      />
      <Card size="small">
        <Flex gap={8} wrap style={{ marginBottom: 12 }}>
          <ListSearch q={q} onSearch={(v) => update({ q: v })} placeholder={t('fees.lines.searchPlaceholder')} width={220} />
          <PeriodPicker allowClear value={period} onChange={(v) => update({ period: v })} placeholder={t('fees.line.period')} />
          <Select allowClear placeholder={t('fees.allAreas')} value={areaId} onChange={(v) => update({ area: v, building: undefined })} style={{ width: 130 }} options={(estate?.areas ?? []).map((a) => ({ value: a.id, label: a.name }))} />
          <Select allowClear placeholder={t('fees.allBuildings')} value={buildingId} onChange={(v) => update({ building: v })} style={{ width: 140 }} options={buildings.options} />
          <Select allowClear placeholder={t('fees.run.allItems')} value={feeItemId} onChange={(v) => update({ item: v })} style={{ width: 160 }} options={items.items.map((i) => ({ value: i.id, label: i.name }))} />
          <Checkbox checked={open} onChange={(e) => update({ open: e.target.checked ? 1 : undefined })} style={{ alignSelf: 'center' }}>
            {t('fees.lines.openOnly')}
          </Checkbox>
          {filtered && (
            <Button type="link" onClick={() => update({ period: undefined, area: undefined, building: undefined, item: undefined, open: undefined, q: undefined })}>
              {t('common.clearFilters')}
            </Button>
          )}
        </Flex>
        {list.error ? (
          <ErrorResult error={list.error} />
        ) : (
          <Table<Line>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={list.data?.items}
            loading={list.isFetching && !list.data}
            tableLayout="fixed"
            scroll={{ x: 1150 }}
            pagination={pagination(list.data?.total)}
            locale={{ emptyText: t(filtered ? 'fees.lines.noMatch' : 'fees.lines.none') }}
            data-testid="lines-table"
          />
        )}
      </Card>
      <ChargeDrawer open={charging} onClose={() => setCharging(false)} onDone={() => { setCharging(false); reload(); }} />
      <AdjustModal line={adjusting} onClose={() => setAdjusting(null)} onDone={() => { setAdjusting(null); reload(); }} />
      <WaiverModal line={waiving} onClose={() => setWaiving(null)} onDone={() => { setWaiving(null); reload(); }} />
    </>
  );
}
