import { CheckCircleOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Flex, Form, Tag, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { api } from '../../api/client.ts';
import type { PortalSurvey } from '../../api/relations-types.ts';
import { PortalListState } from './PortalListState.tsx';
import { useReportError } from '../../components/useReportError.ts';
import { useT } from '../../i18n/index.tsx';
import { answersOf, SurveyAnswerFields } from '../relations/SurveyAnswers.tsx';

/** 问卷调查 in the owner portal: one form per unit; the paper form's QR code opens ?r=<slot>. */
export default function PortalSurveys() {
  const t = useT();
  const [params] = useSearchParams();
  const only = Number(params.get('r')) || null;
  const list = useQuery({ queryKey: ['portal-surveys'], queryFn: () => api<{ items: PortalSurvey[] }>('/api/v1/portal/surveys') });
  const items = (list.data?.items ?? []).filter((s) => !only || s.recipientId === only);
  return (
    <>
      <Typography.Title level={4} className="wd-portal-h1">{t('rel.survey.portalTitle')}</Typography.Title>
      <PortalListState query={list} rows={6} isEmpty={() => !items.length} empty={t('rel.survey.portalEmpty')}>
        {() => (
          <Flex vertical gap={16}>
            {items.map((s) => <SurveyCard key={s.recipientId} s={s} />)}
          </Flex>
        )}
      </PortalListState>
    </>
  );
}

function SurveyCard({ s }: { s: PortalSurvey }) {
  const t = useT();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const reportError = useReportError();
  const [form] = Form.useForm();
  const send = useMutation({
    mutationFn: (v: { answers?: Record<string, unknown> }) => api(`/api/v1/portal/surveys/${s.recipientId}`, { body: { answers: answersOf(v) } }),
    onSuccess: () => {
      message.success(t('rel.survey.submitted'));
      void qc.invalidateQueries({ queryKey: ['portal-surveys'] });
    },
    onError: (e) => reportError(e, form),
  });
  return (
    <Card title={<span style={{ whiteSpace: 'normal' }}>{s.title}</span>} extra={<Tag>{s.unitLabel}</Tag>} data-testid="portal-survey">
      <Typography.Paragraph type="secondary">{t('rel.survey.due', { date: s.closesOn })}</Typography.Paragraph>
      {s.intro && <Typography.Paragraph>{s.intro}</Typography.Paragraph>}
      {s.answered ? (
        <Flex gap={8} align="center" data-testid="survey-done">
          <CheckCircleOutlined style={{ color: '#389e0d' }} />
          {t('rel.survey.submitted')}
        </Flex>
      ) : (
        <Form form={form} layout="vertical" requiredMark={false} onFinish={(v) => send.mutate(v)}>
          <SurveyAnswerFields questions={s.questions} />
          <Button type="primary" htmlType="submit" block loading={send.isPending} data-testid="survey-submit">{t('rel.survey.submit')}</Button>
        </Form>
      )}
    </Card>
  );
}
