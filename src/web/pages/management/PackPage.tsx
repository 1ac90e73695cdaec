import { FilePdfOutlined, FileExcelOutlined, PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Descriptions, Flex, Space, Table, Typography } from 'antd';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api } from '../../api/client.ts';
import { useSession } from '../../app/session.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ErrorResult } from '../../components/Results.tsx';
import { useT } from '../../i18n/index.tsx';
import { type Bi, formatValue, MonthSelect, StatusTag, type TargetStatus, useBi, useMonths } from './shared.tsx';

export interface PackFigure {
  numerator: number;
  denominator: number;
  value: number | null;
  status: TargetStatus;
}
export interface PackRow {
  code: string;
  manual: string;
  label: Bi;
  metric: string;
  target: number;
  hasSource: boolean;
  formula: Bi | null;
  unit: string | null;
  month: PackFigure;
  ytd: PackFigure;
  drill: boolean;
  page: string | null;
}
export interface Pack {
  estateName: string;
  month: string;
  from: string;
  to: string;
  ytdFrom: string;
  rows: PackRow[];
  special: { total: number; priced: number; byStatus: Record<string, number>; byDepartment: Record<string, number> };
}

export function usePack(estateId: number | undefined, month: string) {
  return useQuery({ queryKey: ['pack', estateId, month], queryFn: () => api<Pack>('/api/v1/management/pack', { query: { estateId, month } }), enabled: !!estateId });
}

export function Figure({ f, unit }: { f: PackFigure; unit: string | null }) {
  if (f.status === 'no_source' || f.status === 'no_data') return <StatusTag status={f.status} />;
  return (
    <Space direction="vertical" size={0}>
      <Space>
        <b>{formatValue(f.value, unit)}</b>
        <StatusTag status={f.status} />
      </Space>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {f.numerator.toLocaleString()} / {f.denominator.toLocaleString()}
      </Typography.Text>
    </Space>
  );
}

/** 主任月报: one page, one click — every target of the manual for the month and the year to date. */
export default function PackPage() {
  const t = useT();
  const bi = useBi();
  const navigate = useNavigate();
  const { estateId } = useSession();
  const [params, setParams] = useSearchParams();
  const { initial } = useMonths();
  const month = params.get('month') ?? initial;
  const pack = usePack(estateId, month);
  const q = `estateId=${estateId}&month=${month}`;
  const records = (r: PackRow, ytd = false) => `/management/records?metric=${encodeURIComponent(r.metric)}&month=${month}${ytd ? '&ytd=1' : ''}`;
  return (
    <>
      <PageHeader
        title={t('pack.title')}
        subtitle={t('pack.subtitle')}
        extra={
          <Flex gap={8} wrap>
            <MonthSelect value={month} onChange={(m) => setParams({ month: m })} testId="pack-month" />
            <Button icon={<FileExcelOutlined />} href={`/api/v1/management/pack.xlsx?${q}`} data-testid="pack-xlsx">
              Excel
            </Button>
            <Button icon={<FilePdfOutlined />} href={`/api/v1/management/pack.pdf?${q}`} target="_blank" data-testid="pack-pdf">
              PDF
            </Button>
            <Button type="primary" icon={<PrinterOutlined />} onClick={() => navigate(`/print/pack?month=${month}`)} data-testid="pack-print">
              {t('pack.print')}
            </Button>
          </Flex>
        }
      />
      {pack.error ? (
        <ErrorResult error={pack.error} />
      ) : (
        <Card>
          {pack.data && (
            <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 12 }}>
              <Descriptions.Item label={t('pack.month')}>{`${pack.data.from} ~ ${pack.data.to}`}</Descriptions.Item>
              <Descriptions.Item label={t('pack.ytd')}>{`${pack.data.ytdFrom} ~ ${pack.data.to}`}</Descriptions.Item>
              <Descriptions.Item label={t('pack.red')}>
                <b data-testid="pack-red-count">{pack.data.rows.filter((r) => r.month.status === 'red').length}</b>
              </Descriptions.Item>
            </Descriptions>
          )}
          <Table<PackRow>
            rowKey="code"
            size="middle"
            loading={pack.isPending}
            pagination={false}
            dataSource={pack.data?.rows ?? []}
            scroll={{ x: 960 }}
            data-testid="pack-table"
            onRow={(r) => ({ 'data-code': r.code, 'data-status': r.month.status }) as never}
            columns={[
              { title: t('pack.manual'), dataIndex: 'manual', width: 90 },
              { title: t('pack.target'), render: (_, r) => bi(r.label) },
              { title: t('pack.month'), width: 170, render: (_, r) => <Figure f={r.month} unit={r.unit} /> },
              { title: t('pack.ytd'), width: 170, render: (_, r) => <Figure f={r.ytd} unit={r.unit} /> },
              { title: t('pack.formula'), render: (_, r) => <Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.formula ? bi(r.formula) : t('pack.noSourceNote')}</Typography.Text> },
              {
                title: t('pack.records'),
                width: 110,
                render: (_, r) =>
                  r.drill ? (
                    <Link to={records(r)} data-testid={`drill-${r.code}`}>
                      {t('pack.open')}
                    </Link>
                  ) : r.page ? (
                    <Link to={r.page}>{t('pack.open')}</Link>
                  ) : (
                    '—'
                  ),
              },
            ]}
          />
          {pack.data && (
            <Typography.Paragraph style={{ marginTop: 16 }} data-testid="pack-special">
              <b>{t('pack.special')}</b>
              {t('print.colon')}
              {t('pack.specialLine', { total: pack.data.special.total })}
              {Object.entries(pack.data.special.byStatus).map(([k, n]) => ` · ${k} ${n}`)}
            </Typography.Paragraph>
          )}
        </Card>
      )}
    </>
  );
}
