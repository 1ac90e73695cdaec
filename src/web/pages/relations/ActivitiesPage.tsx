import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, InputNumber, Modal, Select, Table, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ACTIVITY_TYPES } from '../../../core/activities.ts';
import { api } from '../../api/client.ts';
import type { Activity } from '../../api/notices-types.ts';
import type { ListResponse } from '../../api/types.ts';
import { useSession } from '../../app/session.tsx';
import { formatDateTime } from '../../components/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ErrorResult } from '../../components/Results.tsx';
import { useReportError } from '../../components/useReportError.ts';
import { type MessageKey, useT } from '../../i18n/index.tsx';
import { ActivityStatusTag } from './activityParts.tsx';
import { fromLocalInput } from './noticeParts.tsx';


/** 社区文化活动 (manual 4.10): plans, registration and summaries of the estate's activities. */
export default function ActivitiesPage() {
  const t = useT();
  const navigate = useNavigate();
  const { estateId, estate, can } = useSession();
  const { message } = App.useApp();
  const reportError = useReportError();
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm();
  const list = useQuery({ queryKey: ['activities', estateId], queryFn: () => api<ListResponse<Activity>>('/api/v1/activities', { query: { estateId, pageSize: 100 } }), enabled: !!estateId });
  const facilities = useQuery({ queryKey: ['facilities-pick', estateId], queryFn: () => api<ListResponse<{ id: number; name: string }>>('/api/v1/facilities', { query: { estateId, pageSize: 100 } }), enabled: !!estateId && creating });
  const create = useMutation({
    mutationFn: (v: Record<string, any>) =>
      api<{ id: number }>('/api/v1/activities', {
        body: {
          estateId,
          title: v.title,
          type: v.type,
          goals: v.goals || null,
          agenda: v.agenda || null,
          budget: (v.budget ?? []).filter((b: { item?: string }) => b?.item).map((b: { item: string; amount?: number }) => ({ item: b.item, amount: Math.round((b.amount ?? 0) * 100) })),
          staffing: (v.staffing ?? []).filter((s: { role?: string }) => s?.role).map((s: { role: string; name?: string }) => ({ role: s.role, name: s.name ?? '' })),
          facilityId: v.facilityId ?? null,
          venue: v.venue || null,
          startsAt: fromLocalInput(v.startsAt),
          endsAt: fromLocalInput(v.endsAt),
          opensAt: fromLocalInput(v.opensAt),
          closesAt: fromLocalInput(v.closesAt),
          capacity: v.capacity,
          perUnitLimit: v.perUnitLimit,
          audienceKind: v.areaIds?.length ? 'areas' : 'estate',
          audienceIds: v.areaIds ?? [],
        },
      }),
    onSuccess: (r) => {
      message.success(t('rn.saved'));
      navigate(`/relations/activities/${r.id}`);
    },
    onError: (err) => reportError(err, form),
  });
  const columns: TableColumnsType<Activity> = [
    { title: t('rn.number'), dataIndex: 'number', width: 120, render: (v: string, r) => <Link className="wd-mono" to={`/relations/activities/${r.id}`}>{v}</Link> },
    { title: t('act.name'), dataIndex: 'title', ellipsis: true, render: (v: string, r) => <Link to={`/relations/activities/${r.id}`}>{v}</Link> },
    { title: t('act.type'), dataIndex: 'type', width: 100, render: (v: string) => t(`act.type.${v}` as MessageKey) },
    { title: t('act.startsAt'), dataIndex: 'startsAt', width: 140, render: (v: string) => formatDateTime(v).slice(0, 16) },
    { title: t('act.venue'), key: 'venue', width: 140, ellipsis: true, render: (_: unknown, r) => r.facilityName ?? r.venue ?? '—' },
    { title: t('act.taken'), key: 'taken', width: 100, render: (_: unknown, r) => `${r.taken} / ${r.capacity}` },
    { title: t('act.status'), dataIndex: 'status', width: 110, render: (v: string) => <ActivityStatusTag s={v} /> },
    { title: t('act.attendanceRate'), key: 'rate', width: 90, render: (_: unknown, r) => (r.summary.attendanceRate == null || !['finished', 'reviewed'].includes(r.status) ? '—' : `${r.summary.attendanceRate}%`) },
  ];
  return (
    <>
      <PageHeader
        title={t('act.title')}
        subtitle={t('act.subtitle')}
        extra={
          can('activity.manage') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="activity-new">
              {t('act.new')}
            </Button>
          )
        }
      />
      <Card>{list.error ? <ErrorResult error={list.error} /> : <Table rowKey="id" size="middle" loading={list.isPending} columns={columns} dataSource={list.data?.items ?? []} data-testid="activities-table" />}</Card>
      <Modal open={creating} title={t('act.new')} width={760} onCancel={() => setCreating(false)} onOk={() => form.submit()} confirmLoading={create.isPending} destroyOnHidden>
        <Form form={form} layout="vertical" onFinish={(v) => create.mutate(v)} initialValues={{ type: 'festival', capacity: 30, perUnitLimit: 2, budget: [{}], staffing: [{}] }}>
          <Form.Item name="title" label={t('act.name')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <div className="wd-rn-row">
            <Form.Item name="type" label={t('act.type')}>
              <Select options={ACTIVITY_TYPES.map((x) => ({ value: x, label: t(`act.type.${x}` as MessageKey) }))} />
            </Form.Item>
            <Form.Item name="areaIds" label={t('rn.audience')} extra={t('rn.kind.estate')}>
              <Select mode="multiple" allowClear options={(estate?.areas ?? []).map((a) => ({ value: a.id, label: a.name }))} />
            </Form.Item>
          </div>
          <Form.Item name="goals" label={t('act.goals')}>
            <Input />
          </Form.Item>
          <Form.Item name="agenda" label={t('act.agenda')}>
            <Input.TextArea rows={3} />
          </Form.Item>
          <div className="wd-rn-row">
            <Form.Item name="facilityId" label={t('act.facility')}>
              <Select allowClear options={(facilities.data?.items ?? []).map((f) => ({ value: f.id, label: f.name }))} />
            </Form.Item>
            <Form.Item name="venue" label={t('act.venueText')}>
              <Input />
            </Form.Item>
            <Form.Item name="startsAt" label={t('act.startsAt')} rules={[{ required: true }]}>
              <Input type="datetime-local" />
            </Form.Item>
            <Form.Item name="endsAt" label={t('act.endsAt')} rules={[{ required: true }]}>
              <Input type="datetime-local" />
            </Form.Item>
            <Form.Item name="opensAt" label={t('act.opensAt')} rules={[{ required: true }]}>
              <Input type="datetime-local" />
            </Form.Item>
            <Form.Item name="closesAt" label={t('act.closesAt')} rules={[{ required: true }]}>
              <Input type="datetime-local" />
            </Form.Item>
            <Form.Item name="capacity" label={t('act.capacity')} rules={[{ required: true }]}>
              <InputNumber min={1} style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="perUnitLimit" label={t('act.perUnitLimit')} rules={[{ required: true }]}>
              <InputNumber min={1} style={{ width: '100%' }} />
            </Form.Item>
          </div>
          <Form.List name="budget">
            {(fields, { add }) => (
              <Form.Item label={t('act.budget')}>
                {fields.map((f) => (
                  <div key={f.key} className="wd-rn-row">
                    <Form.Item name={[f.name, 'item']} noStyle>
                      <Input placeholder={t('act.budgetItem')} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'amount']} noStyle>
                      <InputNumber min={0} placeholder={t('act.amount')} style={{ width: '100%' }} />
                    </Form.Item>
                  </div>
                ))}
                <Button size="small" type="dashed" onClick={() => add({})} style={{ marginTop: 6 }}>
                  +
                </Button>
              </Form.Item>
            )}
          </Form.List>
          <Form.List name="staffing">
            {(fields, { add }) => (
              <Form.Item label={t('act.staffing')}>
                {fields.map((f) => (
                  <div key={f.key} className="wd-rn-row">
                    <Form.Item name={[f.name, 'role']} noStyle>
                      <Input placeholder={t('act.role')} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'name']} noStyle>
                      <Input placeholder={t('act.person')} />
                    </Form.Item>
                  </div>
                ))}
                <Button size="small" type="dashed" onClick={() => add({})} style={{ marginTop: 6 }}>
                  +
                </Button>
              </Form.Item>
            )}
          </Form.List>
        </Form>
      </Modal>
    </>
  );
}
