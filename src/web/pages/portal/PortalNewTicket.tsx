import { useMutation, useQuery } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, Radio, Select, Upload, type UploadFile } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { TICKET_TYPE_LABELS } from '../../../core/desk-labels.ts';
import { api } from '../../api/client.ts';
import type { Archive } from '../../api/types.ts';
import { uploadPhotos, usePhotoCheck } from '../../components/desk/Photos.tsx';
import { fieldsIn } from '../../components/forms.ts';
import { useReportError } from '../../components/useReportError.ts';
import { useI18n } from '../../i18n/index.tsx';

const TYPES = ['repair', 'complaint', 'inquiry', 'suggestion', 'report', 'special_service', 'dispute', 'legacy'] as const;

interface Values {
  unitId: number;
  type: string;
  title: string;
  description: string;
}

/** 我要报事: the owner reports something for his home, with photos. */
export default function PortalNewTicket() {
  const { t, label } = useI18n();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const reportError = useReportError();
  const check = usePhotoCheck();
  const [form] = Form.useForm<Values>();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const home = useQuery({ queryKey: ['portal-home'], queryFn: () => api<{ units: Archive[] }>('/api/v1/portal/home') });
  const units = home.data?.units.map((a) => a.unit) ?? [];
  const submit = useMutation({
    mutationFn: async (v: Values) => {
      const { id } = await api<{ id: number }>('/api/v1/portal/tickets', { body: { unitId: v.unitId ?? units[0]?.id, type: v.type, title: v.title.trim(), description: v.description.trim() } });
      const photos = files.map((f) => f.originFileObj).filter((f): f is NonNullable<typeof f> => !!f);
      if (photos.length) {
        try {
          await uploadPhotos(id, photos);
        } catch (err) {
          reportError(err);
        }
      }
      return id;
    },
    onSuccess: (id) => {
      message.success(t('portal.submitted'));
      navigate(`/portal/tickets/${id}`, { replace: true });
    },
    onError: (err) => reportError(err, form, fieldsIn('unitId', 'type', 'title', 'description')),
  });
  return (
    <Card className="wd-portal-card" title={t('portal.newTicket')}>
      <Form<Values> form={form} layout="vertical" requiredMark={false} initialValues={{ type: 'repair' }} onFinish={(v) => submit.mutate(v)} data-testid="portal-ticket-form">
        {units.length > 1 ? (
          <Form.Item name="unitId" label={t('portal.unit')} rules={[{ required: true, message: t('form.required') }]}>
            <Select options={units.map((u) => ({ value: u.id, label: `${u.areaName ?? ''} ${u.label}`.trim() }))} />
          </Form.Item>
        ) : units[0] ? (
          <Form.Item label={t('portal.unit')}>
            <div className="wd-portal-fixed-unit">
              {[units[0].areaName, units[0].label].filter(Boolean).join(' · ')}
            </div>
          </Form.Item>
        ) : null}
        <Form.Item name="type" label={t('ticket.type')}>
          <Radio.Group optionType="button" className="wd-portal-types" options={TYPES.map((x) => ({ value: x, label: label(TICKET_TYPE_LABELS, x) }))} />
        </Form.Item>
        <Form.Item name="title" label={t('portal.ticketTitle')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
          <Input maxLength={100} placeholder={t('portal.titlePlaceholder')} data-testid="portal-ticket-title" />
        </Form.Item>
        <Form.Item name="description" label={t('portal.ticketDescription')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
          <Input.TextArea rows={4} maxLength={4000} placeholder={t('portal.descriptionPlaceholder')} data-testid="portal-ticket-description" />
        </Form.Item>
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
          >
            {files.length < 6 && '+'}
          </Upload>
        </Form.Item>
        <Button type="primary" htmlType="submit" block size="large" loading={submit.isPending} disabled={!units.length} data-testid="portal-ticket-submit">
          {t('portal.submit')}
        </Button>
      </Form>
    </Card>
  );
}
