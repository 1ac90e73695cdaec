import { FileExcelOutlined, PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Empty, List, Row, Space } from 'antd';
import { useNavigate, useSearchParams } from 'react-router';
import { api } from '../../api/client.ts';
import type { RenoReportRow, RenoWeekReport } from '../../api/reno-types.ts';
import type { ListResponse } from '../../api/types.ts';
import { useSession } from '../../app/session.tsx';
import { formatDateTime } from '../../components/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ErrorResult } from '../../components/Results.tsx';
import { useT } from '../../i18n/index.tsx';
import { ReportBody } from './ReportBody.tsx';

/** 装修周报: the reports delivered each Saturday 08:00 to the assistants, frozen as delivered. */
export default function RenoReportsPage() {
  const t = useT();
  const { estateId } = useSession();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const list = useQuery({ queryKey: ['reno-reports', estateId], queryFn: () => api<ListResponse<RenoReportRow>>('/api/v1/renovation-reports', { query: { estateId } }), enabled: !!estateId });
  const picked = Number(params.get('id')) || list.data?.items[0]?.id;
  const one = useQuery({ queryKey: ['reno-report', picked], queryFn: () => api<{ id: number; estateName: string; deliveredAt: string; report: RenoWeekReport }>(`/api/v1/renovation-reports/${picked}`), enabled: !!picked });
  return (
    <>
      <PageHeader title={t('nav.renoReports')} subtitle={t('reno.reportsSubtitle')} />
      <Row gutter={16}>
        <Col xs={24} lg={6}>
          <Card>
            {list.error ? <ErrorResult error={list.error} /> : (
              <List
                loading={list.isPending}
                dataSource={list.data?.items ?? []}
                locale={{ emptyText: <Empty description={t('reno.noReports')} /> }}
                renderItem={(r) => (
                  <List.Item onClick={() => setParams({ id: String(r.id) })} style={{ cursor: 'pointer', fontWeight: r.id === picked ? 600 : 400 }}>
                    {r.from} ~ {r.to}
                  </List.Item>
                )}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={18}>
          {one.data && (
            <Card
              title={`${one.data.report.from} ~ ${one.data.report.to}`}
              extra={
                <Space>
                  <span className="wd-muted">{t('reno.deliveredAt')} {formatDateTime(one.data.deliveredAt).slice(0, 16)}</span>
                  <Button icon={<FileExcelOutlined />} href={`/api/v1/renovation-reports/${one.data.id}/xlsx`}>Excel</Button>
                  <Button icon={<PrinterOutlined />} onClick={() => navigate(`/print/reno/reports/${one.data!.id}`)}>{t('print.print')}</Button>
                </Space>
              }
              data-testid="reno-report"
            >
              <ReportBody r={one.data.report} />
            </Card>
          )}
        </Col>
      </Row>
    </>
  );
}
