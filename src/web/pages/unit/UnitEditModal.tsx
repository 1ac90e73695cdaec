import { App, Col, DatePicker, Form, Input, InputNumber, Modal, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { UNIT_STATUS_LABELS, UNIT_USAGE_LABELS } from '../../../core/labels.ts';
import { UNIT_STATUSES, UNIT_USAGES } from '../../../core/units.ts';
import { api } from '../../api/client.ts';
import type { Unit } from '../../api/types.ts';
import { useResetOnOpen } from '../../components/forms.ts';
import { useFormSubmit } from '../../components/useFormSubmit.ts';
import { useI18n } from '../../i18n/index.tsx';

interface Values {
  status: string;
  usage: string;
  buildingArea: number;
  structure?: string;
  qualityNotes?: string;
  deliveredOn?: Dayjs | null;
}

/** 修改房屋: status, usage, area, structure and quality (property.write). */
export function UnitEditModal({ unit, open, onClose, onDone }: { unit: Unit; open: boolean; onClose: () => void; onDone: () => Promise<unknown> }) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  useResetOnOpen(form, open, unit);
  const { busy, submit } = useFormSubmit(form, async (v) => {
    await api(`/api/v1/units/${unit.id}`, {
      method: 'PATCH',
      body: {
        status: v.status,
        usage: v.usage,
        buildingArea: v.buildingArea,
        structure: v.structure?.trim() || null,
        qualityNotes: v.qualityNotes?.trim() || null,
        deliveredOn: v.deliveredOn ? v.deliveredOn.format('YYYY-MM-DD') : null,
      },
    });
    message.success(t('common.saved'));
    await onDone();
    onClose();
  });
  return (
    <Modal open={open} title={t('unit.editTitle', { unit: unit.label })} onOk={submit} okText={t('common.save')} confirmLoading={busy} onCancel={onClose} destroyOnHidden width={640}>
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{
          status: unit.status,
          usage: unit.usage,
          buildingArea: unit.buildingArea,
          structure: unit.structure ?? undefined,
          qualityNotes: unit.qualityNotes ?? undefined,
          deliveredOn: unit.deliveredOn ? dayjs(unit.deliveredOn) : null,
        }}
      >
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="status" label={t('unit.status')} rules={[{ required: true }]}>
              <Select options={UNIT_STATUSES.map((s) => ({ value: s, label: label(UNIT_STATUS_LABELS, s) }))} data-testid="unit-status-select" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="usage" label={t('unit.usage')} rules={[{ required: true }]}>
              <Select options={UNIT_USAGES.map((s) => ({ value: s, label: label(UNIT_USAGE_LABELS, s) }))} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="buildingArea" label={t('unit.buildingAreaM2')} rules={[{ required: true, message: t('form.required') }]}>
              <InputNumber min={0.01} max={100000} precision={2} style={{ width: '100%' }} suffix="m²" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="deliveredOn" label={t('unit.deliveredOn')}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="structure" label={t('unit.structure')}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="qualityNotes" label={t('unit.qualityNotes')}>
              <Input.TextArea rows={3} maxLength={2000} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
