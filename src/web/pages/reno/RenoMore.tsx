import { UploadOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Button, DatePicker, Flex, Form, Input, Modal, Tag, Typography, Upload } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import type { RenovationDetail } from '../../api/reno-types.ts';
import { useFormSubmit } from '../../components/useFormSubmit.ts';
import { useReportError } from '../../components/useReportError.ts';
import { useI18n } from '../../i18n/index.tsx';
import { RenoForm, type RenoFormValues, renoBody, renoFieldOf } from './RenoForm.tsx';

type Done = { open: boolean; onClose: () => void; onDone: () => void };
/** A masked value (phone or ID number) cannot be sent back: the field is left for the user to fill in again. */
const clear = (v: string | null | undefined) => (v && !v.includes('*') ? v : undefined);

/** Edit a returned application and submit it again (the desk: /api/v1/renovations; the owner: portal). */
export function ReviseModal({ open, reno, portal = false, onClose, onDone }: Done & { reno: RenovationDetail; portal?: boolean }) {
  const { t } = useI18n();
  const report = useReportError();
  const [form] = Form.useForm<RenoFormValues>();
  const initial: Partial<RenoFormValues> = {
    kind: reno.kind,
    applicantKind: reno.applicantKind as 'owner' | 'tenant',
    applicantName: reno.applicantName,
    applicantPhone: clear(reno.applicantPhone),
    ownerConsentBy: reno.ownerConsentBy ?? undefined,
    contractor: reno.contractor,
    licenceNo: reno.licenceNo ?? undefined,
    leadName: reno.leadName,
    leadPhone: clear(reno.leadPhone),
    fireName: reno.fireName ?? undefined,
    firePhone: clear(reno.firePhone),
    scope: reno.scope,
    description: reno.description,
    touchesStructure: reno.touchesStructure,
    designDoc: reno.designDoc ?? undefined,
    dates: [dayjs(reno.plannedStart), dayjs(reno.plannedEnd)],
    workers: reno.workers.map((w) => ({ name: w.name, role: w.role as 'lead' | 'worker', idNumber: clear(w.idNumber), phone: clear(w.phone), passNo: w.passNo ?? undefined })),
  };
  const save = useMutation({
    mutationFn: (v: RenoFormValues) => {
      const { depositAmount: _deposit, ...body } = renoBody(v) as ReturnType<typeof renoBody> & { depositAmount?: number };
      return api(portal ? `/api/v1/portal/renovations/${reno.id}/revise` : `/api/v1/renovations/${reno.id}/revise`, { body: { ...body, submit: true } });
    },
    onSuccess: onDone,
    onError: (err) => report(err, form, renoFieldOf),
  });
  return (
    <Modal open={open} title={t('reno.revise')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={save.isPending} width={760} okText={t('reno.reviseSubmit')} okButtonProps={{ ...({ 'data-testid': 'reno-revise-ok' } as Record<string, string>) }} destroyOnHidden>
      {reno.decisionNote && <Typography.Paragraph type="warning">{t('reno.returnedBecause', { reason: reno.decisionNote })}</Typography.Paragraph>}
      <Typography.Paragraph type="secondary">{t('reno.reviseHint')}</Typography.Paragraph>
      <Form<RenoFormValues> form={form} layout="vertical" initialValues={initial} onFinish={(v) => save.mutate(v)} data-testid="reno-revise-form">
        <RenoForm form={form} portal={portal} />
      </Form>
    </Modal>
  );
}

/** Ask to move the planned end (reason and new date). */
export function ExtensionModal({ open, reno, portal = false, onClose, onDone }: Done & { reno: RenovationDetail; portal?: boolean }) {
  const { t } = useI18n();
  const [form] = Form.useForm();
  const { busy, submit } = useFormSubmit(form, async (v: { newEnd: dayjs.Dayjs; reason: string }) => {
    await api(portal ? `/api/v1/portal/renovations/${reno.id}/extensions` : `/api/v1/renovations/${reno.id}/extensions`, { body: { newEnd: v.newEnd.format('YYYY-MM-DD'), reason: v.reason } });
    form.resetFields();
    onDone();
  });
  return (
    <Modal open={open} title={t('reno.extend')} onCancel={onClose} onOk={submit} confirmLoading={busy} okButtonProps={{ ...({ 'data-testid': 'reno-extension-ok' } as Record<string, string>) }} destroyOnHidden>
      <div className="wd-muted" style={{ marginBottom: 12 }}>{t('reno.currentEnd', { date: reno.plannedEnd })}</div>
      <Form form={form} layout="vertical">
        <Form.Item name="newEnd" label={t('reno.newEnd')} rules={[{ required: true, message: t('form.required') }]}>
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => !d.isAfter(dayjs(reno.plannedEnd))} data-testid="reno-extension-date" />
        </Form.Item>
        <Form.Item name="reason" label={t('reno.extensionReason')} rules={[{ required: true, message: t('form.required') }]}>
          <Input.TextArea rows={3} maxLength={500} data-testid="reno-extension-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Upload of the signed 验收单 (PDF or image); answers the scan's id for the acceptance. */
export function ScanUpload({ renoId, value, onChange }: { renoId: number; value?: number | null; onChange?: (id: number | null) => void }) {
  const { t } = useI18n();
  const report = useReportError();
  const [busy, setBusy] = useState(false);
  const [name, setName] = useState<string | null>(null);
  return (
    <Flex gap={8} align="center" wrap>
      <Upload
        accept="application/pdf,image/jpeg,image/png,image/webp"
        showUploadList={false}
        customRequest={async ({ file, onSuccess, onError }) => {
          setBusy(true);
          try {
            const fd = new FormData();
            fd.append('file', file as Blob);
            const r = await api<{ id: number }>(`/api/v1/renovations/${renoId}/acceptance-scans`, { method: 'POST', body: fd });
            setName((file as File).name);
            onChange?.(r.id);
            onSuccess?.(r);
          } catch (e) {
            report(e);
            onError?.(e as Error);
          } finally {
            setBusy(false);
          }
        }}
      >
        <Button icon={<UploadOutlined />} loading={busy} data-testid="acceptance-scan">{t('reno.uploadScan')}</Button>
      </Upload>
      {value ? <Tag color="green" data-testid="acceptance-scan-done">{t('reno.scanUploaded')} {name ?? ''}</Tag> : <span className="wd-muted">{t('reno.scanHint')}</span>}
    </Flex>
  );
}
