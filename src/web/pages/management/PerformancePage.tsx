import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Descriptions, Drawer, Flex, Form, Input, InputNumber, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api/client.ts';
import { useSession } from '../../app/session.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useReportError } from '../../components/useReportError.ts';
import { type MessageKey, useT } from '../../i18n/index.tsx';
import { type Bi, formatValue, MonthSelect, useBi, useMonths } from './shared.tsx';

export interface Line {
  code: string;
  metric: string;
  group: string;
  weight: number;
  direction: string;
  floor: number;
  target: number;
  label: Bi | null;
  formula: Bi | null;
  unit: string | null;
  hasSource: boolean;
  numerator: number;
  denominator: number;
  value: number | null;
  score: number | null;
  effectiveWeight: number;
  dropped: boolean;
}
export interface Sheet {
  lines: Line[];
  score: number | null;
  droppedWeight: number;
  version: number;
  from: string;
  to: string;
}
export interface Appraisal {
  id: number;
  userId: number;
  name: string;
  role: string;
  period: string;
  kind: string;
  status: string;
  sheet?: Sheet & { annual?: unknown };
  computed: number | null;
  adjustment: number;
  adjustmentReason: string | null;
  adjustmentEvidence: string | null;
  final: number | null;
  grade: string | null;
  selfDueOn: string;
  selfText: string | null;
  selfScore: number | null;
  reviewText: string | null;
  appealText: string | null;
  plans?: Array<{ id: number; weakness: string; action: string; dueOn: string; status: string }>;
  recognitions?: Array<{ id: number; text: string }>;
}

/** The KPI lines of a sheet: value with numerator/denominator, floor → target, score, weight after renormalisation. */
export function SheetTable({ sheet }: { sheet: Sheet }) {
  const t = useT();
  const bi = useBi();
  return (
    <>
      {sheet.droppedWeight > 0 && (
        <Typography.Paragraph type="warning" data-testid="dropped-note">
          {t('perf.droppedNote', { w: sheet.droppedWeight })}
        </Typography.Paragraph>
      )}
      <Table<Line>
        rowKey="code"
        size="small"
        pagination={false}
        dataSource={sheet.lines}
        scroll={{ x: 900 }}
        data-testid="sheet-table"
        columns={[
          { title: t('perf.group'), dataIndex: 'group', width: 90, render: (g: string) => t(`perf.group.${g}` as MessageKey) },
          {
            title: t('perf.kpi'),
            render: (_, l) => (
              <Space direction="vertical" size={0}>
                <span>{l.label ? bi(l.label) : l.metric}</span>
                {l.formula && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{bi(l.formula)}</Typography.Text>}
              </Space>
            ),
          },
          { title: t('perf.weight'), width: 110, render: (_, l) => (l.dropped ? <Tag>{l.weight} → 0</Tag> : `${l.weight} → ${l.effectiveWeight.toFixed(1)}`) },
          { title: t('perf.floorTarget'), width: 130, render: (_, l) => `${formatValue(l.floor, l.unit ?? 'rate')} → ${formatValue(l.target, l.unit ?? 'rate')}` },
          {
            title: t('perf.actual'),
            width: 150,
            render: (_, l) =>
              !l.hasSource ? (
                <Tag>{t('pack.status.no_source')}</Tag>
              ) : l.value == null ? (
                <Tag>{t('pack.status.no_data')}</Tag>
              ) : (
                <span>
                  {formatValue(l.value, l.unit)} <Typography.Text type="secondary">({l.numerator}/{l.denominator})</Typography.Text>
                </span>
              ),
          },
          { title: t('perf.score'), width: 80, render: (_, l) => (l.score == null ? '—' : l.score.toFixed(1)) },
        ]}
      />
      <Typography.Paragraph style={{ marginTop: 8 }}>
        {t('perf.total')}
        {t('print.colon')}
        <b data-testid="sheet-score">{sheet.score == null ? '—' : sheet.score.toFixed(2)}</b>
      </Typography.Paragraph>
    </>
  );
}

function Live({ estateId, month }: { estateId: number; month: string }) {
  const { me } = useSession();
  const staff = useQuery({ queryKey: ['perf-staff', estateId], queryFn: () => api<{ items: Array<{ id: number; name: string; role: string }> }>('/api/v1/performance/staff', { query: { estateId } }) });
  const [picked, setPicked] = useState<number | undefined>();
  const userId = picked ?? (staff.data?.items.some((s) => s.id === me.user.id) ? me.user.id : staff.data?.items[0]?.id);
  const live = useQuery({ queryKey: ['perf-live', estateId, userId, month], queryFn: () => api<{ sheet: Sheet; grade: string | null }>('/api/v1/performance/live', { query: { estateId, userId, month } }), enabled: !!userId });
  return (
    <Card
      loading={live.isPending && !!userId}
      title={
        <Select
          value={userId}
          onChange={setPicked}
          style={{ minWidth: 180 }}
          options={(staff.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))}
          data-testid="live-staff"
        />
      }
      extra={live.data?.grade && <Tag color="blue">{live.data.grade}</Tag>}
    >
      {live.data && <SheetTable sheet={live.data.sheet} />}
    </Card>
  );
}

function AppraisalDrawer({ id, onClose }: { id: number; onClose: () => void }) {
  const t = useT();
  const { me, can } = useSession();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const reportError = useReportError();
  const [form] = Form.useForm();
  const a = useQuery({ queryKey: ['appraisal', id], queryFn: () => api<Appraisal>(`/api/v1/appraisals/${id}`) });
  const step = useMutation({
    mutationFn: ({ action, body }: { action: string; body?: Record<string, unknown> }) => api(`/api/v1/appraisals/${id}/${action}`, { method: 'POST', body: body ?? {} }),
    onSuccess: () => {
      message.success(t('perf.saved'));
      form.resetFields();
      void qc.invalidateQueries({ queryKey: ['appraisal', id] });
      void qc.invalidateQueries({ queryKey: ['appraisals'] });
    },
    onError: (e) => reportError(e, form),
  });
  const x = a.data;
  const mine = x?.userId === me.user.id;
  const clean = (v: Record<string, unknown>) => Object.fromEntries(Object.entries(v).filter(([, y]) => y !== undefined && y !== ''));
  return (
    <Drawer open width={Math.min(980, window.innerWidth)} onClose={onClose} title={x ? `${x.name} · ${x.period}` : ''} extra={x && <Link to={`/print/appraisals/${x.id}`} data-testid="appraisal-print">{t('print.print')}</Link>} data-testid="appraisal-drawer">
      {x && (
        <>
          <Descriptions size="small" column={{ xs: 1, md: 3 }} bordered>
            <Descriptions.Item label={t('perf.status')}>
              <Tag data-testid="appraisal-status">{t(`perf.status.${x.status}` as MessageKey)}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('perf.computed')}>{x.computed ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('perf.final')}>
              <b>{x.final ?? '—'}</b> {x.grade && <Tag color="blue">{x.grade}</Tag>}
            </Descriptions.Item>
            {x.adjustment !== 0 && (
              <Descriptions.Item label={t('perf.adjustment')} span={3}>
                {x.adjustment > 0 ? `+${x.adjustment}` : x.adjustment}：{x.adjustmentReason}（{x.adjustmentEvidence}）
              </Descriptions.Item>
            )}
            <Descriptions.Item label={t('perf.selfText')} span={3}>
              {x.selfText ?? t('perf.selfDue', { due: x.selfDueOn })}
              {x.selfScore != null && ` (${x.selfScore})`}
            </Descriptions.Item>
            {x.reviewText && <Descriptions.Item label={t('perf.reviewText')} span={3}>{x.reviewText}</Descriptions.Item>}
            {x.appealText && <Descriptions.Item label={t('perf.appealText')} span={3}>{x.appealText}</Descriptions.Item>}
          </Descriptions>
          <div style={{ marginTop: 16 }}>{x.sheet && 'lines' in x.sheet && x.sheet.lines ? <SheetTable sheet={x.sheet} /> : <pre>{JSON.stringify(x.sheet, null, 2)}</pre>}</div>
          {!!x.plans?.length && (
            <Card size="small" title={t('perf.plans')} style={{ marginTop: 12 }}>
              {x.plans.map((p) => (
                <div key={p.id}>
                  {p.weakness} — {p.action}（{p.dueOn}）
                </div>
              ))}
            </Card>
          )}
          {!!x.recognitions?.length && (
            <Card size="small" title={t('perf.recognitions')} style={{ marginTop: 12 }}>
              {x.recognitions.map((r) => (
                <div key={r.id}>{r.text}</div>
              ))}
            </Card>
          )}
          <Form form={form} layout="vertical" style={{ marginTop: 16 }}>
            {mine && x.status === 'draft' && (
              <>
                <Form.Item name="text" label={t('perf.selfText')} rules={[{ required: true }]}>
                  <Input.TextArea rows={3} data-testid="self-text" />
                </Form.Item>
                <Form.Item name="score" label={t('perf.selfScore')}>
                  <InputNumber min={0} max={100} />
                </Form.Item>
                <Button type="primary" loading={step.isPending} onClick={() => form.validateFields().then((v) => step.mutate({ action: 'self-assess', body: clean(v) }))} data-testid="do-self">
                  {t('perf.doSelf')}
                </Button>
              </>
            )}
            {!mine && can('perf.review') && ['self_assessed', 'appealed', 'draft'].includes(x.status) && (
              <>
                <Form.Item name="text" label={t('perf.reviewText')} rules={[{ required: true }]}>
                  <Input.TextArea rows={2} data-testid="review-text" />
                </Form.Item>
                <Space wrap>
                  <Form.Item name="adjustment" label={t('perf.adjustment')}>
                    <InputNumber min={-10} max={10} step={0.5} />
                  </Form.Item>
                  <Form.Item name="reason" label={t('perf.reason')}>
                    <Input />
                  </Form.Item>
                  <Form.Item name="evidence" label={t('perf.evidence')}>
                    <Input />
                  </Form.Item>
                </Space>
                <div>
                  <Button type="primary" loading={step.isPending} onClick={() => form.validateFields().then((v) => step.mutate({ action: 'review', body: clean(v) }))} data-testid="do-review">
                    {t('perf.doReview')}
                  </Button>
                </div>
              </>
            )}
            {!mine && can('perf.confirm') && x.status === 'reviewed' && (
              <Button type="primary" loading={step.isPending} onClick={() => step.mutate({ action: 'confirm' })} data-testid="do-confirm">
                {t('perf.doConfirm')}
              </Button>
            )}
            {mine && x.status === 'confirmed' && (
              <Flex gap={8} wrap align="end">
                <Button type="primary" loading={step.isPending} onClick={() => step.mutate({ action: 'acknowledge' })} data-testid="do-acknowledge">
                  {t('perf.doAcknowledge')}
                </Button>
                <Form.Item name="text" label={t('perf.appealText')} style={{ marginBottom: 0, flex: 1, minWidth: 200 }}>
                  <Input />
                </Form.Item>
                <Button danger loading={step.isPending} onClick={() => step.mutate({ action: 'appeal', body: { text: form.getFieldValue('text') ?? '' } })} data-testid="do-appeal">
                  {t('perf.doAppeal')}
                </Button>
              </Flex>
            )}
          </Form>
        </>
      )}
    </Drawer>
  );
}

function Appraisals({ estateId, month }: { estateId: number; month: string }) {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const open = Number(params.get('appraisal')) || null;
  const list = useQuery({ queryKey: ['appraisals', estateId, month], queryFn: () => api<{ items: Appraisal[] }>('/api/v1/appraisals', { query: { estateId, period: month } }) });
  const setOpen = (id: number | null) => {
    const next = new URLSearchParams(params);
    if (id) next.set('appraisal', String(id));
    else next.delete('appraisal');
    setParams(next);
  };
  return (
    <Card extra={<Link to={`/print/appraisals?period=${month}`} data-testid="appraisals-print">{t('perf.print.all')}</Link>}>
      <Table<Appraisal>
        rowKey="id"
        size="middle"
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        pagination={false}
        data-testid="appraisal-list"
        onRow={(r) => ({ onClick: () => setOpen(r.id), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('perf.staff'), dataIndex: 'name' },
          { title: t('perf.period'), dataIndex: 'period', width: 100 },
          { title: t('perf.status'), dataIndex: 'status', width: 120, render: (s: string) => <Tag>{t(`perf.status.${s}` as MessageKey)}</Tag> },
          { title: t('perf.final'), dataIndex: 'final', width: 90, render: (v: number | null) => v ?? '—' },
          { title: t('perf.grade'), dataIndex: 'grade', width: 70, render: (g: string | null) => g ?? '—' },
          { title: t('perf.selfDueOn'), dataIndex: 'selfDueOn', width: 120 },
        ]}
      />
      {open && <AppraisalDrawer id={open} onClose={() => setOpen(null)} />}
    </Card>
  );
}

function Plans({ estateId }: { estateId: number }) {
  const t = useT();
  const plans = useQuery({ queryKey: ['plans', estateId], queryFn: () => api<{ items: Array<{ id: number; userId: number; name: string; weakness: string; action: string; dueOn: string; status: string }> }>('/api/v1/development-plans', { query: { estateId } }) });
  const trainings = useQuery({ queryKey: ['trainings', estateId], queryFn: () => api<{ items: Array<{ id: number; course: string; heldOn: string; hours: number; trainer: string; attendees: number[]; result: string | null }> }>('/api/v1/training-records', { query: { estateId } }) });
  return (
    <Flex vertical gap={16}>
      <Card title={t('perf.plans')}>
        <Table rowKey="id" size="small" pagination={false} dataSource={plans.data?.items ?? []} columns={[{ title: t('perf.staff'), dataIndex: 'name', width: 160, render: (n: string, p) => <Space>{n}<Link to={`/print/development-plans/${p.userId}`} data-testid="plan-print">{t('perf.print.plan')}</Link></Space> }, { title: t('perf.weakness'), dataIndex: 'weakness' }, { title: t('perf.action'), dataIndex: 'action' }, { title: t('perf.dueOn'), dataIndex: 'dueOn', width: 110 }, { title: t('perf.status'), dataIndex: 'status', width: 80 }]} />
      </Card>
      <Card title={t('perf.trainings')}>
        <Table rowKey="id" size="small" pagination={false} dataSource={trainings.data?.items ?? []} columns={[{ title: t('perf.course'), dataIndex: 'course' }, { title: t('perf.heldOn'), dataIndex: 'heldOn', width: 110 }, { title: t('perf.hours'), dataIndex: 'hours', width: 70 }, { title: t('perf.trainer'), dataIndex: 'trainer', width: 110 }, { title: t('perf.attendees'), dataIndex: 'attendees', width: 80, render: (a: number[]) => a.length }, { title: t('perf.result'), dataIndex: 'result' }]} />
      </Card>
    </Flex>
  );
}

/** 绩效考核 (M 6): live metrics, monthly appraisals with their workflow, development plans and training. */
export default function PerformancePage() {
  const t = useT();
  const { estateId } = useSession();
  const { initial } = useMonths();
  const [params, setParams] = useSearchParams();
  const month = params.get('month') ?? initial;
  const tab = params.get('tab') ?? 'appraisals';
  const set = (k: string, v: string) => {
    const next = new URLSearchParams(params);
    next.set(k, v);
    setParams(next);
  };
  if (!estateId) return null;
  return (
    <>
      <PageHeader title={t('perf.title')} subtitle={t('perf.subtitle')} extra={<MonthSelect value={month} onChange={(m) => set('month', m)} testId="perf-month" />} />
      <Tabs
        activeKey={tab}
        onChange={(k) => set('tab', k)}
        items={[
          { key: 'appraisals', label: t('perf.tab.appraisals'), children: <Appraisals estateId={estateId} month={month} /> },
          { key: 'live', label: t('perf.tab.live'), children: <Live estateId={estateId} month={month} /> },
          { key: 'plans', label: t('perf.tab.plans'), children: <Plans estateId={estateId} /> },
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        {t('perf.footnote')}
      </Typography.Paragraph>
    </>
  );
}
