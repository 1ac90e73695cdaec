import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, DatePicker, Drawer, Flex, Form, Input, InputNumber, Modal, Select, Space, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { DEFECT_CLASS_LABELS, DEFECT_ROOM_LABELS, DEFECT_STATUS_LABELS, HANDOVER_RESULT_LABELS, HANDOVER_TYPE_LABELS, RESPONSIBLE_LABELS } from '../../../../core/field-labels.ts';
import { api } from '../../../api/client.ts';
import type { ListResponse } from '../../../api/types.ts';
import { useSession } from '../../../app/session.tsx';
import { useResetOnOpen } from '../../../components/forms.ts';
import { useI18n } from '../../../i18n/index.tsx';
import type { Handover } from '../field-api.ts';
import { useSave } from '../useSave.ts';

/** HandoverPage's forms, loaded on first open: a new inspection, and an inspection's drawer with its defects. */

const options = (labels: Record<string, { zh: string; en: string }>, side: 'zh' | 'en') => Object.entries(labels).map(([value, l]) => ({ value, label: l[side] }));
const NEXT: Record<string, string[]> = { open: ['sent_to_responsible', 'scheduled', 'fixed', 'disputed', 'out_of_warranty'], sent_to_responsible: ['scheduled', 'fixed', 'disputed'], scheduled: ['fixed', 'disputed'], fixed: ['verified', 'open'], verified: ['closed'], disputed: ['open', 'out_of_warranty'], out_of_warranty: ['closed'], closed: [] };

export function NewHandoverModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, lang } = useI18n();
  const side = lang === 'zh-CN' ? 'zh' : 'en';
  const [form] = Form.useForm();
  const save = useSave(['handovers']);
  useResetOnOpen(form, open);
  return (
    <Modal open={open} title={t('field.newHandover')} onCancel={onClose} confirmLoading={save.busy} onOk={() => form.submit()} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ type: 'resale_move_in', scheduledAt: dayjs().add(1, 'day').hour(10).minute(0) }}
        onFinish={async (v) => { if (await save.run(() => api('/api/v1/field/handovers', { body: { unitId: v.unitId, type: v.type, scheduledAt: v.scheduledAt.toISOString(), inspectors: v.inspectors || null } }), form)) onClose(); }}>
        <Form.Item name="unitId" label={t('field.unitId')} rules={[{ required: true }]}><UnitSearch /></Form.Item>
        <Form.Item name="type" label={t('field.handoverType')}><Select options={options(HANDOVER_TYPE_LABELS, side)} /></Form.Item>
        <Form.Item name="scheduledAt" label={t('field.scheduledAt')}><DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" /></Form.Item>
        <Form.Item name="inspectors" label={t('field.inspectors')}><Input maxLength={200} /></Form.Item>
      </Form>
    </Modal>
  );
}

function UnitSearch({ value, onChange }: { value?: number; onChange?: (v: number) => void }) {
  const { estateId } = useSession();
  const [q, setQ] = useState('');
  const units = useQuery({ queryKey: ['units', 'search', estateId, q], queryFn: () => api<ListResponse<{ id: number; label: string }>>('/api/v1/units', { query: { estateId, q: q || undefined, pageSize: 30 } }), enabled: !!estateId });
  return <Select showSearch value={value} onChange={onChange} filterOption={false} onSearch={setQ} options={(units.data?.items ?? []).map((u) => ({ value: u.id, label: u.label }))} />;
}

export function HandoverDrawer({ h, onClose }: { h: Handover | undefined; onClose: () => void }) {
  const { t, label, lang } = useI18n();
  const side = lang === 'zh-CN' ? 'zh' : 'en';
  const { can } = useSession();
  const save = useSave(['handovers']);
  const [inspecting, setInspecting] = useState(false);
  const [moving, setMoving] = useState<{ id: number; to: string } | null>(null);
  const [note, setNote] = useState('');
  const [form] = Form.useForm();
  if (!h) return null;
  return (
    <Drawer open width={820} onClose={onClose} title={`${h.unitLabel} · ${label(HANDOVER_TYPE_LABELS, h.type)}`}
      extra={h.status === 'scheduled' && can('handover.write') && <Button type="primary" onClick={() => setInspecting(true)}>{t('field.inspect')}</Button>}>
      <p>{t('field.inspectors')}：{h.inspectors ?? '—'} · {t('field.ownerPresent')}：{h.ownerPresent ?? '—'} · {t('field.keysHanded')}：{h.keysHanded ?? '—'}</p>
      <Table rowKey="id" size="small" pagination={false} dataSource={h.defects}
        columns={[
          { title: t('field.room'), dataIndex: 'room', width: 80, render: (v: string) => label(DEFECT_ROOM_LABELS, v) },
          { title: t('field.element'), dataIndex: 'element', width: 100, render: (v: string) => label(DEFECT_CLASS_LABELS, v) },
          { title: t('field.description'), dataIndex: 'description' },
          { title: t('field.responsible'), dataIndex: 'responsible', width: 90, render: (v: string) => label(RESPONSIBLE_LABELS, v) },
          { title: t('field.warrantyEnd'), dataIndex: 'warrantyEnd', width: 100, render: (v: string | null) => v ?? '—' },
          { title: t('field.dueBy'), dataIndex: 'dueBy', width: 100 },
          { title: t('field.status'), dataIndex: 'status', width: 110, render: (v: string) => <Tag>{label(DEFECT_STATUS_LABELS, v)}</Tag> },
          ...(can('handover.write') ? [{ title: t('common.actions'), key: 'op', width: 150, render: (_: unknown, d: Handover['defects'][number]) => (
            <Select size="small" placeholder={t('field.moveTo')} style={{ width: 140 }} value={null as never} options={(NEXT[d.status] ?? []).map((s) => ({ value: s, label: label(DEFECT_STATUS_LABELS, s) }))} onChange={(to) => { setMoving({ id: d.id, to: to as string }); setNote(''); }} />
          ) }] : []),
        ]} />
      <Modal open={!!moving} title={moving ? label(DEFECT_STATUS_LABELS, moving.to) : ''} onCancel={() => setMoving(null)} confirmLoading={save.busy}
        onOk={async () => { if (await save.run(() => api(`/api/v1/field/handover-defects/${moving!.id}/move`, { body: { to: moving!.to, note: note || null } }))) setMoving(null); }}>
        <Input.TextArea rows={3} value={note} onChange={(e) => setNote(e.target.value)} placeholder={t('field.moveNote')} />
      </Modal>
      <Modal open={inspecting} width={860} title={t('field.inspect')} onCancel={() => setInspecting(false)} confirmLoading={save.busy} onOk={() => form.submit()}>
        <Form form={form} layout="vertical" initialValues={{ result: 'accepted_with_defects', keysHanded: 2, defects: [{ responsible: 'developer' }], inspectors: h.inspectors }}
          onFinish={async (v) => { if (await save.run(() => api(`/api/v1/field/handovers/${h.id}/inspect`, { body: { ...v, defects: v.result === 'accepted_clean' ? [] : v.defects } }), form)) setInspecting(false); }}>
          <Flex gap={12} wrap>
            <Form.Item name="inspectors" label={t('field.inspectors')} rules={[{ required: true }]}><Input style={{ width: 220 }} /></Form.Item>
            <Form.Item name="ownerPresent" label={t('field.ownerPresent')} rules={[{ required: true }]}><Input style={{ width: 140 }} /></Form.Item>
            <Form.Item name="keysHanded" label={t('field.keysHanded')}><InputNumber min={0} max={50} /></Form.Item>
            <Form.Item name="result" label={t('field.result')}><Select style={{ width: 160 }} options={options(HANDOVER_RESULT_LABELS, side)} /></Form.Item>
          </Flex>
          <Form.List name="defects">
            {(fields, { add, remove }) => (
              <>
                {fields.map((fl) => (
                  <Space key={fl.key} align="start" wrap>
                    <Form.Item name={[fl.name, 'room']} rules={[{ required: true }]}><Select placeholder={t('field.room')} style={{ width: 100 }} options={options(DEFECT_ROOM_LABELS, side)} /></Form.Item>
                    <Form.Item name={[fl.name, 'element']} rules={[{ required: true }]}><Select placeholder={t('field.element')} style={{ width: 120 }} options={options(DEFECT_CLASS_LABELS, side)} /></Form.Item>
                    <Form.Item name={[fl.name, 'description']} rules={[{ required: true }]}><Input placeholder={t('field.description')} style={{ width: 260 }} /></Form.Item>
                    <Form.Item name={[fl.name, 'responsible']}><Select style={{ width: 110 }} options={options(RESPONSIBLE_LABELS, side)} /></Form.Item>
                    <Button type="text" danger onClick={() => remove(fl.name)}>×</Button>
                  </Space>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ responsible: 'developer' })}>{t('field.addDefect')}</Button>
              </>
            )}
          </Form.List>
        </Form>
      </Modal>
    </Drawer>
  );
}
