import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Checkbox, DatePicker, Drawer, Flex, Form, Input, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useNavigate } from 'react-router';
import { QUESTION_TYPE_LABELS, SURVEY_CHANNEL_LABELS, SURVEY_KIND_LABELS } from '../../../core/relations-labels.ts';
import { EXTRA_DIMENSIONS, QUESTION_TYPES, SURVEY_CHANNELS, SURVEY_KINDS } from '../../../core/surveys.ts';
import { api } from '../../api/client.ts';
import { useSession } from '../../app/session.tsx';
import { useReportError } from '../../components/useReportError.ts';
import { useI18n } from '../../i18n/index.tsx';
import { type AudienceValues, audienceBody, resolveAudience, splitLabels, SurveyAudienceFields } from './SurveyAudience.tsx';

interface QValues {
  type: string;
  text: string;
  required?: boolean;
  options?: string;
  dimension?: string;
  countsForSatisfaction?: boolean;
}
interface Values extends AudienceValues {
  title: string;
  kind: string;
  intro?: string;
  channels: string[];
  period: [Dayjs, Dayjs];
  anonymous?: boolean;
  questions: QValues[];
}

/** The builder of a new survey (a draft until published), in a drawer; its code is fetched when the drawer first opens. */
export function SurveyBuilder({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, label } = useI18n();
  const { estateId } = useSession();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const reportError = useReportError();
  const [form] = Form.useForm<Values>();
  const create = useMutation({
    mutationFn: async (v: Values) => {
      // pasted labels become units first (an unknown label is a 400 on unitLabels, shown on the field)
      const unitIds = splitLabels(v.unitLabels).length ? (await resolveAudience(estateId!, v)).unitIds : (v.unitIds ?? []);
      return api<{ id: number }>('/api/v1/surveys', {
        body: {
          estateId,
          title: v.title,
          kind: v.kind,
          intro: v.intro || null,
          channels: v.channels,
          opensOn: v.period[0].format('YYYY-MM-DD'),
          closesOn: v.period[1].format('YYYY-MM-DD'),
          anonymous: !!v.anonymous,
          audience: { ...audienceBody(v), unitIds },
          questions: (v.questions ?? []).map((q) => ({
            type: q.type,
            text: q.text,
            required: q.required ?? true,
            options: q.type === 'single' || q.type === 'multi' ? (q.options ?? '').split('\n').map((x) => x.trim()).filter(Boolean) : [],
            dimension: q.dimension || null,
            countsForSatisfaction: q.type === 'rating5' && !!q.countsForSatisfaction,
          })),
        },
      });
    },
    onSuccess: (r) => {
      message.success(t('rel.survey.created'));
      onClose();
      void qc.invalidateQueries({ queryKey: ['surveys'] });
      navigate(`/relations/surveys/${r.id}`);
    },
    onError: (e) => reportError(e, form),
  });
  // the estate's ticket categories plus 客服/收费/社区文化/停车, the same list visits tag opinions with
  const tags = useQuery({ queryKey: ['visit-tags', estateId], queryFn: () => api<{ items: string[] }>('/api/v1/visit-tags', { query: { estateId } }), enabled: open && !!estateId });
  const dims = tags.data?.items ?? [...EXTRA_DIMENSIONS];
  return (
    <Drawer open={open} width={720} title={t('rel.survey.new')} onClose={onClose} destroyOnHidden extra={<Button type="primary" loading={create.isPending} onClick={() => form.submit()} data-testid="survey-save">{t('common.save')}</Button>}>
      <Form<Values>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ kind: 'satisfaction', channels: ['portal', 'paper', 'phone', 'visit'], period: [dayjs(), dayjs().add(30, 'day')], questions: [{ type: 'rating5', text: '', required: true, dimension: '客服', countsForSatisfaction: true }] }}
        onFinish={(v) => create.mutate(v)}
      >
        <Form.Item name="title" label={t('rel.survey.name')} rules={[{ required: true }]}>
          <Input maxLength={100} data-testid="survey-title" />
        </Form.Item>
        <Flex gap={12}>
          <Form.Item name="kind" label={t('rel.survey.kind')} style={{ flex: 1 }}>
            <Select options={SURVEY_KINDS.map((k) => ({ value: k, label: label(SURVEY_KIND_LABELS, k) }))} />
          </Form.Item>
          <Form.Item name="period" label={t('rel.survey.period')} style={{ flex: 1 }}>
            <DatePicker.RangePicker style={{ width: '100%' }} />
          </Form.Item>
        </Flex>
        <Form.Item name="channels" label={t('rel.survey.channels')}>
          <Checkbox.Group options={SURVEY_CHANNELS.map((c) => ({ value: c, label: label(SURVEY_CHANNEL_LABELS, c) }))} />
        </Form.Item>
        <SurveyAudienceFields form={form} />
        <Form.Item name="anonymous" valuePropName="checked"><Checkbox>{t('rel.survey.anonymous')}</Checkbox></Form.Item>
        <Form.Item name="intro" label={t('rel.survey.intro')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Form.List name="questions">
          {(fields, { add, remove }) => (
            <Flex vertical gap={8}>
              {fields.map((f, i) => (
                <Card key={f.key} size="small" title={`${t('rel.survey.qText')} ${i + 1}`} extra={<MinusCircleOutlined onClick={() => remove(f.name)} />}>
                  <Form.Item name={[f.name, 'text']} rules={[{ required: true }]}>
                    <Input maxLength={300} placeholder={t('rel.survey.qText')} data-testid={`q-text-${i}`} />
                  </Form.Item>
                  <Flex gap={8} wrap>
                    <Form.Item name={[f.name, 'type']} label={t('rel.survey.qType')}>
                      <Select style={{ width: 140 }} options={QUESTION_TYPES.map((x) => ({ value: x, label: label(QUESTION_TYPE_LABELS, x) }))} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'dimension']} label={t('rel.survey.qDimension')}>
                      <Select allowClear style={{ width: 140 }} options={dims.map((d) => ({ value: d, label: d }))} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'required']} valuePropName="checked" label=" ">
                      <Checkbox>{t('rel.survey.qRequired')}</Checkbox>
                    </Form.Item>
                    <Form.Item name={[f.name, 'countsForSatisfaction']} valuePropName="checked" label=" ">
                      <Checkbox>{t('rel.survey.qCounts')}</Checkbox>
                    </Form.Item>
                  </Flex>
                  <Form.Item noStyle shouldUpdate>
                    {() => {
                      const type = form.getFieldValue(['questions', f.name, 'type']);
                      return type === 'single' || type === 'multi' ? (
                        <Form.Item name={[f.name, 'options']} label={t('rel.survey.qOptions')}>
                          <Input.TextArea rows={3} />
                        </Form.Item>
                      ) : null;
                    }}
                  </Form.Item>
                </Card>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({ type: 'rating5', required: true, countsForSatisfaction: true })}>{t('rel.survey.addQuestion')}</Button>
            </Flex>
          )}
        </Form.List>
      </Form>
    </Drawer>
  );
}
