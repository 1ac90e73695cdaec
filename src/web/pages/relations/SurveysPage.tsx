import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Table, type TableColumnsType, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { SURVEY_CHANNEL_LABELS, SURVEY_KIND_LABELS, SURVEY_STATUS_LABELS } from '../../../core/relations-labels.ts';
import { api } from '../../api/client.ts';
import type { Survey } from '../../api/relations-types.ts';
import type { ListResponse } from '../../api/types.ts';
import { useSession } from '../../app/session.tsx';
import { lazyDialog } from '../../components/lazyParts.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ErrorResult } from '../../components/Results.tsx';
import { useI18n } from '../../i18n/index.tsx';

// The builder (questions, audience with its unit picker and count, date range) is fetched when first opened.
const SurveyBuilder = lazyDialog(() => import('./SurveyBuilder.tsx').then((m) => m.SurveyBuilder), (p) => p.open);

/** 问卷调查: the surveys of the estate; 新建 opens the builder (SurveyBuilder.tsx). */
export default function SurveysPage() {
  const { t, label } = useI18n();
  const { estateId, can } = useSession();
  const [open, setOpen] = useState(false);
  const list = useQuery({ queryKey: ['surveys', estateId], queryFn: () => api<ListResponse<Survey>>('/api/v1/surveys', { query: { estateId, pageSize: 100 } }), enabled: !!estateId });
  const columns: TableColumnsType<Survey> = [
    { title: t('rel.survey.name'), dataIndex: 'title', render: (v: string, r) => <Link to={`/relations/surveys/${r.id}`}>{v}</Link> },
    { title: t('rel.survey.kind'), dataIndex: 'kind', width: 130, render: (v: string) => label(SURVEY_KIND_LABELS, v) },
    { title: t('rel.survey.status'), dataIndex: 'status', width: 90, render: (v: string) => <Tag color={v === 'published' ? 'green' : undefined}>{label(SURVEY_STATUS_LABELS, v)}</Tag> },
    { title: t('rel.survey.period'), key: 'period', width: 200, render: (_: unknown, r) => `${r.opensOn} ~ ${r.closesOn}` },
    { title: t('rel.survey.channels'), dataIndex: 'channels', width: 200, render: (v: string[]) => v.map((c) => <Tag key={c}>{label(SURVEY_CHANNEL_LABELS, c)}</Tag>) },
    { title: t('rel.survey.responded'), key: 'n', width: 110, render: (_: unknown, r) => `${r.responded} / ${r.slots}` },
  ];
  return (
    <>
      <PageHeader
        title={t('rel.survey.title')}
        subtitle={t('rel.survey.subtitle')}
        extra={can('survey.manage') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="survey-new">{t('rel.survey.new')}</Button>}
      />
      <Card>
        {list.error ? <ErrorResult error={list.error} /> : <Table<Survey> rowKey="id" columns={columns} dataSource={list.data?.items ?? []} loading={list.isPending} pagination={false} scroll={{ x: 900 }} />}
      </Card>
      <SurveyBuilder open={open} onClose={() => setOpen(false)} />
    </>
  );
}
