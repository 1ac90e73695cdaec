import { App, Alert, Button, Card, Checkbox, Form, Input, InputNumber, Radio } from 'antd';
import { useEffect, useState } from 'react';
import { PAYMENT_METHODS } from '../../../../core/fees.ts';
import { api, ApiError } from '../../../api/client.ts';
import type { Account, Line, Payment } from '../../../api/fee-types.ts';
import { useMethodLabel } from '../../../components/fees/FeeTags.tsx';
import { newKey } from '../../../components/fees/queries.ts';
import { fieldsIn } from '../../../components/forms.ts';
import { formatFen, yuanToFen } from '../../../components/format.ts';
import { useFormSubmit } from '../../../components/useFormSubmit.ts';
import { useT } from '../../../i18n/index.tsx';

interface Values {
  amount: number;
  method: string;
  reference?: string;
  payerName?: string;
  toPrepaid?: boolean;
}

/**
 * The pay form: the amount starts at the chosen lines' total; the request carries the total the
 * cashier saw (expectedDue) and one idempotency key per form, so a double click or a retry never
 * charges twice and a bill that changed meanwhile is refused (409) instead of misapplied.
 */
export function PayForm({ account, chosen, chosenTotal, onPaid, onConflict }: { account: Account; chosen: Line[]; chosenTotal: number; onPaid: (p: Payment) => void; onConflict: () => void }) {
  const t = useT();
  const { message, modal } = App.useApp();
  const methodLabel = useMethodLabel();
  const [form] = Form.useForm<Values>();
  const [key, setKey] = useState(newKey);
  useEffect(() => form.setFieldsValue({ amount: chosenTotal / 100, toPrepaid: false }), [chosenTotal, form]);
  const amount = yuanToFen(Form.useWatch('amount', form));
  const method = Form.useWatch('method', form);
  const over = amount - chosenTotal;

  const { busy, submit } = useFormSubmit(
    form,
    async (v) => {
      try {
        const p = await api<Payment>('/api/v1/fees/payments', {
          body: {
            unitId: account.unitId,
            lineIds: chosen.map((l) => l.id),
            amount: yuanToFen(v.amount),
            expectedDue: chosenTotal,
            method: v.method,
            reference: v.reference?.trim() || undefined,
            payerName: v.payerName?.trim() || undefined,
            toPrepaid: over > 0 && v.method !== 'prepaid' ? !!v.toPrepaid : undefined,
            idempotencyKey: key,
          },
        });
        setKey(newKey());
        form.resetFields(['reference', 'payerName']);
        message.success(t('fees.pay.done', { no: p.receiptNo }));
        onPaid(p);
      } catch (err) {
        if (err instanceof ApiError && err.status === 409) {
          // The bill changed (another cashier, a new line, a late fee day): nothing was taken.
          setKey(newKey());
          onConflict();
          modal.warning({ title: t('fees.pay.conflictTitle'), content: `${err.message} ${t('fees.pay.conflictHint')}` });
          return;
        }
        throw err;
      }
    },
    fieldsIn('amount', 'method', 'reference', 'payerName'),
  );

  return (
    <Card size="small" title={t('fees.pay.title')} style={{ height: '100%' }} data-testid="pay-form">
      <div className="wd-pay-total">
        <div className="wd-fee-fact-label">{t('fees.pay.chosenTotal', { n: chosen.length })}</div>
        <div className="wd-money-big">{formatFen(chosenTotal)}</div>
      </div>
      <Form<Values> form={form} layout="vertical" requiredMark={false} initialValues={{ method: 'cash', amount: chosenTotal / 100 }}>
        <Form.Item name="amount" label={t('fees.pay.amount')} rules={[{ required: true, message: t('form.required') }]}>
          <InputNumber<number> min={0.01} precision={2} step={1} prefix="¥" style={{ width: '100%' }} size="large" data-testid="pay-amount" />
        </Form.Item>
        {over > 0 && chosen.length > 0 && method !== 'prepaid' && (
          <Form.Item name="toPrepaid" valuePropName="checked" style={{ marginTop: -8 }}>
            <Checkbox data-testid="pay-to-prepaid">{t('fees.pay.overToPrepaid', { amount: formatFen(over) })}</Checkbox>
          </Form.Item>
        )}
        {amount > 0 && over < 0 && <Alert type="info" showIcon title={t('fees.pay.partial')} style={{ marginBottom: 12 }} />}
        <Form.Item name="method" label={t('fees.payment.method')}>
          <Radio.Group optionType="button" buttonStyle="solid" options={PAYMENT_METHODS.map((m) => ({ value: m, label: methodLabel(m) }))} data-testid="pay-method" />
        </Form.Item>
        {method === 'prepaid' && amount > account.prepaidBalance && <Alert type="warning" showIcon title={t('fees.pay.prepaidShort', { balance: formatFen(account.prepaidBalance) })} style={{ marginBottom: 12 }} />}
        <Form.Item name="reference" label={t('fees.payment.reference')} rules={[{ required: method === 'transfer', whitespace: true, message: t('form.required') }]} extra={method && method !== 'cash' && method !== 'prepaid' ? t('fees.pay.referenceHint') : undefined}>
          <Input maxLength={64} data-testid="pay-reference" />
        </Form.Item>
        <Form.Item name="payerName" label={t('fees.payment.payer')}>
          <Input maxLength={50} placeholder={account.ownerName ?? undefined} />
        </Form.Item>
        <Button type="primary" size="large" block loading={busy} disabled={!chosen.length} onClick={submit} data-testid="pay-submit">
          {t('fees.pay.submit', { amount: formatFen(amount) })}
        </Button>
      </Form>
    </Card>
  );
}
