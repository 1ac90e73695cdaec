import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Badge, Button, Card, Flex, Table, type TableColumnsType } from 'antd';
import { type ReactNode, useState } from 'react';
import { useNavigate } from 'react-router';
import { DEPARTMENT_LABELS } from '../../../core/desk-labels.ts';
import { api } from '../../api/client.ts';
import type { TicketListItem } from '../../api/desk-types.ts';
import type { ListResponse } from '../../api/types.ts';
import { useSession } from '../../app/session.tsx';
import { AgreementTag, EmergencyTag, TicketStatusTag, TypeTag } from '../../components/desk/TicketTags.tsx';
import { formatDateTime, formatInstant } from '../../components/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ErrorResult } from '../../components/Results.tsx';
import { useReportError } from '../../components/useReportError.ts';
import { useI18n } from '../../i18n/index.tsx';
import { lazyDialog } from '../../components/lazyParts.tsx';

// Loaded on first open (npm run bench:web's page budget).
const ActionModal = lazyDialog(() => import('./ticket/ActionModal.tsx').then((m) => m.ActionModal), (p) => p.action !== null);


function useList(estateId: number | undefined, filter: Record<string, number>) {
  return useQuery({
    queryKey: ['tickets', { estateId, ...filter, pageSize: 50 }],
    queryFn: () => api<ListResponse<TicketListItem>>('/api/v1/tickets', { query: { estateId, ...filter, pageSize: 50 } }),
    enabled: !!estateId,
    refetchInterval: 60_000,
  });
}

/** 部门工单: the department's pool waiting for someone to take it, and what I am working on. */
export default function WorkPage() {
  const { t, label } = useI18n();
  const { estateId, me } = useSession();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const reportError = useReportError();
  const pool = useList(estateId, { pool: 1 });
  const mine = useList(estateId, { mine: 1, open: 1 });
  const [resolving, setResolving] = useState<TicketListItem | null>(null);
  const refresh = () => void qc.invalidateQueries({ queryKey: ['tickets'] });
  const accept = useMutation({
    mutationFn: (id: number) => api(`/api/v1/tickets/${id}/accept`, { body: {} }),
    onSuccess: () => {
      message.success(t('work.accepted'));
      refresh();
    },
    onError: (err) => {
      reportError(err);
      refresh();
    },
  });

  const columns = (action: (r: TicketListItem) => ReactNode): TableColumnsType<TicketListItem> => [
    { title: t('ticket.number'), dataIndex: 'number', width: 116, render: (v: string) => <span className="wd-mono">{v}</span> },
    { title: t('ticket.type'), dataIndex: 'type', width: 92, render: (v: string) => <TypeTag type={v} /> },
    {
      title: t('ticket.title'),
      dataIndex: 'title',
      ellipsis: true,
      render: (v: string, r) => (
        <Flex gap={6} align="center">
          {r.emergency && <EmergencyTag incidentType={r.incidentType} />}
          <span className="wd-ellipsis">{v}</span>
        </Flex>
      ),
    },
    { title: t('ticket.unit'), dataIndex: 'unitLabel', width: 100, render: (v: string | null) => v ?? t('ticket.publicArea') },
    { title: t('ticket.department'), dataIndex: 'department', width: 96, render: (v: string | null) => label(DEPARTMENT_LABELS, v) },
    { title: t('ticket.status'), dataIndex: 'status', width: 92, render: (v: string) => <TicketStatusTag status={v} /> },
    { title: t('ticket.agreement'), key: 'agreement', width: 168, render: (_: unknown, r) => <AgreementTag ticket={r} /> },
    { title: t('ticket.appointmentAt'), dataIndex: 'appointmentAt', width: 110, render: (v: string | null) => (v ? <span title={formatDateTime(v)}>{formatInstant(v, 'MM-DD HH:mm')}</span> : '—') },
    { title: t('common.actions'), key: 'op', width: 112, fixed: 'right', render: (_: unknown, r) => <span onClick={(e) => e.stopPropagation()}>{action(r)}</span> },
  ];

  const table = (q: typeof pool, testId: string, action: (r: TicketListItem) => ReactNode, empty: string) =>
    q.error ? (
      <ErrorResult error={q.error} />
    ) : (
      <Table<TicketListItem>
        rowKey="id"
        size="middle"
        columns={columns(action)}
        dataSource={q.data?.items}
        loading={q.isPending}
        pagination={false}
        tableLayout="fixed"
        scroll={{ x: 1000 }}
        rowClassName="wd-clickable"
        onRow={(r) => ({ onClick: () => navigate(`/desk/tickets/${r.id}`) })}
        locale={{ emptyText: empty }}
        data-testid={testId}
      />
    );

  return (
    <>
      <PageHeader title={t('nav.work')} subtitle={me.user.role === 'dept_staff' ? t('work.subtitleDept') : t('work.subtitle')} />
      <Flex vertical gap={16}>
        <Card
          size="small"
          title={
            <Flex gap={8} align="center">
              {t('work.pool')} <Badge count={pool.data?.total ?? 0} showZero color="#1677ff" />
            </Flex>
          }
        >
          {table(
            pool,
            'pool-table',
            (r) =>
              r.actions.includes('accept') && (
                <Button type="primary" size="small" loading={accept.isPending && accept.variables === r.id} onClick={() => accept.mutate(r.id)} data-testid={`accept-${r.id}`}>
                  {t('action.accept')}
                </Button>
              ),
            t('work.poolEmpty'),
          )}
        </Card>
        <Card
          size="small"
          title={
            <Flex gap={8} align="center">
              {t('work.mine')} <Badge count={mine.data?.total ?? 0} showZero color="#52c41a" />
            </Flex>
          }
        >
          {table(
            mine,
            'mine-table',
            (r) =>
              r.actions.includes('resolve') && (
                <Button size="small" type="primary" ghost onClick={() => setResolving(r)} data-testid={`resolve-${r.id}`}>
                  {t('action.resolve')}
                </Button>
              ),
            t('work.mineEmpty'),
          )}
        </Card>
      </Flex>
      {resolving && (
        <ActionModal
          ticket={resolving}
          action="resolve"
          onClose={() => setResolving(null)}
          onDone={() => {
            setResolving(null);
            refresh();
          }}
        />
      )}
    </>
  );
}
