import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, InputNumber, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../../api/client.ts';
import { useSession } from '../../app/session.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useReportError } from '../../components/useReportError.ts';
import { type MessageKey, useT } from '../../i18n/index.tsx';
import { useMonths } from './shared.tsx';

interface Item {
  code: string;
  metric: string;
  group: string;
  weight: number;
  direction: 'higher' | 'lower';
  floor: number;
  target: number;
  hasSource?: boolean;
}

/** 考核指标: the KPI set per role, versioned; a new version applies from its month on. */
export default function KpiPage() {
  const t = useT();
  const { estateId } = useSession();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const reportError = useReportError();
  const { months } = useMonths();
  const [role, setRole] = useState<'cs_admin' | 'dept_staff'>('cs_admin');
  const [items, setItems] = useState<Item[]>([]);
  const [from, setFrom] = useState(months[0]!);
  const [note, setNote] = useState('');
  const [form] = Form.useForm();
  const sets = useQuery({ queryKey: ['kpi-sets', estateId, role], queryFn: () => api<{ current: { version: number; items: Item[] }; versions: Array<{ version: number; effectiveFrom: string; note: string | null }> }>('/api/v1/kpi-sets', { query: { estateId, role } }), enabled: !!estateId });
  useEffect(() => setItems(sets.data?.current.items ?? []), [sets.data]);
  const save = useMutation({
    mutationFn: () => api('/api/v1/kpi-sets', { method: 'POST', body: { estateId, role, effectiveFrom: from, note: note || null, items: items.map(({ hasSource: _h, ...i }) => i) } }),
    onSuccess: () => {
      message.success(t('perf.saved'));
      void qc.invalidateQueries({ queryKey: ['kpi-sets'] });
    },
    onError: (e) => reportError(e, form),
  });
  const total = items.reduce((s, i) => s + (i.weight || 0), 0);
  const edit = (k: number, patch: Partial<Item>) => setItems(items.map((x, i) => (i === k ? { ...x, ...patch } : x)));
  return (
    <>
      <PageHeader title={t('kpi.title')} subtitle={t('kpi.subtitle')} extra={<Segmented value={role} onChange={(v) => setRole(v as typeof role)} options={[{ value: 'cs_admin', label: t('kpi.role.cs_admin') }, { value: 'dept_staff', label: t('kpi.role.dept_staff') }]} />} />
      <Card title={t('kpi.version', { v: sets.data?.current.version ?? 0 })} loading={sets.isPending}>
        <Table<Item>
          rowKey="code"
          size="small"
          pagination={false}
          dataSource={items}
          data-testid="kpi-table"
          columns={[
            { title: t('perf.group'), dataIndex: 'group', width: 90, render: (g: string) => t(`perf.group.${g}` as MessageKey) },
            { title: t('kpi.metric'), dataIndex: 'metric', render: (m: string, i) => <Space>{m}{i.hasSource === false && <Tag>{t('pack.status.no_source')}</Tag>}</Space> },
            { title: t('kpi.direction'), dataIndex: 'direction', width: 90, render: (d: string) => t(`kpi.direction.${d}` as MessageKey) },
            { title: t('perf.weight'), width: 90, render: (_, i, k) => <InputNumber size="small" min={1} max={100} value={i.weight} onChange={(v) => edit(k, { weight: Number(v) })} /> },
            { title: t('kpi.floor'), width: 100, render: (_, i, k) => <InputNumber size="small" step={0.01} value={i.floor} onChange={(v) => edit(k, { floor: Number(v) })} /> },
            { title: t('kpi.target'), width: 100, render: (_, i, k) => <InputNumber size="small" step={0.01} value={i.target} onChange={(v) => edit(k, { target: Number(v) })} /> },
          ]}
        />
        <Form form={form} layout="inline" style={{ marginTop: 16 }}>
          <Form.Item label={t('kpi.total')} name="items" validateStatus={total === 100 ? 'success' : 'error'}>
            <Typography.Text type={total === 100 ? 'success' : 'danger'} data-testid="kpi-total">{total}</Typography.Text>
          </Form.Item>
          <Form.Item label={t('kpi.effectiveFrom')} name="effectiveFrom">
            <Select value={from} onChange={setFrom} options={months.slice(0, 3).map((m) => ({ value: m, label: m }))} style={{ width: 110 }} />
          </Form.Item>
          <Form.Item label={t('kpi.note')} name="note">
            <Input value={note} onChange={(e) => setNote(e.target.value)} />
          </Form.Item>
          <Button type="primary" onClick={() => save.mutate()} loading={save.isPending} data-testid="kpi-save">
            {t('kpi.save')}
          </Button>
        </Form>
        <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
          {(sets.data?.versions ?? []).map((v) => `v${v.version} ${v.effectiveFrom} ${v.note ?? ''}`).join(' · ')}
        </Typography.Paragraph>
      </Card>
    </>
  );
}
