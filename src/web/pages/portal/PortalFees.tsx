import { PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Empty, Flex, Tag, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { api } from '../../api/client.ts';
import type { PortalFeeUnit } from '../../api/fee-types.ts';
import { PaymentStatusTag, StepTag, useMethodLabel } from '../../components/fees/FeeTags.tsx';
import { formatDate, formatDateTime, formatFen } from '../../components/format.ts';
import { PortalListState } from './PortalListState.tsx';
import { useT } from '../../i18n/index.tsx';

/** 我的账单: what the owner owes (late fees to date), his prepaid balance, payments and receipts, notices. */
export default function PortalFees() {
  const t = useT();
  const fees = useQuery({ queryKey: ['portal-fees'], queryFn: () => api<{ units: PortalFeeUnit[] }>('/api/v1/portal/fees') });
  return (
    <>
      <Typography.Title level={4} className="wd-portal-h1" data-testid="portal-title">
        {t('fees.portal.title')}
      </Typography.Title>
      <PortalListState query={fees} rows={6} isEmpty={(d) => !d.units.length} empty={t('portal.noUnits')}>
        {(data) => (
          <Flex vertical gap={16}>
            {data.units.map((u) => (
              <UnitBills key={u.unitId} u={u} />
            ))}
          </Flex>
        )}
      </PortalListState>
    </>
  );
}

function UnitBills({ u }: { u: PortalFeeUnit }) {
  const t = useT();
  const navigate = useNavigate();
  const methodLabel = useMethodLabel();
  const step = u.arrearsSteps.reduce((m, s) => Math.max(m, s.step), 0);
  const lines = [...u.openLines].sort((a, b) => a.dueOn.localeCompare(b.dueOn));
  return (
    <Flex vertical gap={12} data-testid={`portal-fees-${u.unitId}`}>
      <Card size="small" className="wd-portal-card">
        <div className="wd-fee-fact-label">{u.unitLabel}</div>
        <div className="wd-portal-bill-total">
          <div>
            <div className="wd-fee-fact-label">{t('fees.portal.totalDue')}</div>
            <div className={`wd-money-big${u.totalDue ? ' wd-due' : ' wd-ok'}`} data-testid="portal-total-due">
              {formatFen(u.totalDue)}
            </div>
          </div>
          <div style={{ textAlign: 'end' }}>
            <div className="wd-fee-fact-label">{t('fees.account.prepaid')}</div>
            <div style={{ fontSize: 16 }} className="wd-money">
              {formatFen(u.prepaidBalance)}
            </div>
          </div>
        </div>
        {step > 0 && (
          <Alert
            style={{ marginTop: 10 }}
            type="warning"
            showIcon
            title={
              <span>
                {t('fees.portal.ladder')} <StepTag step={step} />
              </span>
            }
          />
        )}
        {!u.totalDue && <div className="wd-ok wd-small" style={{ marginTop: 6 }}>{t('fees.portal.allPaid')}</div>}
        <div className="wd-muted wd-small" style={{ marginTop: 8 }}>
          {t('fees.portal.howToPay')}
        </div>
      </Card>
      <Card size="small" title={t('fees.portal.openLines', { n: lines.length })} className="wd-portal-card">
        {lines.length ? (
          lines.map((l) => (
            <div key={l.id} className="wd-portal-line">
              <div style={{ minWidth: 0 }}>
                <div>
                  {l.itemName} <span className="wd-muted wd-small">{l.period}</span>
                </div>
                <div className="wd-muted wd-small">
                  {t('fees.portal.dueOn', { date: formatDate(l.dueOn) })}
                  {l.lateDue > 0 && <span className="wd-due"> · {t('fees.portal.late', { amount: formatFen(l.lateDue) })}</span>}
                </div>
              </div>
              <b className="wd-money">{formatFen(l.totalDue)}</b>
            </div>
          ))
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('fees.portal.noOpen')} />
        )}
      </Card>
      <Card size="small" title={t('fees.account.payments')} className="wd-portal-card">
        {u.payments.length ? (
          u.payments.map((p) => (
            <div key={p.id} className="wd-portal-line">
              <div style={{ minWidth: 0 }}>
                <div>
                  <b className="wd-money">{formatFen(p.amount)}</b> <span className="wd-muted wd-small">{methodLabel(p.method)}</span> {p.status !== 'valid' && <PaymentStatusTag status={p.status} />}
                </div>
                <div className="wd-muted wd-small">
                  {formatDateTime(p.paidAt).slice(0, 16)} · <span className="wd-mono">{p.receiptNo}</span>
                </div>
              </div>
              <Button size="small" icon={<PrinterOutlined />} onClick={() => navigate(`/portal/fees/receipts/${p.id}`)} data-testid={`portal-receipt-${p.id}`}>
                {t('fees.payment.receipt')}
              </Button>
            </div>
          ))
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('fees.account.noPayments')} />
        )}
      </Card>
      <Card size="small" title={t('fees.portal.notices')} className="wd-portal-card">
        {u.notices.length ? (
          <Flex gap={6} wrap>
            {u.notices.map((n) => (
              <Tag key={n.period} color={n.deliveredAt ? 'green' : 'default'}>
                {n.period} {n.deliveredAt ? t('fees.notices.deliveredOn', { date: formatDate(n.deliveredAt) }) : t('fees.notices.notDelivered')}
              </Tag>
            ))}
          </Flex>
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('fees.portal.noNotices')} />
        )}
      </Card>
    </Flex>
  );
}
