import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Flex, Row, Segmented, Select, Statistic, Table, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useMemo } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { api } from '../../api/client.ts';
import type { Stats, StatsRow } from '../../api/fee-types.ts';
import { useSession } from '../../app/session.tsx';
import { type ChartOption, EChart } from '../../components/desk/EChart.tsx';
import { useDownload } from '../../components/fees/download.ts';
import { RateTag } from '../../components/fees/FeeTags.tsx';
import { useServerToday } from '../../components/fees/PeriodPicker.tsx';
import { FEES } from '../../components/fees/queries.ts';
import { formatBp, formatFen } from '../../components/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { DeferredDatePicker } from '../../components/DeferredDatePicker.tsx';
import { CardSkeleton, ErrorResult } from '../../components/Results.tsx';
import { type MessageKey, type T, useT } from '../../i18n/index.tsx';
import { defaultMonth } from '../../../core/periods.ts';
import { firstMonth, kindOf, PERIOD_KINDS, type PeriodKind, periodOf } from './stats/period.ts';

export const GROUPS = ['item', 'area', 'building'] as const;

export function statsColumns(t: T): TableColumnsType<StatsRow> {
  const money = (v: number) => <span className="wd-money">{formatFen(v)}</span>;
  return [
    { title: t('fees.stats.name'), dataIndex: 'name', ellipsis: true },
    { title: t('fees.stats.billed'), dataIndex: 'billed', width: 140, align: 'right', render: money },
    { title: t('fees.stats.collected'), dataIndex: 'collected', width: 140, align: 'right', render: money },
    { title: t('fees.stats.rate'), dataIndex: 'rate', width: 110, align: 'right', render: (v: number | null, r) => <RateTag rate={v} target={r.target} /> },
    { title: t('fees.stats.target'), dataIndex: 'target', width: 90, align: 'right', render: (v: number) => formatBp(v, 0) },
    { title: t('fees.stats.recovered'), dataIndex: 'recovered', width: 150, align: 'right', render: money },
  ];
}

/** 收费统计 (manual 4.1.4–4.1.5): billed, collected and the rate against its target, by month, quarter, half-year or year. */
export default function StatsPage() {
  const t = useT();
  const { estateId, estate } = useSession();
  const navigate = useNavigate();
  const { today, period: thisMonth } = useServerToday();
  const [params, setParams] = useSearchParams();
  const period = params.get('period') ?? defaultMonth(today);
  const groupBy = (GROUPS as readonly string[]).includes(params.get('groupBy') ?? '') ? (params.get('groupBy') as string) : 'item';
  const kind = kindOf(period);
  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) v ? next.set(k, v) : next.delete(k);
    setParams(next, { replace: true });
  };
  const query = { estateId, period, groupBy };
  const stats = useQuery({
    queryKey: [FEES, 'stats', query],
    queryFn: () => api<Stats>('/api/v1/fees/stats', { query }),
    enabled: !!estateId,
    placeholderData: keepPreviousData,
  });
  const { busy, download } = useDownload();
  const s = stats.data;

  const chart = useMemo<ChartOption | null>(() => {
    if (!s) return null;
    // Months after this one are not drawn (a year's chart in March ends in March).
    const monthly = s.monthly.filter((m) => m.period <= thisMonth);
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 70, right: 60, top: 40, bottom: 30 },
      xAxis: { type: 'category', data: monthly.map((m) => m.period) },
      yAxis: [
        { type: 'value', name: t('fees.stats.yuan'), axisLabel: { formatter: (v: number) => `${Math.round(v).toLocaleString()}` } },
        { type: 'value', name: '%', min: 0, max: 100, splitLine: { show: false } },
      ],
      series: [
        { name: t('fees.stats.billed'), type: 'bar', barMaxWidth: 36, data: monthly.map((m) => m.billed / 100), itemStyle: { color: '#91caff' } },
        { name: t('fees.stats.collected'), type: 'bar', barMaxWidth: 36, data: monthly.map((m) => m.collected / 100), itemStyle: { color: '#1677ff' } },
        { name: t('fees.stats.rate'), type: 'line', yAxisIndex: 1, data: monthly.map((m) => (m.rate == null ? null : m.rate / 100)), itemStyle: { color: '#fa8c16' } },
      ],
    };
  }, [s, t, thisMonth]);

  const pickerValue = dayjs(`${firstMonth(period)}-01`);
  const changeKind = (k: PeriodKind) => set({ period: periodOf(k, firstMonth(period)) });
  return (
    <>
      <PageHeader
        title={t('nav.feesStats')}
        subtitle={s ? t('fees.stats.subtitle', { estate: estate?.name ?? '', from: s.from, to: s.to }) : estate?.name}
        extra={
          <>
            <Button icon={<DownloadOutlined />} loading={busy} disabled={!s} onClick={() => download('/api/v1/fees/stats.xlsx', query, `${t('nav.feesStats')}-${estate?.name ?? ''}-${period}.xlsx`)} data-testid="stats-export">
              {t('fees.stats.export')}
            </Button>
            <Button icon={<PrinterOutlined />} disabled={!s} onClick={() => navigate(`/print/fees/stats?period=${period}&groupBy=${groupBy}`)} data-testid="stats-print">
              {t('print.print')}
            </Button>
          </>
        }
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Flex gap={12} wrap align="center">
          <Segmented value={kind} onChange={(v) => changeKind(v as PeriodKind)} options={PERIOD_KINDS.map((k) => ({ value: k, label: t(`fees.stats.kind.${k}` as MessageKey) }))} data-testid="stats-kind" />
          {kind === 'half' ? (
            <>
              <DeferredDatePicker picker="year" value={pickerValue} allowClear={false} onChange={(d) => d && set({ period: `${d.format('YYYY')}-${period.slice(5)}` })} />
              <Select value={period.slice(5)} onChange={(h) => set({ period: `${period.slice(0, 4)}-${h}` })} options={[{ value: 'H1', label: t('fees.stats.h1') }, { value: 'H2', label: t('fees.stats.h2') }]} style={{ width: 120 }} />
            </>
          ) : (
            <DeferredDatePicker
              picker={kind}
              value={pickerValue}
              allowClear={false}
              onChange={(d) => d && set({ period: periodOf(kind, d.format('YYYY-MM')) })}
              format={kind === 'quarter' ? 'YYYY-[Q]Q' : undefined}
            />
          )}
          <span className="wd-muted" style={{ marginInlineStart: 12 }}>
            {t('fees.stats.groupBy')}
          </span>
          <Segmented value={groupBy} onChange={(v) => set({ groupBy: v === 'item' ? undefined : (v as string) })} options={GROUPS.map((g) => ({ value: g, label: t(`fees.stats.by.${g}` as MessageKey) }))} data-testid="stats-group" />
        </Flex>
      </Card>
      {stats.error && !s ? (
        <ErrorResult error={stats.error} />
      ) : !s ? (
        <Card>
          <CardSkeleton rows={10} />
        </Card>
      ) : (
        <Flex vertical gap={16} style={{ opacity: stats.isFetching ? 0.6 : 1, transition: 'opacity .2s' }}>
          <Card size="small">
            <Row gutter={16}>
              <Col xs={12} md={6}>
                <Statistic title={t('fees.stats.billed')} value={formatFen(s.total.billed)} />
              </Col>
              <Col xs={12} md={6}>
                <Statistic title={t('fees.stats.collected')} value={formatFen(s.total.collected)} />
              </Col>
              <Col xs={12} md={6}>
                <Statistic title={t('fees.stats.rate')} value={formatBp(s.total.rate)} styles={{ content: { color: s.total.rate == null ? undefined : s.total.rate >= s.total.target ? '#389e0d' : '#cf1322' } }} />
              </Col>
              <Col xs={12} md={6}>
                <Statistic title={t('fees.stats.recovered')} value={formatFen(s.total.recovered)} />
              </Col>
            </Row>
          </Card>
          <Card size="small" title={t('fees.stats.table')}>
            <Table<StatsRow>
              rowKey={(r) => String(r.key)}
              size="middle"
              columns={statsColumns(t)}
              dataSource={s.rows}
              pagination={false}
              tableLayout="fixed"
              locale={{ emptyText: t('fees.stats.none') }}
              data-testid="stats-table"
              summary={() => (
                <Table.Summary.Row>
                  <Table.Summary.Cell index={0}>
                    <b>{t('fees.receipt.total')}</b>
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={1} align="right">
                    <b className="wd-money">{formatFen(s.total.billed)}</b>
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={2} align="right">
                    <b className="wd-money">{formatFen(s.total.collected)}</b>
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={3} align="right">
                    <RateTag rate={s.total.rate} target={s.total.target} />
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={4} align="right">
                    {formatBp(s.total.target, 0)}
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={5} align="right">
                    <b className="wd-money">{formatFen(s.total.recovered)}</b>
                  </Table.Summary.Cell>
                </Table.Summary.Row>
              )}
            />
            <div className="wd-muted wd-small" style={{ marginTop: 8 }}>
              {t('fees.stats.note')}
            </div>
          </Card>
          <Card size="small" title={t('fees.stats.monthly')}>
            {chart && <EChart option={chart} height={320} testId="stats-chart" />}
          </Card>
        </Flex>
      )}
    </>
  );
}
