import { App, Form, Input, Modal } from 'antd';
import { api } from '../../../api/client.ts';
import type { Payment } from '../../../api/fee-types.ts';
import { fieldsIn, useResetOnOpen } from '../../../components/forms.ts';
import { formatFen } from '../../../components/format.ts';
import { useFormSubmit } from '../../../components/useFormSubmit.ts';
import { useT } from '../../../i18n/index.tsx';

/** 冲正申请: a payment is never deleted; a reversal with a reason goes to the assistant for approval. */
export function ReversalModal({ payment, onClose, onDone }: { payment: Payment | null; onClose: () => void; onDone: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  useResetOnOpen(form, !!payment, payment);
  const { busy, submit } = useFormSubmit(
    form,
    async (v) => {
      await api(`/api/v1/fees/payments/${payment?.id}/reversal`, { body: { reason: v.reason.trim() } });
      message.success(t('fees.reversal.asked'));
      onDone();
    },
    fieldsIn('reason'),
  );
  return (
    <Modal open={!!payment} title={t('fees.reversal.ask')} okText={t('fees.reversal.submit')} okButtonProps={{ danger: true, loading: busy }} onOk={submit} onCancel={onClose} destroyOnHidden>
      {payment && <p>{t('fees.reversal.which', { no: payment.receiptNo, amount: formatFen(payment.amount) })}</p>}
      <Form form={form} layout="vertical" requiredMark={false}>
        <Form.Item name="reason" label={t('common.reason')} rules={[{ required: true, whitespace: true, message: t('form.required') }]} style={{ marginBottom: 0 }}>
          <Input.TextArea rows={3} maxLength={500} data-testid="reversal-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
