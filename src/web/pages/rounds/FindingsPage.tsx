import { useQuery } from '@tanstack/react-query';
import { Card, Image, Segmented, Table, Tag } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { DEPARTMENT_LABELS } from '../../../core/desk-labels.ts';
import { api } from '../../api/client.ts';
import type { Finding } from '../../api/rounds-types.ts';
import type { ListResponse } from '../../api/types.ts';
import { useSession } from '../../app/session.tsx';
import { formatInstant } from '../../components/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ErrorResult } from '../../components/Results.tsx';
import { type MessageKey, useI18n } from '../../i18n/index.tsx';
import { FINDING_COLORS } from './common.tsx';

/** 巡检发现: issues found on rounds, fixed on the spot or turned into desk tickets. */
export default function FindingsPage() {
  const { t, label } = useI18n();
  const { estateId } = useSession();
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? '';
  const page = Number(params.get('page') ?? 1);
  const list = useQuery({ queryKey: ['rounds-findings', estateId, status, page], queryFn: () => api<ListResponse<Finding>>('/api/v1/rounds/findings', { query: { estateId, status, page } }), enabled: !!estateId });
  return (
    <>
      <PageHeader title={t('nav.roundsFindings')} subtitle={t('rounds.subtitleFindings')} />
      <Card>
        <Segmented
          style={{ marginBottom: 12 }}
          value={status}
          onChange={(v) => setParams(v ? { status: String(v) } : {}, { replace: true })}
          options={[{ value: '', label: t('rounds.allStatuses') }, ...['open', 'ticketed', 'fixed_on_spot', 'closed'].map((s) => ({ value: s, label: t(`rounds.finding.${s}` as MessageKey) }))]}
        />
        {list.error ? (
          <ErrorResult error={list.error} />
        ) : (
          <Table<Finding>
            rowKey="id"
            size="middle"
            loading={list.isPending}
            dataSource={list.data?.items ?? []}
            data-testid="findings-table"
            scroll={{ x: 1000 }}
            pagination={{ current: page, pageSize: 50, total: list.data?.total ?? 0, hideOnSinglePage: true, onChange: (p) => setParams(status ? { status, page: String(p) } : { page: String(p) }) }}
            columns={[
              { title: t('rounds.observedAt'), dataIndex: 'observedAt', width: 110, render: (v: string) => formatInstant(v, 'MM-DD HH:mm') },
              { title: t('rounds.checkpoint'), dataIndex: 'checkpointName', width: 150, render: (v: string, r) => `${r.checkpointCode} ${v}` },
              { title: t('rounds.item'), dataIndex: 'itemLabel', width: 140 },
              { title: t('rounds.description'), dataIndex: 'description', ellipsis: true },
              { title: t('rounds.department'), dataIndex: 'department', width: 90, render: (v: string | null) => (v ? label(DEPARTMENT_LABELS, v) : '—') },
              { title: t('rounds.severity'), dataIndex: 'severity', width: 80, render: (v: string) => <Tag color={v === 'major' ? 'red' : undefined}>{t(`rounds.severity.${v}` as MessageKey)}</Tag> },
              {
                title: t('rounds.photos'),
                dataIndex: 'photoIds',
                width: 120,
                render: (v: number[], r) => (
                  <Image.PreviewGroup>
                    {[...v, ...r.afterPhotoIds.filter((x) => !v.includes(x))].slice(0, 3).map((id) => <Image key={id} width={32} height={32} style={{ objectFit: 'cover' }} src={`/api/v1/field/photos/${id}`} />)}
                  </Image.PreviewGroup>
                ),
              },
              { title: t('rounds.status'), dataIndex: 'status', width: 110, render: (v: string) => <Tag color={FINDING_COLORS[v]}>{t(`rounds.finding.${v}` as MessageKey)}</Tag> },
              { title: t('rounds.ticket'), dataIndex: 'ticketNumber', width: 120, render: (v: string | null, r) => (v ? <Link to={`/desk/tickets/${r.ticketId}`} className="wd-mono">{v}</Link> : '—') },
              { title: t('rounds.by'), dataIndex: 'byName', width: 140, ellipsis: true },
            ]}
          />
        )}
      </Card>
    </>
  );
}
