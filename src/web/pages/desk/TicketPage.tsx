import { AlertOutlined, PrinterOutlined, RedoOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Col, Flex, Row, Tag } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { api } from '../../api/client.ts';
import type { TicketDetail } from '../../api/desk-types.ts';
import { useSession } from '../../app/session.tsx';
import { PhotoStrip, PhotoUploadButton } from '../../components/desk/Photos.tsx';
import { AgreementTag, EmergencyTag, TicketStatusTag, TypeTag } from '../../components/desk/TicketTags.tsx';
import { BillServiceButton } from '../../components/fees/BillServiceButton.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { OutageNoticeButton } from '../relations/OutageNoticeButton.tsx';
import { CardSkeleton, ErrorResult } from '../../components/Results.tsx';
import { useT } from '../../i18n/index.tsx';
import { ActionBar } from './ticket/ActionBar.tsx';
import { CommentBox } from './ticket/CommentBox.tsx';
import { PlanSteps } from './ticket/PlanSteps.tsx';
import { TicketInfo } from './ticket/TicketInfo.tsx';
import { TicketTimeline } from './ticket/TicketTimeline.tsx';
import { VisitPanel } from './ticket/VisitPanel.tsx';
import { lazyDialog } from '../../components/lazyParts.tsx';

// Loaded on first open (npm run bench:web's page budget).
const VisitRecordModal = lazyDialog(() => import('./VisitRecordModal.tsx').then((m) => m.VisitRecordModal), (p) => p.visitId !== null);


const FINAL = ['closed', 'cancelled'];

/** 工单详情: what happened, what may be done now, and everything done so far. */
export default function TicketPage() {
  const t = useT();
  const { id } = useParams();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { can } = useSession();
  const [visitOpen, setVisitOpen] = useState(false);
  const ticket = useQuery({ queryKey: ['ticket', Number(id)], queryFn: () => api<TicketDetail>(`/api/v1/tickets/${id}`) });
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: ['ticket', Number(id)] });
    void qc.invalidateQueries({ queryKey: ['tickets'] });
    void qc.invalidateQueries({ queryKey: ['return-visits'] });
  };
  const back = () => navigate(-1);

  if (ticket.isPending)
    return (
      <Card>
        <CardSkeleton rows={10} />
      </Card>
    );
  if (ticket.error) return <ErrorResult error={ticket.error} extra={<Button onClick={() => navigate('/desk/tickets')}>{t('ticket.backToList')}</Button>} />;
  const x = ticket.data;
  const print = (form: 'complaint' | 'incident') => window.open(`/print/tickets/${x.id}/${form}`, '_blank', 'noopener');

  return (
    <>
      <PageHeader
        onBack={back}
        title={
          <span>
            <span className="wd-mono" data-testid="ticket-number">
              {x.number}
            </span>{' '}
            {x.title}
          </span>
        }
        tags={
          <>
            <TypeTag type={x.type} />
            {x.emergency && <EmergencyTag incidentType={x.incidentType} />}
            <TicketStatusTag status={x.status} />
            <AgreementTag ticket={x} />
            {x.escalationLevel > 0 && (
              <Tag color="red" icon={<AlertOutlined />} data-testid="escalation-tag">
                {t('ticket.escalation', { n: x.escalationLevel })}
              </Tag>
            )}
            {x.reopenCount > 0 && (
              <Tag color="magenta" icon={<RedoOutlined />}>
                {t('ticket.reopened', { n: x.reopenCount })}
              </Tag>
            )}
          </>
        }
        extra={
          <>
            <Button icon={<PrinterOutlined />} onClick={() => print('complaint')} data-testid="print-complaint">
              {t('print.complaint')}
            </Button>
            <BillServiceButton ticket={x} />
            <OutageNoticeButton ticketId={x.id} emergency={x.emergency} incidentType={x.incidentType} />
            {x.emergency && (
              <Button icon={<PrinterOutlined />} onClick={() => print('incident')} data-testid="print-incident">
                {t('print.incident')}
              </Button>
            )}
          </>
        }
      />
      {x.actions.length > 0 && (
        <Card size="small" className="wd-action-card" data-testid="ticket-actions">
          <Flex gap={8} wrap align="center">
            <span className="wd-muted">{t('ticket.nextSteps')}</span>
            <ActionBar ticket={x} onDone={refresh} />
          </Flex>
        </Card>
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <Flex vertical gap={16}>
            <Card size="small" title={t('ticket.details')}>
              <TicketInfo ticket={x} />
            </Card>
            {x.steps.length > 0 && <PlanSteps ticketId={x.id} steps={x.steps} canDo={can('desk.register') && !FINAL.includes(x.status)} onDone={refresh} />}
            <Card size="small" title={t('photos.title')} extra={!FINAL.includes(x.status) && <PhotoUploadButton ticketId={x.id} onDone={refresh} size="small" />}>
              <PhotoStrip photos={x.photos} />
            </Card>
            {x.visit && (
              <VisitPanel
                visit={x.visit}
                extra={
                  !x.visit.doneAt &&
                  can('desk.visit') && (
                    <Button size="small" type="primary" onClick={() => setVisitOpen(true)} data-testid="ticket-visit-record">
                      {t('visit.record')}
                    </Button>
                  )
                }
              />
            )}
          </Flex>
        </Col>
        <Col xs={24} xl={9}>
          <Card size="small" title={t('timeline.title')}>
            <TicketTimeline events={x.events} />
            {can('desk.register') && <CommentBox ticketId={x.id} onDone={refresh} />}
          </Card>
        </Col>
      </Row>
      <VisitRecordModal
        visitId={visitOpen && x.visit ? x.visit.id : null}
        title={x.number}
        onClose={() => setVisitOpen(false)}
        onDone={() => {
          setVisitOpen(false);
          refresh();
        }}
      />
    </>
  );
}
