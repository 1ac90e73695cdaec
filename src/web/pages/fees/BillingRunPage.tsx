import { CalculatorOutlined, CheckCircleOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Collapse, Form, Progress, Result, Row, Select, Statistic, Table, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../../api/client.ts';
import type { Run, RunPreview } from '../../api/fee-types.ts';
import { useSession } from '../../app/session.tsx';
import { PeriodPicker, useServerToday } from '../../components/fees/PeriodPicker.tsx';
import { FEES, useBuildings, useFeeItems } from '../../components/fees/queries.ts';
import { compact } from '../../components/forms.ts';
import { formatDateTime, formatFen } from '../../components/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useReportError } from '../../components/useReportError.ts';
import { type MessageKey, useT } from '../../i18n/index.tsx';

interface Scope {
  period: string;
  areaId?: number;
  buildingId?: number;
  feeItemIds?: number[];
}

const RUN_COLORS: Record<string, string> = { running: 'processing', done: 'green', failed: 'red', interrupted: 'orange' };

/** 账单计费: the cashier computes the period's bills (manual 4.1.2): preview, then commit with progress. */
export default function BillingRunPage() {
  const t = useT();
  const { estateId, estate, can } = useSession();
  const { modal } = App.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const reportError = useReportError();
  const { period: current } = useServerToday();
  const [form] = Form.useForm<Scope>();
  const areaId = Form.useWatch('areaId', form);
  const buildings = useBuildings(estateId, areaId);
  const items = useFeeItems(estateId);
  const [preview, setPreview] = useState<{ scope: Scope; result: RunPreview } | null>(null);
  const [busy, setBusy] = useState<'preview' | 'commit' | null>(null);
  const [runId, setRunId] = useState<number | null>(null);

  useEffect(() => {
    if (!form.getFieldValue('period')) form.setFieldsValue({ period: current });
  }, [current, form]);

  const run = useQuery({
    queryKey: [FEES, 'run', runId],
    queryFn: () => api<Run>(`/api/v1/fees/runs/${runId}`),
    enabled: runId !== null,
    refetchInterval: (q) => (q.state.data && q.state.data.status !== 'running' ? false : 500),
  });
  useEffect(() => {
    if (run.data && run.data.status !== 'running') qc.invalidateQueries({ queryKey: [FEES, 'runs'] });
  }, [run.data, qc]);
  const history = useQuery({
    queryKey: [FEES, 'runs', estateId],
    queryFn: () => api<{ items: Run[] } | Run[]>('/api/v1/fees/runs', { query: { estateId, pageSize: 100 } }),
    enabled: !!estateId,
    placeholderData: keepPreviousData,
  });
  const historyItems = Array.isArray(history.data) ? history.data : (history.data?.items ?? []);

  const body = (s: Scope) => compact({ estateId, period: s.period, areaId: s.areaId, buildingId: s.buildingId, feeItemIds: s.feeItemIds?.length ? s.feeItemIds : undefined });
  const doPreview = async () => {
    const s = await form.validateFields().catch(() => null);
    if (!s) return;
    setBusy('preview');
    try {
      const result = await api<RunPreview>('/api/v1/fees/runs/preview', { body: body(s) });
      setPreview({ scope: s, result });
      setRunId(null);
    } catch (err) {
      reportError(err, form);
    } finally {
      setBusy(null);
    }
  };
  const doCommit = () => {
    if (!preview) return;
    modal.confirm({
      title: t('fees.run.confirmTitle', { period: preview.scope.period }),
      content: t('fees.run.confirmBody', { lines: preview.result.lines, amount: formatFen(preview.result.amount) }),
      okText: t('fees.run.commit'),
      okButtonProps: { 'data-testid': 'run-confirm' } as Record<string, string>,
      onOk: async () => {
        setBusy('commit');
        try {
          const r = await api<{ runId: number }>('/api/v1/fees/runs', { body: body(preview.scope) });
          setRunId(r.runId);
        } catch (err) {
          reportError(err);
        } finally {
          setBusy(null);
        }
      },
    });
  };

  const r = run.data;
  const percent = r ? (r.status === 'done' ? 100 : r.unitsTotal ? Math.floor((r.unitsDone * 100) / r.unitsTotal) : 0) : 0;
  const itemName = (id: number) => items.items.find((i) => i.id === id)?.name ?? `#${id}`;

  return (
    <>
      <PageHeader title={t('nav.feesBilling')} subtitle={t('fees.run.subtitle', { estate: estate?.name ?? '' })} />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Form<Scope> form={form} layout="inline" requiredMark={false} onValuesChange={() => setPreview(null)} style={{ rowGap: 12 }}>
          <Form.Item name="period" label={t('fees.line.period')} rules={[{ required: true, message: t('form.required') }]}>
            <PeriodPicker testId="run-period" />
          </Form.Item>
          <Form.Item name="areaId" label={t('fees.area')}>
            <Select allowClear placeholder={t('fees.allAreas')} style={{ width: 140 }} options={(estate?.areas ?? []).map((a) => ({ value: a.id, label: a.name }))} onChange={() => form.setFieldsValue({ buildingId: undefined })} />
          </Form.Item>
          <Form.Item name="buildingId" label={t('fees.building')}>
            <Select allowClear placeholder={t('fees.allBuildings')} style={{ width: 150 }} options={buildings.options} />
          </Form.Item>
          <Form.Item name="feeItemIds" label={t('fees.run.items')}>
            <Select mode="multiple" allowClear placeholder={t('fees.run.allItems')} style={{ minWidth: 220, maxWidth: 420 }} options={items.options} maxTagCount="responsive" />
          </Form.Item>
          <Form.Item>
            <Button type="primary" icon={<CalculatorOutlined />} loading={busy === 'preview'} onClick={doPreview} data-testid="run-preview">
              {t('fees.run.preview')}
            </Button>
          </Form.Item>
        </Form>
      </Card>

      {r && (
        <Card size="small" style={{ marginBottom: 16 }} data-testid="run-progress" data-status={r.status}>
          {r.status === 'running' ? (
            <>
              <div style={{ marginBottom: 8 }}>{t('fees.run.running', { done: r.unitsDone, total: r.unitsTotal })}</div>
              <Progress percent={percent} status="active" />
            </>
          ) : r.status === 'done' ? (
            <Result
              status="success"
              icon={<CheckCircleOutlined />}
              title={t('fees.run.done', { period: r.period })}
              subTitle={t('fees.run.doneSummary', { lines: r.linesCreated, amount: formatFen(r.amountCreated), prepaid: formatFen(r.prepaidUsed) })}
              extra={[
                <Progress key="p" percent={100} style={{ maxWidth: 480 }} />,
                <Button key="n" type="primary" onClick={() => navigate(`/fees/notices?period=${r.period}`)} data-testid="run-to-notices">
                  {t('fees.run.toNotices')}
                </Button>,
                <Button key="l" onClick={() => navigate(`/fees/lines?period=${r.period}`)}>
                  {t('fees.run.toLines')}
                </Button>,
              ]}
            />
          ) : r.status === 'interrupted' ? (
            <Alert type="warning" showIcon title={t('fees.run.interrupted', { done: r.unitsDone, total: r.unitsTotal })} />
          ) : (
            <Alert type="error" showIcon title={t('fees.run.failed')} description={r.error ?? undefined} />
          )}
        </Card>
      )}

      {preview && !r && (
        <Card
          size="small"
          title={t('fees.run.previewTitle', { period: preview.result.period })}
          style={{ marginBottom: 16 }}
          data-testid="run-preview-result"
          extra={
            can('fee.bill') && (
              <Button type="primary" icon={<ThunderboltOutlined />} loading={busy === 'commit'} disabled={!preview.result.lines} onClick={doCommit} data-testid="run-commit">
                {t('fees.run.commit')}
              </Button>
            )
          }
        >
          <Row gutter={16} style={{ marginBottom: 12 }}>
            <Col xs={12} md={6}>
              <Statistic title={t('fees.run.units')} value={preview.result.units} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={t('fees.run.lines')} value={preview.result.lines} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={t('fees.run.amount')} value={formatFen(preview.result.amount)} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={t('fees.run.existing')} value={preview.result.existing} />
            </Col>
          </Row>
          {preview.result.existing > 0 && <Alert type="info" showIcon title={t('fees.run.existingHint', { n: preview.result.existing })} style={{ marginBottom: 12 }} />}
          <Table
            rowKey="feeItemId"
            size="small"
            pagination={false}
            dataSource={preview.result.byItem}
            locale={{ emptyText: t('fees.run.nothing') }}
            columns={[
              { title: t('fees.line.item'), dataIndex: 'name' },
              { title: t('fees.run.lines'), dataIndex: 'lines', align: 'right', width: 120 },
              { title: t('fees.run.amount'), dataIndex: 'amount', align: 'right', width: 160, render: (v: number) => <span className="wd-money">{formatFen(v)}</span> },
            ]}
          />
          {preview.result.skipped.length > 0 && (
            <Collapse
              style={{ marginTop: 12 }}
              size="small"
              items={[
                {
                  key: 's',
                  label: t('fees.run.skipped', { n: preview.result.skippedCount ?? preview.result.skipped.length }),
                  children: (
                    <Table
                      rowKey={(x) => `${x.unitId}-${x.feeItemId}`}
                      size="small"
                      dataSource={preview.result.skipped}
                      pagination={{ pageSize: 10, showSizeChanger: false }}
                      columns={[
                        { title: t('fees.unit'), dataIndex: 'unitLabel', width: 140 },
                        { title: t('fees.line.item'), dataIndex: 'feeItemId', width: 180, render: itemName },
                        { title: t('fees.run.why'), dataIndex: 'reason', render: (v: string, x) => x.message ?? v },
                      ]}
                    />
                  ),
                },
              ]}
            />
          )}
        </Card>
      )}

      <Card size="small" title={t('fees.run.history')}>
        <Table<Run>
          rowKey="id"
          size="small"
          dataSource={historyItems}
          loading={history.isFetching && !history.data}
          pagination={{ pageSize: 10, showSizeChanger: false }}
          locale={{ emptyText: t('fees.run.noHistory') }}
          data-testid="run-history"
          columns={[
            { title: t('fees.line.period'), dataIndex: 'period', width: 100 },
            { title: t('fees.run.status'), dataIndex: 'status', width: 100, render: (v: string) => <Tag color={RUN_COLORS[v]}>{t(`fees.run.status.${v}` as MessageKey)}</Tag> },
            { title: t('fees.run.units'), key: 'units', width: 110, align: 'right', render: (_: unknown, x) => `${x.unitsDone}/${x.unitsTotal}` },
            { title: t('fees.run.lines'), dataIndex: 'linesCreated', width: 100, align: 'right' },
            { title: t('fees.run.amount'), dataIndex: 'amountCreated', width: 140, align: 'right', render: (v: number) => <span className="wd-money">{formatFen(v)}</span> },
            { title: t('fees.run.prepaidUsed'), dataIndex: 'prepaidUsed', width: 130, align: 'right', render: (v: number) => <span className="wd-money">{formatFen(v)}</span> },
            { title: t('fees.run.by'), dataIndex: 'createdByName', width: 150, ellipsis: true },
            { title: t('fees.run.at'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v).slice(0, 16) },
          ]}
        />
      </Card>
    </>
  );
}
