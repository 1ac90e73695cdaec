import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Rate, Table, type TableColumnsType, Tabs, Tag } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { VISIT_TAG_LABELS } from '../../../core/desk-labels.ts';
import { api } from '../../api/client.ts';
import type { Visit } from '../../api/desk-types.ts';
import type { ListResponse } from '../../api/types.ts';
import { useSession } from '../../app/session.tsx';
import { useServerNow } from '../../components/desk/useServerNow.ts';
import { TypeTag } from '../../components/desk/TicketTags.tsx';
import { formatDateTime, formatInstant } from '../../components/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ErrorResult } from '../../components/Results.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { VisitRecordModal } from './VisitRecordModal.tsx';

/** 回访: call the resident back after the work is done; my own tasks first. */
export default function VisitsPage() {
  const { t, label } = useI18n();
  const { estateId, me } = useSession();
  const qc = useQueryClient();
  const now = useServerNow();
  const [params, setParams] = useSearchParams();
  const done = params.get('tab') === 'done';
  const [recording, setRecording] = useState<Visit | null>(null);
  const list = useQuery({
    queryKey: ['return-visits', { estateId, done }],
    queryFn: () => api<ListResponse<Visit>>('/api/v1/return-visits', { query: { estateId, done: done ? 1 : 0, pageSize: 100 } }),
    enabled: !!estateId,
  });
  const rows = [...(list.data?.items ?? [])];
  if (!done) rows.sort((a, b) => Number(b.assigneeId === me.user.id) - Number(a.assigneeId === me.user.id) || a.dueAt.localeCompare(b.dueAt));

  const columns: TableColumnsType<Visit> = [
    { title: t('ticket.number'), dataIndex: 'ticketNumber', width: 116, render: (v: string, r) => <Link to={`/desk/tickets/${r.ticketId}`} className="wd-mono">{v}</Link> },
    { title: t('ticket.type'), dataIndex: 'type', width: 92, render: (v: string) => <TypeTag type={v} /> },
    { title: t('ticket.title'), dataIndex: 'ticketTitle', ellipsis: true },
    { title: t('ticket.unit'), dataIndex: 'unitLabel', width: 100, render: (v: string | null) => v ?? t('ticket.publicArea') },
    { title: t('ticket.reporter'), dataIndex: 'reporterName', width: 100, ellipsis: true },
    {
      title: t('visit.assignee'),
      dataIndex: 'assigneeName',
      width: 130,
      ellipsis: true,
      render: (v: string | null, r) => (r.assigneeId === me.user.id ? <Tag color="blue">{t('visit.me')}</Tag> : (v ?? '—')),
    },
    {
      title: t('ticket.rating'),
      dataIndex: 'residentRating',
      width: 130,
      render: (v: number | null) => (v ? <Rate disabled value={v} style={{ fontSize: 12 }} /> : <span className="wd-muted">{t('visit.notRated')}</span>),
    },
    ...(done
      ? [
          { title: t('visit.doneAtCol'), dataIndex: 'doneAt', width: 140, render: (v: string) => formatDateTime(v).slice(0, 16) },
          { title: t('visit.score'), dataIndex: 'score', width: 130, render: (v: number) => <Rate disabled value={v} style={{ fontSize: 12 }} /> },
          {
            title: t('visit.tags'),
            dataIndex: 'tags',
            width: 150,
            render: (v: string[], r: Visit) => (
              <span className="wd-tags" title={r.comment ?? ''}>
                {v.map((x) => <Tag key={x}>{label(VISIT_TAG_LABELS, x)}</Tag>)}
                {!v.length && (r.comment ? <span className="wd-ellipsis">{r.comment}</span> : '—')}
              </span>
            ),
          },
        ]
      : [
          {
            title: t('visit.dueAt'),
            dataIndex: 'dueAt',
            width: 120,
            render: (v: string) => <span className={Date.parse(v) < now ? 'wd-overdue' : undefined}>{formatInstant(v, 'MM-DD HH:mm')}</span>,
          },
          {
            title: t('common.actions'),
            key: 'op',
            width: 110,
            fixed: 'right' as const,
            render: (_: unknown, r: Visit) => (
              <Button size="small" type="primary" onClick={() => setRecording(r)} data-testid={`visit-record-${r.ticketId}`}>
                {t('visit.record')}
              </Button>
            ),
          },
        ]),
  ];

  return (
    <>
      <PageHeader title={t('nav.visits')} subtitle={t('visit.subtitle')} />
      <Card styles={{ body: { paddingTop: 4 } }}>
        <Tabs
          activeKey={done ? 'done' : 'open'}
          onChange={(k) => setParams(k === 'done' ? { tab: 'done' } : {}, { replace: true })}
          items={[
            { key: 'open', label: t('visit.tabOpen') },
            { key: 'done', label: t('visit.tabDone') },
          ]}
        />
        {list.error ? (
          <ErrorResult error={list.error} />
        ) : (
          <Table<Visit>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={rows}
            loading={list.isPending}
            tableLayout="fixed"
            scroll={{ x: 1100 }}
            pagination={{ pageSize: 20, showTotal: (n) => t('common.total', { n }), hideOnSinglePage: true }}
            rowClassName={(r) => (r.assigneeId === me.user.id && !done ? 'wd-row-mine' : '')}
            locale={{ emptyText: t(done ? 'visit.noneDone' : 'visit.noneOpen') }}
            data-testid="visits-table"
          />
        )}
      </Card>
      <VisitRecordModal
        visitId={recording?.id ?? null}
        title={recording ? `${recording.ticketNumber} ${recording.ticketTitle}` : undefined}
        onClose={() => setRecording(null)}
        onDone={() => {
          setRecording(null);
          void qc.invalidateQueries({ queryKey: ['return-visits'] });
          void qc.invalidateQueries({ queryKey: ['tickets'] });
          void qc.invalidateQueries({ queryKey: ['ticket'] });
        }}
      />
    </>
  );
}
