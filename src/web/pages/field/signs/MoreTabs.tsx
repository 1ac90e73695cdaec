import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, DatePicker, Flex, Form, Input, InputNumber, Modal, Radio, Select, Space, Statistic, Table, type TableColumnsType, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { CHECK_RESULT_LABELS, REQUEST_STATUS_LABELS, SIGN_CATEGORY_LABELS, SIGN_DEFECT_LABELS, SIGN_PLACE_LABELS } from '../../../../core/field-labels.ts';
import { api } from '../../../api/client.ts';
import type { ListResponse } from '../../../api/types.ts';
import { useSession } from '../../../app/session.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import type { CheckDay, Sign, SignRequest } from '../field-api.ts';
import { AreaSelect, options, STATUS_COLOR, useGroups } from '../SignsPage.tsx';
import { useSave } from '../useSave.ts';

/** SignsPage's second and third tabs, loaded when first shown: the 《标识使用清单》 requests and the twice-daily checks. */

export function Requests() {
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

export function Checks() {
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
