import { PrinterOutlined, RollbackOutlined, SearchOutlined, WalletOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Empty, Flex, Input, Row, Table, type TableColumnsType, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { api } from '../../api/client.ts';
import type { Account, Line, Payment, UnitHit } from '../../api/fee-types.ts';
import { useSession } from '../../app/session.tsx';
import { extraText, PaymentStatusTag, StepTag, useMethodLabel } from '../../components/fees/FeeTags.tsx';
import { FEES } from '../../components/fees/queries.ts';
import { formatDate, formatDateTime, formatFen } from '../../components/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { CardSkeleton, ErrorResult } from '../../components/Results.tsx';
import { useT } from '../../i18n/index.tsx';
import { PayForm } from './cashier/PayForm.tsx';
import { PrepaidModal } from './cashier/PrepaidModal.tsx';
import { ReversalModal } from './cashier/ReversalModal.tsx';
import { PendingSurveyHint } from '../relations/PendingSurveyHint.tsx';

/** Open lines oldest first: by due date, then period, then line. */
export function oldestFirst(a: Line, b: Line): number {
  return a.dueOn.localeCompare(b.dueOn) || a.period.localeCompare(b.period) || a.id - b.id;
}

/** 收费处: find a unit, see what it owes with late fees to date, take payment, print the receipt. */
export default function CashierPage() {
  const t = useT();
  const { estateId, can } = useSession();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [params, setParams] = useSearchParams();
  const unitId = Number(params.get('unit')) || undefined;
  const q = params.get('q') ?? '';
  const [search, setSearch] = useState(q);
  useEffect(() => setSearch(q), [q]);
  const [prepaidOpen, setPrepaidOpen] = useState(false);
  const [reversing, setReversing] = useState<Payment | null>(null);

  const hits = useQuery({
    queryKey: [FEES, 'unit-search', estateId, q],
    queryFn: () => api<{ items: UnitHit[] }>('/api/v1/fees/units/search', { query: { estateId, q } }),
    enabled: !!estateId && !!q,
  });
  const account = useQuery({
    queryKey: [FEES, 'account', unitId],
    queryFn: () => api<Account>(`/api/v1/fees/units/${unitId}/account`),
    enabled: !!unitId,
  });
  const lines = useMemo(() => [...(account.data?.openLines ?? [])].sort(oldestFirst), [account.data]);
  const [selected, setSelected] = useState<number[]>([]);
  // Every open line is chosen when the account (re)loads; the cashier unticks what is not paid now.
  useEffect(() => setSelected(lines.map((l) => l.id)), [lines]);
  const chosen = lines.filter((l) => selected.includes(l.id));
  const chosenTotal = chosen.reduce((s, l) => s + l.totalDue, 0);

  // One hit goes straight to the unit.
  useEffect(() => {
    const items = hits.data?.items;
    if (items?.length === 1 && !unitId) pick(items[0].unitId);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [hits.data]);

  function pick(id: number | undefined) {
    const next = new URLSearchParams(params);
    if (id) next.set('unit', String(id));
    else next.delete('unit');
    setParams(next, { replace: true });
  }
  const runSearch = () => {
    const next = new URLSearchParams();
    if (search.trim()) next.set('q', search.trim());
    setParams(next, { replace: true });
  };
  const reload = () => qc.invalidateQueries({ queryKey: [FEES] });
  const methodLabel = useMethodLabel();
  const back = `/fees/cashier?unit=${unitId ?? ''}`;
  const openReceipt = (id: number) => navigate(`/print/fees/receipts/${id}?back=${encodeURIComponent(back)}`);

  const lineColumns: TableColumnsType<Line> = [
    { title: t('fees.line.period'), dataIndex: 'period', width: 82 },
    { title: t('fees.line.item'), dataIndex: 'itemName', ellipsis: true, render: (v: string, r) => (extraText(r) ? <span title={extraText(r) ?? undefined}>{v} <span className="wd-muted wd-small">{extraText(r)}</span></span> : v) },
    { title: t('fees.line.dueOn'), dataIndex: 'dueOn', width: 100, render: formatDate },
    { title: t('fees.line.principalDue'), dataIndex: 'principalDue', width: 105, align: 'right', render: (v: number) => <span className="wd-money">{formatFen(v)}</span> },
    { title: t('fees.line.lateDue'), dataIndex: 'lateDue', width: 90, align: 'right', render: (v: number) => <span className={`wd-money${v ? ' wd-due' : ''}`}>{formatFen(v)}</span> },
    { title: t('fees.line.totalDue'), dataIndex: 'totalDue', width: 105, align: 'right', render: (v: number) => <b className="wd-money">{formatFen(v)}</b> },
  ];
  const paymentColumns: TableColumnsType<Payment> = [
    { title: t('fees.payment.receiptNo'), dataIndex: 'receiptNo', width: 150, render: (v: string) => <span className="wd-mono">{v}</span> },
    { title: t('fees.payment.paidAt'), dataIndex: 'paidAt', width: 160, render: (v: string) => formatDateTime(v).slice(0, 16) },
    { title: t('fees.payment.amount'), dataIndex: 'amount', width: 120, align: 'right', render: (v: number) => <span className="wd-money">{formatFen(v)}</span> },
    { title: t('fees.payment.method'), dataIndex: 'method', width: 90, render: methodLabel },
    { title: t('fees.payment.cashier'), dataIndex: 'cashierName', width: 100, ellipsis: true },
    { title: t('fees.payment.status'), dataIndex: 'status', width: 100, render: (v: string) => <PaymentStatusTag status={v} /> },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 170,
      render: (_: unknown, r) => (
        <Flex gap={4}>
          <Button size="small" type="link" icon={<PrinterOutlined />} onClick={() => openReceipt(r.id)} data-testid={`receipt-${r.id}`}>
            {t('fees.payment.receipt')}
          </Button>
          {can('fee.request') && r.status === 'valid' && (
            <Button size="small" type="link" danger icon={<RollbackOutlined />} onClick={() => setReversing(r)}>
              {t('fees.reversal.ask')}
            </Button>
          )}
        </Flex>
      ),
    },
  ];

  const a = account.data;
  return (
    <>
      <PageHeader title={t('nav.feesCashier')} subtitle={t('fees.cashier.subtitle')} />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Flex gap={8} wrap align="center">
          <Input
            allowClear
            size="large"
            prefix={<SearchOutlined />}
            placeholder={t('fees.cashier.searchPlaceholder')}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            onPressEnter={runSearch}
            style={{ maxWidth: 420 }}
            autoFocus
            data-testid="cashier-search"
          />
          <Button type="primary" size="large" onClick={runSearch} data-testid="cashier-search-go">
            {t('fees.cashier.search')}
          </Button>
        </Flex>
        {q && !unitId && (
          <div style={{ marginTop: 12 }}>
            {hits.error ? (
              <ErrorResult error={hits.error} />
            ) : (
              <Table<UnitHit>
                rowKey="unitId"
                size="small"
                loading={hits.isFetching}
                dataSource={hits.data?.items}
                pagination={false}
                rowClassName="wd-clickable"
                onRow={(r) => ({ onClick: () => pick(r.unitId) })}
                locale={{ emptyText: t('fees.cashier.noHit') }}
                data-testid="cashier-hits"
                columns={[
                  { title: t('fees.unit'), dataIndex: 'unitLabel', width: 140, render: (v: string) => <Typography.Link>{v}</Typography.Link> },
                  { title: t('fees.owner'), dataIndex: 'ownerName' },
                  { title: t('fees.phone'), dataIndex: 'phoneMasked', render: (v: string | null) => <span className="wd-mono">{v ?? '—'}</span> },
                  { title: t('fees.account.totalDue'), dataIndex: 'totalDue', align: 'right', render: (v: number) => <span className={`wd-money${v ? ' wd-due' : ''}`}>{formatFen(v)}</span> },
                  { title: t('fees.account.prepaid'), dataIndex: 'prepaidBalance', align: 'right', render: (v: number) => <span className="wd-money">{formatFen(v)}</span> },
                ]}
              />
            )}
          </div>
        )}
      </Card>

      {!unitId ? (
        !q && (
          <Card>
            <Empty description={t('fees.cashier.start')} />
          </Card>
        )
      ) : account.error ? (
        <ErrorResult error={account.error} />
      ) : !a ? (
        <Card>
          <CardSkeleton rows={8} />
        </Card>
      ) : (
        <Flex vertical gap={16}>
          <PendingSurveyHint unitId={unitId} />
          <Card size="small" data-testid="cashier-account">
            <Flex justify="space-between" align="center" gap={16} wrap>
              <div className="wd-fee-facts" style={{ flex: 1, minWidth: 320 }}>
                <div>
                  <div className="wd-fee-fact-label">{t('fees.unit')}</div>
                  <Typography.Text strong style={{ fontSize: 18 }} data-testid="cashier-unit">
                    {a.unitLabel}
                  </Typography.Text>
                </div>
                <div>
                  <div className="wd-fee-fact-label">{t('fees.owner')}</div>
                  <div style={{ fontSize: 16 }}>{a.ownerName ?? '—'}</div>
                </div>
                <div>
                  <div className="wd-fee-fact-label">{t('fees.account.totalDue')}</div>
                  <div className={`wd-money-big${a.totalDue ? ' wd-due' : ''}`} data-testid="cashier-total-due">
                    {formatFen(a.totalDue)}
                  </div>
                </div>
                <div>
                  <div className="wd-fee-fact-label">{t('fees.account.prepaid')}</div>
                  <div className="wd-money-big">{formatFen(a.prepaidBalance)}</div>
                </div>
                <div>
                  <div className="wd-fee-fact-label">{t('fees.arrears.step')}</div>
                  <StepTag step={a.arrearsStep} short />
                </div>
              </div>
              <Flex gap={8}>
                {can('fee.collect') && (
                  <Button icon={<WalletOutlined />} onClick={() => setPrepaidOpen(true)} data-testid="prepaid-open">
                    {t('fees.prepaid.deposit')}
                  </Button>
                )}
                <Button onClick={() => pick(undefined)}>{t('fees.cashier.otherUnit')}</Button>
              </Flex>
            </Flex>
          </Card>
          <Row gutter={16}>
            <Col xs={24} xl={16}>
              <Card size="small" title={t('fees.account.openLines', { n: lines.length })} style={{ height: '100%' }}>
                <Table<Line>
                  rowKey="id"
                  size="small"
                  columns={lineColumns}
                  dataSource={lines}
                  pagination={false}
                  tableLayout="fixed"
                  scroll={{ y: 420 }}
                  rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys as number[]) }}
                  locale={{ emptyText: t('fees.account.noOpenLines') }}
                  data-testid="open-lines"
                  summary={() =>
                    lines.length ? (
                      <Table.Summary fixed>
                        <Table.Summary.Row>
                          <Table.Summary.Cell index={0} colSpan={4}>
                            {t('fees.account.chosen', { n: chosen.length })}
                          </Table.Summary.Cell>
                          <Table.Summary.Cell index={1} colSpan={2} align="right">
                            <span className="wd-money">
                              {t('fees.line.principalDue')} {formatFen(chosen.reduce((s, l) => s + l.principalDue, 0))}
                            </span>
                          </Table.Summary.Cell>
                          <Table.Summary.Cell index={2} align="right">
                            <b className="wd-money" data-testid="chosen-total">
                              {formatFen(chosenTotal)}
                            </b>
                          </Table.Summary.Cell>
                        </Table.Summary.Row>
                      </Table.Summary>
                    ) : null
                  }
                />
              </Card>
            </Col>
            <Col xs={24} xl={8}>
              {can('fee.collect') ? (
                <PayForm account={a} chosen={chosen} chosenTotal={chosenTotal} onPaid={(p) => { reload(); openReceipt(p.id); }} onConflict={reload} />
              ) : (
                <Alert type="info" showIcon title={t('fees.cashier.cannotCollect')} />
              )}
            </Col>
          </Row>
          <Card size="small" title={t('fees.account.payments')}>
            <Table<Payment>
              rowKey="id"
              size="small"
              columns={paymentColumns}
              dataSource={a.payments}
              pagination={false}
              tableLayout="fixed"
              scroll={{ x: 900 }}
              locale={{ emptyText: t('fees.account.noPayments') }}
              data-testid="unit-payments"
            />
          </Card>
        </Flex>
      )}
      {a && <PrepaidModal open={prepaidOpen} account={a} onClose={() => setPrepaidOpen(false)} onDone={(p) => { setPrepaidOpen(false); reload(); openReceipt(p.id); }} />}
      <ReversalModal payment={reversing} onClose={() => setReversing(null)} onDone={() => { setReversing(null); reload(); }} />
    </>
  );
}
