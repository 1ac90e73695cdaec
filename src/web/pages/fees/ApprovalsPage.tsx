import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Badge, Button, Card, Flex, Form, Input, Modal, Segmented, Table, type TableColumnsType, Tabs } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { api } from '../../api/client.ts';
import type { Discount, Reversal, Waiver } from '../../api/fee-types.ts';
import { useSession } from '../../app/session.tsx';
import { ApprovalTag } from '../../components/fees/FeeTags.tsx';
import { FEES } from '../../components/fees/queries.ts';
import { formatBp, formatDate, formatDateTime, formatFen } from '../../components/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ErrorResult } from '../../components/Results.tsx';
import { useReportError } from '../../components/useReportError.ts';
import { type MessageKey, useT } from '../../i18n/index.tsx';

type Kind = 'reversals' | 'waivers' | 'discounts';
type Row = { id: number; status: string; createdAt?: string; requestedAt?: string; requestedByName?: string | null; decidedByName?: string | null; decisionNote?: string | null };
const asList = <T,>(d: { items: T[] } | T[] | undefined): T[] => (Array.isArray(d) ? d : (d?.items ?? []));

/** 审批: reversals, waivers and vacant-unit discounts waiting for the assistant or the director. */
export default function ApprovalsPage() {
  const t = useT();
  const { estateId, can } = useSession();
  const [params, setParams] = useSearchParams();
  const kind = (['reversals', 'waivers', 'discounts'].includes(params.get('tab') ?? '') ? params.get('tab') : 'reversals') as Kind;
  const status = params.get('status') === 'all' ? undefined : 'pending';
  const [deciding, setDeciding] = useState<{ kind: Kind; row: Row; approve: boolean } | null>(null);
  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) v ? next.set(k, v) : next.delete(k);
    setParams(next, { replace: true });
  };
  const lists = {
    reversals: useQuery({ queryKey: [FEES, 'reversals', estateId, status], queryFn: () => api<{ items: Reversal[] }>('/api/v1/fees/reversals', { query: { estateId, status } }), enabled: !!estateId, placeholderData: keepPreviousData }),
    waivers: useQuery({ queryKey: [FEES, 'waivers', estateId, status], queryFn: () => api<{ items: Waiver[] }>('/api/v1/fees/waivers', { query: { estateId, status } }), enabled: !!estateId, placeholderData: keepPreviousData }),
    discounts: useQuery({ queryKey: [FEES, 'discounts', estateId, status], queryFn: () => api<{ items: Discount[] }>('/api/v1/fees/discounts', { query: { estateId, status } }), enabled: !!estateId, placeholderData: keepPreviousData }),
  };
  const pendingCount = (k: Kind) => (status ? asList<Row>(lists[k].data as { items: Row[] }).filter((r) => r.status === 'pending').length : 0);

  const common = (k: Kind): TableColumnsType<Row> => [
    { title: t('fees.approval.status'), dataIndex: 'status', width: 90, render: (v: string) => <ApprovalTag status={v} /> },
    { title: t('fees.approval.requestedBy'), key: 'by', width: 150, render: (_: unknown, r) => <div className="wd-two-lines"><div>{r.requestedByName ?? '—'}</div><div className="wd-muted wd-small">{formatDateTime(r.requestedAt ?? r.createdAt).slice(0, 16)}</div></div> },
    { title: t('fees.approval.decision'), key: 'decision', width: 160, ellipsis: true, render: (_: unknown, r) => (r.decidedByName ? `${r.decidedByName}${r.decisionNote ? `：${r.decisionNote}` : ''}` : '—') },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 150,
      render: (_: unknown, r) =>
        r.status === 'pending' && can('fee.approve') ? (
          <Flex gap={4}>
            <Button size="small" type="primary" onClick={() => setDeciding({ kind: k, row: r, approve: true })} data-testid={`approve-${k}-${r.id}`}>
              {t('fees.approval.approve')}
            </Button>
            <Button size="small" danger onClick={() => setDeciding({ kind: k, row: r, approve: false })}>
              {t('fees.approval.reject')}
            </Button>
          </Flex>
        ) : null,
    },
  ];
  const columns: Record<Kind, TableColumnsType<Row>> = {
    reversals: [
      { title: t('fees.payment.receiptNo'), dataIndex: 'receiptNo', width: 150, render: (v: string | undefined, r) => <span className="wd-mono">{v ?? `#${(r as Reversal).paymentId}`}</span> },
      { title: t('fees.unit'), dataIndex: 'unitLabel', width: 110 },
      { title: t('fees.payment.amount'), dataIndex: 'amount', width: 110, align: 'right', render: (v: number | undefined) => <span className="wd-money">{formatFen(v)}</span> },
      { title: t('common.reason'), dataIndex: 'reason', ellipsis: true },
      ...common('reversals'),
    ],
    waivers: [
      { title: t('fees.unit'), dataIndex: 'unitLabel', width: 110 },
      { title: t('fees.line.item'), key: 'item', width: 160, render: (_: unknown, r) => `${(r as Waiver).itemName ?? ''} ${(r as Waiver).period ?? ''}` },
      { title: t('fees.waiver.principal'), dataIndex: 'principal', width: 110, align: 'right', render: (v: number) => <span className="wd-money">{formatFen(v)}</span> },
      { title: t('fees.waiver.lateFee'), dataIndex: 'lateFee', width: 110, align: 'right', render: (v: number) => <span className="wd-money">{formatFen(v)}</span> },
      { title: t('common.reason'), dataIndex: 'reason', ellipsis: true },
      ...common('waivers'),
    ],
    discounts: [
      { title: t('fees.unit'), dataIndex: 'unitLabel', width: 110, render: (v: string | undefined, r) => v ?? `#${(r as Discount).unitId}` },
      { title: t('fees.discount.percent'), dataIndex: 'percentBp', width: 90, align: 'right', render: (v: number) => formatBp(v, 0) },
      { title: t('fees.discount.range'), key: 'range', width: 200, render: (_: unknown, r) => `${formatDate((r as Discount).fromDate)} ~ ${formatDate((r as Discount).toDate)}` },
      { title: t('common.reason'), dataIndex: 'reason', ellipsis: true },
      ...common('discounts'),
    ],
  };

  const current = lists[kind];
  return (
    <>
      <PageHeader title={t('nav.feesApprovals')} subtitle={t('fees.approval.subtitle')} />
      <Card size="small" styles={{ body: { paddingTop: 4 } }}>
        <Tabs
          activeKey={kind}
          onChange={(k) => set({ tab: k === 'reversals' ? undefined : k })}
          tabBarExtraContent={
            <Segmented
              value={status ? 'pending' : 'all'}
              onChange={(v) => set({ status: v === 'all' ? 'all' : undefined })}
              options={[
                { value: 'pending', label: t('fees.approval.pending') },
                { value: 'all', label: t('fees.approval.all') },
              ]}
            />
          }
          items={(['reversals', 'waivers', 'discounts'] as const).map((k) => ({
            key: k,
            label: (
              <span>
                {t(`fees.approval.tab.${k}` as MessageKey)} <Badge count={pendingCount(k)} size="small" />
              </span>
            ),
          }))}
        />
        {current.error ? (
          <ErrorResult error={current.error} />
        ) : (
          <Table<Row>
            rowKey="id"
            size="middle"
            columns={columns[kind]}
            dataSource={asList<Row>(current.data as { items: Row[] })}
            loading={current.isFetching && !current.data}
            tableLayout="fixed"
            scroll={{ x: 1000 }}
            pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
            locale={{ emptyText: t(status ? 'fees.approval.nonePending' : 'fees.approval.none') }}
            data-testid="approvals-table"
          />
        )}
      </Card>
      <DecideModal deciding={deciding} onClose={() => setDeciding(null)} />
    </>
  );
}

function DecideModal({ deciding, onClose }: { deciding: { kind: Kind; row: Row; approve: boolean } | null; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const reportError = useReportError();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ note?: string }>();
  const [busy, setBusy] = useState(false);
  const ok = async () => {
    if (!deciding) return;
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setBusy(true);
    try {
      await api(`/api/v1/fees/${deciding.kind}/${deciding.row.id}/decide`, { body: { approve: deciding.approve, note: v.note?.trim() || undefined } });
      message.success(deciding.approve ? t('fees.approval.approved') : t('fees.approval.rejected'));
      await qc.invalidateQueries({ queryKey: [FEES] });
      onClose();
    } catch (err) {
      reportError(err, form);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={!!deciding}
      title={deciding?.approve ? t('fees.approval.approve') : t('fees.approval.reject')}
      okText={deciding?.approve ? t('fees.approval.approve') : t('fees.approval.reject')}
      okButtonProps={{ danger: !deciding?.approve, loading: busy, ...({ 'data-testid': 'decide-ok' } as Record<string, string>) }}
      onOk={ok}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" requiredMark={false}>
        <Form.Item name="note" label={t('fees.approval.note')} rules={[{ required: deciding ? !deciding.approve : false, whitespace: true, message: t('fees.approval.noteRequired') }]} style={{ marginBottom: 0 }}>
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
