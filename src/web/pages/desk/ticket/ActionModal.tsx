import { useMutation, useQuery } from '@tanstack/react-query';
import { App, Checkbox, DatePicker, Form, Input, Modal, Select, Upload, type UploadFile } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useState } from 'react';
import { DEPARTMENT_LABELS } from '../../../../core/desk-labels.ts';
import { DEPARTMENTS } from '../../../../core/tickets.ts';
import { api } from '../../../api/client.ts';
import type { StaffMember, TicketAction, TicketListItem } from '../../../api/desk-types.ts';
import type { ListResponse } from '../../../api/types.ts';
import { uploadPhotos, usePhotoCheck } from '../../../components/desk/Photos.tsx';
import { compact, fieldsIn, useResetOnOpen } from '../../../components/forms.ts';
import { useReportError } from '../../../components/useReportError.ts';
import { useSession } from '../../../app/session.tsx';
import { type MessageKey, useI18n } from '../../../i18n/index.tsx';

/** What each step asks for: a note (required for pause, cancel, resolve), a department… */
const NOTE: Record<TicketAction, { label: MessageKey; required: boolean }> = {
  respond: { label: 'action.note.respond', required: false },
  dispatch: { label: 'action.note.dispatch', required: false },
  accept: { label: 'action.note.optional', required: false },
  pause: { label: 'action.note.pause', required: true },
  resume: { label: 'action.note.optional', required: false },
  resolve: { label: 'action.note.resolve', required: true },
  confirm: { label: 'action.note.optional', required: false },
  close: { label: 'action.note.optional', required: false },
  cancel: { label: 'action.note.cancel', required: true },
  reopen: { label: 'action.note.reopen', required: true },
};

interface Values {
  note?: string;
  department?: string;
  assigneeId?: number;
  appointmentAt?: Dayjs | null;
  internal?: boolean;
}

/** Who may accept a ticket that is someone else's (the server holds the same rule). */
const SUPERVISORS = ['cs_admin', 'assistant', 'director'];

const FIELDS = fieldsIn('note', 'department', 'assigneeId', 'appointmentAt');

/** The small form of one step (派工, 暂停, 处理完成 …); the server decides whether it is allowed. */
export function ActionModal({ ticket, action, onClose, onDone }: { ticket: TicketListItem; action: TicketAction | null; onClose: () => void; onDone: () => void }) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const reportError = useReportError();
  const check = usePhotoCheck();
  const [form] = Form.useForm<Values>();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const open = action !== null;
  useResetOnOpen(form, open, action);
  const department = Form.useWatch('department', form);
  // A supervisor accepting may name who does the work (or leave it to himself); others accept their own.
  const supervisor = SUPERVISORS.includes(useSession().me.user.role);
  const picking = (action === 'dispatch' && !!department) || (action === 'accept' && supervisor);
  const staff = useQuery({
    queryKey: ['desk-assignees', ticket.id, action === 'accept' ? ticket.department : department],
    queryFn: () => api<ListResponse<StaffMember>>(`/api/v1/tickets/${ticket.id}/assignees`, { query: { department: action === 'accept' ? undefined : department } }),
    enabled: picking,
  });
  const staffOptions = (staff.data?.items ?? []).map((s) => ({ value: s.id, label: s.displayName }));

  const run = useMutation({
    mutationFn: async (v: Values) => {
      const body = compact({
        note: v.note?.trim(),
        department: v.department,
        assigneeId: v.assigneeId,
        appointmentAt: v.appointmentAt ? v.appointmentAt.toISOString() : undefined,
        internal: v.internal || undefined,
      });
      await api(`/api/v1/tickets/${ticket.id}/${action}`, { body });
      const photos = files.map((f) => f.originFileObj).filter((f): f is NonNullable<typeof f> => !!f);
      if (photos.length) await uploadPhotos(ticket.id, photos);
    },
    onSuccess: () => {
      message.success(t('action.done', { action: t(`action.${action!}` as MessageKey) }));
      setFiles([]);
      onDone();
    },
    onError: (err) => reportError(err, form, FIELDS),
  });

  if (!action) return null;
  const note = NOTE[action];
  return (
    <Modal
      open={open}
      title={`${t(`action.${action}` as MessageKey)} · ${ticket.number}`}
      okText={t(`action.${action}` as MessageKey)}
      okButtonProps={{ loading: run.isPending, danger: action === 'cancel', ...({ 'data-testid': 'action-ok' } as Record<string, string>) }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      data-testid="action-modal"
    >
      <Form<Values>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ department: ticket.department ?? undefined, appointmentAt: ticket.appointmentAt ? dayjs(ticket.appointmentAt) : undefined }}
        onFinish={(v) => run.mutate(v)}
      >
        {action === 'dispatch' && (
          <>
            <Form.Item name="department" label={t('ticket.department')} rules={[{ required: true, message: t('form.required') }]}>
              <Select
                options={DEPARTMENTS.map((d) => ({ value: d, label: label(DEPARTMENT_LABELS, d) }))}
                onChange={() => form.setFieldValue('assigneeId', undefined)}
                data-testid="dispatch-department"
              />
            </Form.Item>
            <Form.Item name="assigneeId" label={t('ticket.assignee')} extra={t('action.assigneeHint')}>
              <Select allowClear loading={staff.isFetching} options={staffOptions} data-testid="dispatch-assignee" />
            </Form.Item>
            <Form.Item name="appointmentAt" label={t('ticket.appointmentAt')}>
              <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
            </Form.Item>
          </>
        )}
        {action === 'accept' && supervisor && (
          <Form.Item name="assigneeId" label={t('ticket.assignee')} extra={t('action.acceptAssigneeHint')}>
            <Select allowClear loading={staff.isFetching} options={staffOptions} data-testid="accept-assignee" />
          </Form.Item>
        )}
        <Form.Item name="note" label={t(note.label)} rules={note.required ? [{ required: true, whitespace: true, message: t('form.required') }] : []}>
          <Input.TextArea rows={3} maxLength={2000} autoFocus data-testid="action-note" />
        </Form.Item>
        {action === 'resolve' && (
          <Form.Item label={t('photos.title')} extra={t('photos.hint')}>
            <Upload
              listType="picture-card"
              multiple
              accept="image/jpeg,image/png,image/webp"
              fileList={files}
              beforeUpload={() => false}
              onChange={({ fileList }) => {
                const raw = fileList.map((f) => f.originFileObj).filter((f): f is NonNullable<typeof f> => !!f);
                if (check(raw)) setFiles(fileList);
              }}
              data-testid="resolve-photos"
            >
              {files.length < 6 && '+'}
            </Upload>
          </Form.Item>
        )}
        {(action === 'respond' || action === 'pause' || action === 'dispatch') && (
          <Form.Item name="internal" valuePropName="checked" style={{ marginBottom: 0 }}>
            <Checkbox>{t('comment.internal')}</Checkbox>
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
