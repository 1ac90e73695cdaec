import { useMutation } from '@tanstack/react-query';
import { Button, Checkbox, Flex, Form, Input } from 'antd';
import { api } from '../../../api/client.ts';
import { useReportError } from '../../../components/useReportError.ts';
import { useT } from '../../../i18n/index.tsx';

/** 添加备注: a handling note, or an internal one the resident never sees. */
export function CommentBox({ ticketId, onDone }: { ticketId: number; onDone: () => void }) {
  const t = useT();
  const reportError = useReportError();
  const [form] = Form.useForm<{ note: string; internal: boolean }>();
  const add = useMutation({
    mutationFn: (v: { note: string; internal: boolean }) => api(`/api/v1/tickets/${ticketId}/comments`, { body: { note: v.note.trim(), internal: !!v.internal } }),
    onSuccess: () => {
      form.resetFields();
      onDone();
    },
    onError: (err) => reportError(err, form),
  });
  return (
    <Form form={form} onFinish={(v) => add.mutate(v)} initialValues={{ internal: false }} data-testid="comment-form" style={{ marginTop: 8 }}>
      <Form.Item name="note" rules={[{ required: true, whitespace: true, message: t('form.required') }]} style={{ marginBottom: 8 }}>
        <Input.TextArea rows={2} maxLength={2000} placeholder={t('comment.placeholder')} data-testid="comment-note" />
      </Form.Item>
      <Flex justify="space-between" align="center">
        <Form.Item name="internal" valuePropName="checked" noStyle>
          <Checkbox data-testid="comment-internal">{t('comment.internal')}</Checkbox>
        </Form.Item>
        <Button htmlType="submit" loading={add.isPending} data-testid="comment-submit">
          {t('comment.add')}
        </Button>
      </Flex>
    </Form>
  );
}
