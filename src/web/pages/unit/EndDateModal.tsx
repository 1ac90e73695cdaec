import { DatePicker, Form, Input, Modal } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { fieldsIn, useResetOnOpen } from '../../components/forms.ts';
import { useFormSubmit } from '../../components/useFormSubmit.ts';
import { useT } from '../../i18n/index.tsx';

/**
 * Date + reason dialog for the actions that end something (a member or household moving out, a
 * lease ending). `dateField` is the body's date key so the server's field message lands on it.
 */
export function EndDateModal({
  open,
  title,
  description,
  dateLabel,
  dateField,
  okText,
  onClose,
  onSubmit,
}: {
  open: boolean;
  title: string;
  description?: string;
  dateLabel: string;
  dateField: 'movedOutOn' | 'terminatedOn';
  okText: string;
  onClose: () => void;
  onSubmit: (body: Record<string, string | null>) => Promise<void>;
}) {
  const t = useT();
  const [form] = Form.useForm<{ date: Dayjs; reason?: string }>();
  useResetOnOpen(form, open, title);
  const { busy, submit } = useFormSubmit(
    form,
    async (v) => {
      await onSubmit({ [dateField]: v.date.format('YYYY-MM-DD'), reason: v.reason?.trim() || null });
      onClose();
    },
    (path) => (path === dateField ? ['date'] : fieldsIn('reason')(path)),
  );
  return (
    <Modal open={open} title={title} okText={okText} onOk={submit} confirmLoading={busy} onCancel={onClose} destroyOnHidden okButtonProps={{ danger: true }}>
      {description && <p className="wd-muted">{description}</p>}
      <Form form={form} layout="vertical" preserve={false} initialValues={{ date: dayjs() }}>
        <Form.Item name="date" label={dateLabel} rules={[{ required: true, message: t('form.required') }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="reason" label={t('common.reason')}>
          <Input.TextArea rows={2} maxLength={200} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
