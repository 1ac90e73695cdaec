import { NotificationOutlined, PrinterOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, InputNumber, Select, Table, type TableColumnsType, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { ARREARS_STEPS } from '../../../core/fees.ts';
import { api } from '../../api/client.ts';
import type { ArrearsRow } from '../../api/fee-types.ts';
import type { ListResponse } from '../../api/types.ts';
import { useSession } from '../../app/session.tsx';
import { StepTag } from '../../components/fees/FeeTags.tsx';
import { FEES, useBuildings } from '../../components/fees/queries.ts';
import { formatDate, formatFen } from '../../components/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ErrorResult } from '../../components/Results.tsx';
import { useListParams } from '../../components/useListParams.ts';
import { type MessageKey, useT } from '../../i18n/index.tsx';
import { ListSearch } from '../../components/ListSearch.tsx';
import { lazyDialog } from '../../components/lazyParts.tsx';

// Loaded on first open (npm run bench:web's page budget).
const ArrearsDrawer = lazyDialog(() => import('./arrears/ArrearsDrawer.tsx').then((m) => m.ArrearsDrawer), (p) => p.unitId !== null);
const RemindersModal = lazyDialog(() => import('./arrears/RemindersModal.tsx').then((m) => m.RemindersModal), (p) => p.open);


/** 欠费催缴: every overdue unit with amount, age and its step on the ladder (manual 4.1.3). */
export default function ArrearsPage() {
  const t = useT();
  const { estateId, estate, can } = useSession();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { params, page, pageSize, update, pagination } = useListParams();
  const areaId = Number(params.get('area')) || undefined;
  const buildingId = Number(params.get('building')) || undefined;
  const minDays = Number(params.get('minDays')) || undefined;
  const stepParam = params.get('step');
  const step = stepParam === null ? undefined : Number(stepParam);
  const q = params.get('q') ?? '';
  const unitId = Number(params.get('unit')) || null;
  const buildings = useBuildings(estateId, areaId);
  const [selected, setSelected] = useState<number[]>([]);
  const [reminding, setReminding] = useState(false);

  const query = { estateId, areaId, buildingId, minDays, step, q: q || undefined, page, pageSize };
  const list = useQuery({
    queryKey: [FEES, 'arrears', query],
    queryFn: () => api<ListResponse<ArrearsRow>>('/api/v1/fees/arrears', { query }),
    enabled: !!estateId,
    placeholderData: keepPreviousData,
  });
  const rows = list.data?.items ?? [];
  // Selected rows of every page seen, so their reminder notices print without another request.
  const [picked, setPicked] = useState<ArrearsRow[]>([]);
  const openUnit = (id: number | null) => update({ unit: id ?? undefined }, false);
  const printReminders = (units: ArrearsRow[]) => navigate(`/print/fees/reminders?units=${units.map((u) => u.unitId).join(',')}`, { state: { units } });

  const columns: TableColumnsType<ArrearsRow> = [
    { title: t('fees.unit'), dataIndex: 'unitLabel', width: 110, render: (v: string) => <Typography.Link>{v}</Typography.Link> },
    { title: t('fees.owner'), dataIndex: 'ownerName', width: 100, ellipsis: true },
    { title: t('fees.phone'), dataIndex: 'phoneMasked', width: 130, render: (v: string | null) => <span className="wd-mono">{v ?? '—'}</span> },
    { title: t('fees.area'), dataIndex: 'areaName', width: 80 },
    { title: t('fees.arrears.outstanding'), dataIndex: 'outstanding', width: 120, align: 'right', render: (v: number) => <b className="wd-money wd-due">{formatFen(v)}</b> },
    { title: t('fees.line.lateDue'), dataIndex: 'lateFee', width: 100, align: 'right', render: (v: number) => <span className="wd-money">{formatFen(v)}</span> },
    { title: t('fees.arrears.days'), dataIndex: 'days', width: 90, align: 'right', render: (v: number) => t('fees.arrears.daysN', { n: v }) },
    { title: t('fees.arrears.oldest'), dataIndex: 'oldestDueOn', width: 105, render: formatDate },
    { title: t('fees.arrears.step'), dataIndex: 'step', width: 150, render: (v: number) => <StepTag step={v} short /> },
    { title: t('fees.arrears.lastStepOn'), dataIndex: 'lastStepOn', width: 105, render: formatDate },
  ];
  const filtered = !!(areaId || buildingId || minDays || step !== undefined || q);
  return (
    <>
      <PageHeader
        title={t('nav.feesArrears')}
        subtitle={t('fees.arrears.subtitle', { estate: estate?.name ?? '' })}
        extra={
          <>
            <Button icon={<PrinterOutlined />} disabled={!selected.length} onClick={() => printReminders(picked)} data-testid="reminders-print-selected">
              {t('fees.arrears.printSelected', { n: selected.length })}
            </Button>
            {can('arrears.work') && (
              <Button type="primary" icon={<NotificationOutlined />} onClick={() => setReminding(true)} data-testid="reminders-open">
                {t('fees.arrears.reminders')}
              </Button>
            )}
          </>
        }
      />
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('fees.arrears.never')} />
      <Card size="small">
        <Flex gap={8} wrap style={{ marginBottom: 12 }} align="center">
          <ListSearch q={q} onSearch={(v) => update({ q: v })} placeholder={t('fees.lines.searchPlaceholder')} width={200} />
          <Select allowClear placeholder={t('fees.allAreas')} value={areaId} onChange={(v) => update({ area: v, building: undefined })} style={{ width: 120 }} options={(estate?.areas ?? []).map((a) => ({ value: a.id, label: a.name }))} data-testid="arrears-area" />
          <Select allowClear placeholder={t('fees.allBuildings')} value={buildingId} onChange={(v) => update({ building: v })} style={{ width: 130 }} options={buildings.options} />
          <InputNumber<number> min={1} precision={0} placeholder={t('fees.arrears.minDays')} value={minDays} onChange={(v) => update({ minDays: v ?? undefined })} style={{ width: 150 }} suffix={t('fees.arrears.daySuffix')} />
          <Select
            allowClear
            placeholder={t('fees.arrears.step')}
            value={step}
            onChange={(v) => update({ step: v === undefined ? undefined : String(v) })}
            style={{ width: 180 }}
            options={[0, ...ARREARS_STEPS].map((s) => ({ value: s, label: s ? `${s} · ${t(`fees.step.${s}` as MessageKey)}` : t('fees.step.0') }))}
            data-testid="arrears-step"
          />
          {filtered && (
            <Button type="link" onClick={() => update({ area: undefined, building: undefined, minDays: undefined, step: undefined, q: undefined })}>
              {t('common.clearFilters')}
            </Button>
          )}
        </Flex>
        {list.error ? (
          <ErrorResult error={list.error} />
        ) : (
          <Table<ArrearsRow>
            rowKey="unitId"
            size="middle"
            columns={columns}
            dataSource={rows}
            loading={list.isFetching && !list.data}
            tableLayout="fixed"
            scroll={{ x: 1150 }}
            rowSelection={{
              selectedRowKeys: selected,
              preserveSelectedRowKeys: true,
              onChange: (k, chosen) => {
                setSelected(k as number[]);
                setPicked((old) => (k as number[]).map((id) => chosen.find((r) => r?.unitId === id) ?? old.find((r) => r.unitId === id)).filter((r): r is ArrearsRow => !!r));
              },
            }}
            rowClassName="wd-clickable"
            onRow={(r) => ({ onClick: () => openUnit(r.unitId) })}
            pagination={pagination(list.data?.total)}
            locale={{ emptyText: t(filtered ? 'fees.arrears.noMatch' : 'fees.arrears.none') }}
            data-testid="arrears-table"
          />
        )}
      </Card>
      <ArrearsDrawer unitId={unitId} onClose={() => openUnit(null)} onChanged={() => qc.invalidateQueries({ queryKey: [FEES] })} />
      <RemindersModal open={reminding} areaId={areaId} onClose={() => setReminding(false)} onDone={(units) => { setReminding(false); qc.invalidateQueries({ queryKey: [FEES] }); if (units.length) printReminders(units); }} />
    </>
  );
}
