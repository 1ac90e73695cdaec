import { CheckCircleOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Typography } from 'antd';
import { useEffect } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client.ts';
import type { PortalNotice as Notice } from '../../api/notices-types.ts';
import { formatInstant } from '../../components/format.ts';
import { CardSkeleton, ErrorResult } from '../../components/Results.tsx';
import { useReportError } from '../../components/useReportError.ts';
import { useT } from '../../i18n/index.tsx';
import { CategoryTag } from '../relations/noticeParts.tsx';

/** One notice: opening it records the read; 签收 when it asks for acknowledgement. */
export default function PortalNotice() {
  const t = useT();
  const id = Number(useParams().id);
  const qc = useQueryClient();
  const reportError = useReportError();
  const notice = useQuery({ queryKey: ['portal-notice', id], queryFn: () => api<Notice>(`/api/v1/portal/notices/${id}`) });
  // Read and 签收 are separate: 签收 tapped while the read is still on its way must neither be
  // swallowed by a loading button nor undone by the read's answer arriving after its own.
  const saved = (n: Notice) => {
    qc.setQueryData<Notice>(['portal-notice', id], (old) => (old?.acknowledged && !n.acknowledged ? old : n));
    void qc.invalidateQueries({ queryKey: ['portal-notices'] });
  };
  const post = (what: 'read' | 'ack') => api<Notice>(`/api/v1/portal/notices/${id}/${what}`, { method: 'POST' });
  const read = useMutation({ mutationFn: () => post('read'), onSuccess: saved, onError: (err) => reportError(err) });
  const ack = useMutation({ mutationFn: () => post('ack'), onSuccess: saved, onError: (err) => reportError(err) });
  const unread = notice.data && !notice.data.read;
  useEffect(() => {
    if (unread) read.mutate();
    // once per opening of an unread notice
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [unread]);
  if (notice.isPending)
    return (
      <Card>
        <CardSkeleton rows={6} />
      </Card>
    );
  if (notice.error)
    return (
      <Card>
        <ErrorResult error={notice.error} />
      </Card>
    );
  const n = notice.data;
  return (
    <Card data-testid="portal-notice">
      <Flex gap={6} align="center" wrap style={{ marginBottom: 8 }}>
        <CategoryTag c={n.category} />
        <span className="wd-mono wd-muted wd-small">{n.number}</span>
        {n.publishedAt && <span className="wd-muted wd-small">{formatInstant(n.publishedAt, 'YYYY-MM-DD HH:mm')}</span>}
      </Flex>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {n.title}
      </Typography.Title>
      {n.status === 'withdrawn' && <Alert type="error" showIcon title={t('rn.withdrawn', { reason: n.withdrawReason ?? '' })} style={{ marginBottom: 12 }} />}
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', fontSize: 15, lineHeight: 1.8 }}>{n.body}</Typography.Paragraph>
      {n.expiresAt && (
        <div className="wd-muted wd-small" style={{ marginBottom: 12 }}>
          {t('rn.expiresAt')}{t('print.colon')}{formatInstant(n.expiresAt, 'YYYY-MM-DD HH:mm')}
        </div>
      )}
      {n.activityId && (
        <Link to={`/portal/activities/${n.activityId}`}>
          <Button type="primary" block style={{ marginBottom: 12 }}>
            {t('act.portal.register')}
          </Button>
        </Link>
      )}
      {n.requireAck &&
        (n.acknowledged ? (
          <Alert type="success" showIcon icon={<CheckCircleOutlined />} title={t('portal.acked')} data-testid="portal-acked" />
        ) : n.status === 'published' ? (
          <>
            <Alert type="warning" showIcon title={t('portal.ackHint')} style={{ marginBottom: 12 }} />
            <Button type="primary" size="large" block onClick={() => ack.mutate()} loading={ack.isPending} data-testid="portal-ack">
              {t('portal.ack')}
            </Button>
          </>
        ) : null)}
    </Card>
  );
}
