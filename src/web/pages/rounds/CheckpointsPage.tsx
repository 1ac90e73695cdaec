import { PlusOutlined, PrinterOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, Modal, Select, Switch, Table } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../../api/client.ts';
import type { Checkpoint, Template } from '../../api/rounds-types.ts';
import type { ListResponse } from '../../api/types.ts';
import { useSession } from '../../app/session.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ErrorResult } from '../../components/Results.tsx';
import { useFormSubmit } from '../../components/useFormSubmit.ts';
import { useI18n } from '../../i18n/index.tsx';
import { useRoundsOptions } from './common.tsx';

interface CpForm {
  code: string;
  name: string;
  target: string;
  areaId?: number | null;
  location?: string;
  templateFamilyId?: number | null;
}

/** 检查点: one QR label per place; printing a sheet of labels for the selected ones. */
export default function CheckpointsPage() {
  const { t } = useI18n();
  const { estateId, estates, areaName } = useSession();
  const { k, targets } = useRoundsOptions();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [creating, setCreating] = useState(false);
  const [selected, setSelected] = useState<number[]>([]);
  const list = useQuery({ queryKey: ['rounds-checkpoints', estateId], queryFn: () => api<ListResponse<Checkpoint>>('/api/v1/rounds/checkpoints', { query: { estateId } }), enabled: !!estateId });
  const templates = useQuery({ queryKey: ['rounds-templates', estateId], queryFn: () => api<ListResponse<Template>>('/api/v1/rounds/templates', { query: { estateId } }), enabled: !!estateId });
  const families = [...new Map((templates.data?.items ?? []).map((x) => [x.familyId, x.name])).entries()].map(([value, label]) => ({ value, label }));
  const areas = (estates.find((e) => e.id === estateId)?.areas ?? []).map((a) => ({ value: a.id, label: a.name }));
  const refresh = () => qc.invalidateQueries({ queryKey: ['rounds-checkpoints'] });
  const [form] = Form.useForm<CpForm>();
  const { busy, submit } = useFormSubmit(form, async (v) => {
    await api('/api/v1/rounds/checkpoints', { body: { estateId, ...v, areaId: v.areaId ?? null, templateFamilyId: v.templateFamilyId ?? null } });
    message.success(t('common.saved'));
    setCreating(false);
    form.resetFields();
    await refresh();
  });
  const patch = async (id: number, body: Record<string, unknown>) => {
    await api(`/api/v1/rounds/checkpoints/${id}`, { method: 'PATCH', body });
    await refresh();
  };
  const print = (ids: number[]) => navigate(`/print/rounds/labels${ids.length ? `?ids=${ids.join(',')}` : ''}`);
  return (
    <>
      <PageHeader
        title={t('nav.roundsCheckpoints')}
        subtitle={t('rounds.subtitleCheckpoints')}
        extra={
          <>
            <Button icon={<PrinterOutlined />} onClick={() => print(selected)} data-testid="labels-print">
              {selected.length ? t('rounds.printSelected', { n: selected.length }) : t('rounds.printLabels')}
            </Button>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="checkpoint-new">{t('rounds.newCheckpoint')}</Button>
          </>
        }
      />
      <Card>
        {list.error ? (
          <ErrorResult error={list.error} />
        ) : (
          <Table<Checkpoint>
            rowKey="id"
            size="middle"
            loading={list.isPending}
            dataSource={list.data?.items ?? []}
            rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys as number[]) }}
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            data-testid="checkpoints-table"
            columns={[
              { title: t('rounds.code'), dataIndex: 'code', width: 110, render: (v: string) => <span className="wd-mono">{v}</span> },
              { title: t('rounds.name'), dataIndex: 'name' },
              { title: t('rounds.target'), dataIndex: 'target', width: 90, render: (v: string) => k('rounds.target', v) },
              { title: t('rounds.area'), dataIndex: 'areaId', width: 100, render: (v: number | null) => areaName(v) ?? t('rounds.wholeEstate') },
              { title: t('rounds.location'), dataIndex: 'location', ellipsis: true },
              { title: t('rounds.template'), dataIndex: 'templateName', width: 180, ellipsis: true },
              { title: t('rounds.active'), dataIndex: 'active', width: 80, render: (v: boolean, r) => <Switch size="small" checked={v} onChange={(on) => patch(r.id, { active: on })} /> },
              {
                title: t('common.actions'),
                key: 'op',
                width: 180,
                render: (_: unknown, r) => (
                  <>
                    <Button size="small" type="link" onClick={() => print([r.id])}>{t('rounds.printLabels')}</Button>
                    <Button
                      size="small"
                      type="link"
                      danger
                      onClick={() => Modal.confirm({ title: t('rounds.rotate'), content: t('rounds.rotateConfirm'), onOk: () => api(`/api/v1/rounds/checkpoints/${r.id}/rotate`, { method: 'POST' }).then(refresh) })}
                    >
                      {t('rounds.rotate')}
                    </Button>
                  </>
                ),
              },
            ]}
          />
        )}
      </Card>
      <Modal open={creating} title={t('rounds.newCheckpoint')} onCancel={() => setCreating(false)} onOk={submit} confirmLoading={busy} okButtonProps={{ 'data-testid': 'checkpoint-save' } as Record<string, string>}>
        <Form form={form} layout="vertical" initialValues={{ target: 'building' }}>
          <Form.Item name="code" label={t('rounds.code')} rules={[{ required: true }]}><Input maxLength={32} data-testid="checkpoint-code" /></Form.Item>
          <Form.Item name="name" label={t('rounds.name')} rules={[{ required: true }]}><Input maxLength={100} data-testid="checkpoint-name" /></Form.Item>
          <Form.Item name="target" label={t('rounds.target')}><Select options={targets} /></Form.Item>
          <Form.Item name="areaId" label={t('rounds.area')}><Select allowClear options={areas} placeholder={t('rounds.wholeEstate')} /></Form.Item>
          <Form.Item name="location" label={t('rounds.location')}><Input maxLength={200} /></Form.Item>
          <Form.Item name="templateFamilyId" label={t('rounds.template')}><Select allowClear options={families} data-testid="checkpoint-template" /></Form.Item>
        </Form>
      </Modal>
    </>
  );
}
