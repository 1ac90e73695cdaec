import { useMutation } from '@tanstack/react-query';
import { Alert, App, Checkbox, Form, Input, Modal, Rate } from 'antd';
import { VISIT_TAG_LABELS } from '../../../core/desk-labels.ts';
import { isBadVisit, VISIT_TAGS } from '../../../core/tickets.ts';
import { api } from '../../api/client.ts';
import { fieldsIn, useResetOnOpen } from '../../components/forms.ts';
import { useReportError } from '../../components/useReportError.ts';
import { useI18n } from '../../i18n/index.tsx';

interface Values {
  score: number;
  tags: string[];
  comment?: string;
}

/** 记录回访: the resident's score (≤ 2 sends the ticket back for rework), what went wrong, his words. */
export function VisitRecordModal({ visitId, title, onClose, onDone }: { visitId: number | null; title?: string; onClose: () => void; onDone: () => void }) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const reportError = useReportError();
  const [form] = Form.useForm<Values>();
  const open = visitId !== null;
  useResetOnOpen(form, open, visitId);
  const score = Form.useWatch('score', form);
  const save = useMutation({
    mutationFn: (v: Values) => api<{ status: string }>(`/api/v1/return-visits/${visitId}`, { body: { score: v.score, tags: v.tags ?? [], comment: v.comment?.trim() || undefined } }),
    onSuccess: (r) => {
      message.success(r.status === 'reopened' ? t('visit.savedReopened') : t('visit.saved'));
      onDone();
    },
    onError: (err) => reportError(err, form, fieldsIn('score', 'tags', 'comment')),
  });
  return (
    <Modal
      open={open}
      title={title ? `${t('visit.record')} · ${title}` : t('visit.record')}
      okText={t('common.save')}
      okButtonProps={{ loading: save.isPending, ...({ 'data-testid': 'visit-ok' } as Record<string, string>) }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      data-testid="visit-modal"
    >
      <Form<Values> form={form} layout="vertical" requiredMark={false} initialValues={{ tags: [] }} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="score" label={t('visit.score')} rules={[{ required: true, message: t('visit.scoreRequired') }]}>
          <Rate style={{ fontSize: 28 }} data-testid="visit-score" />
        </Form.Item>
        {score != null && isBadVisit(score) && <Alert type="warning" showIcon title={t('visit.badWarning')} style={{ marginBottom: 12 }} />}
        <Form.Item name="tags" label={t('visit.tags')}>
          <Checkbox.Group options={VISIT_TAGS.map((x) => ({ value: x, label: label(VISIT_TAG_LABELS, x) }))} />
        </Form.Item>
        <Form.Item name="comment" label={t('visit.comment')} style={{ marginBottom: 0 }}>
          <Input.TextArea rows={3} maxLength={1000} data-testid="visit-comment" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
