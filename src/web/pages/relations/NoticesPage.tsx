import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Progress, Segmented, Table, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { NOTICE_STATUSES } from '../../../core/notices.ts';
import { api } from '../../api/client.ts';
import type { ResidentNotice } from '../../api/notices-types.ts';
import type { ListResponse } from '../../api/types.ts';
import { useSession } from '../../app/session.tsx';
import { formatDateTime } from '../../components/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ErrorResult } from '../../components/Results.tsx';
import { type MessageKey, useT } from '../../i18n/index.tsx';
import { NoticeFormModal } from './NoticeFormModal.tsx';
import { CategoryTag, NoticeStatusTag } from './noticeParts.tsx';

/** 通知公告 (manual 3.9, 3.17, 4.10.1): every notice of the estate, newest first. */
export default function NoticesPage() {
  const t = useT();
  const navigate = useNavigate();
  const { estateId, can } = useSession();
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? '';
  const [creating, setCreating] = useState(false);
  const list = useQuery({
    queryKey: ['resident-notices', { estateId, status }],
    queryFn: () => api<ListResponse<ResidentNotice>>('/api/v1/notices', { query: { estateId, status: status || undefined, pageSize: 100 } }),
    enabled: !!estateId,
  });
  const columns: TableColumnsType<ResidentNotice> = [
    { title: t('rn.number'), dataIndex: 'number', width: 128, render: (v: string | null, r) => <Link className="wd-mono" to={`/relations/notices/${r.id}`}>{v ?? `#${r.id}`}</Link> },
    { title: t('rn.category'), dataIndex: 'category', width: 100, render: (v: string) => <CategoryTag c={v} /> },
    { title: t('rn.titleField'), dataIndex: 'title', ellipsis: true, render: (v: string, r) => <Link to={`/relations/notices/${r.id}`}>{v}</Link> },
    { title: t('rn.audienceKind'), dataIndex: 'audienceKind', width: 90, render: (v: string) => t(`rn.kind.${v}` as MessageKey) },
    { title: t('rn.status'), dataIndex: 'status', width: 100, render: (v: string) => <NoticeStatusTag s={v} /> },
    { title: t('rn.publishedAt'), dataIndex: 'publishedAt', width: 140, render: (v: string | null, r) => (v ? formatDateTime(v).slice(0, 16) : r.publishAt ? formatDateTime(r.publishAt).slice(0, 16) : '—') },
    {
      title: t('rn.rate'),
      key: 'coverage',
      width: 150,
      render: (_: unknown, r) => (r.coverage.total ? <Progress percent={r.coverage.rate} size="small" status={r.coverage.rate < 50 ? 'exception' : 'normal'} /> : '—'),
    },
    { title: t('rn.createdBy'), dataIndex: 'createdByName', width: 100, ellipsis: true },
  ];
  return (
    <>
      <PageHeader
        title={t('rn.title')}
        subtitle={t('rn.subtitle')}
        extra={
          can('notice.draft') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="notice-new">
              {t('rn.new')}
            </Button>
          )
        }
      />
      <Card>
        <Segmented
          style={{ marginBottom: 12 }}
          value={status}
          onChange={(v) => setParams(v ? { status: String(v) } : {})}
          options={[{ value: '', label: t('rn.all') }, ...NOTICE_STATUSES.map((s) => ({ value: s, label: t(`rn.st.${s}` as MessageKey) }))]}
        />
        {list.error ? <ErrorResult error={list.error} /> : <Table rowKey="id" size="middle" loading={list.isPending} columns={columns} dataSource={list.data?.items ?? []} pagination={{ pageSize: 20 }} data-testid="notices-table" />}
      </Card>
      <NoticeFormModal open={creating} onClose={() => setCreating(false)} onSaved={(id) => navigate(`/relations/notices/${id}`)} />
    </>
  );
}
