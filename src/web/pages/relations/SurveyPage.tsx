import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Flex, Form, Input, Modal, Select, Statistic, Table, type TableColumnsType, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { RECIPIENT_STATUS_LABELS, SURVEY_CHANNEL_LABELS, SURVEY_KIND_LABELS, SURVEY_STATUS_LABELS, VERIFY_RESULT_LABELS } from '../../../core/relations-labels.ts';
import { api, withQuery } from '../../api/client.ts';
import type { Survey, SurveyRecipient, SurveyReport, SurveyVerification } from '../../api/relations-types.ts';
import type { ListResponse } from '../../api/types.ts';
import { useSession } from '../../app/session.tsx';
import { formatDateTime } from '../../components/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ErrorResult } from '../../components/Results.tsx';
import { useReportError } from '../../components/useReportError.ts';
import { useI18n } from '../../i18n/index.tsx';
import { answersOf, SurveyAnswerFields } from './SurveyAnswers.tsx';

const pct = (v: number | null) => (v == null ? '—' : `${v}%`);

/** One survey: results with their formulas, the forms by unit (issue, enter, mark), verification call-backs. */
export default function SurveyPage() {
  const { id } = useParams();
  const { t, label } = useI18n();
  const { can } = useSession();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const { message, modal } = App.useApp();
  const reportError = useReportError();
  const [status, setStatus] = useState<string | undefined>();
  const [entering, setEntering] = useState<SurveyRecipient | null>(null);
  const [marking, setMarking] = useState<SurveyRecipient | null>(null);
  const [verifying, setVerifying] = useState<SurveyVerification | null>(null);
  const [form] = Form.useForm();
  const [markForm] = Form.useForm();
  const [verifyForm] = Form.useForm();
  const survey = useQuery({ queryKey: ['survey', id], queryFn: () => api<Survey>(`/api/v1/surveys/${id}`) });
  const report = useQuery({ queryKey: ['survey-report', id], queryFn: () => api<SurveyReport>(`/api/v1/surveys/${id}/report`), enabled: survey.data?.status !== 'draft' && !!survey.data });
  const recipients = useQuery({ queryKey: ['survey-recipients', id, status], queryFn: () => api<ListResponse<SurveyRecipient>>(`/api/v1/surveys/${id}/recipients`, { query: { status, pageSize: 200 } }), enabled: survey.data?.status !== 'draft' && !!survey.data });
  const verifications = useQuery({ queryKey: ['survey-verifications', id], queryFn: () => api<{ items: SurveyVerification[] }>(`/api/v1/surveys/${id}/verifications`), enabled: can('survey.verify') && survey.data?.status !== 'draft' && !!survey.data });
  const refresh = () => void qc.invalidateQueries({ predicate: (q) => String(q.queryKey[0]).startsWith('survey') });
  const act = useMutation({
    mutationFn: (p: { url: string; body?: unknown }) => api(p.url, { method: 'POST', body: p.body }),
    onSuccess: () => {
      setEntering(null);
      setMarking(null);
      setVerifying(null);
      refresh();
      message.success(t('common.saved'));
    },
    onError: (e) => reportError(e, entering ? form : marking ? markForm : verifying ? verifyForm : undefined),
  });
  if (survey.error) return <ErrorResult error={survey.error} />;
  const s = survey.data;
  const r = report.data;
  const live = s?.status === 'published';
  const columns: TableColumnsType<SurveyRecipient> = [
    { title: t('rel.survey.formNo'), dataIndex: 'formNo', width: 110, render: (v: string) => <span className="wd-mono">{v}</span> },
    { title: t('rel.visit.unit'), dataIndex: 'unitLabel', width: 100 },
    { title: t('rel.visit.household'), dataIndex: 'householdName', ellipsis: true },
    { title: t('rel.survey.slotStatus'), dataIndex: 'status', width: 100, render: (v: string, x) => <Tag color={v === 'responded' ? 'green' : v === 'pending' ? undefined : 'orange'} title={x.reason ?? ''}>{label(RECIPIENT_STATUS_LABELS, v)}</Tag> },
    { title: t('rel.survey.channel'), dataIndex: 'channel', width: 80, render: (v: string | null) => (v ? label(SURVEY_CHANNEL_LABELS, v) : '—') },
    { title: t('rel.survey.responded'), dataIndex: 'respondedAt', width: 140, render: (v: string | null) => (v ? formatDateTime(v).slice(0, 16) : '—') },
    {
      title: t('common.actions'),
      key: 'op',
      width: 220,
      render: (_: unknown, x) =>
        live && (
          <Flex gap={4}>
            {['pending', 'issued', 'refused', 'unreachable'].includes(x.status) && can('survey.enter') && (
              <Button size="small" type="primary" onClick={() => setEntering(x)} data-testid={`enter-${x.id}`}>{t('rel.survey.enter')}</Button>
            )}
            {x.status === 'pending' && can('survey.enter') && s!.channels.includes('paper') && (
              <Button size="small" onClick={() => act.mutate({ url: `/api/v1/survey-recipients/${x.id}/issue`, body: { channel: 'paper' } })}>{t('rel.survey.issue')}</Button>
            )}
            {['pending', 'issued', 'responded'].includes(x.status) && can('survey.enter') && <Button size="small" onClick={() => setMarking(x)}>{t('rel.survey.mark')}</Button>}
          </Flex>
        ),
    },
  ];
  const vColumns: TableColumnsType<SurveyVerification> = [
    { title: t('rel.visit.unit'), dataIndex: 'unitLabel', width: 100 },
    { title: t('rel.visit.household'), dataIndex: 'householdName' },
    { title: t('rel.survey.channel'), dataIndex: 'channel', width: 80, render: (v: string) => label(SURVEY_CHANNEL_LABELS, v) },
    { title: t('rel.survey.enteredBy'), dataIndex: 'enteredBy', ellipsis: true },
    { title: t('rel.survey.result'), dataIndex: 'result', width: 100, render: (v: string | null) => (v ? label(VERIFY_RESULT_LABELS, v) : '—') },
    { title: t('rel.survey.verifiedBy'), dataIndex: 'verifiedBy', ellipsis: true },
    { title: t('common.actions'), key: 'op', width: 90, render: (_: unknown, x) => !x.result && <Button size="small" onClick={() => setVerifying(x)}>{t('rel.survey.verify')}</Button> },
  ];
  return (
    <>
      <PageHeader
        onBack={() => navigate('/relations/surveys')}
        title={s?.title ?? ''}
        tags={s && (<><Tag>{label(SURVEY_KIND_LABELS, s.kind)}</Tag><Tag color={live ? 'green' : undefined}>{label(SURVEY_STATUS_LABELS, s.status)}</Tag></>)}
        subtitle={s && `${s.opensOn} ~ ${s.closesOn} · ${s.channels.map((c) => label(SURVEY_CHANNEL_LABELS, c)).join(' / ')}`}
        extra={
          s && (
            <Flex gap={8} wrap>
              <Link to={`/print/relations/surveys/${s.id}?blank=1`}><Button icon={<PrinterOutlined />}>{t('rel.survey.printBlank')}</Button></Link>
              {s.status !== 'draft' && <Link to={`/print/relations/surveys/${s.id}`}><Button icon={<PrinterOutlined />}>{t('rel.survey.printForms')}</Button></Link>}
              {s.status !== 'draft' && <Button icon={<DownloadOutlined />} href={withQuery(`/api/v1/surveys/${s.id}/report.xlsx`)}>{t('rel.survey.export')}</Button>}
              {can('survey.manage') && s.status === 'draft' && (
                <Button type="primary" data-testid="survey-publish" onClick={() => modal.confirm({ title: t('rel.survey.publish'), content: t('rel.survey.publishConfirm', { n: s.audienceSize ?? 0 }), onOk: () => act.mutateAsync({ url: `/api/v1/surveys/${s.id}/publish` }) })}>{t('rel.survey.publish')}</Button>
              )}
              {can('survey.manage') && s.status === 'published' && <Button onClick={() => act.mutate({ url: `/api/v1/surveys/${s.id}/close` })}>{t('rel.survey.close')}</Button>}
              {can('survey.manage') && s.status === 'closed' && <Button onClick={() => act.mutate({ url: `/api/v1/surveys/${s.id}/archive` })}>{t('rel.survey.archive')}</Button>}
            </Flex>
          )
        }
      />
      {s?.status === 'draft' ? (
        <Card>
          <Alert type={s.audienceSize ? 'info' : 'warning'} showIcon style={{ marginBottom: 12 }} title={t('rel.survey.audienceSize', { n: s.audienceSize ?? 0 })} data-testid="draft-audience-size" />
          <Descriptions column={1} size="small">
            {s.questions.map((q) => (
              <Descriptions.Item key={q.id} label={String(q.seq)}>{q.text}{q.dimension && <Tag style={{ marginLeft: 8 }}>{q.dimension}</Tag>}</Descriptions.Item>
            ))}
          </Descriptions>
        </Card>
      ) : (
        <Tabs
          items={[
            {
              key: 'report',
              label: t('rel.survey.report'),
              children: r ? (
                <Flex vertical gap={16}>
                  <Flex gap={16} wrap>
                    <Card size="small"><Statistic title={t('rel.survey.issued')} value={r.issued} /></Card>
                    <Card size="small"><Statistic title={t('rel.survey.returned')} value={r.returned} /></Card>
                    <Card size="small" data-testid="return-rate">
                      <Statistic title={t('rel.survey.returnRate')} value={pct(r.returnRate)} valueStyle={{ color: r.returnRate != null && r.returnRate >= r.targetReturn ? '#389e0d' : '#cf1322' }} />
                      <span className="wd-muted">{t('rel.survey.target', { n: r.targetReturn })}</span>
                    </Card>
                    <Card size="small"><Statistic title={t('rel.survey.validReturnRate')} value={pct(r.validReturnRate)} /></Card>
                    <Card size="small" data-testid="satisfaction-rate">
                      <Statistic title={t('rel.survey.satisfaction')} value={pct(r.satisfaction.rate)} valueStyle={{ color: r.satisfaction.rate != null && r.satisfaction.rate >= r.targetSatisfaction ? '#389e0d' : '#cf1322' }} />
                      <span className="wd-muted">{t('rel.survey.target', { n: r.targetSatisfaction })}</span>
                    </Card>
                    <Card size="small"><Statistic title={t('rel.survey.index')} value={r.satisfaction.index ?? '—'} /></Card>
                  </Flex>
                  <Card size="small" title={t('rel.survey.formulas')} data-testid="formulas">
                    <ol style={{ margin: 0, paddingLeft: 20 }}>{r.formulas.map((f) => <li key={f}>{f}</li>)}</ol>
                  </Card>
                  <Flex gap={16} wrap align="flex-start">
                    <Card size="small" title={t('rel.survey.byDimension')} style={{ flex: 1, minWidth: 320 }}>
                      <Table rowKey={(x) => x.dimension ?? '-'} size="small" pagination={false} dataSource={r.byDimension} columns={[
                        { title: t('rel.survey.dimension'), dataIndex: 'dimension', render: (v: string | null) => v ?? '—' },
                        { title: t('rel.survey.answered'), dataIndex: 'answered' },
                        { title: t('rel.survey.satisfied'), dataIndex: 'satisfied' },
                        { title: t('rel.survey.satisfaction'), dataIndex: 'rate', render: pct },
                      ]} />
                    </Card>
                    <Card size="small" title={t('rel.survey.byBuilding')} style={{ flex: 1, minWidth: 320 }}>
                      <Table rowKey="key" size="small" pagination={false} dataSource={r.byBuilding} columns={[
                        { title: t('rel.survey.building'), dataIndex: 'key' },
                        { title: t('rel.survey.issued'), dataIndex: 'issued' },
                        { title: t('rel.survey.returned'), dataIndex: 'returned' },
                        { title: t('rel.survey.returnRate'), dataIndex: 'returnRate', render: pct },
                      ]} />
                    </Card>
                  </Flex>
                  {r.questions.map((q) => (
                    <Card key={q.id} size="small" title={`${q.seq}. ${q.text}`}>
                      {q.counts.map((c) => <Tag key={c.label}>{c.label}：{c.count}</Tag>)}
                      {q.comments.map((c, i) => <Typography.Paragraph key={i} style={{ margin: '4px 0' }}>· {c}</Typography.Paragraph>)}
                    </Card>
                  ))}
                </Flex>
              ) : report.error ? <ErrorResult error={report.error} /> : null,
            },
            {
              key: 'recipients',
              label: t('rel.survey.recipients'),
              children: (
                <Card size="small" extra={<Select allowClear placeholder={t('rel.survey.slotStatus')} style={{ width: 140 }} value={status} onChange={setStatus} options={Object.keys(RECIPIENT_STATUS_LABELS).map((k) => ({ value: k, label: label(RECIPIENT_STATUS_LABELS, k) }))} />}>
                  <Table<SurveyRecipient> rowKey="id" size="small" columns={columns} dataSource={recipients.data?.items ?? []} loading={recipients.isPending} pagination={{ pageSize: 50 }} scroll={{ x: 900 }} />
                </Card>
              ),
            },
            ...(can('survey.verify')
              ? [{
                  key: 'verify',
                  label: t('rel.survey.verify'),
                  children: (
                    <Card size="small" title={<span className="wd-muted" style={{ fontWeight: 'normal' }}>{t('rel.survey.verifyHint')}</span>}>
                      <Table<SurveyVerification> rowKey="responseId" size="small" columns={vColumns} dataSource={verifications.data?.items ?? []} pagination={false} />
                    </Card>
                  ),
                }]
              : []),
          ]}
        />
      )}
      <Modal open={!!entering} width={640} title={`${t('rel.survey.enter')} · ${entering?.unitLabel ?? ''}`} onCancel={() => setEntering(null)} onOk={() => form.submit()} okButtonProps={{ loading: act.isPending }} destroyOnHidden>
        <Form form={form} layout="vertical" requiredMark={false} initialValues={{ channel: s?.channels.includes('phone') ? 'phone' : s?.channels.find((c) => c !== 'portal') }} onFinish={(v) => act.mutate({ url: `/api/v1/survey-recipients/${entering!.id}/response`, body: { channel: v.channel, formNo: v.formNo || null, respondentName: v.respondentName || null, answers: answersOf(v) } })}>
          <Flex gap={12}>
            <Form.Item name="channel" label={t('rel.survey.channel')} style={{ flex: 1 }}>
              <Select options={(s?.channels ?? []).filter((c) => c !== 'portal').map((c) => ({ value: c, label: label(SURVEY_CHANNEL_LABELS, c) }))} />
            </Form.Item>
            <Form.Item name="formNo" label={t('rel.survey.formNo')} style={{ flex: 1 }}><Input maxLength={32} /></Form.Item>
            <Form.Item name="respondentName" label={t('rel.survey.respondent')} style={{ flex: 1 }}><Input maxLength={64} /></Form.Item>
          </Flex>
          <SurveyAnswerFields questions={s?.questions ?? []} />
        </Form>
      </Modal>
      <Modal open={!!marking} title={`${t('rel.survey.mark')} · ${marking?.unitLabel ?? ''}`} onCancel={() => setMarking(null)} onOk={() => markForm.submit()} okButtonProps={{ loading: act.isPending }} destroyOnHidden>
        <Form form={markForm} layout="vertical" requiredMark={false} initialValues={{ status: marking?.status === 'responded' ? 'invalid' : 'unreachable' }} onFinish={(v) => act.mutate({ url: `/api/v1/survey-recipients/${marking!.id}/mark`, body: v })}>
          <Form.Item name="status" label={t('rel.survey.markStatus')}>
            <Select options={(marking?.status === 'responded' ? ['invalid'] : ['refused', 'unreachable']).map((k) => ({ value: k, label: label(RECIPIENT_STATUS_LABELS, k) }))} />
          </Form.Item>
          <Form.Item name="reason" label={t('common.reason')} rules={[{ required: true }]}><Input maxLength={200} /></Form.Item>
        </Form>
      </Modal>
      <Modal open={!!verifying} title={`${t('rel.survey.verify')} · ${verifying?.unitLabel ?? ''}`} onCancel={() => setVerifying(null)} onOk={() => verifyForm.submit()} okButtonProps={{ loading: act.isPending }} destroyOnHidden>
        <Form form={verifyForm} layout="vertical" requiredMark={false} initialValues={{ result: 'confirmed' }} onFinish={(v) => act.mutate({ url: `/api/v1/survey-responses/${verifying!.responseId}/verify`, body: { result: v.result, note: v.note || null } })}>
          <Form.Item name="result" label={t('rel.survey.result')}>
            <Select options={Object.keys(VERIFY_RESULT_LABELS).map((k) => ({ value: k, label: label(VERIFY_RESULT_LABELS, k) }))} />
          </Form.Item>
          <Form.Item name="note" label={t('common.notes')}><Input.TextArea rows={2} maxLength={500} /></Form.Item>
        </Form>
      </Modal>
    </>
  );
}
