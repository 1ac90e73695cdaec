import { App, Form, Input, InputNumber, Modal } from 'antd';
import { api } from '../../../api/client.ts';
import type { Line } from '../../../api/fee-types.ts';
import { fieldsIn, useResetOnOpen } from '../../../components/forms.ts';
import { formatFen, yuanToFen } from '../../../components/format.ts';
import { useFormSubmit } from '../../../components/useFormSubmit.ts';
import { useT } from '../../../i18n/index.tsx';

/** 调整: a correction is a new line (+ or −) with a reason; the billed line is never edited. */
export function AdjustModal({ line, onClose, onDone }: { line: Line | null; onClose: () => void; onDone: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ amount: number; reason: string }>();
  useResetOnOpen(form, !!line, line);
  const { busy, submit } = useFormSubmit(
    form,
    async (v) => {
      await api(`/api/v1/fees/lines/${line?.id}/adjust`, { body: { amount: yuanToFen(v.amount), reason: v.reason.trim() } });
      message.success(t('common.saved'));
      onDone();
    },
    fieldsIn('amount', 'reason'),
  );
  return (
    <Modal open={!!line} title={t('fees.adjust.title')} okText={t('common.save')} okButtonProps={{ loading: busy }} onOk={submit} onCancel={onClose} destroyOnHidden>
      {line && <p>{t('fees.adjust.which', { unit: line.unitLabel, item: line.itemName, period: line.period, amount: formatFen(line.amount) })}</p>}
      <Form form={form} layout="vertical" requiredMark={false}>
        <Form.Item
          name="amount"
          label={t('fees.adjust.amount')}
          extra={t('fees.adjust.amountHint')}
          rules={[{ required: true, message: t('form.required') }, { validator: (_, v) => (v === 0 ? Promise.reject(new Error(t('fees.adjust.notZero'))) : Promise.resolve()) }]}
        >
          <InputNumber<number> precision={2} prefix="¥" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="reason" label={t('common.reason')} rules={[{ required: true, whitespace: true, message: t('form.required') }]} style={{ marginBottom: 0 }}>
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
