import { useQuery } from '@tanstack/react-query';
import { PrinterOutlined } from '@ant-design/icons';
import { Button, DatePicker, Descriptions, Drawer, Flex, Form, Input, InputNumber, Modal, Radio, Select, Space, Switch, Table, Tag, TimePicker } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import { CHECK_RESULT_LABELS, VACANT_END_LABELS, VACANT_ITEM_LABELS, VACANT_REASON_LABELS } from '../../../../core/field-labels.ts';
import { VACANT_CHECK_ITEMS } from '../../../../core/vacant.ts';
import { api } from '../../../api/client.ts';
import type { ListResponse } from '../../../api/types.ts';
import { useSession } from '../../../app/session.tsx';
import { useResetOnOpen } from '../../../components/forms.ts';
import { useI18n } from '../../../i18n/index.tsx';
import type { RegistrationDetail } from '../field-api.ts';
import { useSave } from '../useSave.ts';

/** VacantPage's forms, loaded on first open: registering a vacant unit (5.9), and a unit's drawer with its checks (5.10, 5.11). */

const options = (labels: Record<string, { zh: string; en: string }>, side: 'zh' | 'en') => Object.entries(labels).map(([value, l]) => ({ value, label: l[side] }));

export function RegisterVacantModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, lang } = useI18n();
  const side = lang === 'zh-CN' ? 'zh' : 'en';
  const [form] = Form.useForm();
  const save = useSave(['vacant']);
  useResetOnOpen(form, open);
  return (
    <Modal open={open} title={t('field.register')} onCancel={onClose} confirmLoading={save.busy} onOk={() => form.submit()} destroyOnHidden okButtonProps={{ 'data-testid': 'register-ok' } as never}>
      <Form form={form} layout="vertical" initialValues={{ keyHeld: true, valvesClosed: true, checkIntervalDays: 7, reason: 'delivered_not_moved_in', registeredOn: dayjs() }}
        onFinish={async (v) => {
          const body = { ...v, registeredOn: v.registeredOn.format('YYYY-MM-DD'), keyNo: v.keyNo || null, keyStorage: v.keyStorage || null, ownerContact: v.ownerContact || null };
          if (await save.run(() => api('/api/v1/field/vacant', { body }), form)) onClose();
        }}>
        <Form.Item name="unitId" label={t('field.unitId')} rules={[{ required: true }]}><UnitPicker /></Form.Item>
        <Flex gap={12}>
          <Form.Item name="registeredOn" label={t('field.registeredOn')} rules={[{ required: true }]}><DatePicker /></Form.Item>
          <Form.Item name="reason" label={t('field.reason')}><Select style={{ width: 180 }} options={options(VACANT_REASON_LABELS, side)} /></Form.Item>
        </Flex>
        <Form.Item name="ownerContact" label={t('field.ownerContact')}><Input maxLength={200} /></Form.Item>
        <Flex gap={12}>
          <Form.Item name="keyHeld" label={t('field.keyHeld')} valuePropName="checked"><Switch /></Form.Item>
          <Form.Item name="keyNo" label={t('field.keyNo')}><Input maxLength={32} style={{ width: 120 }} data-testid="key-no" /></Form.Item>
          <Form.Item name="keyStorage" label={t('field.keyStorage')}><Input maxLength={200} /></Form.Item>
        </Flex>
        <Flex gap={12}>
          <Form.Item name="valvesClosed" label={t('field.valvesClosed')} valuePropName="checked"><Switch /></Form.Item>
          <Form.Item name="checkIntervalDays" label={t('field.interval')}><InputNumber min={1} max={90} addonAfter={t('field.daysUnit')} /></Form.Item>
        </Flex>
      </Form>
    </Modal>
  );
}

/** A vacant unit to pick: units listed as vacant in the archive. */
function UnitPicker({ value, onChange }: { value?: number; onChange?: (v: number) => void }) {
  const { estateId } = useSession();
  const [q, setQ] = useState('');
  const units = useQuery({ queryKey: ['units', 'vacant', estateId, q], queryFn: () => api<ListResponse<{ id: number; label: string; householdId: number | null }>>('/api/v1/units', { query: { estateId, status: 'vacant', q: q || undefined, pageSize: 50 } }), enabled: !!estateId });
  return <Select showSearch value={value} onChange={onChange} filterOption={false} onSearch={setQ} data-testid="unit-picker" options={(units.data?.items ?? []).map((u) => ({ value: u.id, label: u.label }))} />;
}

export function VacantDrawer({ id, onClose }: { id: number; onClose: () => void }) {
  const { t, label, lang } = useI18n();
  const side = lang === 'zh-CN' ? 'zh' : 'en';
  const { can } = useSession();
  const q = useQuery({ queryKey: ['vacant', 'detail', id], queryFn: () => api<RegistrationDetail>(`/api/v1/field/vacant/${id}`) });
  const save = useSave(['vacant']);
  const [checking, setChecking] = useState(false);
  const [ending, setEnding] = useState(false);
  const [form] = Form.useForm();
  const [endForm] = Form.useForm();
  const r = q.data;
  const month = dayjs().format('YYYY-MM');
  return (
    <Drawer open width={760} onClose={onClose} title={r ? `${r.unitLabel} · ${t('field.vacant')}` : ''}
      extra={r && (
        <Space>
          <Link to={`/print/field/vacant/${id}/signin?month=${month}`}><Button icon={<PrinterOutlined />}>{t('field.form510')}</Button></Link>
          <Link to={`/print/field/vacant/${id}/record`}><Button icon={<PrinterOutlined />}>{t('field.form511')}</Button></Link>
          {can('vacant.write') && !r.endedOn && <Button onClick={() => setEnding(true)}>{t('field.end')}</Button>}
          {can('vacant.write') && !r.endedOn && <Button type="primary" onClick={() => { form.resetFields(); setChecking(true); }} data-testid="vacant-check">{t('field.recordVacantCheck')}</Button>}
        </Space>
      )}>
      {r && (
        <>
          <Descriptions size="small" column={2} bordered items={[
            { label: t('field.registeredOn'), children: r.registeredOn },
            { label: t('field.reason'), children: label(VACANT_REASON_LABELS, r.reason) },
            { label: t('field.ownerContact'), children: r.ownerContact ?? '—' },
            { label: t('field.keys'), children: r.keyHeld ? `${r.keyNo} · ${r.keyStorage ?? ''} (${r.keyDepositedOn ?? ''})` : t('field.keyNotHeld') },
            { label: t('field.valvesClosed'), children: r.valvesClosed ? t('field.closed') : t('field.open') },
            { label: t('field.nextCheck'), children: r.endedOn ? `${t('field.ended')} ${r.endedOn} (${label(VACANT_END_LABELS, r.endReason)})` : r.nextCheckOn },
          ]} />
          <Table style={{ marginTop: 16 }} rowKey="id" size="small" pagination={false} dataSource={r.checks}
            columns={[
              { title: t('field.checkedOn'), dataIndex: 'checkedOn', width: 100, render: (v: string, c) => <Link to={`/print/field/vacant/${id}/record?check=${c.id}`}>{v}</Link> },
              { title: t('field.timeInOut'), key: 'io', width: 100, render: (_: unknown, c) => `${c.timeIn}–${c.timeOut}` },
              { title: t('field.checker'), key: 'who', width: 140, render: (_: unknown, c) => [c.checkerName, c.companion].filter(Boolean).join(' / ') },
              { title: t('field.entered'), dataIndex: 'entered', width: 60, render: (v: boolean) => (v ? t('field.yes') : t('field.no')) },
              { title: t('field.readings'), key: 'rd', render: (_: unknown, c) => c.readings.map((x) => <div key={x.meterId} className={x.used ? 'wd-overdue' : undefined}>{x.number}: {x.previous ?? '—'} → {x.value}</div>) },
              { title: t('field.result'), dataIndex: 'result', width: 110, render: (v: string, c) => <><Tag color={v === 'pass' ? 'green' : 'red'}>{label(CHECK_RESULT_LABELS, v)}</Tag>{c.ticketNumber}</> },
            ]} />
        </>
      )}
      <Modal open={checking} width={640} title={t('field.recordVacantCheck')} onCancel={() => setChecking(false)} confirmLoading={save.busy} onOk={() => form.submit()} okButtonProps={{ 'data-testid': 'vacant-check-ok' } as never}>
        <Form form={form} layout="vertical" initialValues={{ checkedOn: dayjs(), time: [dayjs().subtract(15, 'minute'), dayjs()], entered: !!r?.keyHeld, items: Object.fromEntries(VACANT_CHECK_ITEMS.map((k) => [k, 'ok'])) }}
          onFinish={async (v) => {
            const readings = (r?.meters ?? []).map((m) => ({ meterId: m.id, value: v.readings?.[m.id] })).filter((x) => x.value != null);
            const body = { checkedOn: v.checkedOn.format('YYYY-MM-DD'), timeIn: v.time[0].format('HH:mm'), timeOut: v.time[1].format('HH:mm'), companion: v.companion || null, entered: v.entered, keyNoUsed: v.entered ? (r?.keyNo ?? null) : null, items: v.items, readings, note: v.note || null };
            if (await save.run(() => api(`/api/v1/field/vacant/${id}/checks`, { body }), form)) setChecking(false);
          }}>
          <Flex gap={12} wrap>
            <Form.Item name="checkedOn" label={t('field.checkedOn')}><DatePicker /></Form.Item>
            <Form.Item name="time" label={t('field.timeInOut')}><TimePicker.RangePicker format="HH:mm" /></Form.Item>
            <Form.Item name="companion" label={t('field.companion')}><Input maxLength={64} style={{ width: 120 }} /></Form.Item>
            <Form.Item name="entered" label={t('field.entered')} valuePropName="checked"><Switch /></Form.Item>
          </Flex>
          {VACANT_CHECK_ITEMS.map((k) => (
            <Form.Item key={k} name={['items', k]} label={VACANT_ITEM_LABELS[k]![side]} style={{ marginBottom: 6 }}>
              <Radio.Group options={[{ value: 'ok', label: t('field.ok') }, { value: 'issue', label: t('field.issue') }]} />
            </Form.Item>
          ))}
          {(r?.meters ?? []).map((m) => (
            <Form.Item key={m.id} name={['readings', m.id]} label={`${m.number}（${t('field.last')} ${m.last ?? '—'}）`}>
              <InputNumber min={0} data-testid={`reading-${m.number}`} />
            </Form.Item>
          ))}
          <Form.Item name="note" label={t('field.checkNote')}><Input.TextArea rows={2} /></Form.Item>
        </Form>
      </Modal>
      <Modal open={ending} title={t('field.end')} onCancel={() => setEnding(false)} confirmLoading={save.busy} onOk={() => endForm.submit()}>
        <Form form={endForm} layout="vertical" initialValues={{ endedOn: dayjs(), endReason: 'moved_in' }}
          onFinish={async (v) => { if (await save.run(() => api(`/api/v1/field/vacant/${id}/end`, { body: { endedOn: v.endedOn.format('YYYY-MM-DD'), endReason: v.endReason } }), endForm)) setEnding(false); }}>
          <Form.Item name="endedOn" label={t('field.endedOn')}><DatePicker /></Form.Item>
          <Form.Item name="endReason" label={t('field.endReason')}><Select options={options(VACANT_END_LABELS, side)} /></Form.Item>
        </Form>
      </Modal>
    </Drawer>
  );
}
