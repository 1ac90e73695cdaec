import { PrinterOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Flex, Input, Modal, Select, Statistic, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { PLAN_SOURCE_LABELS, PLAN_STATUS_LABELS, VISIT_OUTCOME_LABELS, VISIT_PURPOSE_LABELS } from '../../../core/relations-labels.ts';
import { SOURCE_PURPOSE } from '../../../core/visits.ts';
import { api } from '../../api/client.ts';
import type { HomeVisit, VisitCoverage, VisitPlan, VisitPlanItem } from '../../api/relations-types.ts';
import type { ListResponse } from '../../api/types.ts';
import { useSession } from '../../app/session.tsx';
import { formatDateTime } from '../../components/format.ts';
import { lazyDialog } from '../../components/lazyParts.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { CardSkeleton, ErrorResult } from '../../components/Results.tsx';
import { useReportError } from '../../components/useReportError.ts';
import { useI18n } from '../../i18n/index.tsx';
import { OwnerVisitRequests } from './OwnerVisitRequests.tsx';
import type { VisitTarget } from './HomeVisitModal.tsx';

// The visit record form (its date picker, rating and number fields) is fetched when first opened.
const HomeVisitModal = lazyDialog(() => import('./HomeVisitModal.tsx').then((m) => m.HomeVisitModal), (p) => p.target !== null);

/** 走访计划: today's plan per area administrator (special care first), the visits, and coverage. */
export default function VisitPlanPage() {
  const { t, label } = useI18n();
  const { estateId, can } = useSession();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const reportError = useReportError();
  const [target, setTarget] = useState<VisitTarget | null>(null);
  const [dropping, setDropping] = useState<VisitPlanItem | null>(null);
  const [adding, setAdding] = useState<VisitPlan | null>(null);
  const [reason, setReason] = useState('');
  const [household, setHousehold] = useState<number | null>(null);
  const [search, setSearch] = useState('');
  const plans = useQuery({ queryKey: ['visit-plans', estateId], queryFn: () => api<{ items: VisitPlan[] }>('/api/v1/visit-plans', { query: { estateId } }), enabled: !!estateId });
  const coverage = useQuery({ queryKey: ['visit-coverage', estateId], queryFn: () => api<VisitCoverage>('/api/v1/visit-reports/coverage', { query: { estateId } }), enabled: !!estateId });
  const visits = useQuery({ queryKey: ['home-visits', estateId], queryFn: () => api<ListResponse<HomeVisit>>('/api/v1/home-visits', { query: { estateId, pageSize: 20 } }), enabled: !!estateId });
  const found = useQuery({
    queryKey: ['households-search', estateId, search],
    queryFn: () => api<ListResponse<{ id: number; name: string; unitLabel: string }>>('/api/v1/households', { query: { estateId, q: search, pageSize: 20 } }),
    enabled: !!adding && search.length > 0,
  });
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: ['visit-plans'] });
    void qc.invalidateQueries({ queryKey: ['visit-coverage'] });
    void qc.invalidateQueries({ queryKey: ['home-visits'] });
  };
  const generate = useMutation({
    mutationFn: () => api<{ created: number }>('/api/v1/visit-plans/generate', { body: { estateId } }),
    onSuccess: (r) => {
      message.success(t('rel.visit.generated', { n: r.created }));
      refresh();
    },
    onError: (e) => reportError(e),
  });
  const act = useMutation({
    mutationFn: (p: { url: string; body?: unknown }) => api(p.url, { method: 'POST', body: p.body }),
    onSuccess: () => {
      setDropping(null);
      setAdding(null);
      setReason('');
      setHousehold(null);
      refresh();
    },
    onError: (e) => reportError(e),
  });

  const columns: TableColumnsType<VisitPlanItem> = [
    { title: t('rel.visit.seq'), dataIndex: 'seq', width: 48 },
    { title: t('rel.visit.unit'), dataIndex: 'unitLabel', width: 100, render: (v: string, r) => <Link to={`/units/${r.unitId}`}>{v}</Link> },
    { title: t('rel.visit.household'), dataIndex: 'householdName', ellipsis: true },
    {
      title: t('rel.visit.source'),
      dataIndex: 'source',
      render: (v: string, r) => (
        <Flex gap={4} wrap>
          <Tag color={v === 'special_care' ? 'red' : v === 'follow_up' ? 'orange' : 'blue'}>{label(PLAN_SOURCE_LABELS, v)}</Tag>
          {r.specialCare && v !== 'special_care' && <Tag color="red">{t('rel.visit.special')}</Tag>}
          {r.carriedOver && <Tag>{t('rel.visit.carried')}</Tag>}
          {r.phoneNext && <Tag color="gold">{t('rel.visit.phoneNext')}</Tag>}
          {r.note && <span className="wd-muted">{r.note}</span>}
        </Flex>
      ),
    },
    { title: t('rel.visit.lastVisit'), dataIndex: 'lastVisitOn', width: 110, render: (v: string | null) => v ?? <span className="wd-muted">{t('rel.visit.never')}</span> },
    {
      title: t('common.actions'),
      key: 'op',
      width: 190,
      render: (_: unknown, r) =>
        r.visitId ? (
          <Tag color="green">{t('rel.visit.visited')}</Tag>
        ) : r.droppedAt ? (
          <span className="wd-muted">{t('rel.visit.dropped', { reason: r.dropReason ?? '' })}</span>
        ) : (
          <Flex gap={4}>
            <Button size="small" type="primary" data-testid={`record-${r.id}`} onClick={() => setTarget({ householdId: r.householdId, planItemId: r.id, purpose: r.purpose, phoneNext: r.phoneNext, title: `${r.unitLabel} ${r.householdName}` })}>
              {t('rel.visit.record')}
            </Button>
            <Button size="small" onClick={() => setDropping(r)}>
              {t('rel.visit.drop')}
            </Button>
          </Flex>
        ),
    },
  ];
  const visitColumns: TableColumnsType<HomeVisit> = [
    { title: t('rel.visit.visitedAt'), dataIndex: 'visitedAt', width: 140, render: (v: string) => formatDateTime(v).slice(0, 16) },
    { title: t('rel.visit.unit'), dataIndex: 'unitLabel', width: 100 },
    { title: t('rel.visit.purpose'), dataIndex: 'purpose', width: 110, render: (v: string) => label(VISIT_PURPOSE_LABELS, v) },
    { title: t('rel.visit.outcome'), dataIndex: 'outcome', width: 90, render: (v: string) => label(VISIT_OUTCOME_LABELS, v) },
    { title: t('rel.visit.visitor'), dataIndex: 'visitorName', width: 160, ellipsis: true },
    { title: t('rel.visit.opinions'), dataIndex: 'opinions', ellipsis: true, render: (v: string | null, r) => <>{r.careConcern && <Tag color="red">{t('rel.visit.special')}</Tag>}{v ?? '—'}</> },
    { title: t('rel.visit.form'), key: 'print', width: 70, render: (_: unknown, r) => <Link to={`/print/relations/visits/${r.id}`}><PrinterOutlined /></Link> },
  ];
  const c = coverage.data;
  return (
    <>
      <PageHeader
        title={t('rel.visit.title')}
        subtitle={t('rel.visit.subtitle')}
        extra={
          <Flex gap={8}>
            <Link to="/print/relations/visit-form">
              <Button icon={<PrinterOutlined />}>{t('rel.visit.blankForm')}</Button>
            </Link>
            {can('visit.config') && (
              <Button type="primary" loading={generate.isPending} onClick={() => generate.mutate()} data-testid="generate-plans">
                {t('rel.visit.generate')}
              </Button>
            )}
          </Flex>
        }
      />
      {c && (
        <Flex gap={16} wrap style={{ marginBottom: 16 }}>
          <Card size="small" style={{ minWidth: 220 }}>
            <Statistic title={t('rel.visit.coverage')} value={c.rate ?? '—'} suffix={c.rate == null ? '' : '%'} data-testid="coverage-rate" />
            <span className="wd-muted">{t('rel.visit.visitedInCycle')} {c.visited} / {c.households}</span>
          </Card>
          <Card size="small" style={{ minWidth: 220 }}>
            <Statistic title={t('rel.visit.specialCoverage')} value={c.specialRate ?? '—'} suffix={c.specialRate == null ? '' : '%'} />
            <span className="wd-muted">{c.specialVisited} / {c.special}</span>
          </Card>
          <Card size="small" style={{ flex: 1, minWidth: 280 }}>
            {c.formulas.map((f) => (
              <div key={f} className="wd-muted" style={{ fontSize: 12 }}>{f}</div>
            ))}
          </Card>
        </Flex>
      )}
      <OwnerVisitRequests onScheduled={refresh} />
      {plans.isPending ? (
        <Card><CardSkeleton /></Card>
      ) : plans.error ? (
        <Card><ErrorResult error={plans.error} /></Card>
      ) : !plans.data.items.length ? (
        <Card><Empty description={t('rel.visit.noPlans')} /></Card>
      ) : (
        <Flex vertical gap={16}>
          {plans.data.items.map((p) => (
            <Card
              key={p.id}
              size="small"
              data-testid="visit-plan"
              title={
                <Flex gap={8} align="center">
                  <span>{t('rel.visit.plan', { area: p.areaName, user: p.userName })}</span>
                  <Tag>{p.date}</Tag>
                  <Tag color={p.status === 'confirmed' ? 'green' : undefined}>{label(PLAN_STATUS_LABELS, p.status)}</Tag>
                </Flex>
              }
              extra={
                p.status !== 'closed' && (
                  <Flex gap={8}>
                    <Button size="small" onClick={() => setAdding(p)}>{t('rel.visit.add')}</Button>
                    {p.status === 'draft' && (
                      <Button size="small" onClick={() => act.mutate({ url: `/api/v1/visit-plans/${p.id}/confirm` })}>{t('rel.visit.confirm')}</Button>
                    )}
                  </Flex>
                )
              }
            >
              <Table<VisitPlanItem> rowKey="id" size="small" columns={columns} dataSource={p.items} pagination={false} scroll={{ x: 760 }} rowClassName={(r) => (r.droppedAt ? 'wd-muted' : '')} />
            </Card>
          ))}
        </Flex>
      )}
      <Card size="small" title={t('rel.visit.recent')} style={{ marginTop: 16 }}>
        <Table<HomeVisit> rowKey="id" size="small" columns={visitColumns} dataSource={visits.data?.items ?? []} loading={visits.isPending} pagination={false} scroll={{ x: 800 }} />
      </Card>
      <HomeVisitModal
        target={target}
        onClose={() => setTarget(null)}
        onDone={() => {
          setTarget(null);
          refresh();
        }}
      />
      <Modal open={!!dropping} title={t('rel.visit.drop')} okButtonProps={{ disabled: !reason.trim(), loading: act.isPending }} onCancel={() => setDropping(null)} onOk={() => act.mutate({ url: `/api/v1/visit-plan-items/${dropping!.id}/drop`, body: { reason } })} destroyOnHidden>
        <Typography.Paragraph>{dropping?.unitLabel} {dropping?.householdName}</Typography.Paragraph>
        <Input.TextArea rows={2} maxLength={200} placeholder={t('rel.visit.dropReason')} value={reason} onChange={(e) => setReason(e.target.value)} />
      </Modal>
      <Modal open={!!adding} title={t('rel.visit.add')} okButtonProps={{ disabled: !reason.trim() || !household, loading: act.isPending }} onCancel={() => setAdding(null)} onOk={() => act.mutate({ url: `/api/v1/visit-plans/${adding!.id}/items`, body: { householdId: household, note: reason } })} destroyOnHidden>
        <Flex vertical gap={12}>
          <Select
            showSearch
            filterOption={false}
            placeholder={t('rel.visit.searchHousehold')}
            onSearch={setSearch}
            value={household ?? undefined}
            onChange={setHousehold}
            options={(found.data?.items ?? []).map((h) => ({ value: h.id, label: `${h.unitLabel} ${h.name}` }))}
            style={{ width: '100%' }}
          />
          <Input.TextArea rows={2} maxLength={200} placeholder={t('rel.visit.addReason')} value={reason} onChange={(e) => setReason(e.target.value)} />
        </Flex>
      </Modal>
    </>
  );
}

export { SOURCE_PURPOSE };
