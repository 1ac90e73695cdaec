import { CheckOutlined, DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Flex, Select, Table, type TableColumnsType, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../../api/client.ts';
import type { Notice } from '../../api/fee-types.ts';
import { useSession } from '../../app/session.tsx';
import { useDownload } from '../../components/fees/download.ts';
import { DeliveredTag } from '../../components/fees/FeeTags.tsx';
import { defaultMonth } from '../../../core/periods.ts';
import { PeriodPicker, useServerToday } from '../../components/fees/PeriodPicker.tsx';
import { FEES, useBuildings } from '../../components/fees/queries.ts';
import { formatDate, formatFen } from '../../components/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ErrorResult } from '../../components/Results.tsx';
import { useListParams } from '../../components/useListParams.ts';
import { useReportError } from '../../components/useReportError.ts';
import { useT } from '../../i18n/index.tsx';

/** Query string of the notices filter, shared with the print view. */
export function noticesQuery(period: string, areaId?: number, buildingId?: number, unitIds?: number[]): string {
  const p = new URLSearchParams({ period });
  if (areaId) p.set('areaId', String(areaId));
  if (buildingId) p.set('buildingId', String(buildingId));
  if (unitIds?.length) p.set('units', unitIds.join(','));
  return p.toString();
}

/** 缴费通知单: the period's notices per unit; print in batch, export the 缴费清单, mark delivered. */
export default function NoticesPage() {
  const t = useT();
  const { estateId, estate, can } = useSession();
  const { message } = App.useApp();
  const reportError = useReportError();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { today } = useServerToday();
  const { params, update } = useListParams();
  const period = params.get('period') ?? defaultMonth(today);
  const areaId = Number(params.get('area')) || undefined;
  const buildingId = Number(params.get('building')) || undefined;
  const buildings = useBuildings(estateId, areaId);
  const [selected, setSelected] = useState<number[]>([]);
  const [marking, setMarking] = useState(false);
  const { busy: exporting, download } = useDownload();

  const query = { estateId, period, areaId, buildingId };
  const list = useQuery({
    queryKey: [FEES, 'notices', query],
    queryFn: () => api<{ items: Notice[]; skipped: number }>('/api/v1/fees/notices', { query }),
    enabled: !!estateId,
    placeholderData: keepPreviousData,
  });
  const items = list.data?.items ?? [];

  const markDelivered = async () => {
    setMarking(true);
    try {
      const r = await api<{ marked: number }>('/api/v1/fees/notices/delivered', { body: { period, unitIds: selected } });
      message.success(t('fees.notices.marked', { n: r.marked }));
      setSelected([]);
      await qc.invalidateQueries({ queryKey: [FEES, 'notices'] });
    } catch (err) {
      reportError(err);
    } finally {
      setMarking(false);
    }
  };
  const print = (unitIds?: number[]) => navigate(`/print/fees/notices?${noticesQuery(period, areaId, buildingId, unitIds)}`);

  const money = (v: number) => <span className="wd-money">{formatFen(v)}</span>;
  const columns: TableColumnsType<Notice> = [
    { title: t('fees.unit'), dataIndex: 'unitLabel', width: 110 },
    { title: t('fees.owner'), dataIndex: 'ownerName', width: 100, ellipsis: true },
    { title: t('fees.building'), dataIndex: 'buildingName', width: 100, ellipsis: true },
    { title: t('fees.notices.periodAmount'), dataIndex: 'periodAmount', width: 120, align: 'right', render: money },
    { title: t('fees.notices.arrears'), dataIndex: 'arrears', width: 110, align: 'right', render: (v: number) => <span className={`wd-money${v ? ' wd-due' : ''}`}>{formatFen(v)}</span> },
    { title: t('fees.notices.lateFees'), dataIndex: 'lateFees', width: 100, align: 'right', render: money },
    { title: t('fees.account.prepaid'), dataIndex: 'prepaidBalance', width: 100, align: 'right', render: money },
    { title: t('fees.notices.totalDue'), dataIndex: 'totalDue', width: 120, align: 'right', render: (v: number) => <b className="wd-money">{formatFen(v)}</b> },
    { title: t('fees.line.dueOn'), dataIndex: 'dueOn', width: 105, render: formatDate },
    { title: t('fees.notices.delivered'), dataIndex: 'deliveredAt', width: 130, render: (v: string | null) => <DeliveredTag at={v} /> },
  ];
  return (
    <>
      <PageHeader
        title={t('nav.feesNotices')}
        subtitle={t('fees.notices.subtitle', { estate: estate?.name ?? '' })}
        extra={
          <>
            <Button icon={<DownloadOutlined />} loading={exporting} disabled={!items.length} onClick={() => download('/api/v1/fees/notices.xlsx', query, `${t('fees.notices.listFile')}-${estate?.name ?? ''}-${period}.xlsx`)} data-testid="notices-export">
              {t('fees.notices.export')}
            </Button>
            <Button type="primary" icon={<PrinterOutlined />} disabled={!items.length} onClick={() => print(selected.length ? selected : undefined)} data-testid="notices-print">
              {selected.length ? t('fees.notices.printSelected', { n: selected.length }) : t('fees.notices.printAll', { n: items.length })}
            </Button>
          </>
        }
      />
      <Card size="small">
        <Flex gap={8} wrap justify="space-between" style={{ marginBottom: 12 }}>
          <Flex gap={8} wrap>
            <PeriodPicker value={period} onChange={(v) => update({ period: v })} testId="notices-period" />
            <Select allowClear placeholder={t('fees.allAreas')} value={areaId} onChange={(v) => update({ area: v, building: undefined })} style={{ width: 130 }} options={(estate?.areas ?? []).map((a) => ({ value: a.id, label: a.name }))} />
            <Select allowClear placeholder={t('fees.allBuildings')} value={buildingId} onChange={(v) => update({ building: v })} style={{ width: 140 }} options={buildings.options} data-testid="notices-building" />
          </Flex>
          {!!list.data?.skipped && (
            <Typography.Text type="secondary" data-testid="notices-skipped">
              {t('fees.notices.skipped', { n: list.data.skipped })}
            </Typography.Text>
          )}
          {can('arrears.work') && (
            <Button icon={<CheckOutlined />} disabled={!selected.length} loading={marking} onClick={markDelivered} data-testid="notices-mark">
              {t('fees.notices.markDelivered', { n: selected.length })}
            </Button>
          )}
        </Flex>
        {list.error ? (
          <ErrorResult error={list.error} />
        ) : (
          <Table<Notice>
            rowKey="unitId"
            size="middle"
            columns={columns}
            dataSource={items}
            loading={list.isFetching && !list.data}
            tableLayout="fixed"
            scroll={{ x: 1150 }}
            rowSelection={{ selectedRowKeys: selected, onChange: (k) => setSelected(k as number[]), preserveSelectedRowKeys: true }}
            pagination={{ defaultPageSize: 50, showSizeChanger: true, pageSizeOptions: [20, 50, 100], showTotal: (n) => t('common.total', { n }) }}
            locale={{ emptyText: t('fees.notices.none', { period }) }}
            data-testid="notices-table"
          />
        )}
      </Card>
    </>
  );
}
