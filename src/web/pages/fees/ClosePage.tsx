import { LockOutlined, PrinterOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, Flex, Row, Select, Statistic, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useNavigate, useSearchParams } from 'react-router';
import { PAYMENT_METHODS } from '../../../core/fees.ts';
import { api } from '../../api/client.ts';
import type { CashierDay, Payment } from '../../api/fee-types.ts';
import { useSession } from '../../app/session.tsx';
import { PaymentStatusTag, useMethodLabel } from '../../components/fees/FeeTags.tsx';
import { useServerToday } from '../../components/fees/PeriodPicker.tsx';
import { FEES } from '../../components/fees/queries.ts';
import { formatDateTime, formatFen } from '../../components/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { DeferredDatePicker } from '../../components/DeferredDatePicker.tsx';
import { CardSkeleton, ErrorResult } from '../../components/Results.tsx';
import { useReportError } from '../../components/useReportError.ts';
import { useT } from '../../i18n/index.tsx';

/** 日结: the cashier's day by payment method, reconciled against the ledger, then closed. */
export default function ClosePage() {
  const t = useT();
  const { estateId, can } = useSession();
  const { modal, message } = App.useApp();
  const reportError = useReportError();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { today } = useServerToday();
  const [params, setParams] = useSearchParams();
  const date = params.get('date') ?? today;
  // The assistant and the director look at any cashier's day; a cashier at his own.
  const cashiers = useQuery({
    queryKey: [FEES, 'close', 'cashiers', estateId, date],
    queryFn: () => api<{ items: Array<{ cashierId: number; cashierName: string; payments: number; amount: number; closed: boolean }> }>('/api/v1/fees/close/cashiers', { query: { estateId, date } }),
    enabled: !!estateId && !can('fee.collect'),
  });
  const cashierId = params.get('cashierId') ?? (can('fee.collect') ? undefined : cashiers.data?.items[0]?.cashierId.toString());
  const query = { estateId, date, cashierId };
  const day = useQuery({
    queryKey: [FEES, 'close', query],
    queryFn: () => api<CashierDay>('/api/v1/fees/close', { query }),
    enabled: !!estateId && (can('fee.collect') || cashiers.isFetched),
    placeholderData: keepPreviousData,
  });
  const methodLabel = useMethodLabel();
  const d = day.data;

  const close = () =>
    modal.confirm({
      title: t('fees.close.confirmTitle', { date }),
      content: t('fees.close.confirmBody', { n: d?.payments ?? 0, amount: formatFen(d?.amount ?? 0) }),
      okText: t('fees.close.close'),
      onOk: async () => {
        try {
          await api('/api/v1/fees/close', { body: { estateId, date } });
          message.success(t('fees.close.closed'));
          await qc.invalidateQueries({ queryKey: [FEES, 'close'] });
        } catch (err) {
          reportError(err);
        }
      },
    });

  return (
    <>
      <PageHeader
        title={t('nav.feesClose')}
        subtitle={t('fees.close.subtitle')}
        tags={d && (d.closed ? <Tag color="green">{t('fees.close.isClosed')}</Tag> : <Tag color="gold">{t('fees.close.open')}</Tag>)}
        extra={
          <>
            <Button icon={<PrinterOutlined />} disabled={!d} onClick={() => navigate(`/print/fees/close?date=${date}${cashierId ? `&cashierId=${cashierId}` : ''}`)} data-testid="close-print">
              {t('print.print')}
            </Button>
            {can('fee.collect') && (
              <Button type="primary" icon={<LockOutlined />} disabled={!d || !!d.closed || !d.payments} onClick={close} data-testid="close-do">
                {t('fees.close.close')}
              </Button>
            )}
          </>
        }
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Flex gap={12} align="center">
          <DeferredDatePicker value={dayjs(date)} allowClear={false} onChange={(v) => v && setParams({ date: v.format('YYYY-MM-DD') }, { replace: true })} data-testid="close-date" />
          {!can('fee.collect') && (
            <Select
              style={{ minWidth: 240 }}
              placeholder={t('fees.close.pickCashier')}
              value={cashierId ? Number(cashierId) : undefined}
              loading={cashiers.isPending}
              notFoundContent={t('fees.close.noCashiers')}
              onChange={(v: number) => setParams({ date, cashierId: String(v) }, { replace: true })}
              options={(cashiers.data?.items ?? []).map((c) => ({
                value: c.cashierId,
                label: `${c.cashierName} · ${t('fees.close.cashierLine', { n: c.payments, amount: formatFen(c.amount) })}${c.closed ? ` · ${t('fees.close.isClosed')}` : ''}`,
              }))}
              data-testid="close-cashier"
            />
          )}
          {d && <span className="wd-muted">{t('fees.close.cashier', { name: d.cashierName ?? '—' })}</span>}
        </Flex>
      </Card>
      {day.error && !d ? (
        <ErrorResult error={day.error} />
      ) : !d ? (
        <Card>
          <CardSkeleton rows={6} />
        </Card>
      ) : (
        <Flex vertical gap={16}>
          <Card size="small">
            <Row gutter={[16, 12]}>
              <Col xs={12} md={4}>
                <Statistic title={t('fees.close.payments')} value={d.payments} />
              </Col>
              <Col xs={12} md={5}>
                <Statistic title={t('fees.close.amount')} value={formatFen(d.amount)} />
              </Col>
              <Col xs={12} md={5}>
                <Statistic title={t('fees.close.allocated')} value={formatFen(d.allocated)} />
              </Col>
              <Col xs={12} md={5}>
                <Statistic title={t('fees.close.toPrepaid')} value={formatFen(d.toPrepaid)} />
              </Col>
              <Col xs={12} md={5}>
                <Statistic title={t('fees.close.reversed')} value={formatFen(d.reversed)} />
              </Col>
            </Row>
            <div style={{ marginTop: 12 }}>
              {d.reconciled ? <Tag color="green" data-testid="close-reconciled">{t('fees.close.reconciled')}</Tag> : <Tag color="red" data-testid="close-reconciled">{t('fees.close.notReconciled')}</Tag>}
              {d.closed && <span className="wd-muted wd-small">{t('fees.close.closedAt', { at: formatDateTime(d.closed.closedAt).slice(0, 16) })}</span>}
            </div>
          </Card>
          <Row gutter={16}>
            <Col xs={24} lg={8}>
              <Card size="small" title={t('fees.close.byMethod')}>
                <Table
                  rowKey="method"
                  size="small"
                  pagination={false}
                  dataSource={PAYMENT_METHODS.map((m) => ({ method: m, amount: d.byMethod[m] ?? 0 }))}
                  columns={[
                    { title: t('fees.payment.method'), dataIndex: 'method', render: methodLabel },
                    { title: t('fees.payment.amount'), dataIndex: 'amount', align: 'right', render: (v: number) => <span className="wd-money">{formatFen(v)}</span> },
                  ]}
                  summary={() => (
                    <Table.Summary.Row>
                      <Table.Summary.Cell index={0}>
                        <b>{t('fees.receipt.total')}</b>
                      </Table.Summary.Cell>
                      <Table.Summary.Cell index={1} align="right">
                        <b className="wd-money">{formatFen(d.amount)}</b>
                      </Table.Summary.Cell>
                    </Table.Summary.Row>
                  )}
                  data-testid="close-by-method"
                />
              </Card>
            </Col>
            <Col xs={24} lg={16}>
              <Card size="small" title={t('fees.close.items', { n: d.items.length })}>
                <Table<Payment>
                  rowKey="id"
                  size="small"
                  dataSource={d.items}
                  pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
                  locale={{ emptyText: t('fees.close.none') }}
                  columns={[
                    { title: t('fees.payment.receiptNo'), dataIndex: 'receiptNo', render: (v: string) => <span className="wd-mono">{v}</span> },
                    { title: t('fees.unit'), dataIndex: 'unitLabel' },
                    { title: t('fees.payment.paidAt'), dataIndex: 'paidAt', render: (v: string) => formatDateTime(v).slice(11, 16) },
                    { title: t('fees.payment.method'), dataIndex: 'method', render: methodLabel },
                    { title: t('fees.payment.amount'), dataIndex: 'amount', align: 'right', render: (v: number) => <span className="wd-money">{formatFen(v)}</span> },
                    { title: t('fees.payment.status'), dataIndex: 'status', render: (v: string) => <PaymentStatusTag status={v} /> },
                  ]}
                />
              </Card>
            </Col>
          </Row>
        </Flex>
      )}
    </>
  );
}
