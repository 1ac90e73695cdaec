import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, InputNumber, Modal, Popconfirm, Select, Space, Table, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { PRIORITY_LABELS, TICKET_TYPE_LABELS } from '../../../../core/desk-labels.ts';
import { PRIORITIES, TICKET_TYPES } from '../../../../core/tickets.ts';
import { api } from '../../../api/client.ts';
import type { SlaPolicy } from '../../../api/desk-types.ts';
import type { ListResponse } from '../../../api/types.ts';
import { fieldsIn, useResetOnOpen } from '../../../components/forms.ts';
import { ErrorResult } from '../../../components/Results.tsx';
import { useReportError } from '../../../components/useReportError.ts';
import { useI18n } from '../../../i18n/index.tsx';

const hours = (min: number) => (min % 60 === 0 ? `${min / 60} h` : `${min} min`);
type Tri = 'any' | 'yes' | 'no';
interface Values {
  type?: string;
  priority?: string;
  complex: Tri;
  emergency: Tri;
  responseMinutes: number;
  resolutionMinutes: number;
}
const tri = (v: Tri) => (v === 'any' ? null : v === 'yes');

/** 时限规则: the most specific rule that matches a ticket gives its response and resolution limits. */
export function SlaPolicies({ estateId, canEdit }: { estateId: number; canEdit: boolean }) {
  const { t, label } = useI18n();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const reportError = useReportError();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<Values>();
  useResetOnOpen(form, open);
  const list = useQuery({ queryKey: ['sla-policies', estateId], queryFn: () => api<ListResponse<SlaPolicy>>('/api/v1/desk/sla-policies', { query: { estateId } }) });
  const add = useMutation({
    mutationFn: (v: Values) =>
      api('/api/v1/desk/sla-policies', {
        body: { estateId, type: v.type ?? null, priority: v.priority ?? null, complex: tri(v.complex), emergency: tri(v.emergency), responseMinutes: v.responseMinutes, resolutionMinutes: v.resolutionMinutes },
      }),
    onSuccess: () => {
      message.success(t('common.saved'));
      setOpen(false);
      void qc.invalidateQueries({ queryKey: ['sla-policies', estateId] });
    },
    onError: (err) => reportError(err, form, fieldsIn('type', 'priority', 'complex', 'emergency', 'responseMinutes', 'resolutionMinutes')),
  });
  const [editing, setEditing] = useState<SlaPolicy | null>(null);
  const [editForm] = Form.useForm<{ responseMinutes: number; resolutionMinutes: number }>();
  const change = useMutation({
    mutationFn: ({ id, body }: { id: number; body: Record<string, unknown> }) => api(`/api/v1/desk/sla-policies/${id}`, { method: 'PATCH', body }),
    onSuccess: () => {
      message.success(t('common.saved'));
      setEditing(null);
      void qc.invalidateQueries({ queryKey: ['sla-policies', estateId] });
    },
    onError: (err) => reportError(err, editForm, fieldsIn('responseMinutes', 'resolutionMinutes')),
  });
  const any = <span className="wd-muted">{t('settings.any')}</span>;
  const yesNo = (v: boolean | null) => (v === null ? any : v ? t('settings.yes') : t('settings.no'));
  const columns: TableColumnsType<SlaPolicy> = [
    { title: t('ticket.type'), dataIndex: 'type', render: (v: string | null) => (v ? label(TICKET_TYPE_LABELS, v) : any) },
    { title: t('ticket.priority'), dataIndex: 'priority', render: (v: string | null) => (v ? label(PRIORITY_LABELS, v) : any) },
    { title: t('ticket.complex'), dataIndex: 'complex', render: yesNo },
    { title: t('ticket.emergency'), dataIndex: 'emergency', render: yesNo },
    { title: t('settings.responseLimit'), dataIndex: 'responseMinutes', align: 'right', render: hours },
    { title: t('settings.resolutionLimit'), dataIndex: 'resolutionMinutes', align: 'right', render: hours },
    ...(canEdit
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 170,
            render: (_: unknown, p: SlaPolicy) => (
              <Space size="small">
                <Button
                  size="small"
                  type="link"
                  onClick={() => {
                    setEditing(p);
                    editForm.setFieldsValue({ responseMinutes: p.responseMinutes, resolutionMinutes: p.resolutionMinutes });
                  }}
                >
                  {t('settings.editPolicy')}
                </Button>
                <Popconfirm title={t('settings.retireConfirm')} onConfirm={() => change.mutate({ id: p.id, body: { archived: true } })}>
                  <Button size="small" type="link" danger>
                    {t('settings.retire')}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]
      : []),
  ];
  const triOptions = [
    { value: 'any', label: t('settings.any') },
    { value: 'yes', label: t('settings.yes') },
    { value: 'no', label: t('settings.no') },
  ];
  return (
    <>
      {canEdit && (
        <Button icon={<PlusOutlined />} onClick={() => setOpen(true)} style={{ marginBottom: 12 }} data-testid="sla-add">
          {t('settings.addPolicy')}
        </Button>
      )}
      {list.error ? (
        <ErrorResult error={list.error} />
      ) : (
        <Table<SlaPolicy> rowKey="id" size="small" columns={columns} dataSource={list.data?.items} loading={list.isPending} pagination={false} data-testid="sla-table" />
      )}
      <Modal
        open={editing != null}
        title={t('settings.editPolicy')}
        onOk={() => editForm.submit()}
        okButtonProps={{ loading: change.isPending }}
        onCancel={() => setEditing(null)}
        forceRender
      >
        <Form form={editForm} layout="vertical" onFinish={(v) => editing && change.mutate({ id: editing.id, body: v })}>
          <Form.Item name="responseMinutes" label={t('settings.responseLimit')} rules={[{ required: true, message: t('form.required') }]}>
            <InputNumber min={1} max={86_400} precision={0} suffix={t('settings.minutes')} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="resolutionMinutes" label={t('settings.resolutionLimit')} rules={[{ required: true, message: t('form.required') }]}>
            <InputNumber min={1} max={525_600} precision={0} suffix={t('settings.minutes')} style={{ width: '100%' }} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal open={open} title={t('settings.addPolicy')} onOk={() => form.submit()} okButtonProps={{ loading: add.isPending }} onCancel={() => setOpen(false)} destroyOnHidden>
        <Form<Values> form={form} layout="vertical" initialValues={{ complex: 'any', emergency: 'any', responseMinutes: 60, resolutionMinutes: 1440 }} onFinish={(v) => add.mutate(v)}>
          <Form.Item name="type" label={t('ticket.type')}>
            <Select allowClear placeholder={t('settings.any')} options={TICKET_TYPES.map((x) => ({ value: x, label: label(TICKET_TYPE_LABELS, x) }))} />
          </Form.Item>
          <Form.Item name="priority" label={t('ticket.priority')}>
            <Select allowClear placeholder={t('settings.any')} options={PRIORITIES.map((x) => ({ value: x, label: label(PRIORITY_LABELS, x) }))} />
          </Form.Item>
          <Form.Item name="complex" label={t('ticket.complex')}>
            <Select options={triOptions} />
          </Form.Item>
          <Form.Item name="emergency" label={t('ticket.emergency')}>
            <Select options={triOptions} />
          </Form.Item>
          <Form.Item name="responseMinutes" label={t('settings.responseLimit')} rules={[{ required: true, message: t('form.required') }]}>
            <InputNumber min={1} max={86_400} precision={0} suffix={t('settings.minutes')} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="resolutionMinutes" label={t('settings.resolutionLimit')} rules={[{ required: true, message: t('form.required') }]}>
            <InputNumber min={1} max={525_600} precision={0} suffix={t('settings.minutes')} style={{ width: '100%' }} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
