import { useQuery } from '@tanstack/react-query';
import { Card, Col, Empty, Flex, Input, Row, Statistic, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { api } from '../../api/client.ts';
import type { MailDwell } from '../../api/mail-types.ts';
import { useSession } from '../../app/session.tsx';
import { type ChartOption, EChart } from '../../components/desk/EChart.tsx';
import { today } from '../../components/format.ts';
import { ErrorResult } from '../../components/Results.tsx';
import { useT } from '../../i18n/index.tsx';
import { useMailOptions } from './labels.tsx';

const num = (v: number | null) => (v == null ? '—' : v.toFixed(1));

/** 滞留统计: hours from arrival to pickup, median and percentiles by kind and per day, with the day's arrivals. */
export default function DwellTab() {
  const t = useT();
  const o = useMailOptions();
  const { estateId } = useSession();
  const [from, setFrom] = useState(dayjs(today()).subtract(29, 'day').format('YYYY-MM-DD'));
  const [to, setTo] = useState(today());
  const r = useQuery({
    queryKey: ['mail', 'dwell', estateId, from, to],
    queryFn: () => api<MailDwell>('/api/v1/mail/reports/dwell', { query: { estateId, from, to } }),
    enabled: !!estateId && !!from && !!to,
  });
  const option = useMemo<ChartOption | null>(() => {
    if (!r.data) return null;
    const days = [...new Set([...r.data.received.map((d) => d.day), ...r.data.days.map((d) => d.day)])].sort();
    const by = new Map(r.data.days.map((d) => [d.day, d]));
    const rec = new Map(r.data.received.map((d) => [d.day, d.count]));
    return {
      grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      xAxis: { type: 'category', data: days.map((d) => d.slice(5)) },
      yAxis: [{ type: 'value', name: 'h' }, { type: 'value', minInterval: 1 }],
      series: [
        { type: 'bar', name: t('mail.report.received'), yAxisIndex: 1, data: days.map((d) => rec.get(d) ?? 0), itemStyle: { color: '#d9d9d9' }, barMaxWidth: 18 },
        { type: 'line', name: t('mail.report.median'), data: days.map((d) => by.get(d)?.median ?? null), itemStyle: { color: '#1677ff' }, connectNulls: true },
        { type: 'line', name: t('mail.report.p90'), data: days.map((d) => by.get(d)?.p90 ?? null), itemStyle: { color: '#fa8c16' }, connectNulls: true },
      ],
    };
  }, [r.data, t]);
  return (
    <>
      <Flex gap={8} align="center" style={{ marginBottom: 16 }} wrap>
        <Typography.Text>{t('mail.report.from')}</Typography.Text>
        <Input type="date" value={from} onChange={(e) => setFrom(e.target.value)} style={{ width: 160 }} />
        <Typography.Text>{t('mail.report.to')}</Typography.Text>
        <Input type="date" value={to} onChange={(e) => setTo(e.target.value)} style={{ width: 160 }} />
      </Flex>
      {r.error ? (
        <ErrorResult error={r.error} />
      ) : (
        <>
          <Row gutter={[12, 12]} style={{ marginBottom: 16 }} data-testid="mail-dwell-kpis">
            {[
              ['mail.report.count', r.data?.overall.count],
              ['mail.report.median', num(r.data?.overall.median ?? null)],
              ['mail.report.p90', num(r.data?.overall.p90 ?? null)],
              ['mail.report.waiting', r.data?.waiting],
              ['mail.report.onReturn', r.data?.onReturnList],
            ].map(([k, v]) => (
              <Col key={k as string} xs={12} md={8} xl={4}>
                <Card size="small" loading={r.isPending}>
                  <Statistic title={t(k as never)} value={v as number | string} />
                </Card>
              </Col>
            ))}
          </Row>
          <Row gutter={16}>
            <Col xs={24} xl={10}>
              <Card size="small" title={t('mail.report.byKind')}>
                <Table
                  rowKey="kind"
                  size="small"
                  pagination={false}
                  loading={r.isPending}
                  dataSource={r.data?.kinds ?? []}
                  columns={[
                    { title: t('mail.kind'), dataIndex: 'kind', render: (v: string) => o.kind(v) },
                    { title: t('mail.report.count'), dataIndex: 'count', align: 'right' },
                    { title: t('mail.report.median'), dataIndex: 'median', align: 'right', render: num },
                    { title: t('mail.report.p75'), dataIndex: 'p75', align: 'right', render: num },
                    { title: t('mail.report.p90'), dataIndex: 'p90', align: 'right', render: num },
                    { title: t('mail.report.max'), dataIndex: 'max', align: 'right', render: num },
                  ]}
                  data-testid="mail-dwell-kinds"
                />
              </Card>
            </Col>
            <Col xs={24} xl={14}>
              <Card size="small" title={t('mail.report.byDay')}>
                {option && (r.data!.days.length || r.data!.received.length) ? <EChart option={option} height={300} testId="mail-dwell-chart" /> : <Empty />}
              </Card>
            </Col>
          </Row>
        </>
      )}
    </>
  );
}
