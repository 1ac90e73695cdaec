import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Flex, Form, Input, InputNumber, Modal, Select, Switch, Table } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import type { Plan, RoundRoute, RoundsStaff, Template } from '../../api/rounds-types.ts';
import type { ListResponse } from '../../api/types.ts';
import { useSession } from '../../app/session.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ErrorResult } from '../../components/Results.tsx';
import { useFormSubmit } from '../../components/useFormSubmit.ts';
import { useI18n } from '../../i18n/index.tsx';
import { useRoundsOptions } from './common.tsx';

interface PlanForm {
  name: string;
  kind: string;
  areaId?: number | null;
  routeId?: number | null;
  templateFamilyId?: number | null;
  assigneeRule: 'user' | 'area_admin';
  assigneeId?: number | null;
  recurrence: string;
  days?: number[];
  everyN?: number | null;
  start: string;
  windowMin: number;
  leadMin: number;
  graceMin: number;
  startsOn: string;
  endsOn?: string;
  enabled: boolean;
}

const todayChina = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

/** 巡检计划: when a route is walked and by whom (design A.3.0 round_plans). */
export default function PlansPage() {
  const { t } = useI18n();
  const { estateId, estates, areaName } = useSession();
  const { k, kinds, recurrences } = useRoundsOptions();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [editing, setEditing] = useState<Plan | 'new' | null>(null);
  const q = (key: string, path: string) => ({ queryKey: [key, estateId], queryFn: () => api<ListResponse<never>>(path, { query: { estateId } }), enabled: !!estateId });
  const list = useQuery(q('rounds-plans', '/api/v1/rounds/plans')) as { data?: ListResponse<Plan>; error: unknown; isPending: boolean };
  const routes = useQuery(q('rounds-routes', '/api/v1/rounds/routes')) as { data?: ListResponse<RoundRoute> };
  const templates = useQuery(q('rounds-templates', '/api/v1/rounds/templates')) as { data?: ListResponse<Template> };
  const staff = useQuery(q('rounds-staff', '/api/v1/rounds/staff')) as { data?: ListResponse<RoundsStaff> };
  const areas = (estates.find((e) => e.id === estateId)?.areas ?? []).map((a) => ({ value: a.id, label: a.name }));
  const families = [...new Map((templates.data?.items ?? []).map((x) => [x.familyId, x.name])).entries()].map(([value, label]) => ({ value, label }));
  const [form] = Form.useForm<PlanForm>();
  const refresh = () => qc.invalidateQueries({ queryKey: ['rounds-plans'] });
  const { busy, submit } = useFormSubmit(form, async (v) => {
    const body = {
      name: v.name,
      kind: v.kind,
      areaId: v.areaId ?? null,
      routeId: v.routeId ?? null,
      templateFamilyId: v.templateFamilyId ?? null,
      assigneeRule: v.assigneeRule,
      assigneeId: v.assigneeRule === 'user' ? (v.assigneeId ?? null) : null,
      recurrence: v.recurrence,
      days: v.days ?? [],
      everyN: v.recurrence === 'every_n_days' ? (v.everyN ?? null) : null,
      slots: [{ start: v.start, windowMin: v.windowMin }],
      leadMin: v.leadMin,
      graceMin: v.graceMin,
      startsOn: v.startsOn,
      endsOn: v.endsOn || null,
      enabled: v.enabled,
    };
    if (editing === 'new') await api('/api/v1/rounds/plans', { body: { estateId, ...body } });
    else if (editing) await api(`/api/v1/rounds/plans/${editing.id}`, { method: 'PATCH', body });
    message.success(t('common.saved'));
    setEditing(null);
    await refresh();
  });
  const open = (p: Plan | 'new') => {
    form.resetFields();
    form.setFieldsValue(
      p === 'new'
        ? { name: '', kind: 'patrol', assigneeRule: 'area_admin', recurrence: 'daily', days: [], start: '08:30', windowMin: 540, leadMin: 30, graceMin: 30, startsOn: todayChina(), enabled: true }
        : { ...p, assigneeRule: p.assigneeRule as PlanForm['assigneeRule'], start: p.slots[0]?.start ?? '08:30', windowMin: p.slots[0]?.windowMin ?? 60, endsOn: p.endsOn ?? '' },
    );
    setEditing(p);
  };
  return (
    <>
      <PageHeader title={t('nav.roundsPlans')} subtitle={t('rounds.subtitlePlans')} extra={<Button type="primary" icon={<PlusOutlined />} onClick={() => open('new')} data-testid="plan-new">{t('rounds.newPlan')}</Button>} />
      <Card>
        {list.error ? (
          <ErrorResult error={list.error} />
        ) : (
          <Table<Plan>
            rowKey="id"
            size="middle"
            loading={list.isPending}
            dataSource={list.data?.items ?? []}
            pagination={false}
            data-testid="plans-table"
            columns={[
              { title: t('rounds.name'), dataIndex: 'name', render: (v: string, r) => <a onClick={() => open(r)}>{v}</a> },
              { title: t('rounds.kind'), dataIndex: 'kind', width: 110, render: (v: string) => k('rounds.kind', v) },
              { title: t('rounds.area'), dataIndex: 'areaId', width: 90, render: (v: number | null) => areaName(v) ?? t('rounds.wholeEstate') },
              { title: t('rounds.route'), dataIndex: 'routeName', width: 170, ellipsis: true, render: (v: string | null, r) => v ?? r.generator ?? '—' },
              {
                title: t('rounds.recurrence'),
                dataIndex: 'recurrence',
                width: 150,
                render: (v: string, r) => `${k('rounds.recurrence', v)}${r.days.length ? ` ${r.days.join(',')}` : ''}${r.everyN ? ` ${r.everyN}` : ''}`,
              },
              { title: t('rounds.slots'), dataIndex: 'slots', width: 150, render: (v: Plan['slots']) => v.map((s) => `${s.start} +${s.windowMin}′`).join('、') },
              { title: t('rounds.assignee'), dataIndex: 'assigneeName', width: 140, render: (v: string | null, r) => (r.assigneeRule === 'area_admin' ? t('rounds.assigneeAreaAdmin') : (v ?? '—')) },
              { title: t('rounds.enabled'), dataIndex: 'enabled', width: 80, render: (v: boolean, r) => <Switch size="small" checked={v} onChange={(on) => api(`/api/v1/rounds/plans/${r.id}`, { method: 'PATCH', body: { enabled: on } }).then(refresh).catch((e) => message.error(e.message))} /> },
            ]}
          />
        )}
      </Card>
      <Modal open={editing != null} width={720} title={editing === 'new' ? t('rounds.newPlan') : t('common.edit')} onCancel={() => setEditing(null)} onOk={submit} confirmLoading={busy} okButtonProps={{ 'data-testid': 'plan-save' } as Record<string, string>}>
        <Form form={form} layout="vertical">
          <Flex gap={12}>
            <Form.Item name="name" label={t('rounds.name')} rules={[{ required: true }]} style={{ flex: 1 }}><Input maxLength={100} data-testid="plan-name" /></Form.Item>
            <Form.Item name="kind" label={t('rounds.kind')} style={{ width: 160 }}><Select options={kinds} /></Form.Item>
          </Flex>
          <Flex gap={12}>
            <Form.Item name="areaId" label={t('rounds.area')} style={{ width: 160 }}><Select allowClear options={areas} placeholder={t('rounds.wholeEstate')} /></Form.Item>
            <Form.Item name="routeId" label={t('rounds.route')} style={{ flex: 1 }}><Select allowClear options={(routes.data?.items ?? []).map((r) => ({ value: r.id, label: r.name }))} data-testid="plan-route" /></Form.Item>
            <Form.Item name="templateFamilyId" label={t('rounds.template')} style={{ width: 200 }}><Select allowClear options={families} /></Form.Item>
          </Flex>
          <Flex gap={12}>
            <Form.Item name="recurrence" label={t('rounds.recurrence')} style={{ width: 140 }}><Select options={recurrences} /></Form.Item>
            <Form.Item noStyle shouldUpdate={(a, b) => a.recurrence !== b.recurrence}>
              {() => {
                const r = form.getFieldValue('recurrence');
                if (r === 'weekdays' || r === 'month_days')
                  return (
                    <Form.Item name="days" label={t(r === 'weekdays' ? 'rounds.weekdaysPick' : 'rounds.monthDaysPick')} style={{ flex: 1 }}>
                      <Select mode="multiple" options={Array.from({ length: r === 'weekdays' ? 7 : 31 }, (_, i) => ({ value: i + 1, label: String(i + 1) }))} />
                    </Form.Item>
                  );
                if (r === 'every_n_days') return <Form.Item name="everyN" label={t('rounds.everyN')}><InputNumber min={1} max={366} /></Form.Item>;
                return null;
              }}
            </Form.Item>
          </Flex>
          <Flex gap={12} wrap>
            <Form.Item name="start" label={t('rounds.slotStart')} rules={[{ required: true, pattern: /^([01]\d|2[0-3]):[0-5]\d$/ }]} style={{ width: 110 }}><Input placeholder="08:30" data-testid="plan-start" /></Form.Item>
            <Form.Item name="windowMin" label={t('rounds.windowMin')}><InputNumber min={15} max={720} /></Form.Item>
            <Form.Item name="leadMin" label={t('rounds.leadMin')}><InputNumber min={0} max={720} /></Form.Item>
            <Form.Item name="graceMin" label={t('rounds.graceMin')}><InputNumber min={0} max={720} /></Form.Item>
          </Flex>
          <Flex gap={12}>
            <Form.Item name="assigneeRule" label={t('rounds.assignee')} style={{ width: 180 }}>
              <Select options={[{ value: 'area_admin', label: t('rounds.assigneeAreaAdmin') }, { value: 'user', label: t('rounds.assigneeUser') }]} />
            </Form.Item>
            <Form.Item noStyle shouldUpdate={(a, b) => a.assigneeRule !== b.assigneeRule}>
              {() =>
                form.getFieldValue('assigneeRule') === 'user' && (
                  <Form.Item name="assigneeId" label={t('rounds.assigneeUser')} style={{ flex: 1 }}>
                    <Select options={(staff.data?.items ?? []).map((u) => ({ value: u.id, label: u.displayName }))} />
                  </Form.Item>
                )
              }
            </Form.Item>
          </Flex>
          <Flex gap={12}>
            <Form.Item name="startsOn" label={t('rounds.startsOn')} rules={[{ required: true, pattern: /^\d{4}-\d{2}-\d{2}$/ }]}><Input placeholder="2026-12-01" /></Form.Item>
            <Form.Item name="endsOn" label={t('rounds.endsOn')}><Input placeholder="—" /></Form.Item>
            <Form.Item name="enabled" label={t('rounds.enabled')} valuePropName="checked"><Switch /></Form.Item>
          </Flex>
        </Form>
      </Modal>
    </>
  );
}
