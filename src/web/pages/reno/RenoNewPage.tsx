import { useMutation } from '@tanstack/react-query';
import { Button, Card, Form } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../../api/client.ts';
import type { Unit } from '../../api/types.ts';
import type { RenovationDetail } from '../../api/reno-types.ts';
import { useSession } from '../../app/session.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useReportError } from '../../components/useReportError.ts';
import { useT } from '../../i18n/index.tsx';
import { UnitPicker } from '../desk/register/UnitPicker.tsx';
import { RenoForm, type RenoFormValues, renoBody, renoFieldOf } from './RenoForm.tsx';

/** 装修申请登记 at the desk: the unit, then the application; submitted for approval at once. */
export default function RenoNewPage() {
  const t = useT();
  const { estateId } = useSession();
  const navigate = useNavigate();
  const report = useReportError();
  const [unit, setUnit] = useState<Unit | null>(null);
  const [form] = Form.useForm<RenoFormValues>();
  const save = useMutation({
    mutationFn: (v: RenoFormValues) => api<RenovationDetail>('/api/v1/renovations', { body: { unitId: unit?.id, ...renoBody(v), submit: true } }),
    onSuccess: (r) => navigate(`/reno/${r.id}`),
    onError: (err) => report(err, form, renoFieldOf),
  });
  return (
    <>
      <PageHeader title={t('nav.renoNew')} subtitle={t('reno.newSubtitle')} onBack={() => navigate('/reno')} />
      <Card title={t('reno.unit')} style={{ marginBottom: 16 }}>
        <UnitPicker estateId={estateId} value={unit} onChange={(u) => {
          setUnit(u);
          if (u && !form.getFieldValue('applicantName')) form.setFieldsValue({ applicantName: u.ownerNames[0] ?? '' });
        }} />
      </Card>
      <Card>
        <Form<RenoFormValues> form={form} layout="vertical" initialValues={{ kind: 'full', applicantKind: 'owner', touchesStructure: false, scope: [], workers: [] }} onFinish={(v) => save.mutate(v)} data-testid="reno-form">
          <RenoForm form={form} />
          <Button type="primary" htmlType="submit" loading={save.isPending} disabled={!unit} data-testid="reno-submit">
            {t('reno.submit')}
          </Button>
        </Form>
      </Card>
    </>
  );
}
