import { App, Form, Input, InputNumber, Modal } from 'antd';
import { api } from '../../../api/client.ts';
import type { Line } from '../../../api/fee-types.ts';
import { fieldsIn, useResetOnOpen } from '../../../components/forms.ts';
import { formatFen, yuanToFen } from '../../../components/format.ts';
import { useFormSubmit } from '../../../components/useFormSubmit.ts';
import { useT } from '../../../i18n/index.tsx';

/** 减免申请: waive part of a line's principal or late fee; the assistant or director approves. */
export function WaiverModal({ line, onClose, onDone }: { line: Line | null; onClose: () => void; onDone: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ principal: number; lateFee: number; reason: string }>();
  useResetOnOpen(form, !!line, line);
  const { busy, submit } = useFormSubmit(
    form,
    async (v) => {
      await api('/api/v1/fees/waivers', { body: { lineId: line?.id, principal: yuanToFen(v.principal), lateFee: yuanToFen(v.lateFee), reason: v.reason.trim() } });
      message.success(t('fees.waiver.asked'));
      onDone();
    },
    fieldsIn('principal', 'lateFee', 'reason'),
  );
  return (
    <Modal open={!!line} title={t('fees.waiver.ask')} okText={t('fees.waiver.submit')} okButtonProps={{ loading: busy }} onOk={submit} onCancel={onClose} destroyOnHidden>
      {line && <p>{t('fees.waiver.which', { unit: line.unitLabel, item: line.itemName, period: line.period, principal: formatFen(line.principalDue), late: formatFen(line.lateDue) })}</p>}
      <Form form={form} layout="vertical" requiredMark={false} initialValues={{ principal: 0, lateFee: line ? line.lateDue / 100 : 0 }}>
        <Form.Item name="principal" label={t('fees.waiver.principal')}>
          <InputNumber<number> min={0} max={line ? line.principalDue / 100 : undefined} precision={2} prefix="¥" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="lateFee" label={t('fees.waiver.lateFee')}>
          <InputNumber<number> min={0} max={line ? line.lateDue / 100 : undefined} precision={2} prefix="¥" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="reason" label={t('common.reason')} rules={[{ required: true, whitespace: true, message: t('form.required') }]} style={{ marginBottom: 0 }}>
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
