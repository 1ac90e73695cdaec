import { PlusOutlined, PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, DatePicker, Flex, Form, Input, InputNumber, Modal, Radio, Select, Space, Statistic, Table, type TableColumnsType, Tabs, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { CHECK_RESULT_LABELS, REQUEST_STATUS_LABELS, SIGN_CATEGORY_LABELS, SIGN_DEFECT_LABELS, SIGN_PLACE_LABELS, SIGN_STATUS_LABELS } from '../../../core/field-labels.ts';
import { api } from '../../api/client.ts';
import type { ListResponse } from '../../api/types.ts';
import { useSession } from '../../app/session.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useI18n } from '../../i18n/index.tsx';
import type { CheckDay, Sign, SignGroup, SignRequest } from './field-api.ts';
import { useSave } from './useSave.ts';

const STATUS_COLOR: Record<string, string> = { approved: 'gold', active: 'green', defective: 'red', removed: 'default', draft: 'default', submitted: 'blue', rejected: 'red' };
const options = (labels: Record<string, { zh: string; en: string }>, side: 'zh' | 'en') => Object.entries(labels).map(([value, l]) => ({ value, label: l[side] }));

/** 标识 (manual 4.3): the registry, the 《标识使用清单》 requests and the twice-daily checks. */
export default function SignsPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'registry';
  return (
    <>
      <PageHeader title={t('field.signs')} subtitle={t('field.signsSub')} />
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams({ tab: k })}
        items={[
          { key: 'registry', label: t('field.signRegistry'), children: <Registry /> },
          { key: 'requests', label: t('field.signRequests'), children: <Requests /> },
          { key: 'checks', label: t('field.signChecks'), children: <Checks /> },
        ]}
      />
    </>
  );
}

function useGroups() {
  const { estateId } = useSession();
  return useQuery({ queryKey: ['sign-groups', estateId], queryFn: () => api<{ items: SignGroup[] }>('/api/v1/field/sign-groups', { query: { estateId } }), enabled: !!estateId });
}

function Registry() {
  const { t, label, lang } = useI18n();
  const side = lang === 'zh-CN' ? 'zh' : 'en';
  const { estateId, can } = useSession();
  const [f, setF] = useState<{ category?: string; place?: string; status?: string; groupId?: number; q?: string; page: number }>({ page: 1 });
  const groups = useGroups();
  const list = useQuery({ queryKey: ['signs', estateId, f], queryFn: () => api<ListResponse<Sign>>('/api/v1/field/signs', { query: { estateId, ...f, pageSize: 20 } }), enabled: !!estateId });
  const save = useSave(['signs', 'sign-groups']);
  const [removing, setRemoving] = useState<Sign | null>(null);
  const [reason, setReason] = useState('');
  const [grouping, setGrouping] = useState(false);
  const [gform] = Form.useForm();
  const columns: TableColumnsType<Sign> = [
    { title: t('field.code'), dataIndex: 'code', width: 92, render: (v: string) => <span className="wd-mono">{v}</span> },
    { title: t('field.category'), dataIndex: 'category', width: 130, render: (v: string) => label(SIGN_CATEGORY_LABELS, v) },
    { title: t('field.place'), dataIndex: 'place', width: 140, ellipsis: true, render: (v: string) => label(SIGN_PLACE_LABELS, v) },
    { title: t('field.group'), dataIndex: 'groupName', width: 140, ellipsis: true },
    { title: t('field.location'), dataIndex: 'location', ellipsis: true },
    { title: t('field.content'), dataIndex: 'content', ellipsis: true },
    {
      title: t('field.status'),
      dataIndex: 'status',
      width: 150,
      render: (v: string, r) => (
        <Space size={4} wrap>
          <Tag color={STATUS_COLOR[v]}>{label(SIGN_STATUS_LABELS, v)}</Tag>
          {r.temporary && <Tag color="orange">{t('field.temporaryUntil', { date: r.expiresOn ?? '' })}</Tag>}
          {r.ticketNumber && r.status === 'defective' && <Link to={`/desk/tickets/${r.ticketId}`}>{r.ticketNumber}</Link>}
        </Space>
      ),
    },
    ...(can('sign.write')
      ? [
          {
            title: t('common.actions'),
            key: 'op',
            width: 150,
            render: (_: unknown, r: Sign) => (
              <Space size={4}>
                {(r.status === 'approved' || r.status === 'defective') && (
                  <Button size="small" data-testid={`activate-${r.code}`} loading={save.busy} onClick={() => save.run(() => api(`/api/v1/field/signs/${r.id}/activate`, { body: {} }))}>
                    {r.status === 'approved' ? t('field.install') : t('field.repaired')}
                  </Button>
                )}
                {r.status !== 'removed' && (
                  <Button size="small" danger onClick={() => { setRemoving(r); setReason(''); }}>
                    {t('field.remove')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]
      : []),
  ];
  return (
    <Card size="small">
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <Select allowClear placeholder={t('field.category')} style={{ width: 170 }} options={options(SIGN_CATEGORY_LABELS, side)} value={f.category} onChange={(v) => setF({ ...f, category: v, page: 1 })} data-testid="filter-category" />
        <Select allowClear placeholder={t('field.place')} style={{ width: 200 }} options={options(SIGN_PLACE_LABELS, side)} value={f.place} onChange={(v) => setF({ ...f, place: v, page: 1 })} />
        <Select allowClear placeholder={t('field.status')} style={{ width: 140 }} options={options(SIGN_STATUS_LABELS, side)} value={f.status} onChange={(v) => setF({ ...f, status: v, page: 1 })} />
        <Select allowClear placeholder={t('field.group')} style={{ width: 180 }} options={(groups.data?.items ?? []).map((g) => ({ value: g.id, label: `${g.name} (${g.signCount})` }))} value={f.groupId} onChange={(v) => setF({ ...f, groupId: v, page: 1 })} />
        <Input.Search allowClear placeholder={t('field.searchSign')} style={{ width: 200 }} onSearch={(q) => setF({ ...f, q: q || undefined, page: 1 })} />
        <Flex gap={8} style={{ marginInlineStart: 'auto' }}>
          {can('sign.write') && <Button onClick={() => setGrouping(true)}>{t('field.newGroup')}</Button>}
          <Link to={`/print/field/sign-labels${f.groupId ? `?groupId=${f.groupId}` : ''}`}>
            <Button icon={<PrinterOutlined />} data-testid="print-labels">{t('field.labels')}</Button>
          </Link>
        </Flex>
      </Flex>
      <Table rowKey="id" size="small" columns={columns} dataSource={list.data?.items} loading={list.isPending} scroll={{ x: 1000 }}
        pagination={{ current: f.page, pageSize: 20, total: list.data?.total, showSizeChanger: false, onChange: (page) => setF({ ...f, page }), showTotal: (n) => t('common.total', { n }) }} />
      <Modal open={!!removing} title={t('field.removeTitle', { code: removing?.code ?? '' })} onCancel={() => setRemoving(null)} okButtonProps={{ danger: true, disabled: !reason.trim(), loading: save.busy }}
        onOk={async () => { if (await save.run(() => api(`/api/v1/field/signs/${removing!.id}/remove`, { body: { reason } }))) setRemoving(null); }}>
        <Input.TextArea rows={3} value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t('field.removeReason')} />
      </Modal>
      <Modal open={grouping} title={t('field.newGroup')} onCancel={() => setGrouping(false)} confirmLoading={save.busy} onOk={() => gform.submit()} destroyOnHidden>
        <Form form={gform} layout="vertical" onFinish={async (v) => { if (await save.run(() => api('/api/v1/field/sign-groups', { body: { estateId, ...v } }), gform)) setGrouping(false); }}>
          <Form.Item name="name" label={t('field.groupName')} rules={[{ required: true }]}><Input maxLength={64} /></Form.Item>
          <Form.Item name="location" label={t('field.location')}><Input maxLength={200} /></Form.Item>
          <AreaSelect />
        </Form>
      </Modal>
    </Card>
  );
}

function AreaSelect() {
  const { t } = useI18n();
  const { me, estateId } = useSession();
  const areas = me.estates.find((e) => e.id === estateId)?.areas ?? [];
  return (
    <Form.Item name="areaId" label={t('field.area')}>
      <Select allowClear options={areas.map((a) => ({ value: a.id, label: a.name }))} />
    </Form.Item>
  );
}

function Requests() {
  const { t, label, lang } = useI18n();
  const side = lang === 'zh-CN' ? 'zh' : 'en';
  const { estateId, can } = useSession();
  const list = useQuery({ queryKey: ['sign-requests', estateId], queryFn: () => api<ListResponse<SignRequest>>('/api/v1/field/sign-requests', { query: { estateId, pageSize: 100 } }), enabled: !!estateId });
  const groups = useGroups();
  const save = useSave(['sign-requests', 'signs']);
  const [open, setOpen] = useState(false);
  const [deciding, setDeciding] = useState<{ r: SignRequest; approve: boolean } | null>(null);
  const [note, setNote] = useState('');
  const [form] = Form.useForm();
  const columns: TableColumnsType<SignRequest> = [
    { title: '#', dataIndex: 'id', width: 60 },
    { title: t('field.reason'), dataIndex: 'reason', ellipsis: true },
    { title: t('field.lines'), key: 'lines', render: (_: unknown, r) => r.lines.map((l) => `${label(SIGN_CATEGORY_LABELS, l.category)} ×${l.quantity}`).join('、') },
    { title: t('field.cost'), dataIndex: 'costEstimate', width: 100, render: (v: number | null) => (v == null ? '—' : `¥${(v / 100).toFixed(2)}`) },
    { title: t('field.requestedBy'), dataIndex: 'requestedBy', width: 110 },
    { title: t('field.status'), dataIndex: 'status', width: 100, render: (v: string) => <Tag color={STATUS_COLOR[v]}>{label(REQUEST_STATUS_LABELS, v)}</Tag> },
    { title: t('field.decision'), key: 'd', width: 160, ellipsis: true, render: (_: unknown, r) => (r.decidedBy ? `${r.decidedBy}${r.decisionNote ? `：${r.decisionNote}` : ''}` : '—') },
    {
      title: t('common.actions'),
      key: 'op',
      width: 170,
      render: (_: unknown, r) => (
        <Space size={4}>
          {r.status === 'draft' && can('sign.write') && <Button size="small" onClick={() => save.run(() => api(`/api/v1/field/sign-requests/${r.id}/submit`, { body: {} }))}>{t('field.submit')}</Button>}
          {r.status === 'submitted' && can('sign.approve') && (
            <>
              <Button size="small" type="primary" data-testid={`approve-${r.id}`} onClick={() => { setDeciding({ r, approve: true }); setNote(''); }}>{t('field.approve')}</Button>
              <Button size="small" danger onClick={() => { setDeciding({ r, approve: false }); setNote(''); }}>{t('field.reject')}</Button>
            </>
          )}
        </Space>
      ),
    },
  ];
  return (
    <Card size="small" extra={can('sign.write') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="new-request">{t('field.newRequest')}</Button>} title={t('field.requestsHint')}>
      <Table rowKey="id" size="small" columns={columns} dataSource={list.data?.items} loading={list.isPending} pagination={false} scroll={{ x: 900 }} />
      <Modal open={open} width={860} title={t('field.newRequest')} onCancel={() => setOpen(false)} confirmLoading={save.busy} onOk={() => form.submit()} destroyOnHidden okButtonProps={{ 'data-testid': 'request-ok' } as never}>
        <Form form={form} layout="vertical" initialValues={{ lines: [{ quantity: 1, place: 'high_rise' }], submit: true }}
          onFinish={async (v) => {
            const body = { estateId, reason: v.reason, costEstimate: v.cost == null ? null : Math.round(v.cost * 100), submit: v.submit, areaId: v.areaId ?? null,
              lines: v.lines.map((l: Record<string, unknown>) => ({ ...l, temporaryUntil: l.temporaryUntil ? dayjs(l.temporaryUntil as string).format('YYYY-MM-DD') : null })) };
            if (await save.run(() => api('/api/v1/field/sign-requests', { body }), form)) setOpen(false);
          }}>
          <Form.Item name="reason" label={t('field.reason')} rules={[{ required: true }]}><Input.TextArea rows={2} maxLength={1000} data-testid="request-reason" /></Form.Item>
          <Flex gap={12}>
            <Form.Item name="cost" label={t('field.cost')}><InputNumber min={0} precision={2} addonBefore="¥" /></Form.Item>
            <AreaSelect />
            <Form.Item name="submit" label={t('field.submitNow')}><Radio.Group options={[{ value: true, label: t('field.yes') }, { value: false, label: t('field.draft') }]} /></Form.Item>
          </Flex>
          <Form.List name="lines">
            {(fields, { add, remove }) => (
              <>
                {fields.map((fl) => (
                  <Flex key={fl.key} gap={6} align="start" wrap>
                    <Form.Item name={[fl.name, 'category']} rules={[{ required: true }]}><Select placeholder={t('field.category')} style={{ width: 150 }} options={options(SIGN_CATEGORY_LABELS, side)} data-testid={`line-category-${fl.name}`} /></Form.Item>
                    <Form.Item name={[fl.name, 'place']} rules={[{ required: true }]}><Select placeholder={t('field.place')} style={{ width: 150 }} options={options(SIGN_PLACE_LABELS, side)} /></Form.Item>
                    <Form.Item name={[fl.name, 'signGroupId']}><Select allowClear placeholder={t('field.group')} style={{ width: 140 }} options={(groups.data?.items ?? []).map((g) => ({ value: g.id, label: g.name }))} data-testid={`line-group-${fl.name}`} /></Form.Item>
                    <Form.Item name={[fl.name, 'location']} rules={[{ required: true }]}><Input placeholder={t('field.location')} style={{ width: 130 }} data-testid={`line-location-${fl.name}`} /></Form.Item>
                    <Form.Item name={[fl.name, 'content']} rules={[{ required: true }]}><Input placeholder={t('field.content')} style={{ width: 130 }} data-testid={`line-content-${fl.name}`} /></Form.Item>
                    <Form.Item name={[fl.name, 'quantity']} rules={[{ required: true }]}><InputNumber min={1} max={200} style={{ width: 70 }} /></Form.Item>
                    <Form.Item name={[fl.name, 'temporaryUntil']}><DatePicker placeholder={t('field.tempUntil')} style={{ width: 130 }} /></Form.Item>
                    {fields.length > 1 && <Button type="text" danger onClick={() => remove(fl.name)}>×</Button>}
                  </Flex>
                ))}
                <Button type="dashed" onClick={() => add({ quantity: 1, place: 'high_rise' })} icon={<PlusOutlined />}>{t('field.addLine')}</Button>
              </>
            )}
          </Form.List>
        </Form>
      </Modal>
      <Modal open={!!deciding} title={deciding?.approve ? t('field.approve') : t('field.reject')} onCancel={() => setDeciding(null)} confirmLoading={save.busy} okButtonProps={{ 'data-testid': 'decide-ok' } as never}
        onOk={async () => { if (await save.run(() => api(`/api/v1/field/sign-requests/${deciding!.r.id}/decide`, { body: { approve: deciding!.approve, note: note || null } }))) setDeciding(null); }}>
        <Input.TextArea rows={3} value={note} onChange={(e) => setNote(e.target.value)} placeholder={t('field.decisionNote')} />
      </Modal>
    </Card>
  );
}

function Checks() {
  const { t, label, lang } = useI18n();
  const side = lang === 'zh-CN' ? 'zh' : 'en';
  const { estateId, can } = useSession();
  const [date, setDate] = useState<string | undefined>();
  const day = useQuery({ queryKey: ['sign-checks', estateId, date], queryFn: () => api<CheckDay>('/api/v1/field/sign-checks', { query: { estateId, date } }), enabled: !!estateId });
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const groupId = Form.useWatch('signGroupId', form) as number | undefined;
  const result = Form.useWatch('result', form) as string | undefined;
  const signs = useQuery({ queryKey: ['signs', 'group', groupId], queryFn: () => api<ListResponse<Sign>>('/api/v1/field/signs', { query: { estateId, groupId, pageSize: 200 } }), enabled: !!groupId });
  const save = useSave(['sign-checks', 'signs']);
  const slots = day.data?.slots ?? [];
  return (
    <Card size="small" title={<Space><DatePicker allowClear onChange={(d) => setDate(d ? d.format('YYYY-MM-DD') : undefined)} /><Statistic value={Math.round((day.data?.compliance ?? 0) * 100)} suffix="%" title={t('field.compliance')} valueStyle={{ fontSize: 16 }} /></Space>}
      extra={can('sign.write') && <Button type="primary" onClick={() => { form.resetFields(); setOpen(true); }} data-testid="record-check">{t('field.recordCheck')}</Button>}>
      <Table rowKey="id" size="small" pagination={false} dataSource={day.data?.groups} loading={day.isPending}
        columns={[
          { title: t('field.group'), dataIndex: 'name', width: 180 },
          ...slots.map((s, i) => ({
            title: `${t('field.slot')} ${s.start}`,
            key: `s${i}`,
            render: (_: unknown, g: CheckDay['groups'][number]) => {
              const cs = g.checks.filter((c) => c.slot === i);
              if (!cs.length) return <Tag>{t('field.notChecked')}</Tag>;
              return cs.map((c) => (
                <div key={c.id}>
                  <Tag color={c.result === 'ok' ? 'green' : 'red'}>{label(CHECK_RESULT_LABELS, c.result)}</Tag>
                  {dayjs(c.checkedAt).format('HH:mm')} {c.byName}
                  {c.defects.map((d) => <div key={d.signCode} className="wd-muted">{d.signCode} {label(SIGN_DEFECT_LABELS, d.defect)} {d.ticketNumber}</div>)}
                </div>
              ));
            },
          })),
          { title: t('field.outsideSlots'), key: 'x', render: (_: unknown, g: CheckDay['groups'][number]) => g.checks.filter((c) => c.slot == null).map((c) => dayjs(c.checkedAt).format('HH:mm')).join(' ') || '—' },
        ]} />
      <Modal open={open} width={640} title={t('field.recordCheck')} onCancel={() => setOpen(false)} confirmLoading={save.busy} onOk={() => form.submit()} okButtonProps={{ 'data-testid': 'check-ok' } as never}>
        <Form form={form} layout="vertical" initialValues={{ result: 'ok', defects: [] }}
          onFinish={async (v) => { if (await save.run(() => api('/api/v1/field/sign-checks', { body: { signGroupId: v.signGroupId, result: v.result, defects: v.result === 'issue' ? v.defects : [], note: v.note || null } }), form)) setOpen(false); }}>
          <Form.Item name="signGroupId" label={t('field.group')} rules={[{ required: true }]}><Select options={(day.data?.groups ?? []).map((g) => ({ value: g.id, label: g.name }))} data-testid="check-group" /></Form.Item>
          <Form.Item name="result" label={t('field.result')}><Radio.Group options={[{ value: 'ok', label: label(CHECK_RESULT_LABELS, 'ok') }, { value: 'issue', label: label(CHECK_RESULT_LABELS, 'issue') }]} /></Form.Item>
          {result === 'issue' && (
            <Form.List name="defects">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((fl) => (
                    <Flex key={fl.key} gap={6}>
                      <Form.Item name={[fl.name, 'signId']} rules={[{ required: true }]}><Select style={{ width: 220 }} placeholder={t('field.sign')} options={(signs.data?.items ?? []).filter((s) => s.status === 'active' || s.status === 'defective').map((s) => ({ value: s.id, label: `${s.code} ${s.content}` }))} /></Form.Item>
                      <Form.Item name={[fl.name, 'defect']} rules={[{ required: true }]}><Select style={{ width: 130 }} placeholder={t('field.defect')} options={options(SIGN_DEFECT_LABELS, side)} /></Form.Item>
                      <Form.Item name={[fl.name, 'note']}><Input placeholder={t('common.notes')} /></Form.Item>
                      <Button type="text" danger onClick={() => remove(fl.name)}>×</Button>
                    </Flex>
                  ))}
                  <Button type="dashed" onClick={() => add({})} icon={<PlusOutlined />}>{t('field.addDefect')}</Button>
                </>
              )}
            </Form.List>
          )}
          <Form.Item name="note" label={t('common.notes')}><Input.TextArea rows={2} /></Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
