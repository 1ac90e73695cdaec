import { useMutation } from '@tanstack/react-query';
import { App, Form, Input, InputNumber, Modal, Space } from 'antd';
import { api } from '../../api/client.ts';
import { useReportError } from '../../components/useReportError.ts';
import { useT } from '../../i18n/index.tsx';

export type ActivityDialogKind = 'walkIn' | 'review' | 'cancel';

/** The activity page's dialogs (walk-in, summary, cancellation), loaded on first open. */
export default function ActivityDialog({ activityId, dialog, onClose, onDone }: { activityId: number; dialog: ActivityDialogKind | null; onClose: () => void; onDone: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const reportError = useReportError();
  const [form] = Form.useForm();
  const post = useMutation({
    mutationFn: ({ path, body }: { path: string; body: unknown }) => api<unknown>(`/api/v1/activities/${activityId}${path}`, { method: 'POST', body }),
    onSuccess: () => {
      message.success(t('rn.done'));
      form.resetFields();
      onDone();
    },
    onError: (err) => reportError(err, form),
  });
  return (
    <Modal open={!!dialog} destroyOnHidden title={dialog ? t(dialog === 'walkIn' ? 'act.walkIn' : dialog === 'review' ? 'act.review' : 'act.cancel') : ''} onCancel={onClose} onOk={() => form.submit()} confirmLoading={post.isPending}>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ adults: 1, children: 0 }}
        onFinish={(v: Record<string, any>) => {
          if (dialog === 'walkIn') post.mutate({ path: '/walk-ins', body: { names: v.names, adults: v.adults, children: v.children } });
          else if (dialog === 'review') post.mutate({ path: '/review', body: { actualCost: Math.round((v.actualCost ?? 0) * 100), lessons: v.lessons } });
          else post.mutate({ path: '/cancel', body: { reason: v.reason } });
        }}
      >
        {dialog === 'walkIn' && (
          <>
            <Form.Item name="names" label={t('act.names')} rules={[{ required: true }]}>
              <Input />
            </Form.Item>
            <Space>
              <Form.Item name="adults" label={t('act.adults')}>
                <InputNumber min={0} />
              </Form.Item>
              <Form.Item name="children" label={t('act.children')}>
                <InputNumber min={0} />
              </Form.Item>
            </Space>
          </>
        )}
        {dialog === 'review' && (
          <>
            <Form.Item name="actualCost" label={t('act.actualCost')} rules={[{ required: true }]}>
              <InputNumber min={0} style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="lessons" label={t('act.lessons')} rules={[{ required: true }]}>
              <Input.TextArea rows={4} />
            </Form.Item>
          </>
        )}
        {dialog === 'cancel' && (
          <Form.Item name="reason" label={t('rn.reason')} rules={[{ required: true }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
