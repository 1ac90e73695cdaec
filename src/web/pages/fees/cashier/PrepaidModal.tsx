import { App, Form, Input, InputNumber, Modal, Select } from 'antd';
import { useState } from 'react';
import { PAYMENT_METHODS } from '../../../../core/fees.ts';
import { api } from '../../../api/client.ts';
import type { Account, Payment } from '../../../api/fee-types.ts';
import { useMethodLabel } from '../../../components/fees/FeeTags.tsx';
import { newKey } from '../../../components/fees/queries.ts';
import { fieldsIn, useResetOnOpen } from '../../../components/forms.ts';
import { formatFen, yuanToFen } from '../../../components/format.ts';
import { useFormSubmit } from '../../../components/useFormSubmit.ts';
import { useT } from '../../../i18n/index.tsx';

interface Values {
  amount: number;
  method: string;
  reference?: string;
}

/** 预存: money left on the unit's account; later bills are settled from it. */
export function PrepaidModal({ open, account, onClose, onDone }: { open: boolean; account: Account; onClose: () => void; onDone: (p: Payment) => void }) {
  const t = useT();
  const { message } = App.useApp();
  const methodLabel = useMethodLabel();
  const [form] = Form.useForm<Values>();
  const [key, setKey] = useState(newKey);
  useResetOnOpen(form, open);
  const { busy, submit } = useFormSubmit(
    form,
    async (v) => {
      const p = await api<Payment>('/api/v1/fees/prepaid', {
        body: { unitId: account.unitId, amount: yuanToFen(v.amount), method: v.method, reference: v.reference?.trim() || undefined, idempotencyKey: key },
      });
      setKey(newKey());
      message.success(t('fees.pay.done', { no: p.receiptNo }));
      onDone(p);
    },
    fieldsIn('amount', 'method', 'reference'),
  );
  return (
    <Modal
      open={open}
      title={`${t('fees.prepaid.deposit')} · ${account.unitLabel}`}
      okText={t('fees.prepaid.submit')}
      okButtonProps={{ loading: busy, ...({ 'data-testid': 'prepaid-ok' } as Record<string, string>) }}
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
    >
      <p className="wd-muted">{t('fees.prepaid.hint', { balance: formatFen(account.prepaidBalance) })}</p>
      <Form<Values> form={form} layout="vertical" requiredMark={false} initialValues={{ method: 'cash' }}>
        <Form.Item name="amount" label={t('fees.pay.amount')} rules={[{ required: true, message: t('form.required') }]}>
          <InputNumber<number> min={0.01} precision={2} prefix="¥" style={{ width: '100%' }} data-testid="prepaid-amount" />
        </Form.Item>
        <Form.Item name="method" label={t('fees.payment.method')}>
          <Select options={PAYMENT_METHODS.filter((m) => m !== 'prepaid').map((m) => ({ value: m, label: methodLabel(m) }))} />
        </Form.Item>
        <Form.Item name="reference" label={t('fees.payment.reference')} style={{ marginBottom: 0 }}>
          <Input maxLength={64} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
