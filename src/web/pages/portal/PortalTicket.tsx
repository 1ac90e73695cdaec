import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Descriptions, Flex, Form, Input, Modal, Popconfirm, Rate, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { reporterMayCancel } from '../../../core/tickets.ts';
import { api } from '../../api/client.ts';
import type { TicketDetail } from '../../api/desk-types.ts';
import { PhotoStrip, PhotoUploadButton } from '../../components/desk/Photos.tsx';
import { TicketStatusTag, TypeTag } from '../../components/desk/TicketTags.tsx';
import { formatDateTime } from '../../components/format.ts';
import { CardSkeleton, ErrorResult } from '../../components/Results.tsx';
import { useReportError } from '../../components/useReportError.ts';
import { useT } from '../../i18n/index.tsx';
import { TicketTimeline } from '../desk/ticket/TicketTimeline.tsx';

/** One request as the owner follows it: status, timeline (no internal notes), withdraw, confirm, rate. */
export default function PortalTicket() {
  const t = useT();
  const { id } = useParams();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const reportError = useReportError();
  const [rating, setRating] = useState(false);
  const [rateForm] = Form.useForm<{ score: number; comment?: string }>();
  const key = ['portal-ticket', Number(id)];
  const ticket = useQuery({ queryKey: key, queryFn: () => api<TicketDetail>(`/api/v1/portal/tickets/${id}`) });
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: key });
    void qc.invalidateQueries({ queryKey: ['portal-tickets'] });
  };
  const step = useMutation({
    mutationFn: ({ path, body }: { path: 'cancel' | 'confirm' | 'rate'; body: object }) => api(`/api/v1/portal/tickets/${id}/${path}`, { body }),
    onSuccess: (_r, v) => {
      message.success(t(v.path === 'cancel' ? 'portal.cancelled' : v.path === 'confirm' ? 'portal.confirmed' : 'portal.rated'));
      setRating(false);
      refresh();
    },
    onError: (err) => reportError(err),
  });

  if (ticket.isPending)
    return (
      <Card>
        <CardSkeleton rows={8} />
      </Card>
    );
  if (ticket.error)
    return (
      <Card>
        <ErrorResult error={ticket.error} extra={<Link to="/portal/tickets">{t('portal.backToTickets')}</Link>} />
      </Card>
    );
  const x = ticket.data;
  const canRate = ['resolved', 'confirmed', 'closed'].includes(x.status) && x.rating == null;
  return (
    <Flex vertical gap={12}>
      <Link to="/portal/tickets" className="wd-portal-back">
        ← {t('portal.backToTickets')}
      </Link>
      <Card className="wd-portal-card" data-testid="portal-ticket">
        <Flex justify="space-between" align="flex-start" gap={8}>
          <Typography.Title level={5} style={{ margin: 0 }}>
            {x.title}
          </Typography.Title>
          <TicketStatusTag status={x.status} />
        </Flex>
        <Flex gap={6} align="center" wrap className="wd-muted wd-small" style={{ margin: '6px 0 12px' }}>
          <TypeTag type={x.type} />
          <span className="wd-mono">{x.number}</span>
          <span>{formatDateTime(x.createdAt).slice(0, 16)}</span>
        </Flex>
        <Descriptions
          size="small"
          column={1}
          items={[
            { key: 'unit', label: t('portal.unit'), children: x.unitLabel ?? '—' },
            { key: 'desc', label: t('portal.ticketDescription'), children: <span className="wd-pre wd-wrap">{x.description}</span> },
            ...(x.rating != null ? [{ key: 'rating', label: t('portal.myRating'), children: <Rate disabled value={x.rating} style={{ fontSize: 14 }} /> }] : []),
          ]}
        />
        <Flex gap={8} wrap style={{ marginTop: 8 }}>
          {x.status === 'resolved' && (
            <Button type="primary" loading={step.isPending && step.variables?.path === 'confirm'} onClick={() => step.mutate({ path: 'confirm', body: {} })} data-testid="portal-confirm">
              {t('portal.confirm')}
            </Button>
          )}
          {canRate && (
            <Button onClick={() => setRating(true)} data-testid="portal-rate">
              {t('portal.rate')}
            </Button>
          )}
          {reporterMayCancel(x.status) && (
            <Popconfirm title={t('portal.cancelConfirm')} onConfirm={() => step.mutate({ path: 'cancel', body: {} })} okButtonProps={{ danger: true }}>
              <Button danger data-testid="portal-cancel">
                {t('portal.cancel')}
              </Button>
            </Popconfirm>
          )}
        </Flex>
      </Card>
      <Card className="wd-portal-card" title={t('photos.title')} size="small" extra={!['closed', 'cancelled'].includes(x.status) && <PhotoUploadButton ticketId={x.id} onDone={refresh} size="small" />}>
        <PhotoStrip photos={x.photos} />
      </Card>
      <Card className="wd-portal-card" title={t('portal.progress')} size="small">
        <TicketTimeline events={x.events} />
      </Card>
      <Modal
        open={rating}
        title={t('portal.rate')}
        onCancel={() => setRating(false)}
        onOk={() => rateForm.submit()}
        okButtonProps={{ loading: step.isPending, ...({ 'data-testid': 'portal-rate-ok' } as Record<string, string>) }}
        destroyOnHidden
      >
        <Form form={rateForm} layout="vertical" requiredMark={false} onFinish={(v) => step.mutate({ path: 'rate', body: { score: v.score, comment: v.comment?.trim() || undefined } })}>
          <Form.Item name="score" label={t('portal.rateScore')} rules={[{ required: true, message: t('visit.scoreRequired') }]}>
            <Rate style={{ fontSize: 30 }} data-testid="portal-rate-score" />
          </Form.Item>
          <Form.Item name="comment" label={t('visit.comment')} style={{ marginBottom: 0 }}>
            <Input.TextArea rows={3} maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
    </Flex>
  );
}
