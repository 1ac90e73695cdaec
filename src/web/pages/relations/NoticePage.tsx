import { PrinterOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Flex, Form, Input, Modal, Select, Space, Statistic, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { OFFLINE_METHODS } from '../../../core/notices.ts';
import { api } from '../../api/client.ts';
import type { CoverageRow, ResidentNotice } from '../../api/notices-types.ts';
import type { ListResponse } from '../../api/types.ts';
import { useSession } from '../../app/session.tsx';
import { formatDateTime } from '../../components/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ErrorResult, PageLoading } from '../../components/Results.tsx';
import { useReportError } from '../../components/useReportError.ts';
import { type MessageKey, useT } from '../../i18n/index.tsx';
import { NoticeFormModal } from './NoticeFormModal.tsx';
import { CategoryTag, COV_COLOR, NoticeStatusTag, toLocalInput, fromLocalInput } from './noticeParts.tsx';

type Ask = { kind: 'reject' | 'withdraw' | 'extend' } | { kind: 'offline'; unitId: number; label: string } | null;

/** One notice: its text, its state's steps, and the coverage board (unreachable units first). */
export default function NoticePage() {
  const t = useT();
  const id = Number(useParams().id);
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { can, me } = useSession();
  const { message } = App.useApp();
  const reportError = useReportError();
  const [ask, setAsk] = useState<Ask>(null);
  const [editing, setEditing] = useState(false);
  const [form] = Form.useForm();
  const notice = useQuery({ queryKey: ['resident-notice', id], queryFn: () => api<ResidentNotice>(`/api/v1/notices/${id}`) });
  const board = useQuery({ queryKey: ['resident-notice-board', id], queryFn: () => api<ListResponse<CoverageRow>>(`/api/v1/notices/${id}/coverage`) });
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: ['resident-notice', id] });
    void qc.invalidateQueries({ queryKey: ['resident-notice-board', id] });
    void qc.invalidateQueries({ queryKey: ['resident-notices'] });
  };
  const act = useMutation({
    mutationFn: ({ path, body }: { path: string; body?: unknown }) => api<{ id: number; status?: string }>(`/api/v1/notices/${id}${path}`, { method: 'POST', body }),
    onSuccess: (r, v) => {
      message.success(t('rn.done'));
      setAsk(null);
      form.resetFields();
      if (v.path === '/correct') navigate(`/relations/notices/${r.id}`);
      refresh();
    },
    onError: (err) => reportError(err, form),
  });
  if (notice.isPending) return <PageLoading />;
  if (notice.error) return <ErrorResult error={notice.error} />;
  const n = notice.data;
  const s = n.status;
  const c = n.coverage;
  const columns: TableColumnsType<CoverageRow> = [
    { title: t('rn.unit'), dataIndex: 'unitLabel', width: 110, render: (v: string) => <span className="wd-mono">{v}</span> },
    { title: t('rn.coverage'), dataIndex: 'coverage', width: 140, render: (v: string) => <Tag color={COV_COLOR[v]}>{t(`rn.cov.${v}` as MessageKey)}</Tag> },
    { title: t('rn.readAt'), dataIndex: 'firstReadAt', width: 140, render: (v: string | null) => (v ? formatDateTime(v).slice(0, 16) : '—') },
    { title: t('rn.ackAt'), dataIndex: 'ackAt', width: 140, render: (v: string | null) => (v ? formatDateTime(v).slice(0, 16) : '—') },
    { title: t('rn.reminders'), dataIndex: 'reminders', width: 80 },
    {
      title: t('common.actions'),
      key: 'a',
      render: (_: unknown, r) =>
        can('notice.draft') && r.coverage !== 'read' ? (
          <Space size={4} wrap>
            {r.visitRequestedAt ? (
              <Tag>{t('rn.visitAdded')}</Tag>
            ) : (
              <Button size="small" onClick={() => act.mutate({ path: `/units/${r.unitId}/visit` })} data-testid={`visit-${r.unitId}`}>
                {t('rn.addVisit')}
              </Button>
            )}
            {!r.offlineAt && (
              <Button size="small" onClick={() => setAsk({ kind: 'offline', unitId: r.unitId, label: r.unitLabel })} data-testid={`offline-${r.unitId}`}>
                {t('rn.markOffline')}
              </Button>
            )}
          </Space>
        ) : null,
    },
  ];
  return (
    <>
      <PageHeader
        onBack={() => navigate('/relations/notices')}
        title={n.title}
        subtitle={<span className="wd-mono">{n.number ?? `#${n.id}`}</span>}
        tags={
          <>
            <CategoryTag c={n.category} />
            <NoticeStatusTag s={s} />
          </>
        }
        extra={
          <Space wrap>
            {s === 'draft' && can('notice.draft') && <Button onClick={() => setEditing(true)}>{t('common.edit')}</Button>}
            {s === 'draft' && can('notice.draft') && (
              <Button type="primary" onClick={() => act.mutate({ path: '/submit' })} loading={act.isPending} data-testid="notice-submit">
                {t('rn.submit')}
              </Button>
            )}
            {s === 'pending_approval' && can('notice.publish') && (
              <>
                <Button type="primary" onClick={() => act.mutate({ path: '/approve' })} data-testid="notice-approve">
                  {t('rn.approve')}
                </Button>
                <Button onClick={() => setAsk({ kind: 'reject' })}>{t('rn.reject')}</Button>
              </>
            )}
            {['scheduled', 'published'].includes(s) && can('notice.publish') && <Button onClick={() => setAsk({ kind: 'extend' })}>{t('rn.extend')}</Button>}
            {['published', 'expired'].includes(s) && can('notice.draft') && <Button onClick={() => act.mutate({ path: '/correct' })}>{t('rn.correct')}</Button>}
            {['pending_approval', 'scheduled', 'published'].includes(s) && (can('notice.publish') || (can('notice.draft') && n.createdBy === me.user.id)) && (
              <Button danger onClick={() => setAsk({ kind: 'withdraw' })}>
                {t('rn.withdraw')}
              </Button>
            )}
            <Link to={`/print/notices/${n.id}`}>
              <Button icon={<PrinterOutlined />}>{t('rn.print')}</Button>
            </Link>
          </Space>
        }
      />
      <Flex vertical gap={16}>
        {n.rejectReason && s === 'draft' && <Alert type="warning" showIcon title={t('rn.rejected', { reason: n.rejectReason })} />}
        {n.withdrawReason && <Alert type="error" showIcon title={t('rn.withdrawn', { reason: n.withdrawReason })} />}
        {s !== 'draft' && <Alert type="info" title={t('rn.readOnly')} />}
        <Card>
          <Descriptions size="small" column={{ xs: 1, md: 3 }}>
            <Descriptions.Item label={t('rn.audienceKind')}>{t(`rn.kind.${n.audienceKind}` as MessageKey)}</Descriptions.Item>
            <Descriptions.Item label={t('rn.people')}>{t(`rn.people.${n.audiencePeople}` as MessageKey)}</Descriptions.Item>
            <Descriptions.Item label={t('rn.requireAck')}>{n.requireAck ? '✓' : '—'}</Descriptions.Item>
            <Descriptions.Item label={t('rn.publishAt')}>{n.publishedAt ? formatDateTime(n.publishedAt).slice(0, 16) : n.publishAt ? formatDateTime(n.publishAt).slice(0, 16) : '—'}</Descriptions.Item>
            <Descriptions.Item label={t('rn.expiresAt')}>{n.expiresAt ? formatDateTime(n.expiresAt).slice(0, 16) : '—'}</Descriptions.Item>
            <Descriptions.Item label={t('rn.createdBy')}>{n.createdByName ?? '—'}</Descriptions.Item>
            {n.approvedByName && <Descriptions.Item label={t('rn.approvedBy')}>{n.approvedByName}</Descriptions.Item>}
            {n.ticketId && (
              <Descriptions.Item label={t('rn.fromTicket')}>
                <Link to={`/desk/tickets/${n.ticketId}`}>#{n.ticketId}</Link>
              </Descriptions.Item>
            )}
            {n.correctsId && (
              <Descriptions.Item label={t('rn.correct')}>
                <Link to={`/relations/notices/${n.correctsId}`}>{t('rn.corrects', { id: n.correctsId })}</Link>
              </Descriptions.Item>
            )}
          </Descriptions>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginTop: 12, marginBottom: 0 }} data-testid="notice-body-text">
            {n.body}
          </Typography.Paragraph>
        </Card>
        {c.total > 0 && (
          <Card title={t('rn.board')} extra={<span className="wd-muted wd-small">{t('rn.boardHelp')}</span>} data-testid="coverage-board">
            <Flex gap={32} wrap style={{ marginBottom: 12 }}>
              <Statistic title={t('rn.rate')} value={c.rate} suffix="%" />
              <Statistic title={t('rn.cov.read')} value={c.read} valueStyle={{ color: '#389e0d' }} />
              <Statistic title={t('rn.cov.unread')} value={c.unread} valueStyle={{ color: '#d48806' }} />
              <Statistic title={t('rn.cov.unreachable')} value={c.unreachable} valueStyle={{ color: '#cf1322' }} />
              <Statistic title={t('rn.cov.offline')} value={c.offline} valueStyle={{ color: '#1677ff' }} />
              <Statistic title={t('rn.ackAt')} value={c.acknowledged} data-testid="coverage-acked" />
            </Flex>
            {board.error ? <ErrorResult error={board.error} /> : <Table rowKey="unitId" size="small" loading={board.isPending} columns={columns} dataSource={board.data?.items ?? []} pagination={{ pageSize: 20 }} data-testid="coverage-table" />}
          </Card>
        )}
      </Flex>
      <NoticeFormModal
        open={editing}
        notice={n}
        onClose={() => setEditing(false)}
        onSaved={() => {
          setEditing(false);
          refresh();
        }}
      />
      <Modal
        open={!!ask}
        destroyOnHidden
        title={ask ? (ask.kind === 'offline' ? `${t('rn.markOffline')} · ${ask.label}` : t(`rn.${ask.kind}` as MessageKey)) : ''}
        onCancel={() => setAsk(null)}
        onOk={() => form.submit()}
        confirmLoading={act.isPending}
      >
        <Form
          form={form}
          layout="vertical"
          initialValues={{ method: 'phone', expiresAt: toLocalInput(n.expiresAt) }}
          onFinish={(v: { reason?: string; method?: string; note?: string; expiresAt?: string }) => {
            if (!ask) return;
            if (ask.kind === 'offline') act.mutate({ path: `/units/${ask.unitId}/offline`, body: { method: v.method, note: v.note || null } });
            else if (ask.kind === 'extend') act.mutate({ path: '/extend', body: { expiresAt: fromLocalInput(v.expiresAt) } });
            else act.mutate({ path: `/${ask.kind}`, body: { reason: v.reason } });
          }}
        >
          {ask?.kind === 'offline' ? (
            <>
              <Form.Item name="method" label={t('rn.offlineMethod')}>
                <Select options={OFFLINE_METHODS.map((m) => ({ value: m, label: t(`rn.off.${m}` as MessageKey) }))} />
              </Form.Item>
              <Form.Item name="note" label={t('rn.note')}>
                <Input />
              </Form.Item>
            </>
          ) : ask?.kind === 'extend' ? (
            <Form.Item name="expiresAt" label={t('rn.expiresAt')} rules={[{ required: true }]}>
              <Input type="datetime-local" />
            </Form.Item>
          ) : (
            <Form.Item name="reason" label={t('rn.reason')} rules={[{ required: true }]}>
              <Input.TextArea rows={3} />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </>
  );
}
