import { CheckCircleOutlined, CloseCircleOutlined, DownloadOutlined, FileExcelOutlined, InboxOutlined, ReloadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Empty, Flex, Progress, Row, Statistic, Steps, Table, type TableColumnsType, Tag, Typography, Upload } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useSearchParams } from 'react-router';
import { api, ApiError } from '../api/client.ts';
import type { ImportJob, ImportStatus } from '../api/types.ts';
import { useSession } from '../app/session.tsx';
import { formatDateTime } from '../components/format.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { ErrorResult } from '../components/Results.tsx';
import { useReportError } from '../components/useReportError.ts';

// antd's Result (with its illustrations, ~10 KB gz) only once an import has finished
const ResultView = lazy(() => import('../components/ResultView.tsx'));
import { type MessageKey, useI18n } from '../i18n/index.tsx';

const RUNNING: ImportStatus[] = ['queued', 'validating', 'writing'];
const STATUS_TEXT: Record<ImportStatus, MessageKey> = {
  queued: 'import.status.queued',
  validating: 'import.status.validating',
  writing: 'import.status.writing',
  done: 'import.status.done',
  failed: 'import.status.failed',
};

function percentOf(job: ImportJob): number {
  if (job.status === 'done' || job.status === 'failed') return 100;
  if (job.status === 'queued') return 3;
  const part = job.totalRows ? job.processedRows / job.totalRows : 0;
  // Checking is the first half of the work, writing the second.
  if (job.status === 'validating') return Math.max(5, Math.round(part * 50));
  if (job.status === 'writing') return Math.min(99, 50 + Math.round(part * 49));
  return Math.round(part * 100);
}

/** 数据导入: template, upload, progress by polling the job, then the summary or every error row. */
export default function ImportPage() {
  const { t } = useI18n();
  const { estate, estateId, estates } = useSession();
  const qc = useQueryClient();
  const report = useReportError();
  const [params, setParams] = useSearchParams();
  const jobId = Number(params.get('job')) || undefined;
  const [uploading, setUploading] = useState(false);

  const job = useQuery({
    queryKey: ['import', jobId],
    queryFn: () => api<ImportJob>(`/api/v1/imports/${jobId}`),
    enabled: !!jobId,
    refetchInterval: (q) => (q.state.data && !RUNNING.includes(q.state.data.status) ? false : 700),
    staleTime: 0,
  });
  const j = job.data;
  const finished = j && !RUNNING.includes(j.status);

  const start = async (file: File) => {
    if (!estateId) return;
    setUploading(true);
    try {
      const body = new FormData();
      body.append('file', file, file.name);
      const { id } = await api<{ id: number }>('/api/v1/imports', { query: { estateId }, body });
      setParams({ job: String(id) }, { replace: false });
      await qc.invalidateQueries({ queryKey: ['buildings'] });
    } catch (err) {
      report(err);
    } finally {
      setUploading(false);
    }
  };

  const reset = () => {
    setParams({}, { replace: false });
    void qc.invalidateQueries({ queryKey: ['units'] });
    void qc.invalidateQueries({ queryKey: ['buildings'] });
    void qc.invalidateQueries({ queryKey: ['households'] });
  };

  const step = !jobId ? 1 : !finished ? 2 : 3;
  const jobEstate = j ? (estates.find((e) => e.id === j.estateId)?.name ?? `#${j.estateId}`) : estate?.name;

  const errorColumns: TableColumnsType<ImportJob['errors'][number] & { key: number }> = [
    { title: t('import.err.sheet'), dataIndex: 'sheet', width: 110, render: (v: string) => (v ? <Tag>{v}</Tag> : '—') },
    { title: t('import.err.row'), dataIndex: 'row', width: 80, align: 'right', render: (v: number) => (v ? v : '—') },
    { title: t('import.err.column'), dataIndex: 'column', width: 160, render: (v: string) => v || '—' },
    { title: t('import.err.message'), dataIndex: 'message', render: (v: string) => <Typography.Text type="danger">{v}</Typography.Text> },
  ];

  return (
    <>
      <PageHeader title={t('nav.imports')} subtitle={t('import.subtitle')} />
      <Card className="wd-import-steps" size="small">
        <Steps
          current={step}
          size="small"
          items={[{ title: t('import.step.template') }, { title: t('import.step.upload') }, { title: t('import.step.check') }, { title: t('import.step.result') }]}
        />
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={8}>
          <Card title={t('import.templateTitle')} size="small" className="wd-fill-card">
            <Typography.Paragraph type="secondary">{t('import.templateHelp')}</Typography.Paragraph>
            <ul className="wd-help-list">
              <li>{t('import.rule.sheets')}</li>
              <li>{t('import.rule.required')}</li>
              <li>{t('import.rule.atomic')}</li>
            </ul>
            <Button icon={<DownloadOutlined />} href="/api/v1/imports/template" download data-testid="download-template">
              {t('import.download')}
            </Button>
          </Card>
        </Col>
        <Col xs={24} lg={16}>
          {!jobId ? (
            <Card title={t('import.uploadTitle')} size="small" className="wd-fill-card">
              {estate ? (
                <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('import.target', { estate: estate.name })} description={t('import.targetHint')} />
              ) : (
                <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('nav.noEstate')} />
              )}
              <Upload.Dragger
                accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                multiple={false}
                showUploadList={false}
                disabled={!estateId || uploading}
                beforeUpload={(file) => {
                  if (!/\.xlsx$/i.test(file.name)) {
                    report(new ApiError(400, 'VALIDATION', t('import.onlyXlsx')));
                    return Upload.LIST_IGNORE;
                  }
                  void start(file);
                  return false;
                }}
                data-testid="import-upload"
              >
                <p className="ant-upload-drag-icon">{uploading ? <ReloadOutlined spin /> : <InboxOutlined />}</p>
                <p className="ant-upload-text">{uploading ? t('import.uploading') : t('import.dropHere')}</p>
                <p className="ant-upload-hint">{t('import.dropHint')}</p>
              </Upload.Dragger>
            </Card>
          ) : job.error ? (
            <Card size="small">
              <ErrorResult
                error={job.error}
                extra={
                  <Button onClick={reset} icon={<ReloadOutlined />}>
                    {t('import.again')}
                  </Button>
                }
              />
            </Card>
          ) : (
            <Card
              size="small"
              title={
                <Flex align="center" gap={8}>
                  <FileExcelOutlined style={{ color: '#1d6f42' }} />
                  <span className="wd-ellipsis">{j?.fileName ?? t('common.loading')}</span>
                </Flex>
              }
              extra={
                finished && (
                  <Button onClick={reset} icon={<ReloadOutlined />} data-testid="import-again">
                    {t('import.again')}
                  </Button>
                )
              }
              className="wd-fill-card"
            >
              <Flex vertical gap={8} style={{ marginBottom: 16 }}>
                <Flex justify="space-between" wrap gap={8}>
                  <Typography.Text strong data-testid="import-status">
                    {j ? t(STATUS_TEXT[j.status]) : t('common.loading')}
                  </Typography.Text>
                  <Typography.Text type="secondary">
                    {t('import.target', { estate: jobEstate ?? '' })}
                    {j?.totalRows && j.status !== 'failed' ? ` · ${t('import.rows', { done: j.processedRows, total: j.totalRows })}` : ''}
                  </Typography.Text>
                </Flex>
                <Progress
                  percent={j ? percentOf(j) : 0}
                  status={j?.status === 'failed' ? 'exception' : j?.status === 'done' ? 'success' : 'active'}
                  data-testid="import-progress"
                />
              </Flex>
              {j?.status === 'done' && j.result && (
                <Suspense>
                  <ResultView
                    status="success"
                    icon={<CheckCircleOutlined />}
                    title={t('import.doneTitle')}
                    subTitle={t('import.doneSub', { time: formatDateTime(j.finishedAt) })}
                    className="wd-compact-result"
                  >
                    <Row gutter={[16, 16]} justify="center">
                      {(
                        [
                          ['buildings', 'import.count.buildings'],
                          ['units', 'import.count.units'],
                          ['households', 'import.count.households'],
                          ['members', 'import.count.members'],
                          ['ownerships', 'import.count.ownerships'],
                        ] as const
                      ).map(([k, key]) => (
                        <Col key={k} xs={12} sm={8} md={4}>
                          <Statistic title={t(key)} value={j.result![k]} />
                        </Col>
                      ))}
                    </Row>
                  </ResultView>
                </Suspense>
              )}
              {j?.status === 'failed' && (
                <>
                  <Alert
                    type="error"
                    showIcon
                    icon={<CloseCircleOutlined />}
                    title={t('import.failedTitle', { n: j.errors.length })}
                    description={t('import.failedHint')}
                    style={{ marginBottom: 12 }}
                  />
                  <Table
                    rowKey="key"
                    size="small"
                    columns={errorColumns}
                    dataSource={j.errors.map((e, i) => ({ ...e, key: i }))}
                    pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (n) => t('common.total', { n }) }}
                    locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
                    data-testid="import-errors"
                  />
                </>
              )}
            </Card>
          )}
        </Col>
      </Row>
    </>
  );
}
