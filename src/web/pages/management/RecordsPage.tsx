import { useQuery } from '@tanstack/react-query';
import { Card, Descriptions, Table, Tag } from 'antd';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api } from '../../api/client.ts';
import { useSession } from '../../app/session.tsx';
import { formatDateTime } from '../../components/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ErrorResult } from '../../components/Results.tsx';
import { useT } from '../../i18n/index.tsx';
import { type Bi, formatValue, useBi } from './shared.tsx';

interface Records {
  label: Bi;
  formula: Bi;
  unit: string;
  from: string;
  to: string;
  numerator: number;
  denominator: number;
  value: number | null;
  items: Array<{ kind: string; id: number; ref: string; title: string; at: string | null; ok: boolean; link: string }>;
  page: string | null;
}

/** The records behind one figure of the pack (drill-down from a red target), failing ones first. */
export default function RecordsPage() {
  const t = useT();
  const bi = useBi();
  const navigate = useNavigate();
  const { estateId } = useSession();
  const [params] = useSearchParams();
  const metric = params.get('metric') ?? '';
  const month = params.get('month') ?? '';
  const ytd = params.get('ytd') === '1';
  const q = useQuery({
    queryKey: ['pack-records', estateId, metric, month, ytd],
    queryFn: () => api<Records>('/api/v1/management/records', { query: { estateId, metric, month, ytd: ytd ? '1' : undefined } }),
    enabled: !!estateId && !!metric && !!month,
  });
  const r = q.data;
  return (
    <>
      <PageHeader title={r ? bi(r.label) : t('pack.records')} subtitle={r ? `${r.from} ~ ${r.to}` : ''} onBack={() => navigate(`/management/pack?month=${month}`)} />
      {q.error ? (
        <ErrorResult error={q.error} />
      ) : (
        <Card loading={q.isPending}>
          {r && (
            <Descriptions size="small" column={1} style={{ marginBottom: 12 }} data-testid="records-figure">
              <Descriptions.Item label={t('pack.value')}>
                <b>{formatValue(r.value, r.unit)}</b>（{r.numerator} / {r.denominator}）
              </Descriptions.Item>
              <Descriptions.Item label={t('pack.formula')}>{bi(r.formula)}</Descriptions.Item>
            </Descriptions>
          )}
          <Table
            rowKey={(x) => `${x.kind}-${x.id}`}
            size="small"
            dataSource={r?.items ?? []}
            pagination={{ pageSize: 50 }}
            data-testid="records-table"
            columns={[
              { title: t('pack.recordRef'), dataIndex: 'ref', width: 140, render: (v: string, x) => <Link to={x.link}>{v}</Link> },
              { title: t('pack.recordTitle'), dataIndex: 'title' },
              { title: t('pack.recordAt'), dataIndex: 'at', width: 160, render: (v: string | null) => formatDateTime(v).slice(0, 16) },
              { title: t('pack.counts'), dataIndex: 'ok', width: 110, render: (ok: boolean) => (ok ? <Tag color="success">{t('pack.ok')}</Tag> : <Tag color="error">{t('pack.notOk')}</Tag>) },
            ]}
          />
        </Card>
      )}
    </>
  );
}
