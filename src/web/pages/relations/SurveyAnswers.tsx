import { Checkbox, Form, Input, InputNumber, Radio, Space } from 'antd';
import { RATING5_LABELS } from '../../../core/surveys.ts';
import type { SurveyQuestion } from '../../api/relations-types.ts';
import { useI18n } from '../../i18n/index.tsx';

/** The answer fields of a survey, named answers.<questionId>; shared by the portal and staff entry. */
export function SurveyAnswerFields({ questions }: { questions: SurveyQuestion[] }) {
  const { t, lang } = useI18n();
  const ratings = RATING5_LABELS[lang === 'en-US' ? 'en' : 'zh'];
  return (
    <>
      {questions.map((q) => (
        <Form.Item
          key={q.id}
          name={['answers', String(q.id)]}
          label={`${q.seq}. ${q.text}`}
          rules={q.required ? [{ required: true, message: t('rel.survey.qRequired') }] : []}
          data-testid={`q-${q.seq}`}
        >
          {q.type === 'rating5' ? (
            <Radio.Group>
              <Space direction="vertical">
                {[5, 4, 3, 2, 1].map((v) => (
                  <Radio key={v} value={v}>{ratings[v - 1]}</Radio>
                ))}
              </Space>
            </Radio.Group>
          ) : q.type === 'single' ? (
            <Radio.Group>
              <Space direction="vertical">
                {q.options.map((o) => (
                  <Radio key={o.id} value={o.id}>{o.label}</Radio>
                ))}
              </Space>
            </Radio.Group>
          ) : q.type === 'multi' ? (
            <Checkbox.Group options={q.options.map((o) => ({ value: o.id, label: o.label }))} />
          ) : q.type === 'yes_no' ? (
            <Radio.Group options={[{ value: true, label: t('rel.survey.yes') }, { value: false, label: t('rel.survey.no') }]} />
          ) : q.type === 'number' ? (
            <InputNumber style={{ width: 160 }} />
          ) : (
            <Input.TextArea rows={3} maxLength={1000} />
          )}
        </Form.Item>
      ))}
    </>
  );
}

/** Drops unanswered questions so the server sees only what was answered. */
export function answersOf(v: { answers?: Record<string, unknown> }): Record<string, unknown> {
  return Object.fromEntries(Object.entries(v.answers ?? {}).filter(([, x]) => x !== undefined && x !== null && x !== '' && !(Array.isArray(x) && !x.length)));
}
