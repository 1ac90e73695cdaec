import { App, Form, InputNumber, Modal, Select } from 'antd';
import { api } from '../../../api/client.ts';
import type { ArrearsRow } from '../../../api/fee-types.ts';
import { useSession } from '../../../app/session.tsx';
import { fieldsIn, useResetOnOpen } from '../../../components/forms.ts';
import { useFormSubmit } from '../../../components/useFormSubmit.ts';
import { useT } from '../../../i18n/index.tsx';

/** 批量生成催缴通知书: step 1 for every unit overdue by N days not yet reminded, then print them. */
export function RemindersModal({ open, areaId, onClose, onDone }: { open: boolean; areaId?: number; onClose: () => void; onDone: (units: ArrearsRow[]) => void }) {
  const t = useT();
  const { estateId, estate } = useSession();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ minDays: number; areaId?: number }>();
  useResetOnOpen(form, open);
  const { busy, submit } = useFormSubmit(
    form,
    async (v) => {
      const r = await api<{ batch: unknown; units: ArrearsRow[] }>('/api/v1/fees/arrears/reminders', { body: { estateId, minDays: v.minDays, areaId: v.areaId } });
      message.success(t('fees.arrears.remindersDone', { n: r.units.length }));
      onDone(r.units);
    },
    fieldsIn('minDays', 'areaId'),
  );
  return (
    <Modal open={open} title={t('fees.arrears.reminders')} okText={t('fees.arrears.remindersGo')} okButtonProps={{ loading: busy, ...({ 'data-testid': 'reminders-ok' } as Record<string, string>) }} onOk={submit} onCancel={onClose} destroyOnHidden>
      <p className="wd-muted">{t('fees.arrears.remindersHint')}</p>
      <Form form={form} layout="vertical" requiredMark={false} initialValues={{ minDays: 30, areaId }}>
        <Form.Item name="minDays" label={t('fees.arrears.minDays')} rules={[{ required: true, message: t('form.required') }]}>
          <InputNumber<number> min={1} precision={0} suffix={t('fees.arrears.daySuffix')} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="areaId" label={t('fees.area')} style={{ marginBottom: 0 }}>
          <Select allowClear placeholder={t('fees.allAreas')} options={(estate?.areas ?? []).map((a) => ({ value: a.id, label: a.name }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
