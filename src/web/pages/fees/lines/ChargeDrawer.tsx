import { App, DatePicker, Drawer, Form, Input, InputNumber, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { api } from '../../../api/client.ts';
import { useSession } from '../../../app/session.tsx';
import { useFeeItems } from '../../../components/fees/queries.ts';
import { UnitSearchSelect } from '../../../components/fees/UnitSearchSelect.tsx';
import { DrawerActions } from '../../../components/DrawerActions.tsx';
import { fieldsIn, useResetOnOpen } from '../../../components/forms.ts';
import { yuanToFen } from '../../../components/format.ts';
import { useFormSubmit } from '../../../components/useFormSubmit.ts';
import { useT } from '../../../i18n/index.tsx';

interface Values {
  unitId: number;
  feeItemId: number;
  amount: number;
  description: string;
  ticketId?: number;
  dueOn?: Dayjs;
}

/** 一次性收费 / 特约服务费: one charge put on a unit's bill (e.g. a paid repair from the service desk). */
export function ChargeDrawer({ open, onClose, onDone }: { open: boolean; onClose: () => void; onDone: () => void }) {
  const t = useT();
  const { estateId } = useSession();
  const { message } = App.useApp();
  const items = useFeeItems(estateId);
  const [form] = Form.useForm<Values>();
  useResetOnOpen(form, open);
  const { busy, submit } = useFormSubmit(
    form,
    async (v) => {
      await api('/api/v1/fees/lines', {
        body: { unitId: v.unitId, feeItemId: v.feeItemId, amount: yuanToFen(v.amount), description: v.description.trim(), ticketId: v.ticketId || undefined, dueOn: v.dueOn?.format('YYYY-MM-DD') },
      });
      message.success(t('common.saved'));
      onDone();
    },
    fieldsIn('unitId', 'feeItemId', 'amount', 'description', 'ticketId', 'dueOn'),
  );
  const chargeable = items.active.filter((i) => i.kind === 'one_off' || i.kind === 'service');
  return (
    <Drawer open={open} title={t('fees.charge.title')} size={480} onClose={onClose} destroyOnHidden extra={<DrawerActions busy={busy} onCancel={onClose} onOk={submit} testId="charge-save" />}>
      <Form<Values> form={form} layout="vertical" requiredMark={false}>
        <Form.Item name="unitId" label={t('fees.unit')} rules={[{ required: true, message: t('form.required') }]}>
          <UnitSearchSelect estateId={estateId} />
        </Form.Item>
        <Form.Item name="feeItemId" label={t('fees.line.item')} rules={[{ required: true, message: t('form.required') }]} extra={t('fees.charge.itemHint')}>
          <Select options={(chargeable.length ? chargeable : items.active).map((i) => ({ value: i.id, label: i.name }))} />
        </Form.Item>
        <Form.Item name="amount" label={t('fees.line.amount')} rules={[{ required: true, message: t('form.required') }]}>
          <InputNumber<number> min={0.01} precision={2} prefix="¥" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="description" label={t('fees.charge.description')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="ticketId" label={t('fees.charge.ticketId')} extra={t('fees.charge.ticketHint')}>
          <InputNumber<number> min={1} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="dueOn" label={t('fees.line.dueOn')}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
