import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, Modal, Select, Switch, Table, Tag } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import type { Checkpoint, RoundRoute } from '../../api/rounds-types.ts';
import type { ListResponse } from '../../api/types.ts';
import { useSession } from '../../app/session.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ErrorResult } from '../../components/Results.tsx';
import { useFormSubmit } from '../../components/useFormSubmit.ts';
import { useI18n } from '../../i18n/index.tsx';

interface RouteForm {
  name: string;
  areaId?: number | null;
  ordered: boolean;
  checkpointIds: number[];
}

/** 巡检路线: the checkpoints a plan walks, in order or not. */
export default function RoutesPage() {
  const { t } = useI18n();
  const { estateId, estates, areaName } = useSession();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [editing, setEditing] = useState<RoundRoute | 'new' | null>(null);
  const list = useQuery({ queryKey: ['rounds-routes', estateId], queryFn: () => api<ListResponse<RoundRoute>>('/api/v1/rounds/routes', { query: { estateId } }), enabled: !!estateId });
  const cps = useQuery({ queryKey: ['rounds-checkpoints', estateId], queryFn: () => api<ListResponse<Checkpoint>>('/api/v1/rounds/checkpoints', { query: { estateId } }), enabled: !!estateId });
  const areas = (estates.find((e) => e.id === estateId)?.areas ?? []).map((a) => ({ value: a.id, label: a.name }));
  const [form] = Form.useForm<RouteForm>();
  const { busy, submit } = useFormSubmit(form, async (v) => {
    const body = { name: v.name, areaId: v.areaId ?? null, ordered: v.ordered, checkpointIds: v.checkpointIds ?? [] };
    if (editing === 'new') await api('/api/v1/rounds/routes', { body: { estateId, ...body } });
    else if (editing) await api(`/api/v1/rounds/routes/${editing.id}`, { method: 'PATCH', body });
    message.success(t('common.saved'));
    setEditing(null);
    await qc.invalidateQueries({ queryKey: ['rounds-routes'] });
  });
  const open = (r: RoundRoute | 'new') => {
    form.setFieldsValue(r === 'new' ? { name: '', areaId: null, ordered: true, checkpointIds: [] } : { name: r.name, areaId: r.areaId, ordered: r.ordered, checkpointIds: r.checkpoints.map((c) => c.id) });
    setEditing(r);
  };
  return (
    <>
      <PageHeader title={t('nav.roundsRoutes')} extra={<Button type="primary" icon={<PlusOutlined />} onClick={() => open('new')} data-testid="route-new">{t('rounds.newRoute')}</Button>} />
      <Card>
        {list.error ? (
          <ErrorResult error={list.error} />
        ) : (
          <Table<RoundRoute>
            rowKey="id"
            size="middle"
            loading={list.isPending}
            dataSource={list.data?.items ?? []}
            pagination={false}
            data-testid="routes-table"
            columns={[
              { title: t('rounds.name'), dataIndex: 'name', render: (v: string, r) => <a onClick={() => open(r)}>{v}</a> },
              { title: t('rounds.area'), dataIndex: 'areaId', width: 100, render: (v: number | null) => areaName(v) ?? t('rounds.wholeEstate') },
              { title: t('rounds.ordered'), dataIndex: 'ordered', width: 100, render: (v: boolean) => <Tag>{t(v ? 'rounds.ordered' : 'rounds.unordered')}</Tag> },
              { title: t('rounds.checkpoints'), dataIndex: 'checkpoints', render: (v: RoundRoute['checkpoints']) => v.map((c) => c.name).join(' → ') },
              {
                title: t('rounds.active'),
                dataIndex: 'active',
                width: 80,
                render: (v: boolean, r) => <Switch size="small" checked={v} onChange={(on) => api(`/api/v1/rounds/routes/${r.id}`, { method: 'PATCH', body: { active: on } }).then(() => qc.invalidateQueries({ queryKey: ['rounds-routes'] }))} />,
              },
            ]}
          />
        )}
      </Card>
      <Modal open={editing != null} width={640} title={editing === 'new' ? t('rounds.newRoute') : t('common.edit')} onCancel={() => setEditing(null)} onOk={submit} confirmLoading={busy} okButtonProps={{ 'data-testid': 'route-save' } as Record<string, string>}>
        <Form form={form} layout="vertical">
          <Form.Item name="name" label={t('rounds.name')} rules={[{ required: true }]}><Input maxLength={100} data-testid="route-name" /></Form.Item>
          <Form.Item name="areaId" label={t('rounds.area')}><Select allowClear options={areas} placeholder={t('rounds.wholeEstate')} /></Form.Item>
          <Form.Item name="ordered" label={t('rounds.ordered')} valuePropName="checked"><Switch /></Form.Item>
          <Form.Item name="checkpointIds" label={t('rounds.checkpoints')} extra={t('rounds.checkpointsHint')}>
            <Select mode="multiple" optionFilterProp="label" options={(cps.data?.items ?? []).filter((c) => c.active).map((c) => ({ value: c.id, label: `${c.code} ${c.name}` }))} data-testid="route-checkpoints" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
