import { useQuery } from '@tanstack/react-query';
import { Card, Col, Flex, Input, Row, Statistic, Table } from 'antd';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { DEPARTMENT_LABELS } from '../../../core/desk-labels.ts';
import { api } from '../../api/client.ts';
import type { Quality, RoundsReport } from '../../api/rounds-types.ts';
import { useSession } from '../../app/session.tsx';
import { type ChartOption, EChart } from '../../components/desk/EChart.tsx';
import { formatInstant } from '../../components/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ErrorResult } from '../../components/Results.tsx';
import { type MessageKey, useI18n } from '../../i18n/index.tsx';
import { RateText } from './common.tsx';

const chinaDay = (ms: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(ms));

type Counts = RoundsReport['totals'];

/** 巡检统计: completion, on-time and unverified rates over days, per person and plan; findings; department quality. */
export default function ReportsPage() {
  const { t, label } = useI18n();
  const { estateId } = useSession();
  const [params, setParams] = useSearchParams();
  const to = params.get('to') ?? chinaDay(Date.now());
  const from = params.get('from') ?? chinaDay(Date.now() - 13 * 86_400_000);
  const report = useQuery({ queryKey: ['rounds-report', estateId, from, to], queryFn: () => api<RoundsReport>('/api/v1/rounds/reports', { query: { estateId, from, to } }), enabled: !!estateId });
  const quality = useQuery({ queryKey: ['rounds-quality', estateId, from, to], queryFn: () => api<Quality>('/api/v1/rounds/quality', { query: { estateId, from, to } }), enabled: !!estateId });
  const r = report.data;
  const option = useMemo<ChartOption | null>(
    () =>
      r ? {
        tooltip: { trigger: 'axis' },
        legend: { top: 0 },
        grid: { left: 40, right: 16, top: 36, bottom: 28 },
        xAxis: { type: 'category', data: r.byDay.map((d) => d.date.slice(5)) },
        yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
        series: [
          { name: t('rounds.completionRate'), type: 'line', data: r.byDay.map((d) => d.completionRate), connectNulls: false },
          { name: t('rounds.onTimeRate'), type: 'line', data: r.byDay.map((d) => d.onTimeRate), connectNulls: false },
          { name: t('rounds.unverifiedShare'), type: 'bar', data: r.byDay.map((d) => d.unverifiedShare) },
        ],
      } : null,
    [r, t],
  );
  const set = (k: string, v: string) => {
    const next = new URLSearchParams(params);
    next.set(k, v);
    setParams(next, { replace: true });
  };
  const rateCols = [
    { title: t('rounds.scheduled'), dataIndex: 'scheduled', width: 70 },
    { title: t('rounds.doneCount'), dataIndex: 'done', width: 70 },
    { title: t('rounds.missed'), dataIndex: 'missed', width: 70 },
    { title: t('rounds.completionRate'), dataIndex: 'completionRate', width: 90, render: (v: number | null) => <RateText value={v} /> },
    { title: t('rounds.onTimeRate'), dataIndex: 'onTimeRate', width: 90, render: (v: number | null) => <RateText value={v} /> },
    { title: t('rounds.unverifiedShare'), dataIndex: 'unverifiedShare', width: 100, render: (v: number | null) => <RateText value={v} /> },
  ];
  const stat = (c: Counts) => (
    <Row gutter={[16, 16]}>
      <Col xs={12} md={4}><Statistic title={t('rounds.scheduled')} value={c.scheduled} /></Col>
      <Col xs={12} md={4}><Statistic title={t('rounds.doneCount')} value={c.done} /></Col>
      <Col xs={12} md={4}><Statistic title={t('rounds.missed')} value={c.missed} /></Col>
      <Col xs={12} md={4}><Statistic title={t('rounds.completionRate')} valueRender={() => <RateText value={c.completionRate} />} /></Col>
      <Col xs={12} md={4}><Statistic title={t('rounds.onTimeRate')} valueRender={() => <RateText value={c.onTimeRate} />} /></Col>
      <Col xs={12} md={4}><Statistic title={t('rounds.unverifiedShare')} valueRender={() => <RateText value={c.unverifiedShare} />} /></Col>
    </Row>
  );
  return (
    <>
      <PageHeader
        title={t('nav.roundsReports')}
        extra={
          <Flex gap={8} align="center">
            {t('rounds.from')}<Input type="date" value={from} onChange={(e) => set('from', e.target.value)} style={{ width: 150 }} />
            {t('rounds.to')}<Input type="date" value={to} onChange={(e) => set('to', e.target.value)} style={{ width: 150 }} />
          </Flex>
        }
      />
      {report.error ? (
        <ErrorResult error={report.error} />
      ) : (
        r && (
          <Flex vertical gap={16}>
            <Card data-testid="rounds-totals">{stat(r.totals)}</Card>
            <Card title={t('rounds.byDay')}>{option && <EChart option={option} height={280} testId="rounds-chart" />}</Card>
            <Row gutter={16}>
              <Col xs={24} lg={12}>
                <Card title={t('rounds.byStaff')} size="small"><Table rowKey="name" size="small" pagination={false} dataSource={r.byStaff} columns={[{ title: t('rounds.staff'), dataIndex: 'name', ellipsis: true }, ...rateCols]} scroll={{ x: 600 }} /></Card>
              </Col>
              <Col xs={24} lg={12}>
                <Card title={t('rounds.byPlan')} size="small"><Table rowKey="planId" size="small" pagination={false} dataSource={r.byPlan} columns={[{ title: t('rounds.plan'), dataIndex: 'name', ellipsis: true }, ...rateCols]} scroll={{ x: 600 }} /></Card>
              </Col>
            </Row>
            <Row gutter={16}>
              <Col xs={24} lg={12}>
                <Card title={t('rounds.findingsByCategory')} size="small">
                  <Table rowKey={(x) => `${x.department}|${x.item}`} size="small" pagination={false} dataSource={r.findingsByCategory} columns={[
                    { title: t('rounds.department'), dataIndex: 'department', render: (v: string | null) => (v ? label(DEPARTMENT_LABELS, v) : '—') },
                    { title: t('rounds.item'), dataIndex: 'item' },
                    { title: t('rounds.count'), dataIndex: 'count', width: 70 },
                    { title: t('rounds.ticketed'), dataIndex: 'ticketed', width: 80 },
                  ]} />
                </Card>
              </Col>
              <Col xs={24} lg={12}>
                <Card title={t('rounds.quality')} size="small">
                  <Table rowKey="dept" size="small" pagination={false} dataSource={quality.data?.items ?? []} columns={[
                    { title: t('rounds.department'), dataIndex: 'dept', render: (v: string) => t(`rounds.quality.${v}` as MessageKey) },
                    { title: t('rounds.ok'), dataIndex: 'ok', width: 70 },
                    { title: t('rounds.issues'), dataIndex: 'issues', width: 70 },
                    { title: t('rounds.score'), dataIndex: 'score', width: 90, render: (v: number | null) => <RateText value={v} /> },
                  ]} />
                </Card>
              </Col>
            </Row>
            <Card title={t('rounds.missedList')} size="small">
              <Table rowKey={(x) => `${x.taskId}-${x.checkpointCode}`} size="small" dataSource={r.missed} pagination={{ pageSize: 20, hideOnSinglePage: true }} columns={[
                { title: t('rounds.slot'), dataIndex: 'slotStart', width: 120, render: (v: string) => formatInstant(v, 'MM-DD HH:mm') },
                { title: t('rounds.plan'), dataIndex: 'planName' },
                { title: t('rounds.checkpoint'), dataIndex: 'checkpointName', render: (v: string, x) => `${x.checkpointCode} ${v}` },
                { title: t('rounds.assignee'), dataIndex: 'assigneeName', render: (v: string | null) => v ?? '—' },
              ]} />
            </Card>
          </Flex>
        )
      )}
    </>
  );
}
