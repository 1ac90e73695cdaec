import { Alert, App, Checkbox, DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { ARREARS_CHANNELS, RESOLUTIONS } from '../../../../core/fees.ts';
import { api } from '../../../api/client.ts';
import { useServerToday } from '../../../components/fees/PeriodPicker.tsx';
import { fieldsIn, useResetOnOpen } from '../../../components/forms.ts';
import { useFormSubmit } from '../../../components/useFormSubmit.ts';
import { type MessageKey, useT } from '../../../i18n/index.tsx';

interface Values {
  step: number;
  onDate: Dayjs;
  channel: string;
  deadline?: Dayjs;
  reason?: string;
  dissatisfaction?: string;
  complaint?: boolean;
  resolution?: string;
  outcome?: string;
}

const CHANNEL_OF: Record<number, string> = { 2: 'notice', 3: 'visit', 4: 'visit', 5: 'meeting' };

/**
 * 记录催缴: 2 限期缴费通知 (with its deadline; late fees start), 3 管理员上门 (the reason and any
 * dissatisfaction; 转为投诉 registers a complaint), 4 助理拜访, 5 主任协商 (the agreed resolution).
 */
export function StepModal({ open, unitId, next: wanted, allowed, onClose, onDone }: { open: boolean; unitId: number; next: number; allowed?: number[]; onClose: () => void; onDone: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const { today } = useServerToday();
  const choices = allowed?.length ? allowed : [2, 3, 4, 5];
  // The next step up the ladder when the caller may record it, else the highest he may.
  const next = choices.includes(wanted) ? wanted : choices.filter((s) => s <= wanted).pop() ?? choices[0];
  const [form] = Form.useForm<Values>();
  useResetOnOpen(form, open, next);
  const step = Form.useWatch('step', form) ?? next;
  const dissatisfaction = Form.useWatch('dissatisfaction', form);
  const { busy, submit } = useFormSubmit(
    form,
    async (v) => {
      await api(`/api/v1/fees/arrears/${unitId}/steps`, {
        body: {
          step: v.step,
          onDate: v.onDate.format('YYYY-MM-DD'),
          channel: v.channel,
          deadline: v.step === 2 ? v.deadline?.format('YYYY-MM-DD') : undefined,
          reason: v.reason?.trim() || undefined,
          dissatisfaction: v.dissatisfaction?.trim() || undefined,
          complaint: v.dissatisfaction?.trim() ? !!v.complaint : undefined,
          resolution: v.step === 5 ? v.resolution : undefined,
          outcome: v.outcome?.trim() || undefined,
        },
      });
      message.success(v.complaint && v.dissatisfaction?.trim() ? t('fees.step.savedComplaint') : t('fees.step.saved'));
      onDone();
    },
    fieldsIn('step', 'onDate', 'channel', 'deadline', 'reason', 'dissatisfaction', 'complaint', 'resolution', 'outcome'),
  );
  return (
    <Modal open={open} width={560} title={t('fees.step.record')} okText={t('common.save')} okButtonProps={{ loading: busy, ...({ 'data-testid': 'step-ok' } as Record<string, string>) }} onOk={submit} onCancel={onClose} destroyOnHidden data-testid="step-modal">
      <Form<Values>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ step: next, onDate: dayjs(today), channel: CHANNEL_OF[next], deadline: dayjs(today).add(15, 'day') }}
        onValuesChange={(c: Partial<Values>) => c.step && form.setFieldsValue({ channel: CHANNEL_OF[c.step] })}
      >
        <Form.Item name="step" label={t('fees.arrears.step')}>
          <Select options={choices.map((s) => ({ value: s, label: `${s} · ${t(`fees.step.${s}` as MessageKey)}` }))} data-testid="step-select" />
        </Form.Item>
        <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t(`fees.step.help.${step}` as MessageKey)} />
        <Form.Item name="onDate" label={t('fees.step.onDate')} rules={[{ required: true, message: t('form.required') }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="channel" label={t('fees.step.channel')}>
          <Select options={ARREARS_CHANNELS.map((c) => ({ value: c, label: t(`fees.channel.${c}` as MessageKey) }))} />
        </Form.Item>
        {step === 2 && (
          <Form.Item name="deadline" label={t('fees.step.deadline')} rules={[{ required: true, message: t('form.required') }]}>
            <DatePicker style={{ width: '100%' }} data-testid="step-deadline" />
          </Form.Item>
        )}
        {step >= 3 && (
          <>
            <Form.Item name="reason" label={t('fees.step.reason')}>
              <Input.TextArea rows={2} maxLength={500} data-testid="step-reason" />
            </Form.Item>
            <Form.Item name="dissatisfaction" label={t('fees.step.dissatisfaction')} extra={t('fees.step.dissatisfactionHint')}>
              <Input.TextArea rows={2} maxLength={1000} data-testid="step-dissatisfaction" />
            </Form.Item>
            <Form.Item name="complaint" valuePropName="checked" style={{ marginTop: -8 }}>
              <Checkbox disabled={!dissatisfaction?.trim()} data-testid="step-complaint">
                {t('fees.step.toComplaint')}
              </Checkbox>
            </Form.Item>
          </>
        )}
        {step === 5 && (
          <Form.Item name="resolution" label={t('fees.step.resolution')} rules={[{ required: true, message: t('form.required') }]}>
            <Select options={RESOLUTIONS.map((r) => ({ value: r, label: t(`fees.resolution.${r}` as MessageKey) }))} />
          </Form.Item>
        )}
        <Form.Item name="outcome" label={t('fees.step.outcome')} style={{ marginBottom: 0 }}>
          <Input.TextArea rows={2} maxLength={1000} data-testid="step-outcome" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
