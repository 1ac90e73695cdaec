import { Alert, App, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { ApiError, api } from '../api/client.ts';
import { useT } from '../i18n/index.tsx';
import { applyFieldErrors, fieldsIn, useResetOnOpen } from './forms.ts';

interface Values {
  oldPassword: string;
  newPassword: string;
  repeat: string;
}

/**
 * Changing one's own password (staff and owners alike). The server checks the rules (length,
 * common, contains the username, same as before) and the old password under the sign-in limits;
 * its field messages go on the fields, anything else (locked out: 429) above the form. The server
 * ends the account's other sessions; this one stays signed in.
 */
export function ChangePasswordDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  useResetOnOpen(form, open);

  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setBusy(true);
    setProblem(null);
    try {
      await api('/api/v1/auth/password', { body: { oldPassword: v.oldPassword, newPassword: v.newPassword } });
      message.success(t('password.changed'));
      onClose();
    } catch (err) {
      const rest = applyFieldErrors(form, err, fieldsIn('oldPassword', 'newPassword'));
      const onFields = err instanceof ApiError && Object.keys(err.fields).length > rest.length;
      setProblem(onFields ? (rest.length ? rest.join('；') : null) : err instanceof ApiError ? err.message : t('error.generic'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('password.title')}
      okText={t('password.submit')}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={busy}
      destroyOnHidden
      width={420}
    >
      {problem && <Alert type="error" showIcon message={problem} style={{ marginBottom: 12 }} data-testid="password-problem" />}
      <Form form={form} layout="vertical" requiredMark={false} autoComplete="off" onFinish={submit}>
        <Form.Item name="oldPassword" label={t('password.old')} rules={[{ required: true, message: t('password.oldRequired') }]}>
          <Input.Password autoComplete="current-password" data-testid="password-old" />
        </Form.Item>
        <Form.Item name="newPassword" label={t('password.new')} extra={t('password.rule')} rules={[{ required: true, message: t('password.newRequired') }]}>
          <Input.Password autoComplete="new-password" data-testid="password-new" />
        </Form.Item>
        <Form.Item
          name="repeat"
          label={t('password.repeat')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('password.repeatRequired') },
            ({ getFieldValue }) => ({
              validator: (_, value) => (!value || value === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t('password.mismatch')))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="password-repeat" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
