import { CameraOutlined, PrinterOutlined, ScanOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Descriptions, Flex, Input, Row, Space, Statistic, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { canActivity } from '../../../core/activities.ts';
import { api } from '../../api/client.ts';
import type { ActivityDetail, CheckinOut, Registration } from '../../api/notices-types.ts';
import type { ListResponse } from '../../api/types.ts';
import { useSession } from '../../app/session.tsx';
import { formatDateTime, formatFen } from '../../components/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ErrorResult, PageLoading } from '../../components/Results.tsx';
import { useReportError } from '../../components/useReportError.ts';
import { cameraAvailable, useQrCamera } from '../../components/useQrCamera.ts';
import { type MessageKey, useT } from '../../i18n/index.tsx';
import { lazyDialog } from '../../components/lazyParts.tsx';
import type { ActivityDialogKind } from './ActivityDialog.tsx';
import { ActivityStatusTag } from './activityParts.tsx';

const STEPS = ['approve', 'publish', 'close-registration', 'start', 'finish'] as const;
const RS_COLOR: Record<string, string> = { registered: 'blue', waitlisted: 'orange', cancelled: 'default', attended: 'green', no_show: 'red', walk_in: 'cyan' };
type Dialog = ActivityDialogKind | null;
const ActivityDialogLazy = lazyDialog(() => import('./ActivityDialog.tsx').then((m) => m.default), (p: { dialog: Dialog }) => !!p.dialog);

// A registration's `children` is how many children come, not tree rows: antd must not nest on it.
const NOT_A_TREE = '__notATree';

/** One activity: plan, steps, check-in desk, registrations, checklist, feedback and summary. */
export default function ActivityPage() {
  const t = useT();
  const id = Number(useParams().id);
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { can } = useSession();
  const { message } = App.useApp();
  const reportError = useReportError();
  const [code, setCode] = useState('');
  const [answer, setAnswer] = useState<CheckinOut | null>(null);
  const [dialog, setDialog] = useState<Dialog>(null);
  const a = useQuery({ queryKey: ['activity', id], queryFn: () => api<ActivityDetail>(`/api/v1/activities/${id}`) });
  const regs = useQuery({ queryKey: ['activity-regs', id], queryFn: () => api<ListResponse<Registration>>(`/api/v1/activities/${id}/registrations`), enabled: can('activity.checkin') });
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: ['activity', id] });
    void qc.invalidateQueries({ queryKey: ['activity-regs', id] });
    void qc.invalidateQueries({ queryKey: ['activities'] });
  };
  const post = useMutation({
    mutationFn: ({ path, body }: { path: string; body?: unknown }) => api<unknown>(`/api/v1/activities/${id}${path}`, { method: 'POST', body }),
    onSuccess: () => {
      message.success(t('rn.done'));
      refresh();
    },
    onError: (err) => reportError(err),
  });
  const checkin = useMutation({
    mutationFn: (c: string) => api<CheckinOut>(`/api/v1/activities/${id}/checkin`, { body: { code: c } }),
    onSuccess: (r) => {
      setAnswer(r);
      setCode('');
      refresh();
    },
    onError: (err) => reportError(err),
  });
  // The camera sees the same code for several frames: one check-in per code per few seconds.
  const [cameraOn, setCameraOn] = useState(false);
  const [cameraError, setCameraError] = useState<string>();
  const lastScan = useRef({ text: '', at: 0 });
  const videoRef = useQrCamera(
    cameraOn,
    (text) => {
      const c = text.trim();
      if (c === lastScan.current.text && Date.now() - lastScan.current.at < 4000) return;
      lastScan.current = { text: c, at: Date.now() };
      checkin.mutate(c);
    },
    (msg) => {
      setCameraError(t('act.cameraOff', { msg }));
      setCameraOn(false);
    },
  );
  if (a.isPending) return <PageLoading />;
  if (a.error) return <ErrorResult error={a.error} />;
  const x = a.data;
  const s = x.summary;
  const stepAllowed = (step: (typeof STEPS)[number]) => canActivity(step === 'close-registration' ? 'close_registration' : step, x.status) && can(step === 'approve' ? 'activity.approve' : 'activity.manage');
  const regColumns: TableColumnsType<Registration> = [
    { title: t('act.unitId'), dataIndex: 'unitLabel', width: 100, render: (v: string | null) => <span className="wd-mono">{v ?? '—'}</span> },
    { title: t('act.names'), dataIndex: 'names', ellipsis: true },
    { title: t('act.adults'), dataIndex: 'adults', width: 60 },
    { title: t('act.children'), dataIndex: 'children', width: 60 },
    { title: t('act.phone'), dataIndex: 'phone', width: 120, render: (v: string | null) => v ?? '—' },
    { title: t('act.status'), dataIndex: 'status', width: 120, render: (v: string, r) => <Tag color={RS_COLOR[v]}>{r.waitlistPosition ? t('act.waitlist', { n: r.waitlistPosition }) : t(`act.rs.${v}` as MessageKey)}</Tag> },
    { title: t('act.registeredAt'), dataIndex: 'registeredAt', width: 130, render: (v: string) => formatDateTime(v).slice(5, 16) },
    { title: t('act.checkedInAt'), dataIndex: 'checkedInAt', width: 110, render: (v: string | null) => (v ? formatDateTime(v).slice(11, 16) : '—') },
    {
      title: '',
      key: 'a',
      width: 70,
      render: (_: unknown, r) =>
        ['registered', 'waitlisted'].includes(r.status) && ['published', 'registration_closed'].includes(x.status) ? (
          <Button size="small" type="link" danger onClick={() => post.mutate({ path: `/registrations/${r.id}/cancel` })}>
            {t('common.cancel')}
          </Button>
        ) : null,
    },
  ];
  return (
    <>
      <PageHeader
        onBack={() => navigate('/relations/activities')}
        title={x.title}
        subtitle={<span className="wd-mono">{x.number}</span>}
        tags={<ActivityStatusTag s={x.status} />}
        extra={
          <Space wrap>
            {STEPS.filter(stepAllowed).map((step) => (
              <Button key={step} type="primary" onClick={() => post.mutate({ path: `/${step}` })} loading={post.isPending} data-testid={`act-${step}`}>
                {t(`act.step.${step}` as MessageKey)}
              </Button>
            ))}
            {x.status === 'finished' && can('activity.manage') && <Button type="primary" onClick={() => setDialog('review')}>{t('act.review')}</Button>}
            {canActivity('cancel', x.status) && can('activity.manage') && (
              <Button danger onClick={() => setDialog('cancel')}>
                {t('act.cancel')}
              </Button>
            )}
            {x.noticeId && (
              <Link to={`/relations/notices/${x.noticeId}`}>
                <Button>{t('act.notice')}</Button>
              </Link>
            )}
            {x.feedbackSurveyId && can('survey.read') && (
              <Link to={`/relations/surveys/${x.feedbackSurveyId}`} data-testid="activity-feedback-survey">
                <Button>{t('act.feedbackSurvey')}</Button>
              </Link>
            )}
            <Link to={`/print/activities/${x.id}/sign-in`}>
              <Button icon={<PrinterOutlined />}>{t('act.printSheet')}</Button>
            </Link>
          </Space>
        }
      />
      <Flex vertical gap={16}>
        {x.cancelReason && <Alert type="error" showIcon title={x.cancelReason} />}
        <Card>
          <Flex gap={32} wrap>
            <Statistic title={t('act.taken')} value={`${x.taken} / ${x.capacity}`} />
            <Statistic title={t('act.attendanceRate')} value={s.attendanceRate == null || ['draft', 'approved', 'published', 'registration_closed'].includes(x.status) ? '—' : s.attendanceRate} suffix={s.attendanceRate == null || ['draft', 'approved', 'published', 'registration_closed'].includes(x.status) ? '' : '%'} data-testid="act-rate" />
            <Statistic title={t('act.people')} value={s.people} />
            <Statistic title={t('act.noShow')} value={['finished', 'reviewed'].includes(x.status) ? s.noShow : '—'} />
            <Statistic title={t('act.walkIns')} value={s.walkIns} />
            <Statistic title={t('act.averageRating')} value={s.averageRating ?? '—'} />
            <Statistic title={t('act.budget')} value={formatFen(s.budgetTotal)} />
            {s.actualCost != null && <Statistic title={t('act.actualCost')} value={formatFen(s.actualCost)} />}
          </Flex>
        </Card>
        <Row gutter={16}>
          <Col xs={24} lg={14}>
            <Card title={t('act.summary')}>
              <Descriptions size="small" column={1}>
                <Descriptions.Item label={t('act.type')}>{t(`act.type.${x.type}` as MessageKey)}</Descriptions.Item>
                <Descriptions.Item label={t('act.startsAt')}>
                  {formatDateTime(x.startsAt).slice(0, 16)} — {formatDateTime(x.endsAt).slice(11, 16)}
                </Descriptions.Item>
                <Descriptions.Item label={t('act.venue')}>{x.facilityName ?? x.venue ?? '—'}</Descriptions.Item>
                <Descriptions.Item label={t('act.closesAt')}>
                  {formatDateTime(x.opensAt).slice(0, 16)} — {formatDateTime(x.closesAt).slice(0, 16)}
                </Descriptions.Item>
                <Descriptions.Item label={t('act.perUnitLimit')}>{x.perUnitLimit}</Descriptions.Item>
                {x.goals && <Descriptions.Item label={t('act.goals')}>{x.goals}</Descriptions.Item>}
                {x.agenda && (
                  <Descriptions.Item label={t('act.agenda')}>
                    <span style={{ whiteSpace: 'pre-wrap' }}>{x.agenda}</span>
                  </Descriptions.Item>
                )}
                <Descriptions.Item label={t('act.budget')}>{x.budget.map((b) => `${b.item} ${formatFen(b.amount)}`).join('；') || '—'}</Descriptions.Item>
                <Descriptions.Item label={t('act.staffing')}>{x.staffing.map((b) => `${b.role}${t('print.colon')}${b.name}`).join('；') || '—'}</Descriptions.Item>
                {x.lessons && <Descriptions.Item label={t('act.lessons')}>{x.lessons}</Descriptions.Item>}
              </Descriptions>
            </Card>
          </Col>
          <Col xs={24} lg={10}>
            {can('activity.checkin') && (
              <Card title={<><ScanOutlined /> {t('act.checkin')}</>} data-testid="checkin-card">
                <Typography.Paragraph className="wd-muted wd-small">{t('act.checkinHint')}</Typography.Paragraph>
                {!cameraAvailable() ? (
                  <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('act.cameraNeedsHttps')} data-testid="camera-unavailable" />
                ) : cameraOn ? (
                  <div style={{ marginBottom: 12 }}>
                    <video ref={videoRef} style={{ width: '100%', maxHeight: 260, objectFit: 'cover', background: '#000', borderRadius: 8 }} playsInline muted data-testid="checkin-video" />
                    <Flex justify="space-between" align="center" style={{ marginTop: 4 }}>
                      <span className="wd-muted wd-small">{t('act.cameraScanning')}</span>
                      <Button size="small" onClick={() => setCameraOn(false)}>
                        {t('act.cameraStop')}
                      </Button>
                    </Flex>
                  </div>
                ) : (
                  <Button icon={<CameraOutlined />} style={{ marginBottom: 12 }} onClick={() => (setCameraError(undefined), setCameraOn(true))} data-testid="checkin-camera">
                    {t('act.cameraStart')}
                  </Button>
                )}
                {cameraError && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={cameraError} />}
                <Space.Compact style={{ width: '100%' }}>
                  <Input value={code} onChange={(e) => setCode(e.target.value)} onPressEnter={() => code && checkin.mutate(code)} placeholder={t('act.code')} data-testid="checkin-code" inputMode="numeric" autoFocus />
                  <Button type="primary" onClick={() => code && checkin.mutate(code)} loading={checkin.isPending} data-testid="checkin-go">
                    {t('act.checkin')}
                  </Button>
                </Space.Compact>
                {answer && (
                  <Alert
                    style={{ marginTop: 12 }}
                    type={answer.result === 'confirmed' ? 'success' : answer.result === 'already' ? 'info' : 'error'}
                    showIcon
                    title={t(`act.res.${answer.result}` as MessageKey)}
                    description={answer.registration ? `${answer.registration.unitLabel ?? ''} ${answer.registration.names}（${answer.registration.adults + answer.registration.children}）` : undefined}
                    data-testid="checkin-answer"
                  />
                )}
                <Button style={{ marginTop: 12 }} onClick={() => setDialog('walkIn')}>
                  {t('act.walkIn')}
                </Button>
              </Card>
            )}
          </Col>
        </Row>
        {can('activity.checkin') && (
          <Card title={t('act.registrations')}>
            {regs.error ? <ErrorResult error={regs.error} /> : <Table rowKey="id" size="small" loading={regs.isPending} columns={regColumns} dataSource={regs.data?.items ?? []} pagination={{ pageSize: 20 }} expandable={{ childrenColumnName: NOT_A_TREE }} data-testid="registrations-table" />}
          </Card>
        )}
        <Card title={t('act.tasks')}>
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={x.tasks}
            columns={[
              { title: '#', dataIndex: 'seq', width: 40 },
              { title: t('act.tasks'), dataIndex: 'key', render: (k: string | null, r) => (k ? t(`act.task.${k}` as MessageKey) : r.title) },
              { title: t('act.owner'), dataIndex: 'ownerName', width: 110, render: (v: string | null) => v ?? '—' },
              { title: t('act.due'), dataIndex: 'dueAt', width: 130, render: (v: string) => formatDateTime(v).slice(5, 16) },
              {
                title: '',
                key: 'done',
                width: 110,
                render: (_: unknown, r) =>
                  r.doneAt ? (
                    <Tag color="green">✓ {formatDateTime(r.doneAt).slice(5, 16)}</Tag>
                  ) : can('activity.manage') && !['reviewed', 'cancelled'].includes(x.status) ? (
                    <Button size="small" onClick={() => post.mutate({ path: `/tasks/${r.id}`, body: { done: true } })}>
                      {t('act.markDone')}
                    </Button>
                  ) : null,
              },
            ]}
          />
        </Card>
        {x.feedback.length > 0 && (
          <Card title={t('act.feedback')}>
            {x.feedback.map((f, i) => (
              <div key={i} style={{ marginBottom: 8 }}>
                <span style={{ color: '#fadb14' }}>{'★'.repeat(f.rating)}</span>
                <span className="wd-muted">{'★'.repeat(5 - f.rating)}</span> {f.liked} {f.suggestions && <span className="wd-muted">— {f.suggestions}</span>}
              </div>
            ))}
          </Card>
        )}
      </Flex>
      <ActivityDialogLazy
        activityId={id}
        dialog={dialog}
        onClose={() => setDialog(null)}
        onDone={() => {
          setDialog(null);
          refresh();
        }}
      />
    </>
  );
}
