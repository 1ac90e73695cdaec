import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Flex, Form, Input, Radio, Select, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { OWNER_VISIT_STATUS_LABELS, OWNER_VISIT_TOPIC_LABELS, TIME_BAND_LABELS } from '../../../core/relations-labels.ts';
import { OWNER_VISIT_TOPICS, TIME_BANDS } from '../../../core/visits.ts';
import { api } from '../../api/client.ts';
import type { OwnerVisit } from '../../api/relations-types.ts';
import type { Archive, ListResponse } from '../../api/types.ts';
import { fieldsIn } from '../../components/forms.ts';
import { ErrorResult, PageLoading } from '../../components/Results.tsx';
import { useReportError } from '../../components/useReportError.ts';
import { useI18n } from '../../i18n/index.tsx';

interface Values {
  unitId?: number;
  date1: string;
  date2?: string;
  date3?: string;
  timeBand: string;
  topic: string;
  note?: string;
}
const ST_COLOR: Record<string, string> = { pending: 'orange', scheduled: 'blue', visited: 'green', declined: 'red' };

/** 请管家上门: ask the steward to call at home, and see what became of earlier requests. */
export default function PortalVisits() {
  const { t, label } = useI18n();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const reportError = useReportError();
  const [form] = Form.useForm<Values>();
  const home = useQuery({ queryKey: ['portal-home'], queryFn: () => api<{ units: Archive[] }>('/api/v1/portal/home') });
  const mine = useQuery({ queryKey: ['portal-visits'], queryFn: () => api<ListResponse<OwnerVisit>>('/api/v1/portal/visit-requests') });
  const units = home.data?.units.map((a) => a.unit) ?? [];
  const today = dayjs().format('YYYY-MM-DD');
  const submit = useMutation({
    mutationFn: (v: Values) =>
      api<{ id: number }>('/api/v1/portal/visit-requests', {
        body: { unitId: v.unitId ?? units[0]?.id, preferredDates: [v.date1, v.date2, v.date3].filter((d): d is string => !!d), timeBand: v.timeBand, topic: v.topic, note: v.note?.trim() || null },
      }),
    onSuccess: () => {
      message.success(t('rel.ov.sent'));
      form.resetFields();
      void qc.invalidateQueries({ queryKey: ['portal-visits'] });
    },
    onError: (err) => reportError(err, form, (p) => (p.startsWith('preferredDates') ? ['date1'] : fieldsIn('unitId', 'timeBand', 'topic', 'note')(p))),
  });
  if (home.isPending) return <PageLoading />;
  if (home.error) return <ErrorResult error={home.error} />;
  return (
    <Flex vertical gap={16}>
      <Card className="wd-portal-card" title={t('rel.ov.title')}>
        <Typography.Paragraph type="secondary">{t('rel.ov.hint')}</Typography.Paragraph>
        {!units.length ? (
          <Empty description={t('portal.noUnits')} />
        ) : (
          <Form<Values> form={form} layout="vertical" requiredMark={false} initialValues={{ timeBand: 'any', topic: 'opinion', unitId: units[0]?.id }} onFinish={(v) => submit.mutate(v)} data-testid="ov-form">
            {units.length > 1 && (
              <Form.Item name="unitId" label={t('portal.unit')}>
                <Select options={units.map((u) => ({ value: u.id, label: u.label }))} />
              </Form.Item>
            )}
            <Form.Item label={t('rel.ov.dates')} required style={{ marginBottom: 0 }}>
              <Flex gap={8} wrap>
                <Form.Item name="date1" rules={[{ required: true, message: t('form.required') }]} style={{ flex: '1 1 100px' }}>
                  <Input type="date" min={today} data-testid="ov-date" />
                </Form.Item>
                <Form.Item name="date2" style={{ flex: '1 1 100px' }}>
                  <Input type="date" min={today} />
                </Form.Item>
                <Form.Item name="date3" style={{ flex: '1 1 100px' }}>
                  <Input type="date" min={today} />
                </Form.Item>
              </Flex>
            </Form.Item>
            <Form.Item name="timeBand" label={t('rel.ov.band')}>
              <Radio.Group optionType="button" options={TIME_BANDS.map((b) => ({ value: b, label: label(TIME_BAND_LABELS, b) }))} />
            </Form.Item>
            <Form.Item name="topic" label={t('rel.ov.topic')}>
              <Select options={OWNER_VISIT_TOPICS.map((x) => ({ value: x, label: label(OWNER_VISIT_TOPIC_LABELS, x) }))} data-testid="ov-topic" />
            </Form.Item>
            <Form.Item name="note" label={t('rel.ov.note')}>
              <Input.TextArea rows={3} maxLength={500} showCount data-testid="ov-note" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block size="large" loading={submit.isPending} data-testid="ov-submit">
              {t('rel.ov.submit')}
            </Button>
          </Form>
        )}
      </Card>
      <Card className="wd-portal-card" title={t('rel.ov.mine')}>
        {mine.error ? (
          <ErrorResult error={mine.error} />
        ) : !mine.data?.items.length ? (
          <Empty description={t('rel.ov.none')} />
        ) : (
          <Flex vertical gap={12}>
            {mine.data.items.map((r) => (
              <div key={r.id} style={{ borderTop: '1px solid #f0f0f0', paddingTop: 8 }} data-testid="ov-item">
                <Flex justify="space-between" align="center" gap={8}>
                  <b>{r.unitLabel}</b>
                  <Tag color={ST_COLOR[r.status]} data-testid="ov-status">{label(OWNER_VISIT_STATUS_LABELS, r.status)}</Tag>
                </Flex>
                <div className="wd-muted">
                  {label(OWNER_VISIT_TOPIC_LABELS, r.topic)} · {r.preferredDates.join('、')} {label(TIME_BAND_LABELS, r.timeBand)}
                </div>
                {r.note && <div>{r.note}</div>}
                {r.scheduledOn && <div data-testid="ov-when">{t(r.status === 'visited' ? 'rel.ov.visitedOn' : 'rel.ov.scheduledOn', { date: r.scheduledOn, name: r.visitorName ?? '' })}</div>}
                {r.declineReason && r.status === 'declined' && <Typography.Text type="danger" data-testid="ov-reason">{t('rel.ov.reason', { reason: r.declineReason })}</Typography.Text>}
              </div>
            ))}
          </Flex>
        )}
      </Card>
    </Flex>
  );
}
