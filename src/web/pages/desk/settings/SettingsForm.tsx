import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Checkbox, Col, Form, InputNumber, Radio, Row, TimePicker } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { api } from '../../../api/client.ts';
import type { DeskSettings } from '../../../api/desk-types.ts';
import { fieldsIn } from '../../../components/forms.ts';
import { CardSkeleton, ErrorResult } from '../../../components/Results.tsx';
import { useReportError } from '../../../components/useReportError.ts';
import { type MessageKey, useT } from '../../../i18n/index.tsx';

type Values = Omit<DeskSettings, 'estateId' | 'workStart' | 'workEnd'> & { workStart: Dayjs; workEnd: Dayjs };
const NUMBERS: Array<{ name: keyof Values; label: MessageKey; unit: MessageKey; max: number; min: number }> = [
  { name: 'warnMinutes', label: 'settings.warnMinutes', unit: 'settings.minutes', min: 0, max: 10_080 },
  { name: 'assistantAfterMinutes', label: 'settings.assistantAfter', unit: 'settings.minutes', min: 0, max: 43_200 },
  { name: 'directorAfterMinutes', label: 'settings.directorAfter', unit: 'settings.minutes', min: 0, max: 43_200 },
  { name: 'autoConfirmDays', label: 'settings.autoConfirmDays', unit: 'settings.days', min: 1, max: 60 },
  { name: 'visitDueDays', label: 'settings.visitDueDays', unit: 'settings.days', min: 1, max: 60 },
];

/** 报事日历与升级: which hours count, when to warn, whom to escalate to, auto-confirm and visit days. */
export function SettingsForm({ estateId }: { estateId: number }) {
  const t = useT();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const reportError = useReportError();
  const [form] = Form.useForm<Values>();
  const settings = useQuery({ queryKey: ['desk-settings', estateId], queryFn: () => api<DeskSettings>('/api/v1/desk/settings', { query: { estateId } }) });
  useEffect(() => {
    if (settings.data) form.setFieldsValue({ ...settings.data, workStart: dayjs(settings.data.workStart, 'HH:mm'), workEnd: dayjs(settings.data.workEnd, 'HH:mm') });
  }, [settings.data, form]);
  const save = useMutation({
    mutationFn: (v: Values) =>
      api<DeskSettings>('/api/v1/desk/settings', { method: 'PATCH', query: { estateId }, body: { ...v, workStart: v.workStart.format('HH:mm'), workEnd: v.workEnd.format('HH:mm') } }),
    onSuccess: (data) => {
      qc.setQueryData(['desk-settings', estateId], data);
      message.success(t('common.saved'));
    },
    onError: (err) => reportError(err, form, fieldsIn('calendar', 'workStart', 'workEnd', 'weekdays', ...NUMBERS.map((n) => n.name))),
  });
  if (settings.error) return <ErrorResult error={settings.error} />;
  if (!settings.data) return <CardSkeleton rows={6} />;
  const weekdays = [1, 2, 3, 4, 5, 6, 7].map((d) => ({ value: d, label: t(`settings.weekday.${d}` as MessageKey) }));
  return (
    <Form<Values> form={form} layout="vertical" onFinish={(v) => save.mutate(v)} style={{ maxWidth: 860 }} data-testid="settings-form">
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Form.Item name="calendar" label={t('settings.calendar')} extra={t('settings.calendarHint')}>
            <Radio.Group
              optionType="button"
              options={[
                { value: 'wall', label: t('settings.calendar.wall') },
                { value: 'working', label: t('settings.calendar.working') },
              ]}
            />
          </Form.Item>
        </Col>
        <Col xs={12} md={4}>
          <Form.Item name="workStart" label={t('settings.workStart')} rules={[{ required: true, message: t('form.required') }]}>
            <TimePicker format="HH:mm" minuteStep={5} allowClear={false} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={12} md={4}>
          <Form.Item name="workEnd" label={t('settings.workEnd')} rules={[{ required: true, message: t('form.required') }]}>
            <TimePicker format="HH:mm" minuteStep={5} allowClear={false} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="weekdays" label={t('settings.weekdays')} rules={[{ required: true, type: 'array', min: 1, message: t('form.required') }]}>
            <Checkbox.Group options={weekdays} />
          </Form.Item>
        </Col>
        {NUMBERS.map((n) => (
          <Col key={n.name} xs={12} md={8}>
            <Form.Item name={n.name} label={t(n.label)} rules={[{ required: true, message: t('form.required') }]}>
              <InputNumber min={n.min} max={n.max} precision={0} suffix={t(n.unit)} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        ))}
      </Row>
      <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="settings-save">
        {t('common.save')}
      </Button>
    </Form>
  );
}
