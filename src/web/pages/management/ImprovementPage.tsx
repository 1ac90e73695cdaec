import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Drawer, Flex, Form, Input, InputNumber, Modal, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api/client.ts';
import { useSession } from '../../app/session.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ErrorResult } from '../../components/Results.tsx';
import { useReportError } from '../../components/useReportError.ts';
import { type MessageKey, useT } from '../../i18n/index.tsx';
import { formatValue, MonthSelect, useBi, useMonths } from './shared.tsx';

interface Dim {
  dimension: string;
  tickets: number;
  complaintsPer100: number | null;
  badVisitRate: number | null;
  meanScore: number | null;
  reopenRate: number | null;
  timeliness: number | null;
  repeatRate: number | null;
  weakness: number;
  components: Record<string, number>;
  ranked: boolean;
  rank: number | null;
  change: number | null;
  trend: Array<number | null>;
  newInTop: boolean;
}
interface Action {
  id: number;
  areaId: number | null;
  type: string;
  dimension: string | null;
  problem: string;
  rootCause: string;
  metric: string;
  metricLabel: { zh: string; en: string } | null;
  baseline: number | null;
  target: number;
  reviewMonth: string;
  status: string;
  verified: number | null;
  rows: Array<{ id: number; what: string; owner: string | null; dueOn: string; doneAt: string | null }>;
}

const f2 = (v: number | null) => (v == null ? '—' : v.toFixed(2));

function Weakness({ estateId, areaId, month }: { estateId: number; areaId: number | undefined; month: string }) {
  const t = useT();
  const [drill, setDrill] = useState<string | null>(null);
  const r = useQuery({ queryKey: ['weakness', estateId, areaId, month], queryFn: () => api<{ dimensions: Dim[]; households: number; frozen: boolean }>('/api/v1/improvement/weakness', { query: { estateId, areaId, month } }) });
  const tickets = useQuery({
    queryKey: ['weakness-tickets', estateId, areaId, month, drill],
    queryFn: () => api<{ items: Array<{ id: number; number: string; title: string; status: string; score: number | null; tags: string[]; comment: string | null; reopened: boolean }> }>('/api/v1/improvement/weakness/tickets', { query: { estateId, areaId, month, dimension: drill! } }),
    enabled: !!drill,
  });
  if (r.error) return <ErrorResult error={r.error} />;
  const top = (r.data?.dimensions ?? []).filter((d) => d.rank != null && d.rank <= 5);
  return (
    <Flex vertical gap={16}>
      <Flex gap={12} wrap data-testid="weakness-top">
        {top.map((d) => (
          <Card key={d.dimension} size="small" style={{ width: 200 }} title={`${d.rank}. ${d.dimension}`} extra={d.newInTop && <Tag color="red">{t('improve.new')}</Tag>} hoverable onClick={() => setDrill(d.dimension)}>
            <b style={{ fontSize: 20 }}>{d.weakness.toFixed(1)}</b>
            <div>
              {t('improve.change')}
              {t('print.colon')}
              {d.change == null ? '—' : `${d.change > 0 ? '+' : ''}${d.change.toFixed(1)}`}
            </div>
            <div style={{ fontSize: 12 }}>
              {t('improve.trend')}
              {t('print.colon')}
              {d.trend.map((x) => (x == null ? '—' : x.toFixed(0))).join(' → ')}
            </div>
          </Card>
        ))}
        {!top.length && !r.isPending && <Typography.Text type="secondary">{t('improve.noneRanked')}</Typography.Text>}
      </Flex>
      <Card title={t('improve.all', { hh: r.data?.households ?? 0 })} extra={r.data?.frozen && <Tag>{t('improve.frozen')}</Tag>}>
        <Table<Dim>
          rowKey="dimension"
          size="small"
          loading={r.isPending}
          pagination={false}
          scroll={{ x: 1100 }}
          dataSource={r.data?.dimensions ?? []}
          data-testid="weakness-table"
          columns={[
            { title: '#', dataIndex: 'rank', width: 50, render: (v: number | null) => v ?? '—' },
            { title: t('improve.dimension'), dataIndex: 'dimension', width: 110, render: (d: string) => <a onClick={() => setDrill(d)}>{d}</a> },
            { title: t('improve.tickets'), dataIndex: 'tickets', width: 70 },
            { title: t('improve.weakness'), dataIndex: 'weakness', width: 80, render: (v: number, d) => (d.ranked ? <b>{v.toFixed(1)}</b> : <Typography.Text type="secondary">{v.toFixed(1)}</Typography.Text>) },
            { title: t('improve.components'), render: (_, d) => <span style={{ fontSize: 12 }}>{Object.entries(d.components).map(([k, v]) => `${t(`improve.c.${k}` as MessageKey)} ${v.toFixed(1)}`).join(' · ')}</span> },
            { title: t('improve.per100'), dataIndex: 'complaintsPer100', width: 80, render: f2 },
            { title: t('improve.bad'), dataIndex: 'badVisitRate', width: 80, render: (v: number | null) => formatValue(v, 'rate') },
            { title: t('improve.mean'), dataIndex: 'meanScore', width: 70, render: f2 },
            { title: t('improve.reopen'), dataIndex: 'reopenRate', width: 80, render: (v: number | null) => formatValue(v, 'rate') },
            { title: t('improve.timely'), dataIndex: 'timeliness', width: 80, render: (v: number | null) => formatValue(v, 'rate') },
            { title: t('improve.repeat'), dataIndex: 'repeatRate', width: 80, render: (v: number | null) => formatValue(v, 'rate') },
          ]}
        />
      </Card>
      <Drawer open={!!drill} onClose={() => setDrill(null)} title={drill} width={Math.min(820, window.innerWidth)} data-testid="weakness-drill">
        <Table
          rowKey="id"
          size="small"
          loading={tickets.isPending}
          pagination={false}
          dataSource={tickets.data?.items ?? []}
          columns={[
            { title: t('pack.recordRef'), dataIndex: 'number', width: 130, render: (v: string, x) => <Link to={`/desk/tickets/${x.id}`}>{v}</Link> },
            { title: t('pack.recordTitle'), dataIndex: 'title' },
            { title: t('improve.score'), dataIndex: 'score', width: 60, render: (v: number | null) => v ?? '—' },
            { title: t('improve.comment'), render: (_, x) => [x.tags.join('、'), x.comment].filter(Boolean).join(' · ') },
          ]}
        />
      </Drawer>
    </Flex>
  );
}

function Actions({ estateId, month }: { estateId: number; month: string }) {
  const t = useT();
  const bi = useBi();
  const { can, estate } = useSession();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const reportError = useReportError();
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm();
  const list = useQuery({ queryKey: ['improve-actions', estateId], queryFn: () => api<{ items: Action[] }>('/api/v1/improvement-actions', { query: { estateId } }) });
  const move = useMutation({
    mutationFn: ({ id, step }: { id: number; step: string }) => api(`/api/v1/improvement-actions/${id}/${step}`, { method: 'POST' }),
    onSuccess: () => {
      message.success(t('perf.saved'));
      void qc.invalidateQueries({ queryKey: ['improve-actions'] });
    },
    onError: (e) => reportError(e),
  });
  const create = useMutation({
    mutationFn: (v: Record<string, unknown>) => api('/api/v1/improvement-actions', { method: 'POST', body: v }),
    onSuccess: () => {
      setCreating(false);
      form.resetFields();
      void qc.invalidateQueries({ queryKey: ['improve-actions'] });
    },
    onError: (e) => reportError(e, form),
  });
  const steps: Record<string, Array<[string, MessageKey, boolean]>> = {
    proposed: [['approve', 'improve.do.approve', can('improve.approve')], ['cancel', 'improve.do.cancel', can('improve.manage')]],
    approved: [['start', 'improve.do.start', can('improve.manage')]],
    in_progress: [['submit', 'improve.do.submit', can('improve.manage')]],
    verifying: [['verify', 'improve.do.verify', can('improve.approve')]],
    not_effective: [['replan', 'improve.do.replan', can('improve.manage')]],
  };
  const [y, m] = [Number(month.slice(0, 4)), Number(month.slice(5, 7))];
  const review = m >= 11 ? `${y + 1}-${String(m - 10).padStart(2, '0')}` : `${y}-${String(m + 2).padStart(2, '0')}`;
  return (
    <Card extra={can('improve.manage') && <Button type="primary" onClick={() => setCreating(true)} data-testid="action-new">{t('improve.newAction')}</Button>}>
      <Table<Action>
        rowKey="id"
        size="small"
        loading={list.isPending}
        pagination={false}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 1000 }}
        data-testid="action-list"
        expandable={{ expandedRowRender: (a) => <div>{t('improve.rootCause')}：{a.rootCause}<ol>{a.rows.map((r) => <li key={r.id}>{r.what} · {r.owner ?? '—'} · {r.dueOn} {r.doneAt ? '✓' : ''}</li>)}</ol></div> }}
        columns={[
          { title: t('improve.problem'), dataIndex: 'problem' },
          { title: t('improve.type'), dataIndex: 'type', width: 90, render: (v: string) => t(`improve.type.${v}` as MessageKey) },
          { title: t('improve.metric'), width: 180, render: (_, a) => a.metricLabel ? bi(a.metricLabel) : a.metric },
          { title: t('improve.baselineTarget'), width: 150, render: (_, a) => `${a.baseline == null ? '—' : a.baseline.toFixed(3)} → ${a.target}` },
          { title: t('improve.reviewMonth'), dataIndex: 'reviewMonth', width: 90 },
          { title: t('perf.status'), dataIndex: 'status', width: 100, render: (s: string) => <Tag color={s === 'effective' ? 'success' : s === 'not_effective' ? 'error' : undefined}>{t(`improve.status.${s}` as MessageKey)}</Tag> },
          { title: '', width: 180, render: (_, a) => <Space>{(steps[a.status] ?? []).filter(([, , ok]) => ok).map(([s, k]) => <Button key={s} size="small" onClick={() => move.mutate({ id: a.id, step: s })}>{t(k)}</Button>)}</Space> },
        ]}
      />
      <Modal open={creating} title={t('improve.newAction')} onCancel={() => setCreating(false)} confirmLoading={create.isPending} width={720} onOk={() => form.validateFields().then((v) => create.mutate({ estateId, source: 'weakness', type: v.type, dimension: v.dimension || null, problem: v.problem, rootCause: v.rootCause, metric: v.metric, target: v.target, reviewMonth: v.reviewMonth, rows: [{ what: v.what, dueOn: v.dueOn }] }))}>
        <Form form={form} layout="vertical" initialValues={{ type: 'corrective', metric: 'desk.resolutionRate', target: 0.95, reviewMonth: review }}>
          <Form.Item name="type" label={t('improve.type')}>
            <Select options={['corrective', 'preventive'].map((v) => ({ value: v, label: t(`improve.type.${v}` as MessageKey) }))} />
          </Form.Item>
          <Form.Item name="dimension" label={t('improve.dimension')}>
            <Input />
          </Form.Item>
          <Form.Item name="problem" label={t('improve.problem')} rules={[{ required: true }]}>
            <Input.TextArea rows={2} />
          </Form.Item>
          <Form.Item name="rootCause" label={t('improve.rootCause')} rules={[{ required: true }]}>
            <Input.TextArea rows={2} />
          </Form.Item>
          <Space wrap>
            <Form.Item name="metric" label={t('improve.metric')}>
              <Select style={{ width: 240 }} options={['desk.resolutionRate', 'desk.resolutionTimeliness', 'desk.responseTimeliness', 'desk.reopenRate', 'desk.visitScore', 'desk.attitudeComplaintsPer100', 'fees.managementCollection'].map((v) => ({ value: v, label: v }))} />
            </Form.Item>
            <Form.Item name="target" label={t('improve.target')} rules={[{ required: true }]}>
              <InputNumber step={0.01} />
            </Form.Item>
            <Form.Item name="reviewMonth" label={t('improve.reviewMonth')} rules={[{ required: true }]}>
              <Input style={{ width: 110 }} />
            </Form.Item>
          </Space>
          <Space wrap>
            <Form.Item name="what" label={t('improve.what')} rules={[{ required: true }]}>
              <Input style={{ width: 360 }} />
            </Form.Item>
            <Form.Item name="dueOn" label={t('perf.dueOn')} rules={[{ required: true }]}>
              <Input placeholder="YYYY-MM-DD" style={{ width: 130 }} />
            </Form.Item>
          </Space>
          <Typography.Text type="secondary">{estate?.name}</Typography.Text>
        </Form>
      </Modal>
    </Card>
  );
}

/** 持续改进 (M 7): the month's weak service dimensions, drill-down, and improvement actions verified by the data. */
export default function ImprovementPage() {
  const t = useT();
  const { estateId, estate } = useSession();
  const { initial } = useMonths();
  const [params, setParams] = useSearchParams();
  const month = params.get('month') ?? initial;
  const tab = params.get('tab') ?? 'weakness';
  const areas = estate?.areas ?? [];
  const wholeEstate = !!estate?.whole;
  const areaParam = params.get('areaId');
  const areaId = areaParam ? Number(areaParam) : wholeEstate ? undefined : areas[0]?.id;
  const set = (k: string, v: string | undefined) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next);
  };
  if (!estateId) return null;
  return (
    <>
      <PageHeader
        title={t('improve.title')}
        subtitle={t('improve.subtitle')}
        extra={
          <Flex gap={8}>
            <Select
              value={areaId ?? 0}
              style={{ width: 140 }}
              onChange={(v) => set('areaId', v ? String(v) : undefined)}
              options={[...(wholeEstate ? [{ value: 0, label: t('improve.wholeEstate') }] : []), ...areas.map((a) => ({ value: a.id, label: a.name }))]}
              data-testid="improve-area"
            />
            <MonthSelect value={month} onChange={(m) => set('month', m)} testId="improve-month" />
          </Flex>
        }
      />
      <Tabs
        activeKey={tab}
        onChange={(k) => set('tab', k)}
        items={[
          { key: 'weakness', label: t('improve.tab.weakness'), children: <Weakness estateId={estateId} areaId={areaId} month={month} /> },
          { key: 'actions', label: t('improve.tab.actions'), children: <Actions estateId={estateId} month={month} /> },
        ]}
      />
    </>
  );
}
